//! `audit --profile`: each finding weighed by the samples whose stack passes
//! through its lines, so that an audit of a whole repository puts first what
//! the running service spends on, and the rules that only a profile can
//! confirm (an allocation on a line) keep only their confirmed findings.

use std::path::Path;

use gosleuth_go::{BuildContext, Frame, Resolver, SourceRoots};
use gosleuth_pprof::Profile;
use gosleuth_rules::{Audit, Finding, Weighting};
use rustc_hash::FxHashMap;

use crate::error::{Error, Result};

/// Sample types that count allocations: only they confirm a rule that
/// needs a profile (its line allocates exactly when the pattern bites).
const ALLOCATION_TYPES: &[&str] = &[
    "alloc_space",
    "alloc_objects",
    "inuse_space",
    "inuse_objects",
];

/// Weighs `audit`'s findings (of the source under `root`) with `profiles`,
/// merged, in `sample_index` (empty: `alloc_space` when present, else the
/// profile's default), then ranks them heaviest first.
///
/// # Errors
/// When the profiles cannot be merged, lack the sample type, or `root`
/// cannot be indexed.
pub fn weigh_audit(
    audit: &mut Audit,
    root: &Path,
    profiles: Vec<Profile>,
    sample_index: &str,
) -> Result<()> {
    let count = profiles.len();
    let merged = gosleuth_pprof::merge(profiles)?;
    let sel = crate::analyze::select(&merged, sample_index).map_err(|message| Error::Node {
        node: "profiles".into(),
        message,
    })?;
    let per_location = location_hits(&merged, root, &audit.findings)?;
    let mut weights = vec![0i64; audit.findings.len()];
    // The last sample that counted each finding: a sample counts once per
    // finding however many of its frames fall in the finding's lines.
    let mut counted_by = vec![usize::MAX; audit.findings.len()];
    let (mut total, mut in_source) = (0i64, 0i64);
    for (s, sample) in merged.samples.iter().enumerate() {
        let value = sample.values[sel.index];
        total = total.saturating_add(value);
        let mut seen = false;
        for &loc in &sample.locations {
            let hits = &per_location[loc];
            seen |= hits.in_source;
            for &f in &hits.findings {
                if counted_by[f] != s {
                    counted_by[f] = s;
                    weights[f] = weights[f].saturating_add(value);
                }
            }
        }
        if seen {
            in_source = in_source.saturating_add(value);
        }
    }
    for (f, w) in audit.findings.iter_mut().zip(weights) {
        f.weight = Some(w);
    }
    let st = &merged.sample_types[sel.index];
    let confirms = ALLOCATION_TYPES.contains(&st.r#type.as_str());
    audit
        .findings
        .retain(|f| !f.needs_profile() || (confirms && f.weight.unwrap_or(0) > 0));
    audit.rank_by_weight();
    let mut weighting = Weighting {
        sample_type: st.r#type.clone(),
        unit: st.unit.clone(),
        total,
        profiles: count,
        in_source: 0.0,
    };
    weighting.in_source = weighting.share(in_source).unwrap_or(0.0);
    audit.weighting = Some(weighting);
    Ok(())
}

/// What each profile location touches in the audited source.
#[derive(Default, Clone)]
struct Hits {
    /// A frame of the location resolved to a file under the root.
    in_source: bool,
    /// Findings whose lines contain one of its frames.
    findings: Vec<usize>,
}

/// Per location of `p`, what it touches among `findings`.
fn location_hits(p: &Profile, root: &Path, findings: &[Finding]) -> Result<Vec<Hits>> {
    let files = source_files(p, root)?;
    let mut by_file: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (i, f) in findings.iter().enumerate() {
        by_file.entry(f.file.as_str()).or_default().push(i);
    }
    let mut per_location = vec![Hits::default(); p.locations.len()];
    for (loc, hits) in p.locations.iter().zip(&mut per_location) {
        for line in &loc.lines {
            let Some(Some(file)) = line.function.and_then(|fi| files.get(&(fi, line.line))) else {
                continue;
            };
            hits.in_source = true;
            for &i in by_file.get(file.as_str()).into_iter().flatten() {
                let f = &findings[i];
                if u32::try_from(line.line).is_ok_and(|l| (f.line..=f.end_line).contains(&l))
                    && !hits.findings.contains(&i)
                {
                    hits.findings.push(i);
                }
            }
        }
    }
    Ok(per_location)
}

/// Per distinct frame of `p`, keyed by (function, line): the file under
/// `root` it resolves to, when the resolution agrees with the frame (not
/// a line of another version of the source).
fn source_files(p: &Profile, root: &Path) -> Result<FxHashMap<(usize, i64), Option<String>>> {
    let roots = SourceRoots {
        src: vec![root.to_path_buf()],
        goroot: None,
    };
    let mut resolver = Resolver::new(&roots, BuildContext::default())?;
    let mut keys: Vec<(usize, i64)> = p
        .locations
        .iter()
        .flat_map(|loc| loc.lines.iter())
        .filter_map(|line| Some((line.function?, line.line)))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    let frames: Vec<Frame> = keys
        .iter()
        .map(|&(fi, line)| {
            let func = &p.functions[fi];
            Frame {
                function: func.name.clone(),
                file: func.filename.clone(),
                line,
                start_line: func.start_line,
            }
        })
        .collect();
    // One pass indexes every package the frames need, on all cores.
    let resolutions = resolver.resolve_all(&frames);
    Ok(keys
        .into_iter()
        .zip(frames.iter().zip(&resolutions))
        .map(|(key, (frame, r))| {
            // The resolver's paths are under `root` as given.
            let file = r
                .path
                .as_deref()
                .filter(|path| resolver.agrees(frame, r) && path.starts_with(root))
                .map(|path| gosleuth_rules::relative(root, path));
            (key, file)
        })
        .collect())
}
