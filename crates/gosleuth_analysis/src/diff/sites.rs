//! Sites on both sides: their verdicts per sample type and their lines,
//! resolved to source and matched across versions.

use super::collect::{Side, SiteValues};
use super::judge::{combined, judge};
use super::matching::{LineIn, match_lines};
use super::model::{LineChange, SiteChange, Status};
use crate::analyze::source::Source;
use crate::model::Range;

/// Sites lighter than this share of the larger total are left out unless they changed.
const MIN_SHARE: f64 = 0.001;
/// Lines per site and side that are resolved and matched.
const MAX_LINES: usize = 8;

/// Every site heavy enough or changed, heaviest first.
pub(crate) fn sites(
    b: &Side,
    n: &Side,
    types: &[String],
    new_src: &mut Source,
    mut base_src: Option<&mut Source>,
) -> Vec<SiteChange> {
    let mut functions: Vec<&String> = b.sites.keys().chain(n.sites.keys()).collect();
    functions.sort();
    functions.dedup();
    let floor = MIN_SHARE
        * Range::of(&b.totals[0])
            .median
            .max(Range::of(&n.totals[0]).median);
    let mut kept: Vec<(f64, SiteChange)> = functions
        .into_iter()
        .filter_map(|f| {
            let changes: Vec<_> = (0..types.len())
                .map(|t| {
                    judge(
                        &types[t],
                        &b.values(f, t),
                        &n.values(f, t),
                        combined(sigma_of(b, f, t), sigma_of(n, f, t)),
                    )
                })
                .collect();
            let weight = changes[0].base.median.max(changes[0].new.median);
            (weight >= floor || changes[0].status != Status::Unchanged).then(|| {
                (
                    weight,
                    SiteChange {
                        function: f.clone(),
                        file: None,
                        changes,
                        lines: Vec::new(),
                    },
                )
            })
        })
        .collect();
    kept.sort_by(|x, y| {
        y.0.total_cmp(&x.0)
            .then_with(|| x.1.function.cmp(&y.1.function))
    });
    kept.into_iter()
        .map(|(_, mut site)| {
            let f = site.function.as_str();
            let base_lines = b
                .sites
                .get(f)
                .map(|s| side_lines(f, s, base_src.as_deref_mut().unwrap_or(&mut *new_src)))
                .unwrap_or_default();
            let new_lines = n
                .sites
                .get(f)
                .map(|s| side_lines(f, s, new_src))
                .unwrap_or_default();
            site.file = new_lines
                .first()
                .or(base_lines.first())
                .map(|(l, _)| l.file.clone());
            site.lines = pair(&base_lines, &new_lines);
            site
        })
        .collect()
}

/// The sampling error of a side's median value of `function` for type `t`.
pub(crate) fn sigma_of(side: &Side, function: &str, t: usize) -> f64 {
    let Some(site) = side.sites.get(function) else {
        return 0.0;
    };
    let medians: Vec<f64> = site.values.iter().map(|v| Range::of(v).median).collect();
    side.sampling.sigma(t, &medians)
}

/// A site's heaviest lines, resolved, with their median values.
fn side_lines(function: &str, site: &SiteValues, src: &mut Source) -> Vec<(LineIn, f64)> {
    let mut lines: Vec<(&(String, i64), f64)> = site
        .lines
        .iter()
        .map(|(k, v)| (k, Range::of(v).median))
        .collect();
    lines.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    lines
        .into_iter()
        .take(MAX_LINES)
        .map(|((file, line), value)| {
            let r = src.resolve(function, file, *line, site.start_line);
            let display = r
                .as_ref()
                .and_then(|r| src.display(r))
                .unwrap_or_else(|| base_name(file).to_string());
            let code = r.and_then(|r| src.code(&r, *line));
            (
                LineIn {
                    file: display,
                    line: *line,
                    code,
                },
                value,
            )
        })
        .collect()
}

fn pair(base: &[(LineIn, f64)], new: &[(LineIn, f64)]) -> Vec<LineChange> {
    let b: Vec<LineIn> = base.iter().map(|(l, _)| l.clone()).collect();
    let n: Vec<LineIn> = new.iter().map(|(l, _)| l.clone()).collect();
    let place = |l: &LineIn| format!("{}:{}", l.file, l.line);
    let mut out: Vec<LineChange> = match_lines(&b, &n)
        .into_iter()
        .map(|(i, j, how)| {
            let bl = i.map(|i| &base[i]);
            let nl = j.map(|j| &new[j]);
            LineChange {
                matched_by: how,
                base_line: bl.map(|(l, _)| place(l)),
                new_line: nl.map(|(l, _)| place(l)),
                code: nl
                    .and_then(|(l, _)| l.code.clone())
                    .or_else(|| bl.and_then(|(l, _)| l.code.clone())),
                base: bl.map_or(0.0, |(_, v)| *v),
                new: nl.map_or(0.0, |(_, v)| *v),
            }
        })
        .collect();
    out.sort_by(|x, y| {
        y.base
            .max(y.new)
            .total_cmp(&x.base.max(x.new))
            .then_with(|| (&x.base_line, &x.new_line).cmp(&(&y.base_line, &y.new_line)))
    });
    out
}

fn base_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}
