//! `gosleuth analyze` on nodes whose profiles cover different windows
//! (`allocs?seconds=4/8/12`, captured by `examples/capture_windows.sh`): rates
//! per minute checked against `go tool pprof` and each file's own
//! `duration_nanos`; object sizes from the `bytes` label checked against
//! `go tool pprof -tags`; and the JetStream report's file-store group.

mod common;

use std::io::Read as _;
use std::path::PathBuf;
use std::process::Output;

use common::{example_fixtures, gosleuth, nats_data, pprof, repo};

const WINDOWS: [&str; 3] = ["win04", "win08", "win12"];

fn stdout(out: Output) -> String {
    assert!(
        out.status.success(),
        "gosleuth failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn go_env(var: &str) -> String {
    let out = std::process::Command::new("go")
        .args(["env", var])
        .output()
        .expect("go on PATH");
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

fn window_files() -> Vec<String> {
    WINDOWS
        .iter()
        .map(|w| {
            let p: PathBuf = example_fixtures().join(format!("{w}.allocs.pb.gz"));
            p.to_str().unwrap().to_string()
        })
        .collect()
}

/// `duration_nanos` (field 10 of the profile message) read straight from the
/// gzipped protobuf, independently of gosleuth's decoder.
fn duration_nanos(path: &str) -> i64 {
    let mut raw = Vec::new();
    flate2::read::GzDecoder::new(std::fs::File::open(path).unwrap())
        .read_to_end(&mut raw)
        .unwrap();
    let mut i = 0;
    let varint = |i: &mut usize| {
        let (mut v, mut shift) = (0u64, 0);
        loop {
            let b = raw[*i];
            *i += 1;
            v |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return v;
            }
            shift += 7;
        }
    };
    while i < raw.len() {
        let key = varint(&mut i);
        match key & 7 {
            0 if key >> 3 == 10 => return varint(&mut i) as i64,
            0 => {
                varint(&mut i);
            }
            2 => i += varint(&mut i) as usize,
            1 => i += 8,
            5 => i += 4,
            w => panic!("wire type {w}"),
        }
    }
    0
}

/// pprof's flat bytes of `function` in one profile.
fn pprof_flat(profile: &str, function: &str) -> f64 {
    let out = pprof(&[
        "-top",
        "-unit=B",
        "-nodefraction=0",
        "-sample_index=alloc_space",
        profile,
    ]);
    let text = String::from_utf8(out.stdout).unwrap();
    text.lines()
        .find(|l| l.split_whitespace().nth(5) == Some(function))
        .map_or(0.0, |l| {
            let flat = l.split_whitespace().next().unwrap();
            flat.trim_end_matches('B').parse().unwrap()
        })
}

#[test]
fn ranges_per_minute_divide_each_nodes_pprof_value_by_its_window() {
    let files = window_files();
    let minutes: Vec<f64> = files
        .iter()
        .map(|f| duration_nanos(f) as f64 / 60e9)
        .collect();
    assert!(minutes.iter().all(|m| *m > 0.0), "{minutes:?}");
    let mut args = vec!["analyze", "--format", "json", "--top", "5"];
    args.extend(files.iter().map(String::as_str));
    let v: serde_json::Value = serde_json::from_str(&stdout(gosleuth(&args))).unwrap();
    assert_eq!(v["windows"], "differ");
    assert_eq!(v["schema_version"], 2);
    for site in v["sites"].as_array().unwrap() {
        let function = site["function"].as_str().unwrap();
        let mut rates: Vec<f64> = files
            .iter()
            .zip(&minutes)
            .map(|(f, m)| pprof_flat(f, function) / m)
            .collect();
        rates.sort_by(f64::total_cmp);
        let ours = &site["flat_per_minute"];
        for (key, want) in [("min", rates[0]), ("median", rates[1]), ("max", rates[2])] {
            let got = ours[key].as_f64().unwrap();
            assert!(
                (got - want).abs() <= want * 1e-9,
                "{function} {key}: {got} vs {want}"
            );
        }
        // The totals differ with the window; the rates agree far better.
        let flat = &site["flat"];
        let spread =
            |r: &serde_json::Value| r["max"].as_f64().unwrap() / r["min"].as_f64().unwrap();
        assert!(spread(flat) > 2.0 * spread(ours), "{function}: {site}");
    }
}

#[test]
fn report_states_each_nodes_window_and_per_minute_columns() {
    let files = window_files();
    let src = repo().join("examples/pushsvc");
    let (modcache, goroot) = (go_env("GOMODCACHE"), go_env("GOROOT"));
    let mut args = vec![
        "analyze",
        "--top",
        "3",
        "--src",
        src.to_str().unwrap(),
        "--src",
        &modcache,
        "--goroot",
        &goroot,
    ];
    args.extend(files.iter().map(String::as_str));
    let md = stdout(gosleuth(&args));
    assert!(
        md.contains("(win04.allocs 4.0 s, win08.allocs 8.0 s, win12.allocs 12.0 s)"),
        "{md}"
    );
    assert!(
        md.contains("| Rank | Function | Flat | Per minute |"),
        "{md}"
    );
    insta::assert_snapshot!("windows_md", md);
    let text = stdout(gosleuth(&[args.as_slice(), &["--format", "text"]].concat()));
    assert!(
        text.contains("windows differ (win04.allocs 4.0 s"),
        "{text}"
    );
    insta::assert_snapshot!("windows_text", text);
    // Without `?seconds=` the profiles carry no window: said once, totals kept.
    let unknown = example_fixtures().join("node01.allocs.pb.gz");
    let md = stdout(gosleuth(&[
        "analyze",
        "--top",
        "1",
        unknown.to_str().unwrap(),
    ]));
    assert_eq!(md.matches("no collection window").count(), 1, "{md}");
    assert!(!md.contains("/min"), "{md}");
}

/// `go tool pprof -tags` on the samples through `function`: (objects, size
/// label) per `bytes` value.
fn pprof_sizes(profile: &str, focus: &str) -> Vec<(f64, String)> {
    let out = pprof(&[
        "-tags",
        "-sample_index=alloc_objects",
        "-focus",
        focus,
        profile,
    ]);
    let text = String::from_utf8(out.stdout).unwrap();
    text.lines()
        .skip_while(|l| !l.trim_start().starts_with("bytes:"))
        .skip(1)
        .take_while(|l| l.contains("%):"))
        .map(|l| {
            let objects = l.split_whitespace().next().unwrap().parse().unwrap();
            (objects, l.rsplit(": ").next().unwrap().trim().to_string())
        })
        .collect()
}

#[test]
fn object_sizes_match_pprof_tags_and_size_the_pool() {
    let p = example_fixtures().join("allocs.pb.gz");
    let p = p.to_str().unwrap();
    let src = repo().join("examples/pushsvc");
    let json = stdout(gosleuth(&[
        "analyze",
        p,
        "--format",
        "json",
        "--src",
        src.to_str().unwrap(),
    ]));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let site = v["sites"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| {
            s["function"]
                .as_str()
                .unwrap()
                .ends_with("broker.init.func1")
        })
        .expect("framePool.New site");
    // init.func1 calls nothing that allocates: the samples through it are its own.
    let want = pprof_sizes(p, "broker\\.init\\.func1$");
    let sizes = site["object_sizes"]["top"].as_array().unwrap();
    assert_eq!(sizes.len(), want.len(), "{sizes:?} vs {want:?}");
    for (ours, (objects, label)) in sizes.iter().zip(&want) {
        assert_eq!(ours["objects"].as_f64().unwrap(), *objects);
        let size = ours["size"].as_i64().unwrap();
        assert_eq!(format!("{}kB", size / 1024), *label);
    }
    assert_eq!(site["pool"]["object_size"].as_f64().unwrap(), 32768.0);
}

#[test]
fn js_report_groups_the_file_store_with_its_message_copies() {
    let p = nats_data().join("js.allocs.pb.gz");
    let md = stdout(gosleuth(&[
        "analyze",
        p.to_str().unwrap(),
        "--src",
        "/usr/share/gocode/src",
        "--goroot",
        "/usr/share/go-1.19",
    ]));
    assert!(md.contains("| 1 | `(*stream).internalLoop` |"), "{md}");
    let row = md
        .lines()
        .find(|l| l.starts_with("| `github.com/nats-io/nats-server/server/filestore.go` |"))
        .expect("a filestore.go row");
    // The copy out of the block cache into the returned message, far below
    // the top ten as a function, is named with its line.
    assert!(
        row.contains("`(*msgBlock).msgFromBuf` at filestore.go:4071"),
        "{row}"
    );
    assert!(
        row.contains("`getMsgBlockBuf` at filestore.go:605"),
        "{row}"
    );
    insta::assert_snapshot!("js_files_row", row);
}
