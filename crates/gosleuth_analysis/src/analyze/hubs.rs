//! Fan-out hubs: functions through which much of the total flows although they
//! allocate little themselves (seed 000's `processMsgResults`), with the
//! children that carry their weight.

use gosleuth_pprof::Profile;

use super::stats::{FunctionStats, callees, root_share};
use crate::model::{Hub, Range};

const MIN_CUM_SHARE: f64 = 0.10;
const MAX_OWN_SHARE_OF_CUM: f64 = 0.15;
const MIN_CHILD_SHARE: f64 = 0.05;
const MAX_HUBS: usize = 5;

pub(crate) fn fan_out_hubs(p: &Profile, index: usize, per_node: &[FunctionStats]) -> Vec<Hub> {
    let all = FunctionStats::new(p, index);
    if all.total == 0 {
        return Vec::new();
    }
    let mut candidates: Vec<(&String, i64)> = all
        .cum
        .iter()
        .map(|(f, c)| (f, *c))
        .filter(|(f, c)| {
            *c as f64 >= MIN_CUM_SHARE * all.total as f64
                && (all.flat_of(f) as f64) <= MAX_OWN_SHARE_OF_CUM * *c as f64
        })
        .collect();
    candidates.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    let mut hubs = Vec::new();
    for (function, cum) in candidates {
        if is_standard_library(function) || root_share(p, function, index) > 0.5 {
            continue; // a goroutine's entry or main: everything flows through it
        }
        let children: Vec<(String, f64)> = callees(p, function, index)
            .into_iter()
            .map(|(c, w)| (c, w as f64 * 100.0 / cum as f64))
            .filter(|(_, share)| *share >= MIN_CHILD_SHARE * 100.0)
            .collect();
        if children.is_empty() {
            continue;
        }
        let pct = |f: &dyn Fn(&FunctionStats) -> i64| -> Range {
            Range::of(
                &per_node
                    .iter()
                    .map(|s| {
                        if s.total == 0 {
                            0.0
                        } else {
                            f(s) as f64 * 100.0 / s.total as f64
                        }
                    })
                    .collect::<Vec<_>>(),
            )
        };
        hubs.push(Hub {
            function: function.clone(),
            cum_percent: pct(&|s| s.cum_of(function)),
            flat_percent: pct(&|s| s.flat_of(function)),
            children,
        });
        if hubs.len() == MAX_HUBS {
            break;
        }
    }
    hubs
}

/// Standard-library packages have no dot in their first path element
/// (`sync.(*Pool).Get`, `net/http.HandlerFunc.ServeHTTP`); hubs are about the
/// application's own code (`main` included).
fn is_standard_library(function: &str) -> bool {
    let last_slash = function.rfind('/').map_or(0, |i| i + 1);
    let package_end = function[last_slash..]
        .find('.')
        .map_or(function.len(), |i| last_slash + i);
    let package = &function[..package_end];
    let first = package.split('/').next().unwrap_or(package);
    package != "main" && !first.contains('.')
}

#[cfg(test)]
mod tests {
    use super::is_standard_library;

    #[test]
    fn standard_library_functions() {
        assert!(is_standard_library("sync.(*Pool).Get"));
        assert!(is_standard_library("net/http.HandlerFunc.ServeHTTP"));
        assert!(!is_standard_library(
            "github.com/nats-io/nats-server/server.(*client).parse"
        ));
        assert!(!is_standard_library("main.main"));
    }
}
