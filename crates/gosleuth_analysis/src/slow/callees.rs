//! The functions of the same package that the logging function calls in its
//! timed window (and what those call, one level more), with the locks they
//! take and their I/O, waits and channel operations.

use std::collections::{BTreeMap, VecDeque};
use std::path::PathBuf;

use gosleuth_go::{FuncKind, FuncRef, Package};
use rustc_hash::{FxHashMap, FxHashSet};

use super::model::{Callee, StepKind};
use super::walk::scan;

/// How deep the walk goes below the logging function.
const MAX_DEPTH: u32 = 2;
/// Most functions walked per logging function.
const MAX_FUNCTIONS: usize = 60;

/// File texts, read once.
#[derive(Default)]
pub(crate) struct Texts(FxHashMap<PathBuf, String>);

impl Texts {
    pub(crate) fn get(&mut self, path: &PathBuf) -> &str {
        self.0.entry(path.clone()).or_insert_with(|| {
            std::fs::read(path)
                .map(|b| String::from_utf8_lossy(&b).into_owned())
                .unwrap_or_default()
        })
    }
}

/// Functions and methods of a package by their last name element.
pub(crate) struct Names<'p> {
    pkg: &'p Package,
    by_name: BTreeMap<&'p str, Vec<FuncRef>>,
}

impl<'p> Names<'p> {
    pub(crate) fn new(pkg: &'p Package) -> Names<'p> {
        let mut by_name: BTreeMap<&str, Vec<FuncRef>> = BTreeMap::new();
        for (r, f) in pkg.functions() {
            if matches!(f.kind, FuncKind::Function | FuncKind::Method) && !f.dead {
                let base = f.name.rsplit('.').next().unwrap_or(&f.name);
                by_name.entry(base).or_default().push(r);
            }
        }
        Names { pkg, by_name }
    }

    /// The function a call as written (`c.flushClients`, `newLevel`) names,
    /// when the package has exactly one fitting candidate.
    fn resolve(&self, callee: &str, caller: FuncRef) -> Option<FuncRef> {
        let (recv, base) = callee
            .rsplit_once('.')
            .map_or(("", callee), |(r, b)| (r, b));
        let cands = self.by_name.get(base)?;
        if cands.len() == 1 {
            return Some(cands[0]);
        }
        let caller_type = self
            .pkg
            .function(caller)
            .receiver
            .as_ref()
            .map(|r| r.type_name.as_str());
        let fit: Vec<FuncRef> = cands
            .iter()
            .copied()
            .filter(|&c| {
                let f = self.pkg.function(c);
                if recv.is_empty() {
                    f.kind == FuncKind::Function
                } else {
                    f.receiver.as_ref().map(|r| r.type_name.as_str()) == caller_type
                }
            })
            .collect();
        (fit.len() == 1).then(|| fit[0])
    }
}

/// Walks the calls of the logging function `root` (callee as written, line,
/// locks held) down to [`MAX_DEPTH`], keeping the functions that lock or block.
pub(crate) fn callees(
    names: &Names<'_>,
    root: FuncRef,
    calls: &[(String, u32, Vec<String>)],
    texts: &mut Texts,
) -> Vec<Callee> {
    let pkg = names.pkg;
    let mut queue: VecDeque<(String, u32, Vec<String>, u32, FuncRef)> = calls
        .iter()
        .map(|(c, l, h)| (c.clone(), *l, h.clone(), 1, root))
        .collect();
    let mut seen: FxHashSet<FuncRef> = FxHashSet::default();
    seen.insert(root);
    let mut out = Vec::new();
    while let Some((callee, line, under, depth, caller)) = queue.pop_front() {
        let Some(r) = names.resolve(&callee, caller) else {
            continue;
        };
        if !seen.insert(r) || seen.len() > MAX_FUNCTIONS {
            continue;
        }
        let f = pkg.function(r);
        let body = f.body.unwrap_or(f.span);
        let path = pkg.files[r.file].path.clone();
        let text = texts.get(&path).to_string();
        let lines: Vec<&str> = text.lines().collect();
        let facts = scan(pkg, r, &lines, body.start, body.end, &[]);
        if depth < MAX_DEPTH {
            queue.extend(
                facts
                    .calls
                    .iter()
                    .map(|(c, l, h)| (c.clone(), *l, h.clone(), depth + 1, r)),
            );
        }
        let locks: Vec<String> = facts
            .locks
            .iter()
            .map(|l| format!("{} ({} at line {})", l.lock, l.mode, l.acquired))
            .collect();
        let blocking: Vec<_> = facts
            .steps
            .into_iter()
            .filter(|s| {
                matches!(
                    s.kind,
                    StepKind::NetworkIo
                        | StepKind::DiskIo
                        | StepKind::Io
                        | StepKind::Wait
                        | StepKind::Channel
                )
            })
            .collect();
        // Below the first level, only what is called under a lock or blocks:
        // a parser's every handler taking its own lock is not the story.
        if locks.is_empty() && blocking.is_empty()
            || depth > 1 && under.is_empty() && blocking.is_empty()
        {
            continue;
        }
        let releases = facts
            .entry_releases
            .iter()
            .map(|(l, line)| format!("{l} (Unlock at line {line})"))
            .collect();
        let file = path
            .file_name()
            .map_or(String::new(), |n| n.to_string_lossy().into_owned());
        out.push(Callee {
            function: f.name.clone(),
            place: format!("{file}:{}", f.decl_line),
            caller: pkg.function(caller).name.clone(),
            called_at: line,
            under,
            depth,
            locks,
            releases,
            blocking,
        });
    }
    out.sort_by(|a, b| {
        (a.depth, a.called_at, &a.function).cmp(&(b.depth, b.called_at, &b.function))
    });
    out
}
