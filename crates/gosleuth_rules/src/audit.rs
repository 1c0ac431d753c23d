//! `audit`: every Go file of a repository through every rule.

use std::path::{Path, PathBuf};

use gosleuth_go::{Index, SyntaxFile};
use serde::Serialize;

use crate::batch::check_in_batches;
use crate::engine::{Checked, check, check_parsed, relative};
use crate::error::{Error, Result};
use crate::finding::{Finding, Severity};
use crate::registry::RULES;
use crate::rule::Rule;

/// Which files an audit reads.
#[derive(Debug, Clone, Default)]
pub struct AuditOptions {
    /// Also audit `_test.go` files.
    pub include_tests: bool,
    /// Also audit `vendor/` directories.
    pub include_vendor: bool,
}

/// The result of an audit: plain data for the renderers.
#[derive(Debug, Clone, Serialize)]
pub struct Audit {
    /// The directory audited, as the user gave it.
    pub root: String,
    /// Go files read.
    pub files: usize,
    /// Lines of Go read.
    pub lines: usize,
    /// Rules run over them.
    pub rules_run: usize,
    /// Findings, most severe first, then by kind, rule, file and line.
    pub findings: Vec<Finding>,
    /// Files or declarations that did not parse cleanly (the rest of the
    /// file was still checked).
    pub warnings: Vec<String>,
    /// With profiles: what the findings' weights measure.
    pub weighting: Option<Weighting>,
}

/// The profiles an audit's findings were weighed with.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Weighting {
    /// Sample type (`alloc_space`, `cpu`).
    pub sample_type: String,
    /// Its unit (`bytes`, `nanoseconds`).
    pub unit: String,
    /// The profiles' total value.
    pub total: i64,
    /// Profiles merged.
    pub profiles: usize,
    /// Share of the total whose stack has a frame in the audited source.
    pub in_source: f64,
}

impl Weighting {
    /// A weight as a share of the profiles' total (`None` when it is zero).
    #[must_use]
    pub fn share(&self, weight: i64) -> Option<f64> {
        (self.total != 0).then(|| weight as f64 / self.total as f64)
    }
}

impl Audit {
    /// Number of findings at each severity, most severe first.
    #[must_use]
    pub fn counts(&self) -> Vec<(Severity, usize)> {
        Severity::ALL
            .into_iter()
            .map(|s| (s, self.findings.iter().filter(|f| f.severity == s).count()))
            .collect()
    }

    /// Orders findings by weight, heaviest first; unweighed or unsampled
    /// findings keep their order after them.
    pub fn rank_by_weight(&mut self) {
        self.findings
            .sort_by_key(|f| std::cmp::Reverse(f.weight.unwrap_or(0)));
    }

    /// Whether a finding is at or above `level`.
    #[must_use]
    pub fn fails(&self, level: Severity) -> bool {
        self.findings.iter().any(|f| f.severity >= level)
    }
}

/// Audits the Go files under `root` with every rule of the catalog that
/// the source alone can confirm (not those that need a profile).
///
/// # Errors
/// When `root` is not a readable directory.
pub fn audit(root: &Path, opts: &AuditOptions) -> Result<Audit> {
    let rules: Vec<&'static Rule> = RULES.iter().copied().filter(|r| !r.needs_profile).collect();
    audit_with(root, opts, &rules)
}

/// Audits with the given rules only.
///
/// # Errors
/// When `root` is not a readable directory.
pub fn audit_with(root: &Path, opts: &AuditOptions, rules: &[&'static Rule]) -> Result<Audit> {
    let meta = std::fs::metadata(root).map_err(|source| Error::Io {
        path: root.to_path_buf(),
        source,
    })?;
    if !meta.is_dir() {
        return Err(Error::NotADirectory(root.to_path_buf()));
    }
    let (files, mut warnings) = go_files(root, opts);
    let n = files.len();
    let checked = check_in_batches(root, files, rules);
    let mut findings = checked.findings;
    sort(&mut findings);
    warnings.extend(checked.warnings);
    Ok(Audit {
        root: root.display().to_string(),
        files: n,
        lines: checked.lines,
        rules_run: rules.len(),
        findings,
        warnings,
        weighting: None,
    })
}

/// Audits the given Go files (paths under `root`, to which finding files are
/// relative) with the given rules. Package facts come from these files only:
/// for callers that check a few hot files rather than whole packages.
#[must_use]
pub fn audit_files(root: &Path, files: Vec<PathBuf>, rules: &[&'static Rule]) -> Audit {
    let n = files.len();
    files_audit(root, n, rules.len(), check(root, files, rules))
}

/// As [`audit_files`], for files another step already parsed and indexed:
/// each of `files` must be in `index` (see `Index::keep_syntax_under`).
#[must_use]
pub fn audit_parsed(
    root: &Path,
    files: &[&SyntaxFile],
    index: &Index,
    rules: &[&'static Rule],
) -> Audit {
    files_audit(
        root,
        files.len(),
        rules.len(),
        check_parsed(root, files, index, rules),
    )
}

fn files_audit(root: &Path, files: usize, rules: usize, checked: Checked) -> Audit {
    let mut findings = checked.findings;
    sort(&mut findings);
    Audit {
        root: root.display().to_string(),
        files,
        lines: checked.lines,
        rules_run: rules,
        findings,
        warnings: checked.warnings,
        weighting: None,
    }
}

/// Most severe first, then kind, rule, file, line.
pub(crate) fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then(a.kind.cmp(&b.kind))
            .then(a.rule.cmp(b.rule))
            .then(a.file.cmp(&b.file))
            .then(a.line.cmp(&b.line))
            .then(a.end_line.cmp(&b.end_line))
            .then(a.message.cmp(&b.message))
    });
}

/// Go files under `root`: `.gitignore` respected; hidden, `_`-prefixed and
/// `testdata` directories skipped as `go build` skips them; `vendor/` and
/// `_test.go` only when asked.
fn go_files(root: &Path, opts: &AuditOptions) -> (Vec<PathBuf>, Vec<String>) {
    let include_vendor = opts.include_vendor;
    let walker = ignore::WalkBuilder::new(root)
        .hidden(true)
        .parents(true)
        .git_ignore(true)
        .git_exclude(true)
        .require_git(false)
        .follow_links(false)
        .filter_entry(move |e| {
            let name = e.file_name().to_string_lossy();
            let is_dir = e.file_type().is_some_and(|t| t.is_dir());
            !(is_dir
                && e.depth() > 0
                && (name.starts_with('_')
                    || name == "testdata"
                    || (name == "vendor" && !include_vendor)))
        })
        .build();
    let mut out = Vec::new();
    let mut warnings = Vec::new();
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                warnings.push(e.to_string());
                continue;
            }
        };
        if !entry.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        let name = entry.file_name().to_string_lossy();
        if !name.ends_with(".go") || (!opts.include_tests && name.ends_with("_test.go")) {
            continue;
        }
        out.push(entry.into_path());
    }
    out.sort_by_key(|p| relative(root, p));
    (out, warnings)
}
