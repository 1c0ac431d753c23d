//! `goroutines`: a dump grouped by creation site and by top application
//! frame, with states and wait minutes; given an earlier dump, what grew,
//! with the leak rules' findings on the growing code.

mod group;
mod growth;
mod input;
mod leaks;
pub(crate) mod model;
mod sites;

use gosleuth_go::SourceRoots;

pub(crate) use input::Record;
pub use input::{DumpData, DumpInput};
use model::{DumpSummary, GOROUTINES_SCHEMA_VERSION, GoroutinesReport};

use crate::analyze::source::Source;
use crate::error::Result;

/// Growing sites whose code the leak rules check.
const CHECKED: usize = 10;

/// Source roots for resolving frames (and running the leak rules).
#[derive(Debug, Clone, Default)]
pub struct GoroutinesOptions {
    /// Source roots.
    pub roots: SourceRoots,
}

/// Analyses `dump`, and what changed since `earlier` when given.
///
/// # Errors
/// When a source root cannot be read.
pub fn goroutines(
    dump: &DumpInput,
    earlier: Option<&DumpInput>,
    opts: &GoroutinesOptions,
) -> Result<GoroutinesReport> {
    let source = Source::new(&opts.roots)?;
    let rules_checked = source.has_roots();
    let mut sites = sites::Sites::new(source);
    let records = dump.data.records();
    let (groups, top_frames) = group::groups(&records, &mut sites);
    let mut growth = Vec::new();
    if let Some(e) = earlier {
        let before = e.data.records();
        let mut rows = growth::growth(&before, &records, &mut sites);
        if rules_checked {
            let mut leaks = leaks::Leaks::default();
            for row in rows.iter_mut().filter(|r| r.growth.delta > 0).take(CHECKED) {
                row.growth.findings = leaks.findings(&mut sites, &row.frames);
            }
        }
        growth = rows.into_iter().map(|r| r.growth).collect();
    }
    Ok(GoroutinesReport {
        schema_version: GOROUTINES_SCHEMA_VERSION,
        dump: summary(dump, &records),
        earlier: earlier.map(|e| summary(e, &e.data.records())),
        total: records.iter().map(|r| r.count).sum(),
        groups,
        top_frames,
        growth,
        rules_checked,
    })
}

fn summary(d: &DumpInput, records: &[input::Record<'_>]) -> DumpSummary {
    DumpSummary {
        name: d.name.clone(),
        format: d.data.format(),
        total: records.iter().map(|r| r.count).sum(),
    }
}
