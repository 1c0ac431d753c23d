//! A repository checked a few packages at a time. A batch's syntax trees
//! stay in memory until its rules have run, at about 25 bytes per byte of
//! source: the whole Go standard library at once took 1.2 GB, and a fifth
//! of its CPU time went to faulting that memory in. Facts are per package, so a batch
//! holds whole directories and checking in batches finds the same.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::engine::{Checked, check};
use crate::rule::Rule;

/// Source bytes per batch (a directory larger than this is a batch alone).
const BATCH_BYTES: u64 = 4 << 20;

/// Checks `files` batch by batch (see the module docs).
pub(crate) fn check_in_batches(
    root: &Path,
    files: Vec<PathBuf>,
    rules: &[&'static Rule],
) -> Checked {
    check_batched(root, files, rules, BATCH_BYTES)
}

fn check_batched(root: &Path, files: Vec<PathBuf>, rules: &[&'static Rule], limit: u64) -> Checked {
    let mut out = Checked::default();
    for batch in batches(files, limit) {
        let checked = check(root, batch, rules);
        out.findings.extend(checked.findings);
        out.lines += checked.lines;
        out.warnings.extend(checked.warnings);
    }
    out
}

/// `files` in runs of whole directories of about `limit` bytes: each
/// directory joins the batch its first file opens, files keep their order.
fn batches(files: Vec<PathBuf>, limit: u64) -> Vec<Vec<PathBuf>> {
    let mut out: Vec<Vec<PathBuf>> = Vec::new();
    let mut bytes: Vec<u64> = Vec::new();
    let mut batch_of: HashMap<PathBuf, usize> = HashMap::new();
    for file in files {
        let size = std::fs::metadata(&file).map_or(0, |m| m.len());
        let dir = file.parent().map(Path::to_path_buf).unwrap_or_default();
        let open = out.len().checked_sub(1).filter(|&b| bytes[b] < limit);
        let b = *batch_of.entry(dir).or_insert_with(|| {
            open.unwrap_or_else(|| {
                out.push(Vec::new());
                bytes.push(0);
                out.len() - 1
            })
        });
        out[b].push(file);
        bytes[b] += size;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_hold_whole_directories_in_order() {
        let dir = std::env::temp_dir().join(format!("gosleuth_batches_{}", std::process::id()));
        let file = |rel: &str, size: usize| {
            let p = dir.join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(&p, vec![b' '; size]).unwrap();
            p
        };
        let files = vec![
            file("a/x.go", 60),
            file("a/b/y.go", 30),
            file("a/z.go", 30),
            file("c/w.go", 10),
            file("d/v.go", 200),
            file("e/u.go", 1),
        ];
        let got = batches(files.clone(), 100);
        std::fs::remove_dir_all(&dir).unwrap();
        // a (60) and a/b (30) fill the first batch to 90; a/z.go joins its
        // directory's batch though that passes the limit; c opens the next.
        let want = vec![
            vec![files[0].clone(), files[1].clone(), files[2].clone()],
            vec![files[3].clone(), files[4].clone()],
            vec![files[5].clone()],
        ];
        assert_eq!(got, want);
    }

    /// On real source (Debian's Go 1.19 `net/http`, eleven packages), checking
    /// in batches of 16 kB finds exactly what checking all at once finds.
    #[test]
    fn batched_checks_find_what_one_check_finds() {
        let root = Path::new("/usr/share/go-1.19/src/net/http");
        assert!(
            root.is_dir(),
            "{root:?} missing: apt-get install golang-1.19-src"
        );
        let mut files: Vec<PathBuf> = Vec::new();
        let mut dirs = vec![root.to_path_buf()];
        while let Some(d) = dirs.pop() {
            for e in std::fs::read_dir(&d).unwrap().flatten() {
                let p = e.path();
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                if p.is_dir() && name != "testdata" {
                    dirs.push(p);
                } else if name.ends_with(".go") && !name.ends_with("_test.go") {
                    files.push(p);
                }
            }
        }
        files.sort();
        assert!(batches(files.clone(), 16 << 10).len() >= 4);
        let rules = crate::registry::RULES;
        let summary = |mut c: Checked| {
            crate::audit::sort(&mut c.findings);
            c.warnings.sort();
            let findings: Vec<String> = c.findings.iter().map(|f| format!("{f:?}")).collect();
            (findings, c.lines, c.warnings)
        };
        let batched = summary(check_batched(root, files.clone(), rules, 16 << 10));
        let whole = summary(check(root, files, rules));
        assert!(batched.0.len() >= 10, "some findings: {:#?}", batched.0);
        assert_eq!(batched, whole);
    }
}
