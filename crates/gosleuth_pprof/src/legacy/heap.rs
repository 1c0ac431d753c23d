//! Heap profiles in the `?debug=1` text form:
//!
//! ```text
//! heap profile: 10: 1465216 [1471: 95601104] @ heap/1048576
//! 4: 262144 [727: 47644672] @ 0x795185 0x79d8e5 0x46ce01
//! #    0x795184    github.com/x/y.(*T).m+0x5a4    github.com/x/y/t.go:2052
//! ...
//! # runtime.MemStats
//! # Alloc = 2861296
//! ```
//!
//! (Fields of the `#` frame lines are separated by runs of tabs: Go aligns
//! them with a tabwriter.)
//!
//! Values are unsampled exactly as pprof's `parseHeap` / `scaleHeapSample` do,
//! so totals equal `go tool pprof`'s on the same file. See:
//! <https://github.com/google/pprof/blob/main/profile/legacy_profile.go>

use std::collections::BTreeMap;

use crate::decode::Limits;
use crate::error::Result;
use crate::model::{Profile, Sample, ValueType};

use super::builder::Builder;
use super::caps::Caps;
use super::frame::{FrameLine, parse_frame_line, record_stack};
use super::inline::group_inlined;
use super::memstats::{MemStats, parse_memstats};
use super::text::{dec_i64, error, first_content, hex_u64, lines, quote};

const HEADER: &str = "heap profile:";
const MEMSTATS: &str = "# runtime.MemStats";
/// Sections pprof stops at (a C++ heapz memory map); we ignore what follows.
const MEMORY_MAP: [&str; 2] = ["--- Memory map: ---", "MAPPED_LIBRARIES:"];

/// What the header says about sampling.
struct Header {
    /// The runtime's `MemProfileRate` (the header shows twice that for `heap/`).
    period: i64,
    /// Whether samples are unsampled with the Poisson model (`heap`, `heap_v2`).
    poisson: bool,
    /// Whether alloc columns differ from inuse ones (always, for Go's runtime).
    has_alloc: bool,
}

/// Parses a heap `?debug=1` profile and its `# runtime.MemStats` block, if any.
pub fn parse_heap_text(payload: &[u8]) -> Result<(Profile, Option<MemStats>)> {
    parse_heap(payload, &Limits::DEFAULT)
}

/// [`parse_heap_text`] under `limits`.
pub(super) fn parse_heap(payload: &[u8], limits: &Limits) -> Result<(Profile, Option<MemStats>)> {
    let (first, _) = first_content(payload);
    let mut all = lines(payload).skip(first - 1);
    let header = match all.next() {
        Some((n, text)) => parse_header(&text, n)?,
        None => return Err(error(first, "expected a `heap profile:` header")),
    };
    let mut builder = Builder::new(limits);
    let mut caps = Caps::new(limits);
    let mut record: Option<Record> = None;
    let mut memstats = None;
    while let Some((n, text)) = all.next() {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            continue;
        }
        if trimmed == MEMSTATS {
            memstats = Some(parse_memstats(&mut all)?);
            break;
        }
        if MEMORY_MAP.iter().any(|m| trimmed.contains(m)) {
            break;
        }
        if trimmed.starts_with('#') {
            if let Some(frame) = parse_frame_line(trimmed, n)? {
                let Some(r) = record.as_mut() else {
                    return Err(error(n, "frame line before the first record"));
                };
                r.frames.push(frame);
                caps.frames(1, r.frames.len())?;
            }
            continue;
        }
        caps.sample()?;
        let next = parse_record(trimmed, n, &header)?;
        caps.frames(next.addrs.len(), next.addrs.len())?;
        if let Some(done) = record.replace(next) {
            done.add_to(&mut builder)?;
        }
    }
    if let Some(done) = record {
        done.add_to(&mut builder)?;
    }
    Ok((builder.finish(profile_header(&header)), memstats))
}

fn profile_header(header: &Header) -> Profile {
    let vt = |t: &str, u: &str| ValueType {
        r#type: t.into(),
        unit: u.into(),
    };
    let sample_types = if header.has_alloc {
        // Alloc before inuse, as pprof orders them, so the default is inuse_space.
        vec![
            vt("alloc_objects", "count"),
            vt("alloc_space", "bytes"),
            vt("inuse_objects", "count"),
            vt("inuse_space", "bytes"),
        ]
    } else {
        vec![vt("objects", "count"), vt("space", "bytes")]
    };
    Profile {
        sample_types,
        period_type: Some(vt("space", "bytes")),
        period: header.period,
        ..Profile::default()
    }
}

/// `heap profile: <inuse objs>: <inuse bytes> [<alloc objs>: <alloc bytes>] @ <kind>[/<rate>]`
fn parse_header(text: &str, n: usize) -> Result<Header> {
    let Some(body) = text.trim().strip_prefix(HEADER) else {
        return Err(error(
            n,
            format!("expected a `heap profile:` header, got {}", quote(text)),
        ));
    };
    let (columns, kind) = columns(body, n, "heap profile header")?;
    let (kind, rate) = kind.split_once('/').unwrap_or((kind, ""));
    let rate = if rate.is_empty() {
        0
    } else {
        dec_i64(rate, "heap profile sampling rate", n)?
    };
    // pprof compares the header's digits, not their values.
    let has_alloc = (columns[2] != columns[0] && columns[2] != "0")
        || (columns[3] != columns[1] && columns[3] != "0");
    let (period, poisson) = match kind {
        // Go writes 2*MemProfileRate after `heap/`, for the old C++ heap profiler.
        "heap" => (rate / 2, true),
        "heap_v2" | "heapz_v2" => (rate, true),
        "heapprofile" => (1, false),
        _ => {
            return Err(error(
                n,
                format!(
                    "unknown heap profile kind {} (expected heap/<rate>)",
                    quote(kind)
                ),
            ));
        }
    };
    for (value, what) in columns.iter().zip([
        "inuse objects",
        "inuse bytes",
        "alloc objects",
        "alloc bytes",
    ]) {
        dec_i64(value, &format!("heap profile header {what}"), n)?;
    }
    Ok(Header {
        period,
        poisson,
        has_alloc,
    })
}

/// Splits `<a>: <b> [<c>: <d>] @ <rest>` into its four columns and the rest.
fn columns<'a>(text: &'a str, n: usize, what: &str) -> Result<([&'a str; 4], &'a str)> {
    let shape = || {
        error(
            n,
            format!(
                "{what}: expected `<objects>: <bytes> [<objects>: <bytes>] @ …`, got {}",
                quote(text)
            ),
        )
    };
    let (values, rest) = text.split_once('@').ok_or_else(shape)?;
    let (inuse, alloc) = values.split_once('[').ok_or_else(shape)?;
    let alloc = alloc.trim_end().strip_suffix(']').ok_or_else(shape)?;
    let pair = |s: &'a str| s.split_once(':').map(|(a, b)| (a.trim(), b.trim()));
    let ((a, b), (c, d)) = pair(inuse).zip(pair(alloc)).ok_or_else(shape)?;
    Ok(([a, b, c, d], rest.trim()))
}

/// A record line with the frame lines seen so far.
struct Record {
    values: Vec<i64>,
    block_size: i64,
    addrs: Vec<u64>,
    frames: Vec<FrameLine>,
}

impl Record {
    fn add_to(self, builder: &mut Builder) -> Result<()> {
        let stack = group_inlined(record_stack(&self.addrs, self.frames)?);
        let locations = stack
            .iter()
            .map(|(addr, symbols)| builder.address_location(*addr, symbols))
            .collect::<Result<_>>()?;
        let num_labels = BTreeMap::from([("bytes".to_string(), vec![self.block_size])]);
        builder.sample(Sample {
            locations,
            values: self.values,
            num_labels,
            ..Sample::default()
        });
        Ok(())
    }
}

/// `<inuse objs>: <inuse bytes> [<alloc objs>: <alloc bytes>] @ 0x… 0x…`, as
/// pprof's `parseHeapSample` reads it.
fn parse_record(text: &str, n: usize, header: &Header) -> Result<Record> {
    let (columns, addrs) = columns(text, n, "heap record")?;
    let num = |i: usize, what: &str| dec_i64(columns[i], &format!("heap record {what}"), n);
    let inuse = (num(0, "inuse objects")?, num(1, "inuse bytes")?);
    let alloc = (num(2, "alloc objects")?, num(3, "alloc bytes")?);
    let mut values = Vec::with_capacity(4);
    let mut block_size = 0;
    let pairs = if header.has_alloc {
        vec![(alloc, "alloc"), (inuse, "inuse")]
    } else {
        vec![(inuse, "inuse")]
    };
    for ((count, size), what) in pairs {
        if count == 0 && size != 0 {
            return Err(error(
                n,
                format!("heap record: {what} objects are 0 but {what} bytes are {size}"),
            ));
        }
        let (mut count, mut size) = (count, size);
        if count != 0 {
            block_size = size.wrapping_div(count);
            if header.poisson {
                (count, size) = scale_heap_sample(count, size, header.period);
            }
        }
        values.extend([count, size]);
    }
    let addrs = addrs
        .split_whitespace()
        .map(|a| hex_u64(a, "heap record address", n))
        .collect::<Result<_>>()?;
    Ok(Record {
        values,
        block_size,
        addrs,
        frames: Vec::new(),
    })
}

/// pprof's `scaleHeapSample`: divides by the probability 1-exp(-size/rate)
/// that an allocation of the average size was sampled.
fn scale_heap_sample(count: i64, size: i64, rate: i64) -> (i64, i64) {
    if count == 0 || size == 0 {
        return (0, 0);
    }
    if rate <= 1 {
        return (count, size);
    }
    let avg = size as f64 / count as f64;
    let scale = 1.0 / (1.0 - (-avg / rate as f64).exp());
    ((count as f64 * scale) as i64, (size as f64 * scale) as i64)
}

#[cfg(test)]
mod tests;
