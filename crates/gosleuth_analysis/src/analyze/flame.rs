//! Folded stacks for the flame graph: each distinct stack of the merged
//! profile, root first, with its value.

use gosleuth_pprof::Profile;
use rustc_hash::FxHashMap;

use super::stats::frames;
use crate::model::FoldedStack;

/// The distinct stacks of `p` for sample type `index` (positive values only),
/// sorted by stack so the output is the same for the same input.
pub(crate) fn folded(p: &Profile, index: usize) -> Vec<FoldedStack> {
    folded_sum([(p, index)])
}

/// The distinct stacks of several profiles, each for its own sample type
/// index, summed (positive values only) and sorted by stack.
pub(crate) fn folded_sum<'p>(
    profiles: impl IntoIterator<Item = (&'p Profile, usize)>,
) -> Vec<FoldedStack> {
    let mut by_stack: FxHashMap<String, i64> = FxHashMap::default();
    for (p, index) in profiles {
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

/// A name that cannot break the folded format: `;` separates frames and a
/// line holds one stack.
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
        assert_eq!(frame_name("a;b\nc\r"), "a:b c ");
        assert_eq!(frame_name(""), "?");
        assert_eq!(frame_name("main.(*T).m.func1"), "main.(*T).m.func1");
    }
}
