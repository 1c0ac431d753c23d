//! Findings: plain data a rule reports, which renderers present.

use serde::Serialize;

/// How bad a finding is, from least to most.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; fix when touching the code.
    Low,
    /// Costs memory or latency under load.
    Medium,
    /// A leak, an unbounded growth or a large avoidable cost on a hot path.
    High,
    /// Takes a service down.
    Critical,
}

impl Severity {
    /// All severities, most severe first.
    pub const ALL: [Severity; 4] = [
        Severity::Critical,
        Severity::High,
        Severity::Medium,
        Severity::Low,
    ];

    /// The lowercase name (`high`).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }

    /// Parses a lowercase name.
    #[must_use]
    pub fn parse(s: &str) -> Option<Severity> {
        Severity::ALL
            .into_iter()
            .find(|v| v.as_str().eq_ignore_ascii_case(s))
    }
}

/// Problem kinds K1–K11 (see `shared/reference/go-antipatterns.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Kind {
    /// Hot-path allocations that could be pooled or hoisted.
    K1,
    /// Worst-case sizing of encode buffers.
    K2,
    /// `sync.Pool` misuse.
    K3,
    /// Copy helpers that always allocate; double copies.
    K4,
    /// String and formatting churn.
    K5,
    /// I/O draining and decompression into growing buffers.
    K6,
    /// Unbounded maps used as caches.
    K7,
    /// Goroutine leaks.
    K8,
    /// Resources not closed on error paths.
    K9,
    /// Locks held across blocking calls.
    K10,
    /// Per-connection fixed buffers and goroutines.
    K11,
}

impl Kind {
    /// `K1`…`K11`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::K1 => "K1",
            Kind::K2 => "K2",
            Kind::K3 => "K3",
            Kind::K4 => "K4",
            Kind::K5 => "K5",
            Kind::K6 => "K6",
            Kind::K7 => "K7",
            Kind::K8 => "K8",
            Kind::K9 => "K9",
            Kind::K10 => "K10",
            Kind::K11 => "K11",
        }
    }

    /// What the kind is about, in a few words.
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Kind::K1 => "allocations that could be pooled",
            Kind::K2 => "worst-case sizing",
            Kind::K3 => "sync.Pool misuse",
            Kind::K4 => "copy helpers and double copies",
            Kind::K5 => "string and formatting churn",
            Kind::K6 => "I/O draining and decompression",
            Kind::K7 => "unbounded maps",
            Kind::K8 => "goroutine leaks",
            Kind::K9 => "resources not closed",
            Kind::K10 => "locks held across blocking calls",
            Kind::K11 => "per-connection buffers and goroutines",
        }
    }
}

/// Root-cause category (SPEC §3.4), for grouping in reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    /// Copies of messages and records.
    MessageCopy,
    /// Network read and write buffers.
    NetworkBuffers,
    /// Compression and encoding.
    Compression,
    /// `sync.Pool` refills and misuse.
    PoolRefill,
    /// Slice and map growth.
    SliceMapGrowth,
    /// Strings and formatting.
    StringsFormatting,
    /// Goroutines and their stacks.
    GoroutineStacks,
    /// Timers and channels.
    TimersChannels,
    /// Caches and maps.
    CachesMaps,
    /// Files, sockets and other resources.
    Resources,
    /// Locks and waits.
    Locking,
}

impl Category {
    /// The kebab-case id (`network-buffers`), as serialized.
    #[must_use]
    pub fn slug(self) -> &'static str {
        match self {
            Category::MessageCopy => "message-copy",
            Category::NetworkBuffers => "network-buffers",
            Category::Compression => "compression",
            Category::PoolRefill => "pool-refill",
            Category::SliceMapGrowth => "slice-map-growth",
            Category::StringsFormatting => "strings-formatting",
            Category::GoroutineStacks => "goroutine-stacks",
            Category::TimersChannels => "timers-channels",
            Category::CachesMaps => "caches-maps",
            Category::Resources => "resources",
            Category::Locking => "locking",
        }
    }

    /// A short human name.
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Category::MessageCopy => "message/record copy",
            Category::NetworkBuffers => "network I/O buffers",
            Category::Compression => "compression and encoding",
            Category::PoolRefill => "pool refill",
            Category::SliceMapGrowth => "slice/map growth",
            Category::StringsFormatting => "strings and formatting",
            Category::GoroutineStacks => "goroutine stacks",
            Category::TimersChannels => "timers and channels",
            Category::CachesMaps => "caches and maps",
            Category::Resources => "resources",
            Category::Locking => "locking",
        }
    }
}

/// How much work a fix is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Effort {
    /// A local edit of a few lines.
    Low,
    /// A change across a function or two, or a new pool.
    Medium,
    /// A design change (ownership, protocol, buffering strategy).
    High,
}

impl Effort {
    /// The lowercase name.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Effort::Low => "low",
            Effort::Medium => "medium",
            Effort::High => "high",
        }
    }
}

impl Finding {
    /// Whether the finding's rule needs a profile to confirm it (see
    /// [`crate::Rule::needs_profile`]).
    #[must_use]
    pub fn needs_profile(&self) -> bool {
        crate::rule(self.rule).is_some_and(|r| r.needs_profile)
    }
}

/// Another line that takes part in a finding (the receiver that returns,
/// the call site of a helper).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Related {
    /// 1-based line in the finding's file.
    pub line: u32,
    /// What happens there.
    pub note: String,
}

/// One problem found in one place.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Rule id, e.g. `GS201`.
    pub rule: &'static str,
    /// Rule slug, e.g. `worst-case-encode-buffer`.
    pub slug: &'static str,
    /// Problem kind.
    pub kind: Kind,
    /// Root-cause category.
    pub category: Category,
    /// Severity of this finding (the rule's default unless the detector
    /// judged otherwise).
    pub severity: Severity,
    /// File, relative to the audited directory, with `/` separators.
    pub file: String,
    /// First line (1-based).
    pub line: u32,
    /// Last line (1-based, inclusive).
    pub end_line: u32,
    /// The enclosing function as the Go compiler names it (`(*client).readLoop`,
    /// `init.func1`), when the finding is inside one.
    pub function: Option<String>,
    /// The source lines of the finding, indentation trimmed.
    pub evidence: String,
    /// What is wrong here, in one or two sentences.
    pub message: String,
    /// Other lines that take part.
    pub related: Vec<Related>,
    /// Share of the site's cost a fix removes (the rule's documented figure).
    pub avoidable: f64,
    /// How much work the fix is.
    pub effort: Effort,
    /// With profiles (`audit --profile`): the value of the samples whose
    /// stack passes through the finding's lines, each sample counted once.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight: Option<i64>,
}
