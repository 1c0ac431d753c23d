//! `gosleuth audit DIR`: every rule over a repository's Go source.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context, Result};
use gosleuth_report::{Format, RenderOptions, render_audit};
use gosleuth_rules::{AuditOptions, Severity, audit};

use crate::args::{AuditArgs, AuditFormat, SeverityArg};

pub(crate) fn run(args: &AuditArgs) -> Result<ExitCode> {
    let opts = AuditOptions {
        include_tests: args.include_tests,
        include_vendor: args.include_vendor,
    };
    let pb = crate::progress::spinner(&format!("auditing {}", args.dir.display()));
    let report = audit(&args.dir, &opts);
    pb.finish_and_clear();
    let report = report?;
    let format = match args.format {
        AuditFormat::Text => Some(Format::Text),
        AuditFormat::Md => Some(Format::Md),
        AuditFormat::Json => Some(Format::Json),
        AuditFormat::Sarif => Some(Format::Sarif),
        AuditFormat::Html => None,
    };
    let text = match format {
        Some(format) => {
            let color = format == Format::Text && super::analyze::colour(args.output.is_none());
            render_audit(&report, format, &RenderOptions { color })
        }
        None => gosleuth_analysis::render::render_audit_html(&report)?,
    };
    match &args.output {
        Some(path) => {
            std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))?
        }
        None => std::io::stdout().lock().write_all(text.as_bytes())?,
    }
    let failed = args.fail_on.is_some_and(|level| {
        report.fails(match level {
            SeverityArg::Low => Severity::Low,
            SeverityArg::Medium => Severity::Medium,
            SeverityArg::High => Severity::High,
            SeverityArg::Critical => Severity::Critical,
        })
    });
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
