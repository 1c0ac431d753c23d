//! One deep dive: the site's facts, its source with per-line heat, its
//! allocating lines and its callers.

use serde::Serialize;

use super::super::format::{category, percent, range, short_name, size_bytes, value};
use crate::model::{AnalyzeReport, Site};

/// Heat levels of a source line: 0 (nothing sampled) to `HEAT_LEVELS`.
const HEAT_LEVELS: f64 = 5.0;

#[derive(Serialize)]
pub(super) struct Dive {
    rank: usize,
    anchor: String,
    short: String,
    function: String,
    flat: String,
    place: String,
    share: String,
    category: String,
    reason: String,
    pool: Option<Pool>,
    findings: Vec<FindingRow>,
    source: Vec<SourceRow>,
    lines: Vec<LineRow>,
    sizes: Vec<SizeRow>,
    sizes_note: String,
    callers: Vec<CallerRow>,
    value_header: String,
    objects_header: String,
}

/// A rule hit on the site's code.
#[derive(Serialize)]
struct FindingRow {
    rule: String,
    slug: String,
    place: String,
    message: String,
}

#[derive(Serialize)]
struct Pool {
    pool: String,
    place: String,
    size: Option<String>,
    puts: String,
}

#[derive(Serialize)]
struct SourceRow {
    line: i64,
    code: String,
    value: String,
    heat: u8,
    gap_before: bool,
}

#[derive(Serialize)]
struct LineRow {
    line: i64,
    code: Option<String>,
    value: String,
    value_sort: f64,
    objects: String,
    objects_sort: f64,
    average: String,
    average_sort: f64,
}

/// One object size of the site (from the `bytes` label).
#[derive(Serialize)]
struct SizeRow {
    size: String,
    size_sort: i64,
    objects: String,
    objects_sort: f64,
    bytes: String,
    bytes_sort: f64,
    share: String,
    share_sort: f64,
}

#[derive(Serialize)]
struct CallerRow {
    short: String,
    function: String,
    place: String,
    share: String,
    share_sort: f64,
    via: String,
}

/// The id of a site's deep dive.
pub(super) fn anchor(rank: usize) -> String {
    format!("site-{rank}")
}

/// `file:line` of a site's declaration, or why there is none.
pub(super) fn place(s: &Site) -> String {
    match (&s.file, s.decl_line) {
        (Some(f), Some(l)) => format!("{f}:{l}"),
        (Some(f), None) => f.clone(),
        _ => "not found under the source roots".to_string(),
    }
}

pub(super) fn dive(r: &AnalyzeReport, s: &Site) -> Dive {
    let n = r.nodes.len();
    let all = if n > 1 { " (all nodes)" } else { "" };
    Dive {
        rank: s.rank,
        anchor: anchor(s.rank),
        short: short_name(&s.function).to_string(),
        function: s.function.clone(),
        flat: range(&s.flat, &r.unit, n),
        place: place(s),
        share: percent(&s.share_percent),
        category: category(s.category).to_string(),
        reason: s.reason.clone(),
        findings: s
            .findings
            .iter()
            .map(|f| FindingRow {
                rule: f.rule_id.clone(),
                slug: f.rule_slug.clone(),
                place: format!("{}:{}", f.file, f.line),
                message: f.message.clone(),
            })
            .collect(),
        pool: s.pool.as_ref().map(|p| Pool {
            pool: p.pool.clone(),
            place: format!("{}:{}", p.file, p.line),
            size: p.object_size.map(|v| value(v, &r.unit)),
            puts: p.puts.join(", "),
        }),
        source: source_rows(s, &r.unit),
        lines: s
            .lines
            .iter()
            .map(|l| LineRow {
                line: l.line,
                code: l.code.clone(),
                value: value(l.value, &r.unit),
                value_sort: l.value,
                objects: l.objects.map_or("—".into(), |o| value(o, "count")),
                objects_sort: l.objects.unwrap_or(0.0),
                average: l.average_size.map_or("—".into(), |a| value(a, &r.unit)),
                average_sort: l.average_size.unwrap_or(0.0),
            })
            .collect(),
        sizes: size_rows(s),
        sizes_note: s.object_sizes.as_ref().map_or_else(String::new, |z| {
            format!(
                "From the profile's bytes label{all}: {} distinct size{}, the heaviest shown; a stack allocating several sizes shows their mean.",
                z.distinct,
                if z.distinct == 1 { "" } else { "s" }
            )
        }),
        callers: s
            .callers
            .iter()
            .map(|c| CallerRow {
                short: short_name(&c.function).to_string(),
                function: c.function.clone(),
                place: format!("{}:{}", c.file, c.line),
                share: format!("{:.1}%", c.share_percent),
                share_sort: c.share_percent,
                via: c
                    .via
                    .as_deref()
                    .and_then(|v| v.split_once(" at "))
                    .map(|(f, at)| format!("{} at {at}", short_name(f)))
                    .unwrap_or_default(),
            })
            .collect(),
        value_header: format!("{}{all}", r.sample_type),
        objects_header: format!("Objects{all}"),
    }
}

fn size_rows(s: &Site) -> Vec<SizeRow> {
    let Some(z) = &s.object_sizes else {
        return Vec::new();
    };
    z.top
        .iter()
        .map(|x| SizeRow {
            size: size_bytes(x.size),
            size_sort: x.size,
            objects: format!("{} ({:.0}%)", value(x.objects, "count"), x.objects_percent),
            objects_sort: x.objects,
            bytes: value(x.bytes, "bytes"),
            bytes_sort: x.bytes,
            share: format!("{:.1}%", x.bytes_percent),
            share_sort: x.bytes_percent,
        })
        .collect()
}

/// The source window with a heat level per line relative to the site's
/// heaviest line, and a mark where lines were left out.
fn source_rows(s: &Site, unit: &str) -> Vec<SourceRow> {
    let max = s.source_window.iter().map(|l| l.value).fold(0.0, f64::max);
    let mut prev: Option<i64> = None;
    s.source_window
        .iter()
        .map(|l| {
            let heat = if max > 0.0 && l.value > 0.0 {
                (l.value / max * HEAT_LEVELS).ceil().clamp(1.0, HEAT_LEVELS) as u8
            } else {
                0
            };
            let row = SourceRow {
                line: l.line,
                code: l.code.clone(),
                value: if l.value > 0.0 {
                    value(l.value, unit)
                } else {
                    String::new()
                },
                heat,
                gap_before: prev.is_some_and(|p| l.line > p + 1),
            };
            prev = Some(l.line);
            row
        })
        .collect()
}
