//! The captures of Debian's nats-server made by the examples' own scripts:
//! idle connections (`examples/nats-idle`) and a stalled server's slow log
//! (`examples/nats-slow`).

use std::path::PathBuf;

use super::paths::{NATS_SERVER, repo};

/// The connection counts of the idle captures.
pub const IDLE_COUNTS: [u32; 5] = [500, 1000, 2000, 4000, 6000];

/// `examples/nats-idle/fixtures`.
pub fn idle_fixtures() -> PathBuf {
    let dir = repo().join("examples/nats-idle/fixtures");
    assert!(
        dir.is_dir(),
        "captures missing: {} (run examples/nats-idle/capture.sh)",
        dir.display()
    );
    dir
}

/// The `connmem --capture` spec of the idle capture with `n` connections.
pub fn idle_capture(n: u32) -> String {
    let d = idle_fixtures();
    let f = |suffix: &str| {
        let p = d.join(format!("idle{n}.{suffix}"));
        assert!(p.is_file(), "missing {}", p.display());
        p.display().to_string()
    };
    format!(
        "heap={},goroutine={},memstats={},varz={}",
        f("heap.pb.gz"),
        f("goroutine.pb.gz"),
        f("heap.debug1.txt"),
        f("varz.json")
    )
}

/// `--capture SPEC` for every idle capture, fewest connections first.
pub fn idle_capture_args() -> Vec<String> {
    IDLE_COUNTS
        .iter()
        .flat_map(|&n| ["--capture".to_string(), idle_capture(n)])
        .collect()
}

/// One file of `examples/nats-slow/fixtures`, as an argument.
pub fn slow_fixture(name: &str) -> String {
    let p = repo().join("examples/nats-slow/fixtures").join(name);
    assert!(
        p.is_file(),
        "missing {} (run examples/nats-slow/capture.sh)",
        p.display()
    );
    p.display().to_string()
}

/// The inputs of `gosleuth slow` for the stalled server: `log`, the goroutine
/// dumps before and after, and the nats-server source.
pub fn slow_inputs(log: &str) -> Vec<String> {
    vec![
        "--log".into(),
        log.into(),
        "--goroutines".into(),
        slow_fixture("before.goroutine.debug2.txt"),
        "--goroutines".into(),
        slow_fixture("after.goroutine.debug2.txt"),
        "--src".into(),
        NATS_SERVER.into(),
    ]
}
