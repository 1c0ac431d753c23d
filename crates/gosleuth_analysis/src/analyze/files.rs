//! Flat value by source file. A subsystem spread over many small functions
//! (JetStream's file store: block loads, record writes, message copies out of
//! the cache) ranks low function by function, yet its file carries the
//! combined weight; grouping by file shows it without a longer `--top`.

use gosleuth_pprof::Profile;
use rustc_hash::FxHashMap;

use super::rates::Minutes;
use super::source::Source;
use super::stats::{FunctionStats, leaf_lines};
use crate::model::{FileFunction, FileGroup, Range, Site};

/// Files listed at most, and functions per file.
const MAX_FILES: usize = 12;
const MAX_FUNCTIONS: usize = 6;
/// A file is listed when its share of the merged total reaches this (percent):
/// below it, a file is not a subsystem worth a line of the report.
const MIN_SHARE: f64 = 1.0;

/// A file's functions with their merged flat values, heaviest first.
type Functions<'a> = Vec<(&'a str, i64)>;

/// What the grouping reads.
pub(crate) struct FileInputs<'a> {
    pub(crate) merged: &'a Profile,
    pub(crate) index: usize,
    pub(crate) per_node: &'a [FunctionStats],
    pub(crate) minutes: &'a Minutes,
    pub(crate) sites: &'a [Site],
}

/// The heaviest files by flat value, each with its heaviest functions.
pub(crate) fn by_file(i: &FileInputs<'_>, source: &mut Source) -> Vec<FileGroup> {
    let all = FunctionStats::new(i.merged, i.index);
    // A function's file is that of its first entry in the function table.
    let mut file_of: FxHashMap<&str, &str> = FxHashMap::default();
    for f in &i.merged.functions {
        file_of.entry(&f.name).or_insert(&f.filename);
    }
    let mut files: FxHashMap<&str, Vec<(&str, i64)>> = FxHashMap::default();
    for (function, v) in &all.flat {
        if *v > 0
            && let Some(file) = file_of.get(function.as_str())
        {
            files.entry(file).or_default().push((function.as_str(), *v));
        }
    }
    let mut ranked: Vec<(&str, i64, Functions<'_>)> = files
        .into_iter()
        .map(|(file, mut fs)| {
            fs.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
            (file, fs.iter().map(|f| f.1).sum(), fs)
        })
        .collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    ranked
        .into_iter()
        .filter(|(_, v, _)| all.total > 0 && *v as f64 * 100.0 / all.total as f64 >= MIN_SHARE)
        .take(MAX_FILES)
        .map(|(file, _, functions)| group(i, source, file, &functions))
        .collect()
}

fn group(
    i: &FileInputs<'_>,
    source: &mut Source,
    file: &str,
    functions: &[(&str, i64)],
) -> FileGroup {
    let per_node: Vec<f64> = i
        .per_node
        .iter()
        .map(|s| functions.iter().map(|(f, _)| s.flat_of(f)).sum::<i64>() as f64)
        .collect();
    let share: Vec<f64> = per_node
        .iter()
        .zip(i.per_node)
        .map(|(v, s)| {
            if s.total == 0 {
                0.0
            } else {
                v * 100.0 / s.total as f64
            }
        })
        .collect();
    let mut display = None;
    let listed: Vec<FileFunction> = functions
        .iter()
        .take(MAX_FUNCTIONS)
        .map(|&(function, value)| {
            let top = leaf_lines(i.merged, function, i.index, None)
                .into_iter()
                .next();
            let start = i
                .merged
                .functions
                .iter()
                .find(|f| f.name == function)
                .map_or(0, |f| f.start_line);
            let (line, code) = top.map_or((0, None), |(path, line, _, _)| {
                let resolved = source.resolve(function, &path, line, start);
                if display.is_none() {
                    display = resolved.as_ref().and_then(|r| source.display(r));
                }
                (line, resolved.and_then(|r| source.code(&r, line)))
            });
            FileFunction {
                function: function.to_string(),
                value: value as f64,
                line,
                code,
                rank: i
                    .sites
                    .iter()
                    .find(|s| s.function == function)
                    .map(|s| s.rank),
            }
        })
        .collect();
    FileGroup {
        file: display.unwrap_or_else(|| file.to_string()),
        value: Range::of(&per_node),
        value_per_minute: i.minutes.range(&per_node),
        share_percent: Range::of(&share),
        function_count: functions.len(),
        functions: listed,
    }
}
