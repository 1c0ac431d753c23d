//! Number formatting shared by the renderers, and pieces of their Markdown.

use std::fmt::Write as _;

use crate::model::{Category, Range};

/// A value in its unit, for people: `1.4 GB`, `512 kB`, `3.2 s`, `12,345`.
pub(super) fn value(v: f64, unit: &str) -> String {
    gosleuth_pprof::human::value(v, unit)
}

/// A range: one figure when all nodes agree, else `min–max` (median in
/// brackets from three nodes on).
pub(super) fn range(r: &Range, unit: &str, nodes: usize) -> String {
    if r.is_single() {
        return value(r.min, unit);
    }
    let base = format!("{}–{}", value(r.min, unit), value(r.max, unit));
    if nodes >= 3 {
        format!("{base} (median {})", value(r.median, unit))
    } else {
        base
    }
}

/// A range per minute (`17.9–18.6 GB/min`), when every window is known.
pub(super) fn per_minute(r: Option<&Range>, unit: &str, nodes: usize) -> Option<String> {
    let r = r?;
    if r.is_single() {
        return Some(format!("{}/min", value(r.min, unit)));
    }
    let base = format!("{}–{}/min", value(r.min, unit), value(r.max, unit));
    Some(if nodes >= 3 {
        format!("{base} (median {}/min)", value(r.median, unit))
    } else {
        base
    })
}

/// An object size in exact bytes: `32,768 B`.
pub(super) fn size_bytes(size: i64) -> String {
    format!("{} B", gosleuth_pprof::human::thousands(size as f64))
}

/// The last element of a path: `server/filestore.go` → `filestore.go`.
pub(super) fn base_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// A change with its sign: `+18 MB`, `−597 MB` (a true minus sign), `0 B`.
pub(super) fn signed(v: f64, unit: &str) -> String {
    if v > 0.0 {
        format!("+{}", value(v, unit))
    } else if v < 0.0 {
        format!("−{}", value(-v, unit))
    } else {
        value(0.0, unit)
    }
}

/// A relative change with its sign: `+1.4%`, `−98.5%`.
pub(super) fn signed_percent(p: f64) -> String {
    if p < 0.0 {
        format!("−{:.1}%", -p)
    } else {
        format!("+{p:.1}%")
    }
}

/// A change and, when the base is not zero, its relative size: `−597 MB (−98.5%)`.
pub(super) fn change(c: &crate::Change, unit: &str) -> String {
    match c.delta_percent {
        Some(p) => format!("{} ({})", signed(c.delta, unit), signed_percent(p)),
        None => signed(c.delta, unit),
    }
}

/// People's word for a verdict.
pub(super) fn status(s: crate::Status) -> &'static str {
    match s {
        crate::Status::Fixed => "fixed",
        crate::Status::Improved => "improved",
        crate::Status::Unchanged => "no significant change",
        crate::Status::Worse => "worse",
        crate::Status::New => "new",
    }
}

/// A percentage range.
pub(super) fn percent(r: &Range) -> String {
    if (r.max - r.min).abs() < 0.05 {
        format!("{:.1}%", r.min)
    } else {
        format!("{:.1}–{:.1}%", r.min, r.max)
    }
}

/// `github.com/x/y/server.(*client).readLoop` → `(*client).readLoop`.
pub(super) fn short_name(function: &str) -> &str {
    let after_slash = function.rfind('/').map_or(0, |i| i + 1);
    let rest = &function[after_slash..];
    rest.find('.').map_or(rest, |i| &rest[i + 1..])
}

/// People's name of a category.
pub(super) fn category(c: Category) -> &'static str {
    match c {
        Category::MessageCopy => "Message/record copy",
        Category::NetworkBuffers => "Network I/O buffers",
        Category::Compression => "Compression & encoding",
        Category::Serialization => "Serialization",
        Category::PoolRefill => "Pool refill (sync.Pool New)",
        Category::SliceMapGrowth => "Slice/map growth",
        Category::Strings => "Strings & formatting",
        Category::GoroutineStacks => "Goroutine stacks",
        Category::TimersChannels => "Timers & channels",
        Category::CachesMaps => "Caches & maps",
        Category::ProfilingOverhead => "Profiling overhead (noise)",
        Category::Other => "Other",
    }
}

/// A Markdown section's heading and the paragraph that says how to read it.
pub(super) fn md_section(out: &mut String, title: &str, intro: &str) {
    let _ = writeln!(out, "## {title}\n");
    let _ = writeln!(out, "{intro}\n");
}

/// A line of source in a Markdown table cell: in backticks, its pipes escaped.
pub(super) fn md_code_cell(code: Option<&str>) -> String {
    code.map_or("(source not found)".to_string(), |c| {
        format!("`{}`", c.replace('|', "\\|"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(value(1536.0, "bytes"), "1.5 kB");
        assert_eq!(value(150.0 * 1_048_576.0, "bytes"), "150 MB");
        assert_eq!(value(1234567.0, "count"), "1,234,567");
        assert_eq!(
            short_name("github.com/a/b/server.(*client).readLoop"),
            "(*client).readLoop"
        );
        assert_eq!(short_name("main.main"), "main");
        let r = Range {
            min: 1.0,
            median: 2.0,
            max: 3.0,
        };
        assert_eq!(range(&r, "count", 3), "1–3 (median 2)");
        assert_eq!(signed(-1536.0, "bytes"), "−1.5 kB");
        assert_eq!(signed(2.0, "count"), "+2");
        assert_eq!(signed_percent(-98.46), "−98.5%");
        assert_eq!(per_minute(Some(&r), "count", 2).unwrap(), "1–3/min");
        assert_eq!(size_bytes(32768), "32,768 B");
    }
}
