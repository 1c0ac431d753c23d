//! The catalog's locking rules (kind K10: locks held across blocking calls)
//! on the package of the logging function: their findings in that function
//! and in the functions it calls in the timed window.

use std::path::{Path, PathBuf};

use gosleuth_rules::{AuditOptions, Finding, Kind, RULES, Rule, audit_with};
use rustc_hash::FxHashMap;

/// Findings per package directory, each package audited once.
#[derive(Default)]
pub(crate) struct Locking {
    by_dir: FxHashMap<PathBuf, Vec<Finding>>,
}

impl Locking {
    /// Findings in `functions` (names as Go writes them, without the
    /// package path), as `GS1001 lock-held-across-blocking client.go:1109: …`.
    pub(crate) fn in_functions(&mut self, dir: &Path, functions: &[&str]) -> Vec<String> {
        let found = self.by_dir.entry(dir.to_path_buf()).or_insert_with(|| {
            let rules: Vec<&'static Rule> = RULES
                .iter()
                .copied()
                .filter(|r| r.kind == Kind::K10)
                .collect();
            // A package the rules cannot read has no findings; the walk stands on its own.
            audit_with(dir, &AuditOptions::default(), &rules)
                .map(|a| a.findings)
                .unwrap_or_default()
        });
        let mut out: Vec<String> = found
            .iter()
            .filter(|f| {
                f.function
                    .as_deref()
                    .is_some_and(|name| functions.contains(&name))
            })
            .map(|f| {
                format!(
                    "{} {} at {}:{}: {}",
                    f.rule, f.slug, f.file, f.line, f.message
                )
            })
            .collect();
        out.sort();
        out.dedup();
        out
    }
}
