//! Units, scaling and the number formats of pprof's `internal/measurement`,
//! reproduced exactly: `top` output must match `go tool pprof` byte for byte.

/// One unit of a family: its printed name, the names it is known by, and its size.
struct Unit {
    name: &'static str,
    aliases: &'static [&'static str],
    factor: f64,
}

struct UnitType {
    default: (&'static str, f64),
    units: &'static [Unit],
}

const UNIT_TYPES: &[UnitType] = &[
    UnitType {
        default: ("B", 1.0),
        units: &[
            Unit {
                name: "B",
                aliases: &["b", "byte"],
                factor: 1.0,
            },
            Unit {
                name: "kB",
                aliases: &["kb", "kbyte", "kilobyte"],
                factor: 1024.0,
            },
            Unit {
                name: "MB",
                aliases: &["mb", "mbyte", "megabyte"],
                factor: 1_048_576.0,
            },
            Unit {
                name: "GB",
                aliases: &["gb", "gbyte", "gigabyte"],
                factor: 1_073_741_824.0,
            },
            Unit {
                name: "TB",
                aliases: &["tb", "tbyte", "terabyte"],
                factor: 1_099_511_627_776.0,
            },
            Unit {
                name: "PB",
                aliases: &["pb", "pbyte", "petabyte"],
                factor: 1_125_899_906_842_624.0,
            },
        ],
    },
    UnitType {
        default: ("s", 1e9),
        units: &[
            Unit {
                name: "ns",
                aliases: &["ns", "nanosecond"],
                factor: 1.0,
            },
            Unit {
                name: "us",
                aliases: &["μs", "us", "microsecond"],
                factor: 1e3,
            },
            Unit {
                name: "ms",
                aliases: &["ms", "millisecond"],
                factor: 1e6,
            },
            Unit {
                name: "s",
                aliases: &["s", "sec", "second"],
                factor: 1e9,
            },
            Unit {
                name: "hrs",
                aliases: &["hour", "hr"],
                factor: 3.6e12,
            },
        ],
    },
    UnitType {
        default: ("GCU", 1.0),
        units: &[
            Unit {
                name: "n*GCU",
                aliases: &["nanogcu"],
                factor: 1e-9,
            },
            Unit {
                name: "u*GCU",
                aliases: &["microgcu"],
                factor: 1e-6,
            },
            Unit {
                name: "m*GCU",
                aliases: &["milligcu"],
                factor: 1e-3,
            },
            Unit {
                name: "GCU",
                aliases: &["gcu"],
                factor: 1.0,
            },
            Unit {
                name: "k*GCU",
                aliases: &["kilogcu"],
                factor: 1e3,
            },
            Unit {
                name: "M*GCU",
                aliases: &["megagcu"],
                factor: 1e6,
            },
            Unit {
                name: "G*GCU",
                aliases: &["gigagcu"],
                factor: 1e9,
            },
            Unit {
                name: "T*GCU",
                aliases: &["teragcu"],
                factor: 1e12,
            },
            Unit {
                name: "P*GCU",
                aliases: &["petagcu"],
                factor: 1e15,
            },
        ],
    },
];

impl UnitType {
    fn sniff(&self, unit: &str) -> Option<&Unit> {
        let lower = unit.to_lowercase();
        // Go compares the byte length, so "μs" (3 bytes) loses its "s" and never matches.
        let name = if lower.len() > 2 {
            lower.strip_suffix('s').unwrap_or(&lower)
        } else {
            &lower
        };
        self.units.iter().find(|u| u.aliases.contains(&name))
    }

    fn auto_scale(&self, value: f64) -> Option<(f64, &'static str)> {
        let mut best: Option<&Unit> = None;
        for u in self.units {
            if u.factor >= best.map_or(0.0, |b| b.factor) && value / u.factor >= 1.0 {
                best = Some(u);
            }
        }
        best.map(|u| (value / u.factor, u.name))
    }

    fn convert(&self, value: i64, from: &str, to: &str) -> Option<(f64, String)> {
        let from = self.sniff(from)?;
        #[expect(
            clippy::cast_precision_loss,
            reason = "pprof converts to float64 the same way"
        )]
        let v = value as f64 * from.factor;
        if to == "minimum" || to == "auto" {
            if let Some((v, u)) = self.auto_scale(v) {
                return Some((v, u.to_string()));
            }
            return Some((v / self.default.1, self.default.0.to_string()));
        }
        match self.sniff(to) {
            Some(t) => Some((v / t.factor, t.name.to_string())),
            None => Some((v / self.default.1, self.default.0.to_string())),
        }
    }
}

/// pprof's `measurement.Scale`: `value` in `from` expressed in `to`
/// (`minimum`/`auto` pick the largest unit that keeps the value ≥ 1).
pub fn scale(value: i64, from: &str, to: &str) -> (f64, String) {
    if value < 0 && value != i64::MIN {
        let (v, u) = scale(-value, from, to);
        return (-v, u);
    }
    for ut in UNIT_TYPES {
        if let Some(r) = ut.convert(value, from, to) {
            return r;
        }
    }
    #[expect(
        clippy::cast_precision_loss,
        reason = "pprof converts to float64 the same way"
    )]
    let v = value as f64;
    match to {
        "count" | "sample" | "unit" | "minimum" | "auto" => (v, String::new()),
        _ => (v, to.to_string()),
    }
}

/// pprof's `measurement.ScaledLabel`: `%.2f` without a trailing `.00`, no unit for zero.
pub fn scaled_label(value: i64, from: &str, to: &str) -> String {
    let (v, u) = scale(value, from, to);
    let formatted = format!("{v:.2}");
    let s = formatted.strip_suffix(".00").unwrap_or(&formatted);
    if s == "0" || s == "-0" {
        return "0".to_string();
    }
    format!("{s}{u}")
}

/// pprof's `measurement.Label`: a value auto-scaled in its own unit.
pub fn label(value: i64, unit: &str) -> String {
    scaled_label(value, unit, "auto")
}

/// pprof's `measurement.Percentage`, including Go's `%5.2g` for small ratios.
pub fn percentage(value: i64, total: i64) -> String {
    #[expect(
        clippy::cast_precision_loss,
        reason = "pprof converts to float64 the same way"
    )]
    let ratio = if total == 0 {
        0.0
    } else {
        (value as f64 / total as f64).abs() * 100.0
    };
    if (99.95..=100.05).contains(&ratio) {
        "  100%".to_string()
    } else if ratio >= 1.0 {
        format!("{ratio:5.2}%")
    } else {
        format!("{:>5}%", go_g(ratio, 2))
    }
}

/// Go's `%.{prec}g` for a finite, non-negative-or-negative float.
pub fn go_g(v: f64, prec: usize) -> String {
    if v == 0.0 {
        return "0".to_string();
    }
    let e_form = format!("{v:.*e}", prec.saturating_sub(1));
    let (mantissa, exp) = e_form.split_once('e').unwrap_or((&e_form, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let prec_i = i32::try_from(prec).unwrap_or(i32::MAX);
    if exp < -4 || exp >= prec_i {
        let m = trim_fraction_zeros(mantissa);
        let sign = if exp < 0 { '-' } else { '+' };
        return format!("{m}e{sign}{:02}", exp.abs());
    }
    let decimals = usize::try_from(prec_i - 1 - exp).unwrap_or(0);
    trim_fraction_zeros(&format!("{v:.decimals$}")).to_string()
}

fn trim_fraction_zeros(s: &str) -> &str {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_match_go() {
        assert_eq!(percentage(50, 100), "50.00%");
        assert_eq!(percentage(5, 100), " 5.00%");
        assert_eq!(percentage(1, 1), "  100%");
        assert_eq!(percentage(89, 10000), " 0.89%");
        assert_eq!(percentage(9, 1000), "  0.9%");
        assert_eq!(percentage(0, 1000), "    0%");
        assert_eq!(percentage(12, 1_000_000), "0.0012%");
        assert_eq!(percentage(1, 10_000_000), "1e-05%");
        assert_eq!(percentage(3, 2), "150.00%");
    }

    #[test]
    fn labels_match_go() {
        assert_eq!(
            scaled_label(1_048_576 * 62 + 524_288, "bytes", "minimum"),
            "62.50MB"
        );
        assert_eq!(scaled_label(1_000 * 1024, "bytes", "kB"), "1000kB");
        assert_eq!(scaled_label(10_000_000, "nanoseconds", "s"), "0.01s");
        assert_eq!(scaled_label(0, "bytes", "MB"), "0");
        assert_eq!(scaled_label(1, "bytes", "GB"), "0");
        assert_eq!(scaled_label(43_422, "count", "minimum"), "43422");
        assert_eq!(scaled_label(-1_572_864, "bytes", "MB"), "-1.50MB");
        assert_eq!(label(5_400_000_000_000, "nanoseconds"), "1.50hrs");
    }
}
