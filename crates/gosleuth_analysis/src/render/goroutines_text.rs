//! The compact terminal `goroutines`: what grew, then the groups.

use std::fmt::Write as _;

use super::format::short_name;
use super::goroutines_md::{place, states};
use crate::{GoroutinesReport, Group};

const ROWS: usize = 15;

/// Renders the goroutines report for a terminal.
pub fn render_goroutines_text(r: &GoroutinesReport, colour: bool) -> String {
    let (bold, dim, reset) = if colour {
        ("\x1b[1m", "\x1b[2m", "\x1b[0m")
    } else {
        ("", "", "")
    };
    let mut out = String::new();
    let _ = writeln!(out, "{bold}{}{reset}: {} goroutines", r.dump.name, r.total);
    if let Some(e) = &r.earlier {
        let _ = writeln!(out, "grew since {} ({} goroutines):", e.name, e.total);
        for g in r.growth.iter().filter(|g| g.delta > 0).take(ROWS) {
            let _ = writeln!(
                out,
                "  {:>+6}  {:>5} → {:<5} {bold}{}{reset} {}  {dim}{}{reset}",
                g.delta,
                g.before,
                g.after,
                short_name(&g.site.function),
                place(&g.site),
                states(&g.states)
            );
            for f in &g.findings {
                let _ = writeln!(
                    out,
                    "          {} {} at {}:{}: {}",
                    f.rule, f.slug, f.file, f.line, f.message
                );
            }
        }
    }
    let mut section = |title: &str, groups: &[Group]| {
        let _ = writeln!(out, "{title}:");
        for g in groups.iter().take(ROWS) {
            let _ = writeln!(
                out,
                "  {:>6}  {bold}{}{reset} {}  {dim}{}{reset}",
                g.count,
                short_name(&g.site.function),
                place(&g.site),
                states(&g.states)
            );
        }
        if groups.len() > ROWS {
            let rest: u64 = groups[ROWS..].iter().map(|g| g.count).sum();
            let _ = writeln!(out, "  {rest:>6}  in {} more groups", groups.len() - ROWS);
        }
    };
    section("by creation site", &r.groups);
    section("by top application frame", &r.top_frames);
    out
}
