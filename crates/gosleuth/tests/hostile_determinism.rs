//! The same inputs give byte-identical output across runs and across thread
//! counts: reading, merging and indexing run on all cores, so each view is
//! run several times on two cores and once pinned to one (`taskset`, whose
//! CPU mask `available_parallelism` honours).

mod common;

use std::process::{Command, Output};

use common::{example_fixtures, repo, tmp};

fn run(args: &[String], one_core: bool) -> Output {
    let bin = env!("CARGO_BIN_EXE_gosleuth");
    let mut cmd = if one_core {
        let mut c = Command::new("taskset");
        c.args(["-c", "0", bin]);
        c
    } else {
        Command::new(bin)
    };
    cmd.args(args)
        .output()
        .expect("run gosleuth (taskset comes with util-linux)")
}

#[test]
fn output_is_identical_across_runs_and_thread_counts() {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    assert!(
        cores >= 2,
        "this test compares 1 and {cores} threads: it needs 2 cores"
    );
    // Ten profiles in one directory: read in parallel, merged in chunks.
    let dir = tmp("hostile-determinism");
    let fixtures = example_fixtures();
    for i in 1..=10 {
        let name = format!("node{i:02}.allocs.pb.gz");
        std::fs::copy(fixtures.join(&name), dir.join(&name)).expect("copy fixture");
    }
    let nodes = dir.to_str().expect("path").to_string();
    let src = repo().join("examples/pushsvc");
    let src = src.to_str().expect("path").to_string();
    let commands: Vec<Vec<&str>> = vec![
        vec!["top", "--nodecount", "30"],
        vec!["top", "--lines", "--cum"],
        vec!["traces"],
        vec!["raw"],
        vec!["peek", "."],
        vec!["list", ".", "--src", &src],
        vec!["resolve", "--src", &src],
    ];
    for command in commands {
        let mut args: Vec<String> = command.iter().map(ToString::to_string).collect();
        args.push(nodes.clone());
        let first = run(&args, false);
        assert!(
            first.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&first.stderr)
        );
        assert!(!first.stdout.is_empty(), "{args:?}: no output");
        for one_core in [false, false, true] {
            let again = run(&args, one_core);
            assert_eq!(again.status.code(), first.status.code(), "{args:?}");
            assert!(
                again.stdout == first.stdout && again.stderr == first.stderr,
                "{args:?} differs between runs (one core: {one_core})"
            );
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}
