//! The files under the source roots, found once, matched by path suffix.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::paths::{components, dir_ends_with, exact_suffix_len, suffix_score};
use crate::error::Result;
use crate::walk::source_files;

/// One file under a root.
#[derive(Debug, Clone)]
pub(crate) struct SourceFile {
    pub(crate) path: PathBuf,
    pub(crate) root: usize,
    pub(crate) rel: Vec<String>,
}

/// Every source file under the roots, by base name.
#[derive(Debug, Clone, Default)]
pub(crate) struct FileTable {
    pub(crate) files: Vec<SourceFile>,
    by_base: HashMap<String, Vec<usize>>,
}

impl FileTable {
    pub(crate) fn new(roots: &[PathBuf]) -> Result<FileTable> {
        let mut table = FileTable::default();
        for (root_idx, root) in roots.iter().enumerate() {
            for path in source_files(root)? {
                let rel = relative(&path, root);
                let base = rel.last().cloned().unwrap_or_default();
                table
                    .by_base
                    .entry(base)
                    .or_default()
                    .push(table.files.len());
                table.files.push(SourceFile {
                    path,
                    root: root_idx,
                    rel,
                });
            }
        }
        Ok(table)
    }

    /// Files sharing the longest path suffix with `profile_path`, with that
    /// length (the base name and its directory, or the base name alone when
    /// either path has no directory). Among equally long suffixes, those
    /// matching more elements exactly (the module `@version` the profile
    /// names) win.
    pub(crate) fn candidates(&self, profile_path: &str) -> (Vec<usize>, usize) {
        let comps = components(profile_path);
        let Some(base) = comps.last() else {
            return (Vec::new(), 0);
        };
        let mut best = (Vec::new(), (0, 0));
        for &i in self.by_base.get(*base).into_iter().flatten() {
            let rel = &self.files[i].rel;
            if base_name_only(&comps, rel) {
                continue;
            }
            let score = (suffix_score(&comps, rel), exact_suffix_len(&comps, rel));
            if score > best.1 {
                best = (vec![i], score);
            } else if score == best.1 && score.0 > 0 {
                best.0.push(i);
            }
        }
        (best.0, best.1.0)
    }

    /// Directories whose path under a root ends with the import path
    /// elements `wanted` (a missing `vN` element allowed).
    pub(crate) fn package_dirs(&self, wanted: &[&str]) -> Vec<PathBuf> {
        let mut dirs: Vec<PathBuf> = self
            .files
            .iter()
            .filter(|f| dir_ends_with(&f.rel[..f.rel.len().saturating_sub(1)], wanted))
            .filter_map(|f| f.path.parent().map(Path::to_path_buf))
            .collect();
        dirs.sort();
        dirs.dedup();
        dirs
    }
}

/// Whether the paths share only the base name while both name a directory,
/// and the directories differ: `net/http/server.go` is not `broker/server.go`.
fn base_name_only(profile: &[&str], disk: &[String]) -> bool {
    profile.len() > 1 && disk.len() > 1 && suffix_score(profile, disk) == 1
}

fn relative(path: &Path, root: &Path) -> Vec<String> {
    path.strip_prefix(root)
        .unwrap_or(path)
        .iter()
        .filter_map(|c| c.to_str().map(str::to_owned))
        .collect()
}
