//! What every pprof-compatible view shares: options, the chosen sample type,
//! the total (computed before filtering, as pprof does), filters and units.

use crate::error::{Error, Result};
use crate::filter::{FilterMatches, NameFilters};
use crate::graph::{Granularity, NodeKeying, TrimOptions};
use crate::measurement;
use crate::model::Profile;

/// Options of the text views, with pprof's defaults for `-top`.
#[derive(Debug, Clone)]
pub struct ReportOptions {
    /// `-sample_index` (empty: the profile's default).
    pub sample_index: String,
    /// `-functions`, `-lines`, `-files`, ...
    pub granularity: Granularity,
    /// `-noinlines`.
    pub no_inlines: bool,
    /// `-nodecount` (`None`: the view's default).
    pub node_count: Option<usize>,
    /// `-nodefraction`.
    pub node_fraction: f64,
    /// `-edgefraction`.
    pub edge_fraction: f64,
    /// `-cum`.
    pub cum_sort: bool,
    /// `-focus`, `-ignore`, `-hide`, `-show` as given (for the "Active filters" legend).
    pub filter_text: FilterText,
    /// `-trim_path`.
    pub trim_path: String,
    /// `-source_path`.
    pub source_path: String,
    /// `-unit` (`minimum` by default).
    pub unit: String,
    /// `-compact_labels`.
    pub compact_labels: bool,
    /// `-drop_negative`.
    pub drop_negative: bool,
}

/// The name filters as the user wrote them.
#[derive(Debug, Clone, Default)]
pub struct FilterText {
    /// `-focus`.
    pub focus: String,
    /// `-ignore`.
    pub ignore: String,
    /// `-hide`.
    pub hide: String,
    /// `-show`.
    pub show: String,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions {
            sample_index: String::new(),
            granularity: Granularity::Functions,
            no_inlines: false,
            node_count: None,
            node_fraction: 0.005,
            edge_fraction: 0.001,
            cum_sort: false,
            filter_text: FilterText::default(),
            trim_path: String::new(),
            source_path: String::new(),
            unit: "minimum".to_string(),
            compact_labels: false,
            drop_negative: false,
        }
    }
}

impl FilterText {
    fn compile(&self) -> Result<NameFilters> {
        let re = |name: &str, text: &str| -> Result<Option<regex::Regex>> {
            if text.is_empty() {
                return Ok(None);
            }
            regex::Regex::new(text).map(Some).map_err(|e| {
                Error::Invalid(format!(
                    "parsing {name} regexp: {}",
                    e.to_string().lines().last().unwrap_or("")
                ))
            })
        };
        Ok(NameFilters {
            focus: re("focus", &self.focus)?,
            ignore: re("ignore", &self.ignore)?,
            hide: re("hide", &self.hide)?,
            show: re("show", &self.show)?,
        })
    }

    /// The "Active filters" entries, in pprof's order.
    pub fn active(&self) -> Vec<String> {
        [
            ("focus", &self.focus),
            ("ignore", &self.ignore),
            ("hide", &self.hide),
            ("show", &self.show),
        ]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={v}"))
        .collect()
    }
}

/// A profile made ready for one view: filtered, with its value selector and total.
#[derive(Debug)]
pub struct Prepared {
    /// The filtered profile.
    pub profile: Profile,
    /// Index into sample values.
    pub index: usize,
    /// The sample type's name (`Type:` label).
    pub sample_type: String,
    /// The sample type's unit.
    pub sample_unit: String,
    /// Σ|value| over all samples before filtering.
    pub total: i64,
    /// Which filters matched (for warnings).
    pub matches: FilterMatches,
    /// The options, with view defaults applied.
    pub options: ReportOptions,
}

impl Prepared {
    /// Picks the sample type, computes the total, then applies the filters.
    pub fn new(mut profile: Profile, options: ReportOptions) -> Result<Prepared> {
        let index = profile
            .sample_index(&options.sample_index)
            .map_err(Error::Invalid)?;
        let vt = profile.sample_types[index].clone();
        // Go's int64 arithmetic wraps; pprof's totals on extreme values do too.
        let total = profile
            .samples
            .iter()
            .fold(0i64, |t, s| t.wrapping_add(s.values[index].wrapping_abs()));
        let matches = options.filter_text.compile()?.apply(&mut profile);
        Ok(Prepared {
            profile,
            index,
            sample_type: vt.r#type,
            sample_unit: vt.unit,
            total,
            matches,
            options,
        })
    }

    /// The value of a sample for this view.
    pub fn value(&self, values: &[i64]) -> i64 {
        values[self.index]
    }

    /// How frames become nodes for this view.
    pub fn keying(&self, obj_names: bool) -> NodeKeying {
        NodeKeying {
            granularity: self.options.granularity,
            no_inlines: self.options.no_inlines,
            obj_names,
            trim_path: self.options.trim_path.clone(),
            source_path: self.options.source_path.clone(),
        }
    }

    /// Trimming options; `trim` false turns trimming off as `peek` and `list` do.
    pub fn trim_options(&self, default_node_count: usize, trim: bool) -> TrimOptions {
        let o = &self.options;
        if !trim {
            return TrimOptions {
                node_count: 0,
                node_fraction: 0.0,
                edge_fraction: 0.0,
                cum_sort: o.cum_sort,
                drop_negative: o.drop_negative,
            };
        }
        TrimOptions {
            node_count: o.node_count.unwrap_or(default_node_count),
            node_fraction: o.node_fraction,
            edge_fraction: o.edge_fraction,
            cum_sort: o.cum_sort,
            drop_negative: o.drop_negative,
        }
    }

    /// pprof's `selectOutputUnit` over the values shown.
    pub fn output_unit(&self, shown: impl Iterator<Item = (i64, i64)>) -> String {
        if self.options.unit != "minimum" {
            return self.options.unit.clone();
        }
        let mut any = false;
        let mut min_value = 0i64;
        for (flat, cum) in shown {
            any = true;
            let v = if flat != 0 {
                flat.wrapping_abs()
            } else {
                cum.wrapping_abs()
            };
            if v > 0 && (min_value == 0 || v < min_value) {
                min_value = v;
            }
        }
        if !any {
            return self.options.unit.clone();
        }
        let max_value = self.total;
        if min_value == 0 {
            min_value = max_value;
        }
        let (_, min_unit) = measurement::scale(min_value, &self.sample_unit, "minimum");
        let (_, max_unit) = measurement::scale(max_value, &self.sample_unit, "minimum");
        let mut unit = min_unit.clone();
        if min_unit != max_unit && min_value.saturating_mul(100) < max_value {
            unit =
                measurement::scale(min_value.saturating_mul(100), &self.sample_unit, "minimum").1;
        }
        if unit.is_empty() {
            self.sample_unit.clone()
        } else {
            unit
        }
    }
}
