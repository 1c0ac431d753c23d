//! `gosleuth goroutines` end to end: the planted leak growing between two real
//! dumps, the NATS server's dumps with the Debian source, snapshots of every
//! format, and exit codes.

mod common;

use common::{NATS_SRC, fixture, gosleuth, gosleuth_ok as ok, nats_data, pushsvc};

#[test]
fn leak_growth_md_names_the_leak_and_its_rule() {
    let md = ok(&[
        "goroutines",
        &fixture("leak.early.goroutine.debug2.txt"),
        &fixture("leak.late.goroutine.debug2.txt"),
        "--src",
        &pushsvc(),
    ]);
    let first_row = md.lines().find(|l| l.starts_with("| +")).unwrap();
    assert!(
        first_row.starts_with(
            "| +221 | 16 | 237 | `(*Server).publishWithTimeout.func1` | `broker/http.go:63` |"
        ),
        "{md}"
    );
    assert!(md.contains("GS801 `goroutine-send-unbuffered`"), "{md}");
    insta::assert_snapshot!(md);
}

#[test]
fn idle_dump_json_has_total_and_groups() {
    let json = ok(&[
        "goroutines",
        &fixture("leak.idle.goroutine.debug2.txt"),
        "--src",
        &pushsvc(),
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["total"], 245);
    let sum: u64 = v["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["count"].as_u64().unwrap())
        .sum();
    assert_eq!(sum, 245);
    insta::assert_snapshot!(json);
}

#[test]
fn nats_js_text_with_the_debian_source() {
    let dump = nats_data().join("js.goroutine.debug2.txt");
    let text = ok(&[
        "goroutines",
        dump.to_str().unwrap(),
        "--src",
        NATS_SRC,
        "--format",
        "text",
    ]);
    assert!(
        text.starts_with("js.goroutine.debug2: 19 goroutines\n"),
        "{text}"
    );
    insta::assert_snapshot!(text);
}

#[test]
fn protobuf_growth_text_without_source() {
    let text = ok(&[
        "goroutines",
        &fixture("leak.early.goroutine.pb.gz"),
        &fixture("leak.late.goroutine.pb.gz"),
        "--format",
        "text",
    ]);
    let first = text.lines().nth(2).unwrap();
    assert!(
        first.contains("+221") && first.contains("(*Server).publishWithTimeout.func1"),
        "{text}"
    );
}

#[test]
fn a_heap_profile_is_refused_with_exit_2() {
    let out = gosleuth(&["goroutines", &fixture("heap.pb.gz")]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.starts_with("error: ") && err.contains("heap.pb.gz: not a goroutine profile"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1);
    let out = gosleuth(&["goroutines", "/nonexistent/dump.txt"]);
    assert_eq!(out.status.code(), Some(2));
}
