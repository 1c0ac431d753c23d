//! Regroups the frames of a `?debug=1` stack into physical frames, so that a
//! call inlined into its caller becomes one location with several lines, as
//! in the protobuf profile Go writes for the same stack.
//!
//! Go records one (virtual) pc per logical frame and prints each as its own
//! `#` line, but every frame of one physical frame reports the physical
//! function's entry (`pc - offset`; see golang.org/issue/50276). In a run of
//! frames sharing an entry, the outermost is the physical function, and each
//! frame named like it closes a physical frame: the frames before it were
//! inlined into it. Direct recursion repeats that name, so it splits.

use super::frame::{StackEntry, Symbol};

/// Merges inlined frames into the entry of the frame they were inlined into;
/// the merged entry keeps the innermost address, as Go's protobuf writer does.
pub(super) fn group_inlined(stack: Vec<StackEntry>) -> Vec<StackEntry> {
    let closes = closing_frames(&stack);
    let mut out: Vec<StackEntry> = Vec::with_capacity(stack.len());
    let mut open: Option<StackEntry> = None;
    for ((address, symbols), closes) in stack.into_iter().zip(closes) {
        match open.as_mut() {
            Some(group) => group.1.extend(symbols),
            None => open = Some((address, symbols)),
        }
        if closes {
            out.extend(open.take());
        }
    }
    out.extend(open);
    out
}

/// For each stack entry, whether it is the last of its physical frame.
fn closing_frames(stack: &[StackEntry]) -> Vec<bool> {
    let entries: Vec<Option<u64>> = stack.iter().map(|(_, symbols)| entry(symbols)).collect();
    let name = |i: usize| stack[i].1.last().map(|s| s.function.as_str());
    let mut closes = vec![true; stack.len()];
    let mut start = 0;
    while start < stack.len() {
        let mut end = start + 1;
        if entries[start].is_some() {
            while end < stack.len() && entries[end] == entries[start] {
                end += 1;
            }
        }
        let physical = name(end - 1);
        for (i, c) in closes.iter_mut().enumerate().take(end).skip(start) {
            *c = name(i) == physical;
        }
        start = end;
    }
    closes
}

/// The entry all of a stack entry's frames share, if they have one.
fn entry(symbols: &[Symbol]) -> Option<u64> {
    let first = symbols.first()?.entry?;
    symbols
        .iter()
        .all(|s| s.entry == Some(first))
        .then_some(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(address: u64, function: &str, entry: Option<u64>) -> StackEntry {
        let symbol = Symbol {
            function: function.into(),
            file: "f.go".into(),
            line: 1,
            entry,
        };
        (address, vec![symbol])
    }

    fn shape(stack: &[StackEntry]) -> Vec<(u64, Vec<&str>)> {
        stack
            .iter()
            .map(|(a, s)| (*a, s.iter().map(|s| s.function.as_str()).collect()))
            .collect()
    }

    #[test]
    fn inlined_frames_join_their_caller() {
        // newClosedRingBuffer inlined into NewServer (nats idle1000.heap.debug1.txt).
        let stack = vec![
            e(0x9499ed, "ring", Some(0x948c00)),
            e(0x9499aa, "NewServer", Some(0x948c00)),
            e(0x9afd64, "main", Some(0x9afae0)),
        ];
        assert_eq!(
            shape(&group_inlined(stack)),
            [
                (0x9499ed, vec!["ring", "NewServer"]),
                (0x9afd64, vec!["main"])
            ]
        );
    }

    #[test]
    fn recursion_stays_apart() {
        let stack = vec![
            e(1, "matchLevel", Some(9)),
            e(2, "matchLevel", Some(9)),
            e(3, "matchLevel", Some(9)),
        ];
        assert_eq!(group_inlined(stack.clone()), stack);
        // B calls A inlined into B: the leaf B is its own physical frame.
        let stack = vec![
            e(1, "B", Some(9)),
            e(2, "A", Some(9)),
            e(3, "B", Some(9)),
            e(4, "C", None),
            e(5, "", None),
        ];
        assert_eq!(
            shape(&group_inlined(stack)),
            [
                (1, vec!["B"]),
                (2, vec!["A", "B"]),
                (4, vec!["C"]),
                (5, vec![""])
            ]
        );
    }

    #[test]
    fn bare_addresses_are_kept() {
        let stack = vec![(1, vec![]), e(2, "A", Some(9)), (3, vec![])];
        assert_eq!(group_inlined(stack.clone()), stack);
    }
}
