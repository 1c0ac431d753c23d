//! pprof-compatible text views.

mod labels;
mod top;

pub use labels::{Shown, profile_labels, report_labels};
pub use top::{TopRow, TopTable, render_top, top_table};
