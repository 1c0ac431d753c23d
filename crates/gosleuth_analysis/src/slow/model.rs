//! The `slow` report model: slow operations from logs, the code that logs
//! them and what it does, blocked goroutines, ranked hypotheses. Plain data.

use serde::Serialize;

/// Version of the JSON schema of [`SlowReport`] (see `docs/slow-schema.md`).
pub const SLOW_SCHEMA_VERSION: u32 = 1;

/// The whole investigation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SlowReport {
    /// [`SLOW_SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The logs read.
    pub logs: Vec<LogSummary>,
    /// Slow operations, most total time first.
    pub operations: Vec<Operation>,
    /// Groups of slow lines whose timed intervals overlap, in time order.
    pub timeline: Vec<Burst>,
    /// What goroutines were blocked on, per dump.
    pub dumps: Vec<DumpBlocked>,
    /// Hypotheses, most likely first.
    pub hypotheses: Vec<Hypothesis>,
}

/// One log file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LogSummary {
    /// Its name.
    pub name: String,
    /// Lines read.
    pub lines: usize,
    /// Lines that matched a slow-operation pattern.
    pub slow_lines: usize,
}

/// Slow lines of one kind (one message).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Operation {
    /// The message, as the source writes it when found (`Readloop processing time: %v`),
    /// else as the log has it.
    pub name: String,
    /// The built-in or user pattern that matched (`processing time`, `took`, …).
    pub pattern: String,
    /// Lines.
    pub count: usize,
    /// Median duration, seconds.
    pub p50_seconds: f64,
    /// 99th percentile (nearest rank), seconds.
    pub p99_seconds: f64,
    /// Longest, seconds.
    pub max_seconds: f64,
    /// Sum, seconds.
    pub total_seconds: f64,
    /// Distinct subjects (what precedes the message on the line: a client, a stream).
    pub subjects: usize,
    /// First and last timestamp, as logged.
    pub first: Option<String>,
    /// Last timestamp, as logged.
    pub last: Option<String>,
    /// Up to three lines as logged, `log:line: text`.
    pub examples: Vec<String>,
    /// Where the source logs it.
    pub code: Vec<LogSite>,
}

/// A place in the source that logs the message, and what its function does
/// in the timed window before logging.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LogSite {
    /// File, relative to the source root.
    pub file: String,
    /// Lines of the logging calls in this function.
    pub lines: Vec<u32>,
    /// The function (as Go names it, without the package path).
    pub function: String,
    /// Its declaration line.
    pub decl_line: u32,
    /// The format string as written.
    pub literal: String,
    /// Where the logged duration starts (`c.in.start = time.Now()`), when found.
    pub timer: Option<Step>,
    /// First and last line of the window walked.
    pub window: (u32, u32),
    /// What happens in the window, in line order: locks, I/O, waits, channel
    /// operations, calls made while a lock is held.
    pub steps: Vec<Step>,
    /// Locks taken in (or held into) the window.
    pub locks: Vec<LockRegion>,
    /// Functions of the same package called in the window, and what they do.
    pub callees: Vec<Callee>,
    /// Findings of the catalog's locking rules in the function and its callees.
    pub findings: Vec<String>,
}

/// One thing a function does.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    /// Line.
    pub line: u32,
    /// What kind of thing.
    pub kind: StepKind,
    /// The code.
    pub code: String,
    /// Locks held at that point.
    pub held: Vec<String>,
}

/// Kinds of steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    /// Where the timed duration starts.
    TimerStart,
    /// `Lock()` / `RLock()`.
    Lock,
    /// `Unlock()` / `RUnlock()`.
    Unlock,
    /// Network I/O.
    NetworkIo,
    /// Disk I/O.
    DiskIo,
    /// I/O whose medium the code does not say (`r.Read`, `w.Flush`).
    Io,
    /// A wait: `select`, `Cond.Wait`, `WaitGroup.Wait`, `time.Sleep`.
    Wait,
    /// A channel send or receive.
    Channel,
    /// A call made while a lock is held.
    CallUnderLock,
}

/// A lock taken in a function.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LockRegion {
    /// The lock as written (`c.mu`).
    pub lock: String,
    /// `Lock` or `RLock`.
    pub mode: String,
    /// Line of the acquisition.
    pub acquired: u32,
    /// Line of the release (`None`: deferred or held to the end).
    pub released: Option<u32>,
    /// Calls made while it is held.
    pub calls: Vec<String>,
}

/// A function called in the window.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Callee {
    /// Its name (without the package path).
    pub function: String,
    /// `file:line` of its declaration.
    pub place: String,
    /// The function that calls it (the logging function at depth 1).
    pub caller: String,
    /// Line of the call in the caller.
    pub called_at: u32,
    /// Locks the caller holds at the call.
    pub under: Vec<String>,
    /// Depth from the logging function (1 = called directly).
    pub depth: u32,
    /// Locks it takes, `lock (Lock at line)`.
    pub locks: Vec<String>,
    /// Locks it releases before taking them (held by its caller), `lock (Unlock at line)`.
    pub releases: Vec<String>,
    /// Its I/O, waits and channel operations.
    pub blocking: Vec<Step>,
}

/// Slow lines whose timed intervals overlap.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Burst {
    /// Earliest start (end − duration), as a timestamp.
    pub start: String,
    /// Last end, as logged.
    pub end: String,
    /// Lines in the burst.
    pub lines: usize,
    /// Distinct subjects.
    pub subjects: usize,
    /// Operations in it.
    pub operations: Vec<String>,
    /// Shortest and longest duration, seconds.
    pub min_seconds: f64,
    /// Longest duration, seconds.
    pub max_seconds: f64,
    /// Time between the first and the last line's end, milliseconds.
    pub end_spread_ms: f64,
}

/// Blocked goroutines in one dump.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DumpBlocked {
    /// The dump's name.
    pub name: String,
    /// Goroutines in it.
    pub goroutines: u64,
    /// Groups by wait reason and innermost application frame, most first.
    pub groups: Vec<BlockedGroup>,
}

/// Goroutines waiting for the same thing in the same place.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BlockedGroup {
    /// Wait reason (`semacquire`, `IO wait`, `chan receive`, …; `unknown` without `?debug=2`).
    pub state: String,
    /// How many.
    pub count: u64,
    /// Longest wait, minutes.
    pub max_minutes: u64,
    /// Innermost application frame (without the package path).
    pub function: String,
    /// Its `file:line`.
    pub place: String,
    /// The code at that line, when the source was found.
    pub code: Option<String>,
    /// Whether one of the slow operations' functions is on these stacks.
    pub in_slow_code: bool,
}

/// A hypothesis about the slowness.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hypothesis {
    /// Which.
    pub kind: HypothesisKind,
    /// 1-based rank.
    pub rank: usize,
    /// Evidence score (for minus against), for the ranking.
    pub score: i32,
    /// `likely`, `possible` or `unlikely`.
    pub verdict: String,
    /// What supports it.
    pub evidence_for: Vec<String>,
    /// What speaks against it.
    pub evidence_against: Vec<String>,
    /// Commands that would confirm or rule it out.
    pub confirm: Vec<String>,
}

/// The kinds of hypotheses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HypothesisKind {
    /// The process (or its goroutines) got no CPU: stopped, throttled, starved, swapping.
    SchedulerStarvation,
    /// Goroutines waited for a lock held by a slow holder.
    LockContention,
    /// Disk or network I/O was slow.
    IoLatency,
    /// Garbage collection (stop-the-world pauses, assists).
    Gc,
}
