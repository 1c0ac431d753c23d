//! Syntax the index keeps after parsing, for callers that run their own
//! queries over files it parsed for another reason: `gosleuth analyze`
//! resolves a profile's frames, then audits the hot files among them, and
//! parsing those a second time was a fifth of its CPU time on nats-server's
//! JetStream profile.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::index::{Index, SyntaxFile};

impl Index {
    /// From now on, keeps the text and syntax tree of every file parsed
    /// under one of `roots` (only there: trees take several times the
    /// memory of their text, and callers want their own code's, not the
    /// standard library's).
    pub fn keep_syntax_under(&mut self, roots: Vec<PathBuf>) {
        self.keep_under = roots;
    }

    /// The kept syntax of `path`, if it was parsed since
    /// [`Index::keep_syntax_under`] named a root above it.
    #[must_use]
    pub fn syntax(&self, path: &Path) -> Option<&SyntaxFile> {
        self.kept.get(path).map(Arc::as_ref)
    }

    /// Whether the syntax of `path` is to be kept once parsed.
    pub(crate) fn keeps(&self, path: &Path) -> bool {
        self.keep_under.iter().any(|root| path.starts_with(root))
    }

    /// Keeps a parsed file's text and tree.
    pub(crate) fn retain(&mut self, path: &Path, source: String, tree: tree_sitter::Tree) {
        let file = SyntaxFile {
            path: path.to_path_buf(),
            source,
            tree: Some(tree),
        };
        self.kept.insert(path.to_path_buf(), Arc::new(file));
    }
}
