//! The `diff` page: the verdict on the total and the gate, the changed sites
//! in a sortable table, the earlier report's sites and recommendations judged,
//! a differential flame graph (red grew, blue shrank), and the changed sites'
//! lines matched across versions.

use serde::Serialize;

use super::diff_flame::differential_flame;
use super::shell::{Nav, render_page};
use crate::error::{Error, Result};
use crate::render::diff_text::{change_notes, matched_by};
use crate::render::format::{change, range, short_name, status, value};
use crate::{Change, DiffReport, SiteChange, Status};

const TEMPLATE: &str = include_str!("diff.html");

/// Renders the diff report as one self-contained HTML page.
pub fn render_diff_html(r: &DiffReport) -> Result<String> {
    let flame = differential_flame(r).map_err(Error::Render)?;
    let page = page(r, flame.is_some());
    render_page(TEMPLATE, &page, flame)
}

#[derive(Debug, Serialize)]
struct Page {
    title: String,
    nav: Vec<Nav>,
    sample_type: String,
    total: Row,
    gate: Option<Gate>,
    notes: Vec<String>,
    totals: Vec<Row>,
    changed: Vec<Row>,
    unchanged: usize,
    verdicts: Vec<Row>,
    recommendations: Vec<Recommendation>,
    flame: bool,
    lines: Vec<Lines>,
    base_nodes: String,
    new_nodes: String,
    source_matched: bool,
}

/// One figure before and after: a total, a site or an earlier report's site.
#[derive(Debug, Serialize)]
struct Row {
    /// A sample type, a rank or nothing.
    label: String,
    function: String,
    short: String,
    file: String,
    before: String,
    before_sort: f64,
    after: String,
    after_sort: f64,
    change: String,
    change_sort: f64,
    noise: String,
    status: &'static str,
    /// The verdict as a CSS class and sort key: `fixed`, `worse`, …
    status_class: &'static str,
    status_sort: u8,
}

#[derive(Debug, Serialize)]
struct Gate {
    failed: bool,
    text: String,
}

#[derive(Debug, Serialize)]
struct Recommendation {
    priority: String,
    change_text: String,
    rule: String,
    sites: String,
    row: Row,
}

#[derive(Debug, Serialize)]
struct Lines {
    anchor: String,
    short: String,
    status: &'static str,
    rows: Vec<Line>,
}

#[derive(Debug, Serialize)]
struct Line {
    base_line: String,
    new_line: String,
    code: Option<String>,
    before: String,
    before_sort: f64,
    after: String,
    after_sort: f64,
    matched_by: &'static str,
}

fn page(r: &DiffReport, flame: bool) -> Page {
    let (nb, nn) = (r.base_nodes.len(), r.new_nodes.len());
    let row = |label: String, function: &str, file: Option<&str>, c: &Change, base_nodes| Row {
        label,
        function: function.to_string(),
        short: short_name(function).to_string(),
        file: file.unwrap_or("—").to_string(),
        before: range(&c.base, &r.unit, base_nodes),
        before_sort: c.base.median,
        after: range(&c.new, &r.unit, nn),
        after_sort: c.new.median,
        change: change(c, &r.unit),
        change_sort: c.delta,
        noise: format!("±{}", value(c.noise, &r.unit)),
        status: status(c.status),
        status_class: class(c.status),
        status_sort: c.status as u8,
    };
    let site_row = |s: &SiteChange| {
        row(
            String::new(),
            &s.function,
            s.file.as_deref(),
            s.primary(),
            nb,
        )
    };
    let changed: Vec<&SiteChange> = r
        .sites
        .iter()
        .filter(|s| s.primary().status != Status::Unchanged)
        .collect();
    let totals: Vec<Row> = r
        .totals
        .iter()
        .map(|t| {
            let mut row = row(t.sample_type.clone(), "", None, t, nb);
            // The other sample types, in their own unit.
            let unit = unit_of(r, &t.sample_type);
            row.before = range(&t.base, unit, nb);
            row.after = range(&t.new, unit, nn);
            row.change = change(t, unit);
            row.noise = format!("±{}", value(t.noise, unit));
            row
        })
        .collect();
    let mut nav = vec![Nav::new("summary", "Summary")];
    if !r.recommendation_verdicts.is_empty() {
        nav.push(Nav::new("recommendations", "Recommendations"));
    }
    nav.push(Nav::new("flame", "Differential flame graph"));
    nav.push(Nav::new("sites", "Changed sites"));
    if !r.verdicts.is_empty() {
        nav.push(Nav::new("verdicts", "Earlier sites"));
    }
    if changed.iter().any(|s| !s.lines.is_empty()) {
        nav.push(Nav::new("lines", "Line by line"));
    }
    nav.push(Nav::new("method", "Method"));
    let names = |n: &[crate::NodeSummary]| {
        n.iter()
            .map(|n| n.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    Page {
        title: format!(
            "Before/after: {}, {} → {}",
            r.sample_types[0],
            nodes(nb, "base"),
            nodes(nn, "new")
        ),
        nav,
        sample_type: r.sample_types[0].clone(),
        total: row("total".into(), "", None, &r.totals[0], nb),
        gate: r.gate.as_ref().map(|g| Gate {
            failed: g.failed,
            text: if g.failed {
                let names: Vec<&str> = g.offenders.iter().map(|o| short_name(o)).collect();
                format!(
                    "Failed (--fail-on {}): grew more than {}% beyond noise: {}.",
                    g.percent,
                    g.percent,
                    names.join(", ")
                )
            } else {
                format!(
                    "Passed (--fail-on {}): nothing grew more than {}% beyond noise.",
                    g.percent, g.percent
                )
            },
        }),
        notes: notes(r, &changed),
        totals,
        changed: changed.iter().map(|s| site_row(s)).collect(),
        unchanged: r.sites.len() - changed.len(),
        verdicts: r
            .verdicts
            .iter()
            .map(|v| {
                row(
                    v.rank.to_string(),
                    &v.function,
                    v.file.as_deref(),
                    &v.change,
                    3,
                )
            })
            .collect(),
        recommendations: r
            .recommendation_verdicts
            .iter()
            .map(|v| Recommendation {
                priority: v.priority.clone(),
                change_text: v.change_text.clone(),
                rule: v.rule_id.clone(),
                sites: v
                    .site_ranks
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", "),
                row: row(String::new(), "", None, &v.change, 3),
            })
            .collect(),
        flame,
        lines: changed
            .iter()
            .enumerate()
            .filter(|(_, s)| !s.lines.is_empty())
            .map(|(i, s)| lines(r, s, i))
            .collect(),
        base_nodes: names(&r.base_nodes),
        new_nodes: names(&r.new_nodes),
        source_matched: r.source_matched,
    }
}

/// One sentence per changed site: what it saves or costs per node.
fn notes(r: &DiffReport, changed: &[&SiteChange]) -> Vec<String> {
    change_notes(r, changed)
        .into_iter()
        .map(|n| format!("{} is {}: {}", n.function, n.status, n.what))
        .collect()
}

fn lines(r: &DiffReport, s: &SiteChange, i: usize) -> Lines {
    Lines {
        anchor: format!("lines-{}", i + 1),
        short: short_name(&s.function).to_string(),
        status: status(s.primary().status),
        rows: s
            .lines
            .iter()
            .map(|l| Line {
                base_line: l.base_line.clone().unwrap_or_else(|| "—".into()),
                new_line: l.new_line.clone().unwrap_or_else(|| "—".into()),
                code: l.code.clone(),
                before: value(l.base, &r.unit),
                before_sort: l.base,
                after: value(l.new, &r.unit),
                after_sort: l.new,
                matched_by: matched_by(l.matched_by),
            })
            .collect(),
    }
}

fn nodes(n: usize, side: &str) -> String {
    if n == 1 {
        format!("1 {side} node")
    } else {
        format!("{n} {side} nodes")
    }
}

/// The unit of a sample type: the report gives the primary type's; Go's
/// other types are counts (`alloc_objects`), bytes (`inuse_space`) or
/// nanoseconds (`cpu`, `delay`).
fn unit_of<'a>(r: &'a DiffReport, sample_type: &str) -> &'a str {
    if sample_type == r.sample_types[0] {
        &r.unit
    } else if sample_type.ends_with("_space") || sample_type.ends_with("bytes") {
        "bytes"
    } else if matches!(sample_type, "cpu" | "delay") {
        "nanoseconds"
    } else {
        "count"
    }
}

/// The verdict's CSS class.
fn class(s: Status) -> &'static str {
    match s {
        Status::Fixed => "fixed",
        Status::Improved => "improved",
        Status::Unchanged => "unchanged",
        Status::Worse => "worse",
        Status::New => "new",
    }
}
