//! Acceptance: every frame of the example service's real profiles
//! (`examples/fixtures`, Go 1.26, absolute build paths) resolves to the
//! function (and, for `.funcN`, the literal) whose span holds the sampled
//! line, in the very file the profile names, and every `start_line` is the
//! indexed declaration line (or the line the compiler gives what it generates).
//! Sources: `examples/pushsvc`, `go env GOMODCACHE` (`(cd examples/pushsvc &&
//! go mod download)`, as `.ci/run` does) and Go 1.26's GOROOT.
//!
//! `cargo test -p gosleuth_go --test example_frames -- --nocapture` prints the figures.

mod profile_frames;

use gosleuth_go::SourceRoots;

#[test]
fn example_service_profiles_resolve() {
    let repo = profile_frames::repo();
    let frames = profile_frames::decode_all(&profile_frames::profiles_in(
        &repo.join("examples/fixtures"),
    ));
    let modcache = profile_frames::gomodcache();
    profile_frames::require_modules(&frames, &modcache);
    let roots = SourceRoots {
        src: vec![repo.join("examples/pushsvc"), modcache],
        goroot: Some(profile_frames::goroot_1_26()),
    };
    let m = profile_frames::measure(&roots, &frames);
    profile_frames::check("example service pushsvc (Go 1.26)", &frames, &m);
    assert!(m.with_start_line > 0, "Go 1.26 profiles carry start_line");
}
