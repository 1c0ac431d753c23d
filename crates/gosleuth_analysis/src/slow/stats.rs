//! Per-operation statistics and the timeline of overlapping slow intervals.

use std::collections::BTreeSet;

use super::model::Burst;
use super::scan::Event;

/// Most bursts listed.
const MAX_BURSTS: usize = 50;

/// Nearest-rank percentile `p` (0–100) of sorted values.
pub(crate) fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    #[expect(
        clippy::cast_precision_loss,
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "small counts"
    )]
    let rank = ((p / 100.0 * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

/// Events (each with its operation's name) whose intervals `[end − duration,
/// end]` overlap, chained, in time order; events without a timestamp are left out.
pub(crate) fn bursts(events: &[(&Event, &str)]) -> Vec<Burst> {
    let mut timed: Vec<(f64, f64, &Event, &str)> = events
        .iter()
        .filter_map(|(e, op)| e.at.map(|end| (end - e.seconds.max(0.0), end, *e, *op)))
        .collect();
    timed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    let mut out: Vec<Vec<(f64, f64, &Event, &str)>> = Vec::new();
    let mut reach = f64::NEG_INFINITY;
    for t in timed {
        match out.last_mut() {
            Some(group) if t.0 <= reach => group.push(t),
            _ => out.push(vec![t]),
        }
        reach = reach.max(t.1);
    }
    out.into_iter()
        .take(MAX_BURSTS)
        .map(|g| burst(&g))
        .collect()
}

fn burst(g: &[(f64, f64, &Event, &str)]) -> Burst {
    let first = g.iter().min_by(|a, b| a.0.total_cmp(&b.0)).map(|x| x.2);
    let last = g.iter().max_by(|a, b| a.1.total_cmp(&b.1)).map(|x| x.2);
    let ends: Vec<f64> = g.iter().map(|x| x.1).collect();
    let spread = ends.iter().copied().fold(f64::NEG_INFINITY, f64::max)
        - ends.iter().copied().fold(f64::INFINITY, f64::min);
    let durations: Vec<f64> = g.iter().map(|x| x.2.seconds).collect();
    let ops: BTreeSet<&str> = g.iter().map(|x| x.3).collect();
    let subjects: BTreeSet<&str> = g.iter().map(|x| x.2.subject.as_str()).collect();
    Burst {
        start: first.map_or_else(String::new, start_stamp),
        end: last.and_then(|e| e.stamp.clone()).unwrap_or_default(),
        lines: g.len(),
        subjects: subjects.len(),
        operations: ops.into_iter().map(str::to_string).collect(),
        min_seconds: durations.iter().copied().fold(f64::INFINITY, f64::min),
        max_seconds: durations.iter().copied().fold(f64::NEG_INFINITY, f64::max),
        end_spread_ms: 1000.0 * spread.max(0.0),
    }
}

/// The timestamp an event's timed interval starts at, in the log's own
/// layout (date and time kept, seconds and fraction recomputed).
fn start_stamp(e: &Event) -> String {
    let (Some(stamp), Some(at)) = (&e.stamp, e.at) else {
        return String::new();
    };
    let start = at - e.seconds;
    let day = start.rem_euclid(86_400.0);
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "seconds of one day"
    )]
    let (h, m) = ((day / 3600.0) as u32, ((day % 3600.0) / 60.0) as u32);
    let s = day % 60.0;
    let digits = stamp
        .get(20..)
        .map_or(0, |f| f.chars().take_while(char::is_ascii_digit).count())
        .min(9);
    let secs = if digits > 0 {
        format!("{s:0w$.digits$}", w = digits + 3)
    } else {
        format!("{:02}", s.floor())
    };
    format!("{}{h:02}:{m:02}:{secs}", stamp.get(..11).unwrap_or(""))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::slow::scan::epoch_seconds;

    fn ev(stamp: &str, seconds: f64, subject: &str) -> Event {
        Event {
            log: 0,
            line: 1,
            at: epoch_seconds(stamp),
            stamp: Some(stamp.into()),
            subject: subject.into(),
            message: "m".into(),
            lead: "m".into(),
            pattern: "took".into(),
            seconds,
            text: String::new(),
        }
    }

    #[test]
    fn overlapping_intervals_chain_into_bursts() {
        let a = ev("2026/11/22 01:21:35.750310", 3.0, "cid:8");
        let b = ev("2026/11/22 01:21:35.767336", 3.02, "cid:7");
        let c = ev("2026/11/22 01:21:41.451223", 2.5, "cid:6");
        let evs = [(&a, "op"), (&b, "op"), (&c, "op")];
        let bs = bursts(&evs);
        assert_eq!(bs.len(), 2);
        assert_eq!((bs[0].lines, bs[0].subjects), (2, 2));
        assert!(
            (bs[0].end_spread_ms - 17.026).abs() < 0.01,
            "{}",
            bs[0].end_spread_ms
        );
        assert_eq!(bs[0].start, "2026/11/22 01:21:32.747336");
        assert_eq!(bs[0].end, "2026/11/22 01:21:35.767336");
        assert_eq!(percentile(&[1.0, 2.0, 3.0, 4.0], 50.0), 2.0);
        assert_eq!(percentile(&[1.0, 2.0, 3.0, 4.0], 99.0), 4.0);
    }
}
