//! Count profiles in the `?debug=1` text form, chiefly goroutine profiles:
//!
//! ```text
//! goroutine profile: total 42
//! 7 @ 0x43a2b6 0x4081b1 0x46ce01
//! # labels: {"handler":"/api"}
//! #    0x4081b0    main.worker+0x30    /src/main.go:12
//! ```
//!
//! Any `<name> profile: total <n>` header is accepted (`threadcreate`,
//! `goroutineleak`), as pprof's `parseGoCount` does; the sample type is
//! `<name>/count`.

use std::collections::BTreeMap;

use crate::decode::Limits;
use crate::error::Result;
use crate::model::{Profile, Sample, ValueType};

use super::builder::Builder;
use super::caps::Caps;
use super::frame::{FrameLine, parse_frame_line, record_stack};
use super::inline::group_inlined;
use super::labels::parse_label_set;
use super::text::{dec_i64, dec_u64, error, first_content, hex_u64, lines, quote};

const LABELS: &str = "# labels:";

/// Parses a count profile such as goroutine `?debug=1`.
pub fn parse_count_text(payload: &[u8]) -> Result<Profile> {
    parse_count(payload, &Limits::DEFAULT)
}

/// [`parse_count_text`] under `limits`.
pub(super) fn parse_count(payload: &[u8], limits: &Limits) -> Result<Profile> {
    let (first, _) = first_content(payload);
    let mut all = lines(payload).skip(first - 1);
    let name = match all.next() {
        Some((n, text)) => parse_header(&text, n)?,
        None => {
            return Err(error(
                first,
                "expected a `<name> profile: total <n>` header",
            ));
        }
    };
    let mut builder = Builder::new(limits);
    let mut caps = Caps::new(limits);
    let mut record: Option<Record> = None;
    for (n, text) in all {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            continue;
        }
        // pprof stops at a `---` section (a memory map); Go writes none.
        if trimmed.starts_with("---") {
            break;
        }
        if trimmed.starts_with('#') {
            let Some(r) = record.as_mut() else {
                // A comment before the first record is harmless; a frame is not.
                if parse_frame_line(trimmed, n)?.is_some() {
                    return Err(error(n, "frame line before the first record"));
                }
                continue;
            };
            let before = r.frames.len();
            r.comment(trimmed, n)?;
            caps.frames(r.frames.len() - before, r.frames.len())?;
            continue;
        }
        caps.sample()?;
        let next = parse_record(trimmed, n)?;
        caps.frames(next.addrs.len(), next.addrs.len())?;
        if let Some(done) = record.replace(next) {
            done.add_to(&mut builder)?;
        }
    }
    if let Some(done) = record {
        done.add_to(&mut builder)?;
    }
    let vt = ValueType {
        r#type: name,
        unit: "count".into(),
    };
    Ok(builder.finish(Profile {
        sample_types: vec![vt.clone()],
        period_type: Some(vt),
        period: 1,
        ..Profile::default()
    }))
}

/// `<name> profile: total <n>` → `<name>`.
fn parse_header(text: &str, n: usize) -> Result<String> {
    let shape = || {
        error(
            n,
            format!("expected `<name> profile: total <n>`, got {}", quote(text)),
        )
    };
    let (name, total) = text
        .trim()
        .split_once(" profile: total ")
        .ok_or_else(shape)?;
    if name.is_empty() || name.contains(char::is_whitespace) {
        return Err(shape());
    }
    dec_u64(total, "profile total", n)?;
    Ok(name.to_string())
}

/// A record line with what followed it so far.
struct Record {
    count: i64,
    addrs: Vec<u64>,
    labels: BTreeMap<String, Vec<String>>,
    frames: Vec<FrameLine>,
}

impl Record {
    fn comment(&mut self, text: &str, n: usize) -> Result<()> {
        if let Some(set) = text.strip_prefix(LABELS) {
            let labels = parse_label_set(set).map_err(|m| error(n, m))?;
            self.labels = labels.into_iter().map(|(k, v)| (k, vec![v])).collect();
        } else if let Some(frame) = parse_frame_line(text, n)? {
            self.frames.push(frame);
        }
        Ok(())
    }

    fn add_to(self, builder: &mut Builder) -> Result<()> {
        let stack = group_inlined(record_stack(&self.addrs, self.frames)?);
        let locations = stack
            .iter()
            .map(|(addr, symbols)| builder.address_location(*addr, symbols))
            .collect::<Result<_>>()?;
        builder.sample(Sample {
            locations,
            values: vec![self.count],
            labels: self.labels,
            ..Sample::default()
        });
        Ok(())
    }
}

/// `<count> @ 0x… 0x…`.
fn parse_record(text: &str, n: usize) -> Result<Record> {
    let Some((count, addrs)) = text.split_once(" @") else {
        return Err(error(
            n,
            format!(
                "expected a record `<count> @ <addresses>`, got {}",
                quote(text)
            ),
        ));
    };
    let count = dec_i64(count.trim(), "record count", n)?;
    let addrs = addrs
        .split_whitespace()
        .map(|a| hex_u64(a, "record address", n))
        .collect::<Result<_>>()?;
    Ok(Record {
        count,
        addrs,
        labels: BTreeMap::new(),
        frames: Vec::new(),
    })
}

#[cfg(test)]
mod tests;
