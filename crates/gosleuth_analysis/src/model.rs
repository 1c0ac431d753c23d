//! The `analyze` report model: plain, serialisable data. Renderers read it;
//! nothing in it is formatted text except code excerpts and reasons.

use serde::Serialize;

/// Version of the JSON schema of [`AnalyzeReport`] (see `docs/analyze-schema.md`).
pub const SCHEMA_VERSION: u32 = 2;

/// A figure across nodes: min, median and max of the per-node values. With one
/// node all three are equal.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Range {
    /// Smallest per-node value.
    pub min: f64,
    /// Median of the per-node values.
    pub median: f64,
    /// Largest per-node value.
    pub max: f64,
}

/// One input profile.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NodeSummary {
    /// Node name (file stem or URL host).
    pub name: String,
    /// Total of the analysed sample type on this node.
    pub total: f64,
    /// Collection window in seconds, when the profile records one.
    pub duration_seconds: Option<f64>,
    /// Total per minute of the window, when the window is known.
    pub total_per_minute: Option<f64>,
}

/// What the nodes' collection windows allow (SPEC §3.1: rates per minute).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Windows {
    /// No profile records a window (e.g. `allocs` without `?seconds=`: totals
    /// since the process started): figures are totals only.
    Unknown,
    /// Some profiles record a window, some do not: figures are totals only.
    Partial,
    /// Every profile records the same window: totals compare as they are.
    Equal,
    /// Every profile records a window, not all the same: compare the
    /// per-minute figures.
    Differ,
}

/// Root-cause categories (SPEC §3.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Copies of messages or records.
    MessageCopy,
    /// Network read/write buffers.
    NetworkBuffers,
    /// Compression and encoding.
    Compression,
    /// Serialization (JSON, protobuf, ...).
    Serialization,
    /// A `sync.Pool`'s `New` firing.
    PoolRefill,
    /// Slice and map growth.
    SliceMapGrowth,
    /// Strings and formatting.
    Strings,
    /// Goroutine stacks.
    GoroutineStacks,
    /// Timers and channels.
    TimersChannels,
    /// Caches and maps.
    CachesMaps,
    /// The profiler or runtime itself: noise, not advice.
    ProfilingOverhead,
    /// Anything else.
    Other,
}

/// The whole report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnalyzeReport {
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The analysed sample type, e.g. `alloc_space`.
    pub sample_type: String,
    /// Its unit, e.g. `bytes`.
    pub unit: String,
    /// The inputs, one per node.
    pub nodes: Vec<NodeSummary>,
    /// Total per node.
    pub total: Range,
    /// Whether the nodes' windows are known and equal.
    pub windows: Windows,
    /// Total per minute per node (every window known).
    pub total_per_minute: Option<Range>,
    /// Executive summary: one row per category among the top sites.
    pub summary: Vec<CategoryRow>,
    /// Top allocation sites by flat value, heaviest first.
    pub sites: Vec<Site>,
    /// Prioritized recommendations from the rules run on the hot code,
    /// most urgent first (priority, then saving).
    pub recommendations: Vec<Recommendation>,
    /// Fan-out hubs: large cumulative share, small own share.
    pub hubs: Vec<Hub>,
    /// How well the profile frames joined the source.
    pub source: SourceCoverage,
    /// Flat value by source file (a subsystem's weight even when each of its
    /// functions is small), heaviest first.
    pub files: Vec<FileGroup>,
    /// Every distinct stack of the analysed sample type, merged over nodes:
    /// the flame graph's input.
    pub flame: Vec<FoldedStack>,
}

/// One stack of the flame graph, in the "folded" form flame graph tools read.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FoldedStack {
    /// Function names, outermost (root) first, joined by `;` (a `;` inside a
    /// name becomes `:`, line breaks become spaces).
    pub stack: String,
    /// The stack's value summed over nodes.
    pub value: i64,
}

/// One executive-summary row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CategoryRow {
    /// The category.
    pub category: Category,
    /// Ranks (1-based) of the sites in it.
    pub ranks: Vec<usize>,
    /// Their summed flat value per node.
    pub value: Range,
    /// The same per minute (every window known).
    pub value_per_minute: Option<Range>,
    /// Why these sites allocate, in one sentence.
    pub root_cause: String,
}

/// A top allocation site: one function.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Site {
    /// 1-based rank by flat value (merged over nodes).
    pub rank: usize,
    /// Function name as in the profile.
    pub function: String,
    /// Source file (relative to the root it was found under), if resolved.
    pub file: Option<String>,
    /// Declaration line, if resolved.
    pub decl_line: Option<u32>,
    /// Flat value per node.
    pub flat: Range,
    /// The flat value of each node, in node order.
    pub per_node_flat: Vec<f64>,
    /// Cumulative value per node.
    pub cum: Range,
    /// Flat value per minute per node (every window known).
    pub flat_per_minute: Option<Range>,
    /// Cumulative value per minute per node (every window known).
    pub cum_per_minute: Option<Range>,
    /// Flat share of each node's total, in percent.
    pub share_percent: Range,
    /// Its category.
    pub category: Category,
    /// Why it is in that category.
    pub reason: String,
    /// When the site is a `sync.Pool`'s `New`: which pool.
    pub pool: Option<PoolAttribution>,
    /// The lines that allocate, heaviest first.
    pub lines: Vec<AllocLine>,
    /// Sizes of the objects allocated here, from the heap profile's `bytes`
    /// label, merged over nodes; absent when the samples carry no such label.
    pub object_sizes: Option<ObjectSizes>,
    /// Who calls it, heaviest first.
    pub callers: Vec<Caller>,
    /// The allocating lines with a few lines of source around each, in line
    /// order (a jump in `line` is elided source); empty without source.
    pub source_window: Vec<SourceLine>,
    /// Rule findings on the site's hot code (its allocating lines, its
    /// function, or its callers' call sites).
    pub findings: Vec<SiteFinding>,
}

/// A rule finding attached to a site.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SiteFinding {
    /// Rule id, e.g. `GS103`.
    pub rule_id: String,
    /// Rule slug.
    pub rule_slug: String,
    /// File, relative to its source root.
    pub file: String,
    /// First line of the finding.
    pub line: u32,
    /// Last line of the finding.
    pub end_line: u32,
    /// What is wrong there.
    pub message: String,
}

/// How urgent a recommendation is (see `docs/analyze-schema.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Priority {
    /// Large saving, low or medium effort: do first.
    P0,
    /// Sizeable saving.
    P1,
    /// Measurable saving.
    P2,
    /// Small saving.
    P3,
}

/// One prioritized recommendation: a rule's fix over the places it fired
/// on hot code.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Recommendation {
    /// Priority.
    pub priority: Priority,
    /// Rule id.
    pub rule_id: String,
    /// Rule slug.
    pub rule_slug: String,
    /// What to change (the rule's fix, one line).
    pub change: String,
    /// Where: `file:line` of each finding.
    pub targets: Vec<String>,
    /// Ranks of the sites whose weight the findings carry.
    pub site_ranks: Vec<usize>,
    /// Estimated saving per node (weight × the rule's avoidable fraction).
    pub saving: Range,
    /// The saving as a share of each node's total, percent.
    pub saving_percent: Range,
    /// The fix's effort grade: `low`, `medium` or `high`.
    pub effort: String,
}

/// A line of source shown in a deep dive, with the value sampled on it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceLine {
    /// Line number.
    pub line: i64,
    /// The line as written (trailing whitespace removed).
    pub code: String,
    /// Value attributed to the line as the site's innermost frame, merged over
    /// nodes; 0 for context lines.
    pub value: f64,
}

/// One allocating line of a site.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AllocLine {
    /// Line number.
    pub line: i64,
    /// The statement on that line, if the source was found.
    pub code: Option<String>,
    /// Value (e.g. bytes) attributed to the line, merged over nodes.
    pub value: f64,
    /// Objects allocated there (when the profile has `alloc_objects`).
    pub objects: Option<f64>,
    /// Average object size (value ÷ objects).
    pub average_size: Option<f64>,
}

/// A site's object sizes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ObjectSizes {
    /// How many distinct sizes the site allocates.
    pub distinct: usize,
    /// The heaviest sizes (by bytes), at most five.
    pub top: Vec<ObjectSize>,
}

/// One object size of a site. Go labels each stack with its bytes ÷ objects,
/// so a stack of varying sizes contributes its mean size.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ObjectSize {
    /// Object size in bytes.
    pub size: i64,
    /// Objects of that size (merged over nodes).
    pub objects: f64,
    /// Their bytes (merged over nodes).
    pub bytes: f64,
    /// Share of the site's objects, percent.
    pub objects_percent: f64,
    /// Share of the site's bytes, percent.
    pub bytes_percent: f64,
}

/// The flat value whose innermost frame lies in one source file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FileGroup {
    /// The file (relative to its source root when resolved, else as in the profile).
    pub file: String,
    /// Summed flat value of its functions per node.
    pub value: Range,
    /// The same per minute (every window known).
    pub value_per_minute: Option<Range>,
    /// Share of each node's total, percent.
    pub share_percent: Range,
    /// How many of its functions allocate.
    pub function_count: usize,
    /// Its heaviest functions, at most six.
    pub functions: Vec<FileFunction>,
}

/// A function within a [`FileGroup`], with its heaviest allocating line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FileFunction {
    /// Function name as in the profile.
    pub function: String,
    /// Its flat value, merged over nodes.
    pub value: f64,
    /// Its heaviest allocating line.
    pub line: i64,
    /// The code on that line, if the source was found.
    pub code: Option<String>,
    /// Its rank among the top sites, when it has a deep dive.
    pub rank: Option<usize>,
}

/// A caller of a site, with the call site.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Caller {
    /// Calling function.
    pub function: String,
    /// Call-site file (as resolved, else as in the profile).
    pub file: String,
    /// Call-site line.
    pub line: i64,
    /// Share of the site's flat value that comes through this call, in percent.
    pub share_percent: f64,
    /// The caller's own heaviest caller (`function` at `file:line`), to show the path.
    pub via: Option<String>,
}

/// The pool a `New` function belongs to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PoolAttribution {
    /// The pool variable (or assignment target) as written.
    pub pool: String,
    /// File and line of the `sync.Pool` literal.
    pub file: String,
    /// Line of the literal.
    pub line: u32,
    /// Average size of the objects `New` allocates.
    pub object_size: Option<f64>,
    /// Where objects are returned (`pool.Put` calls), `file:line`.
    pub puts: Vec<String>,
}

/// A fan-out hub and the children that carry its weight.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hub {
    /// Function name.
    pub function: String,
    /// Its cumulative share, percent per node.
    pub cum_percent: Range,
    /// Its own (flat) share, percent per node.
    pub flat_percent: Range,
    /// Callees with their share of the hub's cumulative value (percent, merged).
    pub children: Vec<(String, f64)>,
}

/// How well frames resolved to source.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceCoverage {
    /// Frames resolved to a function containing the sampled line.
    pub resolved: usize,
    /// All distinct frames.
    pub frames: usize,
    /// Frames that did not resolve, heaviest first (at most 20).
    pub unresolved: Vec<String>,
}
