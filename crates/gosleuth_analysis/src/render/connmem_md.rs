//! The `connmem` report in Markdown, in the shape of seed 004: the budget per
//! connection by part, each figure traced to profile lines or MemStats.

use std::fmt::Write as _;

use super::format::value;
use crate::connmem::model::{CaptureModel, ConnmemReport, Part, PartKind};

/// Renders the per-connection budget as Markdown.
pub fn render_connmem_md(r: &ConnmemReport) -> String {
    let mut out = String::new();
    let reference = &r.captures[r.reference];
    let _ = writeln!(out, "# Per-connection memory\n");
    headline(&mut out, r, reference);
    breakdown(&mut out, reference);
    captures(&mut out, r);
    goroutines(&mut out, r);
    projections(&mut out, r);
    what_ifs(&mut out, r);
    let _ = writeln!(out, "## Assumptions\n");
    for a in &r.assumptions {
        let _ = writeln!(out, "- {a}");
    }
    out.push('\n');
    appendix(&mut out, r);
    out
}

fn b(v: f64) -> String {
    value(v, "bytes")
}

fn headline(out: &mut String, r: &ConnmemReport, c: &CaptureModel) {
    let _ = writeln!(
        out,
        "**Model: {} per connection** (capture `{}`, {} connections).",
        b(r.per_connection_bytes),
        c.name,
        value(c.connections as f64, "count")
    );
    if let (Some(m), Some(base)) = (
        r.measured_marginal_per_connection_bytes,
        r.measured_baseline_bytes,
    ) {
        let _ = writeln!(
            out,
            "**Measured marginal: {} per connection**: the slope of process memory over connections across {} \
             captures, above a fixed baseline of {}. The model is {} of it.",
            b(m),
            r.captures.len(),
            b(base),
            signed(100.0 * (r.per_connection_bytes / m - 1.0))
        );
    }
    if let Some(n) = c.naive_per_connection_bytes {
        let _ = writeln!(
            out,
            "Naive memory ÷ connections at this capture: {} per connection; it includes the server's baseline, \
             so it overstates what one more connection costs.",
            b(n)
        );
    }
    out.push('\n');
}

fn breakdown(out: &mut String, c: &CaptureModel) {
    let _ = writeln!(out, "## Per-connection breakdown (`{}`)\n", c.name);
    let _ = writeln!(out, "| Part | Per connection | Share |");
    let _ = writeln!(out, "|---|---|---|");
    for p in &c.parts {
        let share = 100.0 * p.bytes_per_connection / c.per_connection_bytes.max(1.0);
        let _ = writeln!(
            out,
            "| {} | {} | {share:.0}% |",
            kind(p.kind),
            b(p.bytes_per_connection)
        );
    }
    let _ = writeln!(out, "| **Total** | **{}** | |\n", b(c.per_connection_bytes));
    for p in &c.parts {
        part(out, p);
    }
}

fn part(out: &mut String, p: &Part) {
    let _ = writeln!(
        out,
        "### {} — {}\n",
        kind(p.kind),
        b(p.bytes_per_connection)
    );
    if matches!(p.kind, PartKind::Stacks | PartKind::RuntimeOverhead) {
        for it in &p.items {
            let _ = writeln!(
                out,
                "- **{}**: {} per connection. {}.",
                it.what,
                b(it.bytes_per_connection),
                it.basis
            );
        }
        out.push('\n');
        return;
    }
    let _ = writeln!(
        out,
        "| Allocation | Code | Object | Per connection | Bytes | Reached via |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|");
    for it in &p.items {
        let place = it
            .place
            .as_deref()
            .map_or(String::new(), |p| format!(" ({p})"));
        let code = it.code.as_deref().map_or("—".to_string(), |c| {
            format!("`{}`", c.replace('|', "\\|"))
        });
        let _ = writeln!(
            out,
            "| `{}`{place} | {code} | {} | {} | {} | `{}` |",
            it.what,
            it.object_bytes.map_or("—".into(), b),
            objects(it.per_connection),
            b(it.bytes_per_connection),
            it.via.as_deref().unwrap_or("")
        );
    }
    let _ = writeln!(out, "\nFrom the profile:\n");
    for it in &p.items {
        let _ = writeln!(out, "- `{}`: {}", it.what, it.basis);
    }
    out.push('\n');
}

fn objects(n: f64) -> String {
    if (n - n.round()).abs() < 1e-9 {
        format!("{n:.0}")
    } else if n >= 0.1 {
        format!("{n:.2}")
    } else {
        format!("{n:.4}")
    }
}

fn captures(out: &mut String, r: &ConnmemReport) {
    let _ = writeln!(out, "## Model against measurement, per capture\n");
    let _ = writeln!(
        out,
        "| Capture | Connections | Process memory | Naive mem ÷ conns | Model | Model vs marginal | Heap samples |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|---|");
    for c in &r.captures {
        let mem = c.mem_bytes.map_or("—".into(), |m| b(m as f64));
        let naive = c.naive_per_connection_bytes.map_or("—".into(), b);
        let vs = c.model_vs_marginal_percent.map_or("—".into(), signed);
        let s = &c.sampling;
        let _ = writeln!(
            out,
            "| `{}` | {} | {mem} | {naive} | {} | {vs} | {:.0} (±{:.0}%) |",
            c.name,
            value(c.connections as f64, "count"),
            b(c.per_connection_bytes),
            s.samples,
            s.relative_error_percent
        );
    }
    if !r.pair_marginals.is_empty() {
        let _ = writeln!(out, "\nMarginal memory between neighbouring captures:\n");
        for p in &r.pair_marginals {
            let _ = writeln!(
                out,
                "- `{}` → `{}`: {} per connection",
                p.from,
                p.to,
                b(p.per_connection_bytes)
            );
        }
    }
    out.push('\n');
}

fn goroutines(out: &mut String, r: &ConnmemReport) {
    let _ = writeln!(out, "## Goroutines per connection\n");
    let _ = writeln!(
        out,
        "| Goroutine | Started by | Count | Per connection | Waiting in |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|");
    for g in &r.goroutines {
        let _ = writeln!(
            out,
            "| `{}` | `{}` | {} | {} | `{}` |",
            super::format::short_name(&g.entry),
            super::format::short_name(&g.owner),
            value(g.count as f64, "count"),
            g.per_connection,
            g.waiting_in
                .as_deref()
                .map_or("", super::format::short_name)
        );
    }
    out.push('\n');
}

fn projections(out: &mut String, r: &ConnmemReport) {
    let _ = writeln!(out, "## Projections\n");
    let measured = r.measured_marginal_per_connection_bytes.is_some();
    if measured {
        let _ = writeln!(
            out,
            "| Connections | Model (per connection × N) | Measured (baseline + marginal × N) |"
        );
        let _ = writeln!(out, "|---|---|---|");
    } else {
        let _ = writeln!(out, "| Connections | Model (per connection × N) |");
        let _ = writeln!(out, "|---|---|");
    }
    for p in &r.projections {
        let n = value(p.connections as f64, "count");
        match p.measured_bytes {
            Some(m) => {
                let _ = writeln!(out, "| {n} | {} | {} |", b(p.model_bytes), b(m));
            }
            None => {
                let _ = writeln!(out, "| {n} | {} |", b(p.model_bytes));
            }
        }
    }
    out.push('\n');
}

fn what_ifs(out: &mut String, r: &ConnmemReport) {
    if r.what_ifs.is_empty() {
        return;
    }
    let _ = writeln!(out, "## What-ifs\n");
    let _ = writeln!(
        out,
        "| Scenario | Change | Per connection | Saving per connection | Saving at 1M connections |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|");
    for w in &r.what_ifs {
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} | {} |",
            w.spec,
            w.description,
            b(w.per_connection_bytes),
            b(w.saving_per_connection_bytes),
            b(w.saving_at_1m_bytes)
        );
    }
    out.push('\n');
}

fn appendix(out: &mut String, r: &ConnmemReport) {
    let _ = writeln!(out, "## Appendix: MemStats per capture\n");
    let _ = writeln!(
        out,
        "| Capture | HeapAlloc | HeapSys | HeapReleased | StackInuse | Goroutines | Resident heap per live byte | Stack per goroutine |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|---|---|");
    for c in &r.captures {
        let m = &c.memstats;
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} | {} | {} | {:.2} | {} |",
            c.name,
            m.heap_alloc,
            m.heap_sys,
            m.heap_released,
            m.stack_inuse,
            m.goroutines,
            m.heap_residency,
            b(m.stack_per_goroutine)
        );
    }
}

fn signed(p: f64) -> String {
    if p < 0.0 {
        format!("−{:.1}%", -p)
    } else {
        format!("+{p:.1}%")
    }
}

/// People's name of a part.
pub(super) fn kind(k: PartKind) -> &'static str {
    match k {
        PartKind::Buffers => "Buffers",
        PartKind::Structs => "Structs",
        PartKind::Maps => "Maps",
        PartKind::Channels => "Channels",
        PartKind::OtherHeap => "Other heap",
        PartKind::Stacks => "Goroutine stacks",
        PartKind::RuntimeOverhead => "Runtime overhead",
    }
}
