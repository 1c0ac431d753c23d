//! `top`: pprof's flat text report (`-top` / `-text`), byte for byte.

use std::fmt::Write as _;

use super::labels::{LabelledGraph, labelled_graph};
use crate::measurement::{percentage, scaled_label};
use crate::report::Prepared;

/// One row of the top table.
#[derive(Debug, Clone, PartialEq)]
pub struct TopRow {
    /// pprof's printable node name.
    pub name: String,
    /// `(inline)`, `(partial-inline)` or empty.
    pub inline_label: &'static str,
    /// Flat value.
    pub flat: i64,
    /// Cumulative value.
    pub cum: i64,
}

/// The top table: its header labels, rows and the unit values print in.
#[derive(Debug, Clone)]
pub struct TopTable {
    /// Header lines.
    pub labels: Vec<String>,
    /// Rows in display order.
    pub rows: Vec<TopRow>,
    /// The unit every value is printed in.
    pub unit: String,
}

/// Computes pprof's `TextItems`.
pub fn top_table(rpt: &Prepared) -> TopTable {
    let LabelledGraph {
        graph: g,
        unit,
        labels,
    } = labelled_graph(rpt, true);
    let g = &g;
    let rows = g
        .nodes
        .iter()
        .map(|&i| {
            let n = &g.all[i];
            let inline = n.in_edges.values().any(|&e| g.edges[e].inline);
            let not_inline = n.in_edges.values().any(|&e| !g.edges[e].inline);
            let inline_label = match (inline, not_inline) {
                (true, true) => "(partial-inline)",
                (true, false) => "(inline)",
                _ => "",
            };
            TopRow {
                name: n.info.printable_name(),
                inline_label,
                flat: n.flat,
                cum: n.cum,
            }
        })
        .collect();
    TopTable { labels, rows, unit }
}

/// Renders `top` exactly as `go tool pprof -top` prints it.
pub fn render_top(rpt: &Prepared) -> String {
    let table = top_table(rpt);
    let format = |v: i64| scaled_label(v, &rpt.sample_unit, &table.unit);
    let mut out = String::new();
    out.push_str(&table.labels.join("\n"));
    out.push('\n');
    let _ = writeln!(
        out,
        "{:>10} {:>5}% {:>5}% {:>10} {:>5}%",
        "flat", "flat", "sum", "cum", "cum"
    );
    let mut flat_sum = 0i64;
    for row in &table.rows {
        flat_sum = flat_sum.wrapping_add(row.flat);
        let inl = if row.inline_label.is_empty() {
            String::new()
        } else {
            format!(" {}", row.inline_label)
        };
        let _ = writeln!(
            out,
            "{:>10} {} {} {:>10} {}  {}{}",
            format(row.flat),
            percentage(row.flat, rpt.total),
            percentage(flat_sum, rpt.total),
            format(row.cum),
            percentage(row.cum, rpt.total),
            row.name,
            inl
        );
    }
    out
}
