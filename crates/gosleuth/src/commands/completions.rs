//! `gosleuth completions SHELL`: the shell completion script, from the same
//! clap definition that parses the arguments, so it never falls behind.

use std::process::ExitCode;

use anyhow::Result;
use clap::CommandFactory as _;

use crate::args::{Cli, CompletionsArgs};

pub(crate) fn run(args: &CompletionsArgs) -> Result<ExitCode> {
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "gosleuth", &mut out);
    super::view::print(&String::from_utf8_lossy(&out))?;
    Ok(ExitCode::SUCCESS)
}
