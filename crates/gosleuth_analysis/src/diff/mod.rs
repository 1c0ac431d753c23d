//! `diff`: before/after per site and per earlier finding, with the
//! node-to-node spread as the noise band, and the `--fail-on` gate.

mod baseline;
mod collect;
mod flame;
mod judge;
mod matching;
pub(crate) mod model;
mod sites;

use gosleuth_go::SourceRoots;

pub use baseline::{Baseline, BaselineRecommendation, BaselineSite};
use collect::{Side, collect};
use judge::{combined, crosses, judge};
use model::{DIFF_SCHEMA_VERSION, DiffReport, Gate, RecommendationVerdict, Verdict};

use crate::NodeInput;
use crate::analyze::source::Source;
use crate::error::{Error, Result};

/// What to compare and how.
#[derive(Debug, Clone, Default)]
pub struct DiffOptions {
    /// Primary sample type; empty picks the `--report`'s, else `alloc_space`
    /// when present, else the profiles' default.
    pub sample_index: String,
    /// Source of the new build (and of the base unless `base_roots` is given).
    pub roots: SourceRoots,
    /// Source of the base build, when it differs.
    pub base_roots: Option<SourceRoots>,
    /// An earlier `analyze` report whose sites get verdicts.
    pub baseline: Option<Baseline>,
    /// `--fail-on`: growth beyond noise, in percent, that fails the gate.
    pub fail_on: Option<f64>,
}

/// Compares the base profiles with the new ones.
///
/// # Errors
/// When a side is empty or the profiles lack the sample type.
pub fn diff(base: &[NodeInput], new: &[NodeInput], opts: &DiffOptions) -> Result<DiffReport> {
    let (Some(first), Some(_)) = (base.first(), new.first()) else {
        return Err(Error::Node {
            node: "input".into(),
            message: "diff needs base and new profiles".into(),
        });
    };
    let types = sample_types(base, new, opts)?;
    let unit = first
        .profile
        .sample_types
        .iter()
        .find(|t| t.r#type == types[0])
        .map(|t| t.unit.clone())
        .unwrap_or_default();
    let b = collect(base, &types)?;
    let n = collect(new, &types)?;
    let mut new_source = Source::new(&opts.roots)?;
    let mut base_source = opts.base_roots.as_ref().map(Source::new).transpose()?;
    let source_matched = new_source.has_roots();
    let sites = {
        let base_src = base_source.as_mut();
        sites::sites(&b, &n, &types, &mut new_source, base_src)
    };
    let totals: Vec<_> = (0..types.len())
        .map(|t| {
            let sigma = combined(total_sigma(&b, t), total_sigma(&n, t));
            judge(&types[t], &b.totals[t], &n.totals[t], sigma)
        })
        .collect();
    let verdicts = opts
        .baseline
        .as_ref()
        .map(|bl| verdicts(bl, &n, &types))
        .unwrap_or_default();
    let recommendation_verdicts = opts
        .baseline
        .as_ref()
        .map(|bl| recommendation_verdicts(bl, &n, &types))
        .unwrap_or_default();
    let gate = opts.fail_on.map(|percent| {
        let mut offenders: Vec<String> = Vec::new();
        if crosses(&totals[0], percent) {
            offenders.push("total".into());
        }
        offenders.extend(
            sites
                .iter()
                .filter(|s| crosses(s.primary(), percent))
                .map(|s| s.function.clone()),
        );
        Gate {
            percent,
            failed: !offenders.is_empty(),
            offenders,
        }
    });
    Ok(DiffReport {
        schema_version: DIFF_SCHEMA_VERSION,
        unit,
        base_nodes: b.nodes,
        new_nodes: n.nodes,
        totals,
        sites,
        verdicts,
        recommendation_verdicts,
        gate,
        source_matched,
        base_flame: flame::folded(base, &types[0]),
        new_flame: flame::folded(new, &types[0]),
        sample_types: types,
    })
}

/// The primary type first, then every other type all profiles share.
fn sample_types(base: &[NodeInput], new: &[NodeInput], opts: &DiffOptions) -> Result<Vec<String>> {
    let first = &base[0];
    let p = &first.profile;
    let wanted = if !opts.sample_index.is_empty() {
        opts.sample_index.as_str()
    } else if let Some(bl) = &opts.baseline {
        bl.sample_type.as_str()
    } else if p.sample_types.iter().any(|t| t.r#type == "alloc_space") {
        "alloc_space"
    } else {
        ""
    };
    let i = p.sample_index(wanted).map_err(|message| Error::Node {
        node: first.name.clone(),
        message,
    })?;
    let primary = p.sample_types[i].r#type.clone();
    let all = || base.iter().chain(new);
    if let Some(missing) =
        all().find(|n| !n.profile.sample_types.iter().any(|t| t.r#type == primary))
    {
        return Err(Error::Node {
            node: missing.name.clone(),
            message: format!("has no {primary} samples"),
        });
    }
    let mut types = vec![primary];
    for t in &p.sample_types {
        if !types.contains(&t.r#type)
            && all().all(|n| n.profile.sample_types.iter().any(|u| u.r#type == t.r#type))
        {
            types.push(t.r#type.clone());
        }
    }
    Ok(types)
}

/// The sampling error of a side's median total of type `t`.
fn total_sigma(side: &Side, t: usize) -> f64 {
    let medians: Vec<f64> = side
        .totals
        .iter()
        .map(|v| crate::model::Range::of(v).median)
        .collect();
    side.sampling.sigma(t, &medians)
}

/// The report's sites judged against the new profiles (primary type only).
fn verdicts(bl: &Baseline, new: &Side, types: &[String]) -> Vec<Verdict> {
    bl.sites
        .iter()
        .map(|s| {
            let after = new.values(&s.function, 0);
            Verdict {
                rank: s.rank,
                function: s.function.clone(),
                file: s.file.clone(),
                change: judge(&types[0], &s.per_node_flat, &after, site_sigma(new, s)),
            }
        })
        .collect()
}

/// The noise of one site's before/after comparison.
fn site_sigma(new: &Side, s: &BaselineSite) -> f64 {
    let before_median = crate::model::Range::of(&s.per_node_flat).median;
    // The report keeps only its own sample type: its error is that of a value
    // in the period's unit, or unknown (0).
    let single = if new.sampling.reference.first().copied().flatten() == Some(0) {
        new.sampling.sigma(0, &[before_median])
    } else {
        0.0
    };
    combined(single, sites::sigma_of(new, &s.function, 0))
}

/// The report's recommendations, each judged as the site verdict of the sum
/// of the sites it targets (per node before and after; noise combined).
fn recommendation_verdicts(
    bl: &Baseline,
    new: &Side,
    types: &[String],
) -> Vec<RecommendationVerdict> {
    bl.recommendations
        .iter()
        .map(|rec| {
            let mut before: Vec<f64> = Vec::new();
            let mut after = vec![0.0; new.nodes.len()];
            let mut sigma = 0.0_f64;
            for s in bl.sites.iter().filter(|s| rec.site_ranks.contains(&s.rank)) {
                before.resize(before.len().max(s.per_node_flat.len()), 0.0);
                for (acc, v) in before.iter_mut().zip(&s.per_node_flat) {
                    *acc += v;
                }
                for (acc, v) in after.iter_mut().zip(new.values(&s.function, 0)) {
                    *acc += v;
                }
                sigma = sigma.hypot(site_sigma(new, s));
            }
            RecommendationVerdict {
                priority: rec.priority.clone(),
                rule_id: rec.rule_id.clone(),
                change_text: rec.change.clone(),
                site_ranks: rec.site_ranks.clone(),
                change: judge(&types[0], &before, &after, sigma),
            }
        })
        .collect()
}
