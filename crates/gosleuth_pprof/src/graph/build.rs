//! Builds the call graph from samples exactly as pprof's `graph.newGraph` does:
//! cumulative counted once per node per sample, flat on the leaf, edges marked
//! inline when the callee was inlined into the caller's location.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::node::{NodeInfo, NodeKeying};
use crate::model::Profile;

/// A graph node with its values and edges.
#[derive(Debug, Clone)]
pub struct Node {
    /// The node's key.
    pub info: NodeInfo,
    /// Value of samples whose leaf is this node.
    pub flat: i64,
    /// Value of samples with this node anywhere in the stack (counted once).
    pub cum: i64,
    /// Incoming edges: caller node index → edge index.
    pub in_edges: HashMap<usize, usize>,
    /// Outgoing edges: callee node index → edge index.
    pub out_edges: HashMap<usize, usize>,
}

/// A caller → callee edge.
#[derive(Debug, Clone)]
pub struct Edge {
    /// Caller node index.
    pub src: usize,
    /// Callee node index.
    pub dest: usize,
    /// Summed value of the samples that cross this edge.
    pub weight: i64,
    /// The edge skips nodes that were trimmed away.
    pub residual: bool,
    /// Every crossing of this edge was an inlined call.
    pub inline: bool,
}

/// The graph: all nodes ever created, and the visible ones in display order.
#[derive(Debug, Clone, Default)]
pub struct Graph {
    /// Every node (including ones with zero values).
    pub all: Vec<Node>,
    /// Every edge.
    pub edges: Vec<Edge>,
    /// Indices of visible nodes (non-zero), in display order once sorted.
    pub nodes: Vec<usize>,
    /// For each location index, its line nodes (innermost first); `None` where trimmed.
    pub location_nodes: Vec<Vec<Option<usize>>>,
}

impl Graph {
    /// Builds the graph of `values(sample)` over the profile, keeping only nodes
    /// in `kept` when given.
    pub fn build(
        p: &Profile,
        keying: &NodeKeying,
        value: &dyn Fn(&[i64]) -> i64,
        kept: Option<&HashSet<NodeInfo>>,
        drop_negative: bool,
    ) -> Graph {
        let mut g = Graph::default();
        let mut by_info: HashMap<NodeInfo, usize> = HashMap::default();
        for loc in &p.locations {
            let lines = keying.lines(loc);
            let infos: Vec<NodeInfo> = if lines.is_empty() {
                vec![keying.node_info(p, loc, None)]
            } else {
                lines
                    .iter()
                    .map(|l| keying.node_info(p, loc, Some(l)))
                    .collect()
            };
            let ids = infos
                .into_iter()
                .map(|info| {
                    if kept.is_some_and(|k| !k.contains(&info)) {
                        return None;
                    }
                    Some(*by_info.entry(info).or_insert_with_key(|info| {
                        g.all.push(Node {
                            info: info.clone(),
                            flat: 0,
                            cum: 0,
                            in_edges: HashMap::default(),
                            out_edges: HashMap::default(),
                        });
                        g.all.len() - 1
                    }))
                })
                .collect();
            g.location_nodes.push(ids);
        }
        g.add_samples(p, value);
        g.nodes = (0..g.all.len())
            .filter(|&i| {
                let n = &g.all[i];
                !(n.cum == 0 && n.flat == 0) && !(drop_negative && (n.flat < 0 || n.cum < 0))
            })
            .collect();
        g
    }

    fn add_samples(&mut self, p: &Profile, value: &dyn Fn(&[i64]) -> i64) {
        let mut seen_stamp = vec![usize::MAX; self.all.len()];
        let mut seen_edges: HashSet<(usize, usize)> = HashSet::default();
        let location_nodes = std::mem::take(&mut self.location_nodes);
        for (si, sample) in p.samples.iter().enumerate() {
            let w = value(&sample.values);
            if w == 0 {
                continue;
            }
            seen_edges.clear();
            let mut parent: Option<usize> = None;
            let mut residual = false;
            for &loc in sample.locations.iter().rev() {
                let loc_nodes = &location_nodes[loc];
                for (ni, n) in loc_nodes.iter().enumerate().rev() {
                    let Some(n) = *n else {
                        residual = true;
                        continue;
                    };
                    if seen_stamp[n] != si {
                        seen_stamp[n] = si;
                        self.all[n].cum = self.all[n].cum.wrapping_add(w);
                    }
                    if let Some(par) = parent
                        && par != n
                        && seen_edges.insert((n, par))
                    {
                        let inline = ni != loc_nodes.len() - 1;
                        self.add_to_edge(par, n, w, residual, inline);
                    }
                    parent = Some(n);
                    residual = false;
                }
            }
            if let Some(leaf) = parent
                && !residual
            {
                self.all[leaf].flat = self.all[leaf].flat.wrapping_add(w);
            }
        }
        self.location_nodes = location_nodes;
    }

    fn add_to_edge(&mut self, src: usize, dest: usize, w: i64, residual: bool, inline: bool) {
        if let Some(&e) = self.all[src].out_edges.get(&dest) {
            let edge = &mut self.edges[e];
            edge.weight = edge.weight.wrapping_add(w);
            edge.residual |= residual;
            edge.inline &= inline;
            return;
        }
        self.edges.push(Edge {
            src,
            dest,
            weight: w,
            residual,
            inline,
        });
        let e = self.edges.len() - 1;
        self.all[src].out_edges.insert(dest, e);
        self.all[dest].in_edges.insert(src, e);
    }

    /// Sum of flat values over the visible nodes.
    pub fn flat_total(&self) -> i64 {
        self.nodes
            .iter()
            .fold(0i64, |sum, &i| sum.wrapping_add(self.all[i].flat))
    }

    /// Removes edges lighter than `cutoff` (pprof's `TrimLowFrequencyEdges`);
    /// returns how many were removed.
    pub fn trim_low_frequency_edges(&mut self, cutoff: i64) -> usize {
        let mut dropped = 0;
        for &n in &self.nodes {
            let light: Vec<(usize, usize)> = self.all[n]
                .in_edges
                .iter()
                .filter(|&(_, &e)| self.edges[e].weight.wrapping_abs() < cutoff)
                .map(|(&src, &e)| (src, e))
                .collect();
            for (src, _) in &light {
                self.all[n].in_edges.remove(src);
                self.all[*src].out_edges.remove(&n);
            }
            dropped += light.len();
        }
        dropped
    }
}
