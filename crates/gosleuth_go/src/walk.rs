//! Finding Go and assembly files under a root without leaving it.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Whether `name` is a file the index reads.
pub(crate) fn is_source(name: &str) -> bool {
    name.ends_with(".go") || name.ends_with(".s")
}

/// All `.go` and `.s` files under `root`, sorted. Symbolic links are
/// followed only when their target stays inside `root`; `testdata`, hidden
/// and `_`-prefixed directories are skipped, as `go build` skips them.
pub(crate) fn source_files(root: &Path) -> Result<Vec<PathBuf>> {
    let canon_root = root.canonicalize().map_err(|source| Error::Io {
        path: root.to_path_buf(),
        source,
    })?;
    if !canon_root.is_dir() {
        return Err(Error::NotADirectory(root.to_path_buf()));
    }
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    // Each directory with its canonical path: a real (not linked)
    // subdirectory's is its parent's plus its name, so only links need
    // resolving (`canonicalize` costs a `readlink` per path element).
    let mut stack = vec![(root.to_path_buf(), canon_root.clone())];
    // Symbolic links to directories wait until every real directory has been
    // seen, so that files are listed under their real path, not an alias.
    let mut links: Vec<PathBuf> = Vec::new();
    seen.insert(canon_root.clone());
    while let Some((dir, canon_dir)) = stack.pop().or_else(|| next_link(&mut links, &mut seen)) {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue; // unreadable subdirectory: skip, the root itself was readable
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let Some(name) = name.to_str() else { continue };
            let path = entry.path();
            let Ok(ft) = entry.file_type() else { continue };
            let (is_dir, is_file) = if ft.is_symlink() {
                match path.canonicalize() {
                    Ok(target) if target.starts_with(&canon_root) => {
                        (target.is_dir(), target.is_file())
                    }
                    _ => continue, // dangling or leaving the root
                }
            } else {
                (ft.is_dir(), ft.is_file())
            };
            if is_dir {
                if name.starts_with(['.', '_']) || name == "testdata" {
                    continue;
                }
                if ft.is_symlink() {
                    links.push(path);
                } else {
                    let canon = canon_dir.join(name);
                    if seen.insert(canon.clone()) {
                        stack.push((path, canon));
                    }
                }
            } else if is_file && is_source(name) {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// The next symbolic link whose target directory has not been walked yet,
/// with that target.
fn next_link(links: &mut Vec<PathBuf>, seen: &mut HashSet<PathBuf>) -> Option<(PathBuf, PathBuf)> {
    while let Some(link) = links.pop() {
        if let Ok(canon) = link.canonicalize()
            && seen.insert(canon.clone())
        {
            return Some((link, canon));
        }
    }
    None
}

/// A source file's text; bytes that are not UTF-8 are replaced. Valid text
/// (all real Go) is taken as it is, not copied.
pub(crate) fn read_source(path: &Path) -> std::io::Result<String> {
    let bytes = std::fs::read(path)?;
    Ok(String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

/// Whether a directory entry may be read: a symbolic link only when its
/// target stays in the directory. The directories come from the source
/// roots, but their entries were not vetted, and reading never leaves the
/// roots (SPEC §8).
pub(crate) fn stays_in(entry: &std::fs::DirEntry, real_dir: Option<&Path>) -> bool {
    if !entry.file_type().is_ok_and(|t| t.is_symlink()) {
        return true;
    }
    match (entry.path().canonicalize(), real_dir) {
        (Ok(target), Some(dir)) => target.starts_with(dir),
        _ => false,
    }
}
