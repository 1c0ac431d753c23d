//! Values for people rather than for pprof's byte-identical views:
//! `1.4 GB`, `512 kB`, `3.2 s`, `12,345`, as every gosleuth report prints them.

/// A value in its unit, for people: `1.4 GB`, `512 kB`, `3.2 s`, `12,345`.
pub fn value(v: f64, unit: &str) -> String {
    match unit {
        "bytes" => bytes(v),
        "nanoseconds" => seconds(v / 1e9),
        _ => thousands(v),
    }
}

fn bytes(v: f64) -> String {
    const UNITS: [(&str, f64); 4] = [
        ("GB", 1_073_741_824.0),
        ("MB", 1_048_576.0),
        ("kB", 1024.0),
        ("B", 1.0),
    ];
    let (name, size) = UNITS
        .iter()
        .find(|(_, s)| v.abs() >= *s)
        .copied()
        .unwrap_or(("B", 1.0));
    let x = v / size;
    if size == 1.0 || x >= 100.0 {
        format!("{x:.0} {name}")
    } else {
        format!("{x:.1} {name}")
    }
}

fn seconds(s: f64) -> String {
    if s >= 1.0 {
        format!("{s:.2} s")
    } else {
        format!("{:.1} ms", s * 1e3)
    }
}

/// A count rounded, with thousands separators: `1,234,567`.
pub fn thousands(v: f64) -> String {
    let n = v.round() as i64;
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// A share as a percentage with one decimal, `<0.1%` below it rather
/// than a misleading `0.0%`.
pub fn percent(share: f64) -> String {
    let pct = share * 100.0;
    if pct > 0.0 && pct < 0.05 {
        "<0.1%".to_string()
    } else {
        format!("{pct:.1}%")
    }
}
