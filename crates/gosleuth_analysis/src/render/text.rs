//! The compact terminal report: the sites, their heaviest line, the hubs.
//! Colour (bold names, dim detail) only when asked for: the binary decides
//! from the terminal and `NO_COLOR`.

use std::fmt::Write as _;

use super::format::{
    base_name, category, per_minute, percent, range, short_name, size_bytes, value,
};
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
    let rate = |m: Option<&crate::model::Range>| {
        per_minute(m, &r.unit, n)
            .map(|m| format!(", {m}"))
            .unwrap_or_default()
    };
    let _ = writeln!(
        out,
        "{bold}{}{reset} across {nodes}: total {}{}",
        r.sample_type,
        range(&r.total, &r.unit, n),
        rate(r.total_per_minute.as_ref())
    );
    let _ = writeln!(out, "{dim}{}{reset}", windows(r));
    for s in &r.sites {
        let _ = writeln!(
            out,
            "{:>3}. {bold}{}{reset}  {}{}  {}  {dim}{}{reset}",
            s.rank,
            short_name(&s.function),
            range(&s.flat, &r.unit, n),
            rate(s.flat_per_minute.as_ref()),
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
        if let Some(z) = &s.object_sizes {
            let top: Vec<String> = z
                .top
                .iter()
                .take(3)
                .map(|x| {
                    let objects = value(x.objects, "count");
                    format!(
                        "{} × {objects} ({:.0}% of bytes)",
                        size_bytes(x.size),
                        x.bytes_percent
                    )
                })
                .collect();
            let _ = writeln!(out, "     {dim}sizes: {}{reset}", top.join(", "));
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
    for f in &r.files {
        let heaviest: Vec<String> = f
            .functions
            .iter()
            .take(4)
            .map(|x| format!("{}:{}", short_name(&x.function), x.line))
            .collect();
        let _ = writeln!(
            out,
            "file {bold}{}{reset}  {}{}  {}  {dim}{}{reset}",
            base_name(&f.file),
            range(&f.value, &r.unit, n),
            rate(f.value_per_minute.as_ref()),
            percent(&f.share_percent),
            heaviest.join(", ")
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

/// The nodes' windows in a few words.
fn windows(r: &AnalyzeReport) -> String {
    use crate::model::Windows;
    match r.windows {
        Windows::Unknown => "no collection window recorded: figures are totals".to_string(),
        Windows::Partial => "window not recorded by every profile: figures are totals".to_string(),
        Windows::Equal => format!(
            "window {:.1} s on every node",
            r.nodes[0].duration_seconds.unwrap_or_default()
        ),
        Windows::Differ => {
            let w: Vec<String> = r
                .nodes
                .iter()
                .map(|n| format!("{} {:.1} s", n.name, n.duration_seconds.unwrap_or_default()))
                .collect();
            format!(
                "windows differ ({}): compare the /min figures",
                w.join(", ")
            )
        }
    }
}
