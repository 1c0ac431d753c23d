//! GS103 `unpooled-handoff-buffer`: a field buffer handed off and replaced
//! by a fresh `make` each time.

use gosleuth_go::KindName as _;

use crate::context::FileCtx;
use crate::finding::{Category, Effort, Kind, Severity};
use crate::rule::{Hit, Rule};
use crate::syntax::{args, assign_pairs, callee, named, text, unparen};

pub(crate) static RULE: Rule = Rule {
    id: "GS103",
    slug: "unpooled-handoff-buffer",
    kind: Kind::K1,
    category: Category::NetworkBuffers,
    severity: Severity::High,
    title: "buffer field handed off (queued, sent) and replaced with a fresh make, without a pool",
    impact: "every handoff allocates a new buffer of the current size; once written out the old one is garbage",
    fix: "take replacement buffers from size-classed sync.Pools and put them back after they are written out",
    docs: DOCS,
    avoidable: 0.7,
    effort: Effort::Medium,
    needs_profile: false,
    check,
};

const DOCS: &str = r#"## What it finds

A struct field that holds the buffer being filled (`c.out.p`) is handed off — appended
to a list of pending buffers (`c.out.nb = append(c.out.nb, c.out.p)`), sent on a
channel, or set to `nil` after being queued — and the same function refills it with
`c.out.p = make([]byte, 0, size)`, and nothing in the function takes it from a pool.

## Why it costs

Each handoff allocates a new buffer for the next batch of output; after the writer
flushes the queued buffer it becomes garbage. On an outbound path this allocates per
flush per connection (NATS `queueOutbound`, later fixed with `nbPool` tiers).

## How to fix

```go
// before
c.out.nb = append(c.out.nb, c.out.p)
c.out.p = make([]byte, 0, c.out.sz)

// after
c.out.nb = append(c.out.nb, c.out.p)
c.out.p = nbPoolGet(int(c.out.sz)) // and nbPoolPut(b) after the write
```

## References

- seed analysis 000: network I/O buffers "grow via make without pooling"
- nats-server `queueOutbound` before and after the `nbPool` change
"#;

fn check(ctx: &FileCtx<'_>, out: &mut Vec<Hit>) {
    for &func in &ctx.nodes.funcs {
        let Some(body) = crate::syntax::body(func) else {
            continue;
        };
        let _ = body;
        let calls = ctx.nodes.in_func(&ctx.nodes.calls, func);
        let pooled = calls
            .iter()
            .any(|c| matches!(callee(*c, ctx.src), Some((Some(_), "Get"))));
        if pooled {
            continue;
        }
        let assigns = ctx.nodes.in_func(&ctx.nodes.assigns, func);
        for s in assigns
            .iter()
            .filter(|s| s.kind_name() == "assignment_statement")
        {
            for (l, r) in assign_pairs(*s) {
                let Some(r) = r.map(unparen) else { continue };
                if l.kind_name() != "selector_expression"
                    || r.kind_name() != "call_expression"
                    || !matches!(callee(r, ctx.src), Some((None, "make")))
                    || args(r).first().is_none_or(|t| ctx.text(*t) != "[]byte")
                {
                    continue;
                }
                let target = text(l, ctx.src);
                let handed = calls
                    .iter()
                    .find(|c| {
                        matches!(callee(**c, ctx.src), Some((None, "append")))
                            && args(**c).iter().skip(1).any(|a| ctx.text(*a) == target)
                            && !named(crate::syntax::field(**c, "arguments").unwrap_or(**c))
                                .is_empty()
                            && !ctx.text(**c).contains("...")
                    })
                    .map(|c| crate::syntax::line(*c))
                    .or_else(|| {
                        ctx.nodes
                            .in_func(&ctx.nodes.sends, func)
                            .into_iter()
                            .find(|sd| {
                                crate::syntax::field(*sd, "value")
                                    .is_some_and(|v| ctx.text(v) == target)
                            })
                            .map(crate::syntax::line)
                    });
                let Some(at) = handed else { continue };
                let size = args(r)
                    .iter()
                    .skip(1)
                    .map(|a| ctx.text(*a))
                    .collect::<Vec<_>>()
                    .join(", ");
                out.push(
                    Hit::at(
                        *s,
                        format!("`{target}` is handed off and replaced by `make([]byte, {size})`; no pool supplies or takes back these buffers"),
                    )
                    .related(at, format!("`{target}` handed off here")),
                );
            }
        }
    }
}
