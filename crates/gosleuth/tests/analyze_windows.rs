//! `gosleuth analyze` on nodes whose profiles cover different windows
//! (`allocs?seconds=4/8/12`, captured by `examples/capture_windows.sh`): rates
//! per minute checked against `go tool pprof` and each file's own
//! `duration_nanos`; object sizes from the `bytes` label checked against
//! `go tool pprof -tags`; and the JetStream report's file-store group.

mod common;

use std::io::Read as _;

use common::{
    NATS_SRC_ARGS, allocs, example_fixtures, example_src_args, gosleuth_ok, nats_data, pprof,
    pprof_flat, pushsvc, site_ending, strs,
};

const WINDOWS: [&str; 3] = ["win04", "win08", "win12"];

fn window_files() -> Vec<String> {
    WINDOWS.iter().map(|w| allocs(w)).collect()
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

#[test]
fn ranges_per_minute_divide_each_nodes_pprof_value_by_its_window() {
    let files = window_files();
    let minutes: Vec<f64> = files
        .iter()
        .map(|f| duration_nanos(f) as f64 / 60e9)
        .collect();
    assert!(minutes.iter().all(|m| *m > 0.0), "{minutes:?}");
    let mut args = vec!["analyze", "--format", "json", "--top", "5"];
    args.extend(strs(&files));
    let v: serde_json::Value = serde_json::from_str(&gosleuth_ok(&args)).unwrap();
    assert_eq!(v["windows"], "differ");
    assert_eq!(v["schema_version"], 2);
    for site in v["sites"].as_array().unwrap() {
        let function = site["function"].as_str().unwrap();
        let mut rates: Vec<f64> = files
            .iter()
            .zip(&minutes)
            .map(|(f, m)| pprof_flat(f, function).unwrap_or(0.0) / m)
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
    let src = example_src_args();
    let mut args = vec!["analyze", "--top", "3"];
    args.extend(strs(&src));
    args.extend(strs(&files));
    let md = gosleuth_ok(&args);
    assert!(
        md.contains("(win04.allocs 4.0 s, win08.allocs 8.0 s, win12.allocs 12.0 s)"),
        "{md}"
    );
    assert!(
        md.contains("| Rank | Function | Flat | Per minute |"),
        "{md}"
    );
    insta::assert_snapshot!("windows_md", md);
    let text = gosleuth_ok(&[args.as_slice(), &["--format", "text"]].concat());
    assert!(
        text.contains("windows differ (win04.allocs 4.0 s"),
        "{text}"
    );
    insta::assert_snapshot!("windows_text", text);
    // Without `?seconds=` the profiles carry no window: said once, totals kept.
    let md = gosleuth_ok(&["analyze", "--top", "1", &allocs("node01")]);
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
    let json = gosleuth_ok(&["analyze", p, "--format", "json", "--src", &pushsvc()]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    // framePool.New
    let site = site_ending(&v, "broker.init.func1");
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
    let md = gosleuth_ok(&[&["analyze", p.to_str().unwrap()][..], &NATS_SRC_ARGS].concat());
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
