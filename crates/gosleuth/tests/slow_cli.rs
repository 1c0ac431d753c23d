//! `gosleuth slow` on a real slow log: Debian's nats-server 2.9.10 stalled
//! with SIGSTOP mid-load (`examples/nats-slow`, made by its `capture.sh`).
//! Its `Readloop processing time` warnings are found, traced to `readLoop`
//! in client.go, and the report shows what that loop does under locks.

mod common;

use common::{
    NATS_SERVER, gosleuth, gosleuth_ok, nats_data, nats_source, repo, slow_fixture as fixture,
    slow_inputs, stdout_of, strs,
};
use serde_json::Value;

fn run(extra: &[&str]) -> std::process::Output {
    nats_source();
    let mut args = vec!["slow".to_string()];
    args.extend(slow_inputs(&fixture("server.log")));
    args.extend(extra.iter().map(ToString::to_string));
    gosleuth(&strs(&args))
}

fn ok(extra: &[&str]) -> String {
    stdout_of(run(extra))
}

#[test]
fn readloop_warnings_are_found_and_traced_to_read_loop() {
    let r: Value = serde_json::from_str(&ok(&["--format", "json"])).unwrap();
    let ops = r["operations"].as_array().unwrap();
    assert_eq!(ops.len(), 1, "{ops:?}");
    let op = &ops[0];
    assert_eq!(op["name"], "Readloop processing time: %v");
    assert_eq!(op["pattern"], "processing time");
    // Seven warnings in the log, from the four publishers' read loops.
    let log = std::fs::read_to_string(fixture("server.log")).unwrap();
    let logged = log
        .lines()
        .filter(|l| l.contains("Readloop processing time: "))
        .count();
    assert_eq!(op["count"].as_u64().unwrap() as usize, logged);
    assert!(logged >= 4);
    // The stalls were 3 s and 2.5 s.
    let (p50, max) = (
        op["p50_seconds"].as_f64().unwrap(),
        op["max_seconds"].as_f64().unwrap(),
    );
    assert!(
        (2.0..3.5).contains(&p50) && (2.9..3.5).contains(&max),
        "p50 {p50} max {max}"
    );
    let code = op["code"].as_array().unwrap();
    assert_eq!(code.len(), 1);
    let site = &code[0];
    assert_eq!(site["function"], "(*client).readLoop");
    assert_eq!(site["file"], "server/client.go");
    assert_eq!(site["lines"], serde_json::json!([1249, 1316]));
    assert_eq!(site["timer"]["code"], "c.in.start = time.Now()");
    assert_eq!(site["window"], serde_json::json!([1228, 1316]));
    // Under locks: readLoop's own c.mu, flushClients' cp.mu, and flushOutbound
    // called under cp.mu releasing it around its network write.
    let locks: Vec<(&str, u64)> = site["locks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| (l["lock"].as_str().unwrap(), l["acquired"].as_u64().unwrap()))
        .collect();
    assert!(locks.contains(&("c.mu", 1281)), "{locks:?}");
    let callees = site["callees"].as_array().unwrap();
    let by = |name: &str| {
        callees
            .iter()
            .find(|c| c["function"] == name)
            .unwrap_or_else(|| panic!("no {name} in {callees:?}"))
    };
    assert!(
        by("(*client).flushClients")["locks"][0]
            .as_str()
            .unwrap()
            .starts_with("cp.mu (Lock at line 1109)")
    );
    let flush = by("(*client).flushOutbound");
    assert_eq!(flush["under"], serde_json::json!(["cp.mu"]));
    assert!(
        flush["releases"][0]
            .as_str()
            .unwrap()
            .starts_with("c.mu (Unlock")
    );
    assert!(
        flush["blocking"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["kind"] == "network_io")
    );
    assert!(by("(*client).parse")["depth"] == 1);
}

#[test]
fn the_stalls_show_as_two_bursts_and_starvation_ranks_first() {
    let r: Value = serde_json::from_str(&ok(&["--format", "json"])).unwrap();
    let bursts = r["timeline"].as_array().unwrap();
    assert_eq!(bursts.len(), 2, "{bursts:?}");
    for b in bursts {
        assert!(b["subjects"].as_u64().unwrap() >= 2);
        assert!(b["end_spread_ms"].as_f64().unwrap() < 250.0, "{b}");
    }
    let h = r["hypotheses"].as_array().unwrap();
    let kinds: Vec<&str> = h.iter().map(|h| h["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds[0], "scheduler_starvation", "{kinds:?}");
    assert_eq!(h[0]["verdict"], "likely");
    assert!(
        h.iter()
            .all(|h| !h["confirm"].as_array().unwrap().is_empty())
    );
    let gc = h.iter().find(|h| h["kind"] == "gc").unwrap();
    assert_eq!(gc["verdict"], "unlikely");
    // The dumps: read loops on the slow code's stacks, writeLoops parked in Cond.Wait.
    let dumps = r["dumps"].as_array().unwrap();
    assert_eq!(dumps.len(), 2);
    for d in dumps {
        let groups = d["groups"].as_array().unwrap();
        assert!(
            groups
                .iter()
                .any(|g| g["in_slow_code"] == true && g["function"] == "(*client).readLoop"),
            "{d}"
        );
        assert!(
            groups
                .iter()
                .any(|g| g["state"] == "sync.Cond.Wait" && g["function"] == "(*client).writeLoop"),
            "{d}"
        );
    }
}

#[test]
fn markdown_report() {
    let md = ok(&[]);
    assert!(
        md.contains("### `Readloop processing time: %v` — `(*client).readLoop`"),
        "{md}"
    );
    assert!(
        md.contains("`c.mu.Lock()` at line 1281, released at line 1308"),
        "{md}"
    );
    insta::assert_snapshot!(md.replace(&repo().display().to_string(), "<repo>"));
}

#[test]
fn user_patterns_and_bad_ones() {
    let out = run(&["--pattern", "(", "--format", "json"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("error: slow: --pattern ("), "{err}");
    let out = run(&["--pattern", "Server is (?P<op>ready)", "--format", "json"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "a pattern without `dur` is refused"
    );
    // A pattern of our own: the JetStream banner's "Max Memory" is no duration,
    // but "Readloop" lines still match the built-in pattern.
    let r: Value = serde_json::from_str(
        &String::from_utf8(
            run(&[
                "--pattern",
                r"(?P<op>Readloop) processing time: (?P<dur>\S+)",
                "--format",
                "json",
            ])
            .stdout,
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(
        r["operations"][0]["pattern"],
        r"(?P<op>Readloop) processing time: (?P<dur>\S+)"
    );
}

#[test]
fn a_log_without_slow_lines_says_so() {
    let d = nats_data();
    let md = gosleuth_ok(&[
        "slow",
        "--log",
        d.join("server.log").to_str().unwrap(),
        "--src",
        NATS_SERVER,
    ]);
    assert!(
        md.contains("No slow-operation lines found in the logs."),
        "{md}"
    );
}
