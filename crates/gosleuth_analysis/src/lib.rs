//! gosleuth's analyses: decoded profiles joined with the Go source index into
//! a report model of plain data, which renderers turn into Markdown, text or JSON.
#![deny(missing_docs)]

mod analyze;
mod audit_weight;
mod bench;
mod connmem;
mod diff;
mod error;
mod goroutines;
mod model;
pub mod render;
mod slow;

pub use analyze::{AnalyzeOptions, NodeInput, analyze};
pub use audit_weight::weigh_audit;
pub use bench::{BenchSkeleton, bench_skeleton};
pub use connmem::model::{
    CONNMEM_SCHEMA_VERSION, CaptureModel, ConnmemReport, GoroutineGroup, MemStatsUsed,
    PairMarginal, Part, PartItem, PartKind, Projection, Sampling, WhatIfResult,
};
pub use connmem::{CaptureInput, ConnmemOptions, Varz, connmem, parse_varz};
pub use diff::model::{
    Change, DIFF_SCHEMA_VERSION, DiffReport, Gate, LineChange, LineMatch, RecommendationVerdict,
    SiteChange, Status, Verdict,
};
pub use diff::{Baseline, BaselineRecommendation, BaselineSite, DiffOptions, diff};
pub use error::{Error, Result};
pub use goroutines::model::{
    CodeSite, DumpFormat, DumpSummary, GOROUTINES_SCHEMA_VERSION, GoroutinesReport, Group,
    GroupKind, Growth, LeakFinding, SiteCount, StateCount,
};
pub use goroutines::{DumpData, DumpInput, GoroutinesOptions, goroutines};
pub use model::{
    AllocLine, AnalyzeReport, Caller, Category, CategoryRow, FoldedStack, Hub, NodeSummary,
    PoolAttribution, Priority, Range, Recommendation, SCHEMA_VERSION, Site, SiteFinding,
    SourceCoverage, SourceLine,
};
pub use slow::model::{
    BlockedGroup, Burst, Callee, DumpBlocked, Hypothesis, HypothesisKind, LockRegion, LogSite,
    LogSummary, Operation, SLOW_SCHEMA_VERSION, SlowReport, Step, StepKind,
};
pub use slow::{LogInput, SlowOptions, slow};
