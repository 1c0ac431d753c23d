//! GS601 `readall-over-decompressor`: `io.ReadAll` of a gzip, flate, zlib,
//! zstd, s2, snappy or lz4 reader.

use gosleuth_go::KindName as _;
use tree_sitter::Node;

use crate::context::FileCtx;
use crate::finding::{Category, Effort, Kind, Severity};
use crate::rule::{Hit, Rule};
use crate::syntax::{args, assign_pairs, line, text, unparen};
use crate::types::known::is_decompressor;

pub(crate) static RULE: Rule = Rule {
    id: "GS601",
    slug: "readall-over-decompressor",
    kind: Kind::K6,
    category: Category::Compression,
    severity: Severity::High,
    title: "io.ReadAll over a decompressor",
    impact: "the decompressed payload is collected in a slice that doubles as it grows (≈2× the output in garbage), with no size bound",
    fix: "read into a pooled buffer pre-sized to the expected payload and bounded by the maximum payload (io.LimitReader)",
    docs: DOCS,
    avoidable: 0.6,
    effort: Effort::Low,
    needs_profile: false,
    check,
};

const DOCS: &str = r#"## What it finds

`io.ReadAll(r)` (or `ioutil.ReadAll`) where `r` is, or was assigned from, a
decompressing reader: `gzip.NewReader`, `flate.NewReader`, `zlib.NewReader`,
`zstd.NewReader`, `s2.NewReader`, `snappy.NewReader`, `lz4.NewReader`.

## Why it costs

`io.ReadAll` starts with 512 bytes and grows by `append`: a 1 MB payload costs about
2 MB of intermediate slices, all garbage after the call. Decompressed sizes are also
unbounded: a small compressed input can expand enormously (gosec G110 flags `io.Copy`
from decompressors, but not `io.ReadAll`).

## How to fix

Read into a pooled, pre-sized buffer and bound the size.

```go
// before
b, err := io.ReadAll(zr)

// after
buf := bufPool.Get().(*bytes.Buffer)
buf.Reset()
_, err := buf.ReadFrom(io.LimitReader(zr, maxPayload+1))
// … use buf.Bytes(), then bufPool.Put(buf) when done
```

## References

- seed analysis 000: `readLoop`, websocket decompression `io.ReadAll()` per compressed message
- gosec G110 (decompression bombs), which does not cover `io.ReadAll`
"#;

fn check(ctx: &FileCtx<'_>, out: &mut Vec<Hit>) {
    for &call in &ctx.nodes.calls {
        if !matches!(ctx.pkg_call(call), Some(("io" | "ioutil", "ReadAll"))) {
            continue;
        }
        let Some(arg) = args(call).into_iter().next() else {
            continue;
        };
        let types = ctx.types_of(arg);
        let Some(ty) = types.iter().find(|t| is_decompressor(t)) else {
            continue;
        };
        let what = ty.trim_start_matches('*');
        let mut hit = Hit::at(
            call,
            format!(
                "`{}` collects the whole decompressed stream ({what}) in a growing slice",
                ctx.text(call)
            ),
        );
        if let Some(created) = creation_line(ctx, arg) {
            hit = hit.related(created, "decompressor created here");
        }
        out.push(hit);
    }
}

/// The line where the identifier `arg` was given a decompressor, following
/// plain copies (`body = zr`) back to the constructor.
fn creation_line(ctx: &FileCtx<'_>, arg: Node<'_>) -> Option<u32> {
    let mut name = ctx.text(unparen(arg)).to_owned();
    let top = ctx.nodes.top_of(arg)?;
    let mut before = arg.start_byte();
    for _ in 0..4 {
        let mut found: Option<(u32, Node<'_>, usize)> = None;
        for &s in &ctx.nodes.assigns {
            if s.start_byte() < top.start_byte() || s.end_byte() > before {
                continue;
            }
            let pairs = assign_pairs(s);
            let right = crate::syntax::field(s, "right")
                .map(crate::syntax::named)
                .unwrap_or_default();
            for (i, (l, r)) in pairs.iter().enumerate() {
                if text(*l, ctx.src) != name {
                    continue;
                }
                let Some(value) = r.or_else(|| right.first().copied().filter(|_| i < 2)) else {
                    continue;
                };
                if ctx.types_of(value).iter().any(|t| is_decompressor(t)) {
                    found = Some((line(s), value, s.start_byte()));
                }
            }
        }
        let (l, value, at) = found?;
        let value = unparen(value);
        if value.kind_name() != "identifier" {
            return Some(l);
        }
        name = ctx.text(value).to_owned();
        before = at;
    }
    None
}
