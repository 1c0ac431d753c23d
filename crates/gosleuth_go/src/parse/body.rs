//! Function bodies: statements (with the dead code Go ≥ 1.21 drops before
//! numbering closures), loops, calls, literals and `sync.Pool` literals.

use tree_sitter::Node;

use super::text::KindName as _;

use super::fields;

use super::NameSeed;
use super::text::{self, line, named_children, span};
use super::walker::Walker;
use crate::model::{CallSite, FuncKind, Function, Loop, LoopKind, Statement};

impl<'a> Walker<'a> {
    pub(super) fn block(&mut self, block: Node<'a>) {
        self.each_named_child(block, |w, child| {
            if child.kind_name() == "statement_list" {
                w.stmt_list(child);
            } else {
                w.visit(child);
            }
        });
    }

    pub(super) fn record_statement(&mut self, node: Node<'a>, body: Option<Node<'a>>) {
        if let Some(ctx) = self.stack.last() {
            self.out.index.statements.push(Statement {
                span: span(node),
                text: text::statement_text(node, body, self.src),
                func: ctx.idx,
            });
        }
    }

    pub(super) fn stmt(&mut self, node: Node<'a>) {
        match node.kind_name() {
            "block" => self.block(node),
            "labeled_statement" => {
                for child in named_children(node) {
                    if child.kind_name() != "label_name" {
                        self.stmt(child);
                    }
                }
            }
            "if_statement" => self.if_stmt(node),
            "for_statement" => self.for_stmt(node),
            "expression_switch_statement" => self.switch_stmt(node),
            "type_switch_statement" | "select_statement" => {
                self.record_statement(node, text::child_of_kind(node, "{"));
                self.visit_children(node);
            }
            "go_statement" | "defer_statement" => self.go_defer(node),
            "const_declaration" => {
                self.record_statement(node, None);
                self.local_consts(node);
            }
            "comment" | "empty_statement" => {}
            _ => {
                self.record_statement(node, None);
                self.visit(node);
            }
        }
    }

    fn if_stmt(&mut self, node: Node<'a>) {
        let consequence = node.child_by_field_id(fields::consequence());
        self.record_statement(node, consequence);
        if let Some(init) = node.child_by_field_id(fields::initializer()) {
            self.visit(init);
        }
        let cond = node.child_by_field_id(fields::condition());
        if let Some(c) = cond {
            self.visit(c);
        }
        let value = cond.map_or(0, |c| self.env.static_bool(c, self.src));
        let outer = self.dead;
        if let Some(then) = consequence {
            self.dead = outer || value < 0;
            self.block(then);
        }
        if let Some(alt) = node.child_by_field_id(fields::alternative()) {
            self.dead = outer || value > 0;
            self.stmt(alt);
        }
        self.dead = outer;
    }

    fn for_stmt(&mut self, node: Node<'a>) {
        let body = node.child_by_field_id(fields::body());
        self.record_statement(node, body);
        let clause = named_children(node)
            .into_iter()
            .find(|c| Some(*c) != body && c.kind_name() != "comment");
        let kind = if clause.is_some_and(|c| c.kind_name() == "range_clause") {
            LoopKind::Range
        } else {
            LoopKind::For
        };
        let cond = match clause {
            Some(c) if c.kind_name() == "for_clause" => c.child_by_field_id(fields::condition()),
            Some(c) if c.kind_name() != "range_clause" => Some(c),
            _ => None,
        };
        let never = cond.is_some_and(|c| self.env.static_bool(c, self.src) < 0);
        let func = self.stack.last().map_or(0, |c| c.idx);
        let depth = u32::try_from(self.loops.len()).unwrap_or(u32::MAX);
        self.out.index.loops.push(Loop {
            kind,
            span: span(node),
            func,
            depth,
        });
        let loop_idx = self.out.index.loops.len() - 1;
        let outer = self.dead;
        match clause {
            Some(c) if c.kind_name() == "for_clause" => {
                if let Some(init) = c.child_by_field_id(fields::initializer()) {
                    self.visit(init);
                }
                self.loops.push(loop_idx);
                if let Some(cond) = cond {
                    self.visit(cond);
                }
                self.dead = outer || never;
                if let Some(update) = c.child_by_field_id(fields::update()) {
                    self.visit(update);
                }
            }
            Some(c) => {
                self.visit(c);
                self.loops.push(loop_idx);
            }
            None => self.loops.push(loop_idx),
        }
        self.dead = outer || never;
        if let Some(body) = body {
            self.block(body);
        }
        self.dead = outer;
        self.loops.pop();
    }

    /// Visits an expression (or a simple statement) and everything under it.
    pub(super) fn visit(&mut self, node: Node<'a>) {
        match node.kind_name() {
            "func_literal" => self.literal(node),
            "identifier" => {
                if let Some(refs) = self.refs.as_mut() {
                    refs.push(text::text(node, self.src));
                }
            }
            "call_expression" => {
                self.call(node);
                self.visit_children(node);
            }
            "composite_literal" => self.composite(node),
            "keyed_element" => {
                let key = node.child_by_field_id(fields::key());
                let value = node.child_by_field_id(fields::value());
                // A bare identifier key names a struct field, not a variable.
                let field_key = key.is_some_and(|k| {
                    k.named_child(0)
                        .is_some_and(|i| i.kind_name() == "identifier")
                });
                let owner = key.map(|k| text::text(k, self.src));
                let saved = std::mem::replace(&mut self.owner, owner);
                if let (Some(k), false) = (key, field_key) {
                    self.visit(k);
                }
                if let Some(v) = value {
                    self.visit(v);
                }
                self.owner = saved;
            }
            "assignment_statement" | "short_var_declaration" | "range_clause" => {
                let left = node.child_by_field_id(fields::left());
                if node.kind_name() != "assignment_statement" {
                    self.declare(left);
                }
                self.visit_children_with_owner(node, left.map(|l| text::text(l, self.src)));
            }
            "var_spec" => {
                let name = node.child_by_field_id(fields::name());
                self.declare_names(node);
                self.visit_children_with_owner(node, name.map(|l| text::text(l, self.src)));
            }
            "statement_list" => self.stmt_list(node),
            "block" => self.block(node),
            // Nothing under these can hold a literal, a call or a variable.
            "comment"
            | "interpreted_string_literal"
            | "raw_string_literal"
            | "int_literal"
            | "float_literal"
            | "rune_literal"
            | "type_identifier"
            | "qualified_type"
            | "pointer_type"
            | "slice_type"
            | "map_type"
            | "struct_type"
            | "interface_type"
            | "function_type"
            | "channel_type"
            | "array_type"
            | "generic_type"
            | "type_declaration"
            | "field_identifier"
            | "package_identifier" => {}
            _ => self.visit_children(node),
        }
    }

    pub(super) fn visit_children(&mut self, node: Node<'a>) {
        self.each_named_child(node, Self::visit);
    }

    /// Calls `f` on each named child of `node`, through a reused cursor: a
    /// new cursor allocates, and the walk visits the children of millions of
    /// nodes.
    pub(super) fn each_named_child(
        &mut self,
        node: Node<'a>,
        mut f: impl FnMut(&mut Self, Node<'a>),
    ) {
        let mut cursor = match self.cursors.pop() {
            Some(mut c) => {
                c.reset(node);
                c
            }
            None => node.walk(),
        };
        if cursor.goto_first_child() {
            loop {
                let child = cursor.node();
                if child.is_named() {
                    f(self, child);
                }
                if !cursor.goto_next_sibling() {
                    break;
                }
            }
        }
        self.cursors.push(cursor);
    }

    fn visit_children_with_owner(&mut self, node: Node<'a>, owner: Option<&'a str>) {
        let saved = std::mem::replace(&mut self.owner, owner);
        self.visit_children(node);
        self.owner = saved;
    }

    pub(super) fn expr_with_owner(&mut self, node: Node<'a>, owner: Option<&'a str>) {
        let saved = std::mem::replace(&mut self.owner, owner);
        self.visit(node);
        self.owner = saved;
    }

    fn call(&mut self, node: Node<'a>) {
        let callee = node
            .child_by_field_id(fields::function())
            .map(|f| text::shorten(text::text(f, self.src)))
            .unwrap_or_default();
        let args = node.child_by_field_id(fields::arguments()).map_or(0, |a| {
            u32::try_from(a.named_child_count()).unwrap_or(u32::MAX)
        });
        self.out.index.calls.push(CallSite {
            callee,
            line: line(node),
            args,
            func: self.stack.last().map(|c| c.idx),
            in_loop: self.loops.last().copied(),
        });
    }

    fn literal(&mut self, node: Node<'a>) {
        let dead = self.dead;
        let (parent, seed) = match self.stack.last_mut() {
            None => (None, NameSeed::PackageLiteral),
            Some(ctx) => {
                ctx.legacy_lits += 1;
                let modern = (!dead).then(|| {
                    ctx.modern_lits += 1;
                    ctx.modern_lits
                });
                (
                    Some(ctx.idx),
                    NameSeed::Literal {
                        modern,
                        legacy: ctx.legacy_lits,
                    },
                )
            }
        };
        let body = node.child_by_field_id(fields::body());
        if let Some(params) = node.child_by_field_id(fields::parameters()) {
            self.declare_params(params);
        }
        let idx = self.push_function(
            Function {
                name: String::new(),
                legacy_name: None,
                kind: FuncKind::Literal,
                receiver: None,
                type_params: Vec::new(),
                decl_line: line(node),
                span: span(node),
                body: body.map(span),
                parent,
                dead,
            },
            seed,
        );
        if let Some(body) = body {
            self.enter_function(idx, body);
        }
    }
}
