//! The compact terminal `diff`: the total, the changes beyond noise, the top
//! sites and the gate. Colour only when asked for.

use std::fmt::Write as _;

use super::format::{change, range, short_name, signed, status, value};
use crate::{Change, DiffReport, LineMatch, SiteChange, Status};

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

/// One changed site in a sentence: `{function} is {status}: {what}`, each
/// format dressing the name and the status its own way.
pub(super) struct ChangeNote<'a> {
    pub(super) function: &'a str,
    pub(super) status: &'static str,
    /// What the site saves per node, with its share of the base total, or
    /// what it costs, with how far that is beyond noise.
    pub(super) what: String,
}

/// A note for each site of `changed` that shrank, then for each that grew.
pub(super) fn change_notes<'a>(r: &DiffReport, changed: &[&'a SiteChange]) -> Vec<ChangeNote<'a>> {
    let base_total = r.totals[0].base.median;
    let note = |s: &'a SiteChange, what: String| ChangeNote {
        function: short_name(&s.function),
        status: status(s.primary().status),
        what,
    };
    let savings = changed.iter().filter(|s| s.primary().delta < 0.0).map(|s| {
        let c = s.primary();
        let share = if base_total > 0.0 {
            format!(", {:.1}% of the base total", -c.delta * 100.0 / base_total)
        } else {
            String::new()
        };
        let saves = value(-c.delta, &r.unit);
        note(s, format!("saves {saves} per node (median){share}."))
    });
    let costs = changed.iter().filter(|s| s.primary().delta > 0.0).map(|s| {
        let c = s.primary();
        let beyond = c
            .beyond_noise_percent
            .map_or(String::new(), |p| format!(", {p:.1}% beyond noise"));
        let costs = signed(c.delta, &r.unit);
        note(s, format!("{costs} per node (median){beyond}."))
    });
    savings.chain(costs).collect()
}
