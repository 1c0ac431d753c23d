//! Rules on hot code (SPEC §3.7–3.8): the catalog runs on the packages of
//! the top sites and of their callers (only those, to stay fast); a finding
//! on a hot line carries that line's weight per node, and its saving is the
//! weight × the rule's avoidable fraction, as a range across nodes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use gosleuth_go::{Index, SyntaxFile};
use gosleuth_rules::{Effort, Finding, Kind, RULES, Rule, audit_files, audit_parsed};
use rustc_hash::FxHashMap;

use super::sites::HotCode;
use crate::model::{Priority, Range, Recommendation, Site, SiteFinding};

/// Per node: value per (leaf function, line).
pub(crate) type LineValues = FxHashMap<(String, i64), i64>;

/// Attaches findings to `sites` and returns the recommendations. `index`:
/// the resolver's, whose kept syntax spares parsing the hot files again.
pub(crate) fn advise(
    sites: &mut [Site],
    hot: &[HotCode],
    lines: &[LineValues],
    totals: &[f64],
    index: Option<&Index>,
) -> Vec<Recommendation> {
    let mut packages = Packages::new(hot, index);
    // Per rule: (site rank, weight key) → weight per node, so a line counts
    // once per rule however many of its findings cover it.
    let mut weights: BTreeMap<&'static str, BTreeMap<(usize, i64), Vec<f64>>> = BTreeMap::new();
    let mut targets: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
    for (site, hot) in sites.iter_mut().zip(hot) {
        let mut attached: Vec<(Finding, String)> = Vec::new();
        if let Some((dir, path)) = &hot.file {
            for f in &packages.findings(dir) {
                if !same_file(dir, f, path) {
                    continue;
                }
                let covered: Vec<i64> = hot
                    .lines
                    .iter()
                    .copied()
                    .filter(|l| covers(f, *l))
                    .collect();
                let w = weights.entry(f.rule).or_default();
                if !covered.is_empty() {
                    for l in covered {
                        let v = lines
                            .iter()
                            .map(|m| {
                                m.get(&(site.function.clone(), l)).copied().unwrap_or(0) as f64
                            })
                            .collect();
                        w.insert((site.rank, l), v);
                    }
                } else if f.needs_profile() {
                    // Only the line's own allocation confirms such a finding.
                    continue;
                } else if f.function.as_deref() == Some(site.function.as_str()) {
                    w.insert((site.rank, 0), site.per_node_flat.clone());
                } else {
                    continue;
                }
                attached.push((f.clone(), display(site.file.as_deref(), f)));
            }
        }
        for (dir, path, line, fraction) in &hot.callers {
            for f in &packages.findings(dir) {
                if !same_file(dir, f, path) || !covers(f, *line) || f.needs_profile() {
                    continue;
                }
                let v = site.per_node_flat.iter().map(|x| x * fraction).collect();
                // Caller lines are keyed negative so they never meet the
                // site's own lines.
                weights
                    .entry(f.rule)
                    .or_default()
                    .insert((site.rank, -*line), v);
                attached.push((f.clone(), caller_display(site, *line, f)));
            }
        }
        attached.sort_by(|a, b| (&a.1, a.0.line, a.0.rule).cmp(&(&b.1, b.0.line, b.0.rule)));
        attached.dedup_by(|a, b| a.1 == b.1 && a.0.line == b.0.line && a.0.rule == b.0.rule);
        for (f, file) in attached {
            targets
                .entry(f.rule)
                .or_default()
                .push(format!("{file}:{}", f.line));
            site.findings.push(SiteFinding {
                rule_id: f.rule.to_string(),
                rule_slug: f.slug.to_string(),
                file,
                line: f.line,
                end_line: f.end_line,
                message: f.message,
            });
        }
    }
    let mut out: Vec<Recommendation> = weights
        .into_iter()
        .filter(|(_, w)| !w.is_empty())
        .filter_map(|(id, w)| {
            let rule = gosleuth_rules::rule(id)?;
            let mut t = targets.remove(id).unwrap_or_default();
            t.sort();
            t.dedup();
            Some(recommendation(rule, &w, t, totals))
        })
        .collect();
    out.sort_by(|a, b| {
        a.priority
            .cmp(&b.priority)
            .then(b.saving.median.total_cmp(&a.saving.median))
            .then_with(|| a.rule_id.cmp(&b.rule_id))
    });
    out
}

fn recommendation(
    rule: &Rule,
    weights: &BTreeMap<(usize, i64), Vec<f64>>,
    targets: Vec<String>,
    totals: &[f64],
) -> Recommendation {
    let mut saving = vec![0.0; totals.len()];
    for v in weights.values() {
        for (acc, x) in saving.iter_mut().zip(v) {
            *acc += x * rule.avoidable;
        }
    }
    let percent: Vec<f64> = saving
        .iter()
        .zip(totals)
        .map(|(s, t)| if *t > 0.0 { s * 100.0 / t } else { 0.0 })
        .collect();
    let mut ranks: Vec<usize> = weights.keys().map(|k| k.0).collect();
    ranks.dedup();
    let saving = Range::of(&saving);
    let total = Range::of(totals);
    Recommendation {
        priority: priority(saving.median, total.median, rule.effort),
        rule_id: rule.id.to_string(),
        rule_slug: rule.slug.to_string(),
        change: rule.fix.lines().next().unwrap_or_default().to_string(),
        targets,
        site_ranks: ranks,
        saving,
        saving_percent: Range::of(&percent),
        effort: rule.effort.as_str().to_string(),
    }
}

/// P0: saving ≥ 10% of the total (medians) at low or medium effort; P1: ≥ 5%,
/// or ≥ 10% at high effort; P2: ≥ 1%; P3: less.
pub(crate) fn priority(saving: f64, total: f64, effort: Effort) -> Priority {
    let share = if total > 0.0 { saving / total } else { 0.0 };
    if share >= 0.10 && effort != Effort::High {
        Priority::P0
    } else if share >= 0.05 {
        Priority::P1
    } else if share >= 0.01 {
        Priority::P2
    } else {
        Priority::P3
    }
}

fn covers(f: &Finding, line: i64) -> bool {
    u32::try_from(line).is_ok_and(|l| (f.line..=f.end_line).contains(&l))
}

fn same_file(dir: &Path, f: &Finding, path: &Path) -> bool {
    dir.join(&f.file) == path
}

/// The finding's file as the report shows files: the site's displayed path
/// when it is in the same directory, else the finding's own relative path.
fn display(site_file: Option<&str>, f: &Finding) -> String {
    site_file.map_or_else(|| f.file.clone(), |s| sibling(s, &f.file))
}

fn caller_display(site: &Site, line: i64, f: &Finding) -> String {
    site.callers
        .iter()
        .find(|c| c.line == line && c.file.ends_with(&f.file))
        .map_or_else(|| f.file.clone(), |c| c.file.clone())
}

fn sibling(site_file: &str, name: &str) -> String {
    match site_file.rsplit_once('/') {
        Some((dir, _)) => format!("{dir}/{name}"),
        None => name.to_string(),
    }
}

/// The hot files of each package, audited together once (package facts come
/// from those files only: reading whole packages costs more than the rest of
/// `analyze`). Rules whose cost is not allocation (goroutine leaks, unclosed
/// resources, locks) carry no allocation weight and are left out.
struct Packages<'i> {
    files: BTreeMap<PathBuf, Vec<PathBuf>>,
    by_dir: FxHashMap<PathBuf, Vec<Finding>>,
    index: Option<&'i Index>,
}

impl<'i> Packages<'i> {
    fn new(hot: &[HotCode], index: Option<&'i Index>) -> Packages<'i> {
        let mut files: BTreeMap<PathBuf, Vec<PathBuf>> = BTreeMap::new();
        for h in hot {
            let callers = h.callers.iter().map(|(d, p, _, _)| (d, p));
            for (dir, path) in h.file.iter().map(|(d, p)| (d, p)).chain(callers) {
                let v = files.entry(dir.clone()).or_default();
                if !v.contains(path) {
                    v.push(path.clone());
                }
            }
        }
        Packages {
            files,
            by_dir: FxHashMap::default(),
            index,
        }
    }

    fn findings(&mut self, dir: &Path) -> Vec<Finding> {
        let files = self.files.get(dir).cloned().unwrap_or_default();
        let index = self.index;
        self.by_dir
            .entry(dir.to_path_buf())
            .or_insert_with(|| {
                let rules: Vec<&'static Rule> = RULES
                    .iter()
                    .copied()
                    .filter(|r| !matches!(r.kind, Kind::K8 | Kind::K9 | Kind::K10))
                    .collect();
                let mut files = files;
                files.sort();
                let kept: Option<Vec<&SyntaxFile>> =
                    index.and_then(|ix| files.iter().map(|f| ix.syntax(f)).collect());
                match (index, kept) {
                    (Some(ix), Some(kept)) => audit_parsed(dir, &kept, ix, &rules).findings,
                    _ => audit_files(dir, files, &rules).findings,
                }
            })
            .clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn priority_from_saving_share_and_effort() {
        assert_eq!(priority(10.0, 100.0, Effort::Medium), Priority::P0);
        assert_eq!(priority(10.0, 100.0, Effort::High), Priority::P1);
        assert_eq!(priority(5.0, 100.0, Effort::Low), Priority::P1);
        assert_eq!(priority(4.9, 100.0, Effort::Low), Priority::P2);
        assert_eq!(priority(1.0, 100.0, Effort::Low), Priority::P2);
        assert_eq!(priority(0.5, 100.0, Effort::Low), Priority::P3);
        assert_eq!(priority(0.0, 0.0, Effort::Low), Priority::P3);
    }
}
