//! Prints every indexed function of the packages under a directory:
//! `name<TAB>legacy name<TAB>file<TAB>start<TAB>end`.
//!
//! `cargo run -p gosleuth_go --example dump_names -- DIR`

use std::io::Write;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args().nth(1).ok_or("usage: dump_names DIR")?;
    let start = std::time::Instant::now();
    let index = gosleuth_go::Index::index_tree(
        std::path::Path::new(&dir),
        gosleuth_go::BuildContext::default(),
    )?;
    let elapsed = start.elapsed();
    let mut out = std::io::stdout().lock();
    for pkg in index.packages() {
        for (r, f) in pkg.functions() {
            let file = &pkg.files[r.file];
            writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}\t{:?}",
                f.name,
                f.legacy_name.as_deref().unwrap_or("-"),
                file.path.display(),
                f.span.start,
                f.span.end,
                f.kind
            )?;
        }
        for file in &pkg.files {
            for w in &file.warnings {
                eprintln!("warning: {}:{}: {}", file.path.display(), w.line, w.message);
            }
        }
    }
    eprintln!("indexed {} packages in {elapsed:?}", index.packages().len());
    Ok(())
}
