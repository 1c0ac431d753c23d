//! No input makes the text parsers panic: real captures cut short or with
//! bytes changed, random text after each header, and single lines of 10 MB.
//! Errors name a line that exists and fit on one line.

mod legacy_common;

use std::path::PathBuf;

use gosleuth_pprof::Error;
use gosleuth_pprof::legacy::{
    parse_count_text, parse_goroutine_dump, parse_heap_text, parse_text_profile,
};
use legacy_common::{example_fixtures, files, nats_data};

/// Runs every parser on `input`; panics only if a result is inconsistent.
fn check(input: &[u8]) {
    check_results(
        input,
        [
            parse_text_profile(input).map(|_| ()),
            parse_heap_text(input).map(|_| ()),
            parse_count_text(input).map(|_| ()),
            parse_goroutine_dump(input).map(|_| ()),
        ],
    );
}

fn check_results<const N: usize>(input: &[u8], results: [Result<(), Error>; N]) {
    let lines = input.split(|&b| b == b'\n').count();
    for r in results {
        match r {
            // Deep or numerous stacks stop at the count caps (`Limits`).
            Ok(()) | Err(Error::Empty | Error::Limit { .. }) => {}
            Err(Error::Text { line, message }) => {
                assert!(
                    (1..=lines).contains(&line),
                    "line {line} of {lines}: {message}"
                );
                assert!(
                    !message.contains('\n') && message.len() < 300,
                    "{message:?}"
                );
            }
            Err(e) => panic!("unexpected error kind: {e}"),
        }
    }
}

fn text_files() -> Vec<PathBuf> {
    let mut v = files(&nats_data(), ".txt");
    v.extend(files(&example_fixtures(), "debug1.txt"));
    v.extend(files(&example_fixtures(), "debug2.txt"));
    v
}

/// xorshift64*: deterministic, so a failure is reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[test]
fn truncated_captures() {
    for file in text_files() {
        let bytes = std::fs::read(&file).unwrap();
        for k in 1..40 {
            check(&bytes[..bytes.len() * k / 40]);
        }
        let newlines = bytes
            .iter()
            .enumerate()
            .filter(|(_, b)| **b == b'\n')
            .map(|(i, _)| i)
            .take(60);
        for i in newlines {
            check(&bytes[..i]);
            check(&bytes[..i + 1]);
            check(&bytes[..(i + 2).min(bytes.len())]);
        }
    }
}

#[test]
fn captures_with_bytes_changed() {
    const ALPHABET: &[u8] = b"\n\t 0123456789abcdefx:@#[](){}+-./\"\\\x00\xff\xc3";
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for file in text_files()
        .into_iter()
        .filter(|f| std::fs::metadata(f).unwrap().len() < 200_000)
    {
        let original = std::fs::read(&file).unwrap();
        for _ in 0..60 {
            let mut bytes = original.clone();
            for _ in 0..1 + rng.below(6) {
                let at = rng.below(bytes.len());
                bytes[at] = ALPHABET[rng.below(ALPHABET.len())];
            }
            check(&bytes);
        }
    }
}

#[test]
fn random_text_after_each_header() {
    const ALPHABET: &[u8] = b"\n\n\t   0123456789x:@#[](){}+-.,\"labels:minutes goroutine 0x";
    let mut rng = Rng(42);
    for header in [
        "heap profile: 1: 2 [3: 4] @ heap/8\n",
        "goroutine profile: total 3\n",
        "goroutine 1 [running]:\n",
        "",
    ] {
        for _ in 0..300 {
            let mut bytes = header.as_bytes().to_vec();
            let n = rng.below(2000);
            bytes.extend((0..n).map(|_| ALPHABET[rng.below(ALPHABET.len())]));
            check(&bytes);
        }
    }
}

#[test]
fn ten_megabyte_lines() {
    const MB10: usize = 10 << 20;
    let repeat = |head: &str, unit: &str, tail: &str| {
        let mut v = head.as_bytes().to_vec();
        v.extend(unit.as_bytes().iter().cycle().take(MB10));
        v.extend(tail.as_bytes());
        v
    };
    let cases = [
        repeat("heap profile: ", "9", ": 1 [1: 1] @ heap/2\n"),
        repeat(
            "heap profile: 1: 2 [3: 4] @ heap/8\n1: 1 [1: 1] @",
            " 0x1",
            "\n",
        ),
        repeat(
            "goroutine profile: total 1\n1 @",
            " 0x10",
            "\n#\t0xf\tf+0x1\ta.go:1\n",
        ),
        repeat(
            "goroutine profile: total 1\n1 @ 0x10\n# labels: {",
            "\"a\":\"b\", ",
            "\"z\":\"y\"}\n",
        ),
        repeat("goroutine 1 [", "x, ", "]:\n"),
        repeat("goroutine 1 [running]:\nmain.f", "(", ")\n"),
        repeat("goroutine 1 [running]:\nmain.f", ")", "\n"),
        repeat("goroutine 1 [running]:\nmain.f()\n\t", "1:", " +0x1\n"),
        repeat("goroutine 1 [running]:\nmain.f()\n\t", ":", "\n"),
        repeat(
            "heap profile: 1: 2 [3: 4] @ heap/8\n1: 1 [1: 1] @ 0x1\n# runtime.MemStats\n# PauseNs = [",
            "1 ",
            "]\n",
        ),
        repeat("", "\n", "goroutine 1 [running]:\n"),
        repeat("", "\x0a\x08", ""),
    ];
    for input in cases {
        // The parser the first line selects is the one that reads all 10 MB.
        check_results(&input, [parse_text_profile(&input).map(|_| ())]);
    }
}
