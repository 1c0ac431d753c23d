//! GS302 `pool-put-exact-capacity`: Put skipped for every buffer whose
//! capacity is not the pool's standard one.

use gosleuth_go::KindName as _;

use crate::context::FileCtx;
use crate::facts::key_of;
use crate::finding::{Category, Effort, Kind, Severity};
use crate::rule::{Hit, Rule};

pub(crate) static RULE: Rule = Rule {
    id: "GS302",
    slug: "pool-put-exact-capacity",
    kind: Kind::K3,
    category: Category::PoolRefill,
    severity: Severity::Medium,
    title: "pool Put silently skipped for buffers whose capacity is not one exact size",
    impact: "buffers that grew (or were sized differently) never return, so the pool runs cold and New allocates again",
    fix: "keep buffers up to a bound (cap <= max), or route them to size-classed pools; drop only the oversized",
    docs: DOCS,
    avoidable: 0.6,
    effort: Effort::Low,
    needs_profile: false,
    check,
};

const DOCS: &str = r#"## What it finds

A function that puts its argument back into a `sync.Pool` only when
`cap(b) == size` (`if cap(b) != size { return }`, or a `switch cap(b)` without a
default). Reported as high when the matching Get-side helper appends to the pooled
buffer, so that buffers routinely outgrow the standard size.

## Why it costs

Every buffer that grew past the standard capacity is dropped instead of reused, and
the next `Get` finds the pool empty and calls `New` again: the pool's `New` shows up
as a top allocator (`init.func1` under `sync.(*Pool).Get`). The same happens to
buffers of other framings (WebSocket, MQTT) whose capacity differs.

## How to fix

Accept a range of capacities, and cap only the oversized ones.

```go
// before
if cap(b) != frameBufSize {
    return
}
framePool.Put(b[:0])

// after
if cap(b) > maxPooledFrame { // e.g. 4 × frameBufSize
    return
}
b = b[:0]
framePool.Put(&b)
```

## References

- seed analysis 000: `nbPoolPut` drops framed buffers with non-standard capacities
- golang/go#23199 and CL 136116 (fmt caps pooled buffers at 64 KiB)
"#;

fn check(ctx: &FileCtx<'_>, out: &mut Vec<Hit>) {
    let typer = ctx.typer();
    for &func in &ctx.nodes.tops {
        let Some(f) = ctx.facts.func(&key_of(&typer, func)) else {
            continue;
        };
        let (Some((pool, _)), Some(guard)) = (&f.pool_put, f.exact_cap_guard) else {
            continue;
        };
        if f.size_guard {
            continue;
        }
        let grower = ctx
            .facts
            .funcs
            .iter()
            .filter(|(_, g)| g.pool_get.as_deref() == Some(pool.as_str()) && g.get_grows)
            .map(|(k, _)| k.as_str())
            .min();
        let put_line = crate::syntax::find(func, |n| n.kind_name() == "call_expression")
            .into_iter()
            .filter(|c| matches!(crate::syntax::callee(*c, ctx.src), Some((Some(_), "Put"))))
            .map(crate::syntax::line)
            .max()
            .unwrap_or(guard);
        let mut hit = Hit::lines(
            guard,
            put_line.max(guard),
            format!(
                "`{pool}` gets back only buffers of one exact capacity; every other buffer is dropped and the next Get calls New"
            ),
        );
        if let Some(g) = grower {
            hit.message.push_str(&format!(
                " (`{g}` appends to the pooled buffer, so large messages make it outgrow that capacity)"
            ));
            hit = hit.severity(Severity::High);
        }
        out.push(hit);
    }
}
