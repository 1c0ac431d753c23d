//! `gosleuth slow`: the slowness investigation (seed 003) from logs,
//! goroutine dumps and the source.

use std::process::ExitCode;

use anyhow::{Context as _, Result};
use gosleuth_analysis::{DumpData, DumpInput, LogInput, SlowOptions, render};

use super::view;
use crate::args::{ReportFormat, SlowArgs};
use crate::input::{self, ReadOptions};

pub(crate) fn run(args: &SlowArgs) -> Result<ExitCode> {
    let opts = ReadOptions::default();
    let logs = args
        .logs
        .iter()
        .map(|p| {
            let source = p.display().to_string();
            let (_, bytes) = input::read_bytes(&source, &opts)?;
            Ok(LogInput {
                name: source,
                text: String::from_utf8_lossy(&bytes).into_owned(),
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let dumps = args
        .goroutines
        .iter()
        .map(|s| {
            let (name, bytes) = input::read_bytes(s, &opts)?;
            let data = DumpData::parse(&bytes, opts.limits).with_context(|| s.clone())?;
            Ok(DumpInput { name, data })
        })
        .collect::<Result<Vec<_>>>()?;
    let s = SlowOptions {
        src: args.src.clone(),
        patterns: args.patterns.clone(),
    };
    let report = gosleuth_analysis::slow(&logs, &dumps, &s).context("slow")?;
    let text = match args.format {
        ReportFormat::Text => {
            render::render_slow_text(&report, super::analyze::colour(args.output.is_none()))
        }
        ReportFormat::Md => render::render_slow_md(&report),
        ReportFormat::Json => render::render_slow_json(&report),
        ReportFormat::Html => render::render_slow_html(&report)?,
    };
    match &args.output {
        Some(path) => {
            std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))?
        }
        None => view::print(&text)?,
    }
    Ok(ExitCode::SUCCESS)
}
