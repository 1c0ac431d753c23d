//! Line splitting, number parsing and error construction shared by the text
//! parsers. Every failure becomes an [`Error::Text`] naming the 1-based line
//! and quoting at most a short, escaped piece of it, so messages stay on one
//! line whatever the input holds.

use std::borrow::Cow;

use crate::error::{Error, Result};

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// The lines of `payload` with their 1-based numbers, without `\n` / `\r\n`;
/// invalid UTF-8 is replaced rather than refused (only structure matters).
pub(super) fn lines(payload: &[u8]) -> impl Iterator<Item = (usize, Cow<'_, str>)> {
    let payload = payload.strip_prefix(UTF8_BOM).unwrap_or(payload);
    payload.split(|&b| b == b'\n').enumerate().map(|(i, raw)| {
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        (i + 1, String::from_utf8_lossy(raw))
    })
}

/// The payload from its first line that is not blank, and that line's number.
pub(super) fn first_content(payload: &[u8]) -> (usize, &[u8]) {
    let mut rest = payload.strip_prefix(UTF8_BOM).unwrap_or(payload);
    let mut number = 1;
    loop {
        let end = rest.iter().position(|&b| b == b'\n');
        let line = &rest[..end.unwrap_or(rest.len())];
        match end {
            Some(end) if line.iter().all(u8::is_ascii_whitespace) => {
                rest = &rest[end + 1..];
                number += 1;
            }
            _ => return (number, rest),
        }
    }
}

/// An [`Error::Text`] for `line`.
pub(super) fn error(line: usize, message: impl Into<String>) -> Error {
    Error::Text {
        line,
        message: message.into(),
    }
}

/// `text` quoted and escaped for an error message, cut to a few dozen characters.
pub(super) fn quote(text: &str) -> String {
    const MAX: usize = 60;
    match text.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{:?}…", &text[..cut]),
        None => format!("{text:?}"),
    }
}

/// A decimal `i64`, with `what` naming the field in the error.
pub(super) fn dec_i64(text: &str, what: &str, line: usize) -> Result<i64> {
    text.parse().map_err(|_| number_error(text, what, line))
}

/// A decimal `u64`, with `what` naming the field in the error.
pub(super) fn dec_u64(text: &str, what: &str, line: usize) -> Result<u64> {
    text.parse().map_err(|_| number_error(text, what, line))
}

/// A `0x`-prefixed hexadecimal `u64`.
pub(super) fn hex_u64(text: &str, what: &str, line: usize) -> Result<u64> {
    text.strip_prefix("0x")
        .filter(|digits| !digits.starts_with('+'))
        .and_then(|digits| u64::from_str_radix(digits, 16).ok())
        .ok_or_else(|| {
            let digits = text.strip_prefix("0x").unwrap_or("");
            if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_hexdigit()) {
                error(
                    line,
                    format!("{what} {} does not fit in 64 bits", quote(text)),
                )
            } else {
                error(
                    line,
                    format!(
                        "{what}: expected a hexadecimal address like 0x4c1a2b, got {}",
                        quote(text)
                    ),
                )
            }
        })
}

fn number_error(text: &str, what: &str, line: usize) -> Error {
    let digits = text.strip_prefix('-').unwrap_or(text);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        error(line, format!("{what} {} is out of range", quote(text)))
    } else {
        error(
            line,
            format!("{what}: expected a number, got {}", quote(text)),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_numbered_and_stripped() {
        let got: Vec<(usize, String)> = lines(b"\xEF\xBB\xBFa\r\nb\n\xFFc")
            .map(|(n, t)| (n, t.into_owned()))
            .collect();
        assert_eq!(
            got,
            [(1, "a".into()), (2, "b".into()), (3, "\u{FFFD}c".into())]
        );
    }

    #[test]
    fn first_content_skips_blank_lines() {
        assert_eq!(first_content(b"\n \t\r\nx\ny"), (3, &b"x\ny"[..]));
        assert_eq!(first_content(b""), (1, &b""[..]));
    }

    #[test]
    fn numbers_explain_what_is_wrong() {
        assert_eq!(dec_u64("12", "count", 1).unwrap(), 12);
        let e = dec_u64("99999999999999999999999", "count", 4)
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "malformed text profile, line 4: count \"99999999999999999999999\" is out of range"
        );
        let e = dec_i64("1x", "count", 2).unwrap_err().to_string();
        assert_eq!(
            e,
            "malformed text profile, line 2: count: expected a number, got \"1x\""
        );
        assert_eq!(hex_u64("0x1f", "pc", 1).unwrap(), 31);
        assert!(hex_u64("0x+1", "pc", 1).is_err());
        let e = hex_u64("0x1ffffffffffffffff", "pc", 1)
            .unwrap_err()
            .to_string();
        assert!(e.ends_with("does not fit in 64 bits"), "{e}");
    }

    #[test]
    fn quote_cuts_long_text() {
        let q = quote(&"é".repeat(100));
        assert_eq!(q.chars().count(), 63);
    }
}
