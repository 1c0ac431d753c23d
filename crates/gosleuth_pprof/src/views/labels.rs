//! The header lines of pprof's text reports (`ProfileLabels`, `reportLabels`).

use crate::gopath;
use crate::measurement;
use crate::report::Prepared;

/// pprof's `ProfileLabels`: File, Build ID, comments, Type, Doc, Time, Duration.
pub fn profile_labels(rpt: &Prepared, format: &dyn Fn(i64) -> String) -> Vec<String> {
    let p = &rpt.profile;
    let mut out = Vec::new();
    if let Some(m) = p.mappings.first() {
        if !m.file.is_empty() {
            out.push(format!("File: {}", gopath::base(&m.file)));
        }
        if !m.build_id.is_empty() {
            out.push(format!("Build ID: {}", m.build_id));
        }
    }
    out.extend(p.comments.iter().filter(|c| !c.starts_with('#')).cloned());
    if !rpt.sample_type.is_empty() {
        out.push(format!("Type: {}", rpt.sample_type));
    }
    if !p.doc_url.is_empty() {
        out.push(format!("Doc: {}", p.doc_url));
    }
    if p.time_nanos != 0 {
        out.push(format!("Time: {}", local_time(p.time_nanos)));
    }
    if p.duration_nanos != 0 {
        let duration = measurement::label(p.duration_nanos, "nanoseconds");
        let (total_nanos, unit) = measurement::scale(rpt.total, &rpt.sample_unit, "nanoseconds");
        let ratio = if unit == "ns" && total_nanos != 0.0 {
            #[expect(
                clippy::cast_possible_truncation,
                reason = "pprof truncates to int64 the same way"
            )]
            let nanos = total_nanos as i64;
            format!("({})", measurement::percentage(nanos, p.duration_nanos))
        } else {
            String::new()
        };
        out.push(format!(
            "Duration: {duration}, Total samples = {} {ratio}",
            format(rpt.total)
        ));
    }
    out
}

/// Go's `time.Unix(0, n).Format("2006-01-02 15:04:05 MST")` in the local zone.
fn local_time(nanos: i64) -> String {
    let Ok(ts) = jiff::Timestamp::from_nanosecond(i128::from(nanos)) else {
        return nanos.to_string();
    };
    let zoned = ts.to_zoned(jiff::tz::TimeZone::system());
    zoned.strftime("%Y-%m-%d %H:%M:%S %Z").to_string()
}

/// What a trimmed report shows, for its legend.
#[derive(Debug, Clone, Copy)]
pub struct Shown {
    /// Σ flat of the shown nodes.
    pub total: i64,
    /// Number of shown nodes.
    pub node_count: usize,
    /// Nodes after the node-fraction pass.
    pub orig_count: usize,
    /// Nodes dropped by the node-fraction pass.
    pub dropped_nodes: usize,
}

/// pprof's `reportLabels` for text reports.
pub fn report_labels(rpt: &Prepared, shown: Shown, format: &dyn Fn(i64) -> String) -> Vec<String> {
    let mut out = if rpt.options.compact_labels {
        Vec::new()
    } else {
        profile_labels(rpt, format)
    };
    let active = rpt.options.filter_text.active();
    if !active.is_empty() {
        out.push("Active filters:".to_string());
        out.extend(
            active
                .into_iter()
                .map(|s| format!("   {}", truncate_filter(&s))),
        );
    }
    out.push(format!(
        "Showing nodes accounting for {}, {} of {} total",
        format(shown.total),
        measurement::percentage(shown.total, rpt.total).trim(),
        format(rpt.total)
    ));
    if rpt.total != 0 {
        if shown.dropped_nodes > 0 {
            let cut = crate::graph::cutoff(rpt.total, rpt.options.node_fraction);
            let noun = if shown.dropped_nodes > 1 {
                "nodes"
            } else {
                "node"
            };
            out.push(format!(
                "Dropped {} {noun} (cum <= {})",
                shown.dropped_nodes,
                format(cut)
            ));
        }
        if shown.node_count > 0 && shown.node_count < shown.orig_count {
            out.push(format!(
                "Showing top {} nodes out of {}",
                shown.node_count, shown.orig_count
            ));
        }
    }
    out
}

/// pprof cuts each filter to 80 bytes (it slices bytes; we stay on a char boundary).
fn truncate_filter(s: &str) -> String {
    if s.len() <= 80 {
        return s.to_string();
    }
    let mut end = 80;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &s[..end])
}

/// A trimmed graph with the unit its values print in and its header lines:
/// what pprof's `TextItems` and `printTree` share (`trim` false for `peek`).
pub(crate) struct LabelledGraph {
    /// The trimmed graph.
    pub(crate) graph: crate::graph::Graph,
    /// The unit every value prints in.
    pub(crate) unit: String,
    /// The header lines.
    pub(crate) labels: Vec<String>,
}

pub(crate) fn labelled_graph(rpt: &Prepared, trim: bool) -> LabelledGraph {
    let t = crate::graph::trimmed_graph(
        &rpt.profile,
        &rpt.keying(false),
        &|v| rpt.value(v),
        rpt.trim_options(0, trim),
    );
    let g = t.graph;
    let unit = rpt.output_unit(g.nodes.iter().map(|&i| (g.all[i].flat, g.all[i].cum)));
    let format = |v: i64| measurement::scaled_label(v, &rpt.sample_unit, &unit);
    let shown = Shown {
        total: g.flat_total(),
        node_count: g.nodes.len(),
        orig_count: t.orig_count,
        dropped_nodes: t.dropped_nodes,
    };
    let labels = report_labels(rpt, shown, &format);
    LabelledGraph {
        graph: g,
        unit,
        labels,
    }
}
