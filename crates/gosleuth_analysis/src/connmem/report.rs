//! One capture's model, then the report across captures: measured marginal,
//! projections, what-ifs and the assumptions in words.

use super::budget::{Budget, HEAP_BITMAP, SCAVENGER_RETAIN, residency};
use super::goroutines::{ConnPaths, conn_paths, short};
use super::heap::{ConnHeap, conn_heap};
use super::input::{CaptureInput, ConnmemOptions};
use super::model::{
    CONNMEM_SCHEMA_VERSION, CaptureModel, ConnmemReport, GoroutineGroup, MemStatsUsed,
    PairMarginal, Projection,
};
use super::whatif::what_if;
use crate::analyze::source::Source;
use crate::error::{Error, Result};

/// Connection counts the projections are made for.
const PROJECTED: [u64; 4] = [10_000, 100_000, 1_000_000, 10_000_000];

/// A capture read and attributed, before objects per connection are estimated.
pub(crate) struct Partial {
    input_name: String,
    connections: u64,
    mem: Option<u64>,
    paths: ConnPaths,
    pub(crate) heap: ConnHeap,
    used: MemStatsUsed,
    span_fraction: f64,
}

impl Partial {
    pub(crate) fn connections(&self) -> u64 {
        self.connections
    }

    pub(crate) fn goroutines_per_connection(&self) -> u64 {
        self.paths.per_connection()
    }
}

/// A capture's model and what the report needs besides.
pub(crate) struct Built {
    model: CaptureModel,
    budget: Budget,
    groups: Vec<GoroutineGroup>,
    /// Share of `HeapAlloc` the heap profile accounts for.
    profile_share: f64,
}

#[expect(
    clippy::cast_precision_loss,
    reason = "memory sizes and counts are far below 2^52"
)]
pub(crate) fn read(c: &CaptureInput, source: &mut Source) -> Result<Partial> {
    let node = |message: String| Error::Node {
        node: c.name.clone(),
        message,
    };
    if c.connections == 0 {
        return Err(node("the connection count is 0".into()));
    }
    let records = c.goroutines.records();
    let paths = conn_paths(&records, c.connections);
    if paths.groups.is_empty() {
        return Err(node(format!(
            "no goroutine group numbers at least half of the {} connections: is this the server's goroutine profile?",
            c.connections
        )));
    }
    let heap = conn_heap(&c.heap, &paths, source)
        .ok_or_else(|| node("the heap profile has no inuse_space and inuse_objects".into()))?;
    let ms = &c.memstats;
    let field =
        |v: Option<u64>, name: &str| v.ok_or_else(|| node(format!("MemStats has no {name}")));
    let heap_alloc = field(ms.heap_alloc(), "HeapAlloc")?.max(1);
    let heap_sys = field(ms.heap_sys(), "HeapSys")?;
    let heap_released = field(ms.heap_released(), "HeapReleased")?;
    let heap_inuse = field(ms.heap_inuse(), "HeapInuse")?.max(1);
    let stack_inuse = field(ms.stack_inuse(), "Stack (StackInuse)")?;
    let mspan_inuse = field(ms.mspan_inuse(), "MSpan (MSpanInuse)")?;
    let used = MemStatsUsed {
        heap_alloc,
        heap_sys,
        heap_released,
        stack_inuse,
        gc_sys: ms.gc_sys().unwrap_or(0),
        sys: ms.sys().unwrap_or(0),
        goroutines: paths.total,
        heap_residency: heap_sys.saturating_sub(heap_released) as f64 / heap_alloc as f64,
        stack_per_goroutine: stack_inuse as f64 / paths.total.max(1) as f64,
    };
    Ok(Partial {
        input_name: c.name.clone(),
        connections: c.connections,
        mem: c.mem,
        paths,
        heap,
        used,
        span_fraction: mspan_inuse as f64 / heap_inuse as f64,
    })
}

#[expect(
    clippy::cast_precision_loss,
    reason = "memory sizes and counts are far below 2^52"
)]
pub(crate) fn finish(p: Partial, gogc: f64) -> Built {
    let budget = Budget::new(&p.heap, &p.paths, p.used, p.span_fraction, gogc);
    let model = CaptureModel {
        name: p.input_name,
        connections: p.connections,
        mem_bytes: p.mem,
        naive_per_connection_bytes: p.mem.map(|m| m as f64 / p.connections as f64),
        per_connection_bytes: budget.total(),
        parts: budget.parts(),
        memstats: p.used,
        sampling: budget.sampling(p.heap.rate),
        model_vs_marginal_percent: None,
    };
    Built {
        model,
        budget,
        groups: p.paths.groups,
        profile_share: p.heap.total / p.used.heap_alloc as f64,
    }
}

#[expect(
    clippy::cast_precision_loss,
    reason = "memory sizes and counts are far below 2^52"
)]
pub(crate) fn assemble(
    mut built: Vec<Built>,
    opts: &ConnmemOptions,
    classified: bool,
) -> Result<ConnmemReport> {
    built.sort_by(|a, b| {
        a.model
            .connections
            .cmp(&b.model.connections)
            .then(a.model.name.cmp(&b.model.name))
    });
    let points: Vec<(f64, f64)> = built
        .iter()
        .filter_map(|b| {
            b.model
                .mem_bytes
                .map(|m| (b.model.connections as f64, m as f64))
        })
        .collect();
    let fit = least_squares(&points);
    let pair_marginals = pairs(&built);
    for b in &mut built {
        b.model.model_vs_marginal_percent =
            fit.map(|(slope, _)| 100.0 * (b.model.per_connection_bytes / slope - 1.0));
    }
    let reference = built.len() - 1;
    let r = &built[reference];
    let per_conn = r.model.per_connection_bytes;
    let what_ifs = opts
        .what_ifs
        .iter()
        .map(|w| what_if(w, &r.budget))
        .collect::<Result<Vec<_>>>()?;
    let projections = PROJECTED
        .iter()
        .map(|&n| Projection {
            connections: n,
            model_bytes: per_conn * n as f64,
            measured_bytes: fit.map(|(slope, base)| base + slope * n as f64),
        })
        .collect();
    let assumptions = assumptions(&built, reference, fit, classified, opts.gogc());
    Ok(ConnmemReport {
        schema_version: CONNMEM_SCHEMA_VERSION,
        per_connection_bytes: per_conn,
        measured_marginal_per_connection_bytes: fit.map(|f| f.0),
        measured_baseline_bytes: fit.map(|f| f.1),
        reference,
        goroutines: r.groups.clone(),
        captures: built.into_iter().map(|b| b.model).collect(),
        pair_marginals,
        projections,
        what_ifs,
        assumptions,
    })
}

/// Slope and intercept of `y` over `x`; needs two distinct `x`.
fn least_squares(points: &[(f64, f64)]) -> Option<(f64, f64)> {
    #[expect(clippy::cast_precision_loss, reason = "a handful of points")]
    let n = points.len() as f64;
    let mx = points.iter().map(|p| p.0).sum::<f64>() / n;
    let my = points.iter().map(|p| p.1).sum::<f64>() / n;
    let sxx: f64 = points.iter().map(|p| (p.0 - mx).powi(2)).sum();
    let sxy: f64 = points.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum();
    (points.len() >= 2 && sxx > 0.0).then(|| (sxy / sxx, my - sxy / sxx * mx))
}

#[expect(
    clippy::cast_precision_loss,
    reason = "memory sizes and counts are far below 2^52"
)]
fn pairs(built: &[Built]) -> Vec<PairMarginal> {
    let with_mem: Vec<&CaptureModel> = built
        .iter()
        .map(|b| &b.model)
        .filter(|m| m.mem_bytes.is_some())
        .collect();
    with_mem
        .windows(2)
        .filter(|w| w[1].connections > w[0].connections)
        .map(|w| PairMarginal {
            from: w[0].name.clone(),
            to: w[1].name.clone(),
            per_connection_bytes: (w[1].mem_bytes.unwrap_or(0) as f64
                - w[0].mem_bytes.unwrap_or(0) as f64)
                / (w[1].connections - w[0].connections) as f64,
        })
        .collect()
}

fn assumptions(
    built: &[Built],
    reference: usize,
    fit: Option<(f64, f64)>,
    classified: bool,
    gogc: f64,
) -> Vec<String> {
    let r = &built[reference];
    let entries: Vec<String> = r
        .groups
        .iter()
        .map(|g| format!("`{}` ×{}", short(&g.entry), g.per_connection))
        .collect();
    let mut out = vec![
        format!(
            "Per-connection code paths: goroutines that number at least half the connection count ({}), every \
             application function on their stacks, the functions whose closures they run (connection setup), and \
             the standard library's accept path. Heap reached through them is per connection; the rest is the \
             server's baseline.",
            entries.join(", ")
        ),
        format!(
            "Objects per connection: the profile's estimate (inuse_objects ÷ connections) counts as a whole number \
             when within two standard errors of heap sampling (MemProfileRate {} B); under half an object per \
             connection is a container shared by all connections (a map of clients), spread evenly.",
            r.model.sampling.rate
        ),
        "Goroutine stacks: StackInuse ÷ goroutines is the average stack; per-connection goroutines are assumed to \
         have the average stack."
            .to_string(),
        format!(
            "Runtime overhead: with GOGC={gogc:.0} the GC lets the heap grow to {:.1}× its live size; a heap that \
             grew with its connections is resident, on average, halfway to that goal ({:.2} bytes per live byte; a \
             busy heap that cycles all the time sits near the goal plus the scavenger's 10% retention, {:.2}); plus \
             GC metadata: the heap bitmap ({:.4}) and span structures (MSpanInuse ÷ HeapInuse). The residency \
             observed at each capture, (HeapSys − HeapReleased) ÷ HeapAlloc, depends on when the last GC ran and \
             is shown for comparison.",
            1.0 + gogc / 100.0,
            residency(gogc),
            SCAVENGER_RETAIN * (1.0 + gogc / 100.0),
            HEAP_BITMAP
        ),
        "The heap counted is what the connections held when the profile was taken: for busy connections that \
         includes messages in flight and grown buffers, for idle ones it does not. Not in the model: kernel socket \
         buffers (not in the process's RSS) and OS thread stacks."
            .to_string(),
    ];
    if fit.is_some() {
        out.push(
            "Measured marginal: the least-squares slope of process memory (`mem`, RSS) over connections across the \
             captures, which removes the fixed baseline; naive = mem ÷ connections of one capture, which does not."
                .to_string(),
        );
    }
    if !classified {
        out.push("No --src: allocations are not classified by their statement (buffers, structs, maps, channels).".into());
    }
    for b in built.iter().filter(|b| b.profile_share < 0.5) {
        out.push(format!(
            "{}: the heap profile accounts for {:.0}% of HeapAlloc: it shows the heap at the last GC; fetch it with \
             `?gc=1` for an up-to-date picture.",
            b.model.name,
            100.0 * b.profile_share
        ));
    }
    out
}
