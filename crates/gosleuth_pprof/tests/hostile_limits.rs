//! The decoder under hostile input: count caps refuse profiles before they
//! cost memory, string references cannot multiply a long string, gzip
//! streams larger than their trailer says are still read exactly, and
//! extreme values wrap as Go's int64 does instead of panicking. Regression
//! inputs found by fuzzing and by the malformed corpus live here too.

use std::io::Write as _;

use gosleuth_pprof::{
    Error, Limits, Prepared, ReportOptions, decode, decode_protobuf_limited, decompress,
    parse_text_profile_limited, render_raw, render_top, render_traces,
};

/// A minimal protobuf writer.
#[derive(Default, Clone)]
struct Pb(Vec<u8>);

impl Pb {
    fn varint(&mut self, mut v: u64) -> &mut Self {
        while v >= 0x80 {
            self.0.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.0.push(v as u8);
        self
    }
    fn uint(&mut self, field: u64, v: u64) -> &mut Self {
        self.varint(field << 3).varint(v)
    }
    fn bytes(&mut self, field: u64, b: &[u8]) -> &mut Self {
        self.varint((field << 3) | 2).varint(b.len() as u64);
        self.0.extend_from_slice(b);
        self
    }
    fn msg(&mut self, field: u64, m: &Pb) -> &mut Self {
        self.bytes(field, &m.0.clone())
    }
}

/// A valid profile: `samples` samples, each with `depth` frames of location 1.
fn profile(samples: usize, depth: usize, extra_strings: &[&[u8]]) -> Vec<u8> {
    let mut p = Pb::default();
    p.msg(1, Pb::default().uint(1, 1).uint(2, 2));
    for _ in 0..samples {
        let mut s = Pb::default();
        for _ in 0..depth {
            s.uint(1, 1);
        }
        s.uint(2, 7);
        p.msg(2, &s);
    }
    p.msg(
        4,
        Pb::default()
            .uint(1, 1)
            .msg(4, Pb::default().uint(1, 1).uint(2, 10)),
    );
    p.msg(5, Pb::default().uint(1, 1).uint(2, 3).uint(4, 4));
    for s in [&b""[..], b"alloc_space", b"bytes", b"main.f", b"main.go"]
        .into_iter()
        .chain(extra_strings.iter().copied())
    {
        p.bytes(6, s);
    }
    p.0
}

fn small() -> Limits {
    Limits {
        max_decompressed: 1 << 20,
        max_samples: 100,
        max_locations: 100,
        max_stack_depth: 10,
    }
}

fn limit_error(r: gosleuth_pprof::Result<impl std::fmt::Debug>) -> String {
    match r {
        Err(e @ Error::Limit { .. }) => e.to_string(),
        other => panic!("expected a limit error, got {other:?}"),
    }
}

#[test]
fn protobuf_counts_are_capped_before_decoding() {
    decode_protobuf_limited(&profile(100, 10, &[]), small()).unwrap();
    assert_eq!(
        limit_error(decode_protobuf_limited(&profile(101, 1, &[]), small())),
        "the number of samples exceeds the limit of 100 (raise it with --max-samples)"
    );
    assert_eq!(
        limit_error(decode_protobuf_limited(&profile(1, 11, &[]), small())),
        "the depth of a stack exceeds the limit of 10 (raise it with --max-stack-depth)"
    );
    let mut many_locations = profile(1, 1, &[]);
    for id in 2..=101 {
        Pb(Vec::new())
            .msg(4, Pb::default().uint(1, id))
            .0
            .iter()
            .for_each(|b| many_locations.push(*b));
    }
    assert!(
        limit_error(decode_protobuf_limited(&many_locations, small()))
            .starts_with("the number of locations exceeds the limit of 100")
    );
    // The same caps apply through `decode`, gzipped or not.
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&profile(101, 1, &[])).unwrap();
    assert!(limit_error(decode(&gz.finish().unwrap(), small())).contains("samples"));
}

#[test]
fn string_references_cannot_multiply_a_long_string() {
    // One 64 KiB string named by 100 comments: 6.4 MB of copies from 64 KB.
    let long = vec![b'x'; 64 << 10];
    let mut p = profile(1, 1, &[&long]);
    let mut comments = Pb::default();
    for _ in 0..100 {
        comments.varint(5);
    }
    Pb(Vec::new())
        .bytes(13, &comments.0)
        .0
        .iter()
        .for_each(|b| p.push(*b));
    assert_eq!(
        limit_error(decode_protobuf_limited(&p, small())),
        "the size of the strings the profile refers to exceeds the limit of 1048576 (raise it with --max-decompressed)"
    );
    let roomy = Limits {
        max_decompressed: 16 << 20,
        ..small()
    };
    assert_eq!(
        decode_protobuf_limited(&p, roomy).unwrap().comments.len(),
        100
    );
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(data).unwrap();
    gz.finish().unwrap()
}

#[test]
fn gzip_streams_are_read_exactly_whatever_their_trailer_says() {
    let data: Vec<u8> = (0..300_000u32).flat_map(u32::to_le_bytes).collect();
    let one = gzip(&data);
    let limits = Limits {
        max_decompressed: 4 << 20,
        ..Limits::DEFAULT
    };
    assert_eq!(*decompress(&one, limits).unwrap(), data[..]);
    // Two members: the trailer counts only the last.
    let two = [gzip(&data[..1000]), gzip(&data[1000..])].concat();
    assert_eq!(*decompress(&two, limits).unwrap(), data[..]);
    // Trailers that lie, small and past the cap.
    for lie in [10u32, u32::MAX] {
        let mut liar = one.clone();
        let n = liar.len();
        liar[n - 4..].copy_from_slice(&lie.to_le_bytes());
        let e = decompress(&liar, limits).unwrap_err().to_string();
        assert!(e.starts_with("bad gzip data"), "{e}");
    }
    // Past the cap by one byte, and exactly at it.
    let at_cap = Limits {
        max_decompressed: data.len() as u64,
        ..limits
    };
    assert_eq!(decompress(&one, at_cap).unwrap().len(), data.len());
    let under = Limits {
        max_decompressed: data.len() as u64 - 1,
        ..limits
    };
    assert!(matches!(
        decompress(&one, under),
        Err(Error::TooLarge { .. })
    ));
    assert!(matches!(
        decompress(&two, under),
        Err(Error::TooLarge { .. })
    ));
}

#[test]
fn text_profiles_are_capped_while_they_are_read() {
    let records: String = (0..101).map(|i| format!("1 @ 0x{:x}\n", i + 16)).collect();
    let text = format!("goroutine profile: total 101\n{records}");
    assert!(limit_error(parse_text_profile_limited(text.as_bytes(), &small())).contains("samples"));
    let deep = format!(
        "goroutine 1 [running]:\n{}",
        "main.f(...)\n\t/a.go:1\n".repeat(11)
    );
    assert!(limit_error(parse_text_profile_limited(deep.as_bytes(), &small())).contains("depth"));
    let functions: String = (0..101)
        .map(|i| format!("main.f{i}(...)\n\t/a.go:1\n"))
        .collect();
    let wide = format!("goroutine 1 [running]:\n{functions}");
    let roomy_depth = Limits {
        max_stack_depth: 1000,
        ..small()
    };
    assert!(
        limit_error(parse_text_profile_limited(wide.as_bytes(), &roomy_depth))
            .contains("functions")
    );
}

/// Found by the malformed corpus (`values-int64-extremes.pb`): totals and
/// node sums overflowed i64 and panicked in debug builds. Go wraps; so do we,
/// and `go tool pprof -top` prints the same `8192PB`.
#[test]
fn extreme_values_wrap_as_in_go() {
    let mut p = Pb::default();
    p.msg(1, Pb::default().uint(1, 1).uint(2, 2));
    for v in [i64::MAX as u64, i64::MAX as u64, 1 << 63] {
        p.msg(2, Pb::default().uint(1, 1).uint(2, v));
    }
    p.msg(4, Pb::default().uint(1, 1).msg(4, Pb::default().uint(1, 1)));
    p.msg(5, Pb::default().uint(1, 1).uint(2, 3));
    for s in ["", "alloc_space", "bytes", "main.f"] {
        p.bytes(6, s.as_bytes());
    }
    let profile = decode(&p.0, Limits::DEFAULT).unwrap();
    let _ = render_raw(&profile);
    let report = Prepared::new(profile, ReportOptions::default()).unwrap();
    assert!(render_top(&report).ends_with("    8192PB   100%   100%     8192PB   100%  main.f\n"));
    let _ = render_traces(&report);
}
