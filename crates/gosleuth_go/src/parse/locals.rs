//! Names declared locally and the identifiers a package-level declaration
//! uses: the dependencies of package initialization order.

use tree_sitter::Node;

use super::text::KindName as _;

use super::fields;
use super::text;
use super::walker::Walker;

impl<'a> Walker<'a> {
    /// Records the identifiers of `list` as local names (only while
    /// collecting references).
    pub(super) fn declare(&mut self, list: Option<Node<'a>>) {
        let Some(list) = list.filter(|_| self.refs.is_some()) else {
            return;
        };
        let mut cursor = list.walk();
        for id in list
            .named_children(&mut cursor)
            .filter(|n| n.kind_name() == "identifier")
        {
            self.locals.push(text::text(id, self.src));
        }
    }

    pub(super) fn declare_names(&mut self, spec: Node<'a>) {
        if self.refs.is_none() {
            return;
        }
        let mut cursor = spec.walk();
        for id in spec.children_by_field_id(fields::name_nz(), &mut cursor) {
            self.locals.push(text::text(id, self.src));
        }
    }

    /// Records parameter names as local names.
    pub(super) fn declare_params(&mut self, params: Node<'a>) {
        if self.refs.is_none() {
            return;
        }
        let mut cursor = params.walk();
        for decl in params.named_children(&mut cursor) {
            self.declare_names(decl);
        }
    }

    /// The identifiers collected for the current declaration, without the
    /// locally declared ones, sorted and deduplicated.
    pub(super) fn take_refs(&mut self) -> Vec<String> {
        let mut refs = self.refs.take().unwrap_or_default();
        let mut locals = std::mem::take(&mut self.locals);
        locals.sort_unstable();
        refs.sort_unstable();
        refs.dedup();
        refs.retain(|r| locals.binary_search(r).is_err());
        refs.into_iter().map(str::to_owned).collect()
    }
}
