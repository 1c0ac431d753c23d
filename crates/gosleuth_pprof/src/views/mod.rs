//! pprof-compatible text views.

mod labels;
mod list;
mod peek;
mod raw;
mod top;
mod traces;

pub use labels::{Shown, profile_labels, report_labels};
pub use list::render_list;
pub use peek::render_peek;
pub use raw::render_raw;
pub use top::{TopRow, TopTable, render_top, top_table};
pub use traces::render_traces;
