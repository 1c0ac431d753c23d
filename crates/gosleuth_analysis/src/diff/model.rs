//! The `diff` report model: plain, serialisable data (schema:
//! `docs/diff-schema.md`). Renderers read it; nothing in it is formatted text
//! except code excerpts.

use serde::Serialize;

use crate::model::{FoldedStack, NodeSummary, Range};

/// Version of the JSON schema of [`DiffReport`].
pub const DIFF_SCHEMA_VERSION: u32 = 1;

/// What happened to a figure between base and new.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Fell beyond noise to at most a tenth of the base (or to nothing).
    Fixed,
    /// Fell beyond noise.
    Improved,
    /// The change is inside the noise band: no significant change.
    Unchanged,
    /// Grew beyond noise.
    Worse,
    /// Absent (zero) in the base, beyond noise in the new profiles.
    New,
}

impl Status {
    /// Whether this is a regression (`worse` or `new`).
    pub fn is_regression(self) -> bool {
        matches!(self, Status::Worse | Status::New)
    }
}

/// One figure (a sample type of a site, or a total) before and after.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// The sample type, e.g. `alloc_space`.
    pub sample_type: String,
    /// Per-node values of the base profiles.
    pub base: Range,
    /// Per-node values of the new profiles.
    pub new: Range,
    /// `new.median − base.median`.
    pub delta: f64,
    /// `delta` in percent of `base.median` (absent when the base is zero).
    pub delta_percent: Option<f64>,
    /// Half-width of the noise band: a change of at most this much is not significant.
    pub noise: f64,
    /// The verdict.
    pub status: Status,
    /// For a growth beyond noise: the part beyond noise in percent of
    /// `base.median` (absent when the base is zero).
    pub beyond_noise_percent: Option<f64>,
}

/// One site: a function that allocates (is the innermost frame), on both sides.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SiteChange {
    /// Function name as in the profiles.
    pub function: String,
    /// Source file of the new side (else the base side): relative to its root
    /// when resolved, else the base name the profile gives.
    pub file: Option<String>,
    /// One entry per sample type, in [`DiffReport::sample_types`] order.
    pub changes: Vec<Change>,
    /// The site's lines, matched across versions, heaviest first (primary sample type).
    pub lines: Vec<LineChange>,
}

impl SiteChange {
    /// The change of the primary sample type (the first).
    pub fn primary(&self) -> &Change {
        &self.changes[0]
    }
}

/// How two lines of a site were paired across versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LineMatch {
    /// Same statement text (the line number may have moved).
    Code,
    /// Same file and line number.
    Line,
    /// Same file, nearest line (no source to compare statements).
    Nearest,
    /// Only in the base.
    Gone,
    /// Only in the new profiles.
    Added,
}

/// One line of a site, medians of the primary sample type.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LineChange {
    /// How it was matched.
    pub matched_by: LineMatch,
    /// `file:line` in the base (file as displayed for the site).
    pub base_line: Option<String>,
    /// `file:line` in the new profiles.
    pub new_line: Option<String>,
    /// The statement (new side when present), if the source was found.
    pub code: Option<String>,
    /// Median over base nodes.
    pub base: f64,
    /// Median over new nodes.
    pub new: f64,
}

/// A site of an earlier `analyze` report, judged against the new profiles.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verdict {
    /// The site's rank in that report.
    pub rank: usize,
    /// Its function.
    pub function: String,
    /// Its file, as the report gives it.
    pub file: Option<String>,
    /// Before: the report's per-node figures; after: the new profiles'.
    pub change: Change,
}

/// A recommendation of an earlier `analyze` report, judged by the summed
/// change of the sites it targets.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecommendationVerdict {
    /// Its priority in that report (`P0`…`P3`).
    pub priority: String,
    /// Rule id.
    pub rule_id: String,
    /// What it asked to change.
    pub change_text: String,
    /// The sites it targets (ranks in that report).
    pub site_ranks: Vec<usize>,
    /// Those sites' summed value before (report) and after (new profiles).
    pub change: Change,
}

/// The `--fail-on` gate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Gate {
    /// The threshold: growth beyond noise, in percent.
    pub percent: f64,
    /// Whether a site or the total crossed it (exit code 1).
    pub failed: bool,
    /// What crossed it: `total` or function names.
    pub offenders: Vec<String>,
}

/// The whole `diff` report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DiffReport {
    /// [`DIFF_SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Sample types compared, the primary (ranked, gated) one first.
    pub sample_types: Vec<String>,
    /// The primary sample type's unit.
    pub unit: String,
    /// Base profiles, one per node.
    pub base_nodes: Vec<NodeSummary>,
    /// New profiles, one per node.
    pub new_nodes: Vec<NodeSummary>,
    /// Totals, one per sample type.
    pub totals: Vec<Change>,
    /// Sites, heaviest (larger of base and new median) first.
    pub sites: Vec<SiteChange>,
    /// Verdicts on an earlier `analyze` report's sites (`--report`).
    pub verdicts: Vec<Verdict>,
    /// Verdicts on the earlier report's recommendations (`--report`).
    pub recommendation_verdicts: Vec<RecommendationVerdict>,
    /// The CI gate, when `--fail-on` was given.
    pub gate: Option<Gate>,
    /// Whether lines were matched by statement text (source given).
    pub source_matched: bool,
    /// Every distinct stack of the primary sample type in the base profiles,
    /// summed over the base nodes: the differential flame graph's "before"
    /// (not in the JSON).
    #[serde(skip)]
    pub base_flame: Vec<FoldedStack>,
    /// The same for the new profiles: the graph's "after" (not in the JSON).
    #[serde(skip)]
    pub new_flame: Vec<FoldedStack>,
}
