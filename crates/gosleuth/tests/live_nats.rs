//! Live endpoint: a real `nats-server` (Debian's package) with a profiling port
//! on loopback, real traffic over the NATS protocol, and `gosleuth top URL`
//! compared with `go tool pprof -top` on the very bytes gosleuth fetched.

mod common;

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{NATS_SRC_ARGS, Running, free_port, gosleuth, pprof, stdout_of, tmp, wait_listening};

fn nats_server_binary() -> PathBuf {
    for p in ["/usr/sbin/nats-server", "/usr/bin/nats-server"] {
        if Path::new(p).is_file() {
            return p.into();
        }
    }
    panic!("nats-server not found: install Debian's nats-server package (.ci/run does)");
}

fn start_server(dir: &Path) -> (Running, u16, u16) {
    let (client, prof) = (free_port(), free_port());
    let conf = dir.join("nats.conf");
    std::fs::write(
        &conf,
        format!("listen: 127.0.0.1:{client}\nprof_port: {prof}\n"),
    )
    .unwrap();
    let child = Command::new(nats_server_binary())
        .arg("-c")
        .arg(&conf)
        .arg("-a")
        .arg("127.0.0.1")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start nats-server");
    let server = Running(child);
    wait_listening("nats-server", &[prof, client]);
    (server, client, prof)
}

/// Publishes `count` messages to a subject this connection also subscribes to,
/// draining deliveries on a second thread, then waits for the final PONG.
fn drive_traffic(port: u16, count: usize) {
    let stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut info = String::new();
    reader.read_line(&mut info).unwrap();
    assert!(info.starts_with("INFO "), "unexpected greeting {info:?}");
    let drain = std::thread::spawn(move || {
        let mut buf = vec![0u8; 64 << 10];
        let mut seen = Vec::new();
        loop {
            let n = reader.read(&mut buf).unwrap_or(0);
            if n == 0 {
                return false;
            }
            seen.extend_from_slice(&buf[..n]);
            if seen.windows(6).any(|w| w == b"PONG\r\n") {
                return true;
            }
            let keep = seen.len().saturating_sub(8);
            seen.drain(..keep);
        }
    });
    let mut w = stream;
    w.write_all(b"CONNECT {\"verbose\":false,\"pedantic\":false}\r\nSUB gosleuth.test 1\r\n")
        .unwrap();
    let payload = "x".repeat(256);
    let mut batch = String::new();
    for i in 0..count {
        batch.push_str(&format!(
            "PUB gosleuth.test {}\r\n{payload}\r\n",
            payload.len()
        ));
        if i % 500 == 499 {
            w.write_all(batch.as_bytes()).unwrap();
            batch.clear();
        }
    }
    w.write_all(batch.as_bytes()).unwrap();
    w.write_all(b"PING\r\n").unwrap();
    assert!(drain.join().unwrap(), "no PONG from nats-server");
}

#[test]
fn top_of_a_live_nats_server_equals_pprof_on_the_same_bytes() {
    let tmp = tmp("live");
    let (_server, client, prof) = start_server(&tmp);
    drive_traffic(client, 20_000);
    let url = format!("http://127.0.0.1:{prof}/debug/pprof/allocs");
    let save = tmp.join("saved");
    let text = stdout_of(gosleuth(&["top", "--save", save.to_str().unwrap(), &url]));
    let saved = save.join(format!("127.0.0.1_{prof}.allocs.pb.gz"));
    assert!(
        saved.is_file(),
        "fetched profile was not saved at {}",
        saved.display()
    );
    let theirs = pprof(&["-top", saved.to_str().unwrap()]);
    assert!(
        theirs.status.success(),
        "pprof failed: {}",
        String::from_utf8_lossy(&theirs.stderr)
    );
    assert_eq!(text, String::from_utf8(theirs.stdout).unwrap());
    assert!(text.starts_with("File: nats-server\n"), "{text}");
    assert!(
        text.contains("github.com/nats-io/nats-server/server.(*client)."),
        "no server frames:\n{text}"
    );
}

#[test]
fn a_refused_url_is_one_line_and_exit_2() {
    let port = free_port();
    let out = gosleuth(&["top", &format!("http://127.0.0.1:{port}/debug/pprof/heap")]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with(&format!(
            "error: http://127.0.0.1:{port}/debug/pprof/heap: fetching:"
        )),
        "{err}"
    );
}

#[test]
fn a_hanging_url_times_out_with_exit_2() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let hold = std::thread::spawn(move || {
        let (conn, _) = listener.accept().unwrap();
        std::thread::sleep(Duration::from_secs(4));
        drop(conn);
    });
    let started = Instant::now();
    let out = gosleuth(&[
        "top",
        "--timeout",
        "1",
        &format!("http://127.0.0.1:{port}/debug/pprof/heap"),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "timeout not honoured"
    );
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("timeout") || err.contains("timed out"),
        "{err}"
    );
    hold.join().unwrap();
}

/// `analyze URL` like pprof's URL mode: the live server's allocations joined
/// with Debian's nats-server source; `--save` keeps the bytes, and analysing
/// the saved file offline gives the same sites.
#[test]
fn analyze_of_a_live_nats_server_joins_its_source_and_repeats_offline() {
    let tmp = tmp("live-analyze");
    let (_server, client, prof) = start_server(&tmp);
    // Heap profiles sample one allocation per 512 kB: enough traffic that the
    // server's own sites are sampled, and enough sites to find them among.
    drive_traffic(client, 60_000);
    let url = format!("http://127.0.0.1:{prof}/debug/pprof/allocs");
    let save = tmp.join("saved");
    let src = [&NATS_SRC_ARGS[..], &["--format", "json", "--top", "40"]].concat();
    let live = gosleuth(
        &[
            &["analyze", &url, "--save", save.to_str().unwrap()],
            &src[..],
        ]
        .concat(),
    );
    let live: serde_json::Value = serde_json::from_str(&stdout_of(live)).unwrap();
    assert_eq!(live["nodes"][0]["name"], format!("127.0.0.1:{prof}"));
    assert_eq!(live["sample_type"], "alloc_space");
    let sites = live["sites"].as_array().unwrap();
    assert!(
        sites.iter().any(|s| s["function"]
            .as_str()
            .unwrap()
            .starts_with("github.com/nats-io/nats-server/server.")
            && s["file"].as_str().is_some_and(|f| f.ends_with(".go"))),
        "no server site resolved to its source: {sites:#?}"
    );
    assert!(live["source"]["resolved"].as_u64().unwrap() > 0);
    assert!(!live["flame"].as_array().unwrap().is_empty());
    let saved = save.join(format!("127.0.0.1_{prof}.allocs.pb.gz"));
    let offline = gosleuth(&[&["analyze", saved.to_str().unwrap()], &src[..]].concat());
    let offline: serde_json::Value = serde_json::from_str(&stdout_of(offline)).unwrap();
    assert_eq!(offline["sites"], live["sites"]);
    assert_eq!(offline["flame"], live["flame"]);
}

/// `?seconds=N` is a CPU profile taken over N seconds: the fetch waits for it.
#[test]
fn analyze_of_a_live_cpu_profile_honours_seconds() {
    let tmp = tmp("live-cpu");
    let (_server, client, prof) = start_server(&tmp);
    let url = format!("http://127.0.0.1:{prof}/debug/pprof/profile?seconds=2");
    let traffic = std::thread::spawn(move || drive_traffic(client, 50_000));
    let started = Instant::now();
    let out = gosleuth(&["analyze", &url, "--format", "json"]);
    traffic.join().unwrap();
    let out = stdout_of(out);
    assert!(
        started.elapsed() >= Duration::from_secs(2),
        "returned before the profiling window ended"
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["unit"], "nanoseconds", "{}", v["sample_type"]);
}
