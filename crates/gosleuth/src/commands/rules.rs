//! `gosleuth rules [ID]`: the catalog, or one rule's documentation.

use std::fmt::Write as _;
use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;
use gosleuth_rules::{Error, RULES, rule};

use crate::args::RulesArgs;

/// Why a rule is missing from a plain `audit`'s output.
const PROFILE_ONLY: &str = "Reported only with a profile (`analyze`, `audit --profile`): the \
source alone cannot confirm it, an allocation profile that allocates on its line does.\n\n";

pub(crate) fn run(args: &RulesArgs) -> Result<ExitCode> {
    let mut out = String::new();
    match &args.id {
        Some(id) => {
            let r = rule(id).ok_or_else(|| Error::UnknownRule(id.clone()))?;
            let _ = writeln!(out, "# {} `{}`: {}\n", r.id, r.slug, r.title);
            let _ = writeln!(
                out,
                "kind {} ({}) · category {} · default severity {} · avoidable {:.0}% · effort {}\n",
                r.kind.as_str(),
                r.kind.title(),
                r.category.title(),
                r.severity.as_str(),
                r.avoidable * 100.0,
                r.effort.as_str()
            );
            if r.needs_profile {
                out.push_str(PROFILE_ONLY);
            }
            out.push_str(r.docs.trim_end());
            out.push('\n');
        }
        None => {
            for r in RULES {
                let _ = writeln!(
                    out,
                    "{:<7} {:<4} {:<8} {:<34} {}{}",
                    r.id,
                    r.kind.as_str(),
                    r.severity.as_str(),
                    r.slug,
                    r.title,
                    if r.needs_profile {
                        " [needs a profile]"
                    } else {
                        ""
                    }
                );
            }
        }
    }
    std::io::stdout().lock().write_all(out.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
