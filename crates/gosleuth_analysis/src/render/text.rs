//! The compact terminal report: the sites, their heaviest line, the hubs.
//! Colour (bold names, dim detail) only when asked for: the binary decides
//! from the terminal and `NO_COLOR`.

use std::fmt::Write as _;

use super::format::{category, percent, range, short_name, value};
use crate::model::AnalyzeReport;

/// Renders the report for a terminal.
pub fn render_text(r: &AnalyzeReport, colour: bool) -> String {
    let (bold, dim, reset) = if colour {
        ("\x1b[1m", "\x1b[2m", "\x1b[0m")
    } else {
        ("", "", "")
    };
    let n = r.nodes.len();
    let mut out = String::new();
    let nodes = if n == 1 {
        "1 node".to_string()
    } else {
        format!("{n} nodes")
    };
    let _ = writeln!(
        out,
        "{bold}{}{reset} across {nodes}: total {}",
        r.sample_type,
        range(&r.total, &r.unit, n)
    );
    for s in &r.sites {
        let _ = writeln!(
            out,
            "{:>3}. {bold}{}{reset}  {}  {}  {dim}{}{reset}",
            s.rank,
            short_name(&s.function),
            range(&s.flat, &r.unit, n),
            percent(&s.share_percent),
            category(s.category)
        );
        if let Some(p) = &s.pool {
            let _ = writeln!(
                out,
                "     {dim}is {}.New (sync.Pool at {}:{}){reset}",
                p.pool, p.file, p.line
            );
        }
        if let Some(l) = s.lines.first() {
            let place = s
                .file
                .as_deref()
                .map_or(String::new(), |f| format!("{f}:{} ", l.line));
            let code = l.code.as_deref().unwrap_or("");
            let all = if n > 1 { " over all nodes" } else { "" };
            let _ = writeln!(
                out,
                "     {dim}{place}{reset}{code}  {dim}{}{all}{reset}",
                value(l.value, &r.unit)
            );
        }
        if let Some(c) = s.callers.first() {
            let _ = writeln!(
                out,
                "     {dim}from {} at {}:{} ({:.0}%){reset}",
                short_name(&c.function),
                c.file,
                c.line,
                c.share_percent
            );
        }
    }
    for h in &r.hubs {
        let kids: Vec<String> = h
            .children
            .iter()
            .map(|(c, p)| format!("{} {p:.0}%", short_name(c)))
            .collect();
        let _ = writeln!(
            out,
            "hub  {bold}{}{reset}  {} cumulative, {} own  {dim}→ {}{reset}",
            short_name(&h.function),
            percent(&h.cum_percent),
            percent(&h.flat_percent),
            kids.join(", ")
        );
    }
    super::recommendations::text(&mut out, r, dim, reset);
    let _ = writeln!(
        out,
        "{dim}source: {} of {} frames resolved{reset}",
        r.source.resolved, r.source.frames
    );
    out
}
