//! `slow`: the slowness investigation (SPEC §6, seed 003). Slow-operation
//! lines from logs with per-operation statistics and a timeline; the code
//! that logs each message and what it does before logging (locks, I/O,
//! waits, calls under locks); blocked goroutines from dumps; ranked hypotheses.

mod callees;
mod calls;
mod confirm;
mod dumps;
mod duration;
mod findings;
mod hypotheses;
mod literals;
pub(crate) mod model;
mod scan;
mod site;
mod stats;
mod walk;

use std::collections::BTreeMap;
use std::path::PathBuf;

use gosleuth_go::{BuildContext, Index};

use crate::error::{Error, Result};
use crate::goroutines::DumpInput;
use callees::Texts;
use literals::Literal;
use model::{LogSummary, Operation, SLOW_SCHEMA_VERSION, SlowReport};
use scan::{Event, Scanner};

/// One log file.
#[derive(Debug, Clone)]
pub struct LogInput {
    /// Its name (as given).
    pub name: String,
    /// Its text.
    pub text: String,
}

/// Options of [`slow`].
#[derive(Debug, Clone, Default)]
pub struct SlowOptions {
    /// Source roots searched for the messages.
    pub src: Vec<PathBuf>,
    /// Extra patterns: regexes with a named group `dur` (and optionally `op`).
    pub patterns: Vec<String>,
}

/// Investigates the slow lines of `logs`, with `dumps` taken around the slow times.
///
/// # Errors
/// When a user pattern is not a usable regex, or a source root is not a directory.
pub fn slow(logs: &[LogInput], dumps: &[DumpInput], opts: &SlowOptions) -> Result<SlowReport> {
    if let Some(bad) = opts.src.iter().find(|r| !r.is_dir()) {
        return Err(Error::Invalid(format!(
            "--src {}: not a directory",
            bad.display()
        )));
    }
    let scanner = Scanner::new(&opts.patterns)?;
    let mut events: Vec<Event> = Vec::new();
    let mut summaries = Vec::new();
    for (i, l) in logs.iter().enumerate() {
        let found = scanner.scan(i, &l.text);
        summaries.push(LogSummary {
            name: l.name.clone(),
            lines: l.text.lines().count(),
            slow_lines: found.len(),
        });
        events.extend(found);
    }
    let gctrace_lines = logs
        .iter()
        .map(|l| l.text.lines().filter(|x| is_gctrace(x)).count())
        .sum();
    let files = literals::go_files(&opts.src);
    let leads: Vec<&str> = {
        let mut v: Vec<&str> = events.iter().map(|e| e.lead.as_str()).collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let needles: Vec<&str> = leads
        .iter()
        .map(|l| needle(l))
        .filter(|n| !n.is_empty())
        .collect();
    let lits = if needles.is_empty() {
        Vec::new()
    } else {
        literals::find(&files, &needles)
    };
    let matched: BTreeMap<&str, Vec<&Literal>> = leads
        .iter()
        .map(|l| (*l, longest_match(l, &lits)))
        .collect();
    let mut by_op: BTreeMap<String, Vec<&Event>> = BTreeMap::new();
    for e in &events {
        by_op
            .entry(op_name(e, &matched[e.lead.as_str()]))
            .or_default()
            .push(e);
    }
    let mut index = Index::new(BuildContext::default());
    let mut dirs: Vec<PathBuf> = lits
        .iter()
        .filter_map(|l| l.path.parent().map(std::path::Path::to_path_buf))
        .collect();
    dirs.sort();
    dirs.dedup();
    index.add_dirs(&dirs);
    let mut texts = Texts::default();
    let mut locking = findings::Locking::default();
    let mut operations: Vec<Operation> = by_op
        .iter()
        .map(|(name, evs)| {
            let mut lits: Vec<&Literal> = evs
                .iter()
                .flat_map(|e| matched[e.lead.as_str()].iter().copied())
                .collect();
            lits.sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
            lits.dedup();
            let code = site::code_sites(&lits, &opts.src, &index, &mut texts, &mut locking);
            operation(name, evs, logs, code)
        })
        .collect();
    operations.sort_by(|a, b| {
        b.total_seconds
            .total_cmp(&a.total_seconds)
            .then(a.name.cmp(&b.name))
    });
    let tagged: Vec<(&Event, &str)> = by_op
        .iter()
        .flat_map(|(name, evs)| evs.iter().map(move |e| (*e, name.as_str())))
        .collect();
    let timeline = stats::bursts(&tagged);
    let slow_functions: Vec<String> = operations
        .iter()
        .flat_map(|o| o.code.iter().map(|c| c.function.clone()))
        .collect();
    let dumps: Vec<_> = dumps
        .iter()
        .map(|d| dumps::blocked(d, &slow_functions, &files, &mut texts))
        .collect();
    let hypotheses = if events.is_empty() {
        Vec::new()
    } else {
        hypotheses::hypotheses(&hypotheses::Evidence {
            operations: &operations,
            bursts: &timeline,
            dumps: &dumps,
            gctrace_lines,
        })
    };
    Ok(SlowReport {
        schema_version: SLOW_SCHEMA_VERSION,
        logs: summaries,
        operations,
        timeline,
        dumps,
        hypotheses,
    })
}

/// What a file must contain to hold the message: its last two words.
fn needle(lead: &str) -> &str {
    let t = lead.trim();
    let mut ends = t
        .char_indices()
        .filter(|(_, c)| c.is_whitespace())
        .map(|(i, _)| i)
        .collect::<Vec<_>>();
    ends.reverse();
    match ends.get(1) {
        Some(&i) => t[i..].trim_start(),
        None => t,
    }
}

/// The literals holding the longest word suffix of `lead` (two words or
/// twelve characters at least) that any literal holds.
fn longest_match<'l>(lead: &str, lits: &'l [Literal]) -> Vec<&'l Literal> {
    let words: Vec<&str> = lead.split_whitespace().collect();
    for k in 0..words.len() {
        let suffix = words[k..].join(" ");
        if words.len() - k < 2 && suffix.len() < 12 {
            break;
        }
        let hits: Vec<&Literal> = lits.iter().filter(|l| l.text.contains(&suffix)).collect();
        if !hits.is_empty() {
            return hits;
        }
    }
    Vec::new()
}

/// The operation's name: the format string the source logs it with, else
/// the message as logged.
fn op_name(e: &Event, lits: &[&Literal]) -> String {
    lits.first()
        .map_or_else(|| e.message.clone(), |l| l.text.trim().to_string())
}

fn operation(
    name: &str,
    evs: &[&Event],
    logs: &[LogInput],
    code: Vec<model::LogSite>,
) -> Operation {
    let mut d: Vec<f64> = evs.iter().map(|e| e.seconds).collect();
    d.sort_by(f64::total_cmp);
    let mut subjects: Vec<&str> = evs.iter().map(|e| e.subject.as_str()).collect();
    subjects.sort_unstable();
    subjects.dedup();
    let stamps: Vec<(f64, &str)> = evs
        .iter()
        .filter_map(|e| Some((e.at?, e.stamp.as_deref()?)))
        .collect();
    let first = stamps
        .iter()
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|s| s.1.to_string());
    let last = stamps
        .iter()
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|s| s.1.to_string());
    Operation {
        name: name.to_string(),
        pattern: evs[0].pattern.clone(),
        count: evs.len(),
        p50_seconds: stats::percentile(&d, 50.0),
        p99_seconds: stats::percentile(&d, 99.0),
        max_seconds: d.last().copied().unwrap_or(0.0),
        total_seconds: d.iter().sum(),
        subjects: subjects.len(),
        first,
        last,
        examples: evs
            .iter()
            .take(3)
            .map(|e| format!("{}:{}: {}", logs[e.log].name, e.line, e.text))
            .collect(),
        code,
    }
}

/// A `GODEBUG=gctrace=1` line: `gc 12 @3.456s 2%: …`.
fn is_gctrace(line: &str) -> bool {
    let t = line.trim_start();
    t.strip_prefix("gc ").is_some_and(|r| {
        let mut parts = r.split_whitespace();
        parts
            .next()
            .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()))
            && parts.next().is_some_and(|a| a.starts_with('@'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn needles_and_gctrace() {
        assert_eq!(needle("Readloop processing time:"), "processing time:");
        assert_eq!(needle("WriteFullState took"), "WriteFullState took");
        assert_eq!(needle("slow"), "slow");
        assert!(is_gctrace("gc 12 @3.456s 2%: 0.1+1.2+0.05 ms clock"));
        assert!(!is_gctrace("gc collected"));
    }
}
