//! GS102 `buffer-resized-by-make`: a read buffer re-made to grow or shrink
//! inside the read loop, the old one dropped.

use gosleuth_go::KindName as _;

use crate::context::FileCtx;
use crate::finding::{Category, Effort, Kind, Severity};
use crate::rule::{Hit, Rule};
use crate::syntax::{args, callee, field, find, named, text};

pub(crate) static RULE: Rule = Rule {
    id: "GS102",
    slug: "buffer-resized-by-make",
    kind: Kind::K1,
    category: Category::NetworkBuffers,
    severity: Severity::High,
    title: "read buffer resized with a bare make inside the read loop, the old buffer never pooled",
    impact: "every resize allocates a new buffer per connection and drops the old one; bursty traffic makes buffers flip between sizes",
    fix: "take resized buffers from size-classed sync.Pools and Put the old one back; shrink only after several short reads",
    docs: DOCS,
    avoidable: 0.7,
    effort: Effort::Medium,
    needs_profile: false,
    check,
};

const DOCS: &str = r#"## What it finds

Inside a `for` loop, a buffer that is passed to a `Read` (`conn.Read(b)`,
`io.ReadFull(r, b)`, `io.ReadAtLeast`) is replaced with `b = make([]byte, n)` to grow
or shrink it, and the function never returns the old buffer to a pool.

## Why it costs

Each resize is a fresh allocation per connection; the old buffer becomes garbage.
With many connections and bursty traffic, buffers oscillate between sizes (grow on a
full read, shrink on a short one) and the read loop becomes a steady allocation
source: in the NATS server, `readLoop` was the third largest `alloc_space` site.

## How to fix

Keep a `sync.Pool` per size class and swap buffers through it.

```go
// before
if n == len(b) && len(b) < maxBufSize {
    b = make([]byte, len(b)*2)
}

// after
if n == len(b) && len(b) < maxBufSize {
    nb := getReadBuf(len(b) * 2) // from the pool of that size class
    putReadBuf(b)
    b = nb
}
```

## References

- seed analysis 000: `readLoop` (57–90 GB), "every resize does a bare make"
- nats-server `client.go` `readLoop` grow and shrink
"#;

fn check(ctx: &FileCtx<'_>, out: &mut Vec<Hit>) {
    for &stmt in &ctx.nodes.assigns {
        if stmt.kind_name() != "assignment_statement"
            || crate::syntax::assign_op(stmt, ctx.src) != "="
        {
            continue;
        }
        let left = field(stmt, "left").map(named).unwrap_or_default();
        let right = field(stmt, "right").map(named).unwrap_or_default();
        let ([target], [value]) = (left.as_slice(), right.as_slice()) else {
            continue;
        };
        if value.kind_name() != "call_expression"
            || !matches!(callee(*value, ctx.src), Some((None, "make")))
            || args(*value)
                .first()
                .is_none_or(|t| ctx.text(*t) != "[]byte")
        {
            continue;
        }
        let Some(lp) = ctx.nodes.loop_of(stmt) else {
            continue;
        };
        let name = ctx.text(*target);
        let reads = find(lp, |n| n.kind_name() == "call_expression")
            .into_iter()
            .any(|c| {
                let read = matches!(
                    callee(c, ctx.src),
                    Some((Some(_), "Read" | "ReadFull" | "ReadAtLeast"))
                );
                read && args(c).iter().any(|a| {
                    let t = text(*a, ctx.src);
                    t == name || t.starts_with(&format!("{name}["))
                })
            });
        if !reads {
            continue;
        }
        let Some(func) = ctx.nodes.func_of(stmt) else {
            continue;
        };
        let pooled = find(func, |n| n.kind_name() == "call_expression")
            .into_iter()
            .any(|c| {
                matches!(callee(c, ctx.src), Some((Some(_), "Put")))
                    && args(c).iter().any(|a| ctx.text(*a).contains(name))
            });
        if pooled {
            continue;
        }
        let size = args(*value).get(1).map_or("", |a| ctx.text(*a));
        out.push(Hit::at(
            stmt,
            format!(
                "read buffer `{name}` is replaced by `make([]byte, {size})` inside the read loop; the old buffer is dropped, never pooled"
            ),
        ));
    }
}
