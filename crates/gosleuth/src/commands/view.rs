//! What the pprof-compatible views share: reading and merging the inputs and
//! turning flags into report options.

use std::io::Write as _;

use anyhow::Result;
use gosleuth_pprof::graph::Granularity;
use gosleuth_pprof::{FilterText, Limits, Prepared, ReportOptions};

use crate::args::{InputArgs, ViewArgs};
use crate::input::{self, ReadOptions};

/// How to read inputs, from the flags.
pub(crate) fn read_options(args: &InputArgs) -> ReadOptions {
    ReadOptions {
        limits: Limits {
            max_decompressed: args.max_decompressed,
            max_samples: args.max_samples,
            max_locations: args.max_locations,
            max_stack_depth: args.max_stack_depth,
        },
        timeout: args.timeout,
        save: args.save.clone(),
    }
}

/// Reads every input as one node each.
pub(crate) fn read_nodes(args: &InputArgs) -> Result<Vec<input::Node>> {
    input::read_all(&args.sources, &read_options(args))
}

/// Reads, merges and prepares the profiles for a view.
pub(crate) fn prepare(args: &ViewArgs, source_path: &str) -> Result<Prepared> {
    let merged = crate::input_merged::read_merged(&args.input.sources, &read_options(&args.input))?;
    let prepared = Prepared::new(merged, report_options(args, source_path))?;
    warn_unmatched(&prepared);
    Ok(prepared)
}

fn report_options(a: &ViewArgs, source_path: &str) -> ReportOptions {
    let granularity = if a.lines {
        Granularity::Lines
    } else if a.files {
        Granularity::Files
    } else if a.filefunctions {
        Granularity::FileFunctions
    } else if a.addresses {
        Granularity::Addresses
    } else {
        Granularity::Functions
    };
    ReportOptions {
        sample_index: a.sample_index.clone().unwrap_or_default(),
        granularity,
        no_inlines: a.noinlines,
        node_count: a.nodecount,
        node_fraction: a.nodefraction,
        edge_fraction: a.edgefraction,
        cum_sort: a.cum,
        filter_text: FilterText {
            focus: a.focus.clone().unwrap_or_default(),
            ignore: a.ignore.clone().unwrap_or_default(),
            hide: a.hide.clone().unwrap_or_default(),
            show: a.show.clone().unwrap_or_default(),
        },
        trim_path: a.trim_path.clone().unwrap_or_default(),
        source_path: source_path.to_string(),
        unit: a.unit.clone(),
        compact_labels: a.compact_labels,
        drop_negative: a.drop_negative,
    }
}

/// pprof's "X expression matched no samples" warnings, on stderr.
fn warn_unmatched(p: &Prepared) {
    let t = &p.options.filter_text;
    let m = p.matches;
    let mut err = std::io::stderr().lock();
    for (set, matched, name) in [
        (!t.focus.is_empty(), m.focus, "Focus"),
        (!t.ignore.is_empty(), m.ignore, "Ignore"),
        (!t.hide.is_empty(), m.hide, "Hide"),
        (!t.show.is_empty(), m.show, "Show"),
    ] {
        if set && !matched {
            let _ = writeln!(err, "warning: {name} expression matched no samples");
        }
    }
}

/// Writes a view's text to stdout.
pub(crate) fn print(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}
