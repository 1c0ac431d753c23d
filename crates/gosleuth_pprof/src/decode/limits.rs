//! Caps on what one untrusted profile may make gosleuth hold in memory. Each
//! default is far above real profiles (a busy service's heap profile has tens
//! of thousands of samples; Go records at most 1024 frames per stack), and
//! each has a flag to raise it. See SPEC §8.

use crate::error::{Error, Result};

/// Default cap on decompressed profile size: far above real profiles (a busy
/// service's heap profile is a few MB), far below what would hurt the machine.
pub const DEFAULT_MAX_DECOMPRESSED: u64 = 512 << 20;

/// Limits applied while decoding untrusted bytes.
///
/// Memory is bounded by the counts, not only by the input size: a hostile
/// profile packs a sample into four bytes, and every sample, location and
/// frame costs tens to hundreds of bytes once decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Maximum size of the decompressed payload in bytes; also bounds the
    /// bytes of the strings a profile's records refer to, in total.
    pub max_decompressed: u64,
    /// Maximum number of samples (text records, goroutines). The stack
    /// frames of all samples together may number 16 times this.
    pub max_samples: u64,
    /// Maximum number of locations, and of functions and mappings (the
    /// string table may hold 4 times this).
    pub max_locations: u64,
    /// Maximum number of frames in one stack.
    pub max_stack_depth: u64,
}

impl Limits {
    /// The defaults, usable in constants.
    pub const DEFAULT: Limits = Limits {
        max_decompressed: DEFAULT_MAX_DECOMPRESSED,
        max_samples: 1 << 20,
        max_locations: 1 << 20,
        max_stack_depth: 1 << 12,
    };

    /// The cap on stack frames over all samples, and on the other repeated
    /// numbers of samples (values, labels) and locations (lines).
    pub(crate) fn max_frames(&self) -> u64 {
        self.max_samples.saturating_mul(16)
    }

    /// The cap on string table entries.
    pub(crate) fn max_strings(&self) -> u64 {
        self.max_locations.saturating_mul(4)
    }

    pub(crate) fn check_samples(&self, n: u64) -> Result<()> {
        check(n, self.max_samples, "the number of samples", "max-samples")
    }

    pub(crate) fn check_locations(&self, n: u64, what: &'static str) -> Result<()> {
        check(n, self.max_locations, what, "max-locations")
    }

    pub(crate) fn check_depth(&self, n: u64) -> Result<()> {
        check(
            n,
            self.max_stack_depth,
            "the depth of a stack",
            "max-stack-depth",
        )
    }

    pub(crate) fn check_frames(&self, n: u64) -> Result<()> {
        check(
            n,
            self.max_frames(),
            "the number of stack frames in all samples",
            "max-samples",
        )
    }
}

impl Default for Limits {
    fn default() -> Self {
        Limits::DEFAULT
    }
}

/// `Err` when `n` is over `limit`.
pub(crate) fn check(n: u64, limit: u64, what: &'static str, flag: &'static str) -> Result<()> {
    if n > limit {
        return Err(Error::Limit { what, limit, flag });
    }
    Ok(())
}
