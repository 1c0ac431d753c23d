//! A small report in which every string from a profile, a source file or
//! the command line carries markup and quotes.

use crate::model::{
    AllocLine, AnalyzeReport, Caller, Category, CategoryRow, FileFunction, FileGroup, FoldedStack,
    Hub, NodeSummary, ObjectSize, ObjectSizes, PoolAttribution, Priority, Range, Recommendation,
    Site, SiteFinding, SourceCoverage, SourceLine, Windows,
};

const EVIL: &str = "<script>alert(1)</script>\"'&<img src=x onerror=alert(2)>";

fn range(min: f64, max: f64) -> Range {
    Range {
        min,
        median: (min + max) / 2.0,
        max,
    }
}

pub(super) fn report() -> AnalyzeReport {
    let evil = |s: &str| format!("{s}{EVIL}");
    let site = Site {
        rank: 1,
        function: evil("main.(*T).handle"),
        file: Some(evil("main.go")),
        decl_line: Some(10),
        flat: range(100.0, 300.0),
        per_node_flat: vec![100.0, 300.0],
        cum: range(200.0, 400.0),
        flat_per_minute: None,
        cum_per_minute: None,
        share_percent: range(10.0, 30.0),
        category: Category::SliceMapGrowth,
        reason: evil("append grows"),
        pool: Some(PoolAttribution {
            pool: evil("pool"),
            file: evil("p.go"),
            line: 3,
            object_size: Some(64.0),
            puts: vec![evil("p.go:9")],
        }),
        lines: vec![AllocLine {
            line: 12,
            code: Some(evil("b = append(b, x)")),
            value: 400.0,
            objects: Some(4.0),
            average_size: Some(100.0),
        }],
        object_sizes: Some(ObjectSizes {
            distinct: 1,
            top: vec![ObjectSize {
                size: 100,
                objects: 4.0,
                bytes: 400.0,
                objects_percent: 100.0,
                bytes_percent: 100.0,
            }],
        }),
        callers: vec![Caller {
            function: evil("main.run"),
            file: evil("run.go"),
            line: 5,
            share_percent: 100.0,
            via: Some(format!("{} at x.go:1", evil("main.main"))),
        }],
        source_window: vec![
            SourceLine {
                line: 11,
                code: evil("\tfor {"),
                value: 0.0,
            },
            SourceLine {
                line: 12,
                code: evil("\t\tb = append(b, x)"),
                value: 400.0,
            },
            SourceLine {
                line: 20,
                code: "}".into(),
                value: 0.0,
            },
        ],
        findings: vec![SiteFinding {
            rule_id: "GS102".into(),
            rule_slug: "make-in-loop".into(),
            file: evil("x.go"),
            line: 12,
            end_line: 12,
            message: evil("make in a loop"),
        }],
    };
    AnalyzeReport {
        schema_version: crate::model::SCHEMA_VERSION,
        sample_type: evil("alloc_space"),
        unit: "bytes".into(),
        nodes: vec![
            NodeSummary {
                name: evil("node-a"),
                total: 1000.0,
                duration_seconds: Some(30.0),
                total_per_minute: Some(2000.0),
            },
            NodeSummary {
                name: evil("node-b"),
                total: 1000.0,
                duration_seconds: None,
                total_per_minute: None,
            },
        ],
        total: range(1000.0, 1000.0),
        windows: Windows::Partial,
        total_per_minute: None,
        summary: vec![CategoryRow {
            category: Category::SliceMapGrowth,
            ranks: vec![1],
            value: range(100.0, 300.0),
            value_per_minute: None,
            root_cause: evil("growth"),
        }],
        sites: vec![site],
        recommendations: vec![Recommendation {
            priority: Priority::P1,
            rule_id: "GS102".into(),
            rule_slug: "make-in-loop".into(),
            change: evil("hoist the buffer"),
            targets: vec![format!("{}:12", evil("x.go"))],
            site_ranks: vec![1],
            saving: range(50.0, 150.0),
            saving_percent: range(5.0, 15.0),
            effort: "low".into(),
        }],
        hubs: vec![Hub {
            function: evil("main.hub"),
            cum_percent: range(80.0, 90.0),
            flat_percent: range(0.0, 1.0),
            children: vec![(evil("main.child"), 75.0)],
        }],
        source: SourceCoverage {
            resolved: 3,
            frames: 4,
            unresolved: vec![evil("main.lost x.go:1")],
        },
        files: vec![FileGroup {
            file: evil("main.go"),
            value: range(100.0, 300.0),
            value_per_minute: None,
            share_percent: range(10.0, 30.0),
            function_count: 1,
            functions: vec![FileFunction {
                function: evil("main.(*T).handle"),
                value: 400.0,
                line: 12,
                code: Some(evil("b = append(b, x)")),
                rank: Some(1),
            }],
        }],
        flame: vec![
            FoldedStack {
                stack: format!("main.main;{}", evil("main.(*T).handle")),
                value: 300,
            },
            FoldedStack {
                stack: "main.main;runtime.mallocgc".into(),
                value: 100,
            },
        ],
    }
}
