//! The top allocation sites and their deep dives.

use std::path::PathBuf;

use gosleuth_pprof::Profile;

use super::Selected;
use super::category::{SiteFacts, categorize};
use super::rates::Minutes;
use super::sizes::object_sizes;
use super::source::Source;
use super::stats::{FunctionStats, leaf_callers, leaf_lines};
use crate::model::{AllocLine, Caller, Range, Site};

const MAX_LINES: usize = 8;
const MAX_CALLERS: usize = 5;
/// Source lines shown around each allocating line, and at most per site.
const WINDOW_CONTEXT: i64 = 3;
const MAX_WINDOW_LINES: usize = 60;

/// Where a site's hot code is on disk, for the rules (service code only).
#[derive(Debug, Default)]
pub(crate) struct HotCode {
    /// Package directory and file of the site, when under a `--src` root.
    pub(crate) file: Option<(PathBuf, PathBuf)>,
    /// The site's allocating lines in that file.
    pub(crate) lines: Vec<i64>,
    /// Resolved callers: package directory, file, call-site line and the
    /// fraction of the site's value through that call.
    pub(crate) callers: Vec<(PathBuf, PathBuf, i64, f64)>,
}

/// Sites ranked by merged flat value, with per-node ranges and deep dives,
/// and where each site's hot code is.
pub(crate) fn top_sites(
    merged: &Profile,
    sel: &Selected,
    per_node: &[FunctionStats],
    top: usize,
    source: &mut Source,
    minutes: &Minutes,
) -> (Vec<Site>, Vec<HotCode>) {
    let all = FunctionStats::new(merged, sel.index);
    let mut ranked: Vec<(&String, &i64)> = all.flat.iter().filter(|(_, v)| **v > 0).collect();
    ranked.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
    ranked
        .into_iter()
        .take(top)
        .enumerate()
        .map(|(i, (function, _))| site(merged, sel, per_node, function, i + 1, source, minutes))
        .unzip()
}

fn site(
    p: &Profile,
    sel: &Selected,
    per_node: &[FunctionStats],
    function: &str,
    rank: usize,
    source: &mut Source,
    minutes: &Minutes,
) -> (Site, HotCode) {
    let flat: Vec<f64> = per_node
        .iter()
        .map(|s| s.flat_of(function) as f64)
        .collect();
    let cum: Vec<f64> = per_node.iter().map(|s| s.cum_of(function) as f64).collect();
    let share: Vec<f64> = per_node
        .iter()
        .map(|s| {
            if s.total == 0 {
                0.0
            } else {
                s.flat_of(function) as f64 * 100.0 / s.total as f64
            }
        })
        .collect();
    let start_line = p
        .functions
        .iter()
        .find(|f| f.name == function)
        .map_or(0, |f| f.start_line);
    let raw_lines = leaf_lines(p, function, sel.index, sel.objects);
    let resolution = raw_lines
        .first()
        .and_then(|(file, line, _, _)| source.resolve(function, file, *line, start_line));
    let lines: Vec<AllocLine> = raw_lines
        .iter()
        .take(MAX_LINES)
        .map(|(file, line, value, objects)| {
            let r = source.resolve(function, file, *line, start_line);
            AllocLine {
                line: *line,
                code: r.and_then(|r| source.code(&r, *line)),
                value: *value as f64,
                objects: sel.objects.map(|_| *objects as f64),
                average_size: sel
                    .objects
                    .filter(|_| *objects > 0)
                    .map(|_| *value as f64 / *objects as f64),
            }
        })
        .collect();
    let source_window = resolution.as_ref().map_or_else(Vec::new, |r| {
        let file = raw_lines.first().map(|l| l.0.as_str());
        let heat: Vec<(i64, f64)> = raw_lines
            .iter()
            .filter(|l| Some(l.0.as_str()) == file)
            .map(|l| (l.1, l.2 as f64))
            .collect();
        source.window(r, &heat, WINDOW_CONTEXT, MAX_WINDOW_LINES)
    });
    let site_flat: i64 = raw_lines.iter().map(|l| l.2).sum();
    let site_objects: i64 = raw_lines.iter().map(|l| l.3).sum();
    let mut hot = HotCode {
        file: resolution.as_ref().and_then(|r| source.service_file(r)),
        lines: raw_lines
            .iter()
            .filter(|l| Some(&l.0) == raw_lines.first().map(|f| &f.0))
            .map(|l| l.1)
            .collect(),
        callers: Vec::new(),
    };
    let raw_callers = leaf_callers(p, function, sel.index);
    let caller_names: Vec<&str> = raw_callers.iter().map(|(f, _, _)| f.function).collect();
    let callers: Vec<Caller> = raw_callers
        .iter()
        .take(MAX_CALLERS)
        .map(|(f, w, via)| {
            let resolved = source.resolve(f.function, f.file, f.line, 0);
            if let Some((dir, path)) = resolved.as_ref().and_then(|r| source.service_file(r))
                && site_flat > 0
            {
                hot.callers
                    .push((dir, path, f.line, *w as f64 / site_flat as f64));
            }
            let file = resolved
                .and_then(|r| source.display(&r))
                .unwrap_or_else(|| f.file.to_string());
            Caller {
                function: f.function.to_string(),
                file,
                line: f.line,
                share_percent: if site_flat == 0 {
                    0.0
                } else {
                    *w as f64 * 100.0 / site_flat as f64
                },
                via: via.map(|v| format!("{} at {}:{}", v.function, base_name(v.file), v.line)),
            }
        })
        .collect();
    let mut pool = resolution.as_ref().and_then(|r| source.pool_of(r));
    let through_pool = caller_names.contains(&"sync.(*Pool).Get");
    if !through_pool {
        pool = None;
    }
    let sizes = object_sizes(p, function, sel.index);
    if let Some(pool) = pool.as_mut()
        && site_objects > 0
    {
        pool.object_size = Some(site_flat as f64 / site_objects as f64);
    }
    // A New that boxes its object allocates a small header beside it, which
    // drags the mean down: the size carrying most bytes is the pooled object.
    if let Some(pool) = pool.as_mut()
        && let Some(top) = sizes.as_ref().and_then(|z| z.top.first())
        && top.bytes_percent >= 50.0
    {
        pool.object_size = Some(top.size as f64);
    }
    let facts = SiteFacts {
        function,
        code: lines.first().and_then(|l| l.code.as_deref()),
        callers: &caller_names,
        is_pool_new: pool.is_some() || through_pool && function.contains(".func"),
    };
    let (category, reason) = categorize(&facts);
    let site = Site {
        rank,
        function: function.to_string(),
        file: resolution.as_ref().and_then(|r| source.display(r)),
        decl_line: resolution.as_ref().and_then(|r| {
            let f = r.function?;
            Some(source.package(r)?.function(f).decl_line)
        }),
        flat: Range::of(&flat),
        flat_per_minute: minutes.range(&flat),
        cum_per_minute: minutes.range(&cum),
        per_node_flat: flat,
        cum: Range::of(&cum),
        share_percent: Range::of(&share),
        category,
        reason: reason.to_string(),
        pool,
        lines,
        object_sizes: sizes,
        callers,
        source_window,
        findings: Vec::new(),
    };
    (site, hot)
}

fn base_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}
