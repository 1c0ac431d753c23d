//! Finding a merged record equal to an incoming one without building an owned
//! key for it: the incoming record is hashed through borrowed fields, and the
//! merged records with that hash (a chain, almost always of one) are compared
//! in full. Building owned keys (a location's lines, a function's three names)
//! for every record of every input cost more than the rest of the merge.

use rustc_hash::FxHashMap as HashMap;
use std::hash::{Hash, Hasher as _};

const END: usize = usize::MAX;

/// Indices into one output vector (functions, locations or samples), by hash.
#[derive(Default)]
pub(crate) struct ByHash {
    /// The last record pushed with each hash.
    heads: HashMap<u64, usize>,
    /// For each record, the one pushed before it with the same hash.
    next: Vec<usize>,
}

impl ByHash {
    /// The hash `ByHash` files a key under.
    pub(crate) fn hash(key: &impl Hash) -> u64 {
        let mut h = rustc_hash::FxHasher::default();
        key.hash(&mut h);
        h.finish()
    }

    /// The first record with `hash` for which `same` holds.
    pub(crate) fn find(&self, hash: u64, mut same: impl FnMut(usize) -> bool) -> Option<usize> {
        let mut i = self.heads.get(&hash).copied().unwrap_or(END);
        while i != END {
            if same(i) {
                return Some(i);
            }
            i = self.next[i];
        }
        None
    }

    /// Files the record just pushed to the output vector (index `index`,
    /// which must be the number of records filed so far).
    pub(crate) fn insert(&mut self, hash: u64, index: usize) {
        debug_assert_eq!(index, self.next.len(), "records are filed in order");
        let previous = self.heads.insert(hash, index).unwrap_or(END);
        self.next.push(previous);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_hashes_are_told_apart_by_the_comparison() {
        let records = ["a", "b", "c"];
        let mut index = ByHash::default();
        // All three under one hash: the chain holds them all.
        for i in 0..records.len() {
            index.insert(7, i);
        }
        for (i, r) in records.iter().enumerate() {
            assert_eq!(index.find(7, |j| records[j] == *r), Some(i));
        }
        assert_eq!(index.find(7, |j| records[j] == "d"), None);
        assert_eq!(index.find(8, |_| true), None);
    }
}
