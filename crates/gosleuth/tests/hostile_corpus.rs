//! The malformed-input corpus (`tests/malformed/`): every input gives exit 2
//! and one `error: FILE: what is wrong` line, or exit 0 where it is in fact
//! valid, as `expected.tsv` records per file; never a panic. Go files that do
//! not parse, nest 100 000 deep, or hold 10 MB on one line are indexed through
//! `gosleuth resolve --src` without failing. See SPEC §8.

mod common;
mod hostile_support;

use std::fmt::Write as _;
use std::path::Path;

use common::{gosleuth, repo, tmp};
use hostile_support::{one_error_line, one_frame_profile};

fn corpus() -> std::path::PathBuf {
    let dir = repo().join("tests/malformed");
    assert!(dir.is_dir(), "corpus missing: {}", dir.display());
    dir
}

/// `(input, expected exit code)` from `expected.tsv`.
fn expected() -> Vec<(String, i32)> {
    let text = std::fs::read_to_string(corpus().join("expected.tsv")).expect("expected.tsv");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| {
            let mut f = l.split('\t');
            let name = f.next().expect("name").to_string();
            let code = f.next().and_then(|c| c.parse().ok()).expect("exit code");
            (name, code)
        })
        .collect()
}

#[test]
fn every_input_is_listed_and_there_are_at_least_fifty() {
    let mut on_disk: Vec<String> = std::fs::read_dir(corpus().join("inputs"))
        .expect("inputs")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let listed: Vec<String> = expected().into_iter().map(|(n, _)| n).collect();
    assert_eq!(on_disk, listed, "expected.tsv and inputs/ disagree");
    assert!(listed.len() >= 50, "only {} inputs", listed.len());
}

#[test]
fn each_input_gives_one_line_and_exit_2_or_is_valid() {
    let inputs = corpus().join("inputs");
    let prefix = format!("{}/", inputs.display());
    let mut report = String::new();
    for (name, code) in expected() {
        let path = inputs.join(&name);
        let p = path.to_str().expect("utf-8 path");
        let out = gosleuth(&["top", p]);
        if code == 2 {
            let line = one_error_line(&out, &name);
            assert!(out.stdout.is_empty(), "{name}: output on error");
            let _ = writeln!(report, "{}", line.replace(&prefix, "INPUT/"));
            continue;
        }
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(code), "{name}: {err}");
        assert!(err.is_empty(), "{name}: {err}");
        assert!(!out.stdout.is_empty(), "{name}: no output");
        // A valid input must survive every view, not only top.
        for view in [&["traces"][..], &["raw"], &["peek", "."], &["list", "."]] {
            let out = gosleuth(&[view, &[p]].concat());
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(0), "{name} {view:?}: {err}");
        }
        let _ = writeln!(report, "ok: INPUT/{name}");
    }
    insta::assert_snapshot!(report);
}

/// Indexes `source` as `DIR/p/a.go` beside a good `b.go`, and resolves a
/// frame in it: exit 0 and the usual summary, whatever the file holds.
fn resolve_go_file(name: &str, source: &[u8], dir: &Path) -> String {
    let root = dir.join(name.replace('.', "_"));
    let pkg = root.join("p");
    std::fs::create_dir_all(&pkg).expect("package dir");
    std::fs::write(pkg.join("a.go"), source).expect("a.go");
    std::fs::write(pkg.join("b.go"), "package p\n\nfunc G() {}\n").expect("b.go");
    let profile = root.join("profile.pb");
    std::fs::write(
        &profile,
        one_frame_profile("example.com/p.F", "/build/p/a.go", 3),
    )
    .expect("profile");
    let out = gosleuth(&[
        "resolve",
        profile.to_str().expect("path"),
        "--src",
        root.to_str().expect("path"),
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{name}: {err}");
    assert!(err.is_empty(), "{name}: {err}");
    let text = String::from_utf8(out.stdout).expect("utf-8 output");
    let last = text.lines().last().unwrap_or_default().to_string();
    assert!(last.starts_with("resolved "), "{name}: {text}");
    last
}

#[test]
fn go_files_that_do_not_parse_are_indexed_without_failing() {
    let dir = tmp("hostile-go");
    let go = corpus().join("go");
    let mut names: Vec<String> = std::fs::read_dir(&go)
        .expect("go corpus")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(names.len() >= 8, "{names:?}");
    let mut report = String::new();
    for name in names {
        let source = std::fs::read(go.join(&name)).expect("read");
        let last = resolve_go_file(&name, &source, &dir);
        let _ = writeln!(report, "{name}: {last}");
    }
    // 10 MB on one line, made here rather than committed.
    let mut long = b"package p; func F() { x := []int{".to_vec();
    while long.len() < 10 << 20 {
        long.extend_from_slice(b"1, 2, 3, ");
    }
    long.extend_from_slice(b"4}; _ = x }");
    let last = resolve_go_file("ten-megabytes-one-line.go", &long, &dir);
    let _ = writeln!(report, "ten-megabytes-one-line.go: {last}");
    std::fs::remove_dir_all(&dir).ok();
    insta::assert_snapshot!(report);
}
