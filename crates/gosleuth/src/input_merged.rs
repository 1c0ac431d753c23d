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
    let chunk = items.len().div_ceil(workers);
    let progress = crate::progress::bar(items.len() as u64, "reading profiles");
    let shares: Vec<Share> = std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .enumerate()
            .map(|(k, part)| {
                let progress = &progress;
                scope.spawn(move || {
                    let mut share = Share::default();
                    for (j, item) in part.iter().enumerate() {
                        let i = k * chunk + j;
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
