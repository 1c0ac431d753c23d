//! Acceptance: frames of real nats-server 2.9.10 profiles (Go 1.19,
//! `tests/fixtures/nats_frames.tsv`) resolve against Debian's sources.
//! Needs `golang-github-nats-io-nats-server-dev` and `golang-1.19-src`.

mod common;

use std::collections::BTreeMap;

use gosleuth_go::{BuildContext, Frame, FuncKind, ResolveStatus, Resolver, SourceRoots};

#[test]
fn nats_profile_frames_resolve() {
    let (gocode, goroot) = common::debian_sources();
    let frames: Vec<Frame> = common::read_tsv(&common::fixtures().join("nats_frames.tsv"))
        .into_iter()
        .map(|r| Frame {
            function: r[0].clone(),
            file: r[1].clone(),
            line: r[2].parse().unwrap(),
            start_line: 0,
        })
        .collect();
    let roots = SourceRoots {
        src: vec![gocode],
        goroot: Some(goroot),
    };
    let mut resolver =
        Resolver::new(&roots, BuildContext::default()).unwrap_or_else(|e| panic!("{e}"));
    let resolutions = resolver.resolve_all(&frames);

    let mut unresolved = Vec::new();
    let mut literal_of: BTreeMap<&str, Vec<(std::path::PathBuf, gosleuth_go::FuncRef)>> =
        BTreeMap::new();
    for (frame, res) in frames.iter().zip(&resolutions) {
        let ok = matches!(
            res.status,
            ResolveStatus::Confirmed | ResolveStatus::PackageInit
        );
        if !ok {
            unresolved.push(format!(
                "{:?} {} {}:{}",
                res.status, frame.function, frame.file, frame.line
            ));
            continue;
        }
        if is_closure(&frame.function) {
            let (dir, func) = (res.package_dir.clone().unwrap(), res.function.unwrap());
            let pkg = resolver.index().package(&dir).unwrap();
            let f = pkg.function(func);
            assert_eq!(
                f.kind,
                FuncKind::Literal,
                "{} is not a literal: {f:?}",
                frame.function
            );
            assert!(
                f.span.contains(u32::try_from(frame.line).unwrap()),
                "{}:{} outside {f:?}",
                frame.function,
                frame.line
            );
            literal_of
                .entry(&frame.function)
                .or_default()
                .push((dir, func));
        }
    }
    for (name, hits) in &literal_of {
        assert!(
            hits.windows(2).all(|w| w[0] == w[1]),
            "{name} maps to several literals: {hits:?}"
        );
    }
    let resolved = frames.len() - unresolved.len();
    let share = 100.0 * resolved as f64 / frames.len() as f64;
    eprintln!("{resolved}/{} frames resolved ({share:.1}%)", frames.len());
    assert!(
        share >= 99.0,
        "only {share:.1}% resolved; unresolved:\n{}",
        unresolved.join("\n")
    );
}

/// `F.func1`, `F.func1.2`: a function literal by its name.
fn is_closure(name: &str) -> bool {
    let mut parts = name.rsplit('.');
    let last = parts.next().unwrap_or("");
    let numeric = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    last.strip_prefix("func").is_some_and(numeric) || (numeric(last) && name.contains(".func"))
}
