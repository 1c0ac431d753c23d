//! GS1102 `per-connection-queue`: a buffered channel per connection.

use gosleuth_go::KindName as _;

use crate::context::FileCtx;
use crate::finding::{Category, Effort, Kind, Severity};
use crate::rule::{Hit, Rule};
use crate::syntax::{args, callee, field, named, text, unparen};
use crate::types::known::is_conn;

pub(crate) static RULE: Rule = Rule {
    id: "GS1102",
    slug: "per-connection-queue",
    kind: Kind::K11,
    category: Category::NetworkBuffers,
    severity: Severity::Medium,
    title: "buffered channel created per connection",
    impact: "each connection holds a queue of N elements (and whatever they point to, e.g. frames) while it lives",
    fix: "size the queue to what a slow consumer should be allowed to hold; drop or disconnect beyond it",
    docs: DOCS,
    avoidable: 0.5,
    effort: Effort::Medium,
    needs_profile: false,
    check,
};

const DOCS: &str = r#"## What it finds

A composite literal of a package struct that holds a network connection
(a field of type `net.Conn`, `*tls.Conn`, `*websocket.Conn`…) and initializes a
field with `make(chan T, n)`, `n` not zero.

## Why it costs

The channel's buffer is allocated with the connection (`n × sizeof(T)`), and when
it fills with pointers to frames each slot pins a frame: 32 queued 64 KB frames are
2 MB for one slow consumer.

## How to fix

```go
// before
out: make(chan []byte, 32),

// after: a small queue and a byte budget per connection
out: make(chan []byte, 4),
```

## References

- seed analysis 004: channel buffer per connection
"#;

fn check(ctx: &FileCtx<'_>, out: &mut Vec<Hit>) {
    let typer = ctx.typer();
    for &lit in &ctx.nodes.composites {
        let Some(t) = field(lit, "type").map(|t| typer.type_str(t)) else {
            continue;
        };
        let Some(fields) = ctx.facts.structs.get(&t) else {
            continue;
        };
        if !fields.iter().any(|(_, ft)| is_conn(ft)) {
            continue;
        }
        for e in field(lit, "body").map(named).unwrap_or_default() {
            let (Some(k), Some(v)) = (field(e, "key"), field(e, "value")) else {
                continue;
            };
            let Some(call) = v
                .named_child(0)
                .map(unparen)
                .filter(|c| c.kind_name() == "call_expression")
            else {
                continue;
            };
            if !matches!(callee(call, ctx.src), Some((None, "make"))) {
                continue;
            }
            let a = args(call);
            if a.first().is_none_or(|c| c.kind_name() != "channel_type") || a.len() < 2 {
                continue;
            }
            let n = ctx.text(a[1]);
            if n == "0" {
                continue;
            }
            out.push(Hit::at(
                e,
                format!(
                    "every `{t}` (one per connection) gets `{}` with room for {n} elements",
                    text(k, ctx.src)
                ),
            ));
        }
    }
}
