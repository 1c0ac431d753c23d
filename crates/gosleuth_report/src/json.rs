//! The audit report as JSON, schema `gosleuth.audit/v1`
//! (`schema/audit.schema.json` documents every field).

use std::collections::BTreeMap;

use gosleuth_rules::{Audit, Finding, Related, Weighting};
use serde::Serialize;

pub(crate) const SCHEMA_ID: &str = "gosleuth.audit/v1";

#[derive(Serialize)]
struct Report<'a> {
    schema: &'static str,
    tool: Tool,
    root: &'a str,
    files: usize,
    lines: usize,
    summary: Summary,
    findings: Vec<JsonFinding<'a>>,
    rules: Vec<JsonRule>,
    warnings: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    weighting: Option<&'a Weighting>,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct Summary {
    total: usize,
    by_severity: BTreeMap<&'static str, usize>,
    by_category: BTreeMap<&'static str, usize>,
    by_kind: BTreeMap<&'static str, usize>,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'a str,
    slug: &'a str,
    kind: &'a str,
    category: &'static str,
    severity: &'a str,
    file: &'a str,
    line: u32,
    end_line: u32,
    function: Option<&'a str>,
    evidence: &'a str,
    message: &'a str,
    related: &'a [Related],
    impact: &'static str,
    recommendation: &'static str,
    avoidable: f64,
    effort: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    weight: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    share: Option<f64>,
}

#[derive(Serialize)]
struct JsonRule {
    id: &'static str,
    slug: &'static str,
    kind: &'static str,
    category: &'static str,
    severity: &'static str,
    title: &'static str,
}

pub(crate) fn render(audit: &Audit) -> String {
    let mut s = serde_json::to_string_pretty(&model(audit)).unwrap_or_default();
    s.push('\n');
    s
}

fn model(audit: &Audit) -> Report<'_> {
    let mut by_severity = BTreeMap::new();
    for (s, n) in audit.counts() {
        by_severity.insert(s.as_str(), n);
    }
    let mut by_category = BTreeMap::new();
    let mut by_kind = BTreeMap::new();
    for f in &audit.findings {
        *by_category.entry(f.category.slug()).or_insert(0) += 1;
        *by_kind.entry(f.kind.as_str()).or_insert(0) += 1;
    }
    let mut ids: Vec<&str> = audit.findings.iter().map(|f| f.rule).collect();
    ids.sort_unstable();
    ids.dedup();
    Report {
        schema: SCHEMA_ID,
        tool: Tool {
            name: "gosleuth",
            version: env!("CARGO_PKG_VERSION"),
        },
        root: &audit.root,
        files: audit.files,
        lines: audit.lines,
        summary: Summary {
            total: audit.findings.len(),
            by_severity,
            by_category,
            by_kind,
        },
        findings: audit
            .findings
            .iter()
            .map(|f| finding(f, audit.weighting.as_ref()))
            .collect(),
        rules: ids
            .into_iter()
            .filter_map(gosleuth_rules::rule)
            .map(|r| JsonRule {
                id: r.id,
                slug: r.slug,
                kind: r.kind.as_str(),
                category: r.category.slug(),
                severity: r.severity.as_str(),
                title: r.title,
            })
            .collect(),
        warnings: &audit.warnings,
        weighting: audit.weighting.as_ref(),
    }
}

fn finding<'a>(f: &'a Finding, weighting: Option<&Weighting>) -> JsonFinding<'a> {
    let rule = crate::rule_of(f);
    JsonFinding {
        rule: f.rule,
        slug: f.slug,
        kind: f.kind.as_str(),
        category: f.category.slug(),
        severity: f.severity.as_str(),
        file: &f.file,
        line: f.line,
        end_line: f.end_line,
        function: f.function.as_deref(),
        evidence: &f.evidence,
        message: &f.message,
        related: &f.related,
        impact: rule.map_or("", |r| r.impact),
        recommendation: rule.map_or("", |r| r.fix),
        avoidable: f.avoidable,
        effort: f.effort.as_str(),
        weight: f.weight,
        share: weighting.and_then(|w| crate::share(f, w)),
    }
}
