//! Sites whose lines moved between builds still match. The "old build" is the
//! real node01 profile and the example service's real source with three lines
//! inserted at the top of broker/frame.go, every frame.go line number of the
//! profile shifted to agree: what a comment added above the code does.

mod common;

use std::path::{Path, PathBuf};

use common::{allocs, pushsvc};
use gosleuth_analysis::{DiffOptions, LineMatch, NodeInput, Status};
use gosleuth_go::SourceRoots;

const SHIFT: i64 = 3;
const BUILD_FRAME: &str = "github.com/gosleuth/examples/pushsvc/broker.buildFrame";

/// node01 as if built from the shifted source.
fn shifted_node01() -> NodeInput {
    let mut n = allocs(&["node01"]).remove(0);
    let p = &mut n.profile;
    let in_frame_go: Vec<bool> = p
        .functions
        .iter()
        .map(|f| f.filename.ends_with("broker/frame.go"))
        .collect();
    for f in p
        .functions
        .iter_mut()
        .filter(|f| f.filename.ends_with("broker/frame.go"))
    {
        f.start_line += SHIFT;
    }
    for loc in &mut p.locations {
        for line in loc
            .lines
            .iter_mut()
            .filter(|l| l.function.is_some_and(|f| in_frame_go[f]))
        {
            line.line += SHIFT;
        }
    }
    n
}

/// A copy of the example service with three comment lines after frame.go's package clause.
fn shifted_source(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "gosleuth-moved-lines-{}-{name}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(&pushsvc(), &dir);
    let frame = dir.join("broker/frame.go");
    let text = std::fs::read_to_string(&frame).unwrap();
    let (head, rest) = text.split_once('\n').unwrap();
    assert_eq!(head, "package broker");
    std::fs::write(&frame, format!("{head}\n// one\n// two\n// three\n{rest}")).unwrap();
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

#[test]
fn moved_lines_match_by_statement_text() {
    let old_src = shifted_source("text");
    let opts = DiffOptions {
        roots: SourceRoots {
            src: vec![pushsvc()],
            goroot: None,
        },
        base_roots: Some(SourceRoots {
            src: vec![old_src.clone()],
            goroot: None,
        }),
        ..DiffOptions::default()
    };
    let r = gosleuth_analysis::diff(&[shifted_node01()], &allocs(&["node01"]), &opts).unwrap();
    std::fs::remove_dir_all(&old_src).unwrap();
    let s = r.sites.iter().find(|s| s.function == BUILD_FRAME).unwrap();
    assert_eq!(s.primary().status, Status::Unchanged);
    assert_eq!(s.primary().delta, 0.0);
    for l in &s.lines {
        assert_eq!(l.matched_by, LineMatch::Code, "{l:?}");
        assert_eq!(l.base, l.new, "{l:?}");
    }
    let hot = &s.lines[0];
    assert_eq!(
        (hot.base_line.as_deref(), hot.new_line.as_deref()),
        (Some("broker/frame.go:28"), Some("broker/frame.go:25"))
    );
    assert!(r.sites.iter().all(|s| {
        s.lines
            .iter()
            .all(|l| !matches!(l.matched_by, LineMatch::Gone | LineMatch::Added))
    }));
}

#[test]
fn without_source_moved_lines_match_by_nearest_line() {
    let r = gosleuth_analysis::diff(
        &[shifted_node01()],
        &allocs(&["node01"]),
        &DiffOptions::default(),
    )
    .unwrap();
    let s = r.sites.iter().find(|s| s.function == BUILD_FRAME).unwrap();
    assert!(!s.lines.is_empty());
    for l in &s.lines {
        assert_eq!(l.matched_by, LineMatch::Nearest, "{l:?}");
        assert_eq!(l.base, l.new, "{l:?}");
    }
    assert_eq!(s.lines[0].base_line.as_deref(), Some("frame.go:28"));
}
