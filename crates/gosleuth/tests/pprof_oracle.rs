//! Differential tests: gosleuth's pprof-compatible views against the machine's
//! real `go tool pprof`, byte for byte, on every real profile we have (the NATS
//! server's, built with Go 1.19, and the example service's, built with Go 1.26).

mod common;

use std::path::{Path, PathBuf};

use common::{example_fixtures, files, gosleuth, nats_data, pprof, sample_types};

/// One comparison: pprof flags (pprof spelling; gosleuth accepts it too) and inputs.
struct Case {
    view: &'static str,
    flags: Vec<String>,
    inputs: Vec<PathBuf>,
}

impl Case {
    fn describe(&self) -> String {
        let names: Vec<String> = self
            .inputs
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        format!("{} {} {}", self.view, self.flags.join(" "), names.join(" "))
    }

    /// Returns a description of the mismatch, if any.
    fn mismatch(&self) -> Option<String> {
        let inputs: Vec<&str> = self.inputs.iter().map(|p| p.to_str().unwrap()).collect();
        let (ours_view, oracle_flag): (Vec<&str>, String) = match self.view {
            "top" | "traces" | "raw" => (vec![self.view], format!("-{}", self.view)),
            v => {
                let (name, re) = v.split_once(' ').unwrap();
                (vec![name, re], format!("-{name}={re}"))
            }
        };
        let flags: Vec<&str> = self.flags.iter().map(String::as_str).collect();
        let ours = gosleuth(&[ours_view.as_slice(), &flags, &inputs].concat());
        let theirs = pprof(&[&[oracle_flag.as_str()][..], &flags, &inputs].concat());
        if !theirs.status.success() {
            return Some(format!(
                "pprof failed: {}",
                String::from_utf8_lossy(&theirs.stderr)
            ));
        }
        if ours.stdout == theirs.stdout {
            return None;
        }
        let (a, b) = (
            String::from_utf8_lossy(&ours.stdout),
            String::from_utf8_lossy(&theirs.stdout),
        );
        if self.flags.iter().any(|f| f == "-files") && same_rows_any_order(&a, &b) {
            return None;
        }
        let first = a
            .lines()
            .zip(b.lines())
            .position(|(x, y)| x != y)
            .unwrap_or(0);
        Some(format!(
            "first difference at line {}:\n  ours:  {:?}\n  pprof: {:?}\n  stderr: {}",
            first + 1,
            a.lines().nth(first).unwrap_or("<end>"),
            b.lines().nth(first).unwrap_or("<end>"),
            String::from_utf8_lossy(&ours.stderr)
        ))
    }
}

/// At `-files` granularity pprof keys nodes by file *and* function start line
/// (Go 1.20+ profiles carry start lines), so one file can have several rows with
/// the same name; pprof orders those by Go map iteration, differently on every
/// run. Compare the header exactly and the rows as a multiset, minus the
/// order-dependent running `sum%` column.
fn same_rows_any_order(ours: &str, pprof: &str) -> bool {
    let split = |text: &str| -> (Vec<String>, Vec<String>) {
        let mut lines = text.lines();
        let header: Vec<String> = lines
            .by_ref()
            .take_while(|l| !l.trim_start().starts_with("flat"))
            .map(str::to_string)
            .collect();
        let mut rows: Vec<String> = lines
            .map(|l| {
                let cols: Vec<&str> = l.split_whitespace().collect();
                let mut kept = cols.clone();
                if kept.len() > 2 {
                    kept.remove(2);
                }
                kept.join(" ")
            })
            .collect();
        rows.sort();
        (header, rows)
    };
    split(ours) == split(pprof)
}

fn s(v: &[&str]) -> Vec<String> {
    v.iter().map(|x| (*x).to_string()).collect()
}

/// Every sample index × {functions, lines} × {all, -nodecount=10, -cum}.
fn top_cases(inputs: &[PathBuf]) -> Vec<Case> {
    let mut cases = Vec::new();
    for index in sample_types(&inputs[0]) {
        for gran in ["-functions", "-lines"] {
            for extra in [&[][..], &["-nodecount=10"][..], &["-cum"][..]] {
                let mut flags = s(&[&format!("-sample_index={index}"), gran]);
                flags.extend(s(extra));
                cases.push(Case {
                    view: "top",
                    flags,
                    inputs: inputs.to_vec(),
                });
            }
        }
    }
    cases
}

fn run_all(cases: Vec<Case>) {
    let total = cases.len();
    let chunks: Vec<Vec<Case>> = {
        let mut v: Vec<Vec<Case>> = (0..4).map(|_| Vec::new()).collect();
        for (i, c) in cases.into_iter().enumerate() {
            v[i % 4].push(c);
        }
        v
    };
    let failures: Vec<String> = std::thread::scope(|scope| {
        let handles: Vec<_> = chunks
            .iter()
            .map(|chunk| {
                scope.spawn(move || {
                    chunk
                        .iter()
                        .filter_map(|c| c.mismatch().map(|m| format!("{}\n{m}", c.describe())))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    assert!(
        failures.is_empty(),
        "{} of {total} cases differ from go tool pprof:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
    eprintln!("{total} cases identical to go tool pprof");
}

fn profiles(dir: &Path) -> Vec<PathBuf> {
    files(dir, ".pb.gz")
}

/// [`top_cases`] of every profile in `dir`, each on its own.
fn top_cases_of_each(dir: &Path) -> Vec<Case> {
    profiles(dir)
        .into_iter()
        .flat_map(|p| top_cases(&[p]))
        .collect()
}

#[test]
fn top_matches_pprof_on_every_nats_profile() {
    run_all(top_cases_of_each(&nats_data()));
}

#[test]
fn top_matches_pprof_on_every_example_profile() {
    run_all(top_cases_of_each(&example_fixtures()));
}

#[test]
fn top_matches_pprof_on_merged_profiles() {
    let nats = nats_data();
    let ex = example_fixtures();
    let mut cases = Vec::new();
    for (dir, suffix) in [
        (&nats, ".allocs.pb.gz"),
        (&nats, ".heap.pb.gz"),
        (&nats, ".goroutine.pb.gz"),
        (&ex, ".allocs.pb.gz"),
    ] {
        cases.extend(top_cases(&files(dir, suffix)));
    }
    run_all(cases);
}

#[test]
fn top_matches_pprof_with_filters_and_other_granularities() {
    let js = nats_data().join("js.allocs.pb.gz");
    let cpu = nats_data().join("ws.cpu.pb.gz");
    let ex = example_fixtures().join("allocs.pb.gz");
    let flag_sets: &[&[&str]] = &[
        &["-files"],
        &["-filefunctions"],
        &["-addresses", "-nodecount=20"],
        &["-noinlines"],
        &["-lines", "-noinlines", "-cum"],
        &["-focus=client", "-ignore=Sprintf"],
        &["-focus=readLoop", "-lines", "-nodecount=5"],
        &["-hide=runtime", "-cum"],
        &["-show=server", "-lines"],
        &["-nodefraction=0", "-edgefraction=0"],
        &["-nodefraction=0.05", "-compact_labels"],
        &["-unit=kB"],
        &["-focus=no_such_function_anywhere"],
    ];
    let cases = [js, cpu, ex]
        .iter()
        .flat_map(|p| {
            flag_sets.iter().map(move |f| Case {
                view: "top",
                flags: s(f),
                inputs: vec![p.clone()],
            })
        })
        .collect();
    run_all(cases);
}

#[test]
fn peek_traces_and_raw_match_pprof() {
    let mut cases = Vec::new();
    for p in profiles(&nats_data())
        .into_iter()
        .chain(profiles(&example_fixtures()))
    {
        for view in ["traces", "raw", "peek (Loop|Pool|main)"] {
            cases.push(Case {
                view,
                flags: vec![],
                inputs: vec![p.clone()],
            });
        }
    }
    run_all(cases);
}
