//! Frames decoded from real pprof profiles, with their weights, and where the
//! sources those profiles were built from live on this machine. A missing
//! part fails loudly with what to install.

#![allow(dead_code, reason = "each test binary uses a different subset")]

mod check;
mod start_line;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use gosleuth_go::Frame;

pub(crate) use check::{Measured, measure};

/// The distinct frames (function, file, line, start line) of some profiles,
/// each with its weight: the sum, over profiles, of the share of that
/// profile's default sample type whose stacks contain the frame (counted
/// once per sample) — what `gosleuth resolve` reports as weight.
pub(crate) struct Frames {
    pub(crate) profiles: usize,
    pub(crate) frames: Vec<Frame>,
    pub(crate) weights: Vec<f64>,
}

type Key = (String, String, i64, i64);

/// Decodes every profile and collects its frames.
pub(crate) fn decode_all(paths: &[PathBuf]) -> Frames {
    let mut weights: BTreeMap<Key, f64> = BTreeMap::new();
    for path in paths {
        let bytes =
            std::fs::read(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
        let p = gosleuth_pprof::decode(&bytes, gosleuth_pprof::Limits::default())
            .unwrap_or_else(|e| panic!("decoding {}: {e}", path.display()));
        add_weights(&p, &mut weights);
    }
    let (keys, weights): (Vec<Key>, Vec<f64>) = weights.into_iter().unzip();
    let frames = keys
        .into_iter()
        .map(|(function, file, line, start_line)| Frame {
            function,
            file,
            line,
            start_line,
        })
        .collect();
    Frames {
        profiles: paths.len(),
        frames,
        weights,
    }
}

fn add_weights(p: &gosleuth_pprof::Profile, weights: &mut BTreeMap<Key, f64>) {
    let index = p.sample_index("").expect("profile has sample types");
    let total: i64 = p.samples.iter().map(|s| s.values[index].abs()).sum();
    let mut seen: Vec<Key> = Vec::new();
    for s in &p.samples {
        let share = if total == 0 {
            0.0
        } else {
            s.values[index].abs() as f64 / total as f64
        };
        seen.clear();
        for line in s.locations.iter().flat_map(|&l| &p.locations[l].lines) {
            let Some(f) = p.function(line) else { continue };
            let key = (f.name.clone(), f.filename.clone(), line.line, f.start_line);
            if !seen.contains(&key) {
                *weights.entry(key.clone()).or_default() += share;
                seen.push(key);
            }
        }
    }
}

/// Prints the figures, then holds them to the acceptance bar.
pub(crate) fn check(title: &str, frames: &Frames, m: &Measured) {
    eprint!("{}", m.report(title, frames.profiles));
    assert!(
        m.count_pct() >= 99.0 && m.weight_pct() >= 99.0,
        "{title}: {:.2}% of frames, {:.2}% of weight resolved",
        m.count_pct(),
        m.weight_pct()
    );
    assert!(
        m.closure_failures.is_empty(),
        "{title}: {:#?}",
        m.closure_failures
    );
    assert!(m.wrong_file.is_empty(), "{title}: {:#?}", m.wrong_file);
    assert!(
        m.start_line_mismatches.is_empty(),
        "{title}: {:#?}",
        m.start_line_mismatches
    );
}

/// The `*.pb.gz` files of `dir`, sorted; fails when there are none.
pub(crate) fn profiles_in(dir: &Path) -> Vec<PathBuf> {
    let entries = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("profiles missing: reading {}: {e}", dir.display()));
    let mut out: Vec<PathBuf> = entries
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.to_str().is_some_and(|s| s.ends_with(".pb.gz")))
        .collect();
    out.sort();
    assert!(!out.is_empty(), "no *.pb.gz profiles in {}", dir.display());
    out
}

/// The repository root.
pub(crate) fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `$GOSLEUTH_SHARED/data/nats-2.9.10`, by default `../shared` beside the repository.
pub(crate) fn nats_2_9_10_data() -> PathBuf {
    let shared =
        std::env::var_os("GOSLEUTH_SHARED").map_or_else(|| repo().join("../shared"), PathBuf::from);
    let dir = shared.join("data/nats-2.9.10");
    assert!(
        dir.is_dir(),
        "real nats-server 2.9.10 profiles missing: {} (set GOSLEUTH_SHARED to the shared directory)",
        dir.display()
    );
    dir
}

/// `go env NAME` from the machine's Go, or a loud failure.
fn go_env(name: &str) -> PathBuf {
    let out = Command::new("go").args(["env", name]).output().expect(
        "`go` must be on PATH (Go 1.26, /usr/local/go) to locate the module cache and GOROOT",
    );
    assert!(out.status.success(), "`go env {name}` failed");
    PathBuf::from(String::from_utf8_lossy(&out.stdout).trim())
}

/// The module cache (`go env GOMODCACHE`).
pub(crate) fn gomodcache() -> PathBuf {
    go_env("GOMODCACHE")
}

/// The Go 1.26 root that built the Go 1.26 fixtures (`go env GOROOT`).
pub(crate) fn goroot_1_26() -> PathBuf {
    let goroot = go_env("GOROOT");
    let version = std::fs::read_to_string(goroot.join("VERSION")).unwrap_or_default();
    assert!(
        version.starts_with("go1.26"),
        "the Go 1.26 fixtures need the Go 1.26 standard library (their lines are Go 1.26's); \
         {} is {:?}: install Go 1.26 at /usr/local/go",
        goroot.display(),
        version.lines().next().unwrap_or("")
    );
    goroot
}

/// Fails loudly unless every module-cache directory the frames name
/// (`.../pkg/mod/<module>@<version>/...`) is present in `modcache`.
pub(crate) fn require_modules(frames: &Frames, modcache: &Path) {
    let mut missing: Vec<String> = frames
        .frames
        .iter()
        .filter_map(|f| module_of(&f.file))
        .filter(|m| !modcache.join(m).is_dir())
        .collect();
    missing.sort();
    missing.dedup();
    assert!(
        missing.is_empty(),
        "module sources missing from {}: run `go mod download {}` (.ci/run does)",
        modcache.display(),
        missing
            .iter()
            .map(|m| unescape(m))
            .collect::<Vec<_>>()
            .join(" ")
    );
}

/// `/root/go/pkg/mod/github.com/x/y@v1.2.3/z/a.go` → `github.com/x/y@v1.2.3`.
fn module_of(file: &str) -> Option<String> {
    let (_, rest) = file.split_once("/pkg/mod/")?;
    let parts: Vec<&str> = rest.split('/').collect();
    let at = parts.iter().position(|p| p.contains('@'))?;
    Some(parts[..=at].join("/"))
}

/// Module-cache escaping (`!x` for `X`) undone, for `go mod download`.
fn unescape(path: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in path.chars() {
        match c {
            '!' => upper = true,
            _ if upper => {
                out.extend(c.to_uppercase());
                upper = false;
            }
            _ => out.push(c),
        }
    }
    out
}
