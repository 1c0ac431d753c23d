//! `gosleuth resolve`: joins every profile frame to the Go source and says
//! plainly which frames did not resolve, and why.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::process::ExitCode;

use anyhow::{Context as _, Result};
use gosleuth_go::{BuildContext, Frame, ResolveStatus, Resolver};
use gosleuth_pprof::Profile;

use super::view;
use crate::args::ResolveArgs;

/// A frame's share of the inputs' weight: the sum, over profiles, of the
/// fraction of that profile's default-sample-type total whose stacks contain it.
type Weights = BTreeMap<FrameKey, f64>;
type FrameKey = (String, String, i64, i64);

pub(crate) fn run(args: &ResolveArgs) -> Result<ExitCode> {
    let nodes = view::read_nodes(&args.input)?;
    let mut weights = Weights::new();
    for n in &nodes {
        add_frame_weights(&n.profile, &mut weights);
    }
    let roots = args.source.roots();
    let mut resolver =
        Resolver::new(&roots, BuildContext::default()).context("reading the source roots")?;
    let frames: Vec<Frame> = weights
        .keys()
        .map(|(function, file, line, start_line)| Frame {
            function: function.clone(),
            file: file.clone(),
            line: *line,
            start_line: *start_line,
        })
        .collect();
    let resolutions = resolver.resolve_all(&frames);
    let total_weight: f64 = weights.values().sum();
    let mut resolved = 0usize;
    let mut resolved_weight = 0.0;
    let mut unresolved = Vec::new();
    for (((key, w), r), frame) in weights.iter().zip(&resolutions).zip(&frames) {
        if resolver.agrees(frame, r) {
            resolved += 1;
            resolved_weight += w;
        } else {
            unresolved.push((key, *w, r.status));
        }
    }
    unresolved.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    let mut out = String::new();
    if !unresolved.is_empty() {
        let _ = writeln!(
            out,
            "unresolved frames ({}), heaviest first:",
            unresolved.len()
        );
        for ((function, file, line, _), w, status) in &unresolved {
            let _ = writeln!(
                out,
                "  {:>6}  {function} {file}:{line}: {}",
                pct(*w, total_weight),
                reason(*status)
            );
        }
    }
    let _ = writeln!(
        out,
        "resolved {resolved} of {} frames ({}), {} of weight",
        frames.len(),
        pct(resolved as f64, frames.len() as f64).trim(),
        pct(resolved_weight, total_weight).trim()
    );
    view::print(&out)?;
    Ok(ExitCode::SUCCESS)
}

fn reason(status: ResolveStatus) -> &'static str {
    match status {
        ResolveStatus::ByLine => {
            "the line falls in a function whose start line differs from the profile's (source version differs?)"
        }
        ResolveStatus::Confirmed | ResolveStatus::PackageInit => "resolved",
        ResolveStatus::FileOnly => {
            "file found, but no function in it contains this line (source version differs?)"
        }
        ResolveStatus::NameOnly => {
            "no such file under the roots; the function was found by name only"
        }
        ResolveStatus::Ambiguous => {
            "several files under the roots match equally and none confirms the frame"
        }
        ResolveStatus::Unresolved => {
            "no file under the roots matches this path (add its module with --src or --goroot)"
        }
    }
}

fn pct(part: f64, whole: f64) -> String {
    if whole == 0.0 {
        "0%".to_string()
    } else {
        format!("{:.1}%", part / whole * 100.0)
    }
}

/// Adds each frame's cumulative share of `p`'s default sample type (counted
/// once per sample, however often it recurs).
fn add_frame_weights(p: &Profile, weights: &mut Weights) {
    let Ok(index) = p.sample_index("") else {
        return;
    };
    // Floats: a hostile profile's values may sum past i64.
    let total: f64 = p
        .samples
        .iter()
        .map(|s| s.values[index].unsigned_abs() as f64)
        .sum();
    let mut seen: std::collections::HashSet<FrameKey> = std::collections::HashSet::new();
    for s in &p.samples {
        let share = if total == 0.0 {
            0.0
        } else {
            s.values[index].unsigned_abs() as f64 / total
        };
        seen.clear();
        for &l in &s.locations {
            for line in &p.locations[l].lines {
                let Some(f) = p.function(line) else { continue };
                let key = (f.name.clone(), f.filename.clone(), line.line, f.start_line);
                if !seen.contains(&key) {
                    *weights.entry(key.clone()).or_default() += share;
                    seen.insert(key);
                }
            }
        }
    }
}
