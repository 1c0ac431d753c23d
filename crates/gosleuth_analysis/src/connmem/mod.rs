//! `connmem`: the per-connection memory budget (SPEC §5, seed 004). Heap by
//! kind from `inuse_space` on per-connection code paths, goroutine stacks,
//! runtime overhead from MemStats; compared with the measured marginal
//! memory per connection across captures; projections and what-ifs.

mod budget;
mod goroutines;
mod heap;
mod input;
pub(crate) mod model;
mod pool;
mod report;
mod whatif;

pub(crate) use goroutines::is_std;
pub use input::{CaptureInput, ConnmemOptions, Varz, parse_varz};

use crate::analyze::source::Source;
use crate::error::{Error, Result};
use model::ConnmemReport;

/// Builds the per-connection budget from one or more captures.
///
/// # Errors
/// When there is no capture, a capture lacks what the model needs
/// (`inuse_space`, MemStats fields, a connection count), a what-if is not
/// understood, or a source root cannot be read.
pub fn connmem(captures: &[CaptureInput], opts: &ConnmemOptions) -> Result<ConnmemReport> {
    if captures.is_empty() {
        return Err(Error::Invalid("no capture given".into()));
    }
    let mut source = Source::new(&opts.roots)?;
    let mut partial = captures
        .iter()
        .map(|c| report::read(c, &mut source))
        .collect::<Result<Vec<_>>>()?;
    let conns: Vec<u64> = partial.iter().map(report::Partial::connections).collect();
    let goroutines: Vec<u64> = partial
        .iter()
        .map(report::Partial::goroutines_per_connection)
        .collect();
    let mut heaps: Vec<_> = partial
        .iter_mut()
        .map(|p| std::mem::take(&mut p.heap))
        .collect();
    pool::estimate(&mut heaps, &conns, &goroutines);
    for (p, h) in partial.iter_mut().zip(heaps) {
        p.heap = h;
    }
    let built = partial
        .into_iter()
        .map(|p| report::finish(p, opts.gogc()))
        .collect();
    report::assemble(built, opts, source.has_roots())
}
