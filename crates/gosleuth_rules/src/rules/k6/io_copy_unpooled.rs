//! GS604 `io-copy-unpooled`: `io.Copy` allocating its 32 KB buffer per call
//! on a hot path.

use crate::context::FileCtx;
use crate::facts::is_http_handler;
use crate::finding::{Category, Effort, Kind, Severity};
use crate::rule::{Hit, Rule};
use crate::syntax::args;

pub(crate) static RULE: Rule = Rule {
    id: "GS604",
    slug: "io-copy-unpooled",
    kind: Kind::K6,
    category: Category::NetworkBuffers,
    severity: Severity::Low,
    title: "io.Copy in a loop or request handler between types that bring no buffer of their own",
    impact: "io.Copy allocates a 32 KB buffer per call unless one side implements WriterTo/ReaderFrom",
    fix: "io.CopyBuffer with a buffer from a sync.Pool",
    docs: DOCS,
    avoidable: 0.9,
    effort: Effort::Low,
    needs_profile: false,
    check,
};

const DOCS: &str = r#"## What it finds

`io.Copy(dst, src)` inside a loop or an HTTP handler, where neither `src` is known to
implement `io.WriterTo` nor `dst` `io.ReaderFrom` (`bytes.Buffer`, `bytes.Reader`,
`strings.Reader`, `bufio`, `*os.File`, TCP connections and `io.Discard` do).

## Why it costs

Without those fast paths `io.Copy` allocates a fresh 32 KB buffer for each call.

## How to fix

```go
// before
io.Copy(w, r)

// after
bp := copyBufPool.Get().(*[]byte)
io.CopyBuffer(w, r, *bp)
copyBufPool.Put(bp)
```

## References

- perfguard `ioCopy`; Go `io.Copy` documentation
"#;

fn check(ctx: &FileCtx<'_>, out: &mut Vec<Hit>) {
    for &call in &ctx.nodes.calls {
        if ctx.pkg_call(call) != Some(("io", "Copy")) {
            continue;
        }
        let a = args(call);
        let [dst, src] = a[..] else { continue };
        let hot = ctx.nodes.in_loop(call)
            || ctx
                .nodes
                .top_of(call)
                .is_some_and(|t| is_http_handler(&ctx.typer(), t));
        if !hot {
            continue;
        }
        let fast_dst = ctx.type_of(dst).is_some_and(|t| {
            matches!(
                t.as_str(),
                "io.Discard"
                    | "*bytes.Buffer"
                    | "*os.File"
                    | "*bufio.Writer"
                    | "net.Conn"
                    | "*net.TCPConn"
                    | "http.ResponseWriter"
                    | "ioutil.Discard"
            )
        }) || ctx.text(dst).ends_with(".Discard");
        let fast_src = ctx.type_of(src).is_some_and(|t| {
            matches!(
                t.as_str(),
                "*bytes.Buffer"
                    | "*bytes.Reader"
                    | "*strings.Reader"
                    | "*bufio.Reader"
                    | "*os.File"
                    | "*net.TCPConn"
            )
        });
        if fast_dst || fast_src {
            continue;
        }
        out.push(Hit::at(
            call,
            format!(
                "`{}` allocates a 32 KB copy buffer per call",
                ctx.text(call)
            ),
        ));
    }
}
