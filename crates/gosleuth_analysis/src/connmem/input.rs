//! What one capture is made of, and reading `/varz`-style JSON.

use gosleuth_go::SourceRoots;
use gosleuth_pprof::{MemStats, Profile};

use crate::error::{Error, Result};
use crate::goroutines::DumpData;

/// One capture of a server at one connection count.
#[derive(Debug, Clone)]
pub struct CaptureInput {
    /// Its name, e.g. the heap file's stem.
    pub name: String,
    /// An `inuse_space` heap profile (protobuf or `?debug=1`).
    pub heap: Profile,
    /// A goroutine profile or dump, any format.
    pub goroutines: DumpData,
    /// The `# runtime.MemStats` block of a heap `?debug=1` profile.
    pub memstats: MemStats,
    /// Connections held when captured.
    pub connections: u64,
    /// Process memory (RSS) when captured, when known.
    pub mem: Option<u64>,
}

/// Options of [`connmem`](super::connmem).
#[derive(Debug, Clone, Default)]
pub struct ConnmemOptions {
    /// Source roots, to classify allocations by their statement.
    pub roots: SourceRoots,
    /// What-if scenarios, e.g. `buffer=2KB`, `goroutines=1`, `stack=4KB`, `remove=addClient`.
    pub what_ifs: Vec<String>,
    /// The server's GOGC (default 100).
    pub gogc: Option<u32>,
}

impl ConnmemOptions {
    /// GOGC as the model uses it.
    pub(crate) fn gogc(&self) -> f64 {
        f64::from(self.gogc.unwrap_or(100))
    }
}

/// The figures of a `/varz`-style JSON document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Varz {
    /// `connections`.
    pub connections: u64,
    /// `mem` (resident set size, bytes), when present.
    pub mem: Option<u64>,
}

/// Reads `connections` and `mem` from a `/varz`-style JSON object.
///
/// # Errors
/// When the text is not a JSON object with a numeric `connections`.
pub fn parse_varz(text: &[u8]) -> Result<Varz> {
    let v: serde_json::Value =
        serde_json::from_slice(text).map_err(|e| Error::Invalid(format!("not JSON: {e}")))?;
    let connections = v
        .get("connections")
        .and_then(serde_json::Value::as_u64)
        .ok_or_else(|| Error::Invalid("no numeric `connections` field".into()))?;
    let mem = v.get("mem").and_then(serde_json::Value::as_u64);
    Ok(Varz { connections, mem })
}

/// Parses a size: `2048`, `2KB`, `2 KiB`, `8k`, `1MB` (binary multiples).
pub(crate) fn parse_size(s: &str) -> Option<f64> {
    let t = s.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let n: f64 = num.parse().ok()?;
    let mult = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1.0,
        "k" | "kb" | "kib" => 1024.0,
        "m" | "mb" | "mib" => 1_048_576.0,
        _ => return None,
    };
    Some(n * mult)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varz_and_sizes() {
        let v = parse_varz(br#"{"connections": 1000, "mem": 41549824, "cores": 2}"#).unwrap();
        assert_eq!(
            v,
            Varz {
                connections: 1000,
                mem: Some(41_549_824)
            }
        );
        assert!(parse_varz(br#"{"mem": 1}"#).is_err());
        assert_eq!(parse_size("2KB"), Some(2048.0));
        assert_eq!(parse_size("512"), Some(512.0));
        assert_eq!(parse_size("1.5 MiB"), Some(1_572_864.0));
        assert_eq!(parse_size("2 parsecs"), None);
    }
}
