//! GS602 `decompressor-per-call`: a new decompressor for every call.

use gosleuth_go::KindName as _;

use crate::context::FileCtx;
use crate::facts::root_ident;
use crate::finding::{Category, Effort, Kind, Severity};
use crate::rule::{Hit, Rule};
use crate::syntax::{args, assign_pairs, callee, find, text};

pub(crate) static RULE: Rule = Rule {
    id: "GS602",
    slug: "decompressor-per-call",
    kind: Kind::K6,
    category: Category::Compression,
    severity: Severity::Medium,
    title: "a new gzip/flate/zlib/zstd/s2/snappy/lz4 reader created per call and dropped",
    impact: "each reader allocates its decompression state (flate: a 32 KB window plus Huffman tables) per request",
    fix: "keep readers in a sync.Pool and Reset them onto the next input",
    docs: DOCS,
    avoidable: 0.9,
    effort: Effort::Low,
    needs_profile: false,
    check,
};

const DOCS: &str = r#"## What it finds

A decompressing reader (`gzip.NewReader`, `flate.NewReader`, `zlib.NewReader`,
`zstd.NewReader`, `s2.NewReader`, `snappy.NewReader`, `lz4.NewReader`) created in a
function that neither stores it in a field nor gets it from / returns it to a pool
and never calls `Reset` on it.

## Why it costs

Decompressor state is large: `flate`'s window and tables (~40 KB with `gzip`),
zstd's decoder (and its goroutines unless `WithDecoderConcurrency(1)`). Creating one
per request makes it one of the larger per-request allocations.

## How to fix

```go
// before
zr, err := gzip.NewReader(body)

// after
zr, _ := gzipReaders.Get().(*gzip.Reader)
if zr == nil {
    zr, err = gzip.NewReader(body)
} else {
    err = zr.Reset(body)
}
defer gzipReaders.Put(zr)
```

## References

- compress/gzip `Reader.Reset`, compress/flate `Resetter`
"#;

fn check(ctx: &FileCtx<'_>, out: &mut Vec<Hit>) {
    for &call in &ctx.nodes.calls {
        let Some((pkg, "NewReader" | "NewReaderDict")) = ctx.pkg_call(call) else {
            continue;
        };
        if !matches!(
            pkg,
            "gzip" | "flate" | "zlib" | "zstd" | "s2" | "snappy" | "lz4"
        ) {
            continue;
        }
        let Some(func) = ctx.nodes.func_of(call) else {
            continue;
        };
        let stmt = call.parent().and_then(|p| p.parent());
        let var = stmt
            .filter(|s| {
                matches!(
                    s.kind_name(),
                    "short_var_declaration" | "assignment_statement"
                )
            })
            .and_then(|s| assign_pairs(s).into_iter().next())
            .map(|(l, _)| l);
        let Some(var) = var else { continue };
        if var.kind_name() != "identifier" {
            continue; // stored in a field: reused
        }
        let name = text(var, ctx.src);
        let reused = find(func, |n| n.kind_name() == "call_expression")
            .into_iter()
            .any(|c| match callee(c, ctx.src) {
                Some((Some(r), "Reset")) => root_ident(r, ctx.src) == Some(name),
                Some((Some(r), "Put" | "Get")) => {
                    crate::rules::k3::pool_put_non_pointer::is_pool(ctx, r)
                }
                _ => false,
            })
            || crate::nodes::Nodes::within(&ctx.nodes.returns, func)
                .iter()
                .any(|r| {
                    crate::syntax::named(*r)
                        .iter()
                        .flat_map(|l| crate::syntax::named(*l))
                        .any(|e| text(e, ctx.src) == name)
                });
        if reused || args(call).is_empty() {
            continue;
        }
        out.push(Hit::at(
            call,
            format!(
                "`{}` builds a new {pkg} decompressor on every call; nothing pools or resets it",
                ctx.text(call)
            ),
        ));
    }
}
