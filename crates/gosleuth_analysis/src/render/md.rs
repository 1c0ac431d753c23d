//! The Markdown report, in the shape of the hand-written analyses (seeds 000/001).

use std::fmt::Write as _;

use super::format::{category, md_code_cell, md_section, percent, range, short_name, value};
use super::md_parts::{rate_cell, rate_header, with_rate};
use crate::model::{AnalyzeReport, Site};

/// Renders the report as Markdown.
pub fn render_md(r: &AnalyzeReport) -> String {
    let mut out = String::new();
    let n = r.nodes.len();
    let nodes = if n == 1 {
        "one profile".to_string()
    } else {
        format!("{n} nodes")
    };
    let _ = writeln!(
        out,
        "# Allocation analysis: `{}` across {nodes}\n",
        r.sample_type
    );
    let _ = writeln!(
        out,
        "Total {}: {}.\n",
        r.sample_type,
        with_rate(r, &r.total, r.total_per_minute.as_ref())
    );
    super::md_parts::windows(&mut out, r);
    summary(&mut out, r);
    super::recommendations::md(&mut out, r);
    sites_table(&mut out, r);
    super::md_parts::files(&mut out, r);
    let _ = writeln!(out, "## Per-site deep dive\n");
    for s in &r.sites {
        deep_dive(&mut out, r, s);
    }
    hubs(&mut out, r);
    verify(&mut out, r);
    appendix(&mut out, r);
    out
}

fn summary(out: &mut String, r: &AnalyzeReport) {
    let _ = writeln!(out, "## Executive summary\n");
    let (head, rule) = rate_header(r);
    let _ = writeln!(
        out,
        "| Category | Ranks | {} |{head} Root cause |",
        r.sample_type
    );
    let _ = writeln!(out, "|---|---|---|{rule}---|");
    for row in &r.summary {
        let ranks: Vec<String> = row.ranks.iter().map(ToString::to_string).collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} |{} {} |",
            category(row.category),
            ranks.join(", "),
            range(&row.value, &r.unit, r.nodes.len()),
            rate_cell(r, row.value_per_minute.as_ref()),
            row.root_cause
        );
    }
    if let Some(h) = r.hubs.first() {
        let _ = writeln!(
            out,
            "\nThe largest fan-out hub is `{}` ({} cumulative, {} own): the allocations of its callees roll up into it.",
            short_name(&h.function),
            percent(&h.cum_percent),
            percent(&h.flat_percent)
        );
    }
    out.push('\n');
}

fn sites_table(out: &mut String, r: &AnalyzeReport) {
    let _ = writeln!(out, "## Top allocation sites\n");
    let (head, rule) = rate_header(r);
    let _ = writeln!(
        out,
        "| Rank | Function | Flat |{head} Share | Cumulative | Category |"
    );
    let _ = writeln!(out, "|---|---|---|{rule}---|---|---|");
    let n = r.nodes.len();
    for s in &r.sites {
        let _ = writeln!(
            out,
            "| {} | `{}` | {} |{} {} | {} | {} |",
            s.rank,
            short_name(&s.function),
            range(&s.flat, &r.unit, n),
            rate_cell(r, s.flat_per_minute.as_ref()),
            percent(&s.share_percent),
            range(&s.cum, &r.unit, n),
            category(s.category)
        );
    }
    out.push('\n');
}

fn deep_dive(out: &mut String, r: &AnalyzeReport, s: &Site) {
    let n = r.nodes.len();
    let _ = writeln!(
        out,
        "### {}. `{}` — {}\n",
        s.rank,
        short_name(&s.function),
        with_rate(r, &s.flat, s.flat_per_minute.as_ref())
    );
    match (&s.file, s.decl_line) {
        (Some(f), Some(l)) => {
            let _ = writeln!(out, "**File:** `{f}:{l}`  ");
        }
        (Some(f), None) => {
            let _ = writeln!(out, "**File:** `{f}`  ");
        }
        _ => {
            let _ = writeln!(out, "**File:** not found under the source roots  ");
        }
    }
    let _ = writeln!(out, "**Function:** `{}`  ", s.function);
    let _ = writeln!(out, "**Share of total:** {}  ", percent(&s.share_percent));
    let _ = writeln!(
        out,
        "**Category:** {} — {}.\n",
        category(s.category),
        s.reason
    );
    super::recommendations::site_findings(out, s);
    if let Some(p) = &s.pool {
        let size = p
            .object_size
            .map(|v| format!(", {} objects", value(v, &r.unit)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "This is `{}.New` (`sync.Pool` at {}:{}){size}: every sample here is a pool miss.",
            p.pool, p.file, p.line
        );
        if p.puts.is_empty() {
            let _ = writeln!(
                out,
                "Nothing in the package calls `{}.Put`: objects never return.\n",
                p.pool
            );
        } else {
            let _ = writeln!(
                out,
                "Objects return through `{}.Put` at {}.\n",
                p.pool,
                p.puts.join(", ")
            );
        }
    }
    if !s.lines.is_empty() {
        let all = if n > 1 { " (all nodes)" } else { "" };
        let _ = writeln!(
            out,
            "| Line | Code | {}{all} | Objects{all} | Avg size |",
            r.sample_type
        );
        let _ = writeln!(out, "|---|---|---|---|---|");
        for l in &s.lines {
            let code = md_code_cell(l.code.as_deref());
            let objects = l.objects.map_or("—".into(), |o| value(o, "count"));
            let avg = l.average_size.map_or("—".into(), |a| value(a, &r.unit));
            let _ = writeln!(
                out,
                "| {} | {code} | {} | {objects} | {avg} |",
                l.line,
                value(l.value, &r.unit)
            );
        }
        out.push('\n');
    }
    super::md_parts::sizes(out, r, s);
    if !s.callers.is_empty() {
        let _ = writeln!(out, "**Called from:**\n");
        for c in &s.callers {
            let via = c
                .via
                .as_deref()
                .and_then(|v| v.split_once(" at "))
                .map(|(f, place)| format!(", reached from `{}` at `{place}`", short_name(f)))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "- `{}` at `{}:{}` ({:.1}%){via}",
                short_name(&c.function),
                c.file,
                c.line,
                c.share_percent
            );
        }
        out.push('\n');
    }
}

fn hubs(out: &mut String, r: &AnalyzeReport) {
    if r.hubs.is_empty() {
        return;
    }
    md_section(
        out,
        "Fan-out hubs",
        "Large cumulative share, small own share: these functions are where the work fans out, not where it allocates.",
    );
    for h in &r.hubs {
        let children: Vec<String> = h
            .children
            .iter()
            .map(|(c, share)| format!("`{}` {share:.0}%", short_name(c)))
            .collect();
        let _ = writeln!(
            out,
            "- `{}`: {} cumulative, {} own; carried by {}",
            short_name(&h.function),
            percent(&h.cum_percent),
            percent(&h.flat_percent),
            children.join(", ")
        );
    }
    out.push('\n');
}

fn verify(out: &mut String, r: &AnalyzeReport) {
    let _ = writeln!(out, "## How to verify\n");
    let names: Vec<&str> = r.nodes.iter().map(|n| n.name.as_str()).collect();
    let _ = writeln!(
        out,
        "Capture the same workload after the change and compare: `gosleuth diff --base {} -- NEW_PROFILES…`. \
         The node-to-node spread above is the noise band.\n",
        names.join(" ")
    );
}

fn appendix(out: &mut String, r: &AnalyzeReport) {
    let _ = writeln!(out, "## Appendix\n");
    let _ = writeln!(out, "| Node | Total {} | Window |", r.sample_type);
    let _ = writeln!(out, "|---|---|---|");
    for n in &r.nodes {
        let window = n.duration_seconds.map_or("—".into(), |d| {
            let rate = n
                .total_per_minute
                .map(|m| format!(" ({}/min)", value(m, &r.unit)))
                .unwrap_or_default();
            format!("{d:.1} s{rate}")
        });
        let _ = writeln!(
            out,
            "| {} | {} | {window} |",
            n.name,
            value(n.total, &r.unit)
        );
    }
    let c = &r.source;
    let _ = writeln!(
        out,
        "\nSource: {} of {} frames resolved to a function containing the sampled line.",
        c.resolved, c.frames
    );
    if !c.unresolved.is_empty() {
        let _ = writeln!(out, "\nUnresolved frames:\n");
        for u in &c.unresolved {
            let _ = writeln!(out, "- `{u}`");
        }
    }
    let _ = writeln!(
        out,
        "\nMethod: flat = value of samples whose innermost frame is the function; cumulative counts each function \
         once per sample; every figure is computed per node and shown as min–max across nodes; \
         a rate per minute divides each node's value by that node's window before the range is taken."
    );
}
