//! Renderers for gosleuth reports: `text`, `md`, `json` and `sarif`.
//!
//! Renderers take report models (plain data from the analysis crates) and
//! own all presentation; output is deterministic.
//!
//! ```
//! use gosleuth_report::{Format, RenderOptions, render_audit};
//! use gosleuth_rules::Audit;
//!
//! let audit = Audit { root: ".".into(), files: 0, lines: 0, rules_run: 0, findings: vec![], warnings: vec![], weighting: None };
//! let text = render_audit(&audit, Format::Text, &RenderOptions::default());
//! assert!(text.contains("no findings"));
//! ```
#![deny(missing_docs)]

mod json;
mod md;
mod plan;
mod sarif;
mod text;

use gosleuth_rules::{Audit, Finding, Weighting};

/// Output formats of the audit report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Compact text for a terminal.
    Text,
    /// Markdown: executive summary, findings, phased plan.
    Md,
    /// The report model as JSON (schema `gosleuth.audit/v1`).
    Json,
    /// SARIF 2.1.0 for code-scanning integrations.
    Sarif,
}

/// Presentation options.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// ANSI colours (text only; set it only when writing to a terminal).
    pub color: bool,
}

/// The JSON schema id of [`Format::Json`] audit output.
pub const AUDIT_SCHEMA: &str = json::SCHEMA_ID;

/// Renders an audit report.
#[must_use]
pub fn render_audit(audit: &Audit, format: Format, opts: &RenderOptions) -> String {
    match format {
        Format::Text => text::render(audit, opts),
        Format::Md => md::render(audit),
        Format::Json => json::render(audit),
        Format::Sarif => sarif::render(audit),
    }
}

/// The rule behind a finding.
fn rule_of(f: &gosleuth_rules::Finding) -> Option<&'static gosleuth_rules::Rule> {
    gosleuth_rules::rule(f.rule)
}

/// A finding's weight as a share of the profiles' total.
fn share(f: &Finding, w: &Weighting) -> Option<f64> {
    w.share(f.weight?)
}

/// `214 MB (33.0% of alloc_space)`, for a finding the profiles sampled.
fn weight_label(f: &Finding, w: &Weighting) -> Option<String> {
    let weight = f.weight.filter(|v| *v != 0)?;
    Some(format!(
        "{} ({} of {})",
        gosleuth_pprof::human::value(weight as f64, &w.unit),
        gosleuth_pprof::human::percent(share(f, w).unwrap_or(0.0)),
        w.sample_type
    ))
}

/// The line saying what the findings were weighed with.
fn weighting_line(w: &Weighting) -> String {
    let profiles = if w.profiles == 1 {
        "1 profile".to_string()
    } else {
        format!("{} profiles", w.profiles)
    };
    format!(
        "Weighed by `{}` of {profiles} ({} in all, {:.1}% of it through this source); findings ranked by the weight of the samples through their lines.",
        w.sample_type,
        gosleuth_pprof::human::value(w.total as f64, &w.unit),
        w.in_source * 100.0
    )
}
