//! Where the real data lives, and reading it.
#![allow(dead_code, unreachable_pub)]

use std::path::{Path, PathBuf};

use gosleuth_analysis::NodeInput;
use gosleuth_pprof::Limits;

/// The repository root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("repo root")
}

/// The example service's captured fixtures.
pub fn fixtures() -> PathBuf {
    let dir = repo().join("examples/fixtures");
    assert!(dir.is_dir(), "example fixtures missing: {}", dir.display());
    dir
}

/// The example service's source.
pub fn pushsvc() -> PathBuf {
    repo().join("examples/pushsvc")
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

/// One profile as a node named by its stem.
pub fn node(path: &Path) -> NodeInput {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let profile = gosleuth_pprof::decode(&bytes, Limits::default()).expect("decode");
    let name = path
        .file_name()
        .unwrap()
        .to_string_lossy()
        .split('.')
        .next()
        .unwrap()
        .to_string();
    NodeInput { name, profile }
}

/// `examples/fixtures/<name>.allocs.pb.gz` for each name.
pub fn allocs(names: &[&str]) -> Vec<NodeInput> {
    names
        .iter()
        .map(|n| node(&fixtures().join(format!("{n}.allocs.pb.gz"))))
        .collect()
}
