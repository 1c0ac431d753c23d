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

/// Builds the fixtures of rule `id` (in `fixtures/<slug>`) with
/// `go build -gcflags=-m`, asserts that the rule reports `count` arrays and
/// that the compiler moves each of them to the heap. Returns how many
/// variables of `near_miss.go` the compiler moves, and its log.
fn reported_arrays_are_moved(slug: &str, id: &str, count: usize) -> (usize, String) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(slug);
    let out = go(&["build", "-gcflags=-m", "-o", "/dev/null", "."], &dir);
    let log = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{log}");
    let moved: Vec<String> = log
        .lines()
        .filter(|l| l.contains("moved to heap"))
        .filter_map(|l| {
            let mut p = l.trim_start_matches("./").split(':');
            Some(format!("{}:{}", p.next()?, p.next()?))
        })
        .collect();
    let rule = gosleuth_rules::rule(id).expect("rule");
    let audit = gosleuth_rules::audit_with(&dir, &Default::default(), &[rule]).unwrap();
    assert_eq!(audit.findings.len(), count, "{:?}", audit.findings);
    for f in &audit.findings {
        let at = format!("{}:{}", f.file, f.line);
        assert!(moved.contains(&at), "{at} is not moved to the heap:\n{log}");
    }
    let near_miss = moved
        .iter()
        .filter(|m| m.starts_with("near_miss.go"))
        .count();
    (near_miss, log)
}

/// GS105's fixtures against the Go compiler's escape analysis: each array
/// the rule reports in `trigger.go` is one the compiler moves to the heap,
/// and the near miss's own array is not moved (its `hdr` is GS104's).
#[test]
fn scratch_array_fixtures_agree_with_escape_analysis() {
    let (near_miss, log) = reported_arrays_are_moved("scratch-array-on-heap", "GS105", 2);
    assert_eq!(
        near_miss, 1,
        "only GS104's hdr moves in the near miss:\n{log}"
    );
}

/// GS104's fixtures too: every array it reports (through `bufio`, `io.Reader`
/// and a `hash.Hash64` field) is one the compiler moves to the heap, and
/// none of the near misses' arrays is.
#[test]
fn array_to_interface_fixtures_agree_with_escape_analysis() {
    let (near_miss, log) = reported_arrays_are_moved("array-escapes-to-interface", "GS104", 3);
    assert_eq!(
        near_miss, 0,
        "the near misses (a concrete digest among them) stay on the stack:\n{log}"
    );
}
