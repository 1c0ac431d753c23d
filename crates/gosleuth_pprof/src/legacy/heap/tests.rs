use super::*;

const HEAP: &str = "heap profile: 3: 3072 [10: 20480] @ heap/1048576
1: 1024 [5: 5120] @ 0x449478 0x40921d 0x75209f 0x46ce01
#\t0x40921c\tmain.alloc+0x1c\t\t/src/main.go:10
#\t0x75209e\tmain.main+0xfe\t\t/src/main.go:20

2: 2048 [5: 15360] @ 0x449478 0x40922d 0x75209f 0x46ce01
#\t0x40922c\tmain.alloc+0x2c\t\t/src/main.go:11
#\t0x75209e\tmain.main+0xfe\t\t/src/main.go:20

0: 0 [0: 0] @ 0x46ce01


# runtime.MemStats
# Alloc = 2861296
# Stack = 491520 / 524288
# PauseNs = [1 2 3]
# NumGC = 172
# GCCPUFraction = 0.031197189191864386
# DebugGC = false
";

fn err(text: &[u8]) -> String {
    parse_heap_text(text).unwrap_err().to_string()
}

#[test]
fn reads_records_frames_and_memstats() {
    let (p, stats) = parse_heap_text(HEAP.as_bytes()).unwrap();
    let types: Vec<String> = p
        .sample_types
        .iter()
        .map(|t| format!("{}/{}", t.r#type, t.unit))
        .collect();
    assert_eq!(
        types,
        [
            "alloc_objects/count",
            "alloc_space/bytes",
            "inuse_objects/count",
            "inuse_space/bytes"
        ]
    );
    assert_eq!(p.period, 524_288);
    assert_eq!(
        p.period_type,
        Some(ValueType {
            r#type: "space".into(),
            unit: "bytes".into()
        })
    );
    assert_eq!(p.default_sample_type, "");
    assert_eq!(p.samples.len(), 3);
    assert_eq!(p.samples[0].num_labels["bytes"], [1024]);
    assert_eq!(p.samples[1].num_labels["bytes"], [1024]);
    // Hidden leading runtime frames and goexit are left out; main.main is shared.
    let stack = |i: usize| -> Vec<String> {
        p.samples[i]
            .locations
            .iter()
            .map(|&l| {
                p.functions[p.locations[l].lines[0].function.unwrap()]
                    .name
                    .clone()
            })
            .collect()
    };
    assert_eq!(stack(0), ["main.alloc", "main.main"]);
    assert_eq!(p.samples[0].locations[1], p.samples[1].locations[1]);
    assert_eq!(p.locations[0].address, 0x40921c);
    assert_eq!(p.locations[0].lines[0].line, 10);
    assert_eq!(
        p.functions.len(),
        2,
        "main.alloc appears once despite two addresses"
    );
    assert_eq!(p.functions[0].filename, "/src/main.go");
    // A record whose only frame is goexit has no `#` line: its address is kept, bare.
    assert_eq!(p.samples[2].values, [0, 0, 0, 0]);
    assert_eq!(p.locations[p.samples[2].locations[0]].lines, []);
    let stats = stats.unwrap();
    assert_eq!(
        (
            stats.alloc(),
            stats.stack_inuse(),
            stats.stack_sys(),
            stats.num_gc()
        ),
        (Some(2861296), Some(491520), Some(524288), Some(172))
    );
    assert_eq!(stats.pause_ns(), Some(&[1, 2, 3][..]));
}

#[test]
fn unsamples_like_pprof() {
    let (p, _) = parse_heap_text(HEAP.as_bytes()).unwrap();
    // scale = 1 / (1 - exp(-avg/rate)) with rate = 524288, pprof's float arithmetic.
    let scale = |count: i64, size: i64| {
        let s = 1.0 / (1.0 - (-(size as f64 / count as f64) / 524_288.0).exp());
        [(count as f64 * s) as i64, (size as f64 * s) as i64]
    };
    let want: Vec<i64> = [scale(5, 5120), scale(1, 1024)].concat();
    assert_eq!(p.samples[0].values, want);
    // `go tool pprof -raw` on the same two records prints these.
    assert_eq!(p.samples[0].values, [2562, 2624000, 512, 524800]);
    assert_eq!(p.samples[1].values, [855, 2629127, 1025, 1049600]);
}

#[test]
fn other_header_kinds() {
    let (p, stats) =
        parse_heap_text(b"heap profile: 1: 8 [1: 8] @ heapprofile\n1: 8 [1: 8] @ 0x10\n").unwrap();
    assert_eq!(
        p.sample_types.len(),
        2,
        "alloc == inuse: pprof's two-column form"
    );
    assert_eq!((p.period, &p.samples[0].values[..]), (1, &[1, 8][..]));
    assert!(stats.is_none());
    let (p, _) =
        parse_heap_text(b"heap profile: 1: 8 [2: 16] @ heap_v2/100\n1: 8 [2: 16] @ 0x10\n")
            .unwrap();
    assert_eq!(p.period, 100);
}

#[test]
fn malformed_heap_profiles_name_the_line() {
    let cases: [(&[u8], &str); 13] = [
        (b"heap profile: 1: 2 [3: 4] @ heap/8\n4: 262144 [727: 4764", "line 2: heap record: expected"),
        (b"heap profile: 1: 2 [3: 4] @ heap/8\nx: 1 [1: 1] @ 0x1\n", "line 2: heap record inuse objects: expected a number, got \"x\""),
        (b"heap profile: 1: 2 [3: 4] @ heap/8\n1: 1 [0: 5] @ 0x1\n", "line 2: heap record: alloc objects are 0 but alloc bytes are 5"),
        (b"heap profile: 1: 2 [3: 4] @ heap/8\n\x00\x9f\x01\x02\n", "line 2: heap record: expected"),
        (b"heap profile: 1: 2 [3: 4] @ heap/8\n#\t0x1\tf+0x1\ta.go:1\n", "line 2: frame line before the first record"),
        (b"heap profile: 1: 2 [3: 4] @ growthz\n", "line 1: unknown heap profile kind \"growthz\""),
        (b"heap profile: 1: 2 [3: 4] @ heap/99999999999999999999\n", "line 1: heap profile sampling rate \"99999999999999999999\" is out of range"),
        (b"heap profile: 1: 2 [3: 4]\n", "line 1: heap profile header: expected"),
        (b"\n\nheap profile: 1: 2 [3: 4] @ heap/8\n1: 1 [1: 1] @ 0x10 0x20\n#\t0x1f\tf+0x1\ta.go:1\n#\t0x2f\tg+0x1\n", "line 6: frame line: expected"),
        (b"heap profile: 1: 2 [3: 4] @ heap/8\n1: 1 [1: 1] @ 0x10\n#\t0x99\tf+0x1\ta.go:1\n", "line 3: frame 0x99 does not match the next address"),
        (b"heap profile: 1: 2 [3: 4] @ heap/8\n1: 1 [1: 1] @ 0x10 0xfffffffffffffffff\n", "line 2: heap record address \"0xfffffffffffffffff\" does not fit in 64 bits"),
        (b"heap profile: 1: 2 [3: 4] @ heap/8\n1: 99999999999999999999 [1: 1] @ 0x10\n", "line 2: heap record inuse bytes \"99999999999999999999\" is out of range"),
        (b"heap profile: 1: 2 [3: 4] @ heap/8\n1: 1 [1: 1] @ 0x10\n# runtime.MemStats\n# Alloc = [1 2\n", "line 4: runtime.MemStats field Alloc"),
    ];
    for (input, want) in cases {
        let got = err(input);
        let input = String::from_utf8_lossy(input);
        assert!(
            got.starts_with(&format!("malformed text profile, {want}")),
            "{input:?}\n got: {got}\nwant: {want}"
        );
        assert!(!got.contains('\n'), "{got}");
    }
}

#[test]
fn extreme_values_do_not_overflow() {
    let text = b"heap profile: 1: 2 [3: 4] @ heap/8\n-1: -9223372036854775808 [1: 9223372036854775807] @ 0x0\n";
    let (p, _) = parse_heap_text(text).unwrap();
    assert_eq!(p.samples[0].num_labels["bytes"], [i64::MIN]);
    assert_eq!(
        p.locations[0].address,
        u64::MAX,
        "0x0 - 1 wraps, as in pprof"
    );
    let (p, _) = parse_heap_text(
        b"heap profile: 1: 2 [3: 4] @ heap/2\n1: 9223372036854775807 [1: 1] @ 0x1\n",
    )
    .unwrap();
    assert_eq!(p.samples[0].values[3], i64::MAX, "scaled values saturate");
}
