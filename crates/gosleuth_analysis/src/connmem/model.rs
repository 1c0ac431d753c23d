//! The `connmem` report model: a per-connection memory budget, plain data.

use serde::Serialize;

/// Version of the JSON schema of [`ConnmemReport`] (see `docs/connmem-schema.md`).
pub const CONNMEM_SCHEMA_VERSION: u32 = 1;

/// The whole per-connection budget.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConnmemReport {
    /// [`CONNMEM_SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The model's bytes per connection, from the reference capture (the one
    /// with the most connections: the most heap samples on per-connection paths).
    pub per_connection_bytes: f64,
    /// Measured marginal process memory per connection: the least-squares
    /// slope of `mem` over `connections` across the captures (two or more with `mem`).
    pub measured_marginal_per_connection_bytes: Option<f64>,
    /// The process's fixed baseline: the intercept of that fit.
    pub measured_baseline_bytes: Option<f64>,
    /// Index (into `captures`) of the reference capture.
    pub reference: usize,
    /// Every capture with its own model.
    pub captures: Vec<CaptureModel>,
    /// Marginals between captures adjacent in connection count.
    pub pair_marginals: Vec<PairMarginal>,
    /// Goroutines that exist per connection (from the reference capture).
    pub goroutines: Vec<GoroutineGroup>,
    /// Projections of the reference model (and the measured marginal).
    pub projections: Vec<Projection>,
    /// What-if scenarios computed from the reference model.
    pub what_ifs: Vec<WhatIfResult>,
    /// The model's assumptions, in words.
    pub assumptions: Vec<String>,
}

/// One capture (one connection count) and the model built from it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CaptureModel {
    /// Its name (the heap file's stem).
    pub name: String,
    /// Connections held when captured.
    pub connections: u64,
    /// Process memory (RSS, `/varz` `mem`) when given.
    pub mem_bytes: Option<u64>,
    /// `mem / connections`: includes the fixed baseline.
    pub naive_per_connection_bytes: Option<f64>,
    /// The model total per connection.
    pub per_connection_bytes: f64,
    /// The parts, largest first.
    pub parts: Vec<Part>,
    /// The MemStats figures the model used.
    pub memstats: MemStatsUsed,
    /// Heap sampling: `MemProfileRate` and how many samples the
    /// per-connection heap rests on.
    pub sampling: Sampling,
    /// Model vs the measured marginal, percent (`model / marginal − 1`).
    pub model_vs_marginal_percent: Option<f64>,
}

/// A part of the per-connection budget.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Part {
    /// What kind of memory.
    pub kind: PartKind,
    /// Bytes per connection.
    pub bytes_per_connection: f64,
    /// Where the figure comes from: profile lines or MemStats fields.
    pub items: Vec<PartItem>,
}

/// Kinds of per-connection memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PartKind {
    /// Read and write buffers and other slices (`make([]byte, n)`, `append`).
    Buffers,
    /// Structs and other single objects (`&T{}`, `new(T)`, `runtime.g`).
    Structs,
    /// Map buckets (per-connection maps and the connection's share of shared maps).
    Maps,
    /// Channel buffers (`make(chan T, n)`).
    Channels,
    /// Heap objects whose statement could not be classified (or no source).
    OtherHeap,
    /// Goroutine stacks.
    Stacks,
    /// Runtime overhead: heap pages not holding live objects, GC metadata.
    RuntimeOverhead,
}

/// One traceable line of a part.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartItem {
    /// What it is, e.g. `(*Server).createClient` or `MemStats.StackInuse`.
    pub what: String,
    /// `file:line` of the allocation, when from the heap profile.
    pub place: Option<String>,
    /// The statement at that line, when the source was found.
    pub code: Option<String>,
    /// The per-connection function the allocation was reached through.
    pub via: Option<String>,
    /// Average object size (heap items).
    pub object_bytes: Option<f64>,
    /// Objects per connection (heap items); fractional for shared containers.
    pub per_connection: f64,
    /// Bytes per connection.
    pub bytes_per_connection: f64,
    /// How the figure was derived, in words (the profile or MemStats figures behind it).
    pub basis: String,
}

/// The MemStats fields the model read.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct MemStatsUsed {
    /// `HeapAlloc`.
    pub heap_alloc: u64,
    /// `HeapSys`.
    pub heap_sys: u64,
    /// `HeapReleased`.
    pub heap_released: u64,
    /// `StackInuse`.
    pub stack_inuse: u64,
    /// `GCSys`.
    pub gc_sys: u64,
    /// `Sys`.
    pub sys: u64,
    /// Goroutines in the goroutine profile.
    pub goroutines: u64,
    /// Resident heap per live heap byte: `(HeapSys − HeapReleased) / HeapAlloc`.
    pub heap_residency: f64,
    /// Stack bytes per goroutine: `StackInuse / goroutines`.
    pub stack_per_goroutine: f64,
}

/// Heap-profile sampling behind the per-connection heap.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Sampling {
    /// `runtime.MemProfileRate` (the profile's period), bytes.
    pub rate: u64,
    /// Estimated samples behind the per-connection heap items.
    pub samples: f64,
    /// Relative standard error of the unquantized per-connection heap, percent.
    pub relative_error_percent: f64,
}

/// A goroutine that exists a fixed number of times per connection.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GoroutineGroup {
    /// Its entry function (the outermost frame).
    pub entry: String,
    /// The connection-path function it belongs to (entry, or the function
    /// enclosing an entry closure).
    pub owner: String,
    /// Goroutines in the profile.
    pub count: u64,
    /// Per connection (rounded).
    pub per_connection: u64,
    /// Where most of them wait (innermost application frame).
    pub waiting_in: Option<String>,
}

/// Marginal memory between two captures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairMarginal {
    /// Capture with fewer connections.
    pub from: String,
    /// Capture with more connections.
    pub to: String,
    /// `(mem₂ − mem₁) / (conns₂ − conns₁)`.
    pub per_connection_bytes: f64,
}

/// Memory at a projected connection count.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Projection {
    /// Connections.
    pub connections: u64,
    /// `connections × model per connection`.
    pub model_bytes: f64,
    /// `baseline + connections × measured marginal`, with two or more captures.
    pub measured_bytes: Option<f64>,
}

/// A what-if scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WhatIfResult {
    /// As given, e.g. `buffer=2KB`.
    pub spec: String,
    /// What changes, in words.
    pub description: String,
    /// The model per connection under the scenario.
    pub per_connection_bytes: f64,
    /// Saving per connection (positive = less memory).
    pub saving_per_connection_bytes: f64,
    /// Saving at 1M connections.
    pub saving_at_1m_bytes: f64,
}
