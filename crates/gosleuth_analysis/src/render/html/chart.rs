//! The per-node range chart: one row per site, a bar from the smallest to the
//! largest node, a tick at the median and a dot per node. Coordinates are
//! computed here; the template only draws them.

use serde::Serialize;

use super::super::format::{short_name, value};
use crate::model::AnalyzeReport;

const WIDTH: f64 = 1000.0;
const LEFT: f64 = 290.0;
const RIGHT: f64 = 880.0;
const ROW: f64 = 26.0;
const TOP: f64 = 28.0;
const LABEL_CHARS: usize = 40;

#[derive(Serialize)]
pub(super) struct Chart {
    width: f64,
    height: f64,
    left: f64,
    right: f64,
    axis_y: f64,
    ticks: Vec<Tick>,
    rows: Vec<Row>,
}

#[derive(Serialize)]
struct Tick {
    x: f64,
    label: String,
}

#[derive(Serialize)]
struct Row {
    y: f64,
    label: String,
    function: String,
    anchor: String,
    x_min: f64,
    bar_width: f64,
    x_median: f64,
    dots: Vec<Dot>,
    text: String,
}

#[derive(Serialize)]
struct Dot {
    x: f64,
    title: String,
}

pub(super) fn ranges(r: &AnalyzeReport) -> Chart {
    let max = r.sites.iter().map(|s| s.flat.max).fold(0.0, f64::max);
    let scale = |v: f64| {
        if max > 0.0 {
            round(LEFT + (v.max(0.0) / max) * (RIGHT - LEFT))
        } else {
            LEFT
        }
    };
    let rows: Vec<Row> = r
        .sites
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let y = round(TOP + ROW * i as f64 + ROW / 2.0);
            Row {
                y,
                label: label(short_name(&s.function)),
                function: s.function.clone(),
                anchor: super::dive::anchor(s.rank),
                x_min: scale(s.flat.min),
                bar_width: (scale(s.flat.max) - scale(s.flat.min)).max(1.0),
                x_median: scale(s.flat.median),
                dots: r
                    .nodes
                    .iter()
                    .zip(&s.per_node_flat)
                    .map(|(node, v)| Dot {
                        x: scale(*v),
                        title: format!("{}: {}", node.name, value(*v, &r.unit)),
                    })
                    .collect(),
                text: format!(
                    "{}–{}",
                    value(s.flat.min, &r.unit),
                    value(s.flat.max, &r.unit)
                ),
            }
        })
        .collect();
    let height = round(TOP + ROW * rows.len() as f64 + 8.0);
    Chart {
        width: WIDTH,
        height,
        left: LEFT,
        right: RIGHT,
        axis_y: round(TOP - 6.0),
        ticks: (0..=4)
            .map(|i| {
                let v = max * f64::from(i) / 4.0;
                Tick {
                    x: scale(v),
                    label: value(v, &r.unit),
                }
            })
            .collect(),
        rows,
    }
}

/// A short label: long names keep their tail, where the method is.
fn label(name: &str) -> String {
    let count = name.chars().count();
    if count <= LABEL_CHARS {
        return name.to_string();
    }
    let tail: String = name.chars().skip(count - (LABEL_CHARS - 1)).collect();
    format!("…{tail}")
}

fn round(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::label;

    #[test]
    fn long_labels_keep_their_tail() {
        assert_eq!(label("(*client).readLoop"), "(*client).readLoop");
        let long = "a".repeat(50) + ".method";
        let l = label(&long);
        assert_eq!(l.chars().count(), 40);
        assert!(l.starts_with('…') && l.ends_with(".method"));
    }
}
