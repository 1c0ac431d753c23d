//! Audits a directory and prints the report, without the CLI:
//! `cargo run -p gosleuth_report --example audit -- DIR [text|md|json|sarif] [--include-tests]`.

use std::io::Write;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args().nth(1).ok_or("usage: audit DIR [FORMAT]")?;
    let format = match std::env::args().nth(2).as_deref() {
        Some("md") => gosleuth_report::Format::Md,
        Some("json") => gosleuth_report::Format::Json,
        Some("sarif") => gosleuth_report::Format::Sarif,
        _ => gosleuth_report::Format::Text,
    };
    let start = std::time::Instant::now();
    let opts = gosleuth_rules::AuditOptions {
        include_tests: std::env::args().any(|a| a == "--include-tests"),
        include_vendor: false,
    };
    let audit = gosleuth_rules::audit(std::path::Path::new(&dir), &opts)?;
    let elapsed = start.elapsed();
    let text =
        gosleuth_report::render_audit(&audit, format, &gosleuth_report::RenderOptions::default());
    std::io::stdout().lock().write_all(text.as_bytes())?;
    writeln!(std::io::stderr(), "audited in {elapsed:?}")?;
    Ok(())
}
