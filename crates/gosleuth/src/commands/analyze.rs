//! `gosleuth analyze`: the seed-000/001 report from profiles and source.

use std::io::IsTerminal as _;
use std::process::ExitCode;

use anyhow::{Context as _, Result};
use gosleuth_analysis::{AnalyzeOptions, NodeInput, render};

use super::view;
use crate::args::{AnalyzeArgs, AnalyzeFormat};

pub(crate) fn run(args: AnalyzeArgs) -> Result<ExitCode> {
    let nodes = view::read_nodes(&args.input)?;
    let inputs: Vec<NodeInput> = nodes
        .into_iter()
        .map(|n| NodeInput {
            name: n.name,
            profile: n.profile,
        })
        .collect();
    let opts = AnalyzeOptions {
        sample_index: args.sample_index.unwrap_or_default(),
        top: args.top,
        roots: args.source.roots(),
    };
    let what = if opts.roots.src.is_empty() && opts.roots.goroot.is_none() {
        "analysing"
    } else {
        "indexing source and analysing"
    };
    let pb = crate::progress::spinner(what);
    let report = gosleuth_analysis::analyze(inputs, &opts).context("analyze");
    pb.finish_and_clear();
    let report = report?;
    let text = match args.format {
        AnalyzeFormat::Text => render::render_text(&report, colour(args.output.is_none())),
        AnalyzeFormat::Md => render::render_md(&report),
        AnalyzeFormat::Html => render::render_html(&report).context("analyze")?,
        AnalyzeFormat::Json => render::render_json(&report),
    };
    match &args.output {
        Some(path) => {
            std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))?
        }
        None => view::print(&text)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// Colour only on a terminal, and never when `NO_COLOR` is set (no-color.org).
pub(super) fn colour(to_stdout: bool) -> bool {
    to_stdout
        && std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}
