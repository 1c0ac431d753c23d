//! `gosleuth analyze` end to end on real profiles and real source: the seed-style
//! report (snapshots), the acceptance checks of the NATS workloads, ranges across
//! ten nodes checked against `go tool pprof` per node, and pool-refill attribution.

mod common;

use std::process::Output;

use common::{example_fixtures, gosleuth, nats_data, pprof, repo};

const NATS_SRC: &str = "/usr/share/gocode/src";
const GO119: &str = "/usr/share/go-1.19";

fn stdout(out: Output) -> String {
    assert!(
        out.status.success(),
        "gosleuth failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn nats_report(workload: &str) -> String {
    let p = nats_data().join(format!("{workload}.allocs.pb.gz"));
    stdout(gosleuth(&[
        "analyze",
        p.to_str().unwrap(),
        "--src",
        NATS_SRC,
        "--goroot",
        GO119,
    ]))
}

fn go_env(var: &str) -> String {
    let out = std::process::Command::new("go")
        .args(["env", var])
        .output()
        .expect("go on PATH");
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

#[test]
fn fanout_report_names_unpooled_outbound_buffers_and_the_hub() {
    let md = nats_report("fanout");
    assert!(md.contains("| 1 | `(*client).queueOutbound` |"), "{md}");
    assert!(md.contains("`c.out.p = make([]byte, 0, c.out.sz)`"), "{md}");
    assert!(md.contains("Network I/O buffers"), "{md}");
    insta::assert_snapshot!(md);
}

#[test]
fn js_report_covers_the_stream_loop_and_the_hub() {
    let md = nats_report("js");
    assert!(md.contains("`(*stream).internalLoop`"), "{md}");
    assert!(
        md.contains("- `(*client).processMsgResults`:"),
        "processMsgResults must be a fan-out hub:\n{md}"
    );
    insta::assert_snapshot!(md);
}

#[test]
fn ws_report_traces_readall_under_decompression_to_wsread() {
    let md = nats_report("ws");
    assert!(md.contains("`ReadAll`"), "{md}");
    assert!(
        md.contains("`(*wsReadInfo).decompress` at `github.com/nats-io/nats-server/server/websocket.go:408` (100.0%), reached from `(*client).wsRead`"),
        "{md}"
    );
    // Rules on hot code: pooling for queueOutbound's `c.out.p = make(...)`
    // and the ReadAll over the decompressor, each with a saving.
    let recs = md
        .split("## Prioritized recommendations")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .expect("recommendations section");
    let pooling = recs
        .lines()
        .find(|l| l.contains("(GS103,"))
        .expect("GS103 row");
    assert!(pooling.contains("sync.Pool"), "{pooling}");
    assert!(
        pooling.contains("client.go:2016, client.go:2052"),
        "{pooling}"
    );
    assert!(pooling.contains("MB ("), "a saving: {pooling}");
    let readall = recs
        .lines()
        .find(|l| l.contains("(GS601,"))
        .expect("GS601 row");
    assert!(readall.contains("websocket.go:408"), "{readall}");
    assert!(readall.contains("MB ("), "a saving: {readall}");
    assert!(
        md.contains("- GS103 `unpooled-handoff-buffer` at client.go:2016: `c.out.p` is handed off"),
        "{md}"
    );
    insta::assert_snapshot!(md);
}

#[test]
fn example_service_report_attributes_the_pool_refill() {
    let p = example_fixtures().join("allocs.pb.gz");
    let src = repo().join("examples/pushsvc");
    let json = stdout(gosleuth(&[
        "analyze",
        p.to_str().unwrap(),
        "--format",
        "json",
        "--src",
        src.to_str().unwrap(),
        "--src",
        &go_env("GOMODCACHE"),
        "--goroot",
        &go_env("GOROOT"),
    ]));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let pool_site = v["sites"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| {
            s["function"]
                .as_str()
                .unwrap()
                .ends_with("broker.init.func1")
        })
        .expect("init.func1 site");
    assert_eq!(pool_site["category"], "pool_refill");
    assert_eq!(pool_site["pool"]["pool"], "framePool");
    assert_eq!(pool_site["pool"]["file"], "frame.go");
    assert!(
        pool_site["pool"]["puts"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p.as_str().unwrap().starts_with("frame.go:"))
    );
    assert_eq!(v["schema_version"], 2);
    insta::assert_snapshot!(json);
}

/// pprof's flat value (bytes) of `function` in one profile.
fn pprof_flat(profile: &str, function: &str) -> f64 {
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
        .map_or(0.0, |l| {
            l.split_whitespace()
                .next()
                .unwrap()
                .trim_end_matches('B')
                .parse()
                .unwrap()
        })
}

#[test]
fn ranges_across_ten_nodes_equal_per_node_pprof_values() {
    let nodes: Vec<String> = (1..=10)
        .map(|i| {
            example_fixtures()
                .join(format!("node{i:02}.allocs.pb.gz"))
                .to_str()
                .unwrap()
                .to_string()
        })
        .collect();
    let mut args: Vec<&str> = vec!["analyze", "--format", "json", "--top", "6"];
    args.extend(nodes.iter().map(String::as_str));
    let v: serde_json::Value = serde_json::from_str(&stdout(gosleuth(&args))).unwrap();
    assert_eq!(v["nodes"].as_array().unwrap().len(), 10);
    for site in v["sites"].as_array().unwrap() {
        let function = site["function"].as_str().unwrap();
        let expected: Vec<f64> = nodes.iter().map(|n| pprof_flat(n, function)).collect();
        let ours: Vec<f64> = site["per_node_flat"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_f64().unwrap())
            .collect();
        assert_eq!(ours, expected, "{function}");
        let min = expected.iter().copied().fold(f64::INFINITY, f64::min);
        let max = expected.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        assert_eq!(site["flat"]["min"].as_f64().unwrap(), min, "{function}");
        assert_eq!(site["flat"]["max"].as_f64().unwrap(), max, "{function}");
    }
}

#[test]
fn text_and_md_reports_across_ten_nodes() {
    let nodes: Vec<String> = (1..=10)
        .map(|i| {
            example_fixtures()
                .join(format!("node{i:02}.allocs.pb.gz"))
                .to_str()
                .unwrap()
                .to_string()
        })
        .collect();
    let src = repo().join("examples/pushsvc");
    let (modcache, goroot) = (go_env("GOMODCACHE"), go_env("GOROOT"));
    let mut args: Vec<&str> = vec![
        "analyze",
        "--top",
        "6",
        "--src",
        src.to_str().unwrap(),
        "--src",
        &modcache,
        "--goroot",
        &goroot,
    ];
    args.extend(nodes.iter().map(String::as_str));
    let text = stdout(gosleuth(&[args.as_slice(), &["--format", "text"]].concat()));
    assert!(!text.contains('\x1b'), "no colour when not a terminal");
    assert!(
        text.contains("is framePool.New (sync.Pool at frame.go:12)"),
        "{text}"
    );
    insta::assert_snapshot!("ten_nodes_text", text);
    let md = stdout(gosleuth(&args));
    assert!(md.contains("(median "), "{md}");
    let json = stdout(gosleuth(&[args.as_slice(), &["--format", "json"]].concat()));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let first = &v["recommendations"][0];
    assert_eq!(first["rule_id"], "GS201", "{first}");
    assert_eq!(first["priority"], "P0", "{first}");
    assert!(
        first["targets"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t.as_str().unwrap().ends_with("compress.go:9")),
        "{first}"
    );
    let (min, max) = (
        first["saving"]["min"].as_f64().unwrap(),
        first["saving"]["max"].as_f64().unwrap(),
    );
    assert!(0.0 < min && min < max, "a range across nodes: {first}");
    insta::assert_snapshot!("ten_nodes_md", md);
}
