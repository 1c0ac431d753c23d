//! GS305 `pool-new-large`: a pool whose `New` allocates a large object.

use gosleuth_go::KindName as _;
use tree_sitter::Node;

use crate::context::FileCtx;
use crate::finding::{Category, Effort, Kind, Severity};
use crate::rule::{Hit, Rule};
use crate::syntax::{args, callee, field, find, named, text, unparen};

pub(crate) static RULE: Rule = Rule {
    id: "GS305",
    slug: "pool-new-large",
    kind: Kind::K3,
    category: Category::PoolRefill,
    severity: Severity::Medium,
    title: "sync.Pool New allocates a large object (16 KiB or more)",
    impact: "whenever the pool runs cold (after each GC, bursts, skipped Puts) every Get pays a large allocation",
    fix: "make sure objects come back (see GS302/GS304), size the objects to what callers need, or keep a small warm free list",
    docs: DOCS,
    avoidable: 0.5,
    effort: Effort::Medium,
    needs_profile: false,
    check,
};

const DOCS: &str = r#"## What it finds

`sync.Pool{New: func() any { … }}` whose `New` returns a buffer of a constant size
of 16 KiB or more: `make([]byte, n)`, `make([]byte, 0, n)`, `new([n]byte)`, an array
literal, or `bytes.NewBuffer(make([]byte, 0, n))`.

## Why it costs

`New` runs on every `Get` that finds the pool empty: after every GC cycle (pools are
cleared across two cycles), during bursts, and whenever objects are dropped instead
of put back. In profiles it appears as `pkg.init.funcN` under `sync.(*Pool).Get`,
and with large objects it can be a top allocator.

## How to fix

Fix the return paths first, then size the objects to the common case.

```go
// before
var framePool = sync.Pool{New: func() any { return make([]byte, 0, 32*1024) }}

// after: most frames are small; large ones get their own pool or none
var framePool = sync.Pool{New: func() any { b := make([]byte, 0, 4*1024); return &b }}
```

## References

- seed analysis 000: `init.func1`/`init.func2` (client.go) and `init.func9` (filestore.go) pool refills
"#;

const LARGE: i64 = 16 * 1024;

fn check(ctx: &FileCtx<'_>, out: &mut Vec<Hit>) {
    for &lit in &ctx.nodes.composites {
        let is_pool = field(lit, "type").is_some_and(|t| {
            let t = ctx.typer().type_str(t);
            t.trim_start_matches('*') == "sync.Pool"
        });
        if !is_pool {
            continue;
        }
        let Some(body) = field(lit, "body") else {
            continue;
        };
        for elem in named(body)
            .into_iter()
            .filter(|e| e.kind_name() == "keyed_element")
        {
            let key = field(elem, "key").map_or("", |k| text(k, ctx.src));
            let Some(new) = field(elem, "value")
                .and_then(|v| v.named_child(0))
                .filter(|v| key == "New" && v.kind_name() == "func_literal")
            else {
                continue;
            };
            if let Some((size, at)) = largest_alloc(ctx, new) {
                out.push(
                    Hit::at(
                        new,
                        format!("this pool's New allocates {} per miss", human(size)),
                    )
                    .related(at, "allocation"),
                );
            }
        }
    }
}

fn largest_alloc(ctx: &FileCtx<'_>, new: Node<'_>) -> Option<(i64, u32)> {
    let mut best: Option<(i64, u32)> = None;
    for n in find(new, |n| {
        matches!(
            n.kind_name(),
            "call_expression" | "array_type" | "composite_literal"
        )
    }) {
        let size = match n.kind_name() {
            "call_expression" => match callee(n, ctx.src) {
                Some((None, "make")) => {
                    let a = args(n);
                    a.iter()
                        .skip(1)
                        .filter_map(|x| ctx.facts.int_value(*x, ctx.src))
                        .max()
                }
                _ => None,
            },
            "array_type" => {
                field(n, "length").and_then(|l| ctx.facts.int_value(unparen(l), ctx.src))
            }
            _ => None,
        };
        if let Some(s) = size.filter(|s| *s >= LARGE)
            && best.is_none_or(|(b, _)| s > b)
        {
            best = Some((s, crate::syntax::line(n)));
        }
    }
    best
}

fn human(n: i64) -> String {
    if n % (1024 * 1024) == 0 {
        format!("{} MiB", n / (1024 * 1024))
    } else if n % 1024 == 0 {
        format!("{} KiB", n / 1024)
    } else {
        format!("{n} bytes")
    }
}
