//! `gosleuth audit DIR --profile P…` end to end on real artifacts: findings
//! weighed by the samples through their lines (checked against the real
//! `go tool pprof -lines` on nats-server 2.9.10), ranked by weight, the
//! profile-only rule confirmed only by allocation profiles, and bad inputs.

mod common;

use std::collections::BTreeMap;

use common::{
    NATS_SERVER, allocs, fixture, gosleuth, gosleuth_in, gosleuth_ok, nats_data, nats_source,
    pprof, repo,
};
use serde_json::Value;

fn nats_profile(name: &str) -> String {
    nats_data().join(name).display().to_string()
}

fn audit_json(args: &[&str]) -> Value {
    let mut all = vec!["audit", "--format", "json"];
    all.extend_from_slice(args);
    serde_json::from_str(&gosleuth_ok(&all)).expect("audit JSON")
}

fn findings(report: &Value) -> &Vec<Value> {
    report["findings"].as_array().expect("findings")
}

/// `go tool pprof -lines -top -cum` in bytes: cumulative value per
/// `file:line`, with how many functions share the line.
fn pprof_cum_by_line(profile: &str) -> BTreeMap<String, (i64, usize)> {
    let out = pprof(&[
        "-sample_index=alloc_space",
        "-lines",
        "-top",
        "-cum",
        "-unit=B",
        "-nodecount=1000000",
        "-nodefraction=0",
        profile,
    ]);
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    let mut by_line = BTreeMap::new();
    for row in text.lines().filter(|l| l.ends_with(char::is_numeric)) {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let (Some(cum), Some(place)) = (cols.get(3), cols.last()) else {
            continue;
        };
        let Some(cum) = cum.strip_suffix('B').and_then(|c| c.parse::<i64>().ok()) else {
            continue;
        };
        let e = by_line.entry((*place).to_string()).or_insert((0, 0));
        e.0 = e.0.max(cum);
        e.1 += 1;
    }
    by_line
}

#[test]
fn nats_weights_are_pprofs_cumulative_values_on_the_finding_lines() {
    nats_source();
    let profile = nats_profile("js.allocs.pb.gz");
    let report = audit_json(&[NATS_SERVER, "--profile", &profile]);
    let w = &report["weighting"];
    assert_eq!(w["sample_type"], "alloc_space");
    assert_eq!(w["profiles"], 1);
    let oracle = pprof_cum_by_line(&profile);
    let mut compared = Vec::new();
    for f in findings(&report) {
        let (line, end) = (f["line"].as_i64().unwrap(), f["end_line"].as_i64().unwrap());
        let weight = f["weight"].as_i64().expect("every finding weighed");
        if line != end || weight == 0 {
            continue;
        }
        let suffix = format!("/{}:{line}", f["file"].as_str().unwrap());
        let matches: Vec<_> = oracle
            .iter()
            .filter(|(k, _)| k.ends_with(&suffix))
            .collect();
        if let [(_, (cum, 1))] = matches.as_slice() {
            assert_eq!(weight, *cum, "{suffix}: gosleuth {weight}, pprof {cum}");
            compared.push(format!("{} {suffix}", f["rule"].as_str().unwrap()));
        }
    }
    assert!(compared.len() >= 5, "too few compared: {compared:?}");
    // Heaviest first: the stream loop's append (GS403), then the outbound
    // buffers (GS103), as the hand-written analysis ranks them.
    let top: Vec<String> = findings(&report)[..2]
        .iter()
        .map(|f| {
            format!(
                "{} {}:{}",
                f["rule"].as_str().unwrap(),
                f["file"].as_str().unwrap(),
                f["line"]
            )
        })
        .collect();
    assert_eq!(
        top,
        ["GS403 server/stream.go:4350", "GS103 server/client.go:2052"]
    );
    let weights: Vec<i64> = findings(&report)
        .iter()
        .map(|f| f["weight"].as_i64().unwrap())
        .collect();
    assert!(
        weights.windows(2).all(|p| p[0] >= p[1]),
        "not ranked by weight"
    );
    let share = findings(&report)[0]["share"].as_f64().unwrap();
    assert!(
        (0.32..0.34).contains(&share),
        "stream.go:4350 share {share}"
    );
}

#[test]
fn profile_only_rule_needs_an_allocating_line() {
    nats_source();
    let rule_at = |r: &Value| -> Vec<String> {
        findings(r)
            .iter()
            .filter(|f| f["rule"] == "GS105")
            .map(|f| format!("{}:{}", f["file"].as_str().unwrap(), f["line"]))
            .collect()
    };
    let plain = audit_json(&[NATS_SERVER]);
    assert!(
        rule_at(&plain).is_empty(),
        "audit alone cannot confirm GS105"
    );
    assert!(plain.get("weighting").is_none());
    let allocs = audit_json(&[NATS_SERVER, "--profile", &nats_profile("js.allocs.pb.gz")]);
    assert_eq!(
        rule_at(&allocs),
        // By weight: 36.5 MB of 256-byte arrays, 34.0 MB of 64-byte ones
        // (filestore.go:3209's array escapes through a hash.Hash64: GS104's).
        ["server/stream.go:3686", "server/client.go:4144",]
    );
    let cpu = audit_json(&[NATS_SERVER, "--profile", &nats_profile("js.cpu.pb.gz")]);
    assert_eq!(cpu["weighting"]["sample_type"], "cpu");
    assert!(
        rule_at(&cpu).is_empty(),
        "CPU samples on a declaration prove no move to the heap"
    );
    assert_eq!(findings(&cpu).len(), findings(&plain).len());
}

#[test]
fn example_service_audit_weighed_by_three_nodes() {
    let nodes = [allocs("node01"), allocs("node02"), allocs("node03")];
    for format in ["md", "text"] {
        let mut args = vec!["audit", "examples/pushsvc", "--format", format];
        for n in &nodes {
            args.extend(["--profile", n.as_str()]);
        }
        let o = gosleuth_in(&repo(), &args);
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(0), "{stderr}");
        let out = String::from_utf8(o.stdout).unwrap();
        let out = out.replace(&repo().display().to_string(), "<repo>");
        insta::assert_snapshot!(format!("audit_pushsvc_weighed_{format}"), out);
    }
}

#[test]
fn a_bad_profile_among_good_ones_is_a_warning_and_alone_an_error() {
    let bad = fixture("varz.json");
    let good = allocs("node01");
    let o = gosleuth_in(
        &repo(),
        &[
            "audit",
            "examples/pushsvc",
            "--format",
            "json",
            "--profile",
            &bad,
            "--profile",
            &good,
        ],
    );
    assert_eq!(o.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("warning") && stderr.contains("varz.json"),
        "{stderr}"
    );
    let report: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(report["weighting"]["profiles"], 1);
    let alone = gosleuth(&["audit", &common::pushsvc(), "--profile", &bad]);
    assert_eq!(alone.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&alone.stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "one line: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

/// Profiles of another version than the source: frames whose start line
/// contradicts the function found at their line do not count, so almost
/// nothing is weighed and the user is told.
#[test]
fn profiles_of_another_version_weigh_almost_nothing_and_say_so() {
    nats_source();
    let current = repo().join("examples/nats-current/fixtures/js.allocs.pb.gz");
    let o = gosleuth(&[
        "audit",
        NATS_SERVER,
        "--format",
        "json",
        "--profile",
        current.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("are they from a build of this source?"),
        "{stderr}"
    );
    let report: Value = serde_json::from_slice(&o.stdout).unwrap();
    let in_source = report["weighting"]["in_source"].as_f64().unwrap();
    assert!(
        in_source < 0.05,
        "v2.15.2 frames on 2.9.10 source: {in_source}"
    );
    let same = audit_json(&[NATS_SERVER, "--profile", &nats_profile("js.allocs.pb.gz")]);
    assert!(same["weighting"]["in_source"].as_f64().unwrap() > 0.99);
}
