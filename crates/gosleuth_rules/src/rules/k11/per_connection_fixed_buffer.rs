//! GS1101 `per-connection-fixed-buffer`: fixed-size buffers allocated per
//! connection.

use gosleuth_go::KindName as _;
use tree_sitter::Node;

use crate::context::FileCtx;
use crate::finding::{Category, Effort, Kind, Severity};
use crate::rule::{Hit, Rule};
use crate::syntax::{args, callee, field, named, text};
use crate::types::known::is_conn;

pub(crate) static RULE: Rule = Rule {
    id: "GS1101",
    slug: "per-connection-fixed-buffer",
    kind: Kind::K11,
    category: Category::NetworkBuffers,
    severity: Severity::Medium,
    title: "fixed-size buffer per connection (bufio reader/writer on a conn, websocket Read/WriteBufferSize, socket buffers)",
    impact: "memory per connection × connections, whether the connection is busy or idle",
    fix: "smaller or lazily allocated buffers, released (or pooled) while the connection is idle; measure per-connection memory",
    docs: DOCS,
    avoidable: 0.6,
    effort: Effort::Medium,
    needs_profile: false,
    check,
};

const DOCS: &str = r#"## What it finds

- `bufio.NewReaderSize(conn, n)`, `bufio.NewWriterSize(conn, n)` (and the 4 KB
  defaults of `NewReader`/`NewWriter`) over a network connection;
- `websocket.Upgrader{ReadBufferSize: …, WriteBufferSize: …}` (and `Dialer`) with
  explicit sizes;
- `SetReadBuffer(n)`/`SetWriteBuffer(n)` on TCP connections (kernel memory, low).

## Why it costs

Each connection holds its buffers for its whole life, busy or idle. At 100k
connections, 8 KB read + 8 KB write buffers are 1.6 GB before any message is sent
(seed 004: 16 KB of a 75 KB per-connection footprint).

## How to fix

```go
// before
upgrader := websocket.Upgrader{ReadBufferSize: 8192, WriteBufferSize: 8192}

// after: small buffers plus a shared pool for writes
upgrader := websocket.Upgrader{
    ReadBufferSize:  1024,
    WriteBufferSize: 1024,
    WriteBufferPool: &sync.Pool{},
}
```

## References

- seed analysis 004 (WebSocket push server memory per connection)
- gorilla/websocket `Upgrader.WriteBufferPool`
"#;

fn check(ctx: &FileCtx<'_>, out: &mut Vec<Hit>) {
    for &call in &ctx.nodes.calls {
        if let Some((
            "bufio",
            name @ ("NewReaderSize" | "NewWriterSize" | "NewReader" | "NewWriter"),
        )) = ctx.pkg_call(call)
        {
            let a = args(call);
            let Some(under) = a.first() else { continue };
            if !ctx.type_of(*under).is_some_and(|t| is_conn(&t)) {
                continue;
            }
            let size = a
                .get(1)
                .map_or(Some(4096), |n| ctx.facts.int_value(*n, ctx.src));
            let size = size.map_or_else(|| ctx.text(a[1]).to_owned(), human);
            out.push(Hit::at(
                call,
                format!("`bufio.{name}` gives every connection its own {size} buffer"),
            ));
            continue;
        }
        if let Some((Some(recv), name @ ("SetReadBuffer" | "SetWriteBuffer"))) =
            callee(call, ctx.src)
            && ctx.type_of(recv).is_some_and(|t| t == "*net.TCPConn")
        {
            let size = args(call).first().map_or("", |a| ctx.text(*a));
            out.push(
                Hit::at(
                    call,
                    format!("`{name}({size})` reserves kernel socket memory per connection"),
                )
                .severity(Severity::Low),
            );
        }
    }
    for &lit in &ctx.nodes.composites {
        let Some(t) = field(lit, "type").map(|t| ctx.typer().type_str(t)) else {
            continue;
        };
        if !matches!(t.as_str(), "websocket.Upgrader" | "websocket.Dialer") {
            continue;
        }
        let sizes: Vec<(Node<'_>, String)> = field(lit, "body")
            .map(named)
            .unwrap_or_default()
            .into_iter()
            .filter(|e| e.kind_name() == "keyed_element")
            .filter_map(|e| {
                let key = field(e, "key").map(|k| text(k, ctx.src))?;
                let v = field(e, "value")?;
                matches!(key, "ReadBufferSize" | "WriteBufferSize").then(|| {
                    let n = ctx
                        .facts
                        .int_value(v, ctx.src)
                        .map_or_else(|| ctx.text(v).to_owned(), human);
                    (e, format!("{key} {n}"))
                })
            })
            .collect();
        if sizes.is_empty() {
            continue;
        }
        let what: Vec<&str> = sizes.iter().map(|(_, s)| s.as_str()).collect();
        out.push(Hit::at(
            lit,
            format!("`{t}` allocates {} per connection", what.join(" + ")),
        ));
    }
}

fn human(n: i64) -> String {
    if n >= 1024 && n % 1024 == 0 {
        format!("{} KB", n / 1024)
    } else {
        format!("{n} B")
    }
}
