//! Objects per connection, estimated from all captures together: the same
//! server at different connection counts holds the same objects per
//! connection, and pooling the captures pools their heap samples.

use super::heap::{ConnHeap, HeapItem};

/// Sets each capture's items' objects per connection. Items held per
/// connection (at least half an object each, over all captures) appear in
/// every capture's model; shared containers stay per capture (their size
/// depends on the count). `goroutines[i]` is capture `i`'s goroutines per
/// connection, which is what `runtime.malg` (a `runtime.g` per goroutine) counts.
pub(crate) fn estimate(heaps: &mut [ConnHeap], conns: &[u64], goroutines: &[u64]) {
    #[expect(
        clippy::cast_precision_loss,
        reason = "connection counts are far below 2^52"
    )]
    let all = conns.iter().sum::<u64>().max(1) as f64;
    // (objects, samples, the item as first seen), in first-seen order.
    let mut pooled: Vec<(f64, f64, HeapItem)> = Vec::new();
    for h in heaps.iter() {
        for it in &h.items {
            match pooled.iter_mut().find(|(_, _, p)| same(p, it)) {
                Some(e) => {
                    e.0 += it.objects;
                    e.1 += it.samples;
                }
                None => pooled.push((it.objects, it.samples, blank(it))),
            }
        }
    }
    for (i, h) in heaps.iter_mut().enumerate() {
        #[expect(
            clippy::cast_precision_loss,
            reason = "connection counts are far below 2^52"
        )]
        let own = conns[i].max(1) as f64;
        let mut items = Vec::new();
        for (objects, samples, template) in &pooled {
            let mine = h.items.iter().find(|it| same(template, it));
            let k = objects / all;
            let mut it = mine.cloned().unwrap_or_else(|| template.clone());
            if it.function == "runtime.malg" {
                #[expect(clippy::cast_precision_loss, reason = "a small count")]
                let g = goroutines[i] as f64;
                (it.estimate, it.per_connection, it.whole) = (g, g, true);
            } else if k >= 0.5 {
                let (per_conn, whole) = objects_per_connection(k, *samples);
                (it.estimate, it.per_connection, it.whole, it.samples) =
                    (k, per_conn, whole, *samples);
                it.captures = conns.len();
                it.object_bytes = template.object_bytes;
            } else if mine.is_some() {
                it.estimate = it.objects / own;
                it.per_connection = it.estimate;
            }
            if it.per_connection > 0.0 {
                items.push(it);
            }
        }
        items.sort_by(|a, b| {
            b.bytes_per_connection()
                .total_cmp(&a.bytes_per_connection())
                .then(a.function.cmp(&b.function))
        });
        h.items = items;
    }
}

/// Whether two items are the same allocation: same line, and object sizes
/// within 3% (a profile's average sizes come from scaled, rounded figures).
fn same(a: &HeapItem, b: &HeapItem) -> bool {
    a.line == b.line
        && a.function == b.function
        && a.file == b.file
        && (a.object_bytes - b.object_bytes).abs() <= 0.03 * a.object_bytes.max(b.object_bytes)
}

/// An item as another capture would have it had it not been sampled there.
fn blank(it: &HeapItem) -> HeapItem {
    HeapItem {
        objects: 0.0,
        bytes: 0.0,
        samples: 0.0,
        ..it.clone()
    }
}

/// Objects per connection from the profile's estimate `k` and the samples
/// behind it: a per-connection object (k ≥ ½) whose estimate is within two
/// standard errors of a whole number counts as that whole number, since one
/// connection cannot hold a fraction of an object; fewer than half an object
/// per connection is a shared container, spread evenly.
pub(crate) fn objects_per_connection(k: f64, samples: f64) -> (f64, bool) {
    if k < 0.5 {
        return (k, false);
    }
    let whole = k.round();
    let error = 2.0 * k / samples.max(1.0).sqrt();
    if (k - whole).abs() <= error {
        (whole, true)
    } else {
        (k, false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_objects_only_within_the_sampling_error() {
        // 53 samples of a 6.4 kB object at 4,000 connections: 1.07 per connection.
        assert_eq!(objects_per_connection(1.07, 53.0), (1.0, true));
        // An exact profile (many samples) keeps a real fraction.
        assert_eq!(objects_per_connection(1.3, 100_000.0), (1.3, false));
        assert_eq!(objects_per_connection(0.01, 1.0), (0.01, false));
    }
}
