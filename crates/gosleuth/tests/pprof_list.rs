//! `list` against `go tool pprof -list` with `-source_path`, on real profiles
//! and the real source that built them.

mod common;

use common::{
    GO119, NATS_SRC, example_fixtures, go_env, gosleuth, nats_data, nats_source, pprof, pushsvc,
};

fn assert_list_matches(regex: &str, src: &str, profile: &std::path::Path) {
    let p = profile.to_str().unwrap();
    let ours = gosleuth(&["list", regex, "--src", src, p]);
    let theirs = pprof(&[&format!("-list={regex}"), &format!("-source_path={src}"), p]);
    assert!(
        theirs.status.success(),
        "pprof failed: {}",
        String::from_utf8_lossy(&theirs.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&ours.stdout),
        String::from_utf8_lossy(&theirs.stdout),
        "list {regex} on {p} differs; stderr: {}",
        String::from_utf8_lossy(&ours.stderr)
    );
}

#[test]
fn list_matches_pprof_on_nats_with_debian_source() {
    nats_source();
    let d = nats_data();
    for (regex, file) in [
        ("readLoop$", "js.allocs.pb.gz"),
        ("queueOutbound", "fanout.allocs.pb.gz"),
        ("wsRead", "ws.allocs.pb.gz"),
        ("internalLoop", "js.allocs.pb.gz"),
        ("processMsgResults", "fanout.cpu.pb.gz"),
    ] {
        assert_list_matches(regex, NATS_SRC, &d.join(file));
    }
    let go119_src = format!("{GO119}/src");
    assert_list_matches("flate", &go119_src, &d.join("ws.allocs.pb.gz"));
    // Files pprof cannot find print its error line: same for us.
    assert_list_matches("Sprintf", "/nonexistent", &d.join("js.allocs.pb.gz"));
}

#[test]
fn list_matches_pprof_on_the_example_service() {
    // gosleuth reads only under the source path (SPEC §8), where pprof opens
    // absolute paths anywhere: name the Go root that built the service too.
    let src = format!("{}:{}/src", pushsvc(), go_env("GOROOT"));
    let src = src.as_str();
    let ex = example_fixtures();
    for regex in ["readLoop", "init\\.func1", "compress$", "copyBytes"] {
        assert_list_matches(regex, src, &ex.join("allocs.pb.gz"));
    }
}
