//! Building [`Locals`]: the types of a function's names, from parameters,
//! `var`, `:=`, assignments, range clauses and select receives.

use gosleuth_go::KindName as _;
use tree_sitter::Node;

use super::{Locals, Typer, chan_elem, split_map};
use crate::syntax::{field, named, text, unparen};

impl Typer<'_> {
    /// Builds the locals of `func` (a top-level declaration), literals included.
    pub(crate) fn locals(&self, func: Node<'_>) -> Locals {
        let mut locals = Locals::default();
        crate::syntax::walk(func, &mut |n| {
            match n.kind_name() {
                "parameter_declaration" | "variadic_parameter_declaration" => {
                    let ty = field(n, "type").map(|t| {
                        let s = self.type_str(t);
                        if n.kind_name() == "variadic_parameter_declaration" {
                            format!("[]{s}")
                        } else {
                            s
                        }
                    });
                    let mut c = n.walk();
                    for name in n.children_by_field_name("name", &mut c) {
                        locals.add(text(name, self.src), ty.clone());
                    }
                }
                "var_spec" => self.var_spec(n, &mut locals),
                "short_var_declaration" => self.assign(n, &mut locals, true),
                "assignment_statement" => self.assign(n, &mut locals, false),
                "range_clause" => self.range(n, &mut locals),
                "receive_statement" => {
                    if let (Some(left), Some(right)) = (field(n, "left"), field(n, "right")) {
                        let elem = self.type_of(right, &locals);
                        for (i, l) in named(left).into_iter().enumerate() {
                            let t = if i == 0 {
                                elem.clone()
                            } else {
                                Some("bool".into())
                            };
                            locals.add(text(l, self.src), t);
                        }
                    }
                }
                _ => {}
            }
            true
        });
        locals
    }

    fn var_spec(&self, n: Node<'_>, locals: &mut Locals) {
        let mut c = n.walk();
        let names: Vec<Node<'_>> = n.children_by_field_name("name", &mut c).collect();
        if let Some(t) = field(n, "type") {
            let ty = self.type_str(t);
            for name in names {
                locals.add(text(name, self.src), Some(ty.clone()));
            }
            return;
        }
        let values = field(n, "value").map(named).unwrap_or_default();
        self.bind(&names, &values, locals);
    }

    fn assign(&self, n: Node<'_>, locals: &mut Locals, define: bool) {
        let left = field(n, "left").map(named).unwrap_or_default();
        let right = field(n, "right").map(named).unwrap_or_default();
        if crate::syntax::assign_op(n, self.src) != "=" && !define {
            return;
        }
        let idents: Vec<Node<'_>> = left
            .iter()
            .copied()
            .filter(|l| l.kind_name() == "identifier")
            .collect();
        if idents.len() != left.len() {
            // Mixed targets: bind what lines up.
            if left.len() == right.len() {
                for (l, r) in left.iter().zip(&right) {
                    if l.kind_name() == "identifier" {
                        let t = self.type_of(*r, locals);
                        locals.add(text(*l, self.src), t);
                    }
                }
            }
            return;
        }
        self.bind(&left, &right, locals);
    }

    fn bind(&self, names: &[Node<'_>], values: &[Node<'_>], locals: &mut Locals) {
        if names.len() == values.len() {
            for (l, r) in names.iter().zip(values) {
                let t = self.type_of(*r, locals);
                locals.add(text(*l, self.src), t);
            }
        } else if values.len() == 1 {
            let tys = self.multi(values[0], locals);
            for (i, l) in names.iter().enumerate() {
                locals.add(text(*l, self.src), tys.get(i).cloned());
            }
        } else {
            for l in names {
                locals.add(text(*l, self.src), None);
            }
        }
    }

    fn range(&self, n: Node<'_>, locals: &mut Locals) {
        let Some(left) = field(n, "left") else { return };
        let over = field(n, "right").and_then(|r| self.type_of(r, locals));
        let (k, v) = match over.as_deref() {
            Some(t) if t.starts_with("[]") => (Some("int".to_owned()), Some(t[2..].to_owned())),
            Some(t) if t.starts_with("map[") => split_map(t),
            Some(t) if t.contains("chan ") => (chan_elem(t), None),
            Some("string") => (Some("int".into()), Some("rune".into())),
            _ => (None, None),
        };
        for (i, l) in named(left).into_iter().enumerate() {
            locals.add(
                text(l, self.src),
                if i == 0 { k.clone() } else { v.clone() },
            );
        }
    }

    /// Types of a multi-valued expression (`f()`, `x.(T)`, `m[k]`, `<-ch`).
    fn multi(&self, expr: Node<'_>, locals: &Locals) -> Vec<String> {
        let expr = unparen(expr);
        match expr.kind_name() {
            "call_expression" => self.call_results(expr, locals),
            "type_assertion_expression" | "index_expression" | "unary_expression" => self
                .type_of(expr, locals)
                .into_iter()
                .chain(std::iter::once("bool".to_owned()))
                .collect(),
            _ => Vec::new(),
        }
    }
}
