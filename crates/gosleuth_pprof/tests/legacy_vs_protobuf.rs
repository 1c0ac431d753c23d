//! Text profiles against the protobuf profiles captured beside them: the
//! same stacks, names, files and lines, and (within one GC cycle) the same
//! heap values.

mod legacy_common;

use std::collections::BTreeMap;

use gosleuth_pprof::legacy::{parse_count_text, parse_text_profile};
use gosleuth_pprof::{Limits, Profile, decode};
use legacy_common::{by_stack, example_fixtures, moved, nats_data, read, total};

/// A protobuf stack as `?debug=1` prints it: Go's `printStackRecord` hides
/// the leading runtime frames (after inline expansion) and `runtime.goexit`.
fn as_debug1_shows(p: &Profile) -> Profile {
    let mut p = p.clone();
    let name = |ln: &gosleuth_pprof::Line| {
        ln.function
            .map_or("", |f| p.functions[f].name.as_str())
            .to_string()
    };
    let mut locations = Vec::new();
    let mut stacks = Vec::new();
    for s in &p.samples {
        // If that hides everything, Go prints all frames but goexit.
        for hide_runtime in [true, false] {
            let mut leading = hide_runtime;
            let mut kept = Vec::new();
            for &l in &s.locations {
                let mut loc = p.locations[l].clone();
                loc.lines.retain(|ln| {
                    leading &= name(ln).starts_with("runtime.");
                    !leading && name(ln) != "runtime.goexit"
                });
                if !loc.lines.is_empty() {
                    kept.push(locations.len());
                    locations.push(loc);
                }
            }
            if !kept.is_empty() || !hide_runtime {
                stacks.push(kept);
                break;
            }
        }
    }
    p.samples
        .iter_mut()
        .zip(stacks)
        .for_each(|(s, k)| s.locations = k);
    p.locations = locations;
    p
}

#[test]
fn debug1_stacks_equal_the_protobuf_profile() {
    let mut got = BTreeMap::new();
    for prefix in ["fanout", "idle1000", "js", "ws"] {
        let text = parse_count_text(&read(
            &nats_data().join(format!("{prefix}.goroutine.debug1.txt")),
        ))
        .unwrap();
        let pb = decode(
            &read(&nats_data().join(format!("{prefix}.goroutine.pb.gz"))),
            Limits::default(),
        )
        .unwrap();
        let shown = |n: &str| Some(n.to_string());
        assert_eq!(total(&text), total(&pb), "{prefix}");
        got.insert(
            prefix,
            moved(
                &by_stack(&text, shown),
                &by_stack(&as_debug1_shows(&pb), shown),
            ),
        );
    }
    // Fetched one after the other, so exactly one goroutine differs in each:
    // a connection reader caught in syscall.Read in one capture and in the
    // netpoller in the other (fanout, idle1000), or in the netpoller in one
    // and with an empty stack in the other (js, ws). Everything else, names,
    // files and lines, is the same.
    assert_eq!(
        got,
        BTreeMap::from([("fanout", 1), ("idle1000", 1), ("js", 1), ("ws", 1)])
    );
}

#[test]
fn heap_text_equals_the_protobuf_heap_of_the_same_gc_cycle() {
    // A heap profile changes only at the end of a GC cycle; these pairs were
    // fetched within one (fanout and ws were not: their totals differ).
    for prefix in ["idle1000", "js"] {
        let text = parse_text_profile(&read(
            &nats_data().join(format!("{prefix}.heap.debug1.txt")),
        ))
        .unwrap()
        .unwrap();
        let pb = decode(
            &read(&nats_data().join(format!("{prefix}.heap.pb.gz"))),
            Limits::default(),
        )
        .unwrap();
        assert_eq!(heap_stacks(&text), heap_stacks(&pb), "{prefix}");
    }
}

#[test]
fn go_1_26_heap_text_equals_its_protobuf_when_fetched_in_one_gc_cycle() {
    let dir = example_fixtures();
    let text = parse_text_profile(&read(&dir.join("heap.debug1.txt")))
        .unwrap()
        .unwrap();
    let pb = decode(&read(&dir.join("heap.pb.gz")), Limits::default()).unwrap();
    let totals = |p: &Profile| -> Vec<i64> {
        (0..4)
            .map(|i| p.samples.iter().map(|s| s.values[i]).sum())
            .collect()
    };
    // The capture script fetches both back to back; a GC cycle may end in between.
    if totals(&text) == totals(&pb) {
        assert_eq!(heap_stacks(&text), heap_stacks(&pb));
    } else {
        eprintln!("examples/fixtures: heap.debug1.txt and heap.pb.gz are from different GC cycles");
    }
}

/// Non-zero samples by stack, each location its address and its
/// `function:line` lines (inlined calls included); the protobuf writer omits
/// all-zero records.
fn heap_stacks(p: &Profile) -> BTreeMap<Vec<String>, Vec<i64>> {
    let mut out: BTreeMap<Vec<String>, Vec<i64>> = BTreeMap::new();
    for s in p
        .samples
        .iter()
        .filter(|s| s.values.iter().any(|v| *v != 0))
    {
        let location = |l: usize| {
            let loc = &p.locations[l];
            let lines = loc
                .lines
                .iter()
                .map(|ln| format!("{}:{}", p.function(ln).map_or("?", |f| &f.name), ln.line));
            format!(
                "{:#x} {}",
                loc.address,
                lines.collect::<Vec<_>>().join(" < ")
            )
        };
        let key = s.locations.iter().map(|&l| location(l)).collect();
        let sum = out.entry(key).or_insert_with(|| vec![0; s.values.len()]);
        sum.iter_mut().zip(&s.values).for_each(|(a, b)| *a += b);
    }
    out
}

#[test]
fn top_of_the_text_heap_equals_top_of_the_protobuf_heap() {
    use gosleuth_pprof::{Prepared, ReportOptions, render_top};
    // Only the protobuf knows the binary, its build id and the capture time.
    let body = |p: Profile, index: &str| {
        let options = ReportOptions {
            sample_index: index.into(),
            ..ReportOptions::default()
        };
        let top = render_top(&Prepared::new(p, options).unwrap());
        let header = ["File: ", "Build ID: ", "Time: ", "Duration: "];
        top.lines()
            .filter(|l| !header.iter().any(|h| l.starts_with(h)))
            .collect::<Vec<_>>()
            .join("\n")
    };
    for prefix in ["idle1000", "js"] {
        let text = read(&nats_data().join(format!("{prefix}.heap.debug1.txt")));
        let pb = read(&nats_data().join(format!("{prefix}.heap.pb.gz")));
        for index in ["alloc_space", "inuse_objects", "inuse_space"] {
            let ours = body(parse_text_profile(&text).unwrap().unwrap(), index);
            assert_eq!(
                ours,
                body(decode(&pb, Limits::default()).unwrap(), index),
                "{prefix} {index}"
            );
        }
    }
}
