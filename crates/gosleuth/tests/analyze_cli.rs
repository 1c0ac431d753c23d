//! `gosleuth analyze` end to end on real profiles and real source: the seed-style
//! report (snapshots), the acceptance checks of the NATS workloads, ranges across
//! ten nodes checked against `go tool pprof` per node, and pool-refill attribution.

mod common;

use common::{
    NATS_SRC_ARGS, example_fixtures, example_src_args, go_env, gosleuth_ok, nats_data, pprof_flat,
    repo, site_ending, strs, ten_nodes,
};

fn nats_report(workload: &str) -> String {
    let p = nats_data().join(format!("{workload}.allocs.pb.gz"));
    gosleuth_ok(&[&["analyze", p.to_str().unwrap()][..], &NATS_SRC_ARGS].concat())
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
    // The #1 site's line, `msg = append(msg, _CRLF_...)`, copies each
    // message (1.5 kB objects) to add two bytes: a P0 with its saving.
    let row = md
        .lines()
        .find(|l| l.contains("(GS403,"))
        .expect("GS403 recommendation");
    assert!(
        row.starts_with("| P0 |") && row.contains("stream.go:4350"),
        "{row}"
    );
    assert!(row.contains("MB ("), "a saving: {row}");
    insta::assert_snapshot!(md);
}

/// `analyze` of the current nats-server's js profile (v2.15.2, captured by
/// `examples/nats-current`) with its source in the module cache.
fn analyze_current_nats_js(extra: &[&str]) -> String {
    let p = repo().join("examples/nats-current/fixtures/js.allocs.pb.gz");
    let (modcache, goroot) = (go_env("GOMODCACHE"), go_env("GOROOT"));
    let mut args = vec![
        "analyze",
        p.to_str().unwrap(),
        "--src",
        &modcache,
        "--goroot",
        &goroot,
    ];
    args.extend_from_slice(extra);
    gosleuth_ok(&args)
}

/// The same append in a current nats-server (v2.15.2, source in the
/// module cache): still the stream loop's heaviest line, still a P0.
#[test]
fn current_nats_js_report_flags_the_stream_loop_append() {
    let md = analyze_current_nats_js(&[]);
    let row = md
        .lines()
        .find(|l| l.contains("(GS403,"))
        .expect("GS403 recommendation");
    assert!(
        row.starts_with("| P0 |") && row.contains("stream.go:8657"),
        "{row}"
    );
    assert!(
        md.contains("| 8657 | `msg = append(msg, _CRLF_...)` |"),
        "the line in the deep dive:\n{md}"
    );
}

/// GS105 speaks only where a profile shows the array's line allocating.
/// On the current nats-server's js profile, every line it names is one the
/// Go compiler itself reports as `moved to heap` for that package.
#[test]
fn current_nats_scratch_arrays_are_the_ones_the_compiler_moves_to_the_heap() {
    let json = analyze_current_nats_js(&["--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    let targets: Vec<String> = report["recommendations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["rule_id"] == "GS105")
        .flat_map(|r| r["targets"].as_array().unwrap().clone())
        .map(|t| {
            t.as_str()
                .unwrap()
                .rsplit("/server/")
                .next()
                .unwrap()
                .to_string()
        })
        .collect();
    assert!(targets.len() >= 2, "{targets:?}");
    let modcache = go_env("GOMODCACHE");
    let module = std::path::Path::new(&modcache).join("github.com/nats-io/nats-server/v2@v2.15.2");
    let out = std::process::Command::new("go")
        .args(["build", "-gcflags=-m", "-o", "/dev/null", "./server"])
        .current_dir(&module)
        .env("GOFLAGS", "-mod=mod")
        .env("GOTOOLCHAIN", "local")
        .output()
        .expect("go");
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{log}");
    for t in &targets {
        let moved = log
            .lines()
            .any(|l| l.starts_with(&format!("server/{t}:")) && l.contains("moved to heap"));
        assert!(moved, "{t}: not moved to the heap by the compiler");
    }
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
    let src = example_src_args();
    let mut args = vec!["analyze", p.to_str().unwrap(), "--format", "json"];
    args.extend(strs(&src));
    let json = gosleuth_ok(&args);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let pool_site = site_ending(&v, "broker.init.func1");
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

#[test]
fn ranges_across_ten_nodes_equal_per_node_pprof_values() {
    let nodes = ten_nodes();
    let mut args: Vec<&str> = vec!["analyze", "--format", "json", "--top", "6"];
    args.extend(strs(&nodes));
    let v: serde_json::Value = serde_json::from_str(&gosleuth_ok(&args)).unwrap();
    assert_eq!(v["nodes"].as_array().unwrap().len(), 10);
    for site in v["sites"].as_array().unwrap() {
        let function = site["function"].as_str().unwrap();
        let expected: Vec<f64> = nodes
            .iter()
            .map(|n| pprof_flat(n, function).unwrap_or(0.0))
            .collect();
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
    let nodes = ten_nodes();
    let src = example_src_args();
    let mut args: Vec<&str> = vec!["analyze", "--top", "6"];
    args.extend(strs(&src));
    args.extend(strs(&nodes));
    let text = gosleuth_ok(&[args.as_slice(), &["--format", "text"]].concat());
    assert!(!text.contains('\x1b'), "no colour when not a terminal");
    assert!(
        text.contains("is framePool.New (sync.Pool at frame.go:12)"),
        "{text}"
    );
    insta::assert_snapshot!("ten_nodes_text", text);
    let md = gosleuth_ok(&args);
    assert!(md.contains("(median "), "{md}");
    let json = gosleuth_ok(&[args.as_slice(), &["--format", "json"]].concat());
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
