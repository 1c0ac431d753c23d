//! Rates per minute: nodes whose profiles cover windows of different lengths
//! (`allocs?seconds=N` with different N) compare only once each node's value
//! is divided by its own window.

use crate::model::{NodeSummary, Range, Windows};

/// Each node's window in minutes, when every node records one.
#[derive(Debug, Clone, Default)]
pub(crate) struct Minutes(Option<Vec<f64>>);

impl Minutes {
    pub(crate) fn of(nodes: &[NodeSummary]) -> Minutes {
        Minutes(
            nodes
                .iter()
                .map(|n| n.duration_seconds.filter(|s| *s > 0.0).map(|s| s / 60.0))
                .collect(),
        )
    }

    /// The range of per-node values each divided by its node's window.
    pub(crate) fn range(&self, per_node: &[f64]) -> Option<Range> {
        let minutes = self.0.as_ref()?;
        let rates: Vec<f64> = per_node.iter().zip(minutes).map(|(v, m)| v / m).collect();
        Some(Range::of(&rates))
    }
}

/// Windows within this fraction of each other are the same: `?seconds=4`
/// records 4.0019 s on one node and 4.0021 s on the next.
const SAME_WINDOW: f64 = 0.01;

/// Whether the windows are known, and equal.
pub(crate) fn windows(nodes: &[NodeSummary]) -> Windows {
    let known: Vec<f64> = nodes.iter().filter_map(|n| n.duration_seconds).collect();
    if known.is_empty() {
        Windows::Unknown
    } else if known.len() < nodes.len() {
        Windows::Partial
    } else if known
        .iter()
        .all(|d| (d - known[0]).abs() <= known[0] * SAME_WINDOW)
    {
        Windows::Equal
    } else {
        Windows::Differ
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(duration_seconds: Option<f64>) -> NodeSummary {
        NodeSummary {
            name: "n".into(),
            total: 0.0,
            duration_seconds,
            total_per_minute: None,
        }
    }

    #[test]
    fn rates_divide_by_each_nodes_window() {
        let nodes = [node(Some(30.0)), node(Some(120.0))];
        assert_eq!(windows(&nodes), Windows::Differ);
        let r = Minutes::of(&nodes).range(&[10.0, 10.0]).unwrap();
        assert_eq!((r.min, r.max), (5.0, 20.0));
        let partial = [node(Some(30.0)), node(None)];
        assert_eq!(windows(&partial), Windows::Partial);
        assert!(Minutes::of(&partial).range(&[1.0, 1.0]).is_none());
        assert_eq!(windows(&[node(None)]), Windows::Unknown);
        assert_eq!(
            windows(&[node(Some(5.0)), node(Some(5.01))]),
            Windows::Equal
        );
    }
}
