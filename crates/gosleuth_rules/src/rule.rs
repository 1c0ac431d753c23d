//! What a rule is: metadata, documentation and a detector.

use crate::context::FileCtx;
use crate::finding::{Category, Effort, Kind, Related, Severity};

/// One rule of the catalog.
#[derive(Debug)]
pub struct Rule {
    /// Stable id, e.g. `GS201`.
    pub id: &'static str,
    /// Stable slug, e.g. `worst-case-encode-buffer`.
    pub slug: &'static str,
    /// Problem kind.
    pub kind: Kind,
    /// Root-cause category.
    pub category: Category,
    /// Default severity.
    pub severity: Severity,
    /// One line: what the rule finds.
    pub title: &'static str,
    /// One line: what the problem costs (the report's "impact").
    pub impact: &'static str,
    /// One line: what to do (the report's "recommendation").
    pub fix: &'static str,
    /// Full documentation in Markdown with the headings `## What it finds`,
    /// `## Why it costs`, `## How to fix` and `## References`.
    pub docs: &'static str,
    /// Share of a site's cost a fix removes, 0–1.
    pub avoidable: f64,
    /// How much work a fix is.
    pub effort: Effort,
    /// Whether only a profile can confirm a finding (a line that allocates
    /// proves what the source alone cannot): a plain `audit` leaves such rules
    /// out; `analyze` and `audit --profile` keep their findings on lines that
    /// allocate.
    pub needs_profile: bool,
    pub(crate) check: fn(&FileCtx<'_>, &mut Vec<Hit>),
}

/// What a detector reports: the engine adds the rule's metadata, the
/// function name and the evidence.
#[derive(Debug, Clone)]
pub(crate) struct Hit {
    pub(crate) line: u32,
    pub(crate) end_line: u32,
    pub(crate) message: String,
    pub(crate) severity: Option<Severity>,
    pub(crate) related: Vec<Related>,
}

impl Hit {
    /// A hit covering `node`'s lines.
    pub(crate) fn at(node: tree_sitter::Node<'_>, message: impl Into<String>) -> Hit {
        Hit::lines(
            crate::syntax::line(node),
            crate::syntax::end_line(node),
            message,
        )
    }

    /// A hit covering `line..=end_line`.
    pub(crate) fn lines(line: u32, end_line: u32, message: impl Into<String>) -> Hit {
        Hit {
            line,
            end_line: end_line.max(line),
            message: message.into(),
            severity: None,
            related: Vec::new(),
        }
    }

    /// Overrides the rule's default severity.
    pub(crate) fn severity(mut self, s: Severity) -> Hit {
        self.severity = Some(s);
        self
    }

    /// Adds a related line.
    pub(crate) fn related(mut self, line: u32, note: impl Into<String>) -> Hit {
        self.related.push(Related {
            line,
            note: note.into(),
        });
        self
    }
}
