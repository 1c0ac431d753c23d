//! `goroutines` on real dumps: the NATS server's (every format, counts against
//! the dumps' own), and the example service's planted leak growing under load.

mod common;

use std::path::{Path, PathBuf};

use common::{fixtures, nats_data, pushsvc};
use gosleuth_analysis::{
    DumpData, DumpInput, GoroutinesOptions, GoroutinesReport, GroupKind, goroutines,
};
use gosleuth_go::SourceRoots;
use gosleuth_pprof::Limits;

const LEAK: &str = "github.com/gosleuth/examples/pushsvc/broker.(*Server).publishWithTimeout.func1";

fn dump(path: &Path) -> DumpInput {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    DumpInput {
        name: path.file_name().unwrap().to_string_lossy().into_owned(),
        data: DumpData::parse(&bytes, Limits::default()).unwrap(),
    }
}

fn report(later: &Path, earlier: Option<&Path>, src: Vec<PathBuf>) -> GoroutinesReport {
    let opts = GoroutinesOptions {
        roots: SourceRoots { src, goroot: None },
    };
    goroutines(&dump(later), earlier.map(dump).as_ref(), &opts).unwrap()
}

fn nats_dumps() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(nats_data())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".goroutine.debug2.txt"))
        .collect();
    v.sort();
    assert_eq!(v.len(), 4, "{v:?}");
    v
}

#[test]
fn nats_groups_add_up_to_the_dumps_own_counts_in_every_format() {
    for debug2 in nats_dumps() {
        let text = std::fs::read_to_string(&debug2).unwrap();
        let own = text
            .lines()
            .filter(|l| l.starts_with("goroutine ") && l.ends_with("]:"))
            .count() as u64;
        let stem = debug2
            .to_string_lossy()
            .trim_end_matches(".debug2.txt")
            .to_string();
        let debug1 = PathBuf::from(format!("{stem}.debug1.txt"));
        let header: u64 = std::fs::read_to_string(&debug1)
            .unwrap()
            .lines()
            .next()
            .unwrap()
            .strip_prefix("goroutine profile: total ")
            .unwrap()
            .parse()
            .unwrap();
        assert_eq!(own, header, "{}", debug2.display());
        for path in [
            debug2.clone(),
            debug1,
            PathBuf::from(format!("{stem}.pb.gz")),
        ] {
            let r = report(&path, None, Vec::new());
            let name = path.display();
            assert_eq!(r.total, own, "{name}");
            assert_eq!(
                r.groups.iter().map(|g| g.count).sum::<u64>(),
                own,
                "{name}: creation groups"
            );
            assert_eq!(
                r.top_frames.iter().map(|g| g.count).sum::<u64>(),
                own,
                "{name}: top-frame groups"
            );
            for g in &r.groups {
                if !g.states.is_empty() {
                    assert_eq!(
                        g.states.iter().map(|s| s.count).sum::<u64>(),
                        g.count,
                        "{name}: states of {:?}",
                        g.site
                    );
                }
            }
        }
        // The full dump names the `go` statements; the server's own resolve to the Debian source.
        let r = report(&debug2, None, vec!["/usr/share/gocode/src".into()]);
        assert_eq!(
            r.groups
                .iter()
                .filter(|g| g.kind == GroupKind::Main)
                .map(|g| g.count)
                .sum::<u64>(),
            1
        );
        let start = r
            .groups
            .iter()
            .find(|g| g.site.function.ends_with("server.(*Server).startGoRoutine"))
            .expect("startGoRoutine group");
        assert_eq!(
            start.site.code.as_deref(),
            Some("go f()"),
            "{}",
            debug2.display()
        );
    }
}

#[test]
fn idle1000_is_a_thousand_clients_each_reading_and_writing() {
    let r = report(
        &nats_data().join("idle1000.goroutine.debug2.txt"),
        None,
        Vec::new(),
    );
    let top: Vec<(u64, &str, &str)> = r
        .top_frames
        .iter()
        .take(2)
        .map(|g| {
            (
                g.count,
                g.site.function.as_str(),
                g.states[0].state.as_str(),
            )
        })
        .collect();
    assert_eq!(
        top,
        [
            (
                1000,
                "github.com/nats-io/nats-server/server.(*client).readLoop",
                "IO wait"
            ),
            (
                1000,
                "github.com/nats-io/nats-server/server.(*client).writeLoop",
                "sync.Cond.Wait"
            ),
        ]
    );
}

#[test]
fn the_leak_grows_first_and_the_leak_rule_names_it() {
    let f = fixtures();
    let r = report(
        &f.join("leak.late.goroutine.debug2.txt"),
        Some(&f.join("leak.early.goroutine.debug2.txt")),
        vec![pushsvc()],
    );
    assert_eq!((r.earlier.as_ref().unwrap().total, r.total), (86, 297));
    let g = &r.growth[0];
    assert_eq!(
        (g.site.function.as_str(), g.site.file.as_str(), g.site.line),
        (LEAK, "broker/http.go", 63)
    );
    assert_eq!((g.before, g.after, g.delta), (16, 237, 221));
    assert_eq!(
        g.site.code.as_deref(),
        Some("done <- s.publish(topic, payload)")
    );
    assert_eq!(
        (g.states[0].state.as_str(), g.states[0].count),
        ("chan send", 237)
    );
    assert_eq!(g.created_by[0].site.line, 62);
    let rules: Vec<&str> = g.findings.iter().map(|f| f.rule.as_str()).collect();
    assert!(rules.contains(&"GS801"), "{rules:?}");
    assert!(r.growth.windows(2).all(|w| w[0].delta >= w[1].delta));
}

#[test]
fn the_leak_shows_in_protobuf_and_mixed_formats_too() {
    let f = fixtures();
    for (early, late) in [
        ("leak.early.goroutine.pb.gz", "leak.late.goroutine.pb.gz"),
        (
            "leak.early.goroutine.pb.gz",
            "leak.late.goroutine.debug2.txt",
        ),
    ] {
        let r = report(&f.join(late), Some(&f.join(early)), Vec::new());
        let g = &r.growth[0];
        assert_eq!(
            (g.site.function.as_str(), g.site.line, g.delta),
            (LEAK, 63, 221),
            "{early} → {late}"
        );
        assert!(g.site.file.ends_with("broker/http.go"));
        assert!(g.findings.is_empty() && !r.rules_checked);
    }
}

#[test]
fn idle_leaked_goroutines_have_waited_a_minute() {
    let r = report(
        &fixtures().join("leak.idle.goroutine.debug2.txt"),
        None,
        vec![pushsvc()],
    );
    let g = &r.groups[0];
    assert_eq!(
        (g.count, g.site.file.as_str(), g.site.line),
        (237, "broker/http.go", 62)
    );
    assert_eq!(
        (
            g.states[0].state.as_str(),
            g.states[0].min_minutes,
            g.states[0].max_minutes
        ),
        ("chan send", 1, 1)
    );
}

#[test]
fn a_heap_profile_is_not_a_goroutine_dump() {
    let bytes = std::fs::read(fixtures().join("heap.pb.gz")).unwrap();
    let err = DumpData::parse(&bytes, Limits::default()).unwrap_err();
    assert!(
        err.to_string().starts_with("not a goroutine profile"),
        "{err}"
    );
}
