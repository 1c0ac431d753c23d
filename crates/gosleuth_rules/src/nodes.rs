//! One walk over a file's tree collects the nodes rules look at, so that
//! each rule visits only what concerns it.

use tree_sitter::Node;

/// Nodes of one file by kind, in source order.
#[derive(Debug, Default)]
pub(crate) struct Nodes<'t> {
    /// Top-level function and method declarations.
    pub(crate) tops: Vec<Node<'t>>,
    /// Every function: declarations, methods and literals.
    pub(crate) funcs: Vec<Node<'t>>,
    /// Call expressions.
    pub(crate) calls: Vec<Node<'t>>,
    /// Assignments and short variable declarations.
    pub(crate) assigns: Vec<Node<'t>>,
    /// `select` statements.
    pub(crate) selects: Vec<Node<'t>>,
    /// `go` statements.
    pub(crate) gos: Vec<Node<'t>>,
    /// Composite literals.
    pub(crate) composites: Vec<Node<'t>>,
    /// Binary `+` expressions.
    pub(crate) concats: Vec<Node<'t>>,
    /// Variable specs (package-level and local).
    pub(crate) var_specs: Vec<Node<'t>>,
    /// `for` statements.
    pub(crate) fors: Vec<Node<'t>>,
    /// `return` statements.
    pub(crate) returns: Vec<Node<'t>>,
    /// Send statements.
    pub(crate) sends: Vec<Node<'t>>,
    /// Channel receives (`<-ch`), select cases' included.
    pub(crate) receives: Vec<Node<'t>>,
    /// Blocks.
    pub(crate) blocks: Vec<Node<'t>>,
    /// Statement lists (block bodies and case clauses).
    pub(crate) stmt_lists: Vec<Node<'t>>,
    /// Struct field declarations.
    pub(crate) field_decls: Vec<Node<'t>>,
    /// Type conversions (`[]byte(s)`).
    pub(crate) conversions: Vec<Node<'t>>,
    func_parents: Vec<Option<usize>>,
    for_parents: Vec<Option<usize>>,
}

impl<'t> Nodes<'t> {
    /// Collects the nodes of `root`.
    pub(crate) fn collect(root: Node<'t>, src: &str) -> Nodes<'t> {
        static K: std::sync::OnceLock<[u16; 21]> = std::sync::OnceLock::new();
        let k = K.get_or_init(|| {
            [
                "function_declaration",
                "method_declaration",
                "func_literal",
                "call_expression",
                "assignment_statement",
                "short_var_declaration",
                "select_statement",
                "go_statement",
                "composite_literal",
                "binary_expression",
                "var_spec",
                "for_statement",
                "return_statement",
                "send_statement",
                "block",
                "statement_list",
                "field_declaration",
                "identifier",
                "field_identifier",
                "type_conversion_expression",
                "unary_expression",
            ]
            .map(crate::syntax::kind_id)
        });
        let mut n = Nodes::default();
        crate::syntax::walk(root, &mut |node| {
            let id = node.kind_id();
            match k.iter().position(|x| *x == id) {
                Some(0 | 1) => {
                    n.tops.push(node);
                    n.funcs.push(node);
                }
                Some(2) => n.funcs.push(node),
                Some(3) => n.calls.push(node),
                Some(4 | 5) => n.assigns.push(node),
                Some(6) => n.selects.push(node),
                Some(7) => n.gos.push(node),
                Some(8) => n.composites.push(node),
                Some(9)
                    if crate::syntax::field(node, "operator")
                        .is_some_and(|o| crate::syntax::text(o, src) == "+") =>
                {
                    n.concats.push(node);
                }
                Some(10) => n.var_specs.push(node),
                Some(11) => n.fors.push(node),
                Some(12) => n.returns.push(node),
                Some(13) => n.sends.push(node),
                Some(14) => n.blocks.push(node),
                Some(15) => n.stmt_lists.push(node),
                Some(16) => n.field_decls.push(node),
                Some(17 | 18) => return false,
                Some(19) => n.conversions.push(node),
                Some(20)
                    if crate::syntax::field(node, "operator")
                        .is_some_and(|o| crate::syntax::text(o, src) == "<-") =>
                {
                    n.receives.push(node);
                }
                _ => {}
            }
            true
        });
        n.func_parents = parents(&n.funcs);
        n.for_parents = parents(&n.fors);
        n
    }

    /// The nodes of `list` inside `scope` (`scope` itself included when in
    /// the list), nested function literals included.
    pub(crate) fn within<'a>(list: &'a [Node<'t>], scope: Node<'_>) -> &'a [Node<'t>] {
        let lo = list.partition_point(|n| n.start_byte() < scope.start_byte());
        let hi = list.partition_point(|n| n.start_byte() < scope.end_byte());
        &list[lo..hi.max(lo)]
    }

    /// The nodes of `list` whose innermost function is `func`.
    pub(crate) fn in_func(&self, list: &[Node<'t>], func: Node<'_>) -> Vec<Node<'t>> {
        Nodes::within(list, func)
            .iter()
            .copied()
            .filter(|n| {
                n.id() != func.id() && self.func_of(*n).is_some_and(|f| f.id() == func.id())
            })
            .collect()
    }

    /// The innermost function (declaration or literal) containing `node`
    /// (not `node` itself).
    pub(crate) fn func_of(&self, node: Node<'_>) -> Option<Node<'t>> {
        innermost(&self.funcs, &self.func_parents, node)
    }

    /// The innermost `for` statement containing `node` within its own
    /// function (a loop outside a function literal does not count).
    pub(crate) fn loop_of(&self, node: Node<'_>) -> Option<Node<'t>> {
        let lp = innermost(&self.fors, &self.for_parents, node)?;
        match self.func_of(node) {
            Some(f) if f.start_byte() > lp.start_byte() => None,
            _ => Some(lp),
        }
    }

    /// Whether `node` runs in a loop of its own function.
    pub(crate) fn in_loop(&self, node: Node<'_>) -> bool {
        self.loop_of(node).is_some()
    }

    /// The top-level function or method containing `node`, if any.
    pub(crate) fn top_of(&self, node: Node<'_>) -> Option<Node<'t>> {
        let at = node.start_byte();
        let i = self.tops.partition_point(|t| t.start_byte() <= at);
        let t = *self.tops.get(i.checked_sub(1)?)?;
        (t.end_byte() >= node.end_byte()).then_some(t)
    }
}

/// For nested spans in source order, the index of each one's innermost
/// enclosing span.
fn parents(spans: &[Node<'_>]) -> Vec<Option<usize>> {
    let mut out = Vec::with_capacity(spans.len());
    let mut stack: Vec<usize> = Vec::new();
    for (i, n) in spans.iter().enumerate() {
        while let Some(&top) = stack.last() {
            if spans[top].end_byte() >= n.end_byte() {
                break;
            }
            stack.pop();
        }
        out.push(stack.last().copied());
        stack.push(i);
    }
    out
}

/// The innermost span of `spans` strictly containing `node`.
fn innermost<'t>(
    spans: &[Node<'t>],
    parents: &[Option<usize>],
    node: Node<'_>,
) -> Option<Node<'t>> {
    let (start, end) = (node.start_byte(), node.end_byte());
    let mut i = spans
        .partition_point(|s| s.start_byte() <= start)
        .checked_sub(1)?;
    loop {
        let s = spans[i];
        let contains = s.start_byte() <= start && end <= s.end_byte();
        if contains && !(s.start_byte() == start && s.end_byte() == end && s.id() == node.id()) {
            return Some(s);
        }
        i = parents[i]?;
    }
}
