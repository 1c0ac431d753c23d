//! Running the gosleuth binary under test and the machine's real
//! `go tool pprof`, the oracle.

use std::path::Path;
use std::process::{Command, Output};

/// Runs the gosleuth binary under test.
pub fn gosleuth(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gosleuth"))
        .args(args)
        .output()
        .expect("run gosleuth")
}

/// Runs the gosleuth binary under test in the directory `dir`.
pub fn gosleuth_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gosleuth"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run gosleuth")
}

/// The stdout of a run of gosleuth that must have succeeded (else its stderr
/// is the failure's message).
pub fn stdout_of(out: Output) -> String {
    succeeded(out, "gosleuth")
}

/// Runs gosleuth, which must succeed, and returns its stdout.
pub fn gosleuth_ok(args: &[&str]) -> String {
    succeeded(gosleuth(args), &format!("gosleuth {args:?}"))
}

fn succeeded(out: Output, what: &str) -> String {
    assert!(
        out.status.success(),
        "{what} failed ({}): {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// Runs a command of the machine, which must succeed (else its stderr is the
/// failure's message), as `what`.
pub fn command_ok(command: &mut Command, what: &str) -> Output {
    let out = command
        .output()
        .unwrap_or_else(|e| panic!("cannot run {what}: {e}"));
    assert!(
        out.status.success(),
        "{what} failed ({}):\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Borrows owned arguments, to run them.
pub fn strs(args: &[String]) -> Vec<&str> {
    args.iter().map(String::as_str).collect()
}

/// Runs the machine's real `go tool pprof` (the oracle). Fails loudly if Go is missing.
pub fn pprof(args: &[&str]) -> Output {
    Command::new("go")
        .arg("tool")
        .arg("pprof")
        .args(args)
        .env("PPROF_TMPDIR", std::env::temp_dir())
        .output()
        .expect("`go` must be on PATH: the oracle is the machine's own `go tool pprof`")
}

/// pprof's flat `alloc_space` (bytes) of `function` in one profile, if
/// `-top` lists it.
pub fn pprof_flat(profile: &str, function: &str) -> Option<f64> {
    let out = pprof(&[
        "-top",
        "-unit=B",
        "-nodefraction=0",
        "-sample_index=alloc_space",
        profile,
    ]);
    let text = String::from_utf8(out.stdout).unwrap();
    text.lines()
        .find(|l| l.split_whitespace().nth(5) == Some(function))
        .map(|l| {
            let flat = l.split_whitespace().next().unwrap();
            flat.trim_end_matches('B').parse().unwrap()
        })
}

/// The sample type names of a profile, read with our own decoder.
pub fn sample_types(path: &Path) -> Vec<String> {
    let bytes = std::fs::read(path).expect("read profile");
    let p = gosleuth_pprof::decode(&bytes, gosleuth_pprof::Limits::default()).expect("decode");
    p.sample_types.into_iter().map(|t| t.r#type).collect()
}
