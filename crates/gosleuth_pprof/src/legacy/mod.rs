//! Go's legacy text profiles: heap `?debug=1` (with its `# runtime.MemStats`
//! block), count profiles such as goroutine `?debug=1`, and goroutine dumps
//! (`?debug=2`).
//!
//! Unlike pprof, which reads only the addresses of `?debug=1` records, the
//! `#` frame lines are used, so profiles come out symbolized, with calls
//! inlined into their caller grouped into one location as in the protobuf
//! profile Go writes. Leading frames Go hid there (runtime internals,
//! `runtime.goexit`) are not part of stacks. Heap values are unsampled as
//! pprof does, so totals equal `go tool pprof`'s on the same file.
//! Malformed text is an [`Error::Text`](crate::Error::Text) naming the line;
//! no input panics, and memory stays proportional to the input.

mod builder;
mod caps;
mod count;
mod detect;
mod dump;
mod dump_line;
mod dump_parse;
mod frame;
mod heap;
mod inline;
mod labels;
mod memstats;
mod text;

pub use count::parse_count_text;
pub use detect::{TextFormat, detect_text_format, parse_text_profile, parse_text_profile_limited};
pub use dump::{Goroutine, GoroutineDump, StackFrame};
pub use dump_parse::parse_goroutine_dump;
pub use heap::parse_heap_text;
pub use memstats::{MemStatValue, MemStats};
