//! The lines of a goroutine dump, one parser each:
//!
//! ```text
//! goroutine 18 gp=0xc000007a40 m=nil [chan receive, 5 minutes, locked to thread]:
//! github.com/x/y.(*T).M(0xc000010000, {0x1, 0x2})
//!     /src/y/t.go:123 +0x1d
//! created by github.com/x/y.Start in goroutine 7
//!     /src/y/start.go:40 +0x85
//! ```
//!
//! The header grammar follows the runtime's `goroutineheader` (Go 1.26 adds
//! `(leaked)`, `synctest bubble N` and ` labels:{…}`).

use crate::error::Result;

use super::dump::Goroutine;
use super::labels::parse_label_set;
use super::text::{dec_i64, dec_u64, error, quote};

/// Parses `goroutine <id> [gp=… m=… ][<state>, …]:` into a goroutine with no frames.
pub(super) fn parse_header(text: &str, n: usize) -> Result<Goroutine> {
    let shape = || {
        error(
            n,
            format!(
                "expected a goroutine header `goroutine <id> [<state>]:`, got {}",
                quote(text)
            ),
        )
    };
    let rest = text
        .trim_end()
        .strip_prefix("goroutine ")
        .ok_or_else(shape)?;
    let (id, rest) = rest.split_once(' ').ok_or_else(shape)?;
    let id = dec_u64(id, "goroutine id", n)?;
    let (extra, bracket) = rest.split_once('[').ok_or_else(shape)?;
    // `gp=0x… m=3 mp=0x…` appear with GOTRACEBACK=system and in crashes.
    if !extra.split_whitespace().all(|t| t.contains('=')) {
        return Err(shape());
    }
    let inner = bracket.strip_suffix("]:").ok_or_else(shape)?;
    let (inner, labels) = match inner.split_once(" labels:{") {
        Some((before, set)) => (
            before,
            parse_label_set(&format!("{{{set}")).map_err(|m| error(n, m))?,
        ),
        None => (inner, Default::default()),
    };
    let mut parts = inner.split(", ");
    let mut state = parts.next().unwrap_or_default();
    let mut g = Goroutine {
        id,
        labels,
        ..Goroutine::default()
    };
    loop {
        if let Some(s) = state.strip_suffix(" (scan)") {
            state = s;
        } else if let Some(s) = state.strip_suffix(" (leaked)") {
            (state, g.leaked) = (s, true);
        } else {
            break;
        }
    }
    if state.is_empty() {
        return Err(error(n, "goroutine header has an empty state"));
    }
    g.state = state.to_string();
    for part in parts {
        if let Some(minutes) = part.strip_suffix(" minutes") {
            g.wait_minutes = dec_u64(minutes, "goroutine wait minutes", n)?;
        } else if part == "locked to thread" {
            g.locked_to_thread = true;
        }
        // Anything else (`synctest bubble 3`, later additions) is not modelled.
    }
    Ok(g)
}

/// A frame line split into the function and its argument list: the list
/// starts at the `(` matching the final `)`, so receivers such as
/// `(*Server).Start` stay part of the name.
pub(super) fn split_call(text: &str) -> Option<(&str, &str)> {
    let body = text.trim_end().strip_suffix(')')?;
    let mut depth = 1usize;
    for (i, b) in body.bytes().enumerate().rev() {
        match b {
            b')' => depth += 1,
            b'(' => {
                depth -= 1;
                if depth == 0 {
                    return Some((&body[..i], &body[i + 1..])).filter(|(name, _)| !name.is_empty());
                }
            }
            _ => {}
        }
    }
    None
}

/// `\t<file>:<line>[ +0x…][ fp=… sp=… pc=…]` → file and line. The line is the
/// rightmost `:<digits>` followed by the end or a space, so paths with `:` or
/// spaces (`C:/Program Files/…`) survive.
pub(super) fn file_line(text: &str, n: usize) -> Result<(String, i64)> {
    let body = text.trim();
    for (i, _) in body.rmatch_indices(':') {
        let after = &body[i + 1..];
        let digits = after
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(after.len());
        if digits > 0 && (digits == after.len() || after[digits..].starts_with(' ')) {
            let line = dec_i64(&after[..digits], "frame line number", n)?;
            return Ok((body[..i].to_string(), line));
        }
    }
    Err(error(
        n,
        format!(
            "expected a `<tab><file>:<line> +0x…` line, got {}",
            quote(text)
        ),
    ))
}

/// `created by <function>[ in goroutine <id>]` → the function and the creator id.
pub(super) fn created_by(rest: &str, n: usize) -> Result<(String, Option<u64>)> {
    let rest = rest.trim();
    if let Some((function, id)) = rest.rsplit_once(" in goroutine ") {
        return Ok((
            function.to_string(),
            Some(dec_u64(id, "creator goroutine id", n)?),
        ));
    }
    Ok((rest.to_string(), None))
}

/// `...additional frames elided...` (Go ≤ 1.20) or `...N frames elided...`.
pub(super) fn is_elision(text: &str) -> bool {
    let text = text.trim();
    text == "...additional frames elided..."
        || text
            .strip_prefix("...")
            .and_then(|t| t.strip_suffix(" frames elided..."))
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_of_every_go_version() {
        let g = parse_header("goroutine 18 [chan receive, 5 minutes]:", 1).unwrap();
        assert_eq!(
            (g.id, g.state.as_str(), g.wait_minutes, g.locked_to_thread),
            (18, "chan receive", 5, false)
        );
        let g = parse_header("goroutine 1 [select, locked to thread]:", 1).unwrap();
        assert!(g.locked_to_thread);
        let g = parse_header("goroutine 5 gp=0xc000007a40 m=nil [IO wait]:", 1).unwrap();
        assert_eq!((g.id, g.state.as_str()), (5, "IO wait"));
        let g = parse_header("goroutine 6 gp=0xc0 m=3 mp=0xc1 [running]:", 1).unwrap();
        assert_eq!(g.state, "running");
        let g = parse_header("goroutine 9 [chan send (leaked) (scan), 61 minutes, locked to thread, synctest bubble 2]:", 1).unwrap();
        assert_eq!(
            (
                g.state.as_str(),
                g.leaked,
                g.wait_minutes,
                g.locked_to_thread
            ),
            ("chan send", true, 61, true)
        );
        let g = parse_header("goroutine 7 [select (no cases)]:", 1).unwrap();
        assert_eq!(g.state, "select (no cases)");
        let g = parse_header(
            r#"goroutine 8 [IO wait, 2 minutes labels:{"k": "a, b]:", "z": "y"}]:"#,
            1,
        )
        .unwrap();
        assert_eq!(
            (g.wait_minutes, g.labels["k"].as_str(), g.labels.len()),
            (2, "a, b]:", 2)
        );
    }

    #[test]
    fn bad_headers_are_errors() {
        for bad in [
            "goroutine x [running]:",
            "goroutine 1 running:",
            "goroutine 1 [running]",
            "goroutine 1 foo [running]:",
            "goroutine 1 []:",
        ] {
            let e = parse_header(bad, 4).unwrap_err().to_string();
            assert!(
                e.starts_with("malformed text profile, line 4: "),
                "{bad}: {e}"
            );
        }
        assert!(parse_header("goroutine 99999999999999999999999 [running]:", 1).is_err());
    }

    #[test]
    fn function_names_keep_receivers() {
        let function_name = |t| split_call(t).map(|c| c.0);
        assert_eq!(
            function_name("github.com/x/y.(*T).M(0xc000010000, {0x1, 0x2})"),
            Some("github.com/x/y.(*T).M")
        );
        assert_eq!(
            function_name("net/http.(*conn).serve(0xc0, {0xba, 0xc0})"),
            Some("net/http.(*conn).serve")
        );
        assert_eq!(
            function_name("panic({0x6b8f20?, 0xc000012345?})"),
            Some("panic")
        );
        assert_eq!(function_name("main.main.func2()"), Some("main.main.func2"));
        assert_eq!(function_name("pkg.Map[...](...)"), Some("pkg.Map[...]"));
        assert_eq!(function_name("main.main"), None);
        assert_eq!(function_name("(0x1)"), None);
        assert_eq!(function_name("x)"), None);
        assert_eq!(split_call("a.(*T).f(...)"), Some(("a.(*T).f", "...")));
        assert_eq!(
            split_call("a.f(0x1, {0x2, 0x3})"),
            Some(("a.f", "0x1, {0x2, 0x3}"))
        );
    }

    #[test]
    fn file_lines() {
        assert_eq!(
            file_line("\t/src/a.go:12 +0x1d", 1).unwrap(),
            ("/src/a.go".into(), 12)
        );
        assert_eq!(
            file_line("\t/src/a.go:89", 1).unwrap(),
            ("/src/a.go".into(), 89)
        );
        assert_eq!(
            file_line(
                "\tC:/Program Files/a:1 b.go:7 +0x1 fp=0xc0 sp=0xc0 pc=0x4",
                1
            )
            .unwrap(),
            ("C:/Program Files/a:1 b.go".into(), 7)
        );
        assert!(
            file_line("\t/src/a.go", 3)
                .unwrap_err()
                .to_string()
                .contains("line 3")
        );
        assert!(file_line("\t/src/a.go:99999999999999999999", 3).is_err());
    }

    #[test]
    fn creators_and_elisions() {
        assert_eq!(
            created_by("net/http.(*Server).Serve in goroutine 23", 1).unwrap(),
            ("net/http.(*Server).Serve".into(), Some(23))
        );
        assert_eq!(
            created_by("os/signal.Notify.func1.1", 1).unwrap(),
            ("os/signal.Notify.func1.1".into(), None)
        );
        assert!(created_by("f in goroutine x", 1).is_err());
        assert!(is_elision("...additional frames elided..."));
        assert!(is_elision("...12 frames elided..."));
        assert!(!is_elision("... frames elided..."));
    }
}
