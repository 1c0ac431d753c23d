//! The prioritized recommendations (SPEC §3.9), shared by the Markdown and
//! text reports.

use std::fmt::Write as _;

use super::format::{percent, range};
use crate::model::{AnalyzeReport, Priority, Recommendation};

/// `P0`…`P3`.
pub(super) fn priority(p: Priority) -> &'static str {
    match p {
        Priority::P0 => "P0",
        Priority::P1 => "P1",
        Priority::P2 => "P2",
        Priority::P3 => "P3",
    }
}

/// Targets by file name and line: `client.go:2016, client.go:2052`.
pub(super) fn targets(rec: &Recommendation) -> String {
    let short: Vec<&str> = rec
        .targets
        .iter()
        .map(|t| t.rsplit('/').next().unwrap_or(t))
        .collect();
    short.join(", ")
}

/// The estimated saving: the value range and its share of the total.
pub(super) fn saving(r: &AnalyzeReport, rec: &Recommendation) -> String {
    format!(
        "{} ({} of total)",
        range(&rec.saving, &r.unit, r.nodes.len()),
        percent(&rec.saving_percent)
    )
}

/// The Markdown section; nothing when no rule fired on hot code.
pub(super) fn md(out: &mut String, r: &AnalyzeReport) {
    if r.recommendations.is_empty() {
        return;
    }
    let _ = writeln!(out, "## Prioritized recommendations\n");
    let _ = writeln!(out, "| Priority | Change | Targets | Estimated saving |");
    let _ = writeln!(out, "|---|---|---|---|");
    for rec in &r.recommendations {
        let _ = writeln!(
            out,
            "| {} | {} ({}, {} effort) | {} | {} |",
            priority(rec.priority),
            rec.change.replace('|', "\\|"),
            rec.rule_id,
            rec.effort,
            targets(rec),
            saving(r, rec)
        );
    }
    out.push('\n');
}

/// The compact text lines.
pub(super) fn text(out: &mut String, r: &AnalyzeReport, dim: &str, reset: &str) {
    for rec in &r.recommendations {
        let _ = writeln!(
            out,
            "{}  {}  {dim}{} at {}{reset}  saves {}",
            priority(rec.priority),
            rec.change,
            rec.rule_id,
            targets(rec),
            saving(r, rec)
        );
    }
}

/// A deep dive's rule hits, one bullet each.
pub(super) fn site_findings(out: &mut String, s: &crate::model::Site) {
    if s.findings.is_empty() {
        return;
    }
    let _ = writeln!(out, "**Rule hits on this code:**\n");
    for f in &s.findings {
        let _ = writeln!(
            out,
            "- {} `{}` at {}:{}: {}",
            f.rule_id,
            f.rule_slug,
            f.file.rsplit('/').next().unwrap_or(&f.file),
            f.line,
            f.message
        );
    }
    out.push('\n');
}
