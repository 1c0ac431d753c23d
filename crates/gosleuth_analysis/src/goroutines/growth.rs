//! Two dumps of one process: how many goroutines sit at each top frame in
//! each, and what grew.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use super::group::{creation_site, ranked, states, top_key};
use super::input::Record;
use super::model::{Growth, StateCount};
use super::sites::Sites;
use crate::analyze::stats::Frame;

/// Creators listed per growing site.
const CREATORS: usize = 3;

/// A top frame, compared across dumps by function, file base name and line
/// (the formats spell paths alike, but a dump may be `-trimpath`ed).
type Key<'a> = (&'a str, &'a str, i64);

fn key<'a>(f: &Frame<'a>) -> Key<'a> {
    (
        f.function,
        f.file.rsplit('/').next().unwrap_or(f.file),
        f.line,
    )
}

#[derive(Default)]
struct Side<'a> {
    count: u64,
    frame: Option<Frame<'a>>,
    states: BTreeMap<&'a str, StateCount>,
    creators: Vec<(Frame<'a>, u64)>,
}

/// A growth row and the frames whose code the leak rules should look at
/// (the site, then its creators).
pub(crate) struct Row<'a> {
    pub(crate) growth: Growth,
    pub(crate) frames: Vec<Frame<'a>>,
}

/// Every top frame whose count changed, most growth first.
pub(crate) fn growth<'a>(
    earlier: &[Record<'a>],
    later: &[Record<'a>],
    sites: &mut Sites,
) -> Vec<Row<'a>> {
    let mut before: FxHashMap<Key<'a>, Side<'a>> = FxHashMap::default();
    let mut after: FxHashMap<Key<'a>, Side<'a>> = FxHashMap::default();
    for (records, map) in [(earlier, &mut before), (later, &mut after)] {
        for r in records {
            let (top, _) = top_key(r);
            let side = map.entry(key(&top)).or_default();
            side.count += r.count;
            side.frame.get_or_insert(top);
            side.creators.push((creation_site(r), r.count));
            if let Some(state) = r.state {
                let s = side.states.entry(state).or_insert_with(|| StateCount {
                    state: state.into(),
                    count: 0,
                    min_minutes: u64::MAX,
                    max_minutes: 0,
                });
                s.count += r.count;
                s.min_minutes = s.min_minutes.min(r.minutes);
                s.max_minutes = s.max_minutes.max(r.minutes);
            }
        }
    }
    let mut keys: Vec<Key<'a>> = before.keys().chain(after.keys()).copied().collect();
    keys.sort_unstable();
    keys.dedup();
    let mut rows: Vec<Row<'a>> = Vec::new();
    for k in keys {
        let (b, a) = (
            before.remove(&k).unwrap_or_default(),
            after.remove(&k).unwrap_or_default(),
        );
        if a.count == b.count {
            continue;
        }
        let Some(frame) = a.frame.or(b.frame) else {
            continue;
        };
        let created: Vec<_> = a
            .creators
            .iter()
            .map(|(f, n)| (sites.site(f), *n))
            .collect();
        let mut frames = vec![frame];
        frames.extend(a.creators.iter().map(|(f, _)| *f));
        frames.dedup();
        rows.push(Row {
            growth: Growth {
                site: sites.site(&frame),
                before: b.count,
                after: a.count,
                delta: i64::try_from(a.count).unwrap_or(i64::MAX)
                    - i64::try_from(b.count).unwrap_or(i64::MAX),
                states: states(a.states.into_values().collect()),
                created_by: ranked(created, CREATORS),
                findings: Vec::new(),
            },
            frames,
        });
    }
    rows.sort_by(|x, y| {
        let (x, y) = (&x.growth, &y.growth);
        y.delta
            .cmp(&x.delta)
            .then(y.after.cmp(&x.after))
            .then_with(|| x.site.cmp(&y.site))
    });
    rows
}
