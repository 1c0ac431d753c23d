//! Top-level declarations: package clause, imports, functions, methods and
//! package-level variables.

use tree_sitter::Node;

use super::text::KindName as _;

use super::fields;

use super::text::{self, line, named_children, span};
use super::{ConstEnv, NameSeed, ParsedFile};
use crate::model::{FuncKind, Function, Import, Receiver, Warning};

/// Per-function counters while walking a body.
#[derive(Debug, Clone, Copy)]
pub(super) struct FnCtx {
    pub(super) idx: usize,
    pub(super) modern_lits: u32,
    pub(super) legacy_lits: u32,
    pub(super) wraps: u32,
}

/// Walks one tree, filling a [`ParsedFile`].
pub(crate) struct Walker<'a> {
    pub(super) src: &'a str,
    pub(super) env: ConstEnv,
    pub(super) out: &'a mut ParsedFile,
    /// Enclosing functions, innermost last; empty at package level.
    pub(super) stack: Vec<FnCtx>,
    /// Enclosing loops of the innermost function, innermost last.
    pub(super) loops: Vec<usize>,
    /// Whether the code being walked is dropped by Go ≥ 1.21 before naming.
    pub(super) dead: bool,
    /// Identifiers used by the current top-level declaration, when wanted.
    pub(super) refs: Option<Vec<&'a str>>,
    /// Whether identifiers are collected at all (files in the build only).
    pub(super) want_refs: bool,
    /// Local name of the `sync` import.
    pub(super) sync_name: Option<String>,
    /// Local names of all imports.
    pub(super) import_names: Vec<String>,
    /// What a composite literal being walked is assigned to.
    pub(super) owner: Option<&'a str>,
    /// Names declared locally in the current top-level declaration.
    pub(super) locals: Vec<&'a str>,
    /// Cursors to reuse (see `each_named_child`).
    pub(super) cursors: Vec<tree_sitter::TreeCursor<'a>>,
}

impl<'a> Walker<'a> {
    pub(crate) fn new(
        src: &'a str,
        env: &ConstEnv,
        out: &'a mut ParsedFile,
        want_refs: bool,
    ) -> Self {
        Walker {
            src,
            env: env.clone(),
            out,
            stack: Vec::new(),
            loops: Vec::new(),
            dead: false,
            refs: None,
            want_refs,
            sync_name: None,
            import_names: Vec::new(),
            owner: None,
            locals: Vec::new(),
            cursors: Vec::new(),
        }
    }

    pub(crate) fn file(mut self, root: Node<'a>) {
        self.top_level(root);
    }

    fn top_level(&mut self, parent: Node<'a>) {
        for node in named_children(parent) {
            match node.kind_name() {
                "package_clause" => {
                    if let Some(id) = node.named_child(0) {
                        self.out.index.package = text::text(id, self.src).to_owned();
                    }
                }
                "import_declaration" => self.imports(node),
                "function_declaration" | "method_declaration" => self.func_decl(node),
                "var_declaration" => self.var_decl(node),
                "comment" => {
                    let text = text::text(node, self.src);
                    let mut words = text
                        .strip_prefix("//go:linkname ")
                        .unwrap_or("")
                        .split_whitespace();
                    if let (Some(local), Some(target)) = (words.next(), words.next()) {
                        self.out
                            .index
                            .linknames
                            .push((local.to_owned(), target.to_owned()));
                    }
                }
                "ERROR" => {
                    self.warn(node, "syntax error at top level");
                    self.top_level(node);
                }
                _ => {
                    if node.has_error() {
                        self.warn(node, "syntax error in declaration");
                    }
                }
            }
        }
    }

    pub(super) fn warn(&mut self, node: Node<'a>, message: &str) {
        self.out.index.warnings.push(Warning {
            line: line(node),
            message: message.to_owned(),
        });
    }

    fn imports(&mut self, node: Node<'a>) {
        for spec in named_children(node) {
            match spec.kind_name() {
                "import_spec" => self.import_spec(spec),
                "import_spec_list" => {
                    for s in named_children(spec)
                        .into_iter()
                        .filter(|s| s.kind_name() == "import_spec")
                    {
                        self.import_spec(s);
                    }
                }
                _ => {}
            }
        }
    }

    fn import_spec(&mut self, spec: Node<'a>) {
        let Some(path) = spec.child_by_field_id(fields::path()) else {
            return;
        };
        let path = text::text(path, self.src)
            .trim_matches(|c| c == '"' || c == '`')
            .to_owned();
        let alias = spec
            .child_by_field_id(fields::name())
            .map(|n| text::text(n, self.src).to_owned());
        let local = alias
            .clone()
            .unwrap_or_else(|| path.rsplit('/').next().unwrap_or("").to_owned());
        if local != "_" && local != "." {
            self.import_names.push(local.clone());
            if path == "runtime" {
                self.env.runtime = Some(local.clone());
            } else if path == "sync" {
                self.sync_name = Some(local);
            }
        }
        self.out.index.imports.push(Import {
            path,
            alias,
            line: line(spec),
        });
    }

    fn func_decl(&mut self, node: Node<'a>) {
        let src = self.src;
        let name = node
            .child_by_field_id(fields::name())
            .map_or("_", |n| text::text(n, src))
            .to_owned();
        let type_params = node
            .child_by_field_id(fields::type_parameters())
            .map(|tp| self.type_param_names(tp))
            .unwrap_or_default();
        let receiver = node
            .child_by_field_id(fields::receiver())
            .and_then(|r| self.receiver(r));
        let generic = if type_params.is_empty() { "" } else { "[...]" };
        let (kind, seed) = match &receiver {
            Some((recv, recv_generic)) => {
                let targs = if *recv_generic { "[...]" } else { "" };
                let full = if recv.pointer {
                    format!("(*{}{targs}).{name}", recv.type_name)
                } else {
                    format!("{}{targs}.{name}", recv.type_name)
                };
                (FuncKind::Method, NameSeed::Decl(full))
            }
            None if name == "init" && type_params.is_empty() => {
                (FuncKind::Function, NameSeed::Init)
            }
            None => (
                FuncKind::Function,
                NameSeed::Decl(format!("{name}{generic}")),
            ),
        };
        let mut type_params = type_params;
        if let Some((_, true)) = &receiver {
            type_params = self.receiver_type_params(node);
        }
        let body = node.child_by_field_id(fields::body());
        let idx = self.push_function(
            Function {
                name: String::new(),
                legacy_name: None,
                kind,
                receiver: receiver.map(|(r, _)| r),
                type_params,
                decl_line: line(node),
                span: span(node),
                body: body.map(span),
                parent: None,
                dead: false,
            },
            seed,
        );
        if node.has_error() {
            self.warn(
                node,
                &format!("syntax error in func {name}; indexed what parsed"),
            );
        }
        let Some(body) = body else { return };
        let collect = kind == FuncKind::Function && self.want_refs;
        if collect {
            self.refs = Some(Vec::new());
            if let Some(params) = node.child_by_field_id(fields::parameters()) {
                self.declare_params(params);
            }
        }
        self.enter_function(idx, body);
        if collect {
            let refs = self.take_refs();
            self.out.func_refs.push((name, refs));
        }
    }

    fn type_param_names(&self, list: Node<'a>) -> Vec<String> {
        let mut names = Vec::new();
        for decl in named_children(list) {
            let mut cursor = decl.walk();
            for n in decl.children_by_field_id(fields::name_nz(), &mut cursor) {
                names.push(text::text(n, self.src).to_owned());
            }
        }
        names
    }

    /// Receiver base type and whether it carries type parameters.
    fn receiver(&self, list: Node<'a>) -> Option<(Receiver, bool)> {
        let param = named_children(list)
            .into_iter()
            .find(|p| p.kind_name() == "parameter_declaration")?;
        let mut ty = text::unparen(param.child_by_field_id(fields::type_())?);
        let pointer = ty.kind_name() == "pointer_type";
        if pointer {
            ty = text::unparen(ty.named_child(0)?);
        }
        let generic = ty.kind_name() == "generic_type";
        if generic {
            ty = ty.child_by_field_id(fields::type_())?;
        }
        let type_name = text::text(ty, self.src).to_owned();
        Some((Receiver { type_name, pointer }, generic))
    }

    fn receiver_type_params(&self, node: Node<'a>) -> Vec<String> {
        let src = self.src;
        let Some(recv) = node.child_by_field_id(fields::receiver()) else {
            return Vec::new();
        };
        let t = text::text(recv, src);
        let inner = t
            .split_once('[')
            .and_then(|(_, r)| r.rsplit_once(']'))
            .map_or("", |(l, _)| l);
        inner
            .split(',')
            .map(|s| s.trim().trim_start_matches('*').to_owned())
            .filter(|s| !s.is_empty())
            .collect()
    }

    pub(super) fn push_function(&mut self, f: Function, seed: NameSeed) -> usize {
        self.out.index.functions.push(f);
        self.out.seeds.push(seed);
        self.out.index.functions.len() - 1
    }

    /// Walks `body` as the body of function `idx`.
    pub(super) fn enter_function(&mut self, idx: usize, body: Node<'a>) {
        let saved_loops = std::mem::take(&mut self.loops);
        self.stack.push(FnCtx {
            idx,
            modern_lits: 0,
            legacy_lits: 0,
            wraps: 0,
        });
        self.block(body);
        self.stack.pop();
        self.loops = saved_loops;
    }
}
