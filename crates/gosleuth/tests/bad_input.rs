//! Bad input: one clear line `error: SOURCE: what is wrong` and exit code 2,
//! never a panic; one bad file among good ones is a warning and the rest is done.

mod common;

use std::path::{Path, PathBuf};

use common::{Pb, example_fixtures, gosleuth, gosleuth_ok, nats_data, tmp};

fn value_type(t: u64, u: u64) -> Pb {
    let mut p = Pb::default();
    p.uint(1, t).uint(2, u);
    p
}

/// A valid one-sample profile with the given sample, location and label tweaks.
fn profile(sample: &Pb, location: &Pb, strings: &[&str]) -> Vec<u8> {
    let mut func = Pb::default();
    func.uint(1, 1).uint(2, 3).uint(4, 4);
    let mut p = Pb::default();
    p.msg(1, &value_type(1, 2))
        .msg(2, sample)
        .msg(4, location)
        .msg(5, &func)
        .strings(strings);
    p.0
}

fn good_location() -> Pb {
    let mut line = Pb::default();
    line.uint(1, 1).uint(2, 10);
    let mut loc = Pb::default();
    loc.uint(1, 1).msg(4, &line);
    loc
}

fn sample(location: u64, label: Option<&Pb>) -> Pb {
    let mut s = Pb::default();
    s.uint(1, location).uint(2, 7);
    if let Some(l) = label {
        s.msg(3, l);
    }
    s
}

const STRINGS: &[&str] = &["", "alloc_space", "bytes", "main.f", "main.go"];

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

/// Runs `top` on one input; asserts exit 2 and one line; returns it with the
/// temporary directory replaced by `TMP`.
fn one_error(path: &Path, dir: &Path) -> String {
    let out = gosleuth(&["top", path.to_str().unwrap()]);
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{}: {err}", path.display());
    assert!(out.stdout.is_empty());
    assert_eq!(err.lines().count(), 1, "not one line: {err}");
    assert!(!err.contains("panicked"), "{err}");
    err.trim_end().replace(dir.to_str().unwrap(), "TMP")
}

#[test]
fn each_bad_input_is_one_line_and_exit_2() {
    let dir = tmp("bad-each");
    let real = std::fs::read(nats_data().join("js.allocs.pb.gz")).unwrap();
    let mut label_past_table = Pb::default();
    label_past_table.uint(1, 99).uint(2, 1);
    let mut loc_missing_function = Pb::default();
    let mut bad_line = Pb::default();
    bad_line.uint(1, 42).uint(2, 10);
    loc_missing_function.uint(1, 1).msg(4, &bad_line);
    let mut three_values = sample(1, None);
    three_values.uint(2, 1).uint(2, 2);
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty.pb.gz", Vec::new()),
        ("truncated.pb.gz", real[..real.len() / 2].to_vec()),
        ("gzip-header-only.pb.gz", real[..10].to_vec()),
        ("flipped.pb.gz", {
            let mut b = real.clone();
            b[real.len() / 3] ^= 0xff;
            b[real.len() / 3 + 1] ^= 0x55;
            b
        }),
        (
            "wrong-magic.bin",
            vec![0xff, 0xd8, 0xff, 0xe0, 0, 16, b'J', b'F', b'I', b'F'],
        ),
        ("text.txt", b"hello, this is not a profile\n".to_vec()),
        ("no-sample-types.pb", {
            let mut p = Pb::default();
            p.strings(STRINGS);
            p.0
        }),
        (
            "string-past-table.pb",
            profile(&sample(1, None), &good_location(), &STRINGS[..3]),
        ),
        (
            "label-key-past-table.pb",
            profile(
                &sample(1, Some(&label_past_table)),
                &good_location(),
                STRINGS,
            ),
        ),
        (
            "missing-location.pb",
            profile(&sample(9, None), &good_location(), STRINGS),
        ),
        (
            "missing-function.pb",
            profile(&sample(1, None), &loc_missing_function, STRINGS),
        ),
        (
            "value-count.pb",
            profile(&three_values, &good_location(), STRINGS),
        ),
        (
            "huge-length.pb",
            vec![0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x08],
        ),
    ];
    let mut report = String::new();
    for (name, bytes) in &cases {
        let p = write(&dir, name, bytes);
        report.push_str(&format!("{name}: {}\n", one_error(&p, &dir)));
    }
    let empty_dir = dir.join("empty-dir");
    std::fs::create_dir_all(&empty_dir).unwrap();
    report.push_str(&format!("empty-dir: {}\n", one_error(&empty_dir, &dir)));
    report.push_str(&format!(
        "missing: {}\n",
        one_error(&dir.join("missing.pb.gz"), &dir)
    ));
    insta::assert_snapshot!(report);
}

#[test]
fn a_valid_profile_encoded_here_decodes() {
    // The same writer makes a good profile, so the cases above fail for their own reason.
    let dir = tmp("bad-good");
    let p = write(
        &dir,
        "good.pb",
        &profile(&sample(1, None), &good_location(), STRINGS),
    );
    assert!(
        gosleuth_ok(&["top", p.to_str().unwrap()])
            .ends_with("        7B   100%   100%         7B   100%  main.f\n")
    );
}

#[test]
fn one_bad_file_among_many_is_a_warning() {
    let dir = tmp("bad-among");
    let bad = write(&dir, "bad.pb.gz", b"\x1f\x8b\x08\x00garbage");
    let good = nats_data().join("js.allocs.pb.gz");
    let out = gosleuth(&[
        "top",
        "--nodecount",
        "3",
        good.to_str().unwrap(),
        bad.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with(&format!("warning: {}: bad gzip data", bad.display())),
        "{err}"
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("(*stream).internalLoop"), "{text}");
}

#[test]
fn a_directory_is_every_profile_in_it_with_warnings_for_the_rest() {
    let out = gosleuth(&[
        "top",
        "--nodecount",
        "1",
        example_fixtures().to_str().unwrap(),
    ]);
    let err = String::from_utf8(out.stderr).unwrap();
    // Profiles of different kinds cannot be merged: said in one line.
    assert_eq!(out.status.code(), Some(2), "{err}");
    let last = err.lines().last().unwrap_or_default();
    assert!(
        last.starts_with("error: merging profiles: inputs mix profile kinds"),
        "{err}"
    );
}
