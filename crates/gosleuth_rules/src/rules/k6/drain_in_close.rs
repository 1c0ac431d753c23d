//! GS603 `drain-in-close`: `Close()` drains a body with `io.ReadAll`.

use gosleuth_go::KindName as _;

use crate::context::FileCtx;
use crate::finding::{Category, Effort, Kind, Severity};
use crate::rule::{Hit, Rule};
use crate::syntax::{args, func_name};

pub(crate) static RULE: Rule = Rule {
    id: "GS603",
    slug: "drain-in-close",
    kind: Kind::K6,
    category: Category::NetworkBuffers,
    severity: Severity::High,
    title: "Close() drains the rest of a stream with io.ReadAll (or an unbounded io.Copy to io.Discard)",
    impact: "closing allocates the whole unread remainder (io.ReadAll) or reads an unbounded amount, on every close",
    fix: "discard with a bounded io.CopyN(io.Discard, r, limit) using a pooled buffer, or just close without draining",
    docs: DOCS,
    avoidable: 0.9,
    effort: Effort::Low,
    needs_profile: false,
    check,
};

const DOCS: &str = r#"## What it finds

A `Close` method that calls `io.ReadAll` (or `ioutil.ReadAll`) to drain what is left of
a reader, or `io.Copy(io.Discard, r)` with no limit.

## Why it costs

`io.ReadAll` keeps everything it reads: draining a large or slow body allocates a
doubling slice for the whole remainder only to throw it away. An unbounded
`io.Copy(io.Discard, …)` allocates less but can block a close for as long as the
peer keeps sending.

## How to fix

```go
// before
func (b *body) Close() error {
    io.ReadAll(b.r)
    return b.c.Close()
}

// after
func (b *body) Close() error {
    io.CopyN(io.Discard, b.r, maxDrain) // bounded; io.Discard uses a pooled buffer
    return b.c.Close()
}
```

## References

- go-antipatterns K6: "io.ReadAll used to discard a body in Close()" (no linter)
"#;

fn check(ctx: &FileCtx<'_>, out: &mut Vec<Hit>) {
    for &call in &ctx.nodes.calls {
        let Some(pc) = ctx.pkg_call(call) else {
            continue;
        };
        let readall = matches!(pc, ("io" | "ioutil", "ReadAll"));
        let discard = matches!(pc, ("io", "Copy"))
            && args(call).first().is_some_and(|a| {
                let t = ctx.text(*a);
                t.ends_with(".Discard")
            });
        if !readall && !discard {
            continue;
        }
        let Some(func) = ctx.nodes.func_of(call) else {
            continue;
        };
        if func.kind_name() != "method_declaration" || func_name(func, ctx.src) != "Close" {
            continue;
        }
        let hit = Hit::at(
            call,
            format!("`Close` drains the stream with `{}`", ctx.text(call)),
        );
        out.push(if readall {
            hit
        } else {
            hit.severity(Severity::Low)
        });
    }
}
