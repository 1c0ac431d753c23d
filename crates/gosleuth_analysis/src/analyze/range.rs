//! Figures across nodes.

use crate::model::Range;

impl Range {
    /// Min, median and max of per-node values (the median of an even count is
    /// the mean of the middle two). Empty input gives zeros.
    pub fn of(values: &[f64]) -> Range {
        let mut v: Vec<f64> = values.to_vec();
        v.sort_by(f64::total_cmp);
        let n = v.len();
        if n == 0 {
            return Range {
                min: 0.0,
                median: 0.0,
                max: 0.0,
            };
        }
        let median = if !n.is_multiple_of(2) {
            v[n / 2]
        } else {
            (v[n / 2 - 1] + v[n / 2]) / 2.0
        };
        Range {
            min: v[0],
            median,
            max: v[n - 1],
        }
    }

    /// Whether all nodes agree (one node, or identical values).
    pub fn is_single(&self) -> bool {
        self.min == self.max
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges() {
        assert_eq!(
            Range::of(&[3.0, 1.0, 2.0]),
            Range {
                min: 1.0,
                median: 2.0,
                max: 3.0
            }
        );
        assert_eq!(Range::of(&[4.0, 1.0]).median, 2.5);
        assert!(Range::of(&[5.0]).is_single());
    }
}
