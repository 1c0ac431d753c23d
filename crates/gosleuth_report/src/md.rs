//! Markdown: executive summary (counts by severity and category), one
//! section per finding (location, code, problem, impact, recommendation),
//! and a phased plan.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use gosleuth_rules::{Audit, Severity};

use crate::plan::phases;

pub(crate) fn render(audit: &Audit) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# gosleuth audit: `{}`\n", audit.root);
    let _ = writeln!(
        out,
        "{} Go files, {} lines, {} findings from {} rules.\n",
        audit.files,
        audit.lines,
        audit.findings.len(),
        audit.rules_run
    );
    if let Some(w) = &audit.weighting {
        let _ = writeln!(out, "{}\n", crate::weighting_line(w));
    }
    summary(audit, &mut out);
    findings(audit, &mut out);
    plan(audit, &mut out);
    if !audit.warnings.is_empty() {
        let _ = writeln!(out, "## Warnings\n");
        for w in &audit.warnings {
            let _ = writeln!(out, "- {}", escape(w));
        }
        out.push('\n');
    }
    out
}

fn summary(audit: &Audit, out: &mut String) {
    let _ = writeln!(out, "## Executive summary\n");
    let _ = writeln!(out, "| severity | findings |\n|---|---:|");
    for (s, n) in audit.counts() {
        let _ = writeln!(out, "| {} | {n} |", s.as_str());
    }
    out.push('\n');
    let mut cats: BTreeMap<&str, (usize, usize, Vec<&str>)> = BTreeMap::new();
    for f in &audit.findings {
        let e = cats.entry(f.category.title()).or_default();
        e.0 += 1;
        if f.severity >= Severity::High {
            e.1 += 1;
        }
        if !e.2.contains(&f.slug) {
            e.2.push(f.slug);
        }
    }
    if cats.is_empty() {
        out.push_str("No findings.\n\n");
        return;
    }
    let _ = writeln!(
        out,
        "| category | findings | high or critical | rules |\n|---|---:|---:|---|"
    );
    for (cat, (n, high, rules)) in &cats {
        let rules: Vec<String> = rules.iter().map(|r| format!("`{r}`")).collect();
        let _ = writeln!(out, "| {cat} | {n} | {high} | {} |", rules.join(", "));
    }
    out.push('\n');
}

fn findings(audit: &Audit, out: &mut String) {
    if audit.findings.is_empty() {
        return;
    }
    let _ = writeln!(out, "## Findings\n");
    for (i, f) in audit.findings.iter().enumerate() {
        let rule = crate::rule_of(f);
        let lines = if f.end_line > f.line {
            format!("{}-{}", f.line, f.end_line)
        } else {
            f.line.to_string()
        };
        let _ = writeln!(
            out,
            "### {}. {} `{}` — {} ({})\n",
            i + 1,
            f.rule,
            f.slug,
            f.severity.as_str(),
            f.kind.as_str()
        );
        let func = f
            .function
            .as_deref()
            .map(|n| format!(" in `{n}`"))
            .unwrap_or_default();
        let _ = writeln!(out, "**Location:** `{}:{lines}`{func}\n", f.file);
        if let Some(label) = audit
            .weighting
            .as_ref()
            .and_then(|w| crate::weight_label(f, w))
        {
            let _ = writeln!(out, "**Weight:** {label} through these lines\n");
        }
        let fence = if f.evidence.contains("```") {
            "~~~"
        } else {
            "```"
        };
        let _ = writeln!(out, "{fence}go\n{}\n{fence}\n", f.evidence);
        let _ = writeln!(out, "**Problem:** {}\n", escape(&f.message));
        for r in &f.related {
            let _ = writeln!(out, "- line {}: {}", r.line, escape(&r.note));
        }
        if !f.related.is_empty() {
            out.push('\n');
        }
        if let Some(rule) = rule {
            let _ = writeln!(out, "**Impact:** {}\n", rule.impact);
            let _ = writeln!(
                out,
                "**Recommendation:** {} (effort {}, about {:.0}% of the site's cost avoidable; `gosleuth rules {}` for details)\n",
                rule.fix,
                f.effort.as_str(),
                f.avoidable * 100.0,
                f.rule
            );
        }
    }
}

fn plan(audit: &Audit, out: &mut String) {
    let phases = phases(&audit.findings, audit.weighting.as_ref());
    if phases.is_empty() {
        return;
    }
    let _ = writeln!(out, "## Plan\n");
    let weighed = audit.weighting.as_ref();
    for p in phases {
        let _ = writeln!(out, "### {}\n\n{}.\n", p.title, p.why);
        if weighed.is_some() {
            let _ = writeln!(
                out,
                "| # | finding | where | weight | change |\n|---|---|---|---|---|"
            );
        } else {
            let _ = writeln!(out, "| # | finding | where | change |\n|---|---|---|---|");
        }
        for f in p.findings {
            let n = audit
                .findings
                .iter()
                .position(|x| std::ptr::eq(x, f))
                .unwrap_or(0)
                + 1;
            let fix = crate::rule_of(f).map_or("", |r| r.fix);
            let weight = weighed
                .map(|w| format!(" {} |", crate::weight_label(f, w).unwrap_or_default()))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "| {n} | {} `{}` | `{}:{}` |{weight} {} |",
                f.rule, f.slug, f.file, f.line, fix
            );
        }
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "After each phase, capture the same profiles again and compare them with `gosleuth diff` to confirm the saving.\n"
    );
}

/// Escapes characters Markdown would interpret in running text.
fn escape(s: &str) -> String {
    s.replace('|', "\\|").replace('<', "&lt;")
}
