//! Recognises the three text formats from their first line, cheaply: only a
//! short prefix of the first non-blank line is looked at, so binary protobuf
//! (which starts with 0x0a, a "blank line", then a non-text byte) is turned
//! away at once.

use crate::decode::Limits;
use crate::error::Result;
use crate::model::Profile;

use super::count::parse_count;
use super::dump_parse::parse_dump;
use super::heap::parse_heap;
use super::text::first_content;

/// Which of Go's text profile formats a payload is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextFormat {
    /// `heap profile: …` (heap or allocs `?debug=1`).
    Heap,
    /// `<name> profile: total <n>` (goroutine, threadcreate `?debug=1`).
    Count,
    /// `goroutine <id> [<state>]:` (goroutine `?debug=2`, `runtime.Stack`).
    GoroutineDump,
}

/// The text format of `payload`, or `None` if it is not one of them.
pub fn detect_text_format(payload: &[u8]) -> Option<TextFormat> {
    let (_, rest) = first_content(payload);
    if rest.starts_with(b"heap profile:") {
        return Some(TextFormat::Heap);
    }
    if let Some(id) = rest.strip_prefix(b"goroutine ")
        && id.first().is_some_and(u8::is_ascii_digit)
    {
        return Some(TextFormat::GoroutineDump);
    }
    // A profile name is a short word: look no further than that.
    let name_end = rest.iter().take(64).position(|&b| b == b' ')?;
    let name_ok = name_end > 0 && rest[..name_end].iter().all(u8::is_ascii_graphic);
    (name_ok && rest[name_end..].starts_with(b" profile: total ")).then_some(TextFormat::Count)
}

/// Parses `payload` as a legacy text profile; `Ok(None)` when it is not text.
///
/// A goroutine dump becomes a `goroutine/count` profile (see
/// [`GoroutineDump::to_profile`](super::GoroutineDump::to_profile)); a heap
/// profile's `runtime.MemStats` block is dropped (see [`parse_heap_text`]).
pub fn parse_text_profile(payload: &[u8]) -> Result<Option<Profile>> {
    parse_text_profile_limited(payload, &Limits::DEFAULT)
}

/// [`parse_text_profile`] under `limits` (counts of samples, frames and
/// locations; the payload's size is the caller's to cap).
pub fn parse_text_profile_limited(payload: &[u8], limits: &Limits) -> Result<Option<Profile>> {
    let profile = match detect_text_format(payload) {
        None => return Ok(None),
        Some(TextFormat::Heap) => parse_heap(payload, limits)?.0,
        Some(TextFormat::Count) => parse_count(payload, limits)?,
        Some(TextFormat::GoroutineDump) => {
            parse_dump(payload, limits)?.to_profile_limited(limits)?
        }
    };
    Ok(Some(profile))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_first_lines() {
        let cases: [(&[u8], Option<TextFormat>); 9] = [
            (
                b"heap profile: 1: 2 [3: 4] @ heap/8\n",
                Some(TextFormat::Heap),
            ),
            (
                b"\n\r\ngoroutine profile: total 3\n",
                Some(TextFormat::Count),
            ),
            (b"threadcreate profile: total 3", Some(TextFormat::Count)),
            (
                b"\xEF\xBB\xBFgoroutine 1 [running]:\n",
                Some(TextFormat::GoroutineDump),
            ),
            (b"goroutine x [running]:\n", None),
            (b"\x0a\x04\x08\x01\x10\x02", None),
            (b"--- mutex:\ncycles/second=1\n", None),
            (b"", None),
            (b"\n\n\n", None),
        ];
        for (input, want) in cases {
            assert_eq!(detect_text_format(input), want, "{input:?}");
        }
    }

    #[test]
    fn non_text_is_none_and_text_is_parsed() {
        assert!(parse_text_profile(b"\x0a\x02\x08\x01").unwrap().is_none());
        let p = parse_text_profile(
            b"goroutine profile: total 2\n2 @ 0x10\n#\t0xf\tmain.f+0x1\tm.go:3\n",
        )
        .unwrap()
        .unwrap();
        assert_eq!(p.samples[0].values, [2]);
        let e = parse_text_profile(b"goroutine profile: total 2\n\x00\x01\x02\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("malformed text profile, line 2: expected a record"),
            "{e}"
        );
    }
}
