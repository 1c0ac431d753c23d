//! Per-function and per-line figures straight from the samples, with pprof's
//! rules: flat goes to the innermost frame, cumulative counts a function once
//! per sample however often it recurs, inlined frames count as their own.

use gosleuth_pprof::Profile;
use rustc_hash::{FxHashMap, FxHashSet};

/// A frame: function name, file and line (innermost first within a sample).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Frame<'p> {
    pub(crate) function: &'p str,
    pub(crate) file: &'p str,
    pub(crate) line: i64,
}

/// The frames of one sample, innermost first (inlined frames expanded).
pub(crate) fn frames<'p>(p: &'p Profile, locations: &[usize]) -> Vec<Frame<'p>> {
    let mut out = Vec::new();
    for &l in locations {
        for line in &p.locations[l].lines {
            if let Some(f) = p.function(line) {
                out.push(Frame {
                    function: &f.name,
                    file: &f.filename,
                    line: line.line,
                });
            }
        }
    }
    out
}

/// Flat and cumulative values per function of one profile.
#[derive(Debug, Default)]
pub(crate) struct FunctionStats {
    pub(crate) flat: FxHashMap<String, i64>,
    pub(crate) cum: FxHashMap<String, i64>,
    pub(crate) total: i64,
}

impl FunctionStats {
    pub(crate) fn new(p: &Profile, index: usize) -> FunctionStats {
        let mut s = FunctionStats::default();
        let mut seen: FxHashSet<&str> = FxHashSet::default();
        for sample in &p.samples {
            let v = sample.values[index];
            if v == 0 {
                continue;
            }
            s.total += v.abs();
            let fr = frames(p, &sample.locations);
            if let Some(leaf) = fr.first() {
                *s.flat.entry(leaf.function.to_string()).or_default() += v;
            }
            seen.clear();
            for f in &fr {
                if seen.insert(f.function) {
                    *s.cum.entry(f.function.to_string()).or_default() += v;
                }
            }
        }
        s
    }

    pub(crate) fn flat_of(&self, f: &str) -> i64 {
        self.flat.get(f).copied().unwrap_or(0)
    }

    pub(crate) fn cum_of(&self, f: &str) -> i64 {
        self.cum.get(f).copied().unwrap_or(0)
    }
}

/// Value per (leaf function, line) over all samples: the per-node weights of
/// allocating lines.
pub(crate) fn leaf_line_values(p: &Profile, index: usize) -> FxHashMap<(String, i64), i64> {
    let mut out: FxHashMap<(String, i64), i64> = FxHashMap::default();
    for sample in &p.samples {
        if let Some(leaf) = frames(p, &sample.locations).first() {
            *out.entry((leaf.function.to_string(), leaf.line))
                .or_default() += sample.values[index];
        }
    }
    out
}

/// Value and objects of the innermost line of each sample whose leaf is `function`.
pub(crate) fn leaf_lines(
    p: &Profile,
    function: &str,
    index: usize,
    objects: Option<usize>,
) -> Vec<(String, i64, i64, i64)> {
    let mut by_line: FxHashMap<(&str, i64), (i64, i64)> = FxHashMap::default();
    for sample in &p.samples {
        let fr = frames(p, &sample.locations);
        let Some(leaf) = fr.first().filter(|f| f.function == function) else {
            continue;
        };
        let e = by_line.entry((leaf.file, leaf.line)).or_default();
        e.0 += sample.values[index];
        e.1 += objects.map_or(0, |o| sample.values[o]);
    }
    let mut v: Vec<(String, i64, i64, i64)> = by_line
        .into_iter()
        .map(|((file, line), (val, obj))| (file.to_string(), line, val, obj))
        .collect();
    v.sort_by(|a, b| {
        b.2.cmp(&a.2)
            .then(a.1.cmp(&b.1))
            .then_with(|| a.0.cmp(&b.0))
    });
    v
}

/// Callers of `function` for the samples whose leaf it is: the first frame
/// outside it, with the call-site file and line, and the value through it.
pub(crate) fn leaf_callers<'p>(
    p: &'p Profile,
    function: &str,
    index: usize,
) -> Vec<(Frame<'p>, i64, Option<Frame<'p>>)> {
    let mut by_site: FxHashMap<Frame<'p>, (i64, FxHashMap<Frame<'p>, i64>)> = FxHashMap::default();
    for sample in &p.samples {
        let fr = frames(p, &sample.locations);
        if fr.first().is_none_or(|f| f.function != function) {
            continue;
        }
        let Some(at) = fr.iter().position(|f| f.function != function) else {
            continue;
        };
        let e = by_site.entry(fr[at]).or_default();
        e.0 += sample.values[index];
        if let Some(outer) = fr[at + 1..].iter().find(|f| f.function != fr[at].function) {
            *e.1.entry(*outer).or_default() += sample.values[index];
        }
    }
    let mut v: Vec<(Frame<'p>, i64, Option<Frame<'p>>)> = by_site
        .into_iter()
        .map(|(site, (w, outer))| {
            let via = outer.into_iter().max_by(|a, b| {
                a.1.cmp(&b.1)
                    .then_with(|| (b.0.function, b.0.line).cmp(&(a.0.function, a.0.line)))
            });
            (site, w, via.map(|(f, _)| f))
        })
        .collect();
    v.sort_by(|a, b| {
        b.1.cmp(&a.1).then_with(|| {
            (a.0.function, a.0.file, a.0.line).cmp(&(b.0.function, b.0.file, b.0.line))
        })
    });
    v
}

/// Callees of `function` (the frame just inside its outermost occurrence) and
/// the value through each.
pub(crate) fn callees(p: &Profile, function: &str, index: usize) -> Vec<(String, i64)> {
    let mut by_callee: FxHashMap<&str, i64> = FxHashMap::default();
    for sample in &p.samples {
        let fr = frames(p, &sample.locations);
        let Some(outer) = fr.iter().rposition(|f| f.function == function) else {
            continue;
        };
        if let Some(inner) = outer.checked_sub(1).map(|i| fr[i]) {
            *by_callee.entry(inner.function).or_default() += sample.values[index];
        }
    }
    let mut v: Vec<(String, i64)> = by_callee
        .into_iter()
        .map(|(f, w)| (f.to_string(), w))
        .collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}

/// Share of the samples containing `function` in which it is the outermost frame
/// (a thread root such as `runtime.goexit` or `main.main`).
pub(crate) fn root_share(p: &Profile, function: &str, index: usize) -> f64 {
    let (mut root, mut all) = (0i64, 0i64);
    for sample in &p.samples {
        let fr = frames(p, &sample.locations);
        if !fr.iter().any(|f| f.function == function) {
            continue;
        }
        let v = sample.values[index].abs();
        all += v;
        if fr.last().is_some_and(|f| f.function == function) {
            root += v;
        }
    }
    if all == 0 {
        0.0
    } else {
        root as f64 / all as f64
    }
}
