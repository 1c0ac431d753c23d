//! Slow-operation lines: the built-in patterns (`took <d>`, `processing
//! time: <d>`, `elapsed`, `slow`) and the user's, each line's timestamp,
//! subject (what precedes the message) and duration.

use regex::Regex;

use super::duration::{DURATION, parse_duration};
use crate::error::{Error, Result};

/// Lines longer than this are cut before matching (a log line is not a novel).
const MAX_LINE: usize = 4096;

/// One slow line.
#[derive(Debug, Clone)]
pub(crate) struct Event {
    /// Index of the log.
    pub(crate) log: usize,
    /// 1-based line number.
    pub(crate) line: usize,
    /// Seconds since 1970 (time zone ignored), when the line has a timestamp.
    pub(crate) at: Option<f64>,
    /// The timestamp as logged.
    pub(crate) stamp: Option<String>,
    /// What precedes the message (`127.0.0.1:4999 - cid:7`), or empty.
    pub(crate) subject: String,
    /// The message's operation (`Readloop processing time`, `WriteFullState`).
    pub(crate) message: String,
    /// The message as logged up to the duration (`Readloop processing time:`,
    /// `WriteFullState took`): what the source is searched for.
    pub(crate) lead: String,
    /// Which pattern matched.
    pub(crate) pattern: String,
    /// The duration, seconds.
    pub(crate) seconds: f64,
    /// The whole line, trimmed.
    pub(crate) text: String,
}

/// The patterns, compiled once.
pub(crate) struct Scanner {
    header: Regex,
    patterns: Vec<(String, Regex)>,
}

impl Scanner {
    /// The built-in patterns after the user's (a user's pattern wins on a line both match).
    ///
    /// # Errors
    /// When a user pattern is not a regex or has no `dur` group.
    pub(crate) fn new(user: &[String]) -> Result<Scanner> {
        let d = format!(r"(?P<dur>{DURATION})(?:\b|$)");
        let mut patterns = Vec::new();
        for p in user {
            let re = Regex::new(p).map_err(|e| Error::Invalid(format!("--pattern {p}: {e}")))?;
            if !re.capture_names().any(|n| n == Some("dur")) {
                return Err(Error::Invalid(format!(
                    "--pattern {p}: needs a named group `dur` (?P<dur>...)"
                )));
            }
            patterns.push((p.clone(), re));
        }
        let builtin = [
            (
                "processing time",
                format!(r"(?i)^(?P<op>.*?processing time)\s*[:=]?\s*{d}"),
            ),
            (
                "took",
                format!(r"(?i)^(?P<op>.*?)\s+took\s+(?:too long\s*[:,]?\s*)?{d}"),
            ),
            (
                "elapsed",
                format!(r"(?i)^(?P<op>.*?\belapsed)\s*[:=]?\s*{d}"),
            ),
            ("elapsed", format!(r"(?i)^(?P<op>.*?){d}\s+elapsed\b")),
            ("slow", format!(r"(?i)^(?P<op>.*?\bslow\b.*?)[\s:=(]+{d}")),
        ];
        for (name, re) in builtin {
            patterns.push((
                name.to_string(),
                Regex::new(&re).map_err(|e| Error::Invalid(e.to_string()))?,
            ));
        }
        let header = Regex::new(
            r"^\s*(?:\[\d+\]\s*)?(?P<ts>\d{4}[-/]\d{2}[-/]\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?\s*(?:\[[A-Z]{3,5}\]|(?:INFO|WARN|WARNING|ERROR|DEBUG|TRACE|FATAL)\b:?)?\s*",
        )
        .map_err(|e| Error::Invalid(e.to_string()))?;
        Ok(Scanner { header, patterns })
    }

    /// The slow lines of one log.
    pub(crate) fn scan(&self, log: usize, text: &str) -> Vec<Event> {
        text.lines()
            .enumerate()
            .filter_map(|(i, l)| self.line(log, i + 1, l))
            .collect()
    }

    fn line(&self, log: usize, line: usize, raw: &str) -> Option<Event> {
        let mut cut = raw.len().min(MAX_LINE);
        while !raw.is_char_boundary(cut) {
            cut -= 1;
        }
        let raw = raw[..cut].trim();
        let head = self.header.captures(raw)?;
        let stamp = head.name("ts").map(|m| m.as_str().to_string());
        let body = &raw[head.get(0).map_or(0, |m| m.end())..];
        for (name, re) in &self.patterns {
            let Some(c) = re.captures(body) else { continue };
            let Some(dur) = c.name("dur") else { continue };
            let Some(seconds) = parse_duration(dur.as_str()) else {
                continue;
            };
            let op = c.name("op").map_or(&body[..dur.start()], |m| m.as_str());
            let (subject, message) = split_subject(op.trim());
            let lead = split_subject(body[..dur.start()].trim()).1;
            return Some(Event {
                log,
                line,
                at: stamp.as_deref().and_then(epoch_seconds),
                stamp,
                subject: subject.to_string(),
                message: message.to_string(),
                lead: lead.trim_end_matches(['(', '=']).trim().to_string(),
                pattern: name.clone(),
                seconds,
                text: raw.to_string(),
            });
        }
        None
    }
}

/// `127.0.0.1:4999 - cid:7 - "app" - Readloop processing time:` →
/// (`127.0.0.1:4999 - cid:7 - "app"`, `Readloop processing time:`).
fn split_subject(op: &str) -> (&str, &str) {
    match op.rfind(" - ") {
        Some(i) => (op[..i].trim(), op[i + 3..].trim()),
        None => ("", op),
    }
}

/// `2026/11/22 01:21:35.750310` (or ISO 8601) → seconds since 1970, the
/// time zone ignored: only differences between lines matter.
pub(crate) fn epoch_seconds(ts: &str) -> Option<f64> {
    let b = ts.as_bytes();
    let num = |r: std::ops::Range<usize>| ts.get(r).and_then(|s| s.parse::<i64>().ok());
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, s) = (num(11..13)?, num(14..16)?, num(17..19)?);
    let frac = if matches!(b.get(19), Some(b'.' | b',')) {
        let digits: String = ts[20..].chars().take_while(char::is_ascii_digit).collect();
        format!("0.{digits}").parse::<f64>().unwrap_or(0.0)
    } else {
        0.0
    };
    // Days from the civil date (Howard Hinnant's algorithm).
    let y = if mo <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if mo > 2 { mo - 3 } else { mo + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    #[expect(clippy::cast_precision_loss, reason = "seconds since 1970 fit in 2^52")]
    Some((days * 86_400 + h * 3600 + mi * 60 + s) as f64 + frac)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nats_warning() {
        let s = Scanner::new(&[]).unwrap();
        let line = r#"[28223] 2026/11/22 01:21:35.750310 [WRN] 127.0.0.1:49014 - cid:8 - "vnatsconns:go" - Readloop processing time: 3.001293715s"#;
        let e = s.line(0, 7, line).unwrap();
        assert_eq!(e.message, "Readloop processing time");
        assert_eq!(e.subject, r#"127.0.0.1:49014 - cid:8 - "vnatsconns:go""#);
        assert_eq!(e.pattern, "processing time");
        assert!((e.seconds - 3.001_293_715).abs() < 1e-12);
        assert_eq!(e.stamp.as_deref(), Some("2026/11/22 01:21:35.750310"));
        assert_eq!(epoch_seconds("1970/01/02 00:00:01.5"), Some(86_401.5));
        assert_eq!(
            epoch_seconds("2026-11-22T01:21:35Z"),
            epoch_seconds("2026/11/22 01:21:35")
        );
    }

    #[test]
    fn other_shapes() {
        let s = Scanner::new(&[]).unwrap();
        let took = s
            .line(
                0,
                1,
                "2024-01-01 10:00:00 WARN WriteFullState took 1m2s (73 bytes)",
            )
            .unwrap();
        assert_eq!(
            (took.message.as_str(), took.seconds, took.pattern.as_str()),
            ("WriteFullState", 62.0, "took")
        );
        let long = s
            .line(
                0,
                1,
                "Internal subscription on \"$SYS.x\" took too long: 2.5s",
            )
            .unwrap();
        assert_eq!(long.seconds, 2.5);
        let el = s.line(0, 1, "compaction done, elapsed=350ms").unwrap();
        assert_eq!((el.pattern.as_str(), el.seconds), ("elapsed", 0.35));
        let slow = s.line(0, 1, "slow request /api/x (1.5s)").unwrap();
        assert_eq!((slow.pattern.as_str(), slow.seconds), ("slow", 1.5));
        assert!(s.line(0, 1, "[INF] Server is ready").is_none());
        assert!(
            s.line(0, 1, "listening on 127.0.0.1:4222, version 2.9.10")
                .is_none()
        );
        let user = Scanner::new(&[r"fsync (?P<dur>\S+)".into()]).unwrap();
        let u = user.line(0, 1, "fsync 20ms").unwrap();
        assert_eq!(
            (u.pattern.as_str(), u.seconds),
            (r"fsync (?P<dur>\S+)", 0.02)
        );
        assert!(Scanner::new(&["no group".into()]).is_err());
        assert!(Scanner::new(&["(".into()]).is_err());
    }
}
