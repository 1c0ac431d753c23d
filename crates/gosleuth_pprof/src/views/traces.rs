//! `traces`: every sample's stack, as `go tool pprof -traces` prints them.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::labels::profile_labels;
use crate::graph::NodeKeying;
use crate::measurement::{label, scaled_label};
use crate::model::Profile;
use crate::report::Prepared;

const SEPARATOR: &str = "-----------+-------------------------------------------------------";

/// Renders `traces`.
pub fn render_traces(rpt: &Prepared) -> String {
    let p = &rpt.profile;
    let auto = |v: i64| scaled_label(v, &rpt.sample_unit, &rpt.options.unit);
    let mut out = profile_labels(rpt, &auto).join("\n");
    out.push('\n');
    let keying = NodeKeying {
        granularity: rpt.options.granularity,
        obj_names: false,
        ..rpt.keying(false)
    };
    let units = num_label_units(p);
    for s in &p.samples {
        let stack: Vec<(String, bool)> = s
            .locations
            .iter()
            .flat_map(|&l| {
                let loc = &p.locations[l];
                let lines = keying.lines(loc);
                let names: Vec<String> = if lines.is_empty() {
                    vec![keying.node_info(p, loc, None).printable_name()]
                } else {
                    lines
                        .iter()
                        .map(|ln| keying.node_info(p, loc, Some(ln)).printable_name())
                        .collect()
                };
                let last = names.len() - 1;
                names
                    .into_iter()
                    .enumerate()
                    .map(move |(i, n)| (n, i != last))
            })
            .collect();
        if stack.is_empty() {
            continue;
        }
        let _ = writeln!(out, "{SEPARATOR}");
        let mut labels: Vec<String> = s
            .labels
            .iter()
            .map(|(k, v)| format!("{k:>10}:  {}\n", v.join(" ")))
            .collect();
        labels.sort();
        out.push_str(&labels.concat());
        let mut nums: Vec<String> = s
            .num_labels
            .iter()
            .map(|(k, vs)| {
                let unit = units.get(k.as_str()).map_or(k.as_str(), |u| u.as_str());
                let values: Vec<String> = vs.iter().map(|v| label(*v, unit)).collect();
                format!("{k:>10}:  {}\n", values.join(" "))
            })
            .collect();
        nums.sort();
        out.push_str(&nums.concat());
        let v = rpt.value(&s.values);
        for (i, (name, inline)) in stack.iter().enumerate() {
            let value = if i == 0 { auto(v) } else { String::new() };
            let _ = writeln!(
                out,
                "{value:>10}   {name}{}",
                if *inline { " (inline)" } else { "" }
            );
        }
    }
    let _ = writeln!(out, "{SEPARATOR}");
    out
}

/// pprof's `NumLabelUnits`: the first unit seen per key, else a guess from the key.
fn num_label_units(p: &Profile) -> BTreeMap<&str, String> {
    let mut units: BTreeMap<&str, String> = BTreeMap::new();
    for s in &p.samples {
        for k in s.num_labels.keys() {
            let first = s
                .num_units
                .get(k)
                .and_then(|us| us.iter().find(|u| !u.is_empty()));
            match (units.get(k.as_str()), first) {
                (None | Some(_), Some(u)) if units.get(k.as_str()).is_none_or(String::is_empty) => {
                    units.insert(k, u.clone());
                }
                (None, None) => {
                    units.insert(k, String::new());
                }
                _ => {}
            }
        }
    }
    units
        .into_iter()
        .map(|(k, u)| {
            let u = if !u.is_empty() {
                u
            } else if k == "alignment" || k == "request" {
                "bytes".to_string()
            } else {
                k.to_string()
            };
            (k, u)
        })
        .collect()
}
