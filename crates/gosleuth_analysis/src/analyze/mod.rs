//! `analyze`: top allocation sites with ranges across nodes, categories, pool
//! attribution, deep dives into lines and callers, and fan-out hubs.

mod advice;
mod category;
mod files;
pub(crate) mod flame;
mod hubs;
mod range;
mod rates;
mod sites;
mod sizes;
pub(crate) mod source;
pub(crate) mod stats;

use gosleuth_go::SourceRoots;
use gosleuth_pprof::Profile;

use crate::error::{Error, Result};
use crate::model::{AnalyzeReport, CategoryRow, NodeSummary, Range, SCHEMA_VERSION};
use rates::Minutes;
use stats::FunctionStats;

/// One input profile and the node it stands for.
#[derive(Debug)]
pub struct NodeInput {
    /// Node name.
    pub name: String,
    /// Its profile.
    pub profile: Profile,
}

/// What to analyse.
#[derive(Debug, Clone, Default)]
pub struct AnalyzeOptions {
    /// Sample type; empty picks `alloc_space` when present, else the profile's default.
    pub sample_index: String,
    /// How many top sites get a deep dive.
    pub top: usize,
    /// Source roots.
    pub roots: SourceRoots,
}

/// The analysed sample type, and the object count beside it when there is one.
pub(crate) struct Selected {
    pub(crate) index: usize,
    pub(crate) objects: Option<usize>,
}

pub(crate) fn select(p: &Profile, wanted: &str) -> std::result::Result<Selected, String> {
    let name = if wanted.is_empty() && p.sample_types.iter().any(|t| t.r#type == "alloc_space") {
        "alloc_space"
    } else {
        wanted
    };
    let index = p.sample_index(name)?;
    let objects_name = p.sample_types[index].r#type.replace("_space", "_objects");
    let objects = p
        .sample_types
        .iter()
        .position(|t| t.r#type == objects_name && objects_name != p.sample_types[index].r#type);
    Ok(Selected { index, objects })
}

/// Runs the analysis.
pub fn analyze(inputs: Vec<NodeInput>, opts: &AnalyzeOptions) -> Result<AnalyzeReport> {
    let first = inputs.first().ok_or_else(|| Error::Node {
        node: "input".into(),
        message: "no profiles".into(),
    })?;
    let sel = select(&first.profile, &opts.sample_index).map_err(|message| Error::Node {
        node: first.name.clone(),
        message,
    })?;
    let sample_type = first.profile.sample_types[sel.index].clone();
    let mut nodes = Vec::new();
    let mut per_node = Vec::new();
    let mut line_values = Vec::new();
    for n in &inputs {
        let s = select(&n.profile, &sample_type.r#type).map_err(|message| Error::Node {
            node: n.name.clone(),
            message,
        })?;
        let stats = FunctionStats::new(&n.profile, s.index);
        let duration_seconds =
            (n.profile.duration_nanos > 0).then(|| n.profile.duration_nanos as f64 / 1e9);
        nodes.push(NodeSummary {
            name: n.name.clone(),
            total: stats.total as f64,
            duration_seconds,
            total_per_minute: duration_seconds.map(|d| stats.total as f64 * 60.0 / d),
        });
        per_node.push(stats);
        line_values.push(stats::leaf_line_values(&n.profile, s.index));
    }
    let merged = gosleuth_pprof::merge(inputs.into_iter().map(|n| n.profile).collect())?;
    let msel = select(&merged, &sample_type.r#type).map_err(|message| Error::Node {
        node: "merged".into(),
        message,
    })?;
    let mut source = source::Source::new(&opts.roots)?;
    let coverage = source.coverage(&merged);
    let minutes = Minutes::of(&nodes);
    let (mut sites, hot) = sites::top_sites(
        &merged,
        &msel,
        &per_node,
        opts.top.max(1),
        &mut source,
        &minutes,
    );
    let files = files::by_file(
        &files::FileInputs {
            merged: &merged,
            index: msel.index,
            per_node: &per_node,
            minutes: &minutes,
            sites: &sites,
        },
        &mut source,
    );
    let totals: Vec<f64> = nodes.iter().map(|n| n.total).collect();
    let recommendations = advice::advise(&mut sites, &hot, &line_values, &totals, source.index());
    let hubs = hubs::fan_out_hubs(&merged, msel.index, &per_node);
    let summary = summarize(&sites, per_node.len(), &minutes);
    let flame = flame::folded(&merged, msel.index);
    Ok(AnalyzeReport {
        schema_version: SCHEMA_VERSION,
        sample_type: sample_type.r#type,
        unit: sample_type.unit,
        total: Range::of(&totals),
        windows: rates::windows(&nodes),
        total_per_minute: minutes.range(&totals),
        nodes,
        summary,
        sites,
        recommendations,
        hubs,
        source: coverage,
        files,
        flame,
    })
}

/// One row per category, in order of its best-ranked site; values are summed
/// per node before taking the range.
fn summarize(
    sites: &[crate::model::Site],
    node_count: usize,
    minutes: &Minutes,
) -> Vec<CategoryRow> {
    let mut rows: Vec<CategoryRow> = Vec::new();
    let mut sums: Vec<Vec<f64>> = Vec::new();
    for s in sites {
        let i = match rows.iter().position(|r| r.category == s.category) {
            Some(i) => i,
            None => {
                rows.push(CategoryRow {
                    category: s.category,
                    ranks: Vec::new(),
                    value: Range::of(&[]),
                    value_per_minute: None,
                    root_cause: s.reason.clone(),
                });
                sums.push(vec![0.0; node_count]);
                rows.len() - 1
            }
        };
        rows[i].ranks.push(s.rank);
        for (acc, v) in sums[i].iter_mut().zip(&s.per_node_flat) {
            *acc += v;
        }
    }
    for (row, s) in rows.iter_mut().zip(sums) {
        row.value = Range::of(&s);
        row.value_per_minute = minutes.range(&s);
    }
    rows
}
