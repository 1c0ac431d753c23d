//! What-if scenarios: the same model with one thing changed.

use super::budget::Budget;
use super::input::parse_size;
use super::model::{PartKind, WhatIfResult};
use crate::error::{Error, Result};

/// One change to the model.
#[derive(Debug, Clone, PartialEq)]
enum Change {
    /// Every per-connection buffer capped at this many bytes.
    Buffer(f64),
    /// Goroutines per connection.
    Goroutines(f64),
    /// Stack bytes per goroutine.
    Stack(f64),
    /// Heap items whose function or statement contains this text removed.
    Remove(String),
    /// The server's GOGC.
    Gogc(f64),
}

/// Applies a scenario such as `buffer=2KB` or `goroutines=1,stack=4KB`.
///
/// # Errors
/// When the scenario is not understood.
pub(crate) fn what_if(spec: &str, base: &Budget) -> Result<WhatIfResult> {
    let changes = parse(spec)?;
    let mut b = base.clone();
    let mut words = Vec::new();
    for c in &changes {
        match c {
            Change::Buffer(size) => {
                for it in b
                    .heap
                    .iter_mut()
                    .filter(|i| i.kind == PartKind::Buffers && i.object_bytes > *size)
                {
                    it.object_bytes = *size;
                }
                words.push(format!("per-connection buffers capped at {size:.0} B"));
            }
            Change::Goroutines(n) => {
                b.goroutines = *n;
                for it in b.heap.iter_mut().filter(|i| i.function == "runtime.malg") {
                    it.per_connection = *n;
                }
                words.push(format!("goroutines per connection: {n}"));
            }
            Change::Stack(size) => {
                b.stack_per_goroutine = *size;
                words.push(format!("{size:.0} B of stack per goroutine"));
            }
            Change::Gogc(g) => {
                b.gogc = *g;
                words.push(format!("GOGC={g:.0}"));
            }
            Change::Remove(text) => {
                b.heap.retain(|i| {
                    !i.function.contains(text.as_str())
                        && !i.code.as_deref().is_some_and(|c| c.contains(text.as_str()))
                });
                words.push(format!("allocations matching `{text}` removed"));
            }
        }
    }
    let total = b.total();
    let saving = base.total() - total;
    Ok(WhatIfResult {
        spec: spec.to_string(),
        description: words.join("; "),
        per_connection_bytes: total,
        saving_per_connection_bytes: saving,
        saving_at_1m_bytes: saving * 1e6,
    })
}

fn parse(spec: &str) -> Result<Vec<Change>> {
    let bad = |why: &str| Error::Invalid(format!("what-if `{spec}`: {why}"));
    let mut out = Vec::new();
    for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (key, value) = part
            .split_once('=')
            .ok_or_else(|| bad("expected KEY=VALUE"))?;
        let size = || parse_size(value).ok_or_else(|| bad("expected a size such as 2KB"));
        out.push(match key.trim() {
            "buffer" | "buffers" => Change::Buffer(size()?),
            "stack" => Change::Stack(size()?),
            "goroutines" => Change::Goroutines(
                value
                    .trim()
                    .parse()
                    .map_err(|_| bad("expected a number of goroutines"))?,
            ),
            "gogc" => Change::Gogc(
                value
                    .trim()
                    .parse()
                    .map_err(|_| bad("expected a GOGC percentage"))?,
            ),
            "remove" if !value.trim().is_empty() => Change::Remove(value.trim().to_string()),
            _ => {
                return Err(bad(
                    "keys are buffer=SIZE, goroutines=N, stack=SIZE, gogc=N, remove=TEXT",
                ));
            }
        });
    }
    if out.is_empty() {
        return Err(bad("nothing to change"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs() {
        assert_eq!(parse("buffer=2KB").unwrap(), [Change::Buffer(2048.0)]);
        assert_eq!(
            parse("goroutines=1, stack=4KB").unwrap(),
            [Change::Goroutines(1.0), Change::Stack(4096.0)]
        );
        assert!(parse("buffer").is_err());
        assert!(parse("colour=red").is_err());
        assert!(parse("").is_err());
    }
}
