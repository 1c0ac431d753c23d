//! Counts what a text profile has produced so far against the [`Limits`],
//! so that a hostile text — a goroutine frame costs eight bytes of text and
//! a few hundred once parsed — is refused as soon as it passes a cap, with
//! memory proportional to the caps rather than to the input.

use crate::decode::Limits;
use crate::error::Result;

/// Samples and frames seen so far.
pub(super) struct Caps {
    limits: Limits,
    samples: u64,
    frames: u64,
}

impl Caps {
    pub(super) fn new(limits: &Limits) -> Caps {
        Caps {
            limits: *limits,
            samples: 0,
            frames: 0,
        }
    }

    /// One more sample (a record or a goroutine).
    pub(super) fn sample(&mut self) -> Result<()> {
        self.samples += 1;
        self.limits.check_samples(self.samples)
    }

    /// `n` more frames, making a stack `depth` deep.
    pub(super) fn frames(&mut self, n: usize, depth: usize) -> Result<()> {
        self.limits.check_depth(depth as u64)?;
        self.frames += n as u64;
        self.limits.check_frames(self.frames)
    }
}
