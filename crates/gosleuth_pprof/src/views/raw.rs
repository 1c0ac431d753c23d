//! `raw`: the decoded profile as text, in the layout of pprof's `Profile.String`.

use std::fmt::Write as _;

use crate::model::{Location, Mapping, Profile, Sample};

/// Renders `raw`.
pub fn render_raw(p: &Profile) -> String {
    let mut ss: Vec<String> = p.comments.iter().map(|c| format!("Comment: {c}")).collect();
    if !p.doc_url.is_empty() {
        ss.push(format!("Doc: {}", p.doc_url));
    }
    if let Some(pt) = &p.period_type {
        ss.push(format!("PeriodType: {} {}", pt.r#type, pt.unit));
    }
    ss.push(format!("Period: {}", p.period));
    if p.time_nanos != 0 {
        ss.push(format!("Time: {}", go_time(p.time_nanos)));
    }
    if p.duration_nanos != 0 {
        let d = go_duration(p.duration_nanos);
        ss.push(format!(
            "Duration: {}",
            d.chars().take(4).collect::<String>()
        ));
    }
    ss.push("Samples:".to_string());
    let header: Vec<String> = p
        .sample_types
        .iter()
        .map(|s| {
            format!(
                "{}/{}{}",
                s.r#type,
                s.unit,
                if s.r#type == p.default_sample_type {
                    "[dflt]"
                } else {
                    ""
                }
            )
        })
        .collect();
    ss.push(header.join(" "));
    ss.extend(p.samples.iter().map(|s| sample_string(p, s)));
    ss.push("Locations".to_string());
    ss.extend(p.locations.iter().map(|l| location_string(p, l)));
    ss.push("Mappings".to_string());
    ss.extend(p.mappings.iter().map(mapping_string));
    ss.join("\n") + "\n"
}

fn sample_string(p: &Profile, s: &Sample) -> String {
    let mut sv = String::new();
    for v in &s.values {
        let _ = write!(sv, " {v:>10}");
    }
    sv.push_str(": ");
    for &l in &s.locations {
        let _ = write!(sv, "{} ", p.locations[l].id);
    }
    let mut ss = vec![sv];
    const HEADER: &str = "                ";
    if !s.labels.is_empty() {
        let mut ls: Vec<String> = s
            .labels
            .iter()
            .map(|(k, v)| format!("{k}:[{}]", v.join(" ")))
            .collect();
        ls.sort();
        ss.push(format!("{HEADER}{}", ls.join(" ")));
    }
    if !s.num_labels.is_empty() {
        let mut ls: Vec<String> = s
            .num_labels
            .iter()
            .map(
                |(k, v)| match s.num_units.get(k).filter(|u| u.len() == v.len()) {
                    Some(units) => {
                        let vals: Vec<String> = v
                            .iter()
                            .zip(units)
                            .map(|(n, u)| format!("{n} {u}"))
                            .collect();
                        format!("{k}:[{}]", vals.join(" "))
                    }
                    None => format!(
                        "{k}:[{}]",
                        v.iter()
                            .map(ToString::to_string)
                            .collect::<Vec<_>>()
                            .join(" ")
                    ),
                },
            )
            .collect();
        ls.sort();
        ss.push(format!("{HEADER}{}", ls.join(" ")));
    }
    ss.join("\n")
}

fn location_string(p: &Profile, l: &Location) -> String {
    let mut loc = format!("{:>6}: {:#x} ", l.id, l.address);
    if let Some(m) = l.mapping {
        let _ = write!(loc, "M={} ", p.mappings[m].id);
    }
    if l.is_folded {
        loc.push_str("[F] ");
    }
    if l.lines.is_empty() {
        return loc;
    }
    let mut ss = Vec::new();
    for line in &l.lines {
        let text = match p.function(line) {
            None => "??".to_string(),
            Some(f) => {
                let mut t = format!(
                    "{} {}:{}:{} s={}",
                    f.name, f.filename, line.line, line.column, f.start_line
                );
                if f.name != f.system_name {
                    let _ = write!(t, "({})", f.system_name);
                }
                t
            }
        };
        ss.push(format!("{loc}{text}"));
        loc = "             ".to_string();
    }
    ss.join("\n")
}

fn mapping_string(m: &Mapping) -> String {
    let bits: String = [
        (m.has_functions, "[FN]"),
        (m.has_filenames, "[FL]"),
        (m.has_line_numbers, "[LN]"),
        (m.has_inline_frames, "[IN]"),
    ]
    .iter()
    .filter(|(on, _)| *on)
    .map(|(_, b)| *b)
    .collect();
    format!(
        "{}: {:#x}/{:#x}/{:#x} {} {} {}",
        m.id, m.start, m.limit, m.offset, m.file, m.build_id, bits
    )
}

/// Go's `time.Time.String()` for `time.Unix(0, nanos)` in the local zone.
fn go_time(nanos: i64) -> String {
    let Ok(ts) = jiff::Timestamp::from_nanosecond(i128::from(nanos)) else {
        return nanos.to_string();
    };
    let z = ts.to_zoned(jiff::tz::TimeZone::system());
    let frac = z.subsec_nanosecond();
    let frac = if frac == 0 {
        String::new()
    } else {
        format!(".{frac:09}").trim_end_matches('0').to_string()
    };
    format!(
        "{}{frac} {}",
        z.strftime("%Y-%m-%d %H:%M:%S"),
        z.strftime("%z %Z")
    )
}

/// Go's `time.Duration.String()`.
pub(crate) fn go_duration(d: i64) -> String {
    if d == 0 {
        return "0s".to_string();
    }
    let neg = if d < 0 { "-" } else { "" };
    let u = d.unsigned_abs();
    if u < 1_000_000_000 {
        let (div, unit) = match u {
            0..1_000 => (1, "ns"),
            1_000..1_000_000 => (1_000, "µs"),
            _ => (1_000_000, "ms"),
        };
        return format!("{neg}{}{unit}", frac_string(u, div));
    }
    let (h, rem) = (u / 3_600_000_000_000, u % 3_600_000_000_000);
    let (m, rem) = (rem / 60_000_000_000, rem % 60_000_000_000);
    let s = frac_string(rem, 1_000_000_000);
    match (h, m) {
        (0, 0) => format!("{neg}{s}s"),
        (0, m) => format!("{neg}{m}m{s}s"),
        (h, m) => format!("{neg}{h}h{m}m{s}s"),
    }
}

fn frac_string(v: u64, div: u64) -> String {
    let whole = v / div;
    let frac = v % div;
    if frac == 0 {
        return whole.to_string();
    }
    let digits = div.ilog10() as usize;
    let f = format!("{frac:0digits$}");
    format!("{whole}.{}", f.trim_end_matches('0'))
}
