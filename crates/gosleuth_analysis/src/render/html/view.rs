//! What the page template reads: the report's figures already formatted for
//! people, with the raw numbers beside them for sorting. Strings here are
//! plain text; the template escapes every one of them.

use serde::Serialize;

use super::super::format::{category, per_minute, percent, range, short_name, value};
use super::super::recommendations as recs;
use super::chart::{self, Chart};
use super::dive::{self, Dive};
use crate::model::{AnalyzeReport, Range};

/// The whole page.
#[derive(Serialize)]
pub(super) struct Page {
    pub(super) title: String,
    pub(super) sample_type: String,
    pub(super) nodes_label: String,
    pub(super) total: String,
    pub(super) summary: Vec<SummaryRow>,
    pub(super) hub_note: Option<HubNote>,
    pub(super) recommendations: Vec<RecRow>,
    pub(super) sites: Vec<SiteRow>,
    pub(super) chart: Option<Chart>,
    pub(super) dives: Vec<Dive>,
    pub(super) hubs: Vec<HubRow>,
    pub(super) verify: String,
    pub(super) nodes: Vec<NodeRow>,
    pub(super) resolved: usize,
    pub(super) frames: usize,
    pub(super) unresolved: Vec<String>,
    pub(super) flame_stacks: usize,
}

#[derive(Serialize)]
pub(super) struct SummaryRow {
    category: String,
    ranks: Vec<Rank>,
    value: String,
    median: Option<String>,
    sort: f64,
    root_cause: String,
}

/// A rank that links to its deep dive.
#[derive(Serialize)]
struct Rank {
    rank: usize,
    anchor: String,
}

/// A prioritized recommendation.
#[derive(Serialize)]
pub(super) struct RecRow {
    priority: String,
    change: String,
    rule: String,
    effort: String,
    targets: String,
    saving: String,
    saving_sort: f64,
}

#[derive(Serialize)]
pub(super) struct HubNote {
    function: String,
    cum: String,
    own: String,
}

#[derive(Serialize)]
pub(super) struct SiteRow {
    rank: usize,
    anchor: String,
    short: String,
    function: String,
    place: String,
    flat: String,
    flat_median: Option<String>,
    flat_sort: f64,
    share: String,
    share_sort: f64,
    cum: String,
    cum_median: Option<String>,
    cum_sort: f64,
    category: String,
}

#[derive(Serialize)]
pub(super) struct HubRow {
    short: String,
    function: String,
    cum: String,
    cum_sort: f64,
    own: String,
    own_sort: f64,
    children: String,
}

#[derive(Serialize)]
pub(super) struct NodeRow {
    name: String,
    total: String,
    total_sort: f64,
    window: String,
    window_sort: f64,
}

/// Builds the page's data from the report.
pub(super) fn page(r: &AnalyzeReport) -> Page {
    let n = r.nodes.len();
    let nodes_label = if n == 1 {
        "one profile".to_string()
    } else {
        format!("{n} nodes")
    };
    Page {
        title: format!(
            "Allocation analysis: {} across {nodes_label}",
            r.sample_type
        ),
        sample_type: r.sample_type.clone(),
        total: match per_minute(r.total_per_minute.as_ref(), &r.unit, n) {
            Some(m) => format!("{} ({m})", range(&r.total, &r.unit, n)),
            None => range(&r.total, &r.unit, n),
        },
        nodes_label,
        summary: r
            .summary
            .iter()
            .map(|row| SummaryRow {
                category: category(row.category).to_string(),
                ranks: row
                    .ranks
                    .iter()
                    .map(|&rank| Rank {
                        rank,
                        anchor: dive::anchor(rank),
                    })
                    .collect(),
                value: span(&row.value, &r.unit),
                median: median(&row.value, &r.unit, n),
                sort: row.value.median,
                root_cause: row.root_cause.clone(),
            })
            .collect(),
        recommendations: r
            .recommendations
            .iter()
            .map(|rec| RecRow {
                priority: recs::priority(rec.priority).to_string(),
                change: rec.change.clone(),
                rule: rec.rule_id.clone(),
                effort: rec.effort.clone(),
                targets: recs::targets(rec),
                saving: recs::saving(r, rec),
                saving_sort: rec.saving.median,
            })
            .collect(),
        hub_note: r.hubs.first().map(|h| HubNote {
            function: short_name(&h.function).to_string(),
            cum: percent(&h.cum_percent),
            own: percent(&h.flat_percent),
        }),
        sites: r
            .sites
            .iter()
            .map(|s| SiteRow {
                rank: s.rank,
                anchor: dive::anchor(s.rank),
                short: short_name(&s.function).to_string(),
                function: s.function.clone(),
                place: dive::place(s),
                flat: span(&s.flat, &r.unit),
                flat_median: median(&s.flat, &r.unit, n),
                flat_sort: s.flat.median,
                share: percent(&s.share_percent),
                share_sort: s.share_percent.median,
                cum: span(&s.cum, &r.unit),
                cum_median: median(&s.cum, &r.unit, n),
                cum_sort: s.cum.median,
                category: category(s.category).to_string(),
            })
            .collect(),
        chart: (n > 1).then(|| chart::ranges(r)),
        dives: r.sites.iter().map(|s| dive::dive(r, s)).collect(),
        hubs: r
            .hubs
            .iter()
            .map(|h| HubRow {
                short: short_name(&h.function).to_string(),
                function: h.function.clone(),
                cum: percent(&h.cum_percent),
                cum_sort: h.cum_percent.median,
                own: percent(&h.flat_percent),
                own_sort: h.flat_percent.median,
                children: h
                    .children
                    .iter()
                    .map(|(c, share)| format!("{} {share:.0}%", short_name(c)))
                    .collect::<Vec<_>>()
                    .join(", "),
            })
            .collect(),
        verify: format!(
            "gosleuth diff --base {} -- NEW_PROFILES…",
            r.nodes
                .iter()
                .map(|n| n.name.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        ),
        nodes: r
            .nodes
            .iter()
            .map(|node| NodeRow {
                name: node.name.clone(),
                total: value(node.total, &r.unit),
                total_sort: node.total,
                window: node.duration_seconds.map_or("—".into(), |d| {
                    let rate = node.total_per_minute.map(|m| value(m, &r.unit));
                    rate.map_or(format!("{d:.1} s"), |m| format!("{d:.1} s ({m}/min)"))
                }),
                window_sort: node.duration_seconds.unwrap_or(0.0),
            })
            .collect(),
        resolved: r.source.resolved,
        frames: r.source.frames,
        unresolved: r.source.unresolved.clone(),
        flame_stacks: r.flame.len(),
    }
}

/// A range for a table cell: one figure, or `min–max`; the median goes on a
/// line of its own (see [`median`]) so that columns stay narrow.
fn span(r: &Range, unit: &str) -> String {
    if r.is_single() {
        value(r.min, unit)
    } else {
        format!("{}–{}", value(r.min, unit), value(r.max, unit))
    }
}

/// `median X` from three nodes on, when the nodes differ.
fn median(r: &Range, unit: &str, nodes: usize) -> Option<String> {
    (nodes >= 3 && !r.is_single()).then(|| format!("median {}", value(r.median, unit)))
}
