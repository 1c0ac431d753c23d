//! The graph's counting rules on small hand-built profiles: cumulative counted
//! once per sample under recursion, flat on the leaf, inline marks, granularity.

use gosleuth_pprof::graph::Granularity;
use gosleuth_pprof::{
    Function, Line, Location, Prepared, Profile, ReportOptions, Sample, ValueType, render_top,
};

fn function(id: u64, name: &str, file: &str) -> Function {
    Function {
        id,
        name: name.into(),
        system_name: name.into(),
        filename: file.into(),
        start_line: 0,
    }
}

fn location(id: u64, lines: &[(usize, i64)]) -> Location {
    Location {
        id,
        lines: lines
            .iter()
            .map(|&(f, l)| Line {
                function: Some(f),
                line: l,
                column: 0,
            })
            .collect(),
        ..Location::default()
    }
}

/// main → f → g → f (recursion), and h inlined into main.
fn profile() -> Profile {
    Profile {
        sample_types: vec![ValueType {
            r#type: "alloc_space".into(),
            unit: "bytes".into(),
        }],
        functions: vec![
            function(1, "main.main", "main.go"),
            function(2, "main.f", "f.go"),
            function(3, "main.g", "g.go"),
            function(4, "main.h", "h.go"),
        ],
        locations: vec![
            location(1, &[(0, 10)]),          // main.main:10
            location(2, &[(1, 20)]),          // main.f:20
            location(3, &[(2, 30)]),          // main.g:30
            location(4, &[(1, 21)]),          // main.f:21
            location(5, &[(3, 40), (0, 11)]), // main.h:40 inlined into main.main:11
        ],
        samples: vec![
            Sample {
                locations: vec![3, 2, 1, 0],
                values: vec![1000],
                ..Sample::default()
            },
            Sample {
                locations: vec![4],
                values: vec![24],
                ..Sample::default()
            },
        ],
        ..Profile::default()
    }
}

fn top(granularity: Granularity) -> String {
    let options = ReportOptions {
        granularity,
        ..ReportOptions::default()
    };
    render_top(&Prepared::new(profile(), options).unwrap())
}

#[test]
fn recursion_counts_cumulative_once_and_inlined_calls_are_marked() {
    assert_eq!(
        top(Granularity::Functions),
        "Type: alloc_space
Showing nodes accounting for 1024B, 100% of 1024B total
      flat  flat%   sum%        cum   cum%
     1000B 97.66% 97.66%      1000B 97.66%  main.f
       24B  2.34%   100%        24B  2.34%  main.h (inline)
         0     0%   100%      1000B 97.66%  main.g
         0     0%   100%      1024B   100%  main.main
"
    );
}

#[test]
fn lines_split_a_function_by_call_line() {
    let text = top(Granularity::Lines);
    assert!(
        text.contains("     1000B 97.66% 97.66%      1000B 97.66%  main.f f.go:21\n"),
        "{text}"
    );
    assert!(
        text.contains("         0     0%   100%      1000B 97.66%  main.f f.go:20\n"),
        "{text}"
    );
    assert!(
        text.contains("       24B  2.34%   100%        24B  2.34%  main.h h.go:40 (inline)\n"),
        "{text}"
    );
}

#[test]
fn files_aggregate_by_file() {
    let text = top(Granularity::Files);
    assert!(
        text.contains("     1000B 97.66% 97.66%      1000B 97.66%  f.go\n"),
        "{text}"
    );
    assert!(
        text.contains("         0     0%   100%      1024B   100%  main.go\n"),
        "{text}"
    );
}
