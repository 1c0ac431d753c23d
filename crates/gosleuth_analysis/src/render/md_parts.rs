//! Sections of the Markdown analyze report around windows, object sizes and
//! source files: what each node's window allows, a site's object-size
//! distribution, and the flat value by file.

use std::fmt::Write as _;

use super::format::{
    base_name, md_section, per_minute, percent, range, short_name, size_bytes, value,
};
use crate::model::{AnalyzeReport, Site, Windows};

/// One sentence on the nodes' collection windows: whether figures are rates
/// or totals, and each node's window when they differ.
pub(super) fn windows(out: &mut String, r: &AnalyzeReport) {
    let listed = || {
        r.nodes
            .iter()
            .map(|n| match n.duration_seconds {
                Some(d) => format!("{} {d:.1} s", n.name),
                None => format!("{} unknown", n.name),
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let (one, many) = if r.nodes.len() == 1 {
        ("The profile records", "it counts")
    } else {
        ("The profiles record", "they count")
    };
    let _ = match r.windows {
        Windows::Unknown => writeln!(
            out,
            "{one} no collection window ({many} from process start, as `allocs` without `?seconds=` does): figures are totals, not rates.\n"
        ),
        Windows::Partial => writeln!(
            out,
            "Only some profiles record a collection window ({}): figures are totals, not rates.\n",
            listed()
        ),
        Windows::Equal => writeln!(
            out,
            "{} {:.1} s window; per-minute figures divide by it.\n",
            if r.nodes.len() == 1 {
                "The profile covers a"
            } else {
                "Every node covers the same"
            },
            r.nodes[0].duration_seconds.unwrap_or_default()
        ),
        Windows::Differ => writeln!(
            out,
            "The nodes' windows differ ({}): totals grow with the window, so compare the per-minute figures (each node's value divided by its own window).\n",
            listed()
        ),
    };
}

/// `value` and, with known windows, `, rate`: for single figures (the total,
/// a deep dive's title).
pub(super) fn with_rate(
    r: &AnalyzeReport,
    v: &crate::model::Range,
    rate: Option<&crate::model::Range>,
) -> String {
    let n = r.nodes.len();
    match per_minute(rate, &r.unit, n) {
        Some(m) => format!("{}, {m}", range(v, &r.unit, n)),
        None => range(v, &r.unit, n),
    }
}

/// A table's per-minute header cell (` Per minute |`), present only when
/// every window is known.
pub(super) fn rate_header(r: &AnalyzeReport) -> (&'static str, &'static str) {
    if r.total_per_minute.is_some() {
        (" Per minute |", "---|")
    } else {
        ("", "")
    }
}

/// A table's per-minute cell (` 1.2–1.4 GB/min |`), matching [`rate_header`].
pub(super) fn rate_cell(r: &AnalyzeReport, rate: Option<&crate::model::Range>) -> String {
    per_minute(rate, &r.unit, r.nodes.len())
        .map(|m| format!(" {m} |"))
        .unwrap_or_default()
}

/// The object sizes of a site, heaviest first.
pub(super) fn sizes(out: &mut String, r: &AnalyzeReport, s: &Site) {
    let Some(sizes) = &s.object_sizes else {
        return;
    };
    let all = if r.nodes.len() > 1 { ", all nodes" } else { "" };
    let _ = writeln!(
        out,
        "**Object sizes** (the profile's `bytes` label{all}; {} distinct size{}; a stack allocating several sizes shows their mean):\n",
        sizes.distinct,
        if sizes.distinct == 1 { "" } else { "s" }
    );
    let _ = writeln!(out, "| Size | Objects | Bytes | Share of bytes |");
    let _ = writeln!(out, "|---|---|---|---|");
    for z in &sizes.top {
        let _ = writeln!(
            out,
            "| {} | {} ({:.0}%) | {} | {:.1}% |",
            size_bytes(z.size),
            value(z.objects, "count"),
            z.objects_percent,
            value(z.bytes, "bytes"),
            z.bytes_percent
        );
    }
    out.push('\n');
}

/// Flat value by source file, with each file's heaviest functions.
pub(super) fn files(out: &mut String, r: &AnalyzeReport) {
    if r.files.is_empty() {
        return;
    }
    md_section(
        out,
        "Allocation by source file",
        "Flat value whose innermost frame is in each file (files with at least 1% of the total): a subsystem of many small sites shows its combined weight here, even when none of its functions is a top site. `#N` links a function to its deep dive.",
    );
    let (head, rule) = rate_header(r);
    let _ = writeln!(
        out,
        "| File | {} |{head} Share | Heaviest functions (heaviest line, all nodes) |",
        r.sample_type
    );
    let _ = writeln!(out, "|---|---|{rule}---|---|");
    for f in &r.files {
        let mut functions: Vec<String> = f
            .functions
            .iter()
            .map(|x| {
                let rank = x.rank.map(|k| format!(", #{k}")).unwrap_or_default();
                format!(
                    "`{}` at {}:{} ({}{rank})",
                    short_name(&x.function),
                    base_name(&f.file),
                    x.line,
                    value(x.value, &r.unit)
                )
            })
            .collect();
        let more = f.function_count - f.functions.len();
        if more > 0 {
            functions.push(format!("{more} more"));
        }
        let _ = writeln!(
            out,
            "| `{}` | {} |{} {} | {} |",
            f.file,
            range(&f.value, &r.unit, r.nodes.len()),
            rate_cell(r, f.value_per_minute.as_ref()),
            percent(&f.share_percent),
            functions.join("; ")
        );
    }
    out.push('\n');
}
