//! `gosleuth goroutines`: a goroutine dump grouped, and what grew since an
//! earlier one.

use std::process::ExitCode;

use anyhow::{Context as _, Result};
use gosleuth_analysis::{DumpData, DumpInput, GoroutinesOptions, render};
use gosleuth_pprof::Limits;

use super::view;
use crate::args::{GoroutinesArgs, ReportFormat};
use crate::input::{self, ReadOptions};

pub(crate) fn run(args: &GoroutinesArgs) -> Result<ExitCode> {
    let limits = Limits {
        max_decompressed: args.max_decompressed,
        ..Limits::DEFAULT
    };
    let opts = ReadOptions {
        limits,
        ..ReadOptions::default()
    };
    let first = read(&args.dump, &opts)?;
    let later = args.later.as_deref().map(|s| read(s, &opts)).transpose()?;
    let g = GoroutinesOptions {
        roots: args.source.roots(),
    };
    // With two dumps the later one is analysed and the first is the baseline.
    let report = match &later {
        Some(l) => gosleuth_analysis::goroutines(l, Some(&first), &g),
        None => gosleuth_analysis::goroutines(&first, None, &g),
    }
    .context("goroutines")?;
    let text = match args.format {
        ReportFormat::Text => {
            render::render_goroutines_text(&report, super::analyze::colour(args.output.is_none()))
        }
        ReportFormat::Md => render::render_goroutines_md(&report),
        ReportFormat::Json => render::render_goroutines_json(&report),
        ReportFormat::Html => render::render_goroutines_html(&report)?,
    };
    match &args.output {
        Some(path) => {
            std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))?
        }
        None => view::print(&text)?,
    }
    Ok(ExitCode::SUCCESS)
}

fn read(source: &str, opts: &ReadOptions) -> Result<DumpInput> {
    let (name, bytes) = input::read_bytes(source, opts)?;
    let data = DumpData::parse(&bytes, opts.limits).with_context(|| source.to_string())?;
    Ok(DumpInput { name, data })
}
