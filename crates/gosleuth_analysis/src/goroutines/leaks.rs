//! The goroutine-leak rules of the catalog (kind K8) on the code of growing
//! sites: each package audited once, findings kept when they cover the site's
//! line or its creator's.

use std::path::{Path, PathBuf};

use gosleuth_rules::{AuditOptions, Finding, Kind, RULES, Rule, audit_with};
use rustc_hash::FxHashMap;

use super::model::LeakFinding;
use super::sites::Sites;
use crate::analyze::stats::Frame;

/// Findings per package directory.
#[derive(Default)]
pub(crate) struct Leaks {
    by_dir: FxHashMap<PathBuf, Vec<Finding>>,
}

impl Leaks {
    /// Findings of the leak rules that cover one of `frames`' lines.
    pub(crate) fn findings(&mut self, sites: &mut Sites, frames: &[Frame<'_>]) -> Vec<LeakFinding> {
        let mut out: Vec<LeakFinding> = Vec::new();
        for f in frames {
            let Some(r) = sites.resolution(f) else {
                continue;
            };
            let (Some(path), Some(dir)) = (r.path.as_ref(), r.package_dir.as_ref()) else {
                continue;
            };
            let display = sites.site(f).file;
            let line = u32::try_from(f.line).unwrap_or(0);
            for finding in self.package(dir) {
                let covers = (finding.line..=finding.end_line).contains(&line)
                    || finding.related.iter().any(|x| x.line == line);
                if covers && dir.join(&finding.file) == *path {
                    out.push(leak_finding(finding, &display));
                }
            }
        }
        out.sort_by(|a, b| (&a.file, a.line, &a.rule).cmp(&(&b.file, b.line, &b.rule)));
        out.dedup();
        out
    }

    fn package(&mut self, dir: &Path) -> &[Finding] {
        self.by_dir.entry(dir.to_path_buf()).or_insert_with(|| {
            let rules: Vec<&'static Rule> = RULES
                .iter()
                .copied()
                .filter(|r| r.kind == Kind::K8)
                .collect();
            // A package that cannot be audited has no findings to attach; the
            // growth itself is still reported.
            audit_with(dir, &AuditOptions::default(), &rules)
                .map(|a| a.findings)
                .unwrap_or_default()
        })
    }
}

fn leak_finding(f: &Finding, file: &str) -> LeakFinding {
    LeakFinding {
        rule: f.rule.to_string(),
        slug: f.slug.to_string(),
        severity: f.severity.as_str().to_string(),
        file: file.to_string(),
        line: f.line,
        end_line: f.end_line,
        message: f.message.clone(),
        fix: gosleuth_rules::rule(f.rule).map_or_else(String::new, |r| r.fix.to_string()),
    }
}
