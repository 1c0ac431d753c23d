//! The verdict on one figure: the change of the medians against the noise
//! band, which is the node-to-node spread on either side or, when that is
//! smaller (one node per side), twice the sampling error of the difference.

use super::model::{Change, Status};
use crate::model::Range;

/// A site that fell to at most this fraction of its base is `fixed`.
const FIXED_FRACTION: f64 = 0.1;

/// Judges `base` → `new` (per-node values). `sigma` is the sampling error of
/// the difference of the medians (0 for exact counts).
pub(crate) fn judge(sample_type: &str, base: &[f64], new: &[f64], sigma: f64) -> Change {
    let b = Range::of(base);
    let n = Range::of(new);
    let spread = (b.max - b.min).max(n.max - n.min);
    let noise = spread.max(2.0 * sigma);
    let delta = n.median - b.median;
    let status = if delta.abs() <= noise || delta == 0.0 {
        Status::Unchanged
    } else if delta < 0.0 {
        if n.median <= FIXED_FRACTION * b.median {
            Status::Fixed
        } else {
            Status::Improved
        }
    } else if b.median <= 0.0 {
        Status::New
    } else {
        Status::Worse
    };
    let percent = |v: f64| (b.median > 0.0).then(|| v * 100.0 / b.median);
    Change {
        sample_type: sample_type.to_string(),
        base: b,
        new: n,
        delta,
        delta_percent: percent(delta),
        noise,
        status,
        beyond_noise_percent: if status.is_regression() {
            percent(delta - noise)
        } else {
            None
        },
    }
}

/// The sampling error of a difference of two independent estimates.
pub(crate) fn combined(sigma_base: f64, sigma_new: f64) -> f64 {
    sigma_base.hypot(sigma_new)
}

/// Whether a regression crosses the `--fail-on` threshold (a site absent
/// from the base always does once it is beyond noise).
pub(crate) fn crosses(c: &Change, percent: f64) -> bool {
    c.status.is_regression() && c.beyond_noise_percent.is_none_or(|p| p > percent)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inside_the_spread_is_unchanged() {
        let c = judge("alloc_space", &[100.0, 130.0], &[120.0, 125.0], 0.0);
        assert_eq!(c.status, Status::Unchanged);
        assert_eq!(c.noise, 30.0);
    }

    #[test]
    fn verdicts_beyond_noise() {
        assert_eq!(judge("x", &[100.0], &[5.0], 1.0).status, Status::Fixed);
        assert_eq!(judge("x", &[100.0], &[50.0], 1.0).status, Status::Improved);
        let worse = judge("x", &[100.0], &[150.0], 5.0);
        assert_eq!(worse.status, Status::Worse);
        assert_eq!(worse.beyond_noise_percent, Some(40.0));
        assert!(crosses(&worse, 39.0) && !crosses(&worse, 40.0));
        let new = judge("x", &[0.0], &[50.0], 1.0);
        assert_eq!(new.status, Status::New);
        assert!(crosses(&new, 1000.0));
    }

    #[test]
    fn sampling_error_widens_single_node_bands() {
        assert_eq!(
            judge("x", &[100.0], &[110.0], 6.0).status,
            Status::Unchanged
        );
        assert_eq!(combined(3.0, 4.0), 5.0);
    }
}
