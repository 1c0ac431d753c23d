//! The `# runtime.MemStats` block at the end of a heap `?debug=1` profile:
//! `# Name = value` lines, where a value is a number (`# Alloc = 123`), an
//! in-use / sys pair (`# Stack = 491520 / 491520`), a list (`# PauseNs = [1 2]`),
//! a float (`# GCCPUFraction = 0.03`) or a boolean (`# DebugGC = false`).

use std::borrow::Cow;
use std::collections::BTreeMap;

use crate::error::Result;

use super::text::{error, quote};

/// One `runtime.MemStats` value as the heap profile prints it.
#[derive(Debug, Clone, PartialEq)]
pub enum MemStatValue {
    /// An unsigned integer, e.g. `HeapInuse`.
    Int(u64),
    /// `in use / obtained from the OS`, e.g. `Stack = 491520 / 491520`.
    Pair(u64, u64),
    /// A list, e.g. `PauseNs` (a ring buffer of 256 entries).
    List(Vec<u64>),
    /// A float, e.g. `GCCPUFraction`.
    Float(f64),
    /// A boolean, e.g. `DebugGC`.
    Bool(bool),
}

impl MemStatValue {
    /// The value as a float, for `Int` and `Float`.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            MemStatValue::Int(v) => Some(*v as f64),
            MemStatValue::Float(v) => Some(*v),
            _ => None,
        }
    }
}

/// The `# runtime.MemStats` block of a heap profile, every field by its Go name.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MemStats {
    /// Every field, keyed by its name in `runtime.MemStats` (`HeapInuse`, …).
    pub fields: BTreeMap<String, MemStatValue>,
}

/// Typed accessors for integer fields, each with the Go field it reads.
macro_rules! int_fields {
    ($($name:ident => $key:literal,)*) => {
        $(
            #[doc = concat!("`runtime.MemStats.", $key, "`.")]
            pub fn $name(&self) -> Option<u64> {
                self.int($key)
            }
        )*
    };
}

/// Typed accessors for the halves of `in use / sys` pairs.
macro_rules! pair_fields {
    ($($name:ident => $key:literal . $half:tt ($go:literal),)*) => {
        $(
            #[doc = concat!("`runtime.MemStats.", $go, "` (from the `", $key, " = inuse / sys` line).")]
            pub fn $name(&self) -> Option<u64> {
                match self.fields.get($key) {
                    Some(MemStatValue::Pair(inuse, sys)) => Some([*inuse, *sys][$half]),
                    _ => None,
                }
            }
        )*
    };
}

impl MemStats {
    /// The field named `name` (its Go name, e.g. `HeapInuse`).
    pub fn get(&self, name: &str) -> Option<&MemStatValue> {
        self.fields.get(name)
    }

    fn int(&self, name: &str) -> Option<u64> {
        match self.fields.get(name) {
            Some(MemStatValue::Int(v)) => Some(*v),
            _ => None,
        }
    }

    int_fields! {
        alloc => "Alloc",
        total_alloc => "TotalAlloc",
        sys => "Sys",
        mallocs => "Mallocs",
        frees => "Frees",
        heap_alloc => "HeapAlloc",
        heap_sys => "HeapSys",
        heap_idle => "HeapIdle",
        heap_inuse => "HeapInuse",
        heap_released => "HeapReleased",
        heap_objects => "HeapObjects",
        buck_hash_sys => "BuckHashSys",
        gc_sys => "GCSys",
        other_sys => "OtherSys",
        next_gc => "NextGC",
        last_gc => "LastGC",
        num_gc => "NumGC",
        num_forced_gc => "NumForcedGC",
        max_rss => "MaxRSS",
    }

    pair_fields! {
        stack_inuse => "Stack".0 ("StackInuse"),
        stack_sys => "Stack".1 ("StackSys"),
        mspan_inuse => "MSpan".0 ("MSpanInuse"),
        mspan_sys => "MSpan".1 ("MSpanSys"),
        mcache_inuse => "MCache".0 ("MCacheInuse"),
        mcache_sys => "MCache".1 ("MCacheSys"),
    }

    /// `runtime.MemStats.GCCPUFraction`.
    pub fn gc_cpu_fraction(&self) -> Option<f64> {
        self.fields
            .get("GCCPUFraction")
            .and_then(MemStatValue::as_f64)
    }

    /// `runtime.MemStats.PauseNs`: the last 256 GC pause times, a ring buffer
    /// whose most recent entry is at `(NumGC+255)%256`.
    pub fn pause_ns(&self) -> Option<&[u64]> {
        match self.fields.get("PauseNs") {
            Some(MemStatValue::List(v)) => Some(v),
            _ => None,
        }
    }
}

/// Reads `# Name = value` lines up to the end of the payload.
pub(super) fn parse_memstats<'a>(
    lines: impl Iterator<Item = (usize, Cow<'a, str>)>,
) -> Result<MemStats> {
    let mut stats = MemStats::default();
    for (n, text) in lines {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            continue;
        }
        let entry = trimmed
            .strip_prefix('#')
            .and_then(|body| body.split_once('='));
        let Some((name, value)) = entry
            .map(|(k, v)| (k.trim(), v.trim()))
            .filter(|(k, _)| !k.is_empty())
        else {
            return Err(error(
                n,
                format!(
                    "runtime.MemStats: expected `# Name = value`, got {}",
                    quote(trimmed)
                ),
            ));
        };
        let Some(parsed) = parse_value(value) else {
            return Err(error(
                n,
                format!(
                    "runtime.MemStats field {name}: cannot read the value {}",
                    quote(value)
                ),
            ));
        };
        stats.fields.insert(name.to_string(), parsed);
    }
    Ok(stats)
}

fn parse_value(value: &str) -> Option<MemStatValue> {
    if let Some(list) = value.strip_prefix('[') {
        let items = list
            .strip_suffix(']')?
            .split_whitespace()
            .map(|v| v.parse().ok());
        return items.collect::<Option<Vec<u64>>>().map(MemStatValue::List);
    }
    if let Some((inuse, sys)) = value.split_once(" / ") {
        return Some(MemStatValue::Pair(
            inuse.trim().parse().ok()?,
            sys.trim().parse().ok()?,
        ));
    }
    match value {
        "true" => return Some(MemStatValue::Bool(true)),
        "false" => return Some(MemStatValue::Bool(false)),
        _ => {}
    }
    if let Ok(v) = value.parse() {
        return Some(MemStatValue::Int(v));
    }
    // Go's %v prints floats as 0.03, 1e-05, NaN or +Inf.
    let float = value.strip_prefix('+').unwrap_or(value);
    let numeric = float
        .bytes()
        .all(|b| b.is_ascii_digit() || b".-eE+".contains(&b))
        && float.contains(['.', 'e', 'E']);
    let looks_float = numeric || ["NaN", "Inf", "-Inf"].contains(&float);
    looks_float
        .then(|| float.parse().ok())
        .flatten()
        .map(MemStatValue::Float)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::legacy::text::lines;

    #[test]
    fn parses_every_kind_of_value() {
        let text = "# Alloc = 12\n# Stack = 1 / 2\n# PauseNs = [3 4 0]\n# GCCPUFraction = 1e-05\n# DebugGC = false\n\n# X = +Inf\n";
        let stats = parse_memstats(lines(text.as_bytes())).unwrap();
        assert_eq!(stats.alloc(), Some(12));
        assert_eq!((stats.stack_inuse(), stats.stack_sys()), (Some(1), Some(2)));
        assert_eq!(stats.pause_ns(), Some(&[3, 4, 0][..]));
        assert_eq!(stats.gc_cpu_fraction(), Some(1e-05));
        assert_eq!(stats.get("DebugGC"), Some(&MemStatValue::Bool(false)));
        assert_eq!(stats.get("X"), Some(&MemStatValue::Float(f64::INFINITY)));
        assert_eq!(stats.heap_inuse(), None);
    }

    #[test]
    fn bad_values_name_the_field_and_line() {
        let e = parse_memstats(lines(b"# Alloc = 1\n# HeapInuse = 12abc\n"))
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "malformed text profile, line 2: runtime.MemStats field HeapInuse: cannot read the value \"12abc\""
        );
        let e = parse_memstats(lines(b"# PauseNs = [1 2\n"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("field PauseNs"), "{e}");
        let e = parse_memstats(lines(b"# Alloc = 1\nnot a comment\n"))
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("malformed text profile, line 2: runtime.MemStats: expected"),
            "{e}"
        );
        let e = parse_memstats(lines(b"# Alloc = 99999999999999999999999\n"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("field Alloc"), "{e}");
    }
}
