//! The `connmem` report for a terminal: the total, the parts, the comparison.

use std::fmt::Write as _;

use super::connmem_md::kind;
use super::format::value;
use crate::connmem::model::ConnmemReport;

/// Renders the per-connection budget for a terminal.
pub fn render_connmem_text(r: &ConnmemReport, colour: bool) -> String {
    let (bold, dim, reset) = if colour {
        ("\x1b[1m", "\x1b[2m", "\x1b[0m")
    } else {
        ("", "", "")
    };
    let b = |v: f64| value(v, "bytes");
    let c = &r.captures[r.reference];
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{bold}model {} per connection{reset} {dim}({}, {} connections){reset}",
        b(r.per_connection_bytes),
        c.name,
        value(c.connections as f64, "count")
    );
    if let Some(m) = r.measured_marginal_per_connection_bytes {
        let _ = writeln!(
            out,
            "measured marginal {} per connection {dim}(slope over {} captures){reset}",
            b(m),
            r.captures.len()
        );
    }
    if let Some(n) = c.naive_per_connection_bytes {
        let _ = writeln!(
            out,
            "naive mem/conns {} {dim}(includes the baseline){reset}",
            b(n)
        );
    }
    for p in &c.parts {
        let _ = writeln!(
            out,
            "  {:<18} {:>9}",
            kind(p.kind),
            b(p.bytes_per_connection)
        );
        for it in p.items.iter().take(3) {
            let place = it.place.as_deref().unwrap_or("");
            let _ = writeln!(
                out,
                "    {dim}{:<34} {:>9}  {place}{reset}",
                it.what,
                b(it.bytes_per_connection)
            );
        }
    }
    for k in &r.captures {
        let vs = k
            .model_vs_marginal_percent
            .map_or(String::new(), |p| format!("  {p:+.1}% vs marginal"));
        let _ = writeln!(
            out,
            "{:<14} {:>8} conns  model {:>9}{vs}",
            k.name,
            k.connections,
            b(k.per_connection_bytes)
        );
    }
    for p in &r.projections {
        let _ = writeln!(
            out,
            "{:>11} connections: {}",
            value(p.connections as f64, "count"),
            b(p.model_bytes)
        );
    }
    for w in &r.what_ifs {
        let _ = writeln!(
            out,
            "what-if {}: {} per connection (saves {})",
            w.spec,
            b(w.per_connection_bytes),
            b(w.saving_per_connection_bytes)
        );
    }
    out
}
