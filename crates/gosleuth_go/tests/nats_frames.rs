//! Acceptance: every frame of real nats-server profiles, decoded from the
//! profiles themselves, resolves to the function (and, for `.funcN`, the
//! literal) whose span holds the sampled line; where the profile records a
//! function's `start_line` (Go ≥ 1.20) it is the indexed declaration line.
//!
//! - nats-server 2.9.10 (Go 1.19, `-trimpath`): `$GOSLEUTH_SHARED/data/nats-2.9.10`
//!   against Debian's `golang-github-nats-io-nats-server-dev` and `golang-1.19-src`.
//! - nats-server v2.15.2 (Go 1.26, module-cache paths):
//!   `examples/nats-current/fixtures` against `go env GOMODCACHE` (the
//!   modules `.ci/run` downloads) and Go 1.26's GOROOT.
//!
//! `cargo test -p gosleuth_go --test nats_frames -- --nocapture` prints the figures.

mod common;
mod profile_frames;

use gosleuth_go::SourceRoots;

#[test]
fn nats_2_9_10_profiles_resolve_against_debian_sources() {
    let (gocode, goroot) = common::debian_sources();
    let frames = profile_frames::decode_all(&profile_frames::profiles_in(
        &profile_frames::nats_2_9_10_data(),
    ));
    let roots = SourceRoots {
        src: vec![gocode],
        goroot: Some(goroot),
    };
    let m = profile_frames::measure(&roots, &frames);
    profile_frames::check("nats-server 2.9.10 (Go 1.19)", &frames, &m);
    assert_eq!(m.with_start_line, 0, "Go 1.19 profiles carry no start_line");
}

#[test]
fn current_nats_profiles_resolve_against_the_module_cache() {
    let dir = profile_frames::repo().join("examples/nats-current/fixtures");
    let frames = profile_frames::decode_all(&profile_frames::profiles_in(&dir));
    let modcache = profile_frames::gomodcache();
    profile_frames::require_modules(&frames, &modcache);
    let roots = SourceRoots {
        src: vec![modcache],
        goroot: Some(profile_frames::goroot_1_26()),
    };
    let m = profile_frames::measure(&roots, &frames);
    profile_frames::check("nats-server v2.15.2 (Go 1.26)", &frames, &m);
    assert!(m.with_start_line > 0, "Go 1.26 profiles carry start_line");
}
