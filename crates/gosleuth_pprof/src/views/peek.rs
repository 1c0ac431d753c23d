//! `peek`: callers and callees of the functions matching a regexp, as
//! `go tool pprof -peek REGEX` prints them.

use std::fmt::Write as _;

use regex::Regex;

use super::labels::{LabelledGraph, labelled_graph};
use crate::error::{Error, Result};
use crate::graph::{Edge, Graph};
use crate::measurement::{percentage, scaled_label};
use crate::report::Prepared;

const SEPARATOR: &str = "----------------------------------------------------------+-------------";
const LEGEND: &str = "      flat  flat%   sum%        cum   cum%   calls calls% + context \t \t ";

/// Renders `peek` for the nodes whose printable names match `symbol`.
pub fn render_peek(rpt: &Prepared, symbol: &Regex) -> Result<String> {
    let LabelledGraph {
        graph: g,
        unit,
        labels,
    } = labelled_graph(rpt, false);
    let g = &g;
    let format = |v: i64| scaled_label(v, &rpt.sample_unit, &unit);
    let mut out = labels.join("\n");
    out.push('\n');
    let _ = writeln!(out, "{SEPARATOR}\n{LEGEND}");
    let names: Vec<String> = g.all.iter().map(|n| n.info.printable_name()).collect();
    let mut flat_sum = 0i64;
    let mut matched = 0;
    for &i in &g.nodes {
        let n = &g.all[i];
        if !symbol.is_match(&names[i]) {
            continue;
        }
        matched += 1;
        let _ = writeln!(out, "{SEPARATOR}");
        for e in sorted_edges(g, n.in_edges.values().copied(), &names) {
            let _ = writeln!(
                out,
                "{:>50} {} |   {}{}",
                format(e.weight),
                percentage(e.weight, n.cum),
                names[e.src],
                inline(e)
            );
        }
        flat_sum = flat_sum.wrapping_add(n.flat);
        let _ = writeln!(
            out,
            "{:>10} {} {} {:>10} {}                | {}",
            format(n.flat),
            percentage(n.flat, rpt.total),
            percentage(flat_sum, rpt.total),
            format(n.cum),
            percentage(n.cum, rpt.total),
            names[i]
        );
        for e in sorted_edges(g, n.out_edges.values().copied(), &names) {
            let _ = writeln!(
                out,
                "{:>50} {} |   {}{}",
                format(e.weight),
                percentage(e.weight, n.cum),
                names[e.dest],
                inline(e)
            );
        }
    }
    if !g.nodes.is_empty() {
        let _ = writeln!(out, "{SEPARATOR}");
    }
    if matched == 0 {
        return Err(Error::Invalid(format!(
            "no matches found for regexp: {symbol}"
        )));
    }
    Ok(out)
}

fn inline(e: &Edge) -> &'static str {
    if e.inline { " (inline)" } else { "" }
}

/// pprof's `EdgeMap.Sort`: weight descending, then caller name, then callee name.
fn sorted_edges<'g>(
    g: &'g Graph,
    edges: impl Iterator<Item = usize>,
    names: &[String],
) -> Vec<&'g Edge> {
    let mut v: Vec<&Edge> = edges.map(|e| &g.edges[e]).collect();
    v.sort_by(|a, b| {
        let by_weight = if a.weight == b.weight {
            std::cmp::Ordering::Equal
        } else {
            b.weight.wrapping_abs().cmp(&a.weight.wrapping_abs())
        };
        by_weight
            .then_with(|| names[a.src].cmp(&names[b.src]))
            .then_with(|| names[a.dest].cmp(&names[b.dest]))
    });
    v
}
