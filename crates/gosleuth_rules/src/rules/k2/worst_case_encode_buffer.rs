//! GS201 `worst-case-encode-buffer`: buffers sized by a compressor's
//! worst-case bound.

use gosleuth_go::KindName as _;
use tree_sitter::Node;

use crate::context::FileCtx;
use crate::finding::{Category, Effort, Kind, Severity};
use crate::rule::{Hit, Rule};
use crate::syntax::{args, callee, enclosing, field, find, line, text, unparen};

pub(crate) static RULE: Rule = Rule {
    id: "GS201",
    slug: "worst-case-encode-buffer",
    kind: Kind::K2,
    category: Category::Compression,
    severity: Severity::High,
    title: "buffer sized by a compressor's worst-case bound (s2/snappy MaxEncodedLen, lz4 CompressBlockBound, zstd MaxEncodedSize)",
    impact: "every call allocates the worst case (input + overhead, often far more than the compressed output) and drops it",
    fix: "compress into a reused per-connection or pooled scratch buffer, or compress once and share the result",
    docs: DOCS,
    avoidable: 0.8,
    effort: Effort::Low,
    needs_profile: false,
    check,
};

const DOCS: &str = r#"## What it finds

`make([]byte, s2.MaxEncodedLen(n))`, `snappy.MaxEncodedLen`, `lz4.CompressBlockBound`
and `zstd` `MaxEncodedSize` used to size a fresh buffer on each call, directly or
through a local variable; and `s2.Encode(nil, src)` / `snappy.Encode(nil, src)`,
which allocate that bound internally.

## Why it costs

The bound is the size of incompressible input plus framing overhead: for s2 about
`n + n/6 + 64 KB` for large inputs. A buffer of that size is allocated and zeroed on
every call, while the compressed output is usually a fraction of it. On a fan-out
path (one compression per message per subscriber) this is often the largest
allocation site of the process.

## How to fix

Reuse a scratch buffer that grows only when needed, or take one from a
`sync.Pool`; better still, compress once per message and share the result.

```go
// before
dst := make([]byte, s2.MaxEncodedLen(len(frame)))
return s2.Encode(dst, frame)

// after
n := s2.MaxEncodedLen(len(frame))
if cap(c.zbuf) < n {
    c.zbuf = make([]byte, n)
}
return s2.Encode(c.zbuf[:n], frame)
```

## References

- klauspost/compress s2 `MaxEncodedLen`, `Encode` documentation
- seed analysis 001: `encodeStreamMsgAllowCompressAndBatch`, 82% of the buffer wasted
"#;

fn check(ctx: &FileCtx<'_>, out: &mut Vec<Hit>) {
    for &call in &ctx.nodes.calls {
        match callee(call, ctx.src) {
            Some((None, "make")) => check_make(ctx, call, out),
            Some((Some(_), "Encode" | "EncodeBetter" | "EncodeBest")) => {
                let Some((pkg, name)) = ctx.pkg_call(call) else {
                    continue;
                };
                let nil_dst = args(call).first().is_some_and(|a| ctx.text(*a) == "nil");
                if matches!(pkg, "s2" | "snappy") && nil_dst {
                    out.push(
                        Hit::at(
                            call,
                            format!(
                                "`{pkg}.{name}(nil, …)` allocates a {pkg}.MaxEncodedLen-sized buffer on every call"
                            ),
                        )
                        .severity(Severity::Medium),
                    );
                }
            }
            _ => {}
        }
    }
}

fn check_make(ctx: &FileCtx<'_>, call: Node<'_>, out: &mut Vec<Hit>) {
    let a = args(call);
    if a.first().is_none_or(|t| ctx.text(*t) != "[]byte") {
        return;
    }
    for size in a.iter().skip(1) {
        let Some((bound, at)) = bound_in(ctx, *size) else {
            continue;
        };
        let reused = reused_scratch(ctx, call);
        let mut hit = if reused {
            Hit::at(
                call,
                format!(
                    "scratch buffer grown to `{bound}` and kept: each holder pins the worst-case size"
                ),
            )
            .severity(Severity::Low)
        } else {
            Hit::at(
                call,
                format!(
                    "fresh buffer of `{bound}` bytes per call: the worst case, not the output size"
                ),
            )
        };
        if at != line(call) {
            hit = hit.related(at, format!("size computed by `{bound}`"));
        }
        out.push(hit);
        return;
    }
}

/// The worst-case bound call in a size expression (directly or through a
/// local assigned from one): its text and line.
fn bound_in(ctx: &FileCtx<'_>, size: Node<'_>) -> Option<(String, u32)> {
    if let Some(c) = find(size, |n| n.kind_name() == "call_expression")
        .into_iter()
        .find(|c| is_bound(ctx, *c))
    {
        return Some((ctx.text(c).to_owned(), line(c)));
    }
    let size = unparen(size);
    if size.kind_name() != "identifier" {
        return None;
    }
    let name = ctx.text(size);
    let top = ctx.nodes.top_of(size)?;
    ctx.nodes
        .assigns
        .iter()
        .filter(|s| s.start_byte() >= top.start_byte() && s.end_byte() <= size.start_byte())
        .filter_map(|s| {
            let pairs = crate::syntax::assign_pairs(*s);
            pairs
                .into_iter()
                .find(|(l, _)| text(*l, ctx.src) == name)
                .and_then(|(_, r)| r)
        })
        .filter_map(|r| {
            find(r, |n| n.kind_name() == "call_expression")
                .into_iter()
                .find(|c| is_bound(ctx, *c))
        })
        .last()
        .map(|c| (ctx.text(c).to_owned(), line(c)))
}

fn is_bound(ctx: &FileCtx<'_>, call: Node<'_>) -> bool {
    if let Some((pkg, name)) = ctx.pkg_call(call) {
        return matches!(
            (pkg, name),
            ("s2" | "snappy", "MaxEncodedLen")
                | ("lz4", "CompressBlockBound" | "CompressBlockHCBound")
        );
    }
    matches!(callee(call, ctx.src), Some((Some(_), "MaxEncodedSize")))
}

/// Whether the make refills a reused field under a capacity guard
/// (`if cap(c.buf) < n { c.buf = make(…) }`).
fn reused_scratch(ctx: &FileCtx<'_>, call: Node<'_>) -> bool {
    let Some(stmt) = call.parent().and_then(|p| p.parent()) else {
        return false;
    };
    if stmt.kind_name() != "assignment_statement" {
        return false;
    }
    let target = field(stmt, "left").map_or("", |l| ctx.text(l));
    let guarded = enclosing(stmt, &["if_statement"])
        .and_then(|i| field(i, "condition"))
        .is_some_and(|c| ctx.text(c).contains(&format!("cap({target})")));
    target.contains('.') || guarded
}
