//! The `goroutines` report in Markdown: what grew (with the leak rules'
//! findings), the groups by creation site and by top frame, and the stacks of
//! the largest groups.

use std::fmt::Write as _;

use super::format::short_name;
use crate::{
    CodeSite, DumpFormat, DumpSummary, GoroutinesReport, Group, GroupKind, Growth, StateCount,
};

/// Rows per group table.
const ROWS: usize = 25;
/// Groups whose stacks are shown.
const STACKS: usize = 3;

/// Renders the goroutines report as Markdown.
pub fn render_goroutines_md(r: &GoroutinesReport) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Goroutines: `{}`, {} goroutines ({})\n",
        r.dump.name,
        r.total,
        format(r.dump.format)
    );
    if let Some(e) = &r.earlier {
        growth(&mut out, r, e);
    }
    let _ = writeln!(out, "## By creation site\n");
    table(&mut out, &r.groups, "Created by");
    let _ = writeln!(out, "## By top application frame\n");
    table(&mut out, &r.top_frames, "Top frame");
    let _ = writeln!(out, "## Stacks of the largest groups\n");
    for g in r.groups.iter().take(STACKS) {
        let _ = writeln!(out, "### {} goroutines, {}\n", g.count, key(g));
        let _ = writeln!(out, "```");
        for f in &g.stack {
            let code = f
                .code
                .as_deref()
                .map_or(String::new(), |c| format!("    {c}"));
            let _ = writeln!(out, "{}\n    {}{code}", short_name(&f.function), place(f));
        }
        let _ = writeln!(out, "```\n");
    }
    if r.dump.format != DumpFormat::Debug2 {
        let _ = writeln!(
            out,
            "This format has no states, wait minutes or creators: goroutines are grouped by the function they started in. Use `?debug=2` for those.\n"
        );
    }
    out
}

fn growth(out: &mut String, r: &GoroutinesReport, e: &DumpSummary) {
    let delta = i128::from(r.total) - i128::from(e.total);
    let _ = writeln!(out, "## What grew since `{}`\n", e.name);
    let _ = writeln!(out, "{} → {} goroutines ({delta:+}).\n", e.total, r.total);
    let grew: Vec<&Growth> = r.growth.iter().filter(|g| g.delta > 0).collect();
    if grew.is_empty() {
        let _ = writeln!(out, "Nothing grew.\n");
        return;
    }
    let _ = writeln!(
        out,
        "| Growth | Before | After | Top frame | Where | Code | States | Created by |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|---|---|");
    for g in grew.iter().take(ROWS) {
        let created: Vec<String> = g
            .created_by
            .iter()
            .map(|c| {
                format!(
                    "`{}` `{}` ({})",
                    short_name(&c.site.function),
                    place(&c.site),
                    c.count
                )
            })
            .collect();
        let _ = writeln!(
            out,
            "| +{} | {} | {} | `{}` | `{}` | {} | {} | {} |",
            g.delta,
            g.before,
            g.after,
            short_name(&g.site.function),
            place(&g.site),
            code(&g.site),
            states(&g.states),
            if created.is_empty() {
                "—".into()
            } else {
                created.join("; ")
            }
        );
    }
    out.push('\n');
    for g in grew.iter().filter(|g| !g.findings.is_empty()) {
        let _ = writeln!(
            out,
            "**Leak rules on `{}` (`{}`):**\n",
            short_name(&g.site.function),
            place(&g.site)
        );
        for f in &g.findings {
            let lines = if f.end_line > f.line {
                format!("{}-{}", f.line, f.end_line)
            } else {
                f.line.to_string()
            };
            let message = f.message.trim_end_matches('.');
            let fix = f.fix.trim_end_matches('.');
            let _ = writeln!(
                out,
                "- {} `{}` ({}) at `{}:{lines}`: {message}. Fix: {fix}.",
                f.rule, f.slug, f.severity, f.file
            );
        }
        out.push('\n');
    }
    if !r.rules_checked {
        let _ = writeln!(
            out,
            "Give `--src` to resolve the growing sites and run the goroutine-leak rules on their code.\n"
        );
    }
}

fn table(out: &mut String, groups: &[Group], what: &str) {
    let _ = writeln!(
        out,
        "| Goroutines | {what} | Where | Code | States (minutes waiting) |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|");
    for g in groups.iter().take(ROWS) {
        let _ = writeln!(
            out,
            "| {} | {} | `{}` | {} | {} |",
            g.count,
            name(g),
            place(&g.site),
            code(&g.site),
            states(&g.states)
        );
    }
    if groups.len() > ROWS {
        let rest: u64 = groups[ROWS..].iter().map(|g| g.count).sum();
        let _ = writeln!(
            out,
            "| {rest} | {} more groups | | | |",
            groups.len() - ROWS
        );
    }
    out.push('\n');
}

fn name(g: &Group) -> String {
    let n = format!("`{}`", short_name(&g.site.function));
    match g.kind {
        GroupKind::Main => format!("{n} (main goroutine)"),
        GroupKind::EntryFunction => format!("{n} (entry)"),
        GroupKind::TopFrame if !g.application => format!("{n} (no application frame; entry)"),
        _ => n,
    }
}

fn key(g: &Group) -> String {
    match g.kind {
        GroupKind::GoStatement => format!(
            "created at `{}` in `{}`",
            place(&g.site),
            short_name(&g.site.function)
        ),
        GroupKind::EntryFunction => format!("started in `{}`", short_name(&g.site.function)),
        GroupKind::Main => "the main goroutine".to_string(),
        GroupKind::TopFrame => format!("at `{}`", place(&g.site)),
    }
}

/// `file:line` of a site.
pub(super) fn place(s: &CodeSite) -> String {
    if s.file.is_empty() {
        "—".into()
    } else if s.line > 0 {
        format!("{}:{}", s.file, s.line)
    } else {
        s.file.clone()
    }
}

fn code(s: &CodeSite) -> String {
    s.code
        .as_deref()
        .map_or("—".into(), |c| format!("`{}`", c.replace('|', "\\|")))
}

/// `chan send 237 (1 min)`, `IO wait 25 (0–3 min)`; `—` without states.
pub(super) fn states(v: &[StateCount]) -> String {
    if v.is_empty() {
        return "—".into();
    }
    let parts: Vec<String> = v
        .iter()
        .map(|s| match (s.min_minutes, s.max_minutes) {
            (0, 0) => format!("{} {}", s.state, s.count),
            (a, b) if a == b => format!("{} {} ({a} min)", s.state, s.count),
            (a, b) => format!("{} {} ({a}–{b} min)", s.state, s.count),
        })
        .collect();
    parts.join(", ")
}

fn format(f: DumpFormat) -> &'static str {
    match f {
        DumpFormat::Debug2 => "`?debug=2` dump",
        DumpFormat::Debug1 => "`?debug=1` counts",
        DumpFormat::Protobuf => "protobuf profile",
    }
}
