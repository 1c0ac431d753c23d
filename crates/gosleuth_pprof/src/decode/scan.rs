//! A pass over the protobuf wire form before it is decoded: counts what the
//! decoder would allocate (samples, locations, functions, strings, stack
//! frames) and refuses a profile over the [`Limits`], so that a hostile
//! profile — a sample costs four bytes on the wire and a few hundred once
//! decoded — is turned away before it costs memory.
//!
//! Malformed wire data only stops the count: the decoder then fails at the
//! same place and says what is wrong, so the caps apply to everything it
//! would have allocated.

use super::limits::{Limits, check};
use crate::error::Result;

/// One field of a message on the wire.
enum Value<'a> {
    Number,
    Bytes(&'a [u8]),
    /// A group's start or end tag: no payload; what lies between is read as
    /// more fields (over-counting is safe).
    Group,
}

/// The fields of one message, stopping at the first malformed one.
struct Fields<'a>(&'a [u8]);

impl<'a> Fields<'a> {
    fn varint(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for (i, &b) in self.0.iter().enumerate().take(10) {
            v |= u64::from(b & 0x7f) << (7 * i);
            if b < 0x80 {
                self.0 = &self.0[i + 1..];
                return Some(v);
            }
        }
        None
    }

    fn skip(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, rest) = (self.0.get(..n)?, self.0.get(n..)?);
        self.0 = rest;
        Some(head)
    }
}

impl<'a> Iterator for Fields<'a> {
    type Item = (u64, Value<'a>);

    fn next(&mut self) -> Option<Self::Item> {
        let key = self.varint()?;
        let value = match key & 7 {
            0 => self.varint().map(|_| Value::Number)?,
            1 => self.skip(8).map(|_| Value::Number)?,
            5 => self.skip(4).map(|_| Value::Number)?,
            2 => {
                let len = usize::try_from(self.varint()?).ok()?;
                Value::Bytes(self.skip(len)?)
            }
            3 | 4 => Value::Group,
            _ => return None,
        };
        Some((key >> 3, value))
    }
}

/// How many numbers a repeated scalar field holds: one unpacked, or one per
/// varint of a packed run (each varint ends with a byte below 0x80).
fn numbers(value: &Value<'_>) -> u64 {
    match value {
        Value::Number => 1,
        Value::Bytes(b) => b.iter().filter(|&&x| x < 0x80).count() as u64,
        Value::Group => 0,
    }
}

#[derive(Default)]
struct Counts {
    samples: u64,
    locations: u64,
    functions: u64,
    mappings: u64,
    strings: u64,
    /// Stack frames of all samples.
    frames: u64,
    /// Other repeated records: values, labels, lines, comments, sample types.
    entries: u64,
}

/// Refuses a `profile.proto` payload holding more than `limits` allow.
pub(super) fn check_counts(payload: &[u8], limits: &Limits) -> Result<()> {
    // Every record, number and frame counted below takes at least one byte of
    // its own on the wire, so no count can exceed the payload's length: a
    // payload no longer than the smallest cap (1 MiB by default, larger than
    // real profiles) can only break the per-stack cap, which is checked alone.
    if payload.len() as u64 <= smallest_count_cap(limits) {
        return check_deep_stacks(payload, limits);
    }
    let mut c = Counts::default();
    for (field, value) in Fields(payload) {
        match (field, &value) {
            (1, _) => c.entries += 1,
            (2, Value::Bytes(b)) => {
                c.samples += 1;
                limits.check_samples(c.samples)?;
                sample(b, &mut c, limits)?;
            }
            (3, _) => {
                c.mappings += 1;
                limits.check_locations(c.mappings, "the number of mappings")?;
            }
            (4, Value::Bytes(b)) => {
                c.locations += 1;
                limits.check_locations(c.locations, "the number of locations")?;
                c.entries += Fields(b).filter(|(f, _)| *f == 4).count() as u64;
            }
            (5, _) => {
                c.functions += 1;
                limits.check_locations(c.functions, "the number of functions")?;
            }
            (6, _) => {
                c.strings += 1;
                check(
                    c.strings,
                    limits.max_strings(),
                    "the number of strings",
                    "max-locations",
                )?;
            }
            (13, v) => c.entries += numbers(v),
            _ => {}
        }
        check(
            c.entries,
            limits.max_frames(),
            "the number of values, labels and lines",
            "max-samples",
        )?;
    }
    Ok(())
}

fn smallest_count_cap(limits: &Limits) -> u64 {
    limits
        .max_samples
        .min(limits.max_locations)
        .min(limits.max_strings())
        .min(limits.max_frames())
}

/// The per-stack cap alone: only samples longer on the wire than the cap can
/// break it.
fn check_deep_stacks(payload: &[u8], limits: &Limits) -> Result<()> {
    for (field, value) in Fields(payload) {
        if let (2, Value::Bytes(b)) = (field, value)
            && b.len() as u64 > limits.max_stack_depth
        {
            let depth = Fields(b)
                .filter(|(f, _)| *f == 1)
                .map(|(_, v)| numbers(&v))
                .sum();
            limits.check_depth(depth)?;
        }
    }
    Ok(())
}

fn sample(b: &[u8], c: &mut Counts, limits: &Limits) -> Result<()> {
    let mut depth = 0;
    for (field, value) in Fields(b) {
        match field {
            1 => depth += numbers(&value),
            2 => c.entries += numbers(&value),
            3 => c.entries += 1,
            _ => {}
        }
    }
    limits.check_depth(depth)?;
    c.frames += depth;
    limits.check_frames(c.frames)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits() -> Limits {
        Limits {
            max_samples: 2,
            max_locations: 2,
            max_stack_depth: 3,
            ..Limits::DEFAULT
        }
    }

    fn err(payload: &[u8]) -> String {
        check_counts(payload, &limits()).unwrap_err().to_string()
    }

    #[test]
    fn counts_records_and_frames() {
        // Two samples of depth 3 (one packed, one not), two locations.
        let ok = [
            0x12, 0x05, 0x0a, 0x03, 0x01, 0x02, 0x03, // sample: packed ids 1 2 3
            0x12, 0x06, 0x08, 0x01, 0x08, 0x02, 0x08, 0x03, // sample: ids 1, 2, 3
            0x22, 0x00, 0x22, 0x00, // two locations
        ];
        check_counts(&ok, &limits()).unwrap();
        let mut three = ok.to_vec();
        three.extend([0x12, 0x00]);
        assert_eq!(
            err(&three),
            "the number of samples exceeds the limit of 2 (raise it with --max-samples)"
        );
        let deep = [0x12, 0x06, 0x0a, 0x04, 0x01, 0x02, 0x03, 0x04];
        assert_eq!(
            err(&deep),
            "the depth of a stack exceeds the limit of 3 (raise it with --max-stack-depth)"
        );
        assert!(err(&[0x22, 0x00, 0x22, 0x00, 0x22, 0x00]).contains("locations"));
        assert!(err(&[0x2a, 0x00, 0x2a, 0x00, 0x2a, 0x00]).contains("functions"));
    }

    #[test]
    fn a_payload_within_every_count_cap_is_still_checked_for_deep_stacks() {
        let limits = Limits {
            max_stack_depth: 3,
            ..Limits::DEFAULT
        };
        let deep = [0x12, 0x06, 0x0a, 0x04, 0x01, 0x02, 0x03, 0x04];
        assert!((deep.len() as u64) < smallest_count_cap(&limits));
        let e = check_counts(&deep, &limits).unwrap_err().to_string();
        assert!(e.contains("depth of a stack"), "{e}");
        let unpacked = [0x12, 0x08, 0x08, 0x01, 0x08, 0x02, 0x08, 0x03, 0x08, 0x04];
        assert!(check_counts(&unpacked, &limits).is_err());
        let shallow = [0x12, 0x05, 0x0a, 0x03, 0x01, 0x02, 0x03];
        check_counts(&shallow, &limits).unwrap();
    }

    #[test]
    fn malformed_wire_data_stops_the_count() {
        // A length past the end, a bad wire type, a truncated varint.
        for bad in [&[0x12, 0x7f, 0x00][..], &[0x0f], &[0x12, 0x00, 0x88]] {
            check_counts(bad, &limits()).unwrap();
        }
    }
}
