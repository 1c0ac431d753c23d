//! What a rule sees of one file: its tree and text, its index entry, its
//! package's facts, its imports, the collected nodes and type inference.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use gosleuth_go::FileIndex;
use gosleuth_go::KindName as _;
use tree_sitter::Node;

use crate::facts::{FuncFacts, PackageFacts};
use crate::nodes::Nodes;
use crate::syntax::{assign_pairs, callee, find, text};
use crate::types::{Imports, Locals, Typer};

/// One file, ready for rules.
pub(crate) struct FileCtx<'a> {
    pub(crate) src: &'a str,
    pub(crate) index: &'a FileIndex,
    pub(crate) facts: &'a PackageFacts,
    pub(crate) imports: &'a Imports,
    pub(crate) nodes: &'a Nodes<'a>,
    /// Minor version of the module's `go` directive (`19` for `go 1.19`).
    pub(crate) go_minor: u32,
    locals: RefCell<HashMap<usize, Rc<Locals>>>,
}

impl<'a> FileCtx<'a> {
    pub(crate) fn new(
        src: &'a str,
        index: &'a FileIndex,
        facts: &'a PackageFacts,
        imports: &'a Imports,
        nodes: &'a Nodes<'a>,
        go_minor: u32,
    ) -> Self {
        FileCtx {
            src,
            index,
            facts,
            imports,
            nodes,
            go_minor,
            locals: RefCell::new(HashMap::new()),
        }
    }

    pub(crate) fn typer(&self) -> Typer<'_> {
        Typer {
            src: self.src,
            imports: self.imports,
            facts: self.facts,
        }
    }

    /// The node's text.
    pub(crate) fn text(&self, node: Node<'_>) -> &'a str {
        text(node, self.src)
    }

    /// Locals of the top-level function around `node` (empty at package level).
    pub(crate) fn locals(&self, node: Node<'_>) -> Rc<Locals> {
        let Some(top) = self.nodes.top_of(node) else {
            return Rc::new(Locals::default());
        };
        if let Some(l) = self.locals.borrow().get(&top.id()) {
            return Rc::clone(l);
        }
        let l = Rc::new(self.typer().locals(top));
        self.locals.borrow_mut().insert(top.id(), Rc::clone(&l));
        l
    }

    /// The type of an expression.
    pub(crate) fn type_of(&self, expr: Node<'_>) -> Option<String> {
        self.typer().type_of(expr, &self.locals(expr))
    }

    /// Every type an identifier was given in its function (or the expression's
    /// one type).
    pub(crate) fn types_of(&self, expr: Node<'_>) -> Vec<String> {
        let expr = crate::syntax::unparen(expr);
        if expr.kind_name() == "identifier" {
            let locals = self.locals(expr);
            let all = locals.all(self.text(expr));
            if !all.is_empty() {
                return all.to_vec();
            }
        }
        self.type_of(expr).into_iter().collect()
    }

    /// `pkg.Name(…)` with `pkg` an import: (canonical package, name).
    pub(crate) fn pkg_call(&self, call: Node<'_>) -> Option<(&'a str, &'a str)> {
        let (Some(recv), name) = callee(call, self.src)? else {
            return None;
        };
        if recv.kind_name() != "identifier" {
            return None;
        }
        let local = self.text(recv);
        let imports: &'a Imports = self.imports;
        let canon = imports.canonical(local)?;
        if self.locals(call).has(local) {
            return None;
        }
        Some((canon, name))
    }

    /// Facts of the function a call calls, resolved by receiver type for
    /// methods of the package.
    pub(crate) fn callee_facts(&self, call: Node<'_>) -> Option<&'a FuncFacts> {
        let (recv, name) = callee(call, self.src)?;
        match recv {
            None => self.facts.func(name),
            Some(r) => {
                let t = self.type_of(r)?;
                self.facts
                    .func(&format!("{}.{name}", t.trim_start_matches('*')))
            }
        }
    }

    /// For `v := value` (the short variable declaration `stmt`): the name
    /// `v` and its reads after the declaration in the enclosing function;
    /// `None` when `stmt` is no such declaration of `value`.
    pub(crate) fn later_reads(
        &self,
        stmt: Node<'_>,
        value: Node<'_>,
    ) -> Option<(&'a str, Vec<Node<'a>>)> {
        if stmt.kind_name() != "short_var_declaration" {
            return None;
        }
        let (var, _) = assign_pairs(stmt)
            .into_iter()
            .find(|(_, r)| r.is_some_and(|r| r.id() == value.id()))?;
        let var = text(var, self.src);
        let func = self.nodes.func_of(stmt)?;
        let reads = find(func, |n| {
            n.kind_name() == "identifier"
                && text(n, self.src) == var
                && n.start_byte() > stmt.end_byte()
        });
        Some((var, reads))
    }
}
