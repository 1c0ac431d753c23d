//! Go durations as `time.Duration.String` prints them: `1h2m3.5s`, `350ms`,
//! `1.2µs`, `3.017794693s`.

/// The regex (no anchors) of a Go duration.
pub(crate) const DURATION: &str = r"(?:(?:\d+(?:\.\d+)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+";

/// Seconds in a Go duration; `None` when `s` is not one.
pub(crate) fn parse_duration(s: &str) -> Option<f64> {
    let s = s.trim();
    let (neg, mut rest) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    if rest.is_empty() {
        return None;
    }
    let mut total = 0.0;
    while !rest.is_empty() {
        let num_end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        if num_end == 0 {
            return None;
        }
        let n: f64 = rest[..num_end].parse().ok()?;
        rest = &rest[num_end..];
        // Sub-second units divide, so that `350ms` is exactly 0.35 s.
        let (unit, mul, div) = [
            ("ns", 1.0, 1e9),
            ("us", 1.0, 1e6),
            ("µs", 1.0, 1e6),
            ("μs", 1.0, 1e6),
            ("ms", 1.0, 1e3),
            ("s", 1.0, 1.0),
            ("m", 60.0, 1.0),
            ("h", 3600.0, 1.0),
        ]
        .into_iter()
        .find(|(u, _, _)| rest.starts_with(u) && !(*u == "m" && rest.starts_with("ms")))?;
        total += n * mul / div;
        rest = &rest[unit.len()..];
    }
    Some(if neg { -total } else { total })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_durations() {
        let close = |a: Option<f64>, b: f64| a.is_some_and(|a| (a - b).abs() < 1e-12);
        assert!(close(parse_duration("1m2.5s"), 62.5));
        assert!(close(parse_duration("350ms"), 0.35));
        assert!(close(parse_duration("1.2µs"), 1.2e-6));
        assert!(close(parse_duration("1.2us"), 1.2e-6));
        assert!(close(parse_duration("3.017794693s"), 3.017_794_693));
        assert!(close(parse_duration("1h0m0.5s"), 3600.5));
        assert!(close(parse_duration("15ns"), 15e-9));
        assert!(close(parse_duration("-2s"), -2.0));
        assert_eq!(parse_duration("2 s"), None);
        assert_eq!(parse_duration("s"), None);
        assert_eq!(parse_duration(""), None);
        assert_eq!(parse_duration("12"), None);
        let re = regex::Regex::new(DURATION).unwrap();
        assert_eq!(
            re.find("took 1m2.5s to").map(|m| m.as_str()),
            Some("1m2.5s")
        );
        assert_eq!(re.find("time: 350ms").map(|m| m.as_str()), Some("350ms"));
    }
}
