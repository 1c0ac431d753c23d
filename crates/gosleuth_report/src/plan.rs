//! The phased plan of the Markdown report: what to fix first.

use gosleuth_rules::{Effort, Finding, Severity, Weighting};

/// The share of the profiles' total that puts a finding in the first phase.
const MEASURED_SHARE: f64 = 0.01;

/// A phase of the plan and the findings in it.
pub(crate) struct Phase<'a> {
    pub(crate) title: &'static str,
    pub(crate) why: &'static str,
    pub(crate) findings: Vec<&'a Finding>,
}

/// With profiles, first what they measure: findings through which at least
/// [`MEASURED_SHARE`] of the total passes, heaviest first. Then phase 1:
/// leaks and unbounded growth (they take a service down) and high-severity
/// fixes of low effort; phase 2: the other high findings and cheap medium
/// ones; phase 3: the rest.
pub(crate) fn phases<'a>(findings: &'a [Finding], weighting: Option<&Weighting>) -> Vec<Phase<'a>> {
    let mut p = [
        Phase {
            title: "First — what the profiles measure",
            why: "findings on lines through which at least 1% of the profiles' total passes, heaviest first: the measured cost is there",
            findings: Vec::new(),
        },
        Phase {
            title: "Phase 1 — stop leaks and quick wins",
            why: "goroutine and resource leaks, unbounded growth, and high-severity fixes that are a few lines each",
            findings: Vec::new(),
        },
        Phase {
            title: "Phase 2 — hot-path allocations and contention",
            why: "the remaining high findings and the cheap medium ones; verify each with a benchmark or a new profile",
            findings: Vec::new(),
        },
        Phase {
            title: "Phase 3 — structural and per-connection costs",
            why: "design changes and low-severity items; schedule against measured per-connection memory",
            findings: Vec::new(),
        },
    ];
    for f in findings {
        if weighting.and_then(|w| crate::share(f, w)) >= Some(MEASURED_SHARE) {
            p[0].findings.push(f);
            continue;
        }
        let leak = matches!(
            f.kind,
            gosleuth_rules::Kind::K7 | gosleuth_rules::Kind::K8 | gosleuth_rules::Kind::K9
        );
        let phase = match (f.severity, f.effort) {
            (Severity::Critical | Severity::High, _) if leak => 1,
            (Severity::Critical | Severity::High, Effort::Low) => 1,
            (Severity::Critical | Severity::High, _) => 2,
            (Severity::Medium, Effort::Low) => 2,
            _ => 3,
        };
        p[phase].findings.push(f);
    }
    p.into_iter().filter(|p| !p.findings.is_empty()).collect()
}
