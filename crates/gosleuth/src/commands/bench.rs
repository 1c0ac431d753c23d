//! `gosleuth bench FUNC --src DIR`: a benchmark skeleton for a hot function.

use std::io::Write as _;
use std::process::ExitCode;

use anyhow::{Result, anyhow};

use super::view;
use crate::args::BenchArgs;

pub(crate) fn run(args: &BenchArgs) -> Result<ExitCode> {
    let b = gosleuth_analysis::bench_skeleton(&args.src, &args.function).map_err(|e| anyhow!(e))?;
    let _ = writeln!(
        std::io::stderr(),
        "{} is at {}:{}; save this as {}",
        b.function,
        b.file.display(),
        b.line,
        b.test_file.display()
    );
    view::print(&b.code)?;
    Ok(ExitCode::SUCCESS)
}
