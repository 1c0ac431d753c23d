//! GS1103 `per-connection-goroutines`: goroutines started for each
//! connection.

use gosleuth_go::KindName as _;

use crate::context::FileCtx;
use crate::finding::{Category, Effort, Kind, Severity};
use crate::rule::{Hit, Rule};
use crate::syntax::{callee, field, unparen};
use crate::types::known::is_conn;

pub(crate) static RULE: Rule = Rule {
    id: "GS1103",
    slug: "per-connection-goroutines",
    kind: Kind::K11,
    category: Category::GoroutineStacks,
    severity: Severity::Low,
    title: "goroutine started per connection (a loop method of a connection struct)",
    impact: "at least 8 KB of stack per goroutine per connection, more once stacks grow",
    fix: "count goroutines per connection in the budget; merge loops or park idle connections (netpoll-style) when counts are large",
    docs: DOCS,
    avoidable: 0.3,
    effort: Effort::High,
    needs_profile: false,
    check,
};

const DOCS: &str = r#"## What it finds

`go c.method(…)` where `c` is a package struct holding a network connection: a
goroutine that lives as long as the connection (read or write loops).

## Why it costs

Each goroutine starts with an 8 KB stack (it grows and is rarely shrunk); two per
connection are 16 KB per connection before any buffer, i.e. 16 GB at a million
connections.

## How to fix

```go
// before: one read and one write goroutine per connection
go c.writeLoop()
c.readLoop()

// after (at very high connection counts): one goroutine per connection and
// writes done inline with a short deadline, or an event loop (gnet, netpoll)
```

## References

- seed analysis 004: goroutine stacks per connection
"#;

fn check(ctx: &FileCtx<'_>, out: &mut Vec<Hit>) {
    for &g in &ctx.nodes.gos {
        let Some(call) = g
            .named_child(0)
            .filter(|c| c.kind_name() == "call_expression")
        else {
            continue;
        };
        if field(call, "function").is_some_and(|f| unparen(f).kind_name() == "func_literal") {
            continue;
        }
        let Some((Some(recv), name)) = callee(call, ctx.src) else {
            continue;
        };
        let Some(t) = ctx.type_of(recv) else { continue };
        let base = t.trim_start_matches('*');
        let per_conn = ctx
            .facts
            .structs
            .get(base)
            .is_some_and(|fields| fields.iter().any(|(_, ft)| is_conn(ft)));
        if per_conn {
            out.push(Hit::at(
                g,
                format!(
                    "`{name}` runs in its own goroutine for every `{base}` (one per connection)"
                ),
            ));
        }
    }
}
