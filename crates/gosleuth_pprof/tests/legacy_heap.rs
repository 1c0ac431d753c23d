//! Heap `?debug=1` text profiles from real servers: totals against the real
//! `go tool pprof` on the same file, `runtime.MemStats` against the file's
//! own numbers, and a snapshot of what gosleuth reads.

mod legacy_common;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;

use gosleuth_pprof::Profile;
use gosleuth_pprof::legacy::{MemStatValue, MemStats, parse_heap_text, parse_text_profile};
use legacy_common::{example_fixtures, files, name, nats_data, pprof_total};

fn heap_files() -> Vec<PathBuf> {
    let mut v = files(&nats_data(), ".heap.debug1.txt");
    v.extend(files(&example_fixtures(), "heap.debug1.txt"));
    v
}

fn totals(p: &Profile) -> Vec<i64> {
    (0..p.sample_types.len())
        .map(|i| p.samples.iter().map(|s| s.values[i]).sum())
        .collect()
}

#[test]
fn totals_equal_go_tool_pprof_for_every_sample_type() {
    for file in heap_files() {
        let (p, _) = parse_heap_text(&std::fs::read(&file).unwrap()).unwrap();
        let types: Vec<&str> = p.sample_types.iter().map(|t| t.r#type.as_str()).collect();
        assert_eq!(
            types,
            [
                "alloc_objects",
                "alloc_space",
                "inuse_objects",
                "inuse_space"
            ],
            "{}",
            name(&file)
        );
        for (ty, ours) in types.iter().zip(totals(&p)) {
            assert_eq!(
                ours,
                pprof_total(&file, ty),
                "{} -sample_index={ty}",
                name(&file)
            );
        }
    }
}

#[test]
fn decode_reads_text_heap_profiles() {
    for file in heap_files() {
        let bytes = std::fs::read(&file).unwrap();
        let via_detect = parse_text_profile(&bytes)
            .unwrap()
            .expect("recognised as text");
        let via_decode = gosleuth_pprof::decode(&bytes, gosleuth_pprof::Limits::default()).unwrap();
        assert_eq!(via_detect, via_decode, "{}", name(&file));
        assert_eq!(via_decode, parse_heap_text(&bytes).unwrap().0);
        assert_eq!(
            via_decode.period,
            512 * 1024,
            "{}: heap/1048576 is 2*MemProfileRate",
            name(&file)
        );
    }
}

/// Every `# Name = <integer>` and `# Name = <a> / <b>` line of the file, read naively.
fn memstats_lines(text: &str) -> BTreeMap<String, MemStatValue> {
    let block = text
        .split_once("# runtime.MemStats\n")
        .expect("MemStats block")
        .1;
    let mut out = BTreeMap::new();
    for line in block.lines() {
        let Some((k, v)) = line.strip_prefix("# ").and_then(|l| l.split_once(" = ")) else {
            continue;
        };
        let value = match v.split_once(" / ") {
            Some((a, b)) => MemStatValue::Pair(a.parse().unwrap(), b.parse().unwrap()),
            None => match v.parse() {
                Ok(n) => MemStatValue::Int(n),
                Err(_) => continue,
            },
        };
        out.insert(k.to_string(), value);
    }
    out
}

#[test]
fn memstats_fields_equal_the_numbers_in_the_file() {
    for file in heap_files() {
        let text = std::fs::read_to_string(&file).unwrap();
        let stats = parse_heap_text(text.as_bytes())
            .unwrap()
            .1
            .expect("MemStats block");
        let naive = memstats_lines(&text);
        assert!(naive.len() >= 20, "{}", name(&file));
        for (k, v) in naive {
            assert_eq!(stats.get(&k), Some(&v), "{} field {k}", name(&file));
        }
        let pause = stats.pause_ns().expect("PauseNs");
        assert_eq!(pause.len(), 256, "{}", name(&file));
    }
}

#[test]
fn memstats_spot_checks() {
    let text = std::fs::read(nats_data().join("fanout.heap.debug1.txt")).unwrap();
    let s: MemStats = parse_heap_text(&text).unwrap().1.unwrap();
    assert_eq!(s.heap_alloc(), Some(2_861_296));
    assert_eq!(s.total_alloc(), Some(853_844_424));
    assert_eq!(s.sys(), Some(44_414_216));
    assert_eq!(
        (s.mallocs(), s.frees(), s.heap_objects()),
        (Some(240_486), Some(236_282), Some(4204))
    );
    assert_eq!(
        (s.heap_sys(), s.heap_inuse()),
        (Some(33_062_912), Some(3_940_352))
    );
    assert_eq!(
        (s.stack_inuse(), s.stack_sys()),
        (Some(491_520), Some(491_520))
    );
    assert_eq!(
        (s.mspan_inuse(), s.mspan_sys()),
        (Some(53_280), Some(113_904))
    );
    assert_eq!(
        (s.mcache_inuse(), s.mcache_sys()),
        (Some(2400), Some(15_600))
    );
    assert_eq!(
        (s.buck_hash_sys(), s.gc_sys(), s.other_sys()),
        (Some(1_450_330), Some(8_866_952), Some(412_998))
    );
    assert_eq!(
        (s.next_gc(), s.num_gc(), s.max_rss()),
        (Some(4_194_304), Some(172), Some(43_819_008))
    );
    assert_eq!(s.gc_cpu_fraction(), Some(0.031_197_189_191_864_386));
    assert_eq!(s.get("DebugGC"), Some(&MemStatValue::Bool(false)));
    let pause = s.pause_ns().unwrap();
    assert_eq!((pause[0], pause[171], pause[172]), (73_730, 28_760, 0));
}

/// Leaf function name of each sample with its inuse_space, largest first.
fn top_leaves(p: &Profile, index: usize, n: usize) -> Vec<(i64, String)> {
    let mut by_leaf: BTreeMap<String, i64> = BTreeMap::new();
    for s in &p.samples {
        let leaf = s
            .locations
            .first()
            .and_then(|&l| p.locations[l].lines.first());
        let name = leaf
            .and_then(|ln| p.function(ln))
            .map_or("<unknown>".to_string(), |f| f.name.clone());
        *by_leaf.entry(name).or_default() += s.values[index];
    }
    let mut v: Vec<(i64, String)> = by_leaf.into_iter().map(|(k, v)| (v, k)).collect();
    v.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    v.truncate(n);
    v
}

#[test]
fn snapshot_of_the_nats_heaps() {
    let mut out = String::new();
    for file in files(&nats_data(), ".heap.debug1.txt") {
        let (p, stats) = parse_heap_text(&std::fs::read(&file).unwrap()).unwrap();
        let stats = stats.unwrap();
        let _ = writeln!(
            out,
            "{}: {} samples, {} locations, {} functions, period {}",
            name(&file),
            p.samples.len(),
            p.locations.len(),
            p.functions.len(),
            p.period
        );
        let t = totals(&p);
        let _ = writeln!(
            out,
            "  totals: alloc {} objects {} B, inuse {} objects {} B",
            t[0], t[1], t[2], t[3]
        );
        let _ = writeln!(
            out,
            "  memstats: HeapInuse {:?} HeapAlloc {:?} NumGC {:?} ({} fields)",
            stats.heap_inuse().unwrap(),
            stats.heap_alloc().unwrap(),
            stats.num_gc().unwrap(),
            stats.fields.len()
        );
        for (v, f) in top_leaves(&p, 3, 3) {
            let _ = writeln!(out, "  inuse_space {v:>10}  {f}");
        }
    }
    insta::assert_snapshot!(out);
}
