//! Goroutine dumps (`/debug/pprof/goroutine?debug=2`, the text of
//! `runtime.Stack(buf, true)`): the parsed model and its conversion to a
//! `goroutine/count` [`Profile`].

use std::collections::{BTreeMap, HashMap};

use crate::decode::Limits;
use crate::error::Result;
use crate::model::{LocationIdx, Profile, Sample, ValueType};

use super::builder::Builder;

/// A whole goroutine dump, goroutines in the order they were printed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GoroutineDump {
    /// The goroutines.
    pub goroutines: Vec<Goroutine>,
}

/// One goroutine of a dump.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Goroutine {
    /// The goroutine id (`goroutine 18 [...]`).
    pub id: u64,
    /// What it is doing or waiting for: `running`, `chan receive`, `IO wait`,
    /// `select (no cases)`, … (without the `(leaked)` / `(scan)` markers).
    pub state: String,
    /// How long it has been blocked, in whole minutes (0 if under a minute).
    pub wait_minutes: u64,
    /// Whether it is locked to its OS thread (`runtime.LockOSThread`).
    pub locked_to_thread: bool,
    /// Whether Go's leak detector marked it `(leaked)` (Go 1.26+ `goroutineleak`).
    pub leaked: bool,
    /// pprof labels, printed with `GODEBUG=tracebacklabels=1` (Go 1.26+).
    pub labels: BTreeMap<String, String>,
    /// The stack, innermost frame first; runtime-internal frames are omitted by Go.
    pub frames: Vec<StackFrame>,
    /// The `go` statement that started it (absent for the main goroutine).
    pub created_by: Option<StackFrame>,
    /// The goroutine that ran that `go` statement (`created by … in goroutine 7`, Go 1.21+).
    pub creator_id: Option<u64>,
    /// Whether Go left frames out of a very deep stack (`...N frames elided...`).
    pub elided: bool,
}

/// One frame of a goroutine stack.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct StackFrame {
    /// The function, e.g. `github.com/x/y.(*T).M` or `main.main.func1`, without arguments.
    pub function: String,
    /// The source file (empty when Go printed no file line).
    pub file: String,
    /// The line number (0 when unknown).
    pub line: i64,
    /// Whether the compiler inlined this call into the next (outer) frame:
    /// Go prints such frames as `f(...)` with no `+0x…` pc offset.
    pub inlined: bool,
}

impl GoroutineDump {
    /// The dump as a `goroutine/count` profile: one sample per distinct stack
    /// (and label set), valued by how many goroutines share it, most first.
    ///
    /// Frames have no program counters, so each distinct physical frame (a
    /// frame with the calls inlined into it, as `(...)` frames mark them) gets
    /// one location, whose address is a stable hash of its positions.
    pub fn to_profile(&self) -> Profile {
        let unlimited = Limits {
            max_locations: u64::MAX,
            ..Limits::DEFAULT
        };
        // Without a cap on locations, building cannot fail.
        self.to_profile_limited(&unlimited).unwrap_or_default()
    }

    /// [`GoroutineDump::to_profile`], refusing more locations or functions than `limits` allow.
    pub(crate) fn to_profile_limited(&self, limits: &Limits) -> Result<Profile> {
        let mut builder = Builder::new(limits);
        let mut groups: Vec<(Vec<LocationIdx>, &BTreeMap<String, String>, i64)> = Vec::new();
        let mut index: HashMap<(Vec<LocationIdx>, &BTreeMap<String, String>), usize> =
            HashMap::new();
        for g in &self.goroutines {
            let stack: Vec<LocationIdx> = physical_frames(&g.frames)
                .map(|frames| builder.frame_location(frames))
                .collect::<Result<_>>()?;
            let key = (stack, &g.labels);
            if let Some(&i) = index.get(&key) {
                groups[i].2 += 1;
            } else {
                index.insert(key.clone(), groups.len());
                groups.push((key.0, key.1, 1));
            }
        }
        // Stable: equal counts keep the order of first appearance.
        groups.sort_by_key(|g| std::cmp::Reverse(g.2));
        for (locations, labels, count) in groups {
            let labels = labels
                .iter()
                .map(|(k, v)| (k.clone(), vec![v.clone()]))
                .collect();
            builder.sample(Sample {
                locations,
                values: vec![count],
                labels,
                ..Sample::default()
            });
        }
        let vt = ValueType {
            r#type: "goroutine".into(),
            unit: "count".into(),
        };
        Ok(builder.finish(Profile {
            sample_types: vec![vt.clone()],
            period_type: Some(vt),
            period: 1,
            ..Profile::default()
        }))
    }
}

/// The frames grouped by physical frame: calls inlined into a frame join it.
fn physical_frames(frames: &[StackFrame]) -> impl Iterator<Item = &[StackFrame]> {
    let mut rest = frames;
    std::iter::from_fn(move || {
        let end = rest
            .iter()
            .position(|f| !f.inlined)
            .map_or(rest.len(), |i| i + 1);
        let (group, tail) = rest.split_at(end);
        rest = tail;
        (!group.is_empty()).then_some(group)
    })
}

#[cfg(test)]
mod tests;
