//! The `diff` report in Markdown: the verdict on the total, the changes beyond
//! noise with their savings, the top sites, the earlier report's sites, the
//! lines of the changed sites, the gate and the method.

use std::fmt::Write as _;

use super::diff_text::change_notes;
use super::format::{change, md_code_cell, range, short_name, status, value};
use crate::{Change, DiffReport, SiteChange, Status};

/// Top sites listed whatever their verdict.
const TOP: usize = 10;

/// Renders the diff report as Markdown.
pub fn render_diff_md(r: &DiffReport) -> String {
    let mut out = String::new();
    let (nb, nn) = (r.base_nodes.len(), r.new_nodes.len());
    let _ = writeln!(
        out,
        "# Before/after: `{}`, {} → {}\n",
        r.sample_types[0],
        nodes(nb, "base"),
        nodes(nn, "new")
    );
    let t = &r.totals[0];
    let _ = writeln!(
        out,
        "**Total:** {} → {}: {}, noise band ±{}: **{}**.\n",
        range(&t.base, &r.unit, nb),
        range(&t.new, &r.unit, nn),
        change(t, &r.unit),
        value(t.noise, &r.unit),
        status(t.status)
    );
    let changed: Vec<&SiteChange> = r
        .sites
        .iter()
        .filter(|s| s.primary().status != Status::Unchanged)
        .collect();
    changes(&mut out, r, &changed);
    let _ = writeln!(out, "## Top sites\n");
    table(&mut out, r, &r.sites.iter().take(TOP).collect::<Vec<_>>());
    verdicts(&mut out, r);
    recommendation_verdicts(&mut out, r);
    for s in &changed {
        lines(&mut out, r, s);
    }
    gate(&mut out, r);
    method(&mut out, r);
    out
}

fn nodes(n: usize, side: &str) -> String {
    if n == 1 {
        format!("1 {side} node")
    } else {
        format!("{n} {side} nodes")
    }
}

fn changes(out: &mut String, r: &DiffReport, changed: &[&SiteChange]) {
    let _ = writeln!(out, "## Changes beyond noise\n");
    if changed.is_empty() {
        let _ = writeln!(out, "None: every site's change is inside its noise band.\n");
        return;
    }
    table(out, r, changed);
    for n in change_notes(r, changed) {
        let _ = writeln!(out, "- `{}` is **{}**: {}", n.function, n.status, n.what);
    }
    out.push('\n');
}

fn table(out: &mut String, r: &DiffReport, sites: &[&SiteChange]) {
    let (nb, nn) = (r.base_nodes.len(), r.new_nodes.len());
    let _ = writeln!(
        out,
        "| Site | File | Before | After | Change | Noise | Verdict |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|---|");
    for s in sites {
        let c = s.primary();
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} | {} | ±{} | {} |",
            short_name(&s.function),
            s.file
                .as_deref()
                .map_or("—".to_string(), |f| format!("`{f}`")),
            range(&c.base, &r.unit, nb),
            range(&c.new, &r.unit, nn),
            change(c, &r.unit),
            value(c.noise, &r.unit),
            status(c.status)
        );
    }
    out.push('\n');
}

fn verdicts(out: &mut String, r: &DiffReport) {
    if r.verdicts.is_empty() {
        return;
    }
    let _ = writeln!(out, "## Sites of the earlier analysis\n");
    let _ = writeln!(
        out,
        "| Rank | Site | Before (report) | After | Change | Noise | Verdict |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|---|");
    for v in &r.verdicts {
        let c: &Change = &v.change;
        let _ = writeln!(
            out,
            "| {} | `{}` | {} | {} | {} | ±{} | {} |",
            v.rank,
            short_name(&v.function),
            range(&c.base, &r.unit, 3),
            range(&c.new, &r.unit, r.new_nodes.len()),
            change(c, &r.unit),
            value(c.noise, &r.unit),
            status(c.status)
        );
    }
    out.push('\n');
}

fn lines(out: &mut String, r: &DiffReport, s: &SiteChange) {
    if s.lines.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "### `{}`: {}, line by line\n",
        short_name(&s.function),
        status(s.primary().status)
    );
    let _ = writeln!(
        out,
        "| Before | After | Code | Before | After | Matched by |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|");
    for l in &s.lines {
        let code = md_code_cell(l.code.as_deref());
        let _ = writeln!(
            out,
            "| {} | {} | {code} | {} | {} | {} |",
            l.base_line
                .as_deref()
                .map_or("—".into(), |p| format!("`{p}`")),
            l.new_line
                .as_deref()
                .map_or("—".into(), |p| format!("`{p}`")),
            value(l.base, &r.unit),
            value(l.new, &r.unit),
            super::diff_text::matched_by(l.matched_by)
        );
    }
    out.push('\n');
}

fn gate(out: &mut String, r: &DiffReport) {
    let Some(g) = &r.gate else { return };
    let _ = writeln!(out, "## CI gate\n");
    if g.failed {
        let names: Vec<String> = g
            .offenders
            .iter()
            .map(|o| format!("`{}`", short_name(o)))
            .collect();
        let _ = writeln!(
            out,
            "**Failed** (`--fail-on {}`): grew more than {}% beyond noise: {}.\n",
            g.percent,
            g.percent,
            names.join(", ")
        );
    } else {
        let _ = writeln!(
            out,
            "Passed (`--fail-on {}`): nothing grew more than {}% beyond noise.\n",
            g.percent, g.percent
        );
    }
}

fn method(out: &mut String, r: &DiffReport) {
    let _ = writeln!(out, "## Method\n");
    let names = |n: &[crate::NodeSummary]| {
        n.iter()
            .map(|n| n.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let _ = writeln!(
        out,
        "Base: {}. New: {}.\n",
        names(&r.base_nodes),
        names(&r.new_nodes)
    );
    let _ = writeln!(
        out,
        "A site is a function as the innermost frame of samples. Each figure is taken per node; the change is the \
         difference of the medians. The noise band is the larger of the node-to-node spread (max − min) on either \
         side and twice the sampling error of the difference (a sampled profile's value v has an error of \
         √(v × sampling period)); a change inside it is no significant change. Fixed: fell to at most a tenth. {}",
        if r.source_matched {
            "Lines are matched across versions by statement text, so moved lines still match."
        } else {
            "Without source, lines are matched by file and nearest line."
        }
    );
}

fn recommendation_verdicts(out: &mut String, r: &DiffReport) {
    if r.recommendation_verdicts.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "## Recommendations of the earlier analysis
"
    );
    let _ = writeln!(
        out,
        "| Priority | Change | Sites | Before (report) | After | Change | Verdict |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|---|");
    for v in &r.recommendation_verdicts {
        let c: &Change = &v.change;
        let ranks: Vec<String> = v.site_ranks.iter().map(ToString::to_string).collect();
        let _ = writeln!(
            out,
            "| {} | {} ({}) | {} | {} | {} | {} | {} |",
            v.priority,
            v.change_text.replace('|', "\\|"),
            v.rule_id,
            ranks.join(", "),
            range(&c.base, &r.unit, 3),
            range(&c.new, &r.unit, r.new_nodes.len()),
            change(c, &r.unit),
            status(c.status)
        );
    }
    out.push('\n');
}
