//! The compact terminal `diff`: the total, the changes beyond noise, the top
//! sites and the gate. Colour only when asked for.

use std::fmt::Write as _;

use super::format::{change, range, short_name, status, value};
use crate::{Change, DiffReport, LineMatch, Status};

const TOP: usize = 10;

/// Renders the diff report for a terminal.
pub fn render_diff_text(r: &DiffReport, colour: bool) -> String {
    let (bold, dim, reset) = if colour {
        ("\x1b[1m", "\x1b[2m", "\x1b[0m")
    } else {
        ("", "", "")
    };
    let mut out = String::new();
    let (nb, nn) = (r.base_nodes.len(), r.new_nodes.len());
    let _ = writeln!(
        out,
        "{bold}{}{reset}: {nb} base → {nn} new node(s)",
        r.sample_types[0]
    );
    let row = |out: &mut String, name: &str, c: &Change| {
        let _ = writeln!(
            out,
            "  {:<22} {bold}{}{reset}  {} → {}  {}  {dim}noise ±{}{reset}",
            status(c.status),
            name,
            range(&c.base, &r.unit, nb),
            range(&c.new, &r.unit, nn),
            change(c, &r.unit),
            value(c.noise, &r.unit)
        );
    };
    row(&mut out, "total", &r.totals[0]);
    let changed: Vec<_> = r
        .sites
        .iter()
        .filter(|s| s.primary().status != Status::Unchanged)
        .collect();
    let _ = writeln!(out, "changes beyond noise: {}", changed.len());
    for s in &changed {
        row(&mut out, short_name(&s.function), s.primary());
    }
    let _ = writeln!(out, "top sites:");
    for s in r.sites.iter().take(TOP) {
        row(&mut out, short_name(&s.function), s.primary());
    }
    if !r.verdicts.is_empty() {
        let _ = writeln!(out, "earlier analysis:");
        for v in &r.verdicts {
            row(
                &mut out,
                &format!("#{} {}", v.rank, short_name(&v.function)),
                &v.change,
            );
        }
    }
    if !r.recommendation_verdicts.is_empty() {
        let _ = writeln!(out, "earlier recommendations:");
        for v in &r.recommendation_verdicts {
            row(
                &mut out,
                &format!("{} {}", v.priority, v.rule_id),
                &v.change,
            );
        }
    }
    if let Some(g) = &r.gate {
        let verdict = if g.failed {
            format!(
                "FAILED by {}",
                g.offenders
                    .iter()
                    .map(|o| short_name(o))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        } else {
            "passed".into()
        };
        let _ = writeln!(out, "gate --fail-on {}: {verdict}", g.percent);
    }
    out
}

/// How a line was matched, in words.
pub(super) fn matched_by(m: LineMatch) -> &'static str {
    match m {
        LineMatch::Code => "statement",
        LineMatch::Line => "line",
        LineMatch::Nearest => "nearest line",
        LineMatch::Gone => "gone",
        LineMatch::Added => "added",
    }
}
