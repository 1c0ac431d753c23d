//! Grouping: by creation site and by top application frame, with states,
//! wait minutes, the other grouping inside each group and its commonest stack.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use super::input::Record;
use super::model::{CodeSite, Group, GroupKind, SiteCount, StateCount};
use super::sites::{Sites, is_application};
use crate::analyze::stats::Frame;

/// Frames of a group's stack shown.
const STACK_FRAMES: usize = 16;
/// Entries of a group's `within` list.
const WITHIN: usize = 5;

/// What a goroutine is grouped by: a kind and a frame.
pub(crate) type Key<'a> = (GroupKind, Frame<'a>);

/// What a goroutine without frames (a profile may record an empty stack) is keyed by.
const NO_STACK: Frame<'static> = Frame {
    function: "(no stack)",
    file: "",
    line: 0,
};

/// The creation site: the `go` statement, else the entry frame (the outermost).
pub(crate) fn creation_site<'a>(r: &Record<'a>) -> Frame<'a> {
    r.created_by
        .or_else(|| r.frames.last().copied())
        .unwrap_or(NO_STACK)
}

/// The creation key: the `go` statement, else the entry function (whatever
/// line it is at).
pub(crate) fn creation_key<'a>(r: &Record<'a>) -> Key<'a> {
    if let Some(c) = r.created_by {
        return (GroupKind::GoStatement, c);
    }
    let entry = Frame {
        line: 0,
        ..creation_site(r)
    };
    let main = matches!(entry.function, "main.main" | "runtime.main");
    let kind = if main {
        GroupKind::Main
    } else {
        GroupKind::EntryFunction
    };
    (kind, entry)
}

/// The top key: the innermost application frame, else the entry function.
pub(crate) fn top_key<'a>(r: &Record<'a>) -> (Frame<'a>, bool) {
    match r.frames.iter().find(|f| is_application(f.function)) {
        Some(f) => (*f, true),
        None => (r.frames.last().copied().unwrap_or(NO_STACK), false),
    }
}

#[derive(Default)]
struct Acc<'r, 'a> {
    count: u64,
    application: bool,
    states: BTreeMap<&'a str, StateCount>,
    within: FxHashMap<Frame<'a>, u64>,
    stacks: FxHashMap<&'r [Frame<'a>], u64>,
}

/// Groups by creation site (first) and by top frame (second), most first.
pub(crate) fn groups(records: &[Record<'_>], sites: &mut Sites) -> (Vec<Group>, Vec<Group>) {
    let mut by_creation: FxHashMap<Key<'_>, Acc<'_, '_>> = FxHashMap::default();
    let mut by_top: FxHashMap<Key<'_>, Acc<'_, '_>> = FxHashMap::default();
    for r in records {
        let (c, (t, app)) = (creation_key(r), top_key(r));
        add(
            by_creation.entry(c).or_default(),
            r,
            t,
            is_application(c.1.function),
        );
        add(
            by_top.entry((GroupKind::TopFrame, t)).or_default(),
            r,
            creation_site(r),
            app,
        );
    }
    (finish(by_creation, sites), finish(by_top, sites))
}

fn add<'r, 'a>(acc: &mut Acc<'r, 'a>, r: &'r Record<'a>, other: Frame<'a>, application: bool) {
    acc.count += r.count;
    acc.application = application;
    *acc.within.entry(other).or_default() += r.count;
    *acc.stacks.entry(&r.frames).or_default() += r.count;
    if let Some(state) = r.state {
        let s = acc.states.entry(state).or_insert_with(|| StateCount {
            state: state.to_string(),
            count: 0,
            min_minutes: u64::MAX,
            max_minutes: 0,
        });
        s.count += r.count;
        s.min_minutes = s.min_minutes.min(r.minutes);
        s.max_minutes = s.max_minutes.max(r.minutes);
    }
}

fn finish(groups: FxHashMap<Key<'_>, Acc<'_, '_>>, sites: &mut Sites) -> Vec<Group> {
    let mut out: Vec<Group> = groups
        .into_iter()
        .map(|((kind, frame), acc)| Group {
            kind,
            site: key_site(kind, frame, &acc, sites),
            application: acc.application,
            count: acc.count,
            states: states(acc.states.into_values().collect()),
            within: ranked(
                acc.within
                    .into_iter()
                    .map(|(f, n)| (sites.site(&f), n))
                    .collect(),
                WITHIN,
            ),
            stack: commonest(&acc.stacks)
                .iter()
                .take(STACK_FRAMES)
                .map(|f| sites.site(f))
                .collect(),
        })
        .collect();
    out.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then_with(|| (a.kind, &a.site).cmp(&(b.kind, &b.site)))
    });
    out
}

/// The site of a group's key. An entry function is keyed without a line; it
/// is shown at the line of its commonest stack, without a statement (the
/// goroutines are anywhere in it).
fn key_site(kind: GroupKind, frame: Frame<'_>, acc: &Acc<'_, '_>, sites: &mut Sites) -> CodeSite {
    if !matches!(kind, GroupKind::EntryFunction | GroupKind::Main) {
        return sites.site(&frame);
    }
    let at = commonest(&acc.stacks).last().copied().unwrap_or(frame);
    CodeSite {
        code: None,
        ..sites.site(&at)
    }
}

/// States, most goroutines first.
pub(crate) fn states(mut v: Vec<StateCount>) -> Vec<StateCount> {
    v.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.state.cmp(&b.state)));
    v
}

/// Sites with counts, most first, at most `n` (sites that resolve alike are merged).
pub(crate) fn ranked(v: Vec<(CodeSite, u64)>, n: usize) -> Vec<SiteCount> {
    let mut merged: BTreeMap<CodeSite, u64> = BTreeMap::new();
    for (s, c) in v {
        *merged.entry(s).or_default() += c;
    }
    let mut v: Vec<SiteCount> = merged
        .into_iter()
        .map(|(site, count)| SiteCount { site, count })
        .collect();
    v.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.site.cmp(&b.site)));
    v.truncate(n);
    v
}

fn commonest<'r, 'a>(stacks: &FxHashMap<&'r [Frame<'a>], u64>) -> &'r [Frame<'a>] {
    fn key<'a>(f: &Frame<'a>) -> (&'a str, &'a str, i64) {
        (f.function, f.file, f.line)
    }
    stacks
        .iter()
        .max_by(|a, b| {
            a.1.cmp(b.1)
                .then_with(|| b.0.iter().map(key).cmp(a.0.iter().map(key)))
        })
        .map_or(&[], |(s, _)| *s)
}
