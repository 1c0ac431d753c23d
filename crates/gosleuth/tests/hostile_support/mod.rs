//! Helpers for the hostile-input tests, beside `common`: running gosleuth
//! with its peak memory measured, one-line errors, and profiles that name
//! chosen files.
#![allow(dead_code, unreachable_pub)]

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use crate::common::Pb;

/// A run with its peak resident memory, from GNU time (Debian's `time`).
pub struct Measured {
    pub output: Output,
    pub peak_rss_kb: u64,
    pub elapsed: Duration,
}

/// Runs gosleuth under `/usr/bin/time` to learn the child's peak RSS.
pub fn gosleuth_measured(args: &[&str], scratch: &Path) -> Measured {
    let report = scratch.join("time.txt");
    let start = Instant::now();
    let output = Command::new("/usr/bin/time")
        .arg("-f")
        .arg("%M")
        .arg("-o")
        .arg(&report)
        .arg(env!("CARGO_BIN_EXE_gosleuth"))
        .args(args)
        .output()
        .expect("/usr/bin/time is missing: install Debian's `time` package (.ci/run does)");
    let elapsed = start.elapsed();
    let text = std::fs::read_to_string(&report).expect("GNU time report");
    let peak_rss_kb = text
        .lines()
        .last()
        .and_then(|l| l.trim().parse().ok())
        .unwrap_or_else(|| panic!("no peak RSS in GNU time's report: {text:?}"));
    Measured {
        output,
        peak_rss_kb,
        elapsed,
    }
}

/// Asserts exit code 2 and exactly one stderr line; returns it.
pub fn one_error_line(out: &Output, what: &str) -> String {
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(2), "{what}: {err}");
    assert!(!err.contains("panicked"), "{what}: {err}");
    assert_eq!(err.lines().count(), 1, "{what}: not one line: {err}");
    assert!(err.starts_with("error: "), "{what}: {err}");
    err.trim_end().to_string()
}

/// A one-sample `alloc_space` profile whose stack is one frame of
/// `function` in `file` at `line`.
pub fn one_frame_profile(function: &str, file: &str, line: u64) -> Vec<u8> {
    let mut vt = Pb::default();
    vt.uint(1, 1).uint(2, 2);
    let mut sample = Pb::default();
    sample.uint(1, 1).uint(2, 7);
    let mut pl = Pb::default();
    pl.uint(1, 1).uint(2, line);
    let mut loc = Pb::default();
    loc.uint(1, 1).msg(4, &pl);
    let mut func = Pb::default();
    func.uint(1, 1).uint(2, 3).uint(4, 4);
    let mut p = Pb::default();
    p.msg(1, &vt)
        .msg(2, &sample)
        .msg(4, &loc)
        .msg(5, &func)
        .strings(&["", "alloc_space", "bytes", function, file]);
    p.0
}
