//! Object-size distribution of a site from the heap profile's numeric `bytes`
//! label. Go writes one `bytes` value per stack: the stack's bytes divided by
//! its objects, so a stack allocating one fixed size shows that size exactly
//! and a stack of varying sizes shows their mean.

use gosleuth_pprof::Profile;
use rustc_hash::FxHashMap;

use super::stats::frames;
use crate::model::{ObjectSize, ObjectSizes};

/// Sizes listed per site; the rest are counted in `distinct`.
const MAX_SIZES: usize = 5;

/// The `*_objects` and `*_space` sample types beside the analysed one
/// (`alloc_space` → `alloc_objects`, `alloc_space`), when the profile has both.
pub(crate) fn pair(p: &Profile, index: usize) -> Option<(usize, usize)> {
    let name = &p.sample_types[index].r#type;
    let prefix = name
        .strip_suffix("_space")
        .or_else(|| name.strip_suffix("_objects"))?;
    let find = |t: String| p.sample_types.iter().position(|s| s.r#type == t);
    Some((
        find(format!("{prefix}_objects"))?,
        find(format!("{prefix}_space"))?,
    ))
}

/// The sizes of the objects allocated where `function` is the innermost
/// frame, heaviest (by bytes) first; `None` when the samples carry no `bytes`
/// label or the profile has no objects/space pair.
pub(crate) fn object_sizes(p: &Profile, function: &str, index: usize) -> Option<ObjectSizes> {
    let (objects_at, bytes_at) = pair(p, index)?;
    let mut by_size: FxHashMap<i64, (i64, i64)> = FxHashMap::default();
    for sample in &p.samples {
        let Some(&size) = sample.num_labels.get("bytes").and_then(|v| v.first()) else {
            continue;
        };
        if frames(p, &sample.locations)
            .first()
            .is_none_or(|f| f.function != function)
        {
            continue;
        }
        let e = by_size.entry(size).or_default();
        e.0 += sample.values[objects_at];
        e.1 += sample.values[bytes_at];
    }
    let (objects, bytes) = by_size
        .values()
        .fold((0i64, 0i64), |(o, b), v| (o + v.0, b + v.1));
    if by_size.is_empty() || objects <= 0 && bytes <= 0 {
        return None;
    }
    let mut sizes: Vec<(i64, i64, i64)> =
        by_size.into_iter().map(|(s, (o, b))| (s, o, b)).collect();
    sizes.sort_by(|a, b| b.2.cmp(&a.2).then(b.1.cmp(&a.1)).then(a.0.cmp(&b.0)));
    let percent = |part: i64, all: i64| {
        if all == 0 {
            0.0
        } else {
            part as f64 * 100.0 / all as f64
        }
    };
    Some(ObjectSizes {
        distinct: sizes.len(),
        top: sizes
            .iter()
            .take(MAX_SIZES)
            .map(|&(size, o, b)| ObjectSize {
                size,
                objects: o as f64,
                bytes: b as f64,
                objects_percent: percent(o, objects),
                bytes_percent: percent(b, bytes),
            })
            .collect(),
    })
}
