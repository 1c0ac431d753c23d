//! `gosleuth top`, `traces` and `raw`: the whole-profile pprof views.

use std::process::ExitCode;

use anyhow::Result;

use super::view;
use crate::args::ViewArgs;

/// `top`: byte-identical to `go tool pprof -top`.
pub(crate) fn run(args: &ViewArgs) -> Result<ExitCode> {
    let prepared = view::prepare(args, "")?;
    view::print(&gosleuth_pprof::render_top(&prepared))?;
    Ok(ExitCode::SUCCESS)
}

/// `traces`: as `go tool pprof -traces`.
pub(crate) fn traces(args: &ViewArgs) -> Result<ExitCode> {
    let prepared = view::prepare(args, "")?;
    view::print(&gosleuth_pprof::render_traces(&prepared))?;
    Ok(ExitCode::SUCCESS)
}

/// `raw`: as `go tool pprof -raw`.
pub(crate) fn raw(args: &ViewArgs) -> Result<ExitCode> {
    let prepared = view::prepare(args, "")?;
    view::print(&gosleuth_pprof::render_raw(&prepared.profile))?;
    Ok(ExitCode::SUCCESS)
}
