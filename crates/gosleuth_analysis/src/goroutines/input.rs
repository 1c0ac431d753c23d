//! Goroutine dumps in Go's three formats, read into one shape: records of
//! goroutines that share a stack (one per goroutine for `?debug=2`).

use gosleuth_pprof::{GoroutineDump, Limits, Profile, StackFrame, TextFormat};

use super::model::DumpFormat;
use crate::analyze::stats::{Frame, frames};
use crate::error::{Error, Result};

/// A decoded goroutine dump.
#[derive(Debug, Clone)]
pub enum DumpData {
    /// `?debug=2`: the full dump.
    Dump(GoroutineDump),
    /// `?debug=1` text or a protobuf profile: counted stacks.
    Profile {
        /// The profile.
        profile: Box<Profile>,
        /// Which of the two it came as.
        format: DumpFormat,
    },
}

/// One named dump.
#[derive(Debug, Clone)]
pub struct DumpInput {
    /// Its name (file stem or URL host).
    pub name: String,
    /// Its contents.
    pub data: DumpData,
}

impl DumpData {
    /// Decodes any of the three formats (gzipped or not).
    ///
    /// # Errors
    /// When the bytes are none of them, or not a goroutine profile.
    pub fn parse(bytes: &[u8], limits: Limits) -> Result<DumpData> {
        let payload = gosleuth_pprof::decompress(bytes, limits)?;
        let text = gosleuth_pprof::detect_text_format(&payload);
        if text == Some(TextFormat::GoroutineDump) {
            return Ok(DumpData::Dump(gosleuth_pprof::parse_goroutine_dump(
                &payload,
            )?));
        }
        let profile = gosleuth_pprof::decode(&payload, limits)?;
        goroutine_index(&profile)?;
        let format = if text == Some(TextFormat::Count) {
            DumpFormat::Debug1
        } else {
            DumpFormat::Protobuf
        };
        Ok(DumpData::Profile {
            profile: Box::new(profile),
            format,
        })
    }

    /// Its format.
    pub fn format(&self) -> DumpFormat {
        match self {
            DumpData::Dump(_) => DumpFormat::Debug2,
            DumpData::Profile { format, .. } => *format,
        }
    }

    /// Its goroutines as records.
    pub(crate) fn records(&self) -> Vec<Record<'_>> {
        match self {
            DumpData::Dump(d) => d
                .goroutines
                .iter()
                .map(|g| Record {
                    count: 1,
                    state: Some(g.state.as_str()),
                    minutes: g.wait_minutes,
                    frames: g.frames.iter().map(frame).collect(),
                    created_by: g.created_by.as_ref().map(frame),
                })
                .collect(),
            DumpData::Profile { profile, .. } => {
                let Ok(i) = goroutine_index(profile) else {
                    return Vec::new();
                };
                profile
                    .samples
                    .iter()
                    .filter(|s| s.values[i] > 0)
                    .map(|s| Record {
                        count: s.values[i].unsigned_abs(),
                        state: None,
                        minutes: 0,
                        frames: frames(profile, &s.locations),
                        created_by: None,
                    })
                    .collect()
            }
        }
    }
}

/// Goroutines that share a stack (and state).
#[derive(Debug, Clone)]
pub(crate) struct Record<'a> {
    pub(crate) count: u64,
    /// Wait reason, when the format has one.
    pub(crate) state: Option<&'a str>,
    pub(crate) minutes: u64,
    /// Innermost first.
    pub(crate) frames: Vec<Frame<'a>>,
    /// The `go` statement, when the format has it.
    pub(crate) created_by: Option<Frame<'a>>,
}

fn frame(f: &StackFrame) -> Frame<'_> {
    Frame {
        function: &f.function,
        file: &f.file,
        line: f.line,
    }
}

fn goroutine_index(p: &Profile) -> Result<usize> {
    p.sample_types
        .iter()
        .position(|t| t.r#type == "goroutine")
        .ok_or_else(|| {
            let types: Vec<&str> = p.sample_types.iter().map(|t| t.r#type.as_str()).collect();
            Error::NotGoroutines(types.join(", "))
        })
}
