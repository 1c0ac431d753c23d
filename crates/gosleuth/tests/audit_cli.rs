//! `gosleuth audit` and `gosleuth rules` end to end: the example service in
//! every format, exit codes for `--fail-on`, errors, and the catalog.

mod common;

use std::process::Output;

use common::{gosleuth_in, repo, tmp};

/// Runs gosleuth in the repository, where the paths below are.
fn gosleuth(args: &[&str]) -> Output {
    gosleuth_in(&repo(), args)
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8")
}

#[test]
fn audit_pushsvc_in_every_format() {
    for format in ["text", "md", "json", "sarif"] {
        let o = gosleuth(&["audit", "examples/pushsvc", "--format", format]);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{format}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        insta::assert_snapshot!(format!("audit_pushsvc_{format}"), stdout(&o));
    }
}

#[test]
fn fail_on_sets_exit_code_1_at_or_above_the_level() {
    let high = gosleuth(&[
        "audit",
        "examples/pushsvc",
        "--fail-on",
        "high",
        "--format",
        "json",
    ]);
    assert_eq!(high.status.code(), Some(1));
    let critical = gosleuth(&["audit", "examples/pushsvc", "--fail-on", "critical"]);
    assert_eq!(critical.status.code(), Some(0));
    let clean = gosleuth(&[
        "audit",
        "crates/gosleuth_rules/fixtures/make-in-loop",
        "--fail-on",
        "high",
    ]);
    assert_eq!(clean.status.code(), Some(0), "only a medium finding there");
    let low = gosleuth(&[
        "audit",
        "crates/gosleuth_rules/fixtures/make-in-loop",
        "--fail-on",
        "low",
    ]);
    assert_eq!(low.status.code(), Some(1));
}

#[test]
fn output_file_and_errors() {
    let dir = tmp("audit-cli");
    let out = dir.join("audit.sarif");
    let o = gosleuth(&[
        "audit",
        "examples/pushsvc",
        "--format",
        "sarif",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert!(o.stdout.is_empty());
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .contains("\"version\": \"2.1.0\"")
    );
    std::fs::remove_dir_all(&dir).unwrap();

    let missing = gosleuth(&["audit", "no/such/dir"]);
    assert_eq!(missing.status.code(), Some(2));
    let err = String::from_utf8_lossy(&missing.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("error: no/such/dir"), "{err}");

    let unknown = gosleuth(&["rules", "GS999"]);
    assert_eq!(unknown.status.code(), Some(2));
}

#[test]
fn tests_and_vendor_are_skipped_unless_asked() {
    let dir = tmp("audit-skip");
    std::fs::create_dir_all(dir.join("vendor/x")).unwrap();
    let src = std::fs::read_to_string(
        repo().join("crates/gosleuth_rules/fixtures/worst-case-encode-buffer/trigger.go"),
    )
    .unwrap();
    std::fs::write(dir.join("a_test.go"), &src).unwrap();
    std::fs::write(dir.join("vendor/x/x.go"), &src).unwrap();
    std::fs::write(dir.join(".gitignore"), "ignored.go\n").unwrap();
    std::fs::write(dir.join("ignored.go"), &src).unwrap();
    let d = dir.to_str().unwrap();
    let count = |args: &[&str]| -> usize {
        let o = gosleuth(&[&["audit", d, "--format", "json"], args].concat());
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        v["files"].as_u64().unwrap() as usize
    };
    assert_eq!(count(&[]), 0);
    assert_eq!(count(&["--include-tests"]), 1);
    assert_eq!(count(&["--include-vendor"]), 1);
    assert_eq!(count(&["--include-tests", "--include-vendor"]), 2);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn rules_catalog_and_one_rule() {
    let list = gosleuth(&["rules"]);
    assert_eq!(list.status.code(), Some(0));
    insta::assert_snapshot!("rules_list", stdout(&list));
    let one = gosleuth(&["rules", "GS201"]);
    assert_eq!(one.status.code(), Some(0));
    insta::assert_snapshot!("rules_gs201", stdout(&one));
    let by_slug = gosleuth(&["rules", "worst-case-encode-buffer"]);
    assert_eq!(stdout(&by_slug), stdout(&one));
}

/// GS1001 on Debian's nats-server 2.9.10: its disk I/O semaphore `dios` is a
/// buffered channel, and the file store waits for a slot in a helper while it
/// holds a message block's lock (the stream-snapshot path of seed 003). A
/// helper that unlocks before it waits (`stalledWait`) is not counted.
#[test]
fn nats_locks_held_while_waiting_for_the_disk_semaphore() {
    common::nats_source();
    let o = gosleuth(&["audit", common::NATS_SERVER, "--format", "json"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let locks: Vec<(&str, &str)> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["rule"] == "GS1001")
        .map(|f| {
            (
                f["function"].as_str().unwrap(),
                f["message"].as_str().unwrap(),
            )
        })
        .collect();
    for function in ["(*fileStore).streamSnapshot", "(*msgBlock).close"] {
        let (_, message) = locks
            .iter()
            .find(|(f, _)| *f == function)
            .unwrap_or_else(|| panic!("no GS1001 in {function}: {locks:?}"));
        assert_eq!(
            *message,
            "`mb.mu` is held (locked at line ".to_owned()
                + if function == "(*msgBlock).close" {
                    "5435"
                } else {
                    "5629"
                }
                + ") while waiting in `mb.writePerSubjectInfo()`, which blocks on `<-dios`"
        );
    }
    assert!(
        locks.iter().all(|(_, m)| !m.contains("stalledWait")),
        "stalledWait unlocks its caller's lock before waiting: {locks:?}"
    );
}
