//! Shared helpers for the end-to-end tests: where the real data lives, and how
//! to run gosleuth and the real `go tool pprof` side by side.
#![allow(dead_code, unreachable_pub)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("repo root")
}

/// `../shared/data/nats-2.9.10` beside the repository (or `$GOSLEUTH_SHARED/data/...`).
pub fn nats_data() -> PathBuf {
    let shared =
        std::env::var_os("GOSLEUTH_SHARED").map_or_else(|| repo().join("../shared"), PathBuf::from);
    let dir = shared.join("data/nats-2.9.10");
    assert!(
        dir.is_dir(),
        "real NATS data missing: {} (set GOSLEUTH_SHARED)",
        dir.display()
    );
    dir
}

/// The example service's captured fixtures.
pub fn example_fixtures() -> PathBuf {
    let dir = repo().join("examples/fixtures");
    assert!(dir.is_dir(), "example fixtures missing: {}", dir.display());
    dir
}

/// Files in `dir` whose names end with `suffix`, sorted.
pub fn files(dir: &Path, suffix: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.ends_with(suffix))
        })
        .collect();
    v.sort();
    assert!(!v.is_empty(), "no *{suffix} in {}", dir.display());
    v
}

/// Runs the gosleuth binary under test.
pub fn gosleuth(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gosleuth"))
        .args(args)
        .output()
        .expect("run gosleuth")
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

/// The sample type names of a profile, read with our own decoder.
pub fn sample_types(path: &Path) -> Vec<String> {
    let bytes = std::fs::read(path).expect("read profile");
    let p = gosleuth_pprof::decode(&bytes, gosleuth_pprof::Limits::default()).expect("decode");
    p.sample_types.into_iter().map(|t| t.r#type).collect()
}
