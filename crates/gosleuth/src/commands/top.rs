//! `gosleuth top`: byte-identical to `go tool pprof -top`.

use std::process::ExitCode;

use anyhow::Result;

use super::view;
use crate::args::ViewArgs;

pub(crate) fn run(args: &ViewArgs) -> Result<ExitCode> {
    let prepared = view::prepare(args, "")?;
    view::print(&gosleuth_pprof::render_top(&prepared))?;
    Ok(ExitCode::SUCCESS)
}
