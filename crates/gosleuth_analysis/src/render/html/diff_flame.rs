//! The differential flame graph of a diff: inferno pairs the base and new
//! folded stacks (`inferno::differential`), then draws them coloured by their
//! change: red grew, blue shrank, the deeper the colour the larger the change.
//! Both sides are per-node means, so that sides with different node counts
//! compare. A frame is as wide as the larger of its two sides, so that what a
//! fix removed stays visible (inferno alone draws the new side's widths, in
//! which a removed stack has none).

use inferno::differential;
use inferno::flamegraph::{self, Options};

use super::flame::{Flame, split};
use crate::DiffReport;
use crate::model::FoldedStack;

/// Draws the graph; `None` when the new profiles have no stacks.
pub(super) fn differential_flame(r: &DiffReport) -> Result<Option<Flame>, String> {
    if r.new_flame.is_empty() {
        return Ok(None);
    }
    let before = folded_mean(&r.base_flame, r.base_nodes.len());
    let after = folded_mean(&r.new_flame, r.new_nodes.len());
    let mut paired = Vec::new();
    differential::from_readers(
        differential::Options::default(),
        before.as_bytes(),
        after.as_bytes(),
        &mut paired,
    )
    .map_err(|e| format!("differential flame graph: {e}"))?;
    let paired = String::from_utf8(paired).map_err(|e| format!("flame graph: {e}"))?;
    // inferno pairs the stacks in a hash map's order: sort for the same bytes.
    let mut lines: Vec<String> = paired.lines().filter_map(widest).collect();
    lines.sort_unstable();
    let mut opts = Options::default();
    opts.title = format!("{}: new against base", r.sample_types[0]);
    opts.subtitle =
        Some("Widths: the larger of base and new (mean per node). Red grew, blue shrank.".into());
    opts.count_name = r.unit.clone();
    opts.name_type = "Function:".to_string();
    opts.hash = true;
    let mut out = Vec::new();
    flamegraph::from_lines(&mut opts, lines.iter().map(String::as_str), &mut out)
        .map_err(|e| format!("flame graph: {e}"))?;
    let svg = String::from_utf8(out).map_err(|e| format!("flame graph: {e}"))?;
    split(&svg).map(Some)
}

/// `stack base new` as inferno draws it with width `max(base, new)` and change
/// `new − base`: inferno's width is the second count and its change the second
/// minus the first.
fn widest(line: &str) -> Option<String> {
    let (rest, new) = line.rsplit_once(' ')?;
    let (stack, base) = rest.rsplit_once(' ')?;
    let (base, new): (i64, i64) = (base.parse().ok()?, new.parse().ok()?);
    let width = base.max(new);
    Some(format!("{stack} {} {width}", width - (new - base)))
}

/// Folded lines with each stack's mean over `nodes` nodes (rounded; stacks
/// that round to nothing are left out).
fn folded_mean(stacks: &[FoldedStack], nodes: usize) -> String {
    let n = nodes.max(1) as f64;
    let mut out = String::new();
    for s in stacks {
        let mean = (s.value as f64 / n).round();
        if mean >= 1.0 {
            out.push_str(&format!("{} {mean:.0}\n", s.stack));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{folded_mean, widest};
    use crate::model::FoldedStack;

    #[test]
    fn means_per_node() {
        let s = |stack: &str, value| FoldedStack {
            stack: stack.into(),
            value,
        };
        let text = folded_mean(&[s("a;b", 30), s("a;c", 1)], 10);
        assert_eq!(text, "a;b 3\n");
    }

    #[test]
    fn widths_are_the_larger_side_and_the_change_is_kept() {
        // Gone: as wide as the base, change −604.
        assert_eq!(widest("a;b 604 0").as_deref(), Some("a;b 1208 604"));
        // Grew: as wide as the new side, change +5.
        assert_eq!(widest("a;c 3 8").as_deref(), Some("a;c 3 8"));
        assert_eq!(widest("a;d 7 7").as_deref(), Some("a;d 7 7"));
        assert_eq!(widest("garbage"), None);
    }
}
