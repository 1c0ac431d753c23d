//! What every pprof fuzz target does with a profile that decoded: the views a
//! user can ask for, on the profile and on the profile merged with itself, so
//! that arithmetic on hostile values and stacks is fuzzed too, not only parsing.

mod scratch;

pub use scratch::scratch_package;

use gosleuth_pprof::graph::Granularity;
use gosleuth_pprof::{
    Limits, Prepared, Profile, ReportOptions, merge, render_peek, render_raw, render_top,
    render_traces,
};

/// Small enough that one input stays fast, large enough for every real fixture.
pub const LIMITS: Limits = Limits {
    max_decompressed: 8 << 20,
    ..Limits::DEFAULT
};

/// Renders the views of `profile`; panics only if gosleuth does.
pub fn exercise(profile: Profile) {
    let _ = render_raw(&profile);
    if let Ok(merged) = merge(vec![profile.clone(), profile.clone()]) {
        views(merged, Granularity::Lines);
    }
    views(profile, Granularity::Functions);
}

fn views(profile: Profile, granularity: Granularity) {
    let options = ReportOptions {
        granularity,
        ..ReportOptions::default()
    };
    let Ok(prepared) = Prepared::new(profile, options) else {
        return;
    };
    let _ = render_top(&prepared);
    let _ = render_traces(&prepared);
    let any = regex::Regex::new(".").expect("regex");
    let _ = render_peek(&prepared, &any);
}
