//! pprof label sets as Go prints them in text profiles: `# labels: {"k":"v", "k2":"v2"}`
//! under a `?debug=1` record (`%q:%q` pairs) and ` labels:{"k": "v"}` in a
//! goroutine header with `GODEBUG=tracebacklabels=1` (Go 1.26+).

use std::collections::BTreeMap;

/// Parses `{"k":"v", …}`; the error says what is wrong.
pub(super) fn parse_label_set(text: &str) -> Result<BTreeMap<String, String>, String> {
    let mut rest = text
        .trim()
        .strip_prefix('{')
        .ok_or("label set: expected `{`")?
        .trim_start();
    let mut labels = BTreeMap::new();
    if let Some(after) = rest.strip_prefix('}') {
        return end(after, labels);
    }
    loop {
        let (key, after) = unquote(rest)?;
        let after = after
            .trim_start()
            .strip_prefix(':')
            .ok_or("label set: expected `:` after a key")?;
        let (value, after) = unquote(after.trim_start())?;
        labels.insert(key, value);
        let after = after.trim_start();
        if let Some(after) = after.strip_prefix('}') {
            return end(after, labels);
        }
        rest = after
            .strip_prefix(',')
            .ok_or("label set: expected `,` or `}` after a value")?
            .trim_start();
    }
}

fn end(after: &str, labels: BTreeMap<String, String>) -> Result<BTreeMap<String, String>, String> {
    if after.trim().is_empty() {
        Ok(labels)
    } else {
        Err("label set: unexpected text after `}`".into())
    }
}

/// Reads one Go double-quoted string (as `strconv.Quote` or the runtime's
/// `printquoted` write it) from the start of `text`; returns it and the rest.
pub(super) fn unquote(text: &str) -> Result<(String, &str), String> {
    let mut chars = text
        .strip_prefix('"')
        .ok_or("label set: expected a quoted string")?
        .char_indices();
    let body = &text[1..];
    let mut out: Vec<u8> = Vec::new();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Ok((String::from_utf8_lossy(&out).into_owned(), &body[i + 1..])),
            '\\' => {
                let (_, e) = chars.next().ok_or("label set: unterminated string")?;
                let simple = match e {
                    'a' => Some(7),
                    'b' => Some(8),
                    'f' => Some(12),
                    'n' => Some(b'\n'),
                    'r' => Some(b'\r'),
                    't' => Some(b'\t'),
                    'v' => Some(11),
                    '\\' | '"' | '\'' => Some(e as u8),
                    _ => None,
                };
                if let Some(b) = simple {
                    out.push(b);
                    continue;
                }
                let (width, radix) = match e {
                    'x' => (2, 16),
                    'u' => (4, 16),
                    'U' => (8, 16),
                    '0'..='7' => (2, 8),
                    _ => return Err(format!("label set: unknown escape `\\{e}`")),
                };
                let mut digits: String = if radix == 8 {
                    e.to_string()
                } else {
                    String::new()
                };
                for _ in 0..width {
                    digits.push(chars.next().ok_or("label set: unterminated escape")?.1);
                }
                let v = u32::from_str_radix(&digits, radix)
                    .map_err(|_| format!("label set: bad escape `\\{e}{digits}`"))?;
                if e == 'u' || e == 'U' {
                    let c = char::from_u32(v)
                        .ok_or(format!("label set: bad code point `\\{e}{digits}`"))?;
                    out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
                } else {
                    out.push(
                        u8::try_from(v)
                            .map_err(|_| format!("label set: bad escape `\\{digits}`"))?,
                    );
                }
            }
            c => out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes()),
        }
    }
    Err("label set: unterminated string".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_both_label_forms() {
        let got = parse_label_set(r#"{"handler":"/api", "route":"a\"b\tc\x01\u00e9"}"#).unwrap();
        assert_eq!(got["handler"], "/api");
        assert_eq!(got["route"], "a\"b\tc\u{1}é");
        let got = parse_label_set(r#"{"k": "v", "k2": "v2"}"#).unwrap();
        assert_eq!(got.len(), 2);
        assert!(parse_label_set("{}").unwrap().is_empty());
    }

    #[test]
    fn malformed_label_sets_are_errors() {
        for bad in [
            r#"{"a":"b""#,
            r#"{"a" "b"}"#,
            r#"{"a":"b"} x"#,
            r#"{"a":"\q"}"#,
            r#"{"a":"\x4"}"#,
            "{a}",
            "",
            r#"{"a":"\777"}"#,
        ] {
            assert!(parse_label_set(bad).is_err(), "{bad}");
        }
    }
}
