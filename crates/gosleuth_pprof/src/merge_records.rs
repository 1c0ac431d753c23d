//! Folding one profile's samples, locations, functions and mappings into the
//! merged profile, as pprof's `profileMerger` does.

use crate::merge::Merger;
use crate::merge_index::ByHash;
use crate::model::{Function, Line, Location, Mapping, Profile, Sample};

/// Per-input memo: its locations, functions and mappings already merged.
struct Memo {
    locations: Vec<Option<usize>>,
    functions: Vec<Option<usize>>,
    mappings: Vec<Option<usize>>,
}

impl Merger {
    pub(crate) fn add(&mut self, p: &Profile) {
        // pprof takes the first profile's main binary first so that it stays mapping 0.
        if let Some(m) = p.mappings.first() {
            self.mapping(m);
        }
        let mut memo = Memo {
            locations: vec![None; p.locations.len()],
            functions: vec![None; p.functions.len()],
            mappings: vec![None; p.mappings.len()],
        };
        let mut locs = Vec::new();
        for s in p
            .samples
            .iter()
            .filter(|s| s.values.iter().any(|v| *v != 0))
        {
            locs.clear();
            locs.extend(s.locations.iter().map(|&l| self.location(p, l, &mut memo)));
            self.sample(s, &locs);
        }
    }

    fn sample(&mut self, s: &Sample, locations: &[usize]) {
        let hash = ByHash::hash(&(locations, &s.labels, &s.num_labels));
        let samples = &mut self.out.samples;
        let same = |i: usize| {
            let o = &samples[i];
            o.locations == locations && o.labels == s.labels && o.num_labels == s.num_labels
        };
        if let Some(i) = self.samples.find(hash, same) {
            for (v, add) in samples[i].values.iter_mut().zip(&s.values) {
                *v = v.wrapping_add(*add);
            }
            return;
        }
        self.samples.insert(hash, samples.len());
        samples.push(Sample {
            locations: locations.to_vec(),
            ..s.clone()
        });
    }

    fn location(&mut self, p: &Profile, l: usize, memo: &mut Memo) -> usize {
        if let Some(i) = memo.locations[l] {
            return i;
        }
        let src = &p.locations[l];
        let mapping = src
            .mapping
            .map(|m| *memo.mappings[m].get_or_insert_with(|| self.mapping(&p.mappings[m])));
        // As pprof does: the address moves with its mapping, onto where the
        // merged mapping starts.
        let address = match (src.mapping, mapping) {
            (Some(from), Some(to)) => src.address.wrapping_add(
                self.out.mappings[to]
                    .start
                    .wrapping_sub(p.mappings[from].start),
            ),
            _ => src.address,
        };
        let mut lines = std::mem::take(&mut self.lines);
        lines.clear();
        lines.extend(src.lines.iter().map(|ln| Line {
            function:
                ln.function.map(|f| {
                    *memo.functions[f].get_or_insert_with(|| self.function(&p.functions[f]))
                }),
            ..*ln
        }));
        let hash = ByHash::hash(&(mapping, address, src.is_folded, &lines));
        let out = &self.out.locations;
        let same = |i: usize| {
            let o: &Location = &out[i];
            o.mapping == mapping
                && o.address == address
                && o.is_folded == src.is_folded
                && o.lines == lines
        };
        let i = match self.locations.find(hash, same) {
            Some(i) => i,
            None => {
                let i = self.out.locations.len();
                self.locations.insert(hash, i);
                self.out.locations.push(Location {
                    id: i as u64 + 1,
                    mapping,
                    address,
                    lines: lines.clone(),
                    is_folded: src.is_folded,
                });
                i
            }
        };
        self.lines = lines;
        memo.locations[l] = Some(i);
        i
    }

    fn function(&mut self, f: &Function) -> usize {
        fn key(g: &Function) -> (&str, &str, &str, i64) {
            (&g.name, &g.system_name, &g.filename, g.start_line)
        }
        let hash = ByHash::hash(&key(f));
        let out = &self.out.functions;
        if let Some(i) = self.functions.find(hash, |i| key(&out[i]) == key(f)) {
            return i;
        }
        let i = self.out.functions.len();
        self.functions.insert(hash, i);
        self.out.functions.push(Function {
            id: i as u64 + 1,
            ..f.clone()
        });
        i
    }

    /// pprof's `mapMapping`: mappings are one when their sizes (rounded up
    /// to 4 kB) and offsets agree and so does the build id, or the file name
    /// when there is no build id: the same binary built in another directory,
    /// or loaded at another address, is one mapping.
    fn mapping(&mut self, m: &Mapping) -> usize {
        const ROUNDING: u64 = 0x1000;
        let size = m.limit.wrapping_sub(m.start).wrapping_add(ROUNDING - 1);
        let build_id_or_file = if m.build_id.is_empty() {
            &m.file
        } else {
            &m.build_id
        };
        let key = (size - size % ROUNDING, m.offset, build_id_or_file.clone());
        let next_id = self.out.mappings.len() as u64 + 1;
        *self.mappings.entry(key).or_insert_with(|| {
            self.out.mappings.push(Mapping {
                id: next_id,
                ..m.clone()
            });
            self.out.mappings.len() - 1
        })
    }
}
