//! Merging as pprof's `profile.Merge` does, on small hand-built profiles:
//! mappings are one when their rounded sizes, offsets and build ids agree
//! (the file name only counts without a build id), and addresses move with
//! their mapping, so the same binary built elsewhere or loaded elsewhere
//! merges its samples, and signed values (delta profiles) cancel.

use gosleuth_pprof::{Function, Line, Location, Mapping, Profile, Sample, ValueType, merge};

/// One sample of `value` at one location of `f` in one mapping.
fn profile(build_id: &str, file: &str, start: u64, value: i64) -> Profile {
    Profile {
        sample_types: vec![ValueType {
            r#type: "inuse_space".into(),
            unit: "bytes".into(),
        }],
        mappings: vec![Mapping {
            id: 1,
            start,
            limit: start + 0x10_0000 - 5,
            file: file.into(),
            build_id: build_id.into(),
            ..Mapping::default()
        }],
        functions: vec![Function {
            id: 1,
            name: "main.f".into(),
            system_name: "main.f".into(),
            filename: "main.go".into(),
            start_line: 3,
        }],
        locations: vec![Location {
            id: 1,
            mapping: Some(0),
            address: start + 0x42,
            lines: vec![Line {
                function: Some(0),
                line: 7,
                column: 0,
            }],
            is_folded: false,
        }],
        samples: vec![Sample {
            locations: vec![0],
            values: vec![value],
            ..Sample::default()
        }],
        ..Profile::default()
    }
}

#[test]
fn one_build_id_is_one_mapping_wherever_it_was_built_or_loaded() {
    let merged = merge(vec![
        profile("abc", "/tmp/build1/pushsvc", 0x40_0000, 100),
        profile("abc", "/tmp/build2/pushsvc", 0x7f00_0000, -30),
    ])
    .unwrap();
    assert_eq!(merged.mappings.len(), 1);
    assert_eq!(merged.mappings[0].file, "/tmp/build1/pushsvc");
    assert_eq!(merged.locations.len(), 1);
    assert_eq!(merged.locations[0].address, 0x40_0042);
    assert_eq!(merged.samples.len(), 1);
    assert_eq!(merged.samples[0].values, [70]);
}

#[test]
fn without_a_build_id_the_file_name_decides() {
    let same_file = merge(vec![
        profile("", "/bin/a", 0x40_0000, 1),
        profile("", "/bin/a", 0x40_0000, 2),
    ])
    .unwrap();
    assert_eq!((same_file.mappings.len(), same_file.samples.len()), (1, 1));
    let other_file = merge(vec![
        profile("", "/bin/a", 0x40_0000, 1),
        profile("", "/bin/b", 0x40_0000, 2),
    ])
    .unwrap();
    assert_eq!(
        (other_file.mappings.len(), other_file.samples.len()),
        (2, 2)
    );
    let other_build = merge(vec![
        profile("abc", "/bin/a", 0x40_0000, 1),
        profile("def", "/bin/a", 0x40_0000, 2),
    ])
    .unwrap();
    assert_eq!(other_build.mappings.len(), 2);
}
