//! The example service (`examples/pushsvc`): its source, its captured
//! fixtures, and the inputs the tests give gosleuth about it.

use std::path::{Path, PathBuf};

use serde_json::Value;

use super::paths::{go_env, repo};

/// The example service's captured fixtures.
pub fn example_fixtures() -> PathBuf {
    let dir = repo().join("examples/fixtures");
    assert!(dir.is_dir(), "example fixtures missing: {}", dir.display());
    dir
}

/// One of the example service's fixtures, as an argument.
pub fn fixture(name: &str) -> String {
    example_fixtures().join(name).display().to_string()
}

/// The example service's allocation profile `NAME.allocs.pb.gz`, as an argument.
pub fn allocs(name: &str) -> String {
    fixture(&format!("{name}.allocs.pb.gz"))
}

/// The allocation profiles of the example service's ten nodes, `node01` to `node10`.
pub fn ten_nodes() -> Vec<String> {
    (1..=10).map(|i| allocs(&format!("node{i:02}"))).collect()
}

/// The example service's source, as an argument.
pub fn pushsvc() -> String {
    repo().join("examples/pushsvc").display().to_string()
}

/// The source roots of the example service's profiles, as `gosleuth`
/// options: its source, the module cache with its dependencies, and the Go
/// root that built it.
pub fn example_src_args() -> Vec<String> {
    vec![
        "--src".into(),
        pushsvc(),
        "--src".into(),
        go_env("GOMODCACHE"),
        "--goroot".into(),
        go_env("GOROOT"),
    ]
}

/// `--base node01 -- fixed`: the example service's fix, as `diff` inputs.
pub fn diff_of_the_fix() -> Vec<String> {
    vec![
        "--base".into(),
        allocs("node01"),
        "--".into(),
        allocs("fixed"),
    ]
}

/// `analyze` of node01 into the JSON `report` whose recommendations a diff
/// of the fix judges.
pub fn node01_analysis_args(report: &Path) -> Vec<String> {
    [
        "analyze",
        &allocs("node01"),
        "--src",
        &pushsvc(),
        "--top",
        "6",
        "--format",
        "json",
        "-o",
        report.to_str().unwrap(),
    ]
    .map(String::from)
    .to_vec()
}

/// The site of an `analyze` JSON report whose function ends with `suffix`.
pub fn site_ending<'a>(report: &'a Value, suffix: &str) -> &'a Value {
    report["sites"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["function"].as_str().unwrap().ends_with(suffix))
        .unwrap_or_else(|| panic!("no site ending with {suffix}"))
}
