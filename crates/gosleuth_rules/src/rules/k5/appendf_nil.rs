//! GS503 `appendf-nil`: `fmt.Appendf(nil, …)` allocates a new slice per call.

use crate::context::FileCtx;
use crate::finding::{Category, Effort, Kind, Severity};
use crate::rule::{Hit, Rule};
use crate::syntax::args;

pub(crate) static RULE: Rule = Rule {
    id: "GS503",
    slug: "appendf-nil",
    kind: Kind::K5,
    category: Category::StringsFormatting,
    severity: Severity::Low,
    title: "fmt.Appendf(nil, …) (or Append/Appendln with nil) allocates a fresh slice per call",
    impact: "a new, growing slice per call: the append form saves nothing without a buffer to append to",
    fix: "append into a reused or pooled buffer: buf = fmt.Appendf(buf[:0], …)",
    docs: DOCS,
    avoidable: 0.8,
    effort: Effort::Low,
    needs_profile: false,
    check,
};

const DOCS: &str = r#"## What it finds

`fmt.Appendf(nil, …)`, `fmt.Append(nil, …)` and `fmt.Appendln(nil, …)`. The
`modernize` analyzer rewrites `[]byte(fmt.Sprintf(…))` into this form, which still
allocates on every call.

## Why it costs

Appending to `nil` starts from an empty slice that grows by doubling: at least one
allocation per call, often several for longer output (visible as `growslice` under
the caller). Seed 000 counted 77 such calls in the NATS server.

## How to fix

```go
// before
hdr := fmt.Appendf(nil, "NATS/1.0 %d\r\n", code)

// after: a buffer owned by the caller or the connection
c.scratch = fmt.Appendf(c.scratch[:0], "NATS/1.0 %d\r\n", code)
```

## References

- x/tools modernize `fmtappendf`; seed analysis 000, `bytes.growSlice`
"#;

fn check(ctx: &FileCtx<'_>, out: &mut Vec<Hit>) {
    for &call in &ctx.nodes.calls {
        let Some(("fmt", name @ ("Appendf" | "Append" | "Appendln"))) = ctx.pkg_call(call) else {
            continue;
        };
        if args(call).first().is_some_and(|a| ctx.text(*a) == "nil") {
            let mut hit = Hit::at(
                call,
                format!("`fmt.{name}(nil, …)` allocates a new slice on every call"),
            );
            if ctx.nodes.in_loop(call) {
                hit = hit.severity(Severity::Medium);
            }
            out.push(hit);
        }
    }
}
