//! `gosleuth resolve` end to end on real profiles and the real source that
//! built them; the output names only the profiles' own file names, so the
//! snapshots hold on any machine with the same sources installed.

mod common;

use std::path::{Path, PathBuf};

use common::{
    GO119, NATS_SRC, debian_sources, example_fixtures, go_env, gosleuth, nats_data, repo,
};

/// Runs `gosleuth resolve ARGS…`, which must succeed silently, and returns stdout.
fn resolve(args: &[&str]) -> String {
    let mut all = vec!["resolve"];
    all.extend_from_slice(args);
    let out = gosleuth(&all);
    assert!(
        out.status.success() && out.stderr.is_empty(),
        "gosleuth {all:?}: {:?}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// The module cache, holding the example service's dependencies, and Go
/// 1.26's root, which built the example service's profiles.
fn go_1_26_sources() -> (PathBuf, PathBuf) {
    let modcache = PathBuf::from(go_env("GOMODCACHE"));
    let compress = modcache.join("github.com/klauspost/compress@v1.20.3");
    assert!(
        compress.is_dir(),
        "missing {}: run `(cd examples/pushsvc && go mod download)` (.ci/run does)",
        compress.display()
    );
    let goroot = PathBuf::from(go_env("GOROOT"));
    let version = std::fs::read_to_string(goroot.join("VERSION")).unwrap_or_default();
    assert!(
        version.starts_with("go1.26"),
        "the example profiles were built by Go 1.26; {} holds {:?}",
        goroot.display(),
        version.lines().next().unwrap_or("")
    );
    (modcache, goroot)
}

fn s(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

#[test]
fn resolve_nats_2_9_10_with_debian_source() {
    debian_sources();
    let profile = nats_data().join("js.allocs.pb.gz");
    let out = resolve(&[s(&profile), "--src", NATS_SRC, "--goroot", GO119]);
    insta::assert_snapshot!(out);
}

#[test]
fn resolve_example_service_with_module_cache() {
    let (modcache, goroot) = go_1_26_sources();
    let profile = example_fixtures().join("allocs.pb.gz");
    let svc = repo().join("examples/pushsvc");
    let out = resolve(&[
        s(&profile),
        "--src",
        s(&svc),
        "--src",
        s(&modcache),
        "--goroot",
        s(&goroot),
    ]);
    insta::assert_snapshot!(out);
}

/// The example service's source given for a nats-server profile: every
/// nats-server frame is unresolved, with its reason; the standard library
/// still resolves against the right Go root.
#[test]
fn resolve_with_the_wrong_src_gives_reasons() {
    debian_sources();
    let profile = nats_data().join("js.allocs.pb.gz");
    let svc = repo().join("examples/pushsvc");
    let out = resolve(&[s(&profile), "--src", s(&svc), "--goroot", GO119]);
    insta::assert_snapshot!(out);
}

/// The module cache left out: the dependency's frames are unresolved and
/// say which root to add.
#[test]
fn resolve_without_the_module_cache_names_what_is_missing() {
    let (_, goroot) = go_1_26_sources();
    let profile = example_fixtures().join("allocs.pb.gz");
    let svc = repo().join("examples/pushsvc");
    let out = resolve(&[s(&profile), "--src", s(&svc), "--goroot", s(&goroot)]);
    insta::assert_snapshot!(out);
}
