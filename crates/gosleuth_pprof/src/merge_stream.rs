//! Merging many profiles of one kind as they are decoded, holding only the
//! merged result: a profile is freed as soon as it is folded in, so memory
//! follows distinct stacks, not inputs (200 snapshots: a few MB, not 80).

use crate::merge::{Merger, combine_headers, fold_header};
use crate::model::Profile;

/// Folds profiles in one at a time. Profiles whose sample or period types
/// differ from the first's are handed back, for the general [`crate::merge`].
#[derive(Default)]
pub struct StreamMerger {
    merger: Option<Merger>,
}

impl StreamMerger {
    /// An empty merger.
    pub fn new() -> StreamMerger {
        StreamMerger::default()
    }

    /// Folds `p` in, or hands it back when it is of another kind.
    pub fn add(&mut self, p: Profile) -> Result<(), Box<Profile>> {
        match &mut self.merger {
            None => {
                let mut m = Merger::with_header(combine_headers(std::slice::from_ref(&p)));
                m.add(&p);
                self.merger = Some(m);
            }
            Some(m) => {
                let same_kind = m.out.sample_types == p.sample_types
                    && m.out.period_type.as_ref().map(|t| &t.r#type)
                        == p.period_type.as_ref().map(|t| &t.r#type);
                if !same_kind {
                    return Err(Box::new(p));
                }
                fold_header(&mut m.out, &p);
                m.add(&p);
            }
        }
        Ok(())
    }

    /// The merged profile, if anything was added.
    pub fn finish(self) -> Option<Profile> {
        self.merger.map(|m| m.out)
    }
}
