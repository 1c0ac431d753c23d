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

/// GS105's fixtures against the Go compiler's escape analysis: each array
/// the rule reports in `trigger.go` is one the compiler moves to the heap,
/// and the near miss's own array is not moved (its `hdr` is GS104's).
#[test]
fn scratch_array_fixtures_agree_with_escape_analysis() {
    use gosleuth_rules::{AuditOptions, audit_with, rule};
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/scratch-array-on-heap");
    let out = go(&["build", "-gcflags=-m", "-o", "/dev/null", "."], &dir);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let log = String::from_utf8_lossy(&out.stderr);
    let moved: Vec<String> = log
        .lines()
        .filter(|l| l.contains("moved to heap"))
        .filter_map(|l| {
            let mut p = l.trim_start_matches("./").split(':');
            Some(format!("{}:{}", p.next()?, p.next()?))
        })
        .collect();
    let gs105 = rule("GS105").expect("GS105");
    let audit = audit_with(&dir, &AuditOptions::default(), &[gs105]).unwrap();
    let reported: Vec<String> = audit
        .findings
        .iter()
        .map(|f| format!("{}:{}", f.file, f.line))
        .collect();
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
