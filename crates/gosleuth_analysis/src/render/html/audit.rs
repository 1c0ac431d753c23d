//! The `audit` page: counts by severity and category, the findings in a table
//! sortable by severity, rule or file, and each finding with its source
//! snippet, the problem, the impact and the fix.

use std::collections::BTreeMap;

use gosleuth_pprof::human::{percent, value as label};
use gosleuth_rules::{Audit, Finding, Severity, Weighting};
use serde::Serialize;

use super::md_blocks::{Span, inline};
use super::shell::{Nav, render_page};
use crate::error::Result;

const TEMPLATE: &str = include_str!("audit.html");

/// Renders an audit report as one self-contained HTML page.
pub fn render_audit_html(audit: &Audit) -> Result<String> {
    render_page(TEMPLATE, &page(audit), None)
}

#[derive(Debug, Serialize)]
struct Page {
    title: String,
    nav: Vec<Nav>,
    files: usize,
    lines: usize,
    rules: usize,
    severities: Vec<(&'static str, usize)>,
    categories: Vec<CategoryRow>,
    findings: Vec<FindingView>,
    warnings: Vec<String>,
    /// With profiles: what the weights measure, in a sentence.
    weighting: Option<String>,
}

#[derive(Debug, Serialize)]
struct CategoryRow {
    title: &'static str,
    findings: usize,
    high: usize,
    rules: String,
}

#[derive(Debug, Serialize)]
struct FindingView {
    n: usize,
    anchor: String,
    severity: &'static str,
    /// Most severe first: 0 for critical.
    severity_sort: usize,
    rule: &'static str,
    slug: &'static str,
    kind: &'static str,
    category: &'static str,
    file: String,
    /// `file:line`, the line zero-padded so that text order is line order.
    file_sort: String,
    lines: String,
    function: Option<String>,
    evidence: String,
    /// The message, its `code` in code spans.
    message: Vec<Span>,
    related: Vec<(u32, Vec<Span>)>,
    impact: Option<&'static str>,
    fix: Option<&'static str>,
    effort: &'static str,
    avoidable: String,
    /// With profiles: the weight through the finding's lines, its label
    /// (empty when no sample passes) and its value for sorting.
    weight: Option<(String, i64)>,
}

fn page(audit: &Audit) -> Page {
    let mut nav = vec![Nav::new("summary", "Summary")];
    if !audit.findings.is_empty() {
        nav.push(Nav::new("findings", "Findings"));
        nav.push(Nav::new("details", "Details"));
    }
    if !audit.warnings.is_empty() {
        nav.push(Nav::new("warnings", "Warnings"));
    }
    Page {
        title: format!("gosleuth audit: {}", audit.root),
        nav,
        files: audit.files,
        lines: audit.lines,
        rules: audit.rules_run,
        severities: audit
            .counts()
            .into_iter()
            .map(|(s, n)| (s.as_str(), n))
            .collect(),
        categories: categories(&audit.findings),
        findings: audit
            .findings
            .iter()
            .enumerate()
            .map(|(i, f)| finding(i, f, audit.weighting.as_ref()))
            .collect(),
        warnings: audit.warnings.clone(),
        weighting: audit.weighting.as_ref().map(weighting_line),
    }
}

fn categories(findings: &[Finding]) -> Vec<CategoryRow> {
    let mut cats: BTreeMap<&'static str, (usize, usize, Vec<&'static str>)> = BTreeMap::new();
    for f in findings {
        let e = cats.entry(f.category.title()).or_default();
        e.0 += 1;
        if f.severity >= Severity::High {
            e.1 += 1;
        }
        if !e.2.contains(&f.slug) {
            e.2.push(f.slug);
        }
    }
    cats.into_iter()
        .map(|(title, (findings, high, rules))| CategoryRow {
            title,
            findings,
            high,
            rules: rules.join(", "),
        })
        .collect()
}

fn weighting_line(w: &Weighting) -> String {
    format!(
        "Weighed by {} of {} profile{}: {} in all, {:.1}% of it through this source. Findings are ranked by the weight of the samples through their lines.",
        w.sample_type,
        w.profiles,
        if w.profiles == 1 { "" } else { "s" },
        label(w.total as f64, &w.unit),
        w.in_source * 100.0
    )
}

/// `214 MB (33.0%)`, or empty when no sample passes through the lines.
fn weight_label(weight: i64, w: &Weighting) -> String {
    match w.share(weight) {
        Some(share) if weight != 0 => {
            format!("{} ({})", label(weight as f64, &w.unit), percent(share))
        }
        _ => String::new(),
    }
}

fn finding(i: usize, f: &Finding, weighting: Option<&Weighting>) -> FindingView {
    let rule = gosleuth_rules::rule(f.rule);
    FindingView {
        n: i + 1,
        anchor: format!("finding-{}", i + 1),
        severity: f.severity.as_str(),
        severity_sort: Severity::ALL
            .iter()
            .position(|s| *s == f.severity)
            .unwrap_or(0),
        rule: f.rule,
        slug: f.slug,
        kind: f.kind.as_str(),
        category: f.category.title(),
        file: f.file.clone(),
        file_sort: format!("{}:{:08}", f.file, f.line),
        lines: if f.end_line > f.line {
            format!("{}-{}", f.line, f.end_line)
        } else {
            f.line.to_string()
        },
        function: f.function.clone(),
        evidence: f.evidence.clone(),
        message: inline(&f.message),
        related: f
            .related
            .iter()
            .map(|r| (r.line, inline(&r.note)))
            .collect(),
        impact: rule.map(|r| r.impact),
        fix: rule.map(|r| r.fix),
        effort: f.effort.as_str(),
        avoidable: format!("{:.0}%", f.avoidable * 100.0),
        weight: weighting.map(|w| {
            let v = f.weight.unwrap_or(0);
            (weight_label(v, w), v)
        }),
    }
}
