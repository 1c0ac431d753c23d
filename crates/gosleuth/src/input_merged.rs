//! Many profiles of one kind read straight into one merged profile (what the
//! pprof views need): each core folds its share of the files into its own
//! merge as it decodes them, so a profile is freed as soon as it is folded in.
//! Holding 200 decoded snapshots at once cost 80 MB and most of the run in
//! page faults; this holds a few MB.

use anyhow::{Context as _, Result, anyhow};
use gosleuth_pprof::{Profile, StreamMerger};

use crate::input::{Item, ReadOptions, expand, item_label, print_warnings, read_all, read_item};

/// Below this many files the general path is as fast.
const STREAM_FROM: usize = 4;

/// What one core read: its merge, the inputs it could not read, and which it did.
#[derive(Default)]
struct Share {
    merged: StreamMerger,
    errors: Vec<(usize, anyhow::Error)>,
    read: Vec<usize>,
    other_kind: bool,
}

/// Reads every source and merges them as pprof merges several inputs.
pub(crate) fn read_merged(sources: &[String], opts: &ReadOptions) -> Result<Profile> {
    let mut errors = Vec::new();
    let mut dirs = Vec::new();
    let mut items = Vec::new();
    for source in sources {
        if let Err(e) = expand(source, &mut dirs, &mut items) {
            errors.push(e.context(source.clone()));
        }
    }
    let local_files = items.iter().all(|i| matches!(i, Item::File { .. }));
    if items.len() < STREAM_FROM || !local_files {
        return general(sources, opts);
    }
    let shares = read_shares(&items, opts);
    if shares.iter().any(|s| s.other_kind) {
        return general(sources, opts);
    }
    let mut found_in_dir = vec![0usize; dirs.len()];
    let mut failed: Vec<(usize, anyhow::Error)> = Vec::new();
    let mut partials = Vec::new();
    for share in shares {
        for i in share.read {
            if let Item::File { dir: Some(d), .. } = &items[i] {
                found_in_dir[*d] += 1;
            }
        }
        failed.extend(share.errors);
        partials.extend(share.merged.finish());
    }
    failed.sort_by_key(|(i, _)| *i);
    errors.extend(failed.into_iter().map(|(_, e)| e));
    for (d, found) in dirs.iter().zip(found_in_dir) {
        if found == 0 {
            errors.push(anyhow!("{d}: no profiles in this directory"));
        }
    }
    if partials.is_empty() {
        return Err(errors.pop().unwrap_or_else(|| anyhow!("no profiles given")));
    }
    print_warnings(errors);
    gosleuth_pprof::merge(partials).context("merging profiles")
}

fn general(sources: &[String], opts: &ReadOptions) -> Result<Profile> {
    let nodes = read_all(sources, opts)?;
    gosleuth_pprof::merge(nodes.into_iter().map(|n| n.profile).collect())
        .context("merging profiles")
}

/// Contiguous shares, one per core, so that the merge keeps input order
/// (the first profile's main binary stays mapping 0, as in pprof).
fn read_shares(items: &[Item], opts: &ReadOptions) -> Vec<Share> {
    let workers = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(items.len())
        .max(1);
    let sizes: Vec<u64> = items.iter().map(file_size).collect();
    let progress = crate::progress::bar(items.len() as u64, "reading profiles");
    let shares: Vec<Share> = std::thread::scope(|scope| {
        let handles: Vec<_> = balanced_shares(&sizes, workers)
            .into_iter()
            .map(|range| {
                let progress = &progress;
                scope.spawn(move || {
                    let mut share = Share::default();
                    for (i, item) in items.iter().enumerate().take(range.end).skip(range.start) {
                        progress.set_message(item_label(item));
                        match read_item(item, opts) {
                            Ok(node) => {
                                share.read.push(i);
                                if share.merged.add(node.profile).is_err() {
                                    share.other_kind = true;
                                }
                            }
                            Err(e) => share.errors.push((i, e)),
                        }
                        progress.inc(1);
                    }
                    share
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_default())
            .collect()
    });
    progress.finish_and_clear();
    shares
}

fn file_size(item: &Item) -> u64 {
    match item {
        Item::File { path, .. } => std::fs::metadata(path).map_or(1, |m| m.len().max(1)),
        Item::Stdin | Item::Url(_) => 1,
    }
}

/// Splits `0..sizes.len()` into at most `workers` contiguous ranges of about
/// equal total size: decoding costs about the same per compressed byte, and
/// successive snapshots of one process grow (the last of 200 is 2.9 times
/// the first), so equal counts left one core with 30% more work.
fn balanced_shares(sizes: &[u64], workers: usize) -> Vec<std::ops::Range<usize>> {
    let total: u64 = sizes.iter().sum();
    let mut ranges = Vec::with_capacity(workers);
    let (mut start, mut sum) = (0, 0u64);
    for (i, size) in sizes.iter().enumerate() {
        let before = sum;
        sum += size;
        let target = total * (ranges.len() as u64 + 1) / workers.max(1) as u64;
        if sum < target || ranges.len() + 1 >= workers {
            continue;
        }
        // Cut on whichever side of this file lands nearer the target.
        let cut = if target - before < sum - target && i > start {
            i
        } else {
            i + 1
        };
        ranges.push(start..cut);
        start = cut;
    }
    if start < sizes.len() {
        ranges.push(start..sizes.len());
    }
    ranges
}

#[cfg(test)]
mod tests {
    use super::balanced_shares;

    #[test]
    fn shares_are_contiguous_and_balanced_by_size() {
        // Growing snapshots: equal counts would give 1+2+3 = 6 against 4+5+6 = 15.
        let sizes = [1, 2, 3, 4, 5, 6];
        assert_eq!(balanced_shares(&sizes, 2), [0..4, 4..6]);
        assert_eq!(balanced_shares(&sizes, 3), [0..3, 3..5, 5..6]);
        assert_eq!(balanced_shares(&[7], 2), vec![0..1]);
        assert_eq!(balanced_shares(&[1, 1, 1, 1], 1), vec![0..4]);
        let all = balanced_shares(&[5; 9], 4);
        assert_eq!(all.first().unwrap().start, 0);
        assert_eq!(all.last().unwrap().end, 9);
        assert!(all.windows(2).all(|w| w[0].end == w[1].start));
    }
}
