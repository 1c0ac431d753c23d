//! The model of one capture: heap items, stacks and runtime overhead per
//! connection, as a [`Budget`] that what-ifs can change and re-total.

use super::goroutines::ConnPaths;
use super::goroutines::short;
use super::heap::{ConnHeap, HeapItem};
use super::model::{MemStatsUsed, Part, PartItem, PartKind, Sampling};

/// Go's heap bitmap: 2 bits per 8-byte word (Go ≤ 1.21), 1/32 of the heap.
pub(crate) const HEAP_BITMAP: f64 = 1.0 / 32.0;

/// Heap the scavenger keeps beyond the GC goal before returning pages to the
/// OS (`retainExtraPercent` in the runtime): where a busy heap sits.
pub(crate) const SCAVENGER_RETAIN: f64 = 1.1;

/// Resident heap per live byte of a heap that grew with its connections: on
/// average halfway between the live heap and the GC goal (`1 + GOGC/100`
/// times the live heap), wherever the last GC happened to run.
pub(crate) fn residency(gogc: f64) -> f64 {
    1.0 + gogc / 200.0
}

/// Everything the per-connection total is computed from.
#[derive(Debug, Clone)]
pub(crate) struct Budget {
    pub(crate) heap: Vec<HeapItem>,
    pub(crate) goroutines: f64,
    /// Which goroutines, for the stack item's wording.
    pub(crate) goroutine_entries: Vec<String>,
    pub(crate) stack_per_goroutine: f64,
    pub(crate) ms: MemStatsUsed,
    /// `MSpanInuse / HeapInuse`.
    pub(crate) span_fraction: f64,
    /// The server's GOGC.
    pub(crate) gogc: f64,
}

impl Budget {
    pub(crate) fn new(
        heap: &ConnHeap,
        paths: &ConnPaths,
        ms: MemStatsUsed,
        span_fraction: f64,
        gogc: f64,
    ) -> Budget {
        #[expect(clippy::cast_precision_loss, reason = "a small count")]
        let goroutines = paths.per_connection() as f64;
        Budget {
            heap: heap.items.clone(),
            goroutines,
            goroutine_entries: paths
                .groups
                .iter()
                .map(|g| short(&g.entry).to_string())
                .collect(),
            stack_per_goroutine: ms.stack_per_goroutine,
            ms,
            span_fraction,
            gogc,
        }
    }

    /// Live heap bytes per connection.
    pub(crate) fn heap_bytes(&self) -> f64 {
        self.heap.iter().map(HeapItem::bytes_per_connection).sum()
    }

    fn residency_bytes(&self) -> f64 {
        self.heap_bytes() * (residency(self.gogc) - 1.0).max(0.0)
    }

    fn metadata_fraction(&self) -> f64 {
        HEAP_BITMAP + self.span_fraction
    }

    fn metadata_bytes(&self) -> f64 {
        self.heap_bytes() * residency(self.gogc).max(1.0) * self.metadata_fraction()
    }

    fn stack_bytes(&self) -> f64 {
        self.goroutines * self.stack_per_goroutine
    }

    /// The model's bytes per connection.
    pub(crate) fn total(&self) -> f64 {
        self.heap_bytes() + self.residency_bytes() + self.metadata_bytes() + self.stack_bytes()
    }

    /// The parts, largest first (heap kinds, stacks, runtime overhead).
    pub(crate) fn parts(&self) -> Vec<Part> {
        let mut parts: Vec<Part> = Vec::new();
        for it in &self.heap {
            let item = heap_item(it);
            match parts.iter_mut().find(|p| p.kind == it.kind) {
                Some(p) => {
                    p.bytes_per_connection += item.bytes_per_connection;
                    p.items.push(item);
                }
                None => parts.push(Part {
                    kind: it.kind,
                    bytes_per_connection: item.bytes_per_connection,
                    items: vec![item],
                }),
            }
        }
        if self.goroutines > 0.0 {
            parts.push(self.stacks());
        }
        parts.push(self.overhead());
        for p in &mut parts {
            p.items.sort_by(|a, b| {
                b.bytes_per_connection
                    .total_cmp(&a.bytes_per_connection)
                    .then(a.what.cmp(&b.what))
            });
        }
        parts.sort_by(|a, b| {
            b.bytes_per_connection
                .total_cmp(&a.bytes_per_connection)
                .then(a.kind.cmp(&b.kind))
        });
        parts
    }

    fn stacks(&self) -> Part {
        let b = self.stack_bytes();
        let basis = format!(
            "MemStats.StackInuse {} B ÷ {} goroutines = {:.0} B per goroutine × {} per connection ({})",
            self.ms.stack_inuse,
            self.ms.goroutines,
            self.stack_per_goroutine,
            self.goroutines,
            self.goroutine_entries.join(", ")
        );
        let item = PartItem {
            what: "goroutine stacks".into(),
            place: None,
            code: None,
            via: None,
            object_bytes: Some(self.stack_per_goroutine),
            per_connection: self.goroutines,
            bytes_per_connection: b,
            basis,
        };
        Part {
            kind: PartKind::Stacks,
            bytes_per_connection: b,
            items: vec![item],
        }
    }

    fn overhead(&self) -> Part {
        let ms = &self.ms;
        let rho = residency(self.gogc);
        let residency = PartItem {
            what: "GC headroom and retained pages".into(),
            place: None,
            code: None,
            via: None,
            object_bytes: None,
            per_connection: rho,
            bytes_per_connection: self.residency_bytes(),
            basis: format!(
                "with GOGC={:.0} the heap goal is {:.1}× the live heap; a heap that grew with its connections is \
                 resident, on average, halfway to it: {:.2} bytes per live byte, applied to {:.0} B of \
                 per-connection heap (observed at this capture: (HeapSys {} − HeapReleased {}) ÷ HeapAlloc {} = \
                 {:.2})",
                self.gogc,
                1.0 + self.gogc / 100.0,
                rho,
                self.heap_bytes(),
                ms.heap_sys,
                ms.heap_released,
                ms.heap_alloc,
                ms.heap_residency
            ),
        };
        let metadata = PartItem {
            what: "GC metadata".into(),
            place: None,
            code: None,
            via: None,
            object_bytes: None,
            per_connection: self.metadata_fraction(),
            bytes_per_connection: self.metadata_bytes(),
            basis: format!(
                "heap bitmap 1/32 + span structures MemStats.MSpanInuse ÷ HeapInuse {:.4} = {:.4} of the resident heap",
                self.span_fraction,
                self.metadata_fraction()
            ),
        };
        let b = residency.bytes_per_connection + metadata.bytes_per_connection;
        Part {
            kind: PartKind::RuntimeOverhead,
            bytes_per_connection: b,
            items: vec![residency, metadata],
        }
    }

    /// The heap sampling behind the items.
    pub(crate) fn sampling(&self, rate: f64) -> Sampling {
        let samples: f64 = self.heap.iter().map(|i| i.samples).sum();
        let variance: f64 = self
            .heap
            .iter()
            .map(|i| (i.bytes_per_connection() / i.samples.max(1.0).sqrt()).powi(2))
            .sum();
        let heap = self.heap_bytes();
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "a positive rate"
        )]
        Sampling {
            rate: rate as u64,
            samples,
            relative_error_percent: if heap > 0.0 {
                100.0 * variance.sqrt() / heap
            } else {
                0.0
            },
        }
    }
}

fn heap_item(it: &HeapItem) -> PartItem {
    let estimate = it.objects;
    let basis = if it.function == "runtime.malg" {
        format!(
            "one runtime.g ({:.0} B) per goroutine, {} per connection",
            it.object_bytes, it.per_connection
        )
    } else if it.whole {
        format!(
            "inuse_space {:.0} B in {:.0} objects of {:.0} B here; over {} capture(s) (≈{:.0} samples) {:.2} per \
             connection, counted as {}",
            it.bytes,
            estimate,
            it.object_bytes,
            it.captures,
            it.samples,
            it.estimate,
            it.per_connection
        )
    } else if it.per_connection < 0.5 {
        format!(
            "inuse_space {:.0} B shared by all connections (a container that grows with them), spread evenly",
            it.bytes
        )
    } else {
        format!(
            "inuse_space {:.0} B in {:.0} objects of {:.0} B here; over {} capture(s) (≈{:.0} samples) {:.2} per \
             connection",
            it.bytes, estimate, it.object_bytes, it.captures, it.samples, it.per_connection
        )
    };
    PartItem {
        what: short(&it.function).to_string(),
        place: it.place.clone(),
        code: it.code.clone(),
        via: Some(short(&it.via).to_string()),
        object_bytes: Some(it.object_bytes),
        per_connection: it.per_connection,
        bytes_per_connection: it.bytes_per_connection(),
        basis,
    }
}
