//! Facts about a package that rules need across files: struct field types,
//! function signatures and summaries (pool getters and putters, copy
//! helpers, per-call buffer builders, channel waits), package-level
//! variables, and which names are closed, deleted from, or written.

mod funcs;
mod scan;
mod waits;

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use tree_sitter::Node;

use crate::nodes::Nodes;
use crate::types::{Imports, Typer};

pub(crate) use funcs::{FuncFacts, get_call_pool, key_of, root_ident};
pub(crate) use scan::{is_http_handler, last_name};

/// A write `name[k] = v` to a package-level name.
#[derive(Debug, Clone)]
pub(crate) struct MapWrite {
    pub(crate) name: String,
    pub(crate) file: PathBuf,
    /// The file relative to the audited directory.
    pub(crate) rel: String,
    pub(crate) line: u32,
}

/// What one file contributes to its package's facts.
#[derive(Debug, Default)]
pub(crate) struct FileFacts {
    pub(crate) structs: Vec<(String, Vec<(String, String)>)>,
    pub(crate) funcs: Vec<(String, FuncFacts)>,
    pub(crate) vars: Vec<(String, String)>,
    pub(crate) closed: HashSet<String>,
    pub(crate) deleted: HashSet<String>,
    pub(crate) reset: HashSet<String>,
    pub(crate) map_writes: Vec<MapWrite>,
    pub(crate) go_targets: HashSet<(String, usize)>,
    pub(crate) handler_callees: HashSet<String>,
    pub(crate) consts: HashMap<String, i64>,
    pub(crate) call_sites: HashMap<String, Vec<CallSite>>,
}

/// A call of a package function by plain name.
#[derive(Debug, Clone)]
pub(crate) struct CallSite {
    pub(crate) file: PathBuf,
    /// The file relative to the audited directory.
    pub(crate) rel: String,
    pub(crate) line: u32,
    pub(crate) in_loop: bool,
}

/// Facts of one package (directory).
#[derive(Debug, Default)]
pub(crate) struct PackageFacts {
    /// Struct type name → (field, type) in declaration order.
    pub(crate) structs: HashMap<String, Vec<(String, String)>>,
    /// `Name` or `Type.Method` → facts.
    pub(crate) funcs: HashMap<String, FuncFacts>,
    /// Package-level variable → type.
    pub(crate) vars: HashMap<String, String>,
    /// Last names of channels passed to `close`.
    pub(crate) closed: HashSet<String>,
    /// Last names of maps passed to `delete` or `clear`.
    pub(crate) deleted: HashSet<String>,
    /// Names assigned a whole new value outside `init` (maps reset).
    pub(crate) reset: HashSet<String>,
    /// Index writes to identifiers that are not locals.
    pub(crate) map_writes: Vec<MapWrite>,
    /// (function or method name, argument index) started with `go f(x)`.
    pub(crate) go_targets: HashSet<(String, usize)>,
    /// Functions called from HTTP handlers.
    pub(crate) handler_callees: HashSet<String>,
    /// Integer constants of the package.
    pub(crate) consts: HashMap<String, i64>,
    /// Calls by plain name (`copyBytes(x)`), in file and line order.
    pub(crate) call_sites: HashMap<String, Vec<CallSite>>,
}

impl PackageFacts {
    /// Merges the facts of a package's files.
    pub(crate) fn merge(files: Vec<FileFacts>) -> PackageFacts {
        let mut p = PackageFacts::default();
        for f in files {
            p.structs.extend(f.structs);
            for (k, v) in f.funcs {
                p.funcs.entry(k).or_insert(v);
            }
            for (k, v) in f.vars {
                p.vars.entry(k).or_insert(v);
            }
            p.closed.extend(f.closed);
            p.deleted.extend(f.deleted);
            p.reset.extend(f.reset);
            p.map_writes.extend(f.map_writes);
            p.go_targets.extend(f.go_targets);
            p.handler_callees.extend(f.handler_callees);
            p.consts.extend(f.consts);
            for (k, v) in f.call_sites {
                p.call_sites.entry(k).or_default().extend(v);
            }
        }
        for v in p.call_sites.values_mut() {
            v.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
        }
        p.map_writes
            .sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
        p
    }

    /// A function or method (`Type.Method`) of the package.
    pub(crate) fn func(&self, key: &str) -> Option<&FuncFacts> {
        self.funcs.get(key)
    }

    /// An integer constant expression's value (literals and package
    /// constants).
    pub(crate) fn int_value(&self, node: Node<'_>, src: &str) -> Option<i64> {
        crate::syntax::int_value_with(node, src, &|n| self.consts.get(n).copied())
    }

    /// Whether `name` (a package var or a struct field's name) has the type
    /// `sync.Pool` or `*sync.Pool`.
    pub(crate) fn is_pool_name(&self, name: &str) -> bool {
        let is_pool = |t: &str| t.trim_start_matches('*') == "sync.Pool";
        self.vars.get(name).is_some_and(|t| is_pool(t))
            || self
                .structs
                .values()
                .flatten()
                .any(|(f, t)| f == name && is_pool(t))
    }
}

/// Collects a file's facts.
pub(crate) fn file_facts(
    path: &std::path::Path,
    rel: &str,
    src: &str,
    root: Node<'_>,
    nodes: &Nodes<'_>,
    imports: &Imports,
) -> FileFacts {
    let empty = PackageFacts::default();
    let typer = Typer {
        src,
        imports,
        facts: &empty,
    };
    let mut out = FileFacts::default();
    scan::types_and_vars(&typer, root, &mut out);
    for &func in &nodes.tops {
        funcs::summarize(&typer, nodes, func, &mut out);
    }
    scan::uses(&typer, path, rel, nodes, &mut out);
    out
}
