//! Where the real data lives: the repository and its captured fixtures,
//! Debian's Go sources, the Go toolchain's own roots, and scratch space.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Debian's nats-server 2.9.10 source and its dependencies.
pub const NATS_SRC: &str = "/usr/share/gocode/src";
/// The nats-server module inside [`NATS_SRC`].
pub const NATS_SERVER: &str = "/usr/share/gocode/src/github.com/nats-io/nats-server";
/// Go 1.19's root, which built the NATS profiles.
pub const GO119: &str = "/usr/share/go-1.19";
/// The source roots of the NATS profiles, as `gosleuth` options.
pub const NATS_SRC_ARGS: [&str; 4] = ["--src", NATS_SRC, "--goroot", GO119];

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

/// `go env NAME`, or a loud failure.
pub fn go_env(name: &str) -> String {
    let out = Command::new("go")
        .args(["env", name])
        .output()
        .expect("`go` (Go 1.26, /usr/local/go) must be on PATH");
    String::from_utf8(out.stdout)
        .expect("UTF-8 output")
        .trim()
        .to_string()
}

/// [`NATS_SRC`], once Debian's nats-server source is known to be installed.
pub fn nats_source() -> &'static str {
    let client = Path::new(NATS_SERVER).join("server/client.go");
    assert!(
        client.is_file(),
        "missing {}: run `apt-get install -y golang-github-nats-io-nats-server-dev` (.ci/run does)",
        client.display()
    );
    NATS_SRC
}

/// Asserts that Debian's nats-server source and Go 1.19's root are installed.
pub fn debian_sources() {
    nats_source();
    let proc = Path::new(GO119).join("src/runtime/proc.go");
    assert!(
        proc.is_file(),
        "missing {}: run `apt-get install -y golang-1.19-src` (.ci/run does)",
        proc.display()
    );
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

/// A fresh, empty temporary directory for one test (`tag` tells the tests apart).
pub fn tmp(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gosleuth-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create temp dir");
    dir
}

/// Where pages and screenshots are kept for a person to look at: the cargo
/// target directory.
pub fn artifact(name: &str) -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("target dir")
        .join(name)
}
