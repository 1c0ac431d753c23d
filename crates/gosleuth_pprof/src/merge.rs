//! Merging several profiles into one as pprof does for several inputs
//! (`CompatibilizeSampleTypes`, `ScaleProfiles`, `Merge`): identical functions,
//! locations and samples are shared, so memory grows with distinct stacks, not inputs.

use rustc_hash::FxHashMap as HashMap;

use crate::error::{Error, Result};
use crate::merge_index::ByHash;
use crate::model::{Line, Profile};

/// The merged profile being built, with what finds its records again (the
/// folding itself is in `merge_records.rs`).
#[derive(Default)]
pub(crate) struct Merger {
    pub(crate) out: Profile,
    pub(crate) functions: ByHash,
    pub(crate) mappings: HashMap<(u64, u64, String), usize>,
    pub(crate) locations: ByHash,
    pub(crate) samples: ByHash,
    /// A location's lines with merged function indices, reused.
    pub(crate) lines: Vec<Line>,
}

/// Below this many profiles per core, merging on one thread is cheaper.
const PROFILES_PER_WORKER: usize = 16;

/// Merges profiles into one. One profile is returned as it is.
pub fn merge(mut profiles: Vec<Profile>) -> Result<Profile> {
    if profiles.len() <= 1 {
        return profiles
            .pop()
            .ok_or_else(|| Error::Invalid("no profiles to merge".into()));
    }
    compatibilize_sample_types(&mut profiles)?;
    check_compatible(&profiles)?;
    let header = combine_headers(&profiles);
    let workers = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(profiles.len() / PROFILES_PER_WORKER)
        .max(1);
    if workers == 1 {
        return Ok(merge_chunk(profiles, header));
    }
    // Contiguous chunks keep the first profile's main binary first; each worker
    // consumes its chunk, so the inputs are also freed in parallel.
    let chunk = profiles.len().div_ceil(workers);
    let mut chunks = Vec::with_capacity(workers);
    while !profiles.is_empty() {
        let rest = profiles.split_off(chunk.min(profiles.len()));
        chunks.push(std::mem::replace(&mut profiles, rest));
    }
    let partials: Vec<Profile> = std::thread::scope(|scope| {
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|c| {
                let h = header.clone();
                scope.spawn(move || merge_chunk(c, h))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_default())
            .collect()
    });
    Ok(merge_chunk(partials, header))
}

impl Merger {
    /// A merger whose output starts with `header`.
    pub(crate) fn with_header(header: Profile) -> Merger {
        Merger {
            out: header,
            ..Merger::default()
        }
    }
}

pub(crate) fn merge_chunk(profiles: Vec<Profile>, header: Profile) -> Profile {
    let mut m = Merger {
        out: header,
        ..Merger::default()
    };
    for p in &profiles {
        m.add(p);
    }
    m.out
}

/// Reorders each profile's values to the sample types all profiles share.
fn compatibilize_sample_types(ps: &mut [Profile]) -> Result<()> {
    let common: Vec<String> = ps[0]
        .sample_types
        .iter()
        .map(|t| t.r#type.clone())
        .filter(|t| {
            ps.iter()
                .all(|p| p.sample_types.iter().any(|s| &s.r#type == t))
        })
        .collect();
    if common.is_empty() {
        let mut kinds: Vec<String> = ps
            .iter()
            .map(|p| {
                p.sample_types
                    .iter()
                    .map(|t| t.r#type.as_str())
                    .collect::<Vec<_>>()
                    .join("/")
            })
            .collect();
        kinds.sort();
        kinds.dedup();
        return Err(Error::Invalid(format!(
            "inputs mix profile kinds ({}): give one kind at a time",
            kinds.join(", ")
        )));
    }
    for p in ps.iter_mut() {
        let remap: Vec<usize> = common
            .iter()
            .map(|t| {
                p.sample_types
                    .iter()
                    .position(|s| &s.r#type == t)
                    .unwrap_or(0)
            })
            .collect();
        if remap.iter().enumerate().all(|(i, &j)| i == j) && remap.len() == p.sample_types.len() {
            continue;
        }
        if !common.contains(&p.default_sample_type) {
            p.default_sample_type = common[0].clone();
        }
        p.sample_types = remap.iter().map(|&j| p.sample_types[j].clone()).collect();
        for s in &mut p.samples {
            s.values = remap.iter().map(|&j| s.values[j]).collect();
        }
    }
    Ok(())
}

fn check_compatible(ps: &[Profile]) -> Result<()> {
    let first = &ps[0];
    for p in &ps[1..] {
        if p.period_type.as_ref().map(|t| &t.r#type)
            != first.period_type.as_ref().map(|t| &t.r#type)
        {
            return Err(Error::Invalid(
                "profiles have incompatible period types".into(),
            ));
        }
        for (a, b) in first.sample_types.iter().zip(&p.sample_types) {
            if a.r#type != b.r#type || !a.unit.eq_ignore_ascii_case(&b.unit) {
                return Err(Error::Invalid(format!(
                    "incompatible sample types {}/{} and {}/{}",
                    a.r#type, a.unit, b.r#type, b.unit
                )));
            }
        }
    }
    Ok(())
}

pub(crate) fn combine_headers(ps: &[Profile]) -> Profile {
    let mut out = Profile {
        sample_types: ps[0].sample_types.clone(),
        drop_frames: ps[0].drop_frames.clone(),
        keep_frames: ps[0].keep_frames.clone(),
        period_type: ps[0].period_type.clone(),
        ..Profile::default()
    };
    for p in ps {
        fold_header(&mut out, p);
    }
    out
}

/// pprof's `combineHeaders`, one profile at a time.
pub(crate) fn fold_header(out: &mut Profile, p: &Profile) {
    if out.time_nanos == 0 || p.time_nanos < out.time_nanos {
        out.time_nanos = p.time_nanos;
    }
    out.duration_nanos = out.duration_nanos.wrapping_add(p.duration_nanos);
    if out.period == 0 || out.period < p.period {
        out.period = p.period;
    }
    for c in &p.comments {
        if !out.comments.contains(c) {
            out.comments.push(c.clone());
        }
    }
    if out.default_sample_type.is_empty() {
        out.default_sample_type.clone_from(&p.default_sample_type);
    }
    if out.doc_url.is_empty() {
        out.doc_url.clone_from(&p.doc_url);
    }
}
