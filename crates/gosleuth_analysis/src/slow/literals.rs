//! Finding the code that logs a message: the Go string literals under the
//! source roots that contain it.

use std::path::{Path, PathBuf};

/// Deepest directory level walked under a root.
const MAX_DEPTH: usize = 32;
/// Largest Go file read (bytes).
const MAX_FILE: u64 = 8 << 20;

/// A string literal in a Go file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Literal {
    pub(crate) path: PathBuf,
    /// Index of the root it was found under.
    pub(crate) root: usize,
    pub(crate) line: u32,
    /// Its text as written, without the quotes.
    pub(crate) text: String,
}

/// The non-test Go files under the roots (no symbolic links, no `testdata`
/// or hidden directories), with their root's index, sorted.
pub(crate) fn go_files(roots: &[PathBuf]) -> Vec<(usize, PathBuf)> {
    let mut out = Vec::new();
    for (i, root) in roots.iter().enumerate() {
        walk(root, 0, &mut |p| out.push((i, p)));
    }
    out.sort();
    out
}

fn walk(dir: &Path, depth: usize, found: &mut dyn FnMut(PathBuf)) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().collect();
    entries.sort_by_key(std::fs::DirEntry::file_name);
    for e in entries {
        let Ok(t) = e.file_type() else { continue };
        let name = e.file_name();
        let name = name.to_string_lossy();
        if t.is_dir() && depth < MAX_DEPTH && !name.starts_with('.') && name != "testdata" {
            walk(&e.path(), depth + 1, found);
        } else if t.is_file() && name.ends_with(".go") && !name.ends_with("_test.go") {
            found(e.path());
        }
    }
}

/// The literals of `files` that contain any of `needles`; only files whose
/// text contains a needle are lexed.
pub(crate) fn find(files: &[(usize, PathBuf)], needles: &[&str]) -> Vec<Literal> {
    let mut out = Vec::new();
    for (root, path) in files {
        if std::fs::metadata(path).map_or(true, |m| m.len() > MAX_FILE) {
            continue;
        }
        let Ok(bytes) = std::fs::read(path) else {
            continue;
        };
        let src = String::from_utf8_lossy(&bytes);
        if !needles.iter().any(|n| src.contains(n)) {
            continue;
        }
        for (line, text) in literals(&src) {
            if needles.iter().any(|n| text.contains(n)) {
                out.push(Literal {
                    path: path.clone(),
                    root: *root,
                    line,
                    text,
                });
            }
        }
    }
    out
}

/// Every string literal of a Go source (interpreted and raw), with its
/// line; comments and rune literals are skipped.
pub(crate) fn literals(src: &str) -> Vec<(u32, String)> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let (mut i, mut line) = (0usize, 1u32);
    while i < b.len() {
        match b[i] {
            b'\n' => line += 1,
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i < b.len() && !(b[i] == b'*' && b.get(i + 1) == Some(&b'/')) {
                    line += u32::from(b[i] == b'\n');
                    i += 1;
                }
                i += 2;
                continue;
            }
            q @ (b'"' | b'`' | b'\'') => {
                let start = line;
                let mut j = i + 1;
                while j < b.len() && b[j] != q {
                    if q != b'`' && b[j] == b'\\' {
                        j += 1;
                    } else if b[j] == b'\n' {
                        if q != b'`' {
                            break;
                        }
                        line += 1;
                    }
                    j += 1;
                }
                if q != b'\'' {
                    out.push((
                        start,
                        src.get(i + 1..j.min(b.len())).unwrap_or("").to_string(),
                    ));
                }
                i = j + 1;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexes_go_strings() {
        let src = "package a\n// \"not this\"\nvar x = 'a'\n/* \"nor\nthis\" */\nfunc f() {\n\tc.Warnf(\"Readloop processing time: %v\", d)\n\ts := `raw\nline` + \"esc\\\"aped\"\n}\n";
        let l = literals(src);
        assert_eq!(
            l,
            [
                (7, "Readloop processing time: %v".to_string()),
                (8, "raw\nline".to_string()),
                (9, "esc\\\"aped".to_string())
            ]
        );
    }
}
