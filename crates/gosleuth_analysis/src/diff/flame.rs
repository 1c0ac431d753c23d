//! Folded stacks of one side of a diff, for the differential flame graph:
//! each distinct stack of the primary sample type, root first, summed over the
//! side's nodes (folded as `analyze`'s flame graph folds them).

use crate::NodeInput;
use crate::analyze::flame::folded_sum;
use crate::model::FoldedStack;

/// The distinct stacks of `inputs` for the sample type named `sample_type`
/// (positive values only), summed over nodes and sorted by stack.
pub(super) fn folded(inputs: &[NodeInput], sample_type: &str) -> Vec<FoldedStack> {
    folded_sum(inputs.iter().filter_map(|input| {
        let p = &input.profile;
        let index = p
            .sample_types
            .iter()
            .position(|t| t.r#type == sample_type)?;
        Some((p, index))
    }))
}
