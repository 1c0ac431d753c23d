//! `gosleuth connmem` on real captures of Debian's nats-server 2.9.10 holding
//! 500 to 6,000 idle connections (`examples/nats-idle`, made by its
//! `capture.sh`): the model against the measured marginal memory per
//! connection at every count, each part traced to profile lines or MemStats,
//! and the Markdown report a user sees.

mod common;

use common::{
    IDLE_COUNTS, NATS_SRC_ARGS, debian_sources, gosleuth, gosleuth_ok, idle_capture_args,
    idle_fixtures, nats_data, strs,
};
use serde_json::Value;

fn run(extra: &[&str]) -> String {
    debian_sources();
    let captures = idle_capture_args();
    let mut args = vec!["connmem"];
    args.extend(strs(&captures));
    args.extend(NATS_SRC_ARGS);
    args.extend(extra);
    gosleuth_ok(&args)
}

fn json(extra: &[&str]) -> Value {
    let mut a = vec!["--format", "json"];
    a.extend(extra);
    serde_json::from_str(&run(&a)).expect("JSON report")
}

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

#[test]
fn model_is_within_15_percent_of_the_measured_marginal_at_every_count() {
    let r = json(&[]);
    let marginal = f(&r["measured_marginal_per_connection_bytes"]);
    let model = f(&r["per_connection_bytes"]);
    // Idle NATS 2.9.10 connections cost about 20 kB each (client struct,
    // two goroutine stacks, GC headroom); the naive figure is larger.
    assert!(
        (15_000.0..30_000.0).contains(&marginal),
        "marginal {marginal}"
    );
    let captures = r["captures"].as_array().unwrap();
    assert_eq!(captures.len(), IDLE_COUNTS.len());
    let mut models = Vec::new();
    for c in captures {
        let m = f(&c["per_connection_bytes"]);
        let off = m / marginal - 1.0;
        assert!(
            off.abs() <= 0.15,
            "{}: model {m:.0} vs marginal {marginal:.0} ({:+.1}%)",
            c["name"],
            100.0 * off
        );
        assert!((f(&c["model_vs_marginal_percent"]) - 100.0 * off).abs() < 1e-6);
        // Naive mem ÷ connections includes the fixed baseline: always above the marginal.
        assert!(
            f(&c["naive_per_connection_bytes"]) > marginal,
            "{}",
            c["name"]
        );
        models.push(m);
    }
    // Stable across counts: the largest model within 15% of the smallest.
    let (lo, hi) = models
        .iter()
        .fold((f64::MAX, 0.0f64), |(lo, hi), &m| (lo.min(m), hi.max(m)));
    assert!(hi / lo <= 1.15, "models {models:?}");
    assert_eq!(
        model,
        *models.last().unwrap(),
        "the reference is the capture with the most connections"
    );
    let pairs = r["pair_marginals"].as_array().unwrap();
    assert_eq!(pairs.len(), IDLE_COUNTS.len() - 1);
}

#[test]
fn every_part_is_traced_to_profile_lines_or_memstats() {
    let r = json(&[]);
    for c in r["captures"].as_array().unwrap() {
        let total = f(&c["per_connection_bytes"]);
        let parts = c["parts"].as_array().unwrap();
        let sum: f64 = parts.iter().map(|p| f(&p["bytes_per_connection"])).sum();
        assert!(
            (sum - total).abs() < 1e-6 * total,
            "parts add up to the total"
        );
        for p in parts {
            let items = p["items"].as_array().unwrap();
            let isum: f64 = items.iter().map(|i| f(&i["bytes_per_connection"])).sum();
            assert!(
                (isum - f(&p["bytes_per_connection"])).abs() < 1e-6 * total.max(1.0),
                "{}",
                p["kind"]
            );
            for i in items {
                let basis = i["basis"].as_str().unwrap();
                match p["kind"].as_str().unwrap() {
                    "stacks" => assert!(basis.contains("MemStats.StackInuse"), "{basis}"),
                    "runtime_overhead" => assert!(
                        basis.contains("HeapAlloc") || basis.contains("MSpanInuse"),
                        "{basis}"
                    ),
                    // Heap items: an allocating line of the profile, reached through a per-connection function.
                    _ => {
                        assert!(
                            i["place"].as_str().is_some_and(|p| p.contains(".go:")),
                            "{i}"
                        );
                        assert!(i["via"].is_string(), "{i}");
                        assert!(
                            basis.contains("inuse_space") || basis.contains("runtime.g"),
                            "{basis}"
                        );
                    }
                }
            }
        }
        let kinds: Vec<&str> = parts.iter().map(|p| p["kind"].as_str().unwrap()).collect();
        for k in ["structs", "stacks", "runtime_overhead", "maps", "buffers"] {
            assert!(kinds.contains(&k), "{} lacks {k}: {kinds:?}", c["name"]);
        }
        // The connection's struct, from `createClient`, is one per connection.
        let structs = parts.iter().find(|p| p["kind"] == "structs").unwrap();
        let client = structs["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["place"] == "server.go:2508")
            .unwrap_or_else(|| panic!("no client struct in {structs}"));
        assert_eq!(f(&client["per_connection"]), 1.0);
        assert!(client["code"].as_str().unwrap().contains("&client{"));
    }
    let g = r["goroutines"].as_array().unwrap();
    let entries: Vec<&str> = g.iter().map(|g| g["entry"].as_str().unwrap()).collect();
    assert_eq!(
        entries,
        [
            "github.com/nats-io/nats-server/server.(*Server).createClient.func1",
            "github.com/nats-io/nats-server/server.(*Server).createClient.func2"
        ]
    );
    assert!(
        g.iter()
            .all(|g| g["per_connection"] == 1 && g["count"] == 6000)
    );
}

#[test]
fn what_ifs_and_projections_come_from_the_same_model() {
    let r = json(&[
        "--what-if",
        "buffer=256",
        "--what-if",
        "goroutines=1",
        "--what-if",
        "gogc=50",
    ]);
    let model = f(&r["per_connection_bytes"]);
    let w = r["what_ifs"].as_array().unwrap();
    assert_eq!(w.len(), 3);
    for x in w {
        let saving = f(&x["saving_per_connection_bytes"]);
        assert!(saving > 0.0, "{x}");
        assert!((f(&x["per_connection_bytes"]) + saving - model).abs() < 1e-6 * model);
    }
    // One goroutine less saves at least its average stack.
    let stack = f(&r["captures"][IDLE_COUNTS.len() - 1]["memstats"]["stack_per_goroutine"]);
    assert!(f(&w[1]["saving_per_connection_bytes"]) >= stack, "{}", w[1]);
    let p = r["projections"].as_array().unwrap();
    let conns: Vec<u64> = p
        .iter()
        .map(|p| p["connections"].as_u64().unwrap())
        .collect();
    assert_eq!(conns, [10_000, 100_000, 1_000_000, 10_000_000]);
    assert!((f(&p[2]["model_bytes"]) - model * 1e6).abs() < 1.0);
    assert!(f(&p[2]["measured_bytes"]) > f(&p[1]["measured_bytes"]));
}

#[test]
fn markdown_report() {
    let md = run(&["--what-if", "buffer=256", "--what-if", "goroutines=1"]);
    assert!(md.contains("**Measured marginal:"), "{md}");
    assert!(md.contains("## Assumptions"), "{md}");
    insta::assert_snapshot!(md);
}

#[test]
fn one_capture_has_no_marginal_but_a_naive_figure() {
    let d = nats_data();
    let spec = format!(
        "heap={},goroutine={},memstats={},varz={}",
        d.join("idle1000.heap.pb.gz").display(),
        d.join("idle1000.goroutine.debug2.txt").display(),
        d.join("idle1000.heap.debug1.txt").display(),
        d.join("idle1000.varz.json").display()
    );
    let out = gosleuth_ok(&["connmem", "--capture", &spec, "--format", "json"]);
    let r: Value = serde_json::from_str(&out).unwrap();
    assert!(r["measured_marginal_per_connection_bytes"].is_null());
    let c = &r["captures"][0];
    assert_eq!(c["connections"], 1000);
    assert!(f(&c["naive_per_connection_bytes"]) > f(&r["per_connection_bytes"]));
    assert!(
        r["assumptions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a.as_str().unwrap().contains("No --src"))
    );
}

#[test]
fn a_capture_without_per_connection_goroutines_is_one_error_line() {
    let d = nats_data();
    // The goroutine profile of another workload has no group that scales with 6,000 connections.
    let spec = format!(
        "heap={},goroutine={},connections=6000",
        idle_fixtures().join("idle6000.heap.debug1.txt").display(),
        d.join("js.goroutine.pb.gz").display()
    );
    let out = gosleuth(&["connmem", "--capture", &spec]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("no goroutine group numbers at least half of the 6000 connections"),
        "{err}"
    );
    let out = gosleuth(&["connmem", "--capture", "heap=x,goroutine=y,colour=red"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown key `colour`"));
}
