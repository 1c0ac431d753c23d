//! An earlier `analyze --format json` report (docs/analyze-schema.md), read as
//! the "before" of its sites.

use serde::Deserialize;

use crate::error::{Error, Result};

/// The parts of an `analyze` report that `diff` judges.
#[derive(Debug, Clone, PartialEq)]
pub struct Baseline {
    /// The report's sample type, e.g. `alloc_space`.
    pub sample_type: String,
    /// Its sites, in rank order.
    pub sites: Vec<BaselineSite>,
    /// Its prioritized recommendations (empty in reports written before
    /// they existed).
    pub recommendations: Vec<BaselineRecommendation>,
}

/// One recommendation of the report.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct BaselineRecommendation {
    /// `P0`…`P3`.
    pub priority: String,
    /// Rule id.
    pub rule_id: String,
    /// What to change.
    pub change: String,
    /// Ranks of the sites whose weight it carries.
    pub site_ranks: Vec<usize>,
}

/// One site of the report.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct BaselineSite {
    /// 1-based rank.
    pub rank: usize,
    /// Function name as in the profiles.
    pub function: String,
    /// Resolved file, when the report has one.
    #[serde(default)]
    pub file: Option<String>,
    /// Flat value of each node of that report.
    pub per_node_flat: Vec<f64>,
}

#[derive(Deserialize)]
struct ReportIn {
    schema_version: u32,
    sample_type: String,
    sites: Vec<BaselineSite>,
    #[serde(default)]
    recommendations: Vec<BaselineRecommendation>,
}

impl Baseline {
    /// Reads an `analyze` JSON report (schema version 1).
    ///
    /// # Errors
    /// When the text is not such a report.
    pub fn from_json(text: &str) -> Result<Baseline> {
        let r: ReportIn = serde_json::from_str(text)
            .map_err(|e| Error::Report(format!("not an analyze JSON report: {e}")))?;
        // Version 2 only added fields (rates, object sizes, files): a
        // version-1 report still has everything a baseline reads.
        if !(1..=crate::SCHEMA_VERSION).contains(&r.schema_version) {
            return Err(Error::Report(format!(
                "analyze report schema version {} (this gosleuth reads {})",
                r.schema_version,
                crate::SCHEMA_VERSION
            )));
        }
        Ok(Baseline {
            sample_type: r.sample_type,
            sites: r.sites,
            recommendations: r.recommendations,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_sites_and_refuses_other_json() {
        let b = Baseline::from_json(
            r#"{"schema_version":1,"sample_type":"alloc_space","unit":"bytes","sites":[{"rank":1,"function":"f","file":null,"per_node_flat":[1.0,2.0]}]}"#,
        )
        .unwrap();
        assert_eq!(b.sites[0].per_node_flat, [1.0, 2.0]);
        assert!(Baseline::from_json("{}").is_err());
        assert!(
            Baseline::from_json(r#"{"schema_version":9,"sample_type":"x","sites":[]}"#).is_err()
        );
    }
}
