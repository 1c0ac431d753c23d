//! Goroutine `?debug=1` profiles and `?debug=2` dumps from real servers (NATS
//! on Go 1.19, our example service on Go 1.26): counts against the headers and
//! `go tool pprof`, the two forms against each other, the planted leak of the
//! example service, and a snapshot of what gosleuth reads.

mod legacy_common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use gosleuth_pprof::legacy::{
    GoroutineDump, parse_count_text, parse_goroutine_dump, parse_text_profile,
};
use gosleuth_pprof::{Limits, decode};
use legacy_common::{
    by_stack, example_fixtures, files, moved, name, nats_data, pprof_total, read, total,
};

fn debug1_files() -> Vec<PathBuf> {
    let mut v = files(&nats_data(), ".goroutine.debug1.txt");
    v.extend(files(&example_fixtures(), "goroutine.debug1.txt"));
    v
}

fn debug2_files() -> Vec<PathBuf> {
    let mut v = files(&nats_data(), ".goroutine.debug2.txt");
    v.extend(files(&example_fixtures(), "goroutine.debug2.txt"));
    v
}

/// `N` of the `goroutine profile: total N` header.
fn header_total(text: &[u8]) -> i64 {
    let first = String::from_utf8_lossy(text.split(|&b| b == b'\n').next().unwrap()).into_owned();
    first
        .strip_prefix("goroutine profile: total ")
        .unwrap()
        .parse()
        .unwrap()
}

/// The number of `goroutine <digits> ` header lines, counted naively.
fn header_lines(text: &[u8]) -> usize {
    String::from_utf8_lossy(text)
        .lines()
        .filter(|l| {
            l.strip_prefix("goroutine ")
                .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
        })
        .count()
}

#[test]
fn debug1_totals_equal_the_header_and_go_tool_pprof() {
    for file in debug1_files() {
        let bytes = read(&file);
        let p = parse_count_text(&bytes).unwrap();
        assert_eq!(total(&p), header_total(&bytes), "{}", name(&file));
        assert_eq!(
            total(&p),
            pprof_total(&file, "goroutine"),
            "{}",
            name(&file)
        );
        assert_eq!(parse_text_profile(&bytes).unwrap().as_ref(), Some(&p));
        assert_eq!(decode(&bytes, Limits::default()).unwrap(), p);
    }
}

#[test]
fn debug2_has_one_goroutine_per_header() {
    for file in debug2_files() {
        let bytes = read(&file);
        let dump = parse_goroutine_dump(&bytes).unwrap();
        assert_eq!(
            dump.goroutines.len(),
            header_lines(&bytes),
            "{}",
            name(&file)
        );
        let mut ids: Vec<u64> = dump.goroutines.iter().map(|g| g.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(
            ids.len(),
            dump.goroutines.len(),
            "{}: ids are unique",
            name(&file)
        );
        let p = parse_text_profile(&bytes)
            .unwrap()
            .expect("recognised as text");
        assert_eq!(total(&p), dump.goroutines.len() as i64, "{}", name(&file));
        assert_eq!(p, dump.to_profile());
        for g in &dump.goroutines {
            assert!(
                !g.frames.is_empty() && !g.state.is_empty(),
                "{}: goroutine {}",
                name(&file),
                g.id
            );
            assert!(
                g.frames.iter().all(|f| !f.file.is_empty() && f.line > 0),
                "{}: goroutine {}",
                name(&file),
                g.id
            );
            assert_eq!(
                g.created_by.is_none(),
                g.id == 1,
                "{}: goroutine {}",
                name(&file),
                g.id
            );
        }
    }
}

#[test]
fn go_1_21_dumps_name_the_creator_goroutine_and_older_ones_do_not() {
    for file in files(&nats_data(), ".goroutine.debug2.txt") {
        let dump = parse_goroutine_dump(&read(&file)).unwrap();
        assert!(
            dump.goroutines.iter().all(|g| g.creator_id.is_none()),
            "{}",
            name(&file)
        );
    }
    for file in files(&example_fixtures(), "goroutine.debug2.txt") {
        let dump = parse_goroutine_dump(&read(&file)).unwrap();
        for g in dump.goroutines.iter().filter(|g| g.created_by.is_some()) {
            assert!(
                g.creator_id.is_some(),
                "{}: goroutine {}",
                name(&file),
                g.id
            );
        }
    }
}

/// Function names of a debug=1 stack as debug=2 shows them: the runtime's
/// traceback hides unexported `runtime.` functions and prints generic shapes as `[...]`.
fn as_traceback_shows(name: &str) -> Option<String> {
    if name
        .strip_prefix("runtime.")
        .is_some_and(|r| !r.starts_with(|c: char| c.is_ascii_uppercase()))
    {
        return None;
    }
    Some(match (name.find('['), name.rfind(']')) {
        (Some(i), Some(j)) if j > i => format!("{}[...]{}", &name[..i], &name[j + 1..]),
        _ => name.to_string(),
    })
}

#[test]
fn debug2_groups_equal_debug1_records() {
    // The two were fetched one after the other: in idle1000 one connection's
    // goroutine moved from syscall.Read to the netpoller in between.
    let expected = BTreeMap::from([("fanout", 0), ("idle1000", 1), ("js", 0), ("ws", 0)]);
    for (prefix, want) in expected {
        let d1 = parse_count_text(&read(
            &nats_data().join(format!("{prefix}.goroutine.debug1.txt")),
        ))
        .unwrap();
        let d2 = parse_goroutine_dump(&read(
            &nats_data().join(format!("{prefix}.goroutine.debug2.txt")),
        ))
        .unwrap();
        let (a, b) = (
            by_stack(&d1, as_traceback_shows),
            by_stack(&d2.to_profile(), |n| Some(n.to_string())),
        );
        assert_eq!(total(&d1), d2.goroutines.len() as i64, "{prefix}");
        assert_eq!(moved(&a, &b), want, "{prefix}");
    }
    // The example service is busy: allow a few goroutines to have moved.
    let d1 = parse_count_text(&read(&example_fixtures().join("goroutine.debug1.txt"))).unwrap();
    let d2 = parse_goroutine_dump(&read(&example_fixtures().join("goroutine.debug2.txt"))).unwrap();
    let (a, b) = (
        by_stack(&d1, as_traceback_shows),
        by_stack(&d2.to_profile(), |n| Some(n.to_string())),
    );
    assert!(
        moved(&a, &b) <= 3 + total(&d1) / 20,
        "example service: {} of {} moved",
        moved(&a, &b),
        total(&d1)
    );
}

#[test]
fn the_planted_goroutine_leak_grows_between_captures() {
    let count = |file: &str| {
        let dump = parse_goroutine_dump(&read(&example_fixtures().join(file))).unwrap();
        let leaked = |g: &&gosleuth_pprof::legacy::Goroutine| {
            g.state == "chan send"
                && g.frames[0]
                    .function
                    .ends_with("(*Server).publishWithTimeout.func1")
        };
        dump.goroutines.iter().filter(leaked).count()
    };
    let (early, late) = (
        count("leak.early.goroutine.debug2.txt"),
        count("leak.late.goroutine.debug2.txt"),
    );
    assert!(late > early + 100, "early {early}, late {late}");
}

fn summary(file: &Path, dump: &GoroutineDump) -> String {
    let mut states: BTreeMap<&str, usize> = BTreeMap::new();
    let mut sites: BTreeMap<String, usize> = BTreeMap::new();
    for g in &dump.goroutines {
        *states.entry(&g.state).or_default() += 1;
        let site = g
            .created_by
            .as_ref()
            .map_or("nothing (the main goroutine)".to_string(), |f| {
                format!("{} {}:{}", f.function, f.file, f.line)
            });
        *sites.entry(site).or_default() += 1;
    }
    let mut sites: Vec<(usize, String)> = sites.into_iter().map(|(k, v)| (v, k)).collect();
    sites.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let p = dump.to_profile();
    let mut out = format!(
        "{}: {} goroutines, {} distinct stacks\n  states:",
        name(file),
        dump.goroutines.len(),
        p.samples.len()
    );
    for (state, n) in states {
        out += &format!(" {state}={n}");
    }
    out += &format!(
        "\n  locked to thread: {}, waiting a minute or more: {}, elided: {}\n",
        dump.goroutines
            .iter()
            .filter(|g| g.locked_to_thread)
            .count(),
        dump.goroutines
            .iter()
            .filter(|g| g.wait_minutes > 0)
            .count(),
        dump.goroutines.iter().filter(|g| g.elided).count()
    );
    for (n, site) in sites.iter().take(3) {
        out += &format!("  {n:>5} created by {site}\n");
    }
    out
}

#[test]
fn snapshot_of_the_nats_dumps() {
    let out: String = files(&nats_data(), ".goroutine.debug2.txt")
        .iter()
        .map(|f| summary(f, &parse_goroutine_dump(&read(f)).unwrap()))
        .collect();
    insta::assert_snapshot!(out);
}
