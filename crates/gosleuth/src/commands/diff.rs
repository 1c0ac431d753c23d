//! `gosleuth diff`: before/after per site against the noise band; exit 1 when
//! the `--fail-on` gate fails.

use std::process::ExitCode;

use anyhow::{Context as _, Result, bail};
use gosleuth_analysis::{Baseline, DiffOptions, NodeInput, render};
use gosleuth_go::SourceRoots;

use super::view;
use crate::args::{DiffArgs, InputArgs, ReportFormat};

pub(crate) fn run(args: &DiffArgs) -> Result<ExitCode> {
    if args.new.is_empty() {
        bail!(
            "no new profiles: end the --base list with `--`, as in `gosleuth diff --base OLD… -- NEW…`"
        );
    }
    if let Some(p) = args.fail_on
        && !(p.is_finite() && p >= 0.0)
    {
        bail!("--fail-on {p}: expected a percentage ≥ 0");
    }
    let baseline = args
        .report
        .as_ref()
        .map(|path| {
            let text = std::fs::read_to_string(path).with_context(|| path.display().to_string())?;
            Baseline::from_json(&text).with_context(|| path.display().to_string())
        })
        .transpose()?;
    let base = read(&args.base).context("base")?;
    let new = read(&args.new).context("new")?;
    let roots = SourceRoots {
        src: args.src.clone(),
        goroot: args.goroot.clone(),
    };
    let opts = DiffOptions {
        sample_index: args.sample_index.clone().unwrap_or_default(),
        base_roots: (!args.base_src.is_empty()).then(|| SourceRoots {
            src: args.base_src.clone(),
            goroot: args.goroot.clone(),
        }),
        roots,
        baseline,
        fail_on: args.fail_on,
    };
    let report = gosleuth_analysis::diff(&base, &new, &opts).context("diff")?;
    let text = match args.format {
        ReportFormat::Text => {
            render::render_diff_text(&report, super::analyze::colour(args.output.is_none()))
        }
        ReportFormat::Md => render::render_diff_md(&report),
        ReportFormat::Json => render::render_diff_json(&report),
        ReportFormat::Html => render::render_diff_html(&report)?,
    };
    match &args.output {
        Some(path) => {
            std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))?
        }
        None => view::print(&text)?,
    }
    let failed = report.gate.as_ref().is_some_and(|g| g.failed);
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Reads one side, each input one node, with the default caps.
fn read(sources: &[String]) -> Result<Vec<NodeInput>> {
    let input = InputArgs {
        sources: sources.to_vec(),
        max_decompressed: gosleuth_pprof::DEFAULT_MAX_DECOMPRESSED,
        max_samples: gosleuth_pprof::Limits::DEFAULT.max_samples,
        max_locations: gosleuth_pprof::Limits::DEFAULT.max_locations,
        max_stack_depth: gosleuth_pprof::Limits::DEFAULT.max_stack_depth,
        timeout: None,
        save: None,
    };
    let nodes = view::read_nodes(&input)?;
    Ok(nodes
        .into_iter()
        .map(|n| NodeInput {
            name: n.name,
            profile: n.profile,
        })
        .collect())
}
