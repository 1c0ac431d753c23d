//! pprof's `newTrimmedGraph` and node ordering: drop nodes under the node
//! fraction, keep the top `nodecount`, rebuilding from samples at each step so
//! that values stay exact.

use rustc_hash::FxHashSet as HashSet;
use std::cmp::Ordering;

use super::build::{Graph, Node};
use super::node::{NodeInfo, NodeKeying};
use crate::model::Profile;

/// Trimming knobs (pprof's `-nodecount`, `-nodefraction`, `-edgefraction`, `-cum`).
#[derive(Debug, Clone, Copy)]
pub struct TrimOptions {
    /// Keep at most this many nodes (0: no limit).
    pub node_count: usize,
    /// Drop nodes whose |cum| is below this fraction of the total.
    pub node_fraction: f64,
    /// Drop edges whose |weight| is below this fraction of the total.
    pub edge_fraction: f64,
    /// Sort by cumulative instead of flat value.
    pub cum_sort: bool,
    /// Drop nodes with negative values.
    pub drop_negative: bool,
}

/// A trimmed, sorted graph and what trimming did.
#[derive(Debug)]
pub struct TrimmedGraph {
    /// The graph; `graph.nodes` is in display order.
    pub graph: Graph,
    /// Node count after the node-fraction pass.
    pub orig_count: usize,
    /// Nodes dropped by the node-fraction pass.
    pub dropped_nodes: usize,
}

/// Builds and trims the graph as pprof's text reports do.
pub fn trimmed_graph(
    p: &Profile,
    keying: &NodeKeying,
    value: &dyn Fn(&[i64]) -> i64,
    o: TrimOptions,
) -> TrimmedGraph {
    let build =
        |kept: Option<&HashSet<NodeInfo>>| Graph::build(p, keying, value, kept, o.drop_negative);
    let mut g = build(None);
    let total = g.flat_total();
    let node_cutoff = cutoff(total, o.node_fraction);
    let edge_cutoff = cutoff(total, o.edge_fraction);
    let mut dropped_nodes = 0;
    if node_cutoff > 0 {
        let kept: HashSet<NodeInfo> = g
            .nodes
            .iter()
            .map(|&i| &g.all[i])
            .filter(|n| n.cum.wrapping_abs() >= node_cutoff)
            .map(|n| n.info.clone())
            .collect();
        if kept.len() != g.nodes.len() {
            dropped_nodes = g.nodes.len() - kept.len();
            g = build(Some(&kept));
        }
    }
    let orig_count = g.nodes.len();
    sort_nodes(&mut g, o.cum_sort);
    if o.node_count > 0 {
        g.trim_low_frequency_edges(edge_cutoff);
        if o.node_count < g.nodes.len() {
            let kept: HashSet<NodeInfo> = g.nodes[..o.node_count]
                .iter()
                .map(|&i| g.all[i].info.clone())
                .collect();
            g = build(Some(&kept));
            sort_nodes(&mut g, o.cum_sort);
        }
    }
    g.trim_low_frequency_edges(edge_cutoff);
    TrimmedGraph {
        graph: g,
        orig_count,
        dropped_nodes,
    }
}

/// pprof's `abs64(int64(float64(total) * fraction))`.
pub fn cutoff(total: i64, fraction: f64) -> i64 {
    #[expect(
        clippy::cast_precision_loss,
        clippy::cast_possible_truncation,
        reason = "pprof's float64 arithmetic"
    )]
    let c = (total as f64 * fraction) as i64;
    c.wrapping_abs()
}

/// Sorts visible nodes by pprof's `FlatNameOrder` or `CumNameOrder`.
pub fn sort_nodes(g: &mut Graph, cum: bool) {
    let names: Vec<String> = g.all.iter().map(|n| n.info.printable_name()).collect();
    let all = &g.all;
    g.nodes
        .sort_by(|&l, &r| compare(&all[l], &all[r], &names[l], &names[r], cum));
}

fn compare(l: &Node, r: &Node, lname: &str, rname: &str, cum: bool) -> Ordering {
    let (lk, rk) = if cum {
        (l.cum, r.cum)
    } else {
        (l.flat, r.flat)
    };
    let (ls, rs) = if cum {
        (l.flat, r.flat)
    } else {
        (l.cum, r.cum)
    };
    rk.wrapping_abs()
        .cmp(&lk.wrapping_abs())
        .then_with(|| compare_printable(&l.info, &r.info, lname, rname))
        .then_with(|| rs.wrapping_abs().cmp(&ls.wrapping_abs()))
        .then_with(|| l.info.go_sprint().cmp(&r.info.go_sprint()))
}

/// pprof's `comparePrintableName`: addresses numerically, else by printable name.
fn compare_printable(l: &NodeInfo, r: &NodeInfo, lname: &str, rname: &str) -> Ordering {
    if l == r {
        return Ordering::Equal;
    }
    if l.address != 0 && r.address != 0 && l.address != r.address {
        return l.address.cmp(&r.address);
    }
    lname.cmp(rname)
}
