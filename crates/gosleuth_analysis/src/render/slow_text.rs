//! The `slow` report for a terminal: operations, where they are logged,
//! the hypotheses in order.

use std::fmt::Write as _;

use super::slow_md::hypothesis;
use crate::slow::model::SlowReport;

/// Renders the slowness investigation for a terminal.
pub fn render_slow_text(r: &SlowReport, colour: bool) -> String {
    let (bold, dim, reset) = if colour {
        ("\x1b[1m", "\x1b[2m", "\x1b[0m")
    } else {
        ("", "", "")
    };
    let mut out = String::new();
    for o in &r.operations {
        let _ = writeln!(
            out,
            "{bold}{}{reset}  {}×  p50 {:.3} s  p99 {:.3} s  max {:.3} s  {dim}({} subjects){reset}",
            o.name, o.count, o.p50_seconds, o.p99_seconds, o.max_seconds, o.subjects
        );
        for c in &o.code {
            let lines: Vec<String> = c.lines.iter().map(ToString::to_string).collect();
            let _ = writeln!(
                out,
                "  logged by {} at {}:{}",
                c.function,
                c.file,
                lines.join(",")
            );
            for l in &c.locks {
                let _ = writeln!(
                    out,
                    "    {dim}{} {} at line {}, {} call(s) under it{reset}",
                    l.mode,
                    l.lock,
                    l.acquired,
                    l.calls.len()
                );
            }
        }
    }
    for b in &r.timeline {
        let _ = writeln!(
            out,
            "{dim}{} → {}{reset}  {} lines, {} subjects, {:.3}–{:.3} s, ends within {:.0} ms",
            b.start, b.end, b.lines, b.subjects, b.min_seconds, b.max_seconds, b.end_spread_ms
        );
    }
    for h in &r.hypotheses {
        let _ = writeln!(
            out,
            "{}. {bold}{}{reset} ({}, score {})",
            h.rank,
            hypothesis(h.kind),
            h.verdict,
            h.score
        );
    }
    out
}
