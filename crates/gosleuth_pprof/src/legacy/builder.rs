//! Interns functions and locations while a text profile is read, so that ids
//! follow first appearance (as pprof's `remapLocationIDs` numbers them) and
//! equal frames share one entry.

use std::collections::HashMap;

use crate::decode::Limits;
use crate::error::Result;
use crate::model::{Function, FunctionIdx, Line, Location, LocationIdx, Profile, Sample};

use super::dump::StackFrame;
use super::frame::Symbol;

/// Functions and locations of a profile under construction.
pub(super) struct Builder {
    limits: Limits,
    functions: Vec<Function>,
    locations: Vec<Location>,
    samples: Vec<Sample>,
    function_ix: HashMap<(String, String), FunctionIdx>,
    address_ix: HashMap<u64, LocationIdx>,
    frame_ix: HashMap<Vec<(FunctionIdx, i64)>, LocationIdx>,
}

impl Builder {
    /// A builder refusing more locations or functions than `limits` allow.
    pub(super) fn new(limits: &Limits) -> Builder {
        Builder {
            limits: *limits,
            functions: Vec::new(),
            locations: Vec::new(),
            samples: Vec::new(),
            function_ix: HashMap::new(),
            address_ix: HashMap::new(),
            frame_ix: HashMap::new(),
        }
    }

    /// The function named `name` in `file`, created on first use.
    pub(super) fn function(&mut self, name: &str, file: &str) -> Result<FunctionIdx> {
        let key = (name.to_string(), file.to_string());
        if let Some(&i) = self.function_ix.get(&key) {
            return Ok(i);
        }
        let next = self.functions.len();
        self.limits
            .check_locations(next as u64 + 1, "the number of functions")?;
        self.functions.push(Function {
            id: next as u64 + 1,
            name: name.to_string(),
            system_name: name.to_string(),
            filename: file.to_string(),
            start_line: 0,
        });
        self.function_ix.insert(key, next);
        Ok(next)
    }

    /// The location at `address`; its lines come from the first time it is seen.
    pub(super) fn address_location(
        &mut self,
        address: u64,
        symbols: &[Symbol],
    ) -> Result<LocationIdx> {
        if let Some(&i) = self.address_ix.get(&address) {
            return Ok(i);
        }
        let lines = symbols
            .iter()
            .map(|s| {
                Ok(Line {
                    function: Some(self.function(&s.function, &s.file)?),
                    line: s.line,
                    column: 0,
                })
            })
            .collect::<Result<_>>()?;
        let i = self.push_location(address, lines)?;
        self.address_ix.insert(address, i);
        Ok(i)
    }

    /// The location of source positions without a known pc (goroutine dumps):
    /// one frame, or calls inlined into the last of `frames`, innermost first.
    ///
    /// Its address is a hash of the positions: stable across dumps, so that
    /// merged dumps share locations, and distinct for distinct positions.
    pub(super) fn frame_location(&mut self, frames: &[StackFrame]) -> Result<LocationIdx> {
        let key: Vec<(FunctionIdx, i64)> = frames
            .iter()
            .map(|f| Ok((self.function(&f.function, &f.file)?, f.line)))
            .collect::<Result<_>>()?;
        if let Some(&i) = self.frame_ix.get(&key) {
            return Ok(i);
        }
        let address = synthetic_address(frames);
        let lines = key
            .iter()
            .map(|&(f, line)| Line {
                function: Some(f),
                line,
                column: 0,
            })
            .collect();
        let i = self.push_location(address, lines)?;
        self.frame_ix.insert(key, i);
        Ok(i)
    }

    /// Appends a sample.
    pub(super) fn sample(&mut self, sample: Sample) {
        self.samples.push(sample);
    }

    /// Moves the samples, locations and functions into `header`.
    pub(super) fn finish(self, header: Profile) -> Profile {
        Profile {
            samples: self.samples,
            locations: self.locations,
            functions: self.functions,
            ..header
        }
    }

    fn push_location(&mut self, address: u64, lines: Vec<Line>) -> Result<LocationIdx> {
        let i = self.locations.len();
        self.limits
            .check_locations(i as u64 + 1, "the number of locations")?;
        self.locations.push(Location {
            id: i as u64 + 1,
            mapping: None,
            address,
            lines,
            is_folded: false,
        });
        Ok(i)
    }
}

/// 64-bit FNV-1a of the positions, never 0 (0 means "no address" to pprof).
fn synthetic_address(frames: &[StackFrame]) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0100_0000_01b3;
    let bytes = frames.iter().flat_map(|f| {
        let parts: [&[u8]; 5] = [
            f.function.as_bytes(),
            &[0xff],
            f.file.as_bytes(),
            &[0xff],
            &[],
        ];
        parts
            .into_iter()
            .flatten()
            .copied()
            .chain(f.line.to_le_bytes())
    });
    bytes
        .fold(OFFSET, |h, b| (h ^ u64::from(b)).wrapping_mul(PRIME))
        .max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(function: &str, line: i64) -> StackFrame {
        StackFrame {
            function: function.into(),
            file: "a.go".into(),
            line,
            inlined: false,
        }
    }

    #[test]
    fn interns_functions_and_locations() {
        let mut b = Builder::new(&Limits::DEFAULT);
        let s = Symbol {
            function: "main.f".into(),
            file: "a.go".into(),
            line: 3,
            entry: None,
        };
        let l1 = b.address_location(0x10, std::slice::from_ref(&s)).unwrap();
        let l2 = b.address_location(0x20, std::slice::from_ref(&s)).unwrap();
        assert_eq!(b.address_location(0x10, &[]).unwrap(), l1);
        let l3 = b.frame_location(&[frame("main.f", 3)]).unwrap();
        assert_eq!(b.frame_location(&[frame("main.f", 3)]).unwrap(), l3);
        let l4 = b
            .frame_location(&[frame("main.g", 9), frame("main.f", 3)])
            .unwrap();
        let p = b.finish(Profile::default());
        assert_eq!((l1, l2, l3, l4), (0, 1, 2, 3));
        assert_eq!(p.functions.len(), 2);
        assert_eq!(
            p.locations.iter().map(|l| l.id).collect::<Vec<_>>(),
            [1, 2, 3, 4]
        );
        assert_eq!(p.locations[3].lines.len(), 2);
        assert_eq!(
            p.locations[2].address,
            synthetic_address(&[frame("main.f", 3)])
        );
        assert_ne!(
            synthetic_address(&[frame("main.f", 3)]),
            synthetic_address(&[frame("main.f", 4)])
        );
        assert_ne!(p.locations[3].address, p.locations[2].address);
    }
}
