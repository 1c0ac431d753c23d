//! Folded stacks of one side of a diff, for the differential flame graph:
//! each distinct stack of the primary sample type, root first, summed over the
//! side's nodes.

use rustc_hash::FxHashMap;

use crate::NodeInput;
use crate::analyze::stats::frames;
use crate::model::FoldedStack;

/// The distinct stacks of `inputs` for the sample type named `sample_type`
/// (positive values only), summed over nodes and sorted by stack.
pub(super) fn folded(inputs: &[NodeInput], sample_type: &str) -> Vec<FoldedStack> {
    let mut by_stack: FxHashMap<String, i64> = FxHashMap::default();
    for input in inputs {
        let p = &input.profile;
        let Some(index) = p.sample_types.iter().position(|t| t.r#type == sample_type) else {
            continue;
        };
        for sample in &p.samples {
            let v = sample.values.get(index).copied().unwrap_or(0);
            if v <= 0 {
                continue;
            }
            let names: Vec<String> = frames(p, &sample.locations)
                .iter()
                .rev()
                .map(|f| frame_name(f.function))
                .collect();
            if names.is_empty() {
                continue;
            }
            let e = by_stack.entry(names.join(";")).or_default();
            *e = e.saturating_add(v);
        }
    }
    let mut out: Vec<FoldedStack> = by_stack
        .into_iter()
        .map(|(stack, value)| FoldedStack { stack, value })
        .collect();
    out.sort_by(|a, b| a.stack.cmp(&b.stack));
    out
}

/// A name that cannot break the folded format (as `analyze`'s flame graph
/// writes it): `;` separates frames and a line holds one stack.
fn frame_name(name: &str) -> String {
    let name = if name.is_empty() { "?" } else { name };
    name.chars()
        .map(|c| match c {
            ';' => ':',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::frame_name;

    #[test]
    fn names_cannot_break_the_format() {
        assert_eq!(frame_name("a;b\nc"), "a:b c");
        assert_eq!(frame_name(""), "?");
    }
}
