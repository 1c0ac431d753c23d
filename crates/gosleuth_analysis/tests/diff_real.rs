//! `diff` on the example service's real captures: ten runs of one workload
//! (the noise band), and a second build with its worst site fixed.

mod common;

use common::{allocs, pushsvc};
use gosleuth_analysis::{Baseline, DiffOptions, DiffReport, Status, analyze, render};
use gosleuth_go::SourceRoots;

const COMPRESS: &str = "github.com/gosleuth/examples/pushsvc/broker.(*client).compress";
const MB: f64 = 1_048_576.0;

fn with_src() -> DiffOptions {
    DiffOptions {
        roots: SourceRoots {
            src: vec![pushsvc()],
            goroot: None,
        },
        ..DiffOptions::default()
    }
}

fn site<'r>(r: &'r DiffReport, function: &str) -> &'r gosleuth_analysis::SiteChange {
    r.sites
        .iter()
        .find(|s| s.function == function)
        .unwrap_or_else(|| panic!("no site {function}"))
}

#[test]
fn two_halves_of_one_workload_show_no_significant_change() {
    let base = allocs(&["node01", "node02", "node03", "node04", "node05"]);
    let new = allocs(&["node06", "node07", "node08", "node09", "node10"]);
    let r = gosleuth_analysis::diff(
        &base,
        &new,
        &DiffOptions {
            fail_on: Some(10.0),
            ..with_src()
        },
    )
    .unwrap();
    assert_eq!(r.totals[0].status, Status::Unchanged, "{:?}", r.totals[0]);
    for s in r.sites.iter().take(6) {
        assert_eq!(
            s.primary().status,
            Status::Unchanged,
            "{}: {:?}",
            s.function,
            s.primary()
        );
    }
    let changed: Vec<&str> = r
        .sites
        .iter()
        .filter(|s| s.primary().status != Status::Unchanged)
        .map(|s| s.function.as_str())
        .collect();
    assert!(
        changed.is_empty(),
        "changes beyond noise between runs of one workload: {changed:?}"
    );
    assert!(!r.gate.as_ref().unwrap().failed);
    // The band is the node-to-node spread: compress spans ~505–711 MB on either side.
    let c = site(&r, COMPRESS).primary();
    assert_eq!(
        c.noise,
        (c.base.max - c.base.min).max(c.new.max - c.new.min)
    );
    assert!(
        c.noise > 150.0 * MB && c.noise < 250.0 * MB,
        "{}",
        c.noise / MB
    );
}

#[test]
fn the_fixed_build_reports_compress_fixed_with_its_saving() {
    let r =
        gosleuth_analysis::diff(&allocs(&["node01"]), &allocs(&["fixed"]), &with_src()).unwrap();
    let c = site(&r, COMPRESS);
    assert_eq!(c.primary().status, Status::Fixed);
    // go tool pprof -top: 603.69 MB before, 8.99 MB after.
    let saving = -c.primary().delta / MB;
    assert!((594.0..595.5).contains(&saving), "saving {saving} MB");
    assert_eq!(c.file.as_deref(), Some("broker/compress_fixed.go"));
    // The old statement is gone, the new one appears: different code, not a moved line.
    let gone = c
        .lines
        .iter()
        .find(|l| l.base_line.as_deref() == Some("broker/compress.go:9"))
        .expect("compress.go:9");
    assert_eq!(gone.new_line, None);
    assert_eq!(
        gone.code.as_deref(),
        Some("dst := make([]byte, s2.MaxEncodedLen(len(frame)))")
    );
    let added = c
        .lines
        .iter()
        .find(|l| l.new_line.as_deref() == Some("broker/compress_fixed.go:13"))
        .expect("compress_fixed.go:13");
    assert_eq!(added.code.as_deref(), Some("c.zbuf = make([]byte, n)"));
    // Nothing else moved beyond noise; the total fell.
    let others: Vec<&str> = r
        .sites
        .iter()
        .filter(|s| s.function != COMPRESS && s.primary().status != Status::Unchanged)
        .map(|s| s.function.as_str())
        .collect();
    assert!(others.is_empty(), "{others:?}");
    assert_eq!(r.totals[0].status, Status::Improved);
}

#[test]
fn ten_runs_against_the_fixed_build() {
    let names = [
        "node01", "node02", "node03", "node04", "node05", "node06", "node07", "node08", "node09",
        "node10",
    ];
    let r = gosleuth_analysis::diff(&allocs(&names), &allocs(&["fixed"]), &with_src()).unwrap();
    assert_eq!(site(&r, COMPRESS).primary().status, Status::Fixed);
    for s in r.sites.iter().filter(|s| s.function != COMPRESS).take(5) {
        assert_eq!(s.primary().status, Status::Unchanged, "{}", s.function);
    }
}

#[test]
fn swapping_the_pair_is_a_regression_that_fails_the_gate() {
    let opts = DiffOptions {
        fail_on: Some(10.0),
        ..with_src()
    };
    let r = gosleuth_analysis::diff(&allocs(&["fixed"]), &allocs(&["node01"]), &opts).unwrap();
    assert_eq!(site(&r, COMPRESS).primary().status, Status::Worse);
    let gate = r.gate.as_ref().unwrap();
    assert!(gate.failed);
    assert_eq!(gate.offenders, ["total", COMPRESS]);
    // The same pair the right way round passes.
    let ok = gosleuth_analysis::diff(&allocs(&["node01"]), &allocs(&["fixed"]), &opts).unwrap();
    assert!(!ok.gate.unwrap().failed);
}

#[test]
fn an_earlier_analysis_gets_a_verdict_per_site() {
    let report = analyze(
        allocs(&["node01"]),
        &gosleuth_analysis::AnalyzeOptions {
            top: 6,
            roots: with_src().roots,
            ..Default::default()
        },
    )
    .unwrap();
    let baseline = Baseline::from_json(&render::render_json(&report)).unwrap();
    let r = gosleuth_analysis::diff(
        &allocs(&["node01"]),
        &allocs(&["fixed"]),
        &DiffOptions {
            baseline: Some(baseline),
            ..with_src()
        },
    )
    .unwrap();
    assert_eq!(r.verdicts.len(), 6);
    assert_eq!(
        (r.verdicts[0].rank, r.verdicts[0].function.as_str()),
        (1, COMPRESS)
    );
    assert_eq!(r.verdicts[0].change.status, Status::Fixed);
    for v in &r.verdicts[1..] {
        assert_eq!(v.change.status, Status::Unchanged, "{}", v.function);
    }
}

#[test]
fn a_profile_without_the_sample_type_is_an_error() {
    let goroutines = common::node(&common::fixtures().join("goroutine.pb.gz"));
    let err = gosleuth_analysis::diff(&allocs(&["node01"]), &[goroutines], &DiffOptions::default())
        .unwrap_err();
    assert!(err.to_string().contains("alloc_space"), "{err}");
}
