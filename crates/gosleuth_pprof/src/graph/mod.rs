//! The call graph pprof's reports are computed from.

mod build;
mod node;
mod trim;

pub use build::{Edge, Graph, Node};
pub use node::{Granularity, NodeInfo, NodeKeying};
pub use trim::{TrimOptions, TrimmedGraph, cutoff, sort_nodes, trimmed_graph};
