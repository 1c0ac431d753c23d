//! Small helpers over tree-sitter Go nodes.

use gosleuth_go::KindName as _;
use tree_sitter::Node;

/// The node's source text.
pub(crate) fn text<'s>(node: Node<'_>, src: &'s str) -> &'s str {
    src.get(node.byte_range()).unwrap_or("")
}

/// 1-based first line.
pub(crate) fn line(node: Node<'_>) -> u32 {
    u32::try_from(node.start_position().row + 1).unwrap_or(u32::MAX)
}

/// 1-based last line.
pub(crate) fn end_line(node: Node<'_>) -> u32 {
    u32::try_from(node.end_position().row + 1).unwrap_or(u32::MAX)
}

/// Named children.
pub(crate) fn named(node: Node<'_>) -> Vec<Node<'_>> {
    let mut cursor = node.walk();
    node.named_children(&mut cursor)
        .filter(|n| n.kind_name() != "comment")
        .collect()
}

/// A field child (field ids are looked up once, not per call; with FxHash,
/// since std's SipHash of the name cost more than the child lookup itself).
pub(crate) fn field<'t>(node: Node<'t>, name: &str) -> Option<Node<'t>> {
    static IDS: std::sync::OnceLock<rustc_hash::FxHashMap<&'static str, u16>> =
        std::sync::OnceLock::new();
    let ids = IDS.get_or_init(|| {
        let lang = gosleuth_go::go_language();
        (1..=lang.field_count())
            .filter_map(|i| {
                let id = u16::try_from(i).ok()?;
                Some((lang.field_name_for_id(id)?, id))
            })
            .collect()
    });
    node.child_by_field_id(*ids.get(name)?)
}

/// The id of a named node kind, for fast comparisons in walks.
pub(crate) fn kind_id(kind: &str) -> u16 {
    gosleuth_go::go_language().id_for_node_kind(kind, true)
}

/// Strips parentheses (and the `...` of a variadic argument).
pub(crate) fn unparen(mut node: Node<'_>) -> Node<'_> {
    while matches!(
        node.kind_name(),
        "parenthesized_expression" | "variadic_argument"
    ) {
        match node.named_child(0) {
            Some(n) => node = n,
            None => break,
        }
    }
    node
}

/// The statements of a block, a statement list or a case clause.
pub(crate) fn statements(node: Node<'_>) -> Vec<Node<'_>> {
    if node.kind_name() == "statement_list" {
        return named(node);
    }
    named(node)
        .into_iter()
        .filter(|c| c.kind_name() == "statement_list")
        .flat_map(named)
        .collect()
}

/// Calls `f` on `node` and its descendants in source order; `f` returns
/// whether to descend into the node's children.
pub(crate) fn walk<'t>(node: Node<'t>, f: &mut impl FnMut(Node<'t>) -> bool) {
    let mut cursor = node.walk();
    let mut descend = f(node);
    loop {
        if descend && cursor.goto_first_child() {
            let n = cursor.node();
            descend = !n.is_named() || f(n);
            continue;
        }
        loop {
            if cursor.node() == node {
                return;
            }
            if cursor.goto_next_sibling() {
                let n = cursor.node();
                descend = !n.is_named() || f(n);
                break;
            }
            if !cursor.goto_parent() {
                return;
            }
        }
    }
}

/// Descendants of `node` (itself included) satisfying `pred`, not looking
/// inside function literals other than `node` itself.
pub(crate) fn find<'t>(node: Node<'t>, pred: impl Fn(Node<'t>) -> bool) -> Vec<Node<'t>> {
    let mut out = Vec::new();
    walk(node, &mut |n| {
        if pred(n) {
            out.push(n);
        }
        n == node || n.kind_name() != "func_literal"
    });
    out
}

/// A call's callee split into receiver expression and name:
/// `a.b.C(x)` → (`a.b`, `C`); `F(x)` → (None, `F`).
pub(crate) fn callee<'t, 's>(call: Node<'t>, src: &'s str) -> Option<(Option<Node<'t>>, &'s str)> {
    let f = unparen(field(call, "function")?);
    match f.kind_name() {
        "identifier" => Some((None, text(f, src))),
        "selector_expression" => {
            let name = field(f, "field")?;
            Some((field(f, "operand"), text(name, src)))
        }
        "generic_type" | "index_expression" => {
            let inner = field(f, "type").or_else(|| field(f, "operand"))?;
            Some((None, text(inner, src)))
        }
        _ => None,
    }
}

/// The call's arguments.
pub(crate) fn args(call: Node<'_>) -> Vec<Node<'_>> {
    field(call, "arguments").map(named).unwrap_or_default()
}

/// The enclosing node of one of `kinds`, stopping at function boundaries
/// unless a function kind is asked for.
pub(crate) fn enclosing<'t>(node: Node<'t>, kinds: &[&str]) -> Option<Node<'t>> {
    let mut cur = node.parent();
    while let Some(n) = cur {
        if kinds.contains(&n.kind_name()) {
            return Some(n);
        }
        if matches!(
            n.kind_name(),
            "func_literal" | "function_declaration" | "method_declaration"
        ) {
            return None;
        }
        cur = n.parent();
    }
    None
}

/// Whether the node is a function declaration, method or literal.
pub(crate) fn is_func(n: Node<'_>) -> bool {
    matches!(
        n.kind_name(),
        "func_literal" | "function_declaration" | "method_declaration"
    )
}

/// The identifiers on the left of an assignment or short variable
/// declaration, with the matching right-hand expression when the counts agree.
pub(crate) fn assign_pairs<'t>(stmt: Node<'t>) -> Vec<(Node<'t>, Option<Node<'t>>)> {
    let left = field(stmt, "left").map(named).unwrap_or_default();
    let right = field(stmt, "right").map(named).unwrap_or_default();
    if left.len() == right.len() {
        left.into_iter().zip(right.into_iter().map(Some)).collect()
    } else {
        left.into_iter().map(|l| (l, None)).collect()
    }
}

/// The operator of an assignment statement (`=`, `+=`…).
pub(crate) fn assign_op<'s>(stmt: Node<'_>, src: &'s str) -> &'s str {
    field(stmt, "operator").map_or("=", |o| text(o, src))
}

/// A function's body block.
pub(crate) fn body(func: Node<'_>) -> Option<Node<'_>> {
    field(func, "body")
}

/// The name of a declared function or method (`""` for literals).
pub(crate) fn func_name<'s>(func: Node<'_>, src: &'s str) -> &'s str {
    field(func, "name").map_or("", |n| text(n, src))
}

/// Integer value of a constant expression: literals (decimal, hex, `_`),
/// `<<`, `*`, `+`, `-`, `/`, and names `name_value` knows.
pub(crate) fn int_value_with(
    node: Node<'_>,
    src: &str,
    name_value: &dyn Fn(&str) -> Option<i64>,
) -> Option<i64> {
    let node = unparen(node);
    match node.kind_name() {
        "int_literal" => {
            let t = text(node, src).replace('_', "");
            if let Some(h) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
                i64::from_str_radix(h, 16).ok()
            } else {
                t.parse().ok()
            }
        }
        "identifier" => name_value(text(node, src)),
        "binary_expression" => {
            let l = int_value_with(field(node, "left")?, src, name_value)?;
            let r = int_value_with(field(node, "right")?, src, name_value)?;
            match text(field(node, "operator")?, src) {
                "*" => l.checked_mul(r),
                "<<" => u32::try_from(r).ok().and_then(|r| l.checked_shl(r)),
                "+" => l.checked_add(r),
                "-" => l.checked_sub(r),
                "/" if r != 0 => Some(l / r),
                _ => None,
            }
        }
        _ => None,
    }
}
