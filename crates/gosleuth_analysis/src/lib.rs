//! gosleuth's analyses: decoded profiles joined with the Go source index into
//! a report model of plain data, which renderers turn into Markdown, text or JSON.
#![deny(missing_docs)]

mod analyze;
mod bench;
mod error;
mod model;
pub mod render;

pub use analyze::{AnalyzeOptions, NodeInput, analyze};
pub use bench::{BenchSkeleton, bench_skeleton};
pub use error::{Error, Result};
pub use model::{
    AllocLine, AnalyzeReport, Caller, Category, CategoryRow, Hub, NodeSummary, PoolAttribution,
    Range, SCHEMA_VERSION, Site, SourceCoverage,
};
