//! One file per command; each turns parsed arguments into output and an exit code.

mod analyze;
mod audit;
mod bench;
mod completions;
mod connmem;
mod diff;
mod goroutines;
mod resolve;
mod rules;
mod slow;
mod symbol_views;
mod top;
mod view;

use std::process::ExitCode;

use anyhow::Result;

use crate::args::{Cli, Command};

/// Runs the chosen command.
pub(crate) fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Top(args) => top::run(&args),
        Command::List(args) => symbol_views::list(&args),
        Command::Peek(args) => symbol_views::peek(&args),
        Command::Traces(args) => top::traces(&args),
        Command::Raw(args) => top::raw(&args),
        Command::Resolve(args) => resolve::run(&args),
        Command::Audit(args) => audit::run(&args),
        Command::Rules(args) => rules::run(&args),
        Command::Analyze(args) => analyze::run(args),
        Command::Bench(args) => bench::run(&args),
        Command::Diff(args) => diff::run(&args),
        Command::Goroutines(args) => goroutines::run(&args),
        Command::Connmem(args) => connmem::run(&args),
        Command::Slow(args) => slow::run(&args),
        Command::Completions(args) => completions::run(&args),
    }
}
