//! Which `go`/`defer` statements Go ≥ 1.22 wraps in a `gowrapN`/`deferwrapN`
//! closure: every call except a call of a function value that takes no
//! arguments and returns nothing (`normalizeGoDeferCall` in
//! `cmd/compile/internal/typecheck/stmt.go`). Without types this is decided
//! from the syntax and the package's own signatures.

use tree_sitter::Node;

use super::text::KindName as _;

use super::fields;

use super::NameSeed;
use super::text::{line, span, text, unparen};
use super::walker::Walker;
use crate::model::{FuncKind, Function};

const BUILTINS: &[&str] = &[
    "append", "cap", "clear", "close", "complex", "copy", "delete", "imag", "len", "make", "max",
    "min", "new", "panic", "print", "println", "real", "recover",
];

impl<'a> Walker<'a> {
    /// Whether the go/defer statement `stmt` gets a wrapper function.
    pub(super) fn needs_wrapper(&self, stmt: Node<'a>) -> bool {
        let Some(call) = stmt.named_child(0).map(unparen) else {
            return false;
        };
        if call.kind_name() != "call_expression" {
            return false;
        }
        let has_args = call
            .child_by_field_id(fields::arguments())
            .is_some_and(|a| a.named_child_count() > 0);
        if has_args {
            return true;
        }
        let Some(callee) = call.child_by_field_id(fields::function()).map(unparen) else {
            return false;
        };
        match callee.kind_name() {
            "func_literal" => {
                let params = callee
                    .child_by_field_id(fields::parameters())
                    .is_some_and(|p| p.named_child_count() > 0);
                params || callee.child_by_field_id(fields::result()).is_some()
            }
            "identifier" => {
                let name = text(callee, self.src);
                if self.env.funcs.contains(name) {
                    !self.env.niladic.contains(name)
                } else {
                    BUILTINS.contains(&name)
                }
            }
            // `pkg.F()` calls a function; `x.M()` passes x as the receiver.
            "selector_expression" => callee
                .child_by_field_id(fields::operand())
                .is_none_or(|op| !self.import_names.iter().any(|n| n == text(op, self.src))),
            _ => false,
        }
    }

    pub(super) fn go_defer(&mut self, node: Node<'a>) {
        self.record_statement(node, None);
        let wrap = !self.dead && self.needs_wrapper(node);
        if let (true, Some(ctx)) = (wrap, self.stack.last_mut()) {
            ctx.wraps += 1;
            let (n, parent) = (ctx.wraps, ctx.idx);
            let go = node.kind_name() == "go_statement";
            self.push_function(
                Function {
                    name: String::new(),
                    legacy_name: None,
                    kind: if go {
                        FuncKind::GoWrap
                    } else {
                        FuncKind::DeferWrap
                    },
                    receiver: None,
                    type_params: Vec::new(),
                    decl_line: line(node),
                    span: span(node),
                    body: None,
                    parent: Some(parent),
                    dead: false,
                },
                NameSeed::Wrapper { go, n },
            );
        }
        self.visit_children(node);
    }
}
