//! Helpers shared by the `legacy_*` tests: where the real captures live, and
//! the real `go tool pprof` as the oracle.
#![allow(dead_code, unreachable_pub)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use gosleuth_pprof::Profile;

/// `../shared/data/nats-2.9.10` beside the repository (or `$GOSLEUTH_SHARED/data/...`):
/// Go 1.19 captures of a NATS server.
pub fn nats_data() -> PathBuf {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let shared =
        std::env::var_os("GOSLEUTH_SHARED").map_or_else(|| repo.join("../shared"), PathBuf::from);
    let dir = shared.join("data/nats-2.9.10");
    assert!(
        dir.is_dir(),
        "real NATS data missing: {} (set GOSLEUTH_SHARED)",
        dir.display()
    );
    dir
}

/// `examples/fixtures`: Go 1.26 captures of our example service.
pub fn example_fixtures() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/fixtures");
    assert!(dir.is_dir(), "example fixtures missing: {}", dir.display());
    dir
}

/// Files in `dir` whose names end with `suffix`, sorted; at least one.
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

/// The file name, for messages and snapshots (never an absolute path).
pub fn name(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

/// The total `go tool pprof -top -unit=B -sample_index=INDEX FILE` reports, exactly
/// (`-unit=B` keeps pprof from rounding to MB). Fails loudly if Go is missing.
pub fn pprof_total(file: &Path, sample_index: &str) -> i64 {
    let out = Command::new("go")
        .args([
            "tool",
            "pprof",
            "-top",
            "-unit=B",
            &format!("-sample_index={sample_index}"),
        ])
        .arg(file)
        .output()
        .unwrap_or_else(|e| {
            panic!("`go tool pprof` is the oracle of this test and could not run ({e}); install Go")
        });
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "go tool pprof failed on {}: {}",
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    // "Showing nodes accounting for 820176909B, 100% of 820176909B total"
    let line = stdout
        .lines()
        .find(|l| l.starts_with("Showing nodes accounting for"))
        .expect("pprof -top header");
    let total = line
        .strip_suffix(" total")
        .and_then(|l| l.rsplit(' ').next())
        .expect("total");
    total
        .trim_end_matches('B')
        .parse()
        .unwrap_or_else(|_| panic!("cannot read pprof total from {line:?}"))
}

/// The file's bytes.
pub fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The sum of the first value of every sample.
pub fn total(p: &Profile) -> i64 {
    p.samples.iter().map(|s| s.values[0]).sum()
}

/// Stack → goroutines, leaving out the goroutine that served the profile
/// request (it differs between requests). A stack is a list of locations, leaf
/// first, each its `function file:line` lines joined by ` < ` (inlined calls
/// first); `shown` renames or drops functions.
pub fn by_stack(p: &Profile, shown: fn(&str) -> Option<String>) -> BTreeMap<Vec<String>, i64> {
    let mut out = BTreeMap::new();
    for s in &p.samples {
        let location = |l: usize| {
            let lines = p.locations[l].lines.iter().filter_map(|ln| {
                let f = p.function(ln)?;
                Some(format!("{} {}:{}", shown(&f.name)?, f.filename, ln.line))
            });
            Some(lines.collect::<Vec<_>>().join(" < ")).filter(|l| !l.is_empty())
        };
        let key: Vec<String> = s.locations.iter().filter_map(|&l| location(l)).collect();
        if !key
            .iter()
            .any(|k| k.contains("runtime/pprof.writeGoroutine"))
        {
            *out.entry(key).or_default() += s.values[0];
        }
    }
    out
}

/// How many goroutines sit on a different stack in `b` than in `a`.
pub fn moved(a: &BTreeMap<Vec<String>, i64>, b: &BTreeMap<Vec<String>, i64>) -> i64 {
    let keys: BTreeSet<_> = a.keys().chain(b.keys()).collect();
    keys.iter()
        .map(|k| (a.get(*k).unwrap_or(&0) - b.get(*k).unwrap_or(&0)).abs())
        .sum::<i64>()
        / 2
}
