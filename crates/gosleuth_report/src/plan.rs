//! The phased plan of the Markdown report: what to fix first.

use gosleuth_rules::{Effort, Finding, Severity};

/// A phase of the plan and the findings in it.
pub(crate) struct Phase<'a> {
    pub(crate) title: &'static str,
    pub(crate) why: &'static str,
    pub(crate) findings: Vec<&'a Finding>,
}

/// Phase 1: leaks and unbounded growth (they take a service down) and
/// high-severity fixes of low effort; phase 2: the other high findings and
/// cheap medium ones; phase 3: the rest.
pub(crate) fn phases(findings: &[Finding]) -> Vec<Phase<'_>> {
    let mut p = [
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
        let leak = matches!(
            f.kind,
            gosleuth_rules::Kind::K7 | gosleuth_rules::Kind::K8 | gosleuth_rules::Kind::K9
        );
        let phase = match (f.severity, f.effort) {
            (Severity::Critical | Severity::High, _) if leak => 0,
            (Severity::Critical | Severity::High, Effort::Low) => 0,
            (Severity::Critical | Severity::High, _) => 1,
            (Severity::Medium, Effort::Low) => 1,
            _ => 2,
        };
        p[phase].findings.push(f);
    }
    p.into_iter().filter(|p| !p.findings.is_empty()).collect()
}
