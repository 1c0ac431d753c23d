//! Decoding of pprof profiles (protobuf, gzipped or raw, and Go's legacy text
//! formats) and pprof-compatible text views whose output matches
//! `go tool pprof` byte for byte.
//!
//! ```no_run
//! use gosleuth_pprof::{Limits, Prepared, ReportOptions, decode, render_top};
//! let bytes = std::fs::read("heap.pb.gz").unwrap();
//! let profile = decode(&bytes, Limits::default()).unwrap();
//! let report = Prepared::new(profile, ReportOptions::default()).unwrap();
//! print!("{}", render_top(&report));
//! ```
#![deny(missing_docs)]

mod decode;
mod error;
mod filter;
pub mod gopath;
pub mod graph;
pub mod human;
pub mod legacy;
pub mod measurement;
mod merge;
mod merge_index;
mod merge_records;
mod merge_stream;
mod model;
mod report;
mod views;

pub use decode::{
    DEFAULT_MAX_DECOMPRESSED, Limits, decode, decode_protobuf, decode_protobuf_limited, decompress,
};
pub use error::{Error, Result};
pub use filter::{FilterMatches, NameFilters};
pub use legacy::{
    Goroutine, GoroutineDump, MemStatValue, MemStats, StackFrame, TextFormat, detect_text_format,
    parse_count_text, parse_goroutine_dump, parse_heap_text, parse_text_profile,
    parse_text_profile_limited,
};
pub use merge::merge;
pub use merge_stream::StreamMerger;
pub use model::{
    Function, FunctionIdx, Line, Location, LocationIdx, Mapping, MappingIdx, Profile, Sample,
    ValueType,
};
pub use report::{FilterText, Prepared, ReportOptions};
pub use views::{
    Shown, TopRow, TopTable, profile_labels, render_list, render_peek, render_raw, render_top,
    render_traces, report_labels, top_table,
};
