//! Compact text, coloured on a terminal.

use std::fmt::Write as _;

use gosleuth_rules::{Audit, Severity};

use crate::RenderOptions;

pub(crate) fn render(audit: &Audit, opts: &RenderOptions) -> String {
    let paint = |code: &str, s: &str| {
        if opts.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_owned()
        }
    };
    let mut out = String::new();
    let counts: Vec<String> = audit
        .counts()
        .iter()
        .map(|(s, n)| format!("{n} {}", s.as_str()))
        .collect();
    let _ = writeln!(
        out,
        "gosleuth audit {}: {} files, {} lines, {} findings ({})",
        audit.root,
        audit.files,
        audit.lines,
        audit.findings.len(),
        counts.join(", ")
    );
    if let Some(w) = &audit.weighting {
        let _ = writeln!(out, "{}", crate::weighting_line(w).replace('`', ""));
    }
    if audit.findings.is_empty() {
        out.push_str("no findings\n");
    }
    for f in &audit.findings {
        let sev = format!("{:<8}", f.severity.as_str().to_uppercase());
        let sev = match f.severity {
            Severity::Critical | Severity::High => paint("1;31", &sev),
            Severity::Medium => paint("33", &sev),
            Severity::Low => paint("2", &sev),
        };
        let lines = if f.end_line > f.line {
            format!("{}-{}", f.line, f.end_line)
        } else {
            f.line.to_string()
        };
        let func = f
            .function
            .as_deref()
            .map(|n| format!(" in {n}"))
            .unwrap_or_default();
        let weight = audit
            .weighting
            .as_ref()
            .and_then(|w| crate::weight_label(f, w))
            .map(|l| format!(" · {}", paint("1", &l)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "\n{sev}{} {} [{}] {}:{lines}{func}{weight}",
            f.rule,
            f.slug,
            f.kind.as_str(),
            paint("1", &f.file)
        );
        let _ = writeln!(out, "  {}", f.message);
        for l in f.evidence.lines() {
            let _ = writeln!(out, "  {} {l}", paint("2", "|"));
        }
        for r in &f.related {
            let _ = writeln!(out, "  {} line {}: {}", paint("2", "·"), r.line, r.note);
        }
    }
    if !audit.warnings.is_empty() {
        let _ = writeln!(out, "\n{} warnings:", audit.warnings.len());
        for w in &audit.warnings {
            let _ = writeln!(out, "  {w}");
        }
    }
    out
}
