//! `list` against `go tool pprof -list` with `-source_path`, on real profiles
//! and the real source that built them.

mod common;

use common::{example_fixtures, gosleuth, nats_data, pprof};

/// Debian's nats-server source and its dependencies, and Go 1.19's standard library.
const NATS_SRC: &str = "/usr/share/gocode/src";
const GO119_SRC: &str = "/usr/share/go-1.19/src";

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
    assert!(
        std::path::Path::new(NATS_SRC)
            .join("github.com/nats-io/nats-server/server/client.go")
            .is_file(),
        "install Debian's golang-github-nats-io-nats-server-dev"
    );
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
    assert_list_matches("flate", GO119_SRC, &d.join("ws.allocs.pb.gz"));
    // Files pprof cannot find print its error line: same for us.
    assert_list_matches("Sprintf", "/nonexistent", &d.join("js.allocs.pb.gz"));
}

#[test]
fn list_matches_pprof_on_the_example_service() {
    // gosleuth reads only under the source path (SPEC §8), where pprof opens
    // absolute paths anywhere: name the Go root that built the service too.
    let goroot = std::process::Command::new("go")
        .args(["env", "GOROOT"])
        .output()
        .expect("`go` must be on PATH");
    let goroot = String::from_utf8(goroot.stdout).unwrap();
    let src = format!(
        "{}:{}/src",
        common::repo().join("examples/pushsvc").display(),
        goroot.trim()
    );
    let src = src.as_str();
    let ex = example_fixtures();
    for regex in ["readLoop", "init\\.func1", "compress$", "copyBytes"] {
        assert_list_matches(regex, src, &ex.join("allocs.pb.gz"));
    }
}
