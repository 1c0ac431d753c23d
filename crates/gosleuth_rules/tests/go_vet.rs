//! The fixtures are valid Go: `go vet ./...` over the fixture module.

use std::path::Path;
use std::process::Command;

/// Runs the machine's Go (its own toolchain, modules from the proxy) in `dir`.
fn go(args: &[&str], dir: &Path) -> std::process::Output {
    Command::new("go")
        .args(args)
        .current_dir(dir)
        .env("GOFLAGS", "-mod=mod")
        .env("GOTOOLCHAIN", "local")
        .output()
        .expect("the go tool is required (CI installs it)")
}

#[test]
fn fixtures_pass_go_vet() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let out = go(&["vet", "./..."], &dir);
    assert!(
        out.status.success(),
        "go vet failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `file:line` of every variable `go build -gcflags=-m` moves to the heap
/// in a fixture directory, and the compiler's log.
fn moved_to_heap(dir: &Path) -> (Vec<String>, String) {
    let out = go(&["build", "-gcflags=-m", "-o", "/dev/null", "."], dir);
    let log = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{log}");
    let moved = log
        .lines()
        .filter(|l| l.contains("moved to heap"))
        .filter_map(|l| {
            let mut p = l.trim_start_matches("./").split(':');
            Some(format!("{}:{}", p.next()?, p.next()?))
        })
        .collect();
    (moved, log)
}

/// `file:line` of each finding of rule `id` in a fixture directory.
fn reported(dir: &Path, id: &str) -> Vec<String> {
    let rule = gosleuth_rules::rule(id).expect("rule");
    let audit = gosleuth_rules::audit_with(dir, &Default::default(), &[rule]).unwrap();
    audit
        .findings
        .iter()
        .map(|f| format!("{}:{}", f.file, f.line))
        .collect()
}

/// GS105's fixtures against the Go compiler's escape analysis: each array
/// the rule reports in `trigger.go` is one the compiler moves to the heap,
/// and the near miss's own array is not moved (its `hdr` is GS104's).
#[test]
fn scratch_array_fixtures_agree_with_escape_analysis() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/scratch-array-on-heap");
    let (moved, log) = moved_to_heap(&dir);
    let reported = reported(&dir, "GS105");
    assert_eq!(reported.len(), 2, "{reported:?}");
    for r in &reported {
        assert!(moved.contains(r), "{r} is not moved to the heap:\n{log}");
    }
    assert_eq!(
        moved
            .iter()
            .filter(|m| m.starts_with("near_miss.go"))
            .count(),
        1,
        "only GS104's hdr moves in the near miss:\n{log}"
    );
}

/// GS104's fixtures too: every array it reports (through `bufio`, `io.Reader`
/// and a `hash.Hash64` field) is one the compiler moves to the heap, and
/// none of the near misses' arrays is.
#[test]
fn array_to_interface_fixtures_agree_with_escape_analysis() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/array-escapes-to-interface");
    let (moved, log) = moved_to_heap(&dir);
    let reported = reported(&dir, "GS104");
    assert_eq!(reported.len(), 3, "{reported:?}");
    for r in &reported {
        assert!(moved.contains(r), "{r} is not moved to the heap:\n{log}");
    }
    assert!(
        moved.iter().all(|m| !m.starts_with("near_miss.go")),
        "the near misses (a concrete digest among them) stay on the stack:\n{log}"
    );
}
