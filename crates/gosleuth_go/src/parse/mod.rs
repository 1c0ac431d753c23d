//! Go source → [`FileIndex`] via tree-sitter. Trees never leave this module.

mod body;
mod consteval;
mod deadcode;
mod fields;
mod godefer;
mod locals;
mod pool;
mod text;
mod vars;
mod walker;

pub use text::KindName;

use std::cell::RefCell;
use std::path::Path;

pub(crate) use consteval::{ConstEnv, scan_package_file};

use crate::model::{FileIndex, Warning};

/// How a function's compiler name is formed from its parent's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum NameSeed {
    /// A declared function or method: its full name (`(*T).M`, `F[...]`).
    Decl(String),
    /// `func init()`: renamed `init.N` per package.
    Init,
    /// A literal in a package-level var initializer: numbered per package.
    PackageLiteral,
    /// A function literal: its ordinal among its parent's literals for Go ≥ 1.21
    /// (`None` when dead code drops it) and for Go ≤ 1.19.
    Literal { modern: Option<u32>, legacy: u32 },
    /// A go/defer wrapper (Go ≥ 1.22): `gowrapN` or `deferwrapN`.
    Wrapper { go: bool, n: u32 },
}

/// A parsed file before package-wide naming.
#[derive(Debug, Clone, Default)]
pub(crate) struct ParsedFile {
    pub(crate) index: FileIndex,
    /// One seed per entry of `index.functions`.
    pub(crate) seeds: Vec<NameSeed>,
    /// Identifiers used by each package var spec (aligned with `index.vars`).
    pub(crate) var_refs: Vec<Vec<String>>,
    /// Top-level functions with the identifiers their bodies use.
    pub(crate) func_refs: Vec<(String, Vec<String>)>,
}

/// The Go grammar, loaded once: names looked up in it (node kinds, fields)
/// live as long as the program.
#[must_use]
pub fn go_language() -> &'static tree_sitter::Language {
    static LANGUAGE: std::sync::OnceLock<tree_sitter::Language> = std::sync::OnceLock::new();
    LANGUAGE.get_or_init(|| tree_sitter::Language::new(tree_sitter_go::LANGUAGE))
}

thread_local! {
    static PARSER: RefCell<Option<tree_sitter::Parser>> = const { RefCell::new(None) };
}

/// Parses one Go file. Never fails: syntax errors become warnings and the
/// functions that parsed are kept.
/// `in_build`: whether the file is compiled (only those take part in the
/// package's initialization order).
pub(crate) fn parse_file(path: &Path, src: &str, env: &ConstEnv, in_build: bool) -> ParsedFile {
    parse_file_keeping_tree(path, src, env, in_build).0
}

/// [`parse_file`], also returning the syntax tree it walked.
pub(crate) fn parse_file_keeping_tree(
    path: &Path,
    src: &str,
    env: &ConstEnv,
    in_build: bool,
) -> (ParsedFile, Option<tree_sitter::Tree>) {
    let tree = PARSER.with(|cell| {
        let mut slot = cell.borrow_mut();
        let parser = slot.get_or_insert_with(|| {
            let mut p = tree_sitter::Parser::new();
            // The grammar and the library are pinned together in Cargo.toml.
            if let Err(e) = p.set_language(go_language()) {
                debug_assert!(false, "tree-sitter-go: {e}");
            }
            p
        });
        parser.parse(src, None)
    });
    let mut parsed = ParsedFile::default();
    parsed.index.path = path.to_path_buf();
    parsed.index.in_build = in_build;
    // The walkers recurse: a hostile file nested 100 000 deep would overflow
    // the stack, so such a tree is dropped rather than walked.
    let tree = tree.filter(|t| !deeper_than(t, MAX_TREE_DEPTH));
    match &tree {
        Some(tree) => walker::Walker::new(src, env, &mut parsed, in_build).file(tree.root_node()),
        None => parsed.index.warnings.push(Warning {
            line: 0,
            message: format!(
                "tree-sitter could not parse the file, or it nests deeper than {MAX_TREE_DEPTH} levels"
            ),
        }),
    }
    (parsed, tree)
}

/// Syntax trees deeper than this are not walked. Real Go nests a few dozen
/// levels (each is a handful of tree levels); `go/parser` refuses 100 000.
const MAX_TREE_DEPTH: usize = 1000;

/// Whether `tree` has a node more than `limit` levels below its root (an
/// iterative walk: the check itself must not recurse). A subtree can be no
/// deeper than it has descendants, and tree-sitter keeps that count in every
/// node, so only subtrees large enough to be too deep are entered: real files
/// are checked from a few dozen nodes instead of all of them.
fn deeper_than(tree: &tree_sitter::Tree, limit: usize) -> bool {
    let mut cursor = tree.walk();
    let mut depth = 0;
    loop {
        // `descendant_count` counts the node itself.
        let below = cursor.node().descendant_count().saturating_sub(1);
        if depth + below > limit && cursor.goto_first_child() {
            depth += 1;
            if depth > limit {
                return true;
            }
            continue;
        }
        while !cursor.goto_next_sibling() {
            if !cursor.goto_parent() {
                return false;
            }
            depth -= 1;
        }
    }
}
