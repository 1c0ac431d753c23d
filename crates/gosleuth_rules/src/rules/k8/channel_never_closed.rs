//! GS804 `channel-never-closed`: ranging over a channel nobody closes.

use gosleuth_go::KindName as _;

use crate::context::FileCtx;
use crate::facts::last_name;
use crate::finding::{Category, Effort, Kind, Severity};
use crate::rule::{Hit, Rule};
use crate::syntax::field;

pub(crate) static RULE: Rule = Rule {
    id: "GS804",
    slug: "channel-never-closed",
    kind: Kind::K8,
    category: Category::GoroutineStacks,
    severity: Severity::Medium,
    title: "for-range over a channel that no code of the package closes",
    impact: "the ranging goroutine can only end with the process: one stuck goroutine per channel",
    fix: "close the channel when the producer is done (or range with a ctx.Done() select and return)",
    docs: DOCS,
    avoidable: 1.0,
    effort: Effort::Low,
    needs_profile: false,
    check,
};

const DOCS: &str = r#"## What it finds

`for v := range ch` where `ch` is a channel (local, field or package variable) and no
`close(ch)` (matched by name) exists anywhere in the package.

## Why it costs

`range` over a channel ends only when the channel is closed. If nothing closes it,
the goroutine blocks in `chan receive` forever once the producer stops; one per
connection or per subscription adds up (visible in `goroutine` profiles).

## How to fix

```go
// before
go func() {
    for m := range c.msgs {
        handle(m)
    }
}()

// after: the owner closes c.msgs when the connection ends
func (c *conn) close() { close(c.msgs) }
```

## References

- go-antipatterns K8b (runtime detectors only: goleak, goroutineleak profile)
"#;

fn check(ctx: &FileCtx<'_>, out: &mut Vec<Hit>) {
    for &f in &ctx.nodes.fors {
        let Some(clause) = f.named_child(0).filter(|c| c.kind_name() == "range_clause") else {
            continue;
        };
        let Some(over) = field(clause, "right") else {
            continue;
        };
        let Some(t) = ctx.type_of(over) else { continue };
        if !(t.starts_with("chan ") || t.starts_with("<-chan ")) || t.contains("time.Time") {
            continue;
        }
        let name = last_name(over, ctx.src);
        if name.is_empty() || ctx.facts.closed.contains(name) {
            continue;
        }
        out.push(Hit::lines(
            crate::syntax::line(f),
            crate::syntax::line(f),
            format!(
                "ranges over `{}`, which nothing in the package closes: the loop never ends",
                ctx.text(over)
            ),
        ));
    }
}
