//! The `slow` report in Markdown, in the shape of seed 003: what is slow,
//! where it is logged and what that code does, what goroutines waited on,
//! ranked hypotheses with the commands that confirm them.

use std::fmt::Write as _;

use super::format::md_section;
use super::slow_md_code::site;
use crate::slow::model::{DumpBlocked, HypothesisKind, SlowReport};

/// Renders the slowness investigation as Markdown.
pub fn render_slow_md(r: &SlowReport) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Slowness investigation\n");
    summary(&mut out, r);
    operations(&mut out, r);
    timeline(&mut out, r);
    if r.operations.iter().any(|o| !o.code.is_empty()) {
        let _ = writeln!(
            out,
            "## Where the time is measured, and what the code does\n"
        );
        for o in &r.operations {
            for c in &o.code {
                site(&mut out, &o.name, c);
            }
        }
    }
    for d in &r.dumps {
        dump(&mut out, d);
    }
    hypotheses(&mut out, r);
    let _ = writeln!(out, "## Appendix: inputs\n");
    let _ = writeln!(out, "| Log | Lines | Slow lines |");
    let _ = writeln!(out, "|---|---|---|");
    for l in &r.logs {
        let _ = writeln!(out, "| `{}` | {} | {} |", l.name, l.lines, l.slow_lines);
    }
    out
}

pub(super) fn esc(s: &str) -> String {
    s.replace('|', "\\|").replace('`', "'")
}

fn summary(out: &mut String, r: &SlowReport) {
    let _ = writeln!(out, "## Summary\n");
    if r.operations.is_empty() {
        let _ = writeln!(out, "No slow-operation lines found in the logs.\n");
        return;
    }
    for o in &r.operations {
        let logged = o
            .code
            .first()
            .map_or(" (not found in the source)".to_string(), |c| {
                format!(", logged by `{}` ({})", c.function, c.file)
            });
        let _ = writeln!(
            out,
            "- `{}`: {} lines from {} subject(s), median {:.3} s, max {:.3} s{logged}.",
            esc(&o.name),
            o.count,
            o.subjects,
            o.p50_seconds,
            o.max_seconds
        );
    }
    if let Some(h) = r.hypotheses.first() {
        let _ = writeln!(
            out,
            "- Most likely: **{}** ({}).",
            hypothesis(h.kind),
            h.verdict
        );
    }
    out.push('\n');
}

fn operations(out: &mut String, r: &SlowReport) {
    if r.operations.is_empty() {
        return;
    }
    let _ = writeln!(out, "## Slow operations\n");
    let _ = writeln!(
        out,
        "| Operation | Pattern | Count | p50 | p99 | Max | Total | Subjects | First | Last |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|---|---|---|---|");
    for o in &r.operations {
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {:.3} s | {:.3} s | {:.3} s | {:.3} s | {} | {} | {} |",
            esc(&o.name),
            esc(&o.pattern),
            o.count,
            o.p50_seconds,
            o.p99_seconds,
            o.max_seconds,
            o.total_seconds,
            o.subjects,
            o.first.as_deref().unwrap_or("—"),
            o.last.as_deref().unwrap_or("—")
        );
    }
    let _ = writeln!(out, "\nAs logged:\n");
    for o in &r.operations {
        for e in &o.examples {
            let _ = writeln!(out, "    {e}");
        }
    }
    out.push('\n');
}

fn timeline(out: &mut String, r: &SlowReport) {
    if r.timeline.is_empty() {
        return;
    }
    md_section(
        out,
        "Timeline",
        "Each row: slow lines whose timed intervals (end − duration … end) overlap.",
    );
    let _ = writeln!(
        out,
        "| From (start of the earliest) | To (last logged) | Lines | Subjects | Durations | Ends within |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|");
    for b in &r.timeline {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {:.3}–{:.3} s | {:.0} ms |",
            b.start, b.end, b.lines, b.subjects, b.min_seconds, b.max_seconds, b.end_spread_ms
        );
    }
    out.push('\n');
}

fn dump(out: &mut String, d: &DumpBlocked) {
    let _ = writeln!(
        out,
        "## Goroutines in `{}` ({} in all)\n",
        d.name, d.goroutines
    );
    let _ = writeln!(
        out,
        "| State | Goroutines | Max minutes | Innermost application frame | Code | On the slow code's stacks |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|");
    for g in &d.groups {
        let code = g
            .code
            .as_deref()
            .map_or("—".to_string(), |c| format!("`{}`", esc(c)));
        let _ = writeln!(
            out,
            "| {} | {} | {} | `{}` ({}) | {code} | {} |",
            g.state,
            g.count,
            g.max_minutes,
            g.function,
            g.place,
            if g.in_slow_code { "yes" } else { "" }
        );
    }
    out.push('\n');
}

fn hypotheses(out: &mut String, r: &SlowReport) {
    let _ = writeln!(out, "## Hypotheses, most likely first\n");
    for h in &r.hypotheses {
        let _ = writeln!(
            out,
            "### {}. {} — {} (score {})\n",
            h.rank,
            hypothesis(h.kind),
            h.verdict,
            h.score
        );
        if !h.evidence_for.is_empty() {
            let _ = writeln!(out, "For:\n");
            for e in &h.evidence_for {
                let _ = writeln!(out, "- {e}");
            }
            out.push('\n');
        }
        if !h.evidence_against.is_empty() {
            let _ = writeln!(out, "Against:\n");
            for e in &h.evidence_against {
                let _ = writeln!(out, "- {e}");
            }
            out.push('\n');
        }
        let _ = writeln!(out, "To confirm:\n\n```bash");
        for c in &h.confirm {
            let _ = writeln!(out, "{c}");
        }
        let _ = writeln!(out, "```\n");
    }
}

/// People's name of a hypothesis.
pub(super) fn hypothesis(k: HypothesisKind) -> &'static str {
    match k {
        HypothesisKind::SchedulerStarvation => "Scheduler starvation: the process got no CPU",
        HypothesisKind::LockContention => "Lock contention",
        HypothesisKind::IoLatency => "I/O latency",
        HypothesisKind::Gc => "Garbage collection",
    }
}
