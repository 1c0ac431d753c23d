//! The `goroutines` report model: plain, serialisable data (schema:
//! `docs/goroutines-schema.md`).

use serde::Serialize;

/// Version of the JSON schema of [`GoroutinesReport`].
pub const GOROUTINES_SCHEMA_VERSION: u32 = 1;

/// Which of Go's goroutine formats a dump came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DumpFormat {
    /// `?debug=2`: every goroutine with its state, wait minutes and creator.
    Debug2,
    /// `?debug=1`: counted stacks, no states.
    Debug1,
    /// The protobuf goroutine profile: counted stacks, no states.
    Protobuf,
}

/// One input dump.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DumpSummary {
    /// Its name (file stem or URL host).
    pub name: String,
    /// Its format.
    pub format: DumpFormat,
    /// Goroutines in it.
    pub total: u64,
}

/// A place in the code: a frame, resolved to source when possible.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct CodeSite {
    /// Function as the dump names it.
    pub function: String,
    /// File: relative to its source root when resolved, else as the dump gives it.
    pub file: String,
    /// Line (0 when unknown).
    pub line: i64,
    /// The statement there, when the source was found.
    pub code: Option<String>,
    /// Whether the frame resolved to a function under the source roots.
    pub resolved: bool,
}

/// Goroutines at a site.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SiteCount {
    /// The site.
    pub site: CodeSite,
    /// How many goroutines.
    pub count: u64,
}

/// Goroutines in one state (wait reason).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StateCount {
    /// `chan send`, `IO wait`, `select`, `running`, …
    pub state: String,
    /// How many.
    pub count: u64,
    /// Fewest minutes blocked among them (0: under a minute).
    pub min_minutes: u64,
    /// Most minutes blocked among them.
    pub max_minutes: u64,
}

/// How goroutines were grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupKind {
    /// By the `go` statement that created them (`created by`, `?debug=2`).
    GoStatement,
    /// By the function they started in (formats without `created by`).
    EntryFunction,
    /// The main goroutine (no creator).
    Main,
    /// By their innermost application frame (or, without one, their entry function).
    TopFrame,
}

/// A group of goroutines.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    /// What the group is keyed by.
    pub kind: GroupKind,
    /// The key: the creating `go` statement, the entry function (`main.main`
    /// for the main goroutine) or the top frame.
    pub site: CodeSite,
    /// Whether `site` is application code (for top frames: false when the stack has none).
    pub application: bool,
    /// Goroutines in the group.
    pub count: u64,
    /// Their states, most first (empty for formats without states).
    pub states: Vec<StateCount>,
    /// The other grouping inside this group (top frames of a creation group,
    /// creators of a top-frame group), most first, with counts.
    pub within: Vec<SiteCount>,
    /// The group's most common stack, innermost first (at most 16 frames).
    pub stack: Vec<CodeSite>,
}

/// A finding of a goroutine-leak rule on the code of a growing site.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LeakFinding {
    /// Rule id, e.g. `GS801`.
    pub rule: String,
    /// Rule slug.
    pub slug: String,
    /// Severity (`high`, …).
    pub severity: String,
    /// File relative to its source root.
    pub file: String,
    /// First line.
    pub line: u32,
    /// Last line.
    pub end_line: u32,
    /// What is wrong, in one or two sentences.
    pub message: String,
    /// What to do.
    pub fix: String,
}

/// Goroutines at one top frame in both dumps.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Growth {
    /// The top application frame (or entry function).
    pub site: CodeSite,
    /// Goroutines there in the earlier dump.
    pub before: u64,
    /// Goroutines there in the later dump.
    pub after: u64,
    /// `after − before`.
    pub delta: i64,
    /// Their states in the later dump.
    pub states: Vec<StateCount>,
    /// Who created them (later dump), most first.
    pub created_by: Vec<SiteCount>,
    /// Leak-rule findings on the code at this site or its creator.
    pub findings: Vec<LeakFinding>,
}

/// The whole `goroutines` report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GoroutinesReport {
    /// [`GOROUTINES_SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The dump analysed (the later one when two were given).
    pub dump: DumpSummary,
    /// The earlier dump, when two were given.
    pub earlier: Option<DumpSummary>,
    /// Goroutines in `dump`.
    pub total: u64,
    /// `dump`'s goroutines by creation site, most first; counts sum to `total`.
    pub groups: Vec<Group>,
    /// `dump`'s goroutines by top application frame, most first; counts sum to `total`.
    pub top_frames: Vec<Group>,
    /// With two dumps: the top frames whose count changed, most growth first.
    pub growth: Vec<Growth>,
    /// Whether leak rules were run on growing sites (needs `--src`).
    pub rules_checked: bool,
}
