//! Times each rule alone over a directory (parse time included; the first
//! line is the parse-only baseline): `cargo run --release -p gosleuth_rules
//! --example rule_times -- DIR`.

use std::io::Write;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args().nth(1).ok_or("usage: rule_times DIR")?;
    let dir = std::path::Path::new(&dir);
    let opts = gosleuth_rules::AuditOptions::default();
    let mut out = std::io::stdout().lock();
    let t = std::time::Instant::now();
    gosleuth_rules::audit_with(dir, &opts, &[])?;
    writeln!(out, "baseline {:?}", t.elapsed())?;
    for r in gosleuth_rules::RULES {
        let t = std::time::Instant::now();
        let a = gosleuth_rules::audit_with(dir, &opts, &[r])?;
        writeln!(
            out,
            "{} {:<32} {:>5} {:?}",
            r.id,
            r.slug,
            a.findings.len(),
            t.elapsed()
        )?;
    }
    Ok(())
}
