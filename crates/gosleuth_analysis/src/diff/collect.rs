//! One side of a diff: per-node values of every site (the innermost function of
//! a sample) and of its lines, for each compared sample type, in one pass over
//! each profile.

use gosleuth_pprof::Profile;
use rustc_hash::FxHashMap;

use crate::NodeInput;
use crate::analyze::stats::frames;
use crate::error::{Error, Result};
use crate::model::NodeSummary;

/// A line of a site: the profile's file name and line number.
pub(crate) type LineKey = (String, i64);

/// Per-node figures of one function that is the innermost frame of samples.
#[derive(Debug, Default)]
pub(crate) struct SiteValues {
    /// `[sample type][node]`.
    pub(crate) values: Vec<Vec<f64>>,
    /// Primary sample type per line, `[node]`.
    pub(crate) lines: FxHashMap<LineKey, Vec<f64>>,
    /// The function's start line, as the profile records it (0 if not).
    pub(crate) start_line: i64,
}

/// How a side's profiles were sampled: the error of a sampled value is
/// √(value × period) for the sample type in the period's unit (SPEC §2 `diff`).
#[derive(Debug, Clone, Default)]
pub(crate) struct Sampling {
    /// The sampling period (bytes between heap samples, ns between CPU samples); ≤ 1 means exact counts.
    pub(crate) period: f64,
    /// For each sample type, the type whose value sets its relative error.
    pub(crate) reference: Vec<Option<usize>>,
}

impl Sampling {
    fn new(p: &Profile, types: &[String]) -> Sampling {
        let Some(pt) = p.period_type.as_ref().filter(|_| p.period > 1) else {
            return Sampling {
                period: 0.0,
                reference: vec![None; types.len()],
            };
        };
        let unit_of = |name: &str| {
            p.sample_types
                .iter()
                .find(|t| t.r#type == name)
                .map(|t| t.unit.as_str())
        };
        let in_period_unit: Vec<usize> = (0..types.len())
            .filter(|&i| unit_of(&types[i]) == Some(pt.unit.as_str()))
            .collect();
        let reference = types
            .iter()
            .enumerate()
            .map(|(i, t)| {
                if in_period_unit.contains(&i) {
                    return Some(i);
                }
                let space = t.replace("_objects", "_space");
                types
                    .iter()
                    .position(|u| *u == space)
                    .filter(|j| in_period_unit.contains(j))
                    .or_else(|| (in_period_unit.len() == 1).then(|| in_period_unit[0]))
            })
            .collect();
        Sampling {
            period: p.period as f64,
            reference,
        }
    }

    /// The standard error of `values[t]`, given the values of all types of the same figure.
    pub(crate) fn sigma(&self, t: usize, values: &[f64]) -> f64 {
        let Some(r) = self.reference.get(t).copied().flatten() else {
            return 0.0;
        };
        let reference = values[r];
        if self.period <= 1.0 || reference <= 0.0 {
            return 0.0;
        }
        values[t] * (self.period / reference).sqrt()
    }
}

/// Everything `diff` needs from one side.
#[derive(Debug, Default)]
pub(crate) struct Side {
    /// The nodes (total of the primary sample type).
    pub(crate) nodes: Vec<NodeSummary>,
    /// `[sample type][node]`.
    pub(crate) totals: Vec<Vec<f64>>,
    /// Sites by function name.
    pub(crate) sites: FxHashMap<String, SiteValues>,
    /// The first profile's sampling.
    pub(crate) sampling: Sampling,
}

impl Side {
    /// The per-node values of `function` for sample type `t` (zeros when absent).
    pub(crate) fn values(&self, function: &str, t: usize) -> Vec<f64> {
        self.sites
            .get(function)
            .map_or_else(|| vec![0.0; self.nodes.len()], |s| s.values[t].clone())
    }
}

/// Collects one side; every profile must carry every type in `types`.
pub(crate) fn collect(inputs: &[NodeInput], types: &[String]) -> Result<Side> {
    let n = inputs.len();
    let mut side = Side {
        totals: vec![vec![0.0; n]; types.len()],
        ..Side::default()
    };
    for (node, input) in inputs.iter().enumerate() {
        let p = &input.profile;
        let index: Vec<usize> = types
            .iter()
            .map(|t| p.sample_types.iter().position(|s| &s.r#type == t))
            .collect::<Option<_>>()
            .ok_or_else(|| Error::Node {
                node: input.name.clone(),
                message: format!("lacks one of the sample types {}", types.join(", ")),
            })?;
        if node == 0 {
            side.sampling = Sampling::new(p, types);
        }
        for sample in &p.samples {
            for (t, &i) in index.iter().enumerate() {
                side.totals[t][node] += sample.values[i] as f64;
            }
            let fr = frames(p, &sample.locations);
            let Some(leaf) = fr.first() else { continue };
            let site = side
                .sites
                .entry(leaf.function.to_string())
                .or_insert_with(|| SiteValues {
                    values: vec![vec![0.0; n]; types.len()],
                    ..SiteValues::default()
                });
            for (t, &i) in index.iter().enumerate() {
                site.values[t][node] += sample.values[i] as f64;
            }
            let line = site
                .lines
                .entry((leaf.file.to_string(), leaf.line))
                .or_insert_with(|| vec![0.0; n]);
            line[node] += sample.values[index[0]] as f64;
        }
        for f in &p.functions {
            if let Some(site) = side.sites.get_mut(&f.name)
                && site.start_line == 0
            {
                site.start_line = f.start_line;
            }
        }
        side.nodes.push(NodeSummary {
            name: input.name.clone(),
            total: side.totals[0][node],
            duration_seconds: (p.duration_nanos > 0).then(|| p.duration_nanos as f64 / 1e9),
            total_per_minute: (p.duration_nanos > 0)
                .then(|| side.totals[0][node] * 60e9 / p.duration_nanos as f64),
        });
    }
    Ok(side)
}
