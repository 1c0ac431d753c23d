//! `gosleuth list` and `peek`: views of the functions matching a regexp.

use std::process::ExitCode;

use anyhow::{Context as _, Result};
use regex::Regex;

use super::view;
use crate::args::SymbolArgs;

fn symbol(args: &SymbolArgs) -> Result<Regex> {
    Regex::new(&args.regex).with_context(|| format!("parsing argument regexp {}", args.regex))
}

/// `list REGEX`: as `go tool pprof -list REGEX -source_path DIR`.
pub(crate) fn list(args: &SymbolArgs) -> Result<ExitCode> {
    let re = symbol(args)?;
    let prepared = view::prepare(&args.view, &args.src.join(":"))?;
    view::print(&gosleuth_pprof::render_list(&prepared, &re)?)?;
    Ok(ExitCode::SUCCESS)
}

/// `peek REGEX`: as `go tool pprof -peek REGEX`.
pub(crate) fn peek(args: &SymbolArgs) -> Result<ExitCode> {
    let re = symbol(args)?;
    let prepared = view::prepare(&args.view, "")?;
    view::print(&gosleuth_pprof::render_peek(&prepared, &re)?)?;
    Ok(ExitCode::SUCCESS)
}
