//! Progress on stderr for long work (many profiles, URL fetches, indexing a
//! repository). indicatif draws only when stderr is a terminal (and `TERM` is
//! not `dumb`): in pipes, CI and tests the bars are hidden and print nothing.
//! No colour, so `NO_COLOR` has nothing to turn off.

use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

const TICK: Duration = Duration::from_millis(120);

/// A bar over `len` steps: `reading profiles [=====>    ] 12/40 node07`.
pub(crate) fn bar(len: u64, what: &str) -> ProgressBar {
    let style = ProgressStyle::with_template(
        "{spinner} {prefix} [{bar:30}] {pos}/{len} {elapsed} {wide_msg}",
    )
    .unwrap_or_else(|_| ProgressStyle::default_bar())
    .progress_chars("=> ");
    let pb = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr())
        .with_style(style)
        .with_prefix(what.to_string());
    pb.enable_steady_tick(TICK);
    pb
}

/// A spinner for work of unknown length: `⠙ indexing source 1.2s`.
pub(crate) fn spinner(what: &str) -> ProgressBar {
    let style = ProgressStyle::with_template("{spinner} {msg} {elapsed}")
        .unwrap_or_else(|_| ProgressStyle::default_spinner());
    let pb = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr())
        .with_style(style)
        .with_message(what.to_string());
    pb.enable_steady_tick(TICK);
    pb
}
