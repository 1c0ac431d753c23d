//! `gosleuth audit DIR [--profile P…]`: every rule over a repository's Go
//! source; with profiles, findings weighed and ranked by what they cost.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context, Result};
use gosleuth_report::{Format, RenderOptions, render_audit};
use gosleuth_rules::{Audit, AuditOptions, RULES, Severity, audit, audit_with};

use crate::args::{AuditArgs, AuditFormat, SeverityArg};
use crate::input::ReadOptions;

/// Reads the profiles (a bad one among several is a warning) and weighs
/// the findings with them.
fn weigh(report: &mut Audit, args: &AuditArgs) -> Result<()> {
    let profiles = crate::input::read_all(&args.profiles, &ReadOptions::default())?
        .into_iter()
        .map(|n| n.profile)
        .collect();
    let pb = crate::progress::spinner("weighing findings with the profiles");
    let weighed = gosleuth_analysis::weigh_audit(
        report,
        &args.dir,
        profiles,
        args.sample_index.as_deref().unwrap_or_default(),
    );
    pb.finish_and_clear();
    weighed.context("audit --profile")?;
    if let Some(w) = report
        .weighting
        .as_ref()
        .filter(|w| w.in_source < FEW_IN_SOURCE)
    {
        eprintln!(
            "warning: only {:.1}% of the profiles' {} passes through {}: are they from a build of this source? (`gosleuth resolve` lists the frames that do not match)",
            w.in_source * 100.0,
            w.sample_type,
            args.dir.display()
        );
    }
    Ok(())
}

/// Below this share of the profiles' total through the audited source, the
/// profiles are likely of another build (or another program).
const FEW_IN_SOURCE: f64 = 0.1;

pub(crate) fn run(args: &AuditArgs) -> Result<ExitCode> {
    let opts = AuditOptions {
        include_tests: args.include_tests,
        include_vendor: args.include_vendor,
    };
    let pb = crate::progress::spinner(&format!("auditing {}", args.dir.display()));
    // With profiles, the rules only a profile confirms run too.
    let report = if args.profiles.is_empty() {
        audit(&args.dir, &opts)
    } else {
        audit_with(&args.dir, &opts, RULES)
    };
    pb.finish_and_clear();
    let mut report = report?;
    if !args.profiles.is_empty() {
        weigh(&mut report, args)?;
    }
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
