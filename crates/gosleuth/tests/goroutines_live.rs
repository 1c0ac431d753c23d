//! Live leak: the example service built from source, driven by its own load
//! generator, and two goroutine dumps seconds apart (the earlier one saved,
//! the later one fetched by gosleuth from the live endpoint): `goroutines`
//! names the planted leak first, with the leak rule that explains it.

mod common;

use std::io::{Read as _, Write as _};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::{Running, gosleuth, pushsvc, repo, start_on_free_ports, stdout_of, tmp};

fn go_build(out: &Path, package: &str) {
    let status = Command::new("go")
        .args(["build", "-buildvcs=false", "-o"])
        .arg(out)
        .arg(package)
        .current_dir(repo().join("examples/pushsvc"))
        .status()
        .expect("`go` must be on PATH to build the example service");
    assert!(status.success(), "go build {package} failed");
}

/// A plain HTTP/1.0 GET on loopback.
fn get(port: u16, path: &str) -> Vec<u8> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(15))).unwrap();
    write!(s, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
    let mut resp = Vec::new();
    s.read_to_end(&mut resp).unwrap();
    let body = resp
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("HTTP response")
        + 4;
    assert!(
        resp.starts_with(b"HTTP/1.0 200") || resp.starts_with(b"HTTP/1.1 200"),
        "{}",
        String::from_utf8_lossy(&resp[..body])
    );
    resp[body..].to_vec()
}

#[test]
fn a_live_leak_is_named_first() {
    let dir = tmp("live-leak");
    let (svc_bin, load_bin) = (dir.join("pushsvc"), dir.join("load"));
    go_build(&svc_bin, ".");
    go_build(&load_bin, "./cmd/load");
    let addr = |p: u16| format!("127.0.0.1:{p}");
    let (_svc, ports) = start_on_free_ports("pushsvc", 3, 2, |p| {
        Command::new(&svc_bin)
            .args([
                "-pprof",
                &addr(p[0]),
                "-http",
                &addr(p[1]),
                "-listen",
                &addr(p[2]),
                "-quiet",
                "-max-runtime",
                "2m",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    });
    let (prof, api, tcp) = (ports[0], ports[1], ports[2]);
    let _load = Running(
        Command::new(&load_bin)
            .args(["-tcp", &addr(tcp), "-http", &addr(api), "-duration", "8s"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    std::thread::sleep(Duration::from_secs(2));
    let early = dir.join("early.goroutine.debug2.txt");
    std::fs::write(&early, get(prof, "/debug/pprof/goroutine?debug=2")).unwrap();
    std::thread::sleep(Duration::from_secs(5));
    let late = format!("http://{}/debug/pprof/goroutine?debug=2", addr(prof));
    let out = gosleuth(&[
        "goroutines",
        early.to_str().unwrap(),
        &late,
        "--src",
        &pushsvc(),
        "--format",
        "json",
    ]);
    std::fs::remove_dir_all(&dir).unwrap();
    let v: serde_json::Value = serde_json::from_str(&stdout_of(out)).unwrap();
    let first = &v["growth"][0];
    assert_eq!(
        first["site"]["function"],
        "github.com/gosleuth/examples/pushsvc/broker.(*Server).publishWithTimeout.func1",
        "{first:#}"
    );
    assert_eq!(
        (
            first["site"]["file"].as_str(),
            first["site"]["line"].as_i64()
        ),
        (Some("broker/http.go"), Some(63))
    );
    assert!(
        first["delta"].as_i64().unwrap() > 0 && first["states"][0]["state"] == "chan send",
        "{first:#}"
    );
    assert!(
        first["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule"] == "GS801"),
        "{first:#}"
    );
}
