//! `sync.Pool{New: func…}` literals: which literal is a pool's `New`.

use tree_sitter::Node;

use super::text::KindName as _;

use super::fields;

use super::text::{self, line, named_children};
use super::walker::Walker;
use crate::model::PoolNew;

impl<'a> Walker<'a> {
    pub(super) fn composite(&mut self, node: Node<'a>) {
        let is_pool = match (&self.sync_name, node.child_by_field_id(fields::type_())) {
            (Some(sync), Some(ty)) => {
                let t = text::text(ty, self.src);
                t.strip_prefix(sync.as_str()).is_some_and(|r| r == ".Pool")
            }
            _ => false,
        };
        let body = node.child_by_field_id(fields::body());
        let Some(body) = body.filter(|_| is_pool) else {
            return self.visit_children(node);
        };
        let owner = self.owner.unwrap_or_default();
        for elem in named_children(body) {
            let value = elem
                .child_by_field_id(fields::value())
                .and_then(|v| v.named_child(0));
            let is_new = elem.kind_name() == "keyed_element"
                && elem
                    .child_by_field_id(fields::key())
                    .is_some_and(|k| text::text(k, self.src) == "New")
                && value.is_some_and(|v| v.kind_name() == "func_literal");
            let first = self.out.index.functions.len();
            self.visit(elem);
            if is_new && self.out.index.functions.len() > first {
                self.out.index.pools.push(PoolNew {
                    owner: owner.to_owned(),
                    literal: first,
                    line: line(node),
                });
            }
        }
    }
}
