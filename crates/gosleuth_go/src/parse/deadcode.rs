//! The code Go ≥ 1.21 drops before numbering closures: statements after a
//! terminating statement, branches under constant conditions, unreachable
//! switch clauses (`cmd/compile/internal/noder/writer.go`: `stmts`,
//! `terminates`, `ifStmt`, `forStmt`, `switchStmt`). Go ≤ 1.19 numbers
//! closures before dropping anything.

use tree_sitter::Node;

use super::text::KindName as _;

use super::fields;

use super::consteval::ConstValue;
use super::text::{self, named_children, unparen};
use super::walker::Walker;

impl<'a> Walker<'a> {
    /// Mirrors `(*writer).stmts`: after a terminating statement, the rest of
    /// the list is dropped unless a label follows.
    pub(super) fn stmt_list(&mut self, list: Node<'a>) {
        let mut stmts: Vec<Node<'a>> = Vec::new();
        self.each_named_child(list, |_, s| {
            if s.kind_name() != "comment" {
                stmts.push(s);
            }
        });
        let last_label = stmts
            .iter()
            .rposition(|s| s.kind_name() == "labeled_statement");
        let outer = self.dead;
        let mut dead_here = false;
        for (i, s) in stmts.iter().enumerate() {
            let skip = dead_here
                && last_label.is_none_or(|l| i > l)
                && s.kind_name() != "labeled_statement";
            self.dead = outer || skip;
            self.stmt(*s);
            if !skip {
                dead_here = self.terminates(Some(*s));
            }
        }
        self.dead = outer;
    }

    fn terminates(&self, stmt: Option<Node<'a>>) -> bool {
        let Some(stmt) = stmt else { return false };
        match stmt.kind_name() {
            "return_statement" | "goto_statement" => true,
            "expression_statement" => stmt.named_child(0).map(unparen).is_some_and(|call| {
                call.kind_name() == "call_expression"
                    && call.child_by_field_id(fields::function()).is_some_and(|f| {
                        f.kind_name() == "identifier" && text::text(f, self.src) == "panic"
                    })
            }),
            "if_statement" => {
                let cond = stmt
                    .child_by_field_id(fields::condition())
                    .map_or(0, |c| self.env.static_bool(c, self.src));
                (cond < 0 || self.terminates(stmt.child_by_field_id(fields::consequence())))
                    && (cond > 0 || self.terminates(stmt.child_by_field_id(fields::alternative())))
            }
            "block" => {
                let list = named_children(stmt)
                    .into_iter()
                    .find(|c| c.kind_name() == "statement_list");
                let last = list.and_then(|l| {
                    named_children(l)
                        .into_iter()
                        .rev()
                        .find(|s| s.kind_name() != "empty_statement" && s.kind_name() != "comment")
                });
                self.terminates(last)
            }
            _ => false,
        }
    }

    pub(super) fn switch_stmt(&mut self, node: Node<'a>) {
        self.record_statement(node, text::child_of_kind(node, "{"));
        if let Some(init) = node.child_by_field_id(fields::initializer()) {
            self.visit(init);
        }
        let tag = node.child_by_field_id(fields::value());
        if let Some(tag) = tag {
            self.visit(tag);
        }
        let clauses: Vec<Node<'a>> = named_children(node)
            .into_iter()
            .filter(|c| c.kind_name() == "expression_case" || c.kind_name() == "default_case")
            .collect();
        let keep = self.static_switch(tag, &clauses);
        let outer = self.dead;
        for (i, clause) in clauses.iter().enumerate() {
            self.dead = outer || keep.is_some_and(|k| k != Some(i));
            self.visit_children(*clause);
        }
        self.dead = outer;
    }

    pub(super) fn local_consts(&mut self, decl: Node<'a>) {
        for spec in named_children(decl)
            .into_iter()
            .filter(|s| s.kind_name() == "const_spec")
        {
            let mut cursor = spec.walk();
            let names: Vec<Node<'a>> = spec
                .children_by_field_id(fields::name_nz(), &mut cursor)
                .collect();
            let values = spec
                .child_by_field_id(fields::value())
                .map(named_children)
                .unwrap_or_default();
            for (name, value) in names.iter().zip(values.iter()) {
                let name = text::text(*name, self.src).to_owned();
                match self.env.eval(*value, self.src) {
                    Some(v) => self.env.names.insert(name, v),
                    None => self.env.names.remove(&name),
                };
            }
            self.visit_children(spec);
        }
    }

    /// Mirrors the constant-tag case of `(*writer).switchStmt`: `None` when
    /// every clause is kept, `Some(None)` when none is, `Some(Some(i))` when
    /// only clause `i` is.
    fn static_switch(&self, tag: Option<Node<'a>>, clauses: &[Node<'a>]) -> Option<Option<usize>> {
        let tag_value = match tag {
            Some(t) => self.env.eval(t, self.src)?,
            None => ConstValue::Bool(true),
        };
        let mut target = None;
        'outer: for (i, clause) in clauses.iter().enumerate() {
            if clause.kind_name() == "default_case" {
                target = Some(i);
                continue;
            }
            let values = clause
                .child_by_field_id(fields::value())
                .map(named_children)
                .unwrap_or_default();
            for value in values {
                let v = self.env.eval(value, self.src)?;
                if v == tag_value {
                    target = Some(i);
                    break 'outer;
                }
            }
        }
        if let Some(t) = target {
            let last = named_children(clauses[t])
                .into_iter()
                .filter(|c| c.kind_name() == "statement_list")
                .flat_map(named_children)
                .rfind(|s| s.kind_name() != "comment");
            if last.is_some_and(|s| s.kind_name() == "fallthrough_statement") {
                return None;
            }
        }
        Some(target)
    }
}
