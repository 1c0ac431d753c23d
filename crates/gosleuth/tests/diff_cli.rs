//! `gosleuth diff` end to end on the example service's real captures: the
//! reports (snapshots), the saving checked against `go tool pprof`, and the
//! exit codes of the `--fail-on` gate.

mod common;

use common::{
    allocs, diff_of_the_fix, example_fixtures, gosleuth, node01_analysis_args, pprof_flat, pushsvc,
    strs, tmp,
};

fn run(args: &[&str]) -> (i32, String, String) {
    let out = gosleuth(args);
    (
        out.status.code().expect("exit code"),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// pprof's flat alloc_space (bytes) of `function` in one profile.
fn pprof_flat_listed(profile: &str, function: &str) -> f64 {
    pprof_flat(profile, function).unwrap_or_else(|| panic!("{function} not in pprof -top"))
}

#[test]
fn fixed_build_md_with_the_earlier_analysis() {
    let dir = tmp("diff-cli");
    let report = dir.join("report.json");
    let (code, _, err) = run(&strs(&node01_analysis_args(&report)));
    assert_eq!(code, 0, "{err}");
    let (src, fix) = (pushsvc(), diff_of_the_fix());
    let mut args = vec![
        "diff",
        "--src",
        &src,
        "--report",
        report.to_str().unwrap(),
        "--fail-on",
        "10",
    ];
    args.extend(strs(&fix));
    let (code, md, err) = run(&args);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(code, 0, "{err}");
    assert!(md.contains("| `(*client).compress` | `broker/compress_fixed.go` | 604 MB | 9.0 MB | −595 MB (−98.5%) |"), "{md}");
    assert!(
        md.contains("| 1 | `(*client).compress` | 604 MB | 9.0 MB |"),
        "{md}"
    );
    assert!(md.contains("Passed (`--fail-on 10`)"), "{md}");
    // The earlier report's P0 (the s2 worst-case buffer) is judged fixed.
    assert!(
        md.lines()
            .any(|l| l.starts_with("| P0 | compress into a reused") && l.ends_with("| fixed |")),
        "{md}"
    );
    insta::assert_snapshot!(md);
}

#[test]
fn the_saving_is_what_go_tool_pprof_measures() {
    let fix = diff_of_the_fix();
    let (code, json, err) = run(&[&["diff", "--format", "json"][..], &strs(&fix)].concat());
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let f = "github.com/gosleuth/examples/pushsvc/broker.(*client).compress";
    let site = v["sites"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["function"] == f)
        .unwrap();
    let delta = site["changes"][0]["delta"].as_f64().unwrap();
    let oracle = pprof_flat_listed(&allocs("fixed"), f) - pprof_flat_listed(&allocs("node01"), f);
    assert!(
        (delta - oracle).abs() < 1.0,
        "gosleuth {delta} vs pprof {oracle}"
    );
    assert_eq!(site["changes"][0]["status"], "fixed");
}

#[test]
fn ten_runs_against_the_fixed_build_json() {
    let mut args = vec![
        "diff".to_string(),
        "--format".into(),
        "json".into(),
        "--src".into(),
        pushsvc(),
        "--base".into(),
    ];
    args.extend((1..=10).map(|i| allocs(&format!("node{i:02}"))));
    args.push("--".into());
    args.push(allocs("fixed"));
    let (code, json, err) = run(&strs(&args));
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["base_nodes"].as_array().unwrap().len(), 10);
    assert_eq!(v["sites"][0]["changes"][0]["status"], "fixed");
    insta::assert_snapshot!(json);
}

#[test]
fn same_workload_text_passes_the_gate() {
    let mut args = vec![
        "diff".to_string(),
        "--format".into(),
        "text".into(),
        "--fail-on".into(),
        "10".into(),
        "--base".into(),
    ];
    args.extend((1..=5).map(|i| allocs(&format!("node{i:02}"))));
    args.push("--".into());
    args.extend((6..=10).map(|i| allocs(&format!("node{i:02}"))));
    let (code, text, err) = run(&strs(&args));
    assert_eq!(code, 0, "{err}");
    assert!(text.contains("changes beyond noise: 0"), "{text}");
    assert!(text.contains("gate --fail-on 10: passed"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn a_regression_fails_the_gate_with_exit_1() {
    let (code, text, err) = run(&[
        "diff",
        "--format",
        "text",
        "--fail-on",
        "10",
        "--base",
        &allocs("fixed"),
        "--",
        &allocs("node01"),
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(
        text.contains("worse                  (*client).compress  9.0 MB → 604 MB"),
        "{text}"
    );
    assert!(
        text.contains("gate --fail-on 10: FAILED by total, (*client).compress"),
        "{text}"
    );
    // Without --fail-on the same report is not a failure.
    let (code, _, err) = run(&[
        "diff",
        "--format",
        "text",
        "--base",
        &allocs("fixed"),
        "--",
        &allocs("node01"),
    ]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn usage_errors_exit_2_with_one_line() {
    let (code, _, err) = run(&["diff", "--base", &allocs("node01"), &allocs("fixed")]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("error: no new profiles: end the --base list with `--`"),
        "{err}"
    );
    let not_json = example_fixtures().join("README.md");
    let fix = diff_of_the_fix();
    let (code, _, err) = run(&[
        &["diff", "--report", not_json.to_str().unwrap()][..],
        &strs(&fix),
    ]
    .concat());
    assert_eq!(code, 2);
    assert!(err.contains("not an analyze JSON report"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    let goroutine = example_fixtures().join("goroutine.pb.gz");
    let (code, _, err) = run(&[
        "diff",
        "--base",
        &allocs("node01"),
        "--",
        goroutine.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("has no alloc_space samples"), "{err}");
}
