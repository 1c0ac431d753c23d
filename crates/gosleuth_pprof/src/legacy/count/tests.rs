use super::*;

const GOROUTINES: &str = "goroutine profile: total 10
7 @ 0x43c016 0x4081b1 0x46ce01
# labels: {\"handler\":\"/api\", \"route\":\"x\\\"y\"}
#\t0x4081b0\tmain.worker+0x30\t/src/main.go:12

3 @ 0x43c016 0x4081c1 0x4081b1 0x46ce01
#\t0x4081c0\tmain.(*T).wait+0x10\t/src/t.go:5
#\t0x4081b0\tmain.worker+0x30\t/src/main.go:12
";

#[test]
fn reads_counts_labels_and_frames() {
    let p = parse_count_text(GOROUTINES.as_bytes()).unwrap();
    let vt = ValueType {
        r#type: "goroutine".into(),
        unit: "count".into(),
    };
    assert_eq!(
        (&p.sample_types[..], p.period_type.as_ref(), p.period),
        (&[vt.clone()][..], Some(&vt), 1)
    );
    let values: Vec<i64> = p.samples.iter().map(|s| s.values[0]).collect();
    assert_eq!(values, [7, 3]);
    assert_eq!(p.samples[0].labels["handler"], ["/api"]);
    assert_eq!(p.samples[0].labels["route"], ["x\"y"]);
    assert!(p.samples[1].labels.is_empty());
    let names: Vec<&str> = p.functions.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["main.worker", "main.(*T).wait"]);
    assert_eq!(p.samples[1].locations.len(), 2);
    assert_eq!(p.samples[1].locations[1], p.samples[0].locations[0]);
}

#[test]
fn other_count_profiles_keep_their_name() {
    let p = parse_count_text(b"threadcreate profile: total 1\n1 @\n").unwrap();
    assert_eq!(p.sample_types[0].r#type, "threadcreate");
    assert_eq!(p.samples[0].locations, []);
}

#[test]
fn malformed_count_profiles_name_the_line() {
    let cases: [(&[u8], &str); 8] = [
        (
            b"goroutine profile: total x\n",
            "line 1: profile total: expected a number, got \"x\"",
        ),
        (
            b"goroutine profile: total 1\n7 0x1\n",
            "line 2: expected a record `<count> @ <addresses>`, got \"7 0x1\"",
        ),
        (
            b"goroutine profile: total 1\nx @ 0x1\n",
            "line 2: record count: expected a number",
        ),
        (
            b"goroutine profile: total 1\n1 @ 0x1 zz\n",
            "line 2: record address: expected a hexadecimal address",
        ),
        (
            b"goroutine profile: total 1\n1 @ 0x10\n# labels: {\"a\":}\n",
            "line 3: label set: expected a quoted string",
        ),
        (
            b"goroutine profile: total 1\n#\t0xf\tf+0x1\ta.go:1\n",
            "line 2: frame line before the first record",
        ),
        (
            b"goroutine profile: total 1\n1 @ 0x10\n#\t0xf\tf+0x1\ta.go:\n",
            "line 3: frame line number: expected a number",
        ),
        (
            b"goroutine profile: total 1\n1 @ 0x10\n\xff\xfe\x00binary\n",
            "line 3: expected a record",
        ),
    ];
    for (input, want) in cases {
        let got = parse_count_text(input).unwrap_err().to_string();
        assert!(
            got.starts_with(&format!("malformed text profile, {want}")),
            "{}\n got: {got}\nwant: {want}",
            String::from_utf8_lossy(input)
        );
    }
}
