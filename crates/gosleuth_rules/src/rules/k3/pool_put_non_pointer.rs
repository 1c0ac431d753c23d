//! GS301 `pool-put-non-pointer`: `sync.Pool.Put` of a slice or other
//! non-pointer value.

use gosleuth_go::KindName as _;
use tree_sitter::Node;

use crate::context::FileCtx;
use crate::finding::{Category, Effort, Kind, Severity};
use crate::rule::{Hit, Rule};
use crate::syntax::{args, callee, unparen};

pub(crate) static RULE: Rule = Rule {
    id: "GS301",
    slug: "pool-put-non-pointer",
    kind: Kind::K3,
    category: Category::PoolRefill,
    severity: Severity::Medium,
    title: "sync.Pool.Put of a slice or other non-pointer value",
    impact: "the value is boxed into an interface on every Put: one extra allocation per Put (24 bytes for a slice header)",
    fix: "pool pointers: *[]byte or a pointer to a struct holding the buffer",
    docs: DOCS,
    avoidable: 1.0,
    effort: Effort::Low,
    needs_profile: false,
    check,
};

const DOCS: &str = r#"## What it finds

`pool.Put(x)` on a `sync.Pool` where `x` is a slice (`b[:0]`, a `[]byte` variable),
a string, or a struct value rather than a pointer. staticcheck reports the same as
SA6002; it is kept here so that the finding joins the pool's other problems and
its allocation profile.

## Why it costs

`Put` takes `any`: a non-pointer value is copied into a fresh heap object to make
the interface. Pooling a slice therefore allocates on every `Put`, which is what
the pool was meant to avoid (visible with `-sample_index=alloc_objects`).

## How to fix

```go
// before
framePool.Put(b[:0])

// after
b = b[:0]
framePool.Put(&b) // and Get().(*[]byte)
```

## References

- staticcheck SA6002
- golang/go#23199 on pooling variable-size buffers
"#;

fn check(ctx: &FileCtx<'_>, out: &mut Vec<Hit>) {
    for &call in &ctx.nodes.calls {
        let Some((Some(recv), "Put")) = callee(call, ctx.src) else {
            continue;
        };
        let [arg] = args(call)[..] else { continue };
        if !is_pool(ctx, recv) {
            continue;
        }
        if let Some(what) = non_pointer(ctx, arg) {
            out.push(Hit::at(
                call,
                format!(
                    "`{}` puts {what}: it is boxed into an interface (one allocation) on every Put",
                    ctx.text(call)
                ),
            ));
        }
    }
}

/// Whether `recv` is a `sync.Pool`.
pub(crate) fn is_pool(ctx: &FileCtx<'_>, recv: Node<'_>) -> bool {
    if let Some(t) = ctx.type_of(recv) {
        return t.trim_start_matches('*') == "sync.Pool";
    }
    ctx.facts
        .is_pool_name(crate::facts::last_name(recv, ctx.src))
}

fn non_pointer(ctx: &FileCtx<'_>, arg: Node<'_>) -> Option<&'static str> {
    let arg = unparen(arg);
    match arg.kind_name() {
        "slice_expression" => return Some("a slice"),
        "composite_literal" => return Some("a value, not a pointer"),
        "interpreted_string_literal" | "raw_string_literal" => return Some("a string"),
        _ => {}
    }
    let t = ctx.type_of(arg)?;
    if t.starts_with("[]") {
        Some("a slice")
    } else if t == "string" {
        Some("a string")
    } else if ctx.facts.structs.contains_key(&t) {
        Some("a struct value, not a pointer")
    } else {
        None
    }
}
