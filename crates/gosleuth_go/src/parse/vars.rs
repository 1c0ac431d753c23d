//! Package-level `var` declarations: names, type, initializer and the
//! literals in it.

use tree_sitter::Node;

use super::text::KindName as _;

use super::fields;
use super::text::{self, named_children, span};
use super::walker::Walker;
use crate::model::PackageVar;

impl<'a> Walker<'a> {
    pub(super) fn var_decl(&mut self, node: Node<'a>) {
        for child in named_children(node) {
            match child.kind_name() {
                "var_spec" => self.package_var(child),
                "var_spec_list" => {
                    for spec in named_children(child)
                        .into_iter()
                        .filter(|s| s.kind_name() == "var_spec")
                    {
                        self.package_var(spec);
                    }
                }
                _ => {}
            }
        }
    }

    fn package_var(&mut self, spec: Node<'a>) {
        let src = self.src;
        let mut cursor = spec.walk();
        let names: Vec<String> = spec
            .children_by_field_id(fields::name_nz(), &mut cursor)
            .map(|n| text::text(n, src).to_owned())
            .collect();
        let value = spec.child_by_field_id(fields::value());
        let first = self.out.index.functions.len();
        self.refs = self.want_refs.then(Vec::new);
        if let Some(value) = value {
            let owner = spec
                .child_by_field_id(fields::name())
                .map(|n| text::text(n, src));
            self.expr_with_owner(value, owner);
        }
        let refs = self.take_refs();
        if spec.has_error() {
            self.warn(spec, "syntax error in var declaration");
        }
        self.out.index.vars.push(PackageVar {
            names,
            type_text: spec
                .child_by_field_id(fields::type_())
                .map(|t| text::text(t, src).to_owned()),
            init_text: value.map(|v| text::shorten(text::text(v, src))),
            span: span(spec),
            literals: (first..self.out.index.functions.len()).collect(),
        });
        self.out.var_refs.push(refs);
    }
}
