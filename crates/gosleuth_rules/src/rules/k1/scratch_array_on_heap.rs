//! GS105 `scratch-array-on-heap`: a local scratch array whose slices are
//! passed on, so that the compiler may move it to the heap. Only a profile
//! tells: the declaration line allocates exactly when it was moved.

use gosleuth_go::KindName as _;
use tree_sitter::Node;

use super::array_escapes_to_interface::{interface_io_call, local_arrays};
use crate::context::FileCtx;
use crate::facts::root_ident;
use crate::finding::{Category, Effort, Kind, Severity};
use crate::rule::{Hit, Rule};
use crate::syntax::{args, assign_pairs, callee, field, find, line, unparen};

pub(crate) static RULE: Rule = Rule {
    id: "GS105",
    slug: "scratch-array-on-heap",
    kind: Kind::K1,
    category: Category::NetworkBuffers,
    severity: Severity::Low,
    title: "a local scratch array moved to the heap because a slice of it is passed on",
    impact: "the stack buffer meant to avoid an allocation becomes one allocation of its full size per call",
    fix: "find where the slice escapes (`go build -gcflags=-m` says `moved to heap`) and copy there instead, or keep the buffer in a long-lived struct",
    docs: DOCS,
    avoidable: 0.9,
    effort: Effort::Medium,
    needs_profile: true,
    check,
};

const DOCS: &str = r#"## What it finds

A local array used as a scratch buffer, `var buf [256]byte`, whose slice
(`buf[:0]`, or a variable built from one with `append`) is passed to a function,
stored or sent. The source alone cannot tell whether the compiler keeps it on the
stack, so a plain `audit` does not report this rule: `analyze` and
`audit --profile` do, when the declaration line allocates in a heap profile, which
happens only when the array was moved to the heap. Arrays that GS104 reports (a slice passed to an interface's
`Write`/`Read`) are left to GS104.

## Why it costs

The array exists to avoid an allocation for short data. Once a slice of it may
outlive the call (a callee that keeps it, a store into a struct, an interface
call), escape analysis moves the whole array to the heap: one allocation of its
full size on every call, even when the data is a few bytes.

## How to fix

```go
// before: deliverMsg keeps subj, so _dsubj is moved to the heap on every call
var _dsubj [64]byte
dsubj := append(_dsubj[:0], subj...)
c.deliverMsg(sub, dsubj, msg)

// after: the callee copies what it keeps (or the buffer lives in c)
dsubj := append(c.scratch[:0], subj...)
c.deliverMsg(sub, dsubj, msg)
```

`go build -gcflags=-m ./... 2>&1 | grep 'moved to heap: _dsubj'` confirms the move;
`-gcflags=-m=2` prints the flow that causes it.

## References

- nats-server 2.9.10, `js` allocation profile: `var buf [256]byte` in
  `(*stream).processJetStreamMsg` (stream.go:3686, 36.5 MB in 256-byte objects)
  and `var _dsubj [64]byte` in `(*client).processMsgResults` (client.go:4144,
  34.0 MB in 64-byte objects)
- Go escape analysis (`-gcflags=-m`: "moved to heap")
"#;

fn check(ctx: &FileCtx<'_>, out: &mut Vec<Hit>) {
    for (spec, func, name) in local_arrays(ctx) {
        if interface_io_call(ctx, func, name).is_some() {
            continue;
        }
        let derived = derived_slices(ctx, func, spec, name);
        if let Some(call) = first_pass_on(ctx, func, spec, &derived) {
            out.push(
                Hit::at(
                    spec,
                    format!(
                        "an allocation on this line means the compiler moved the scratch array `{name}` ({}) to the heap; a slice of it is first passed on at line {}",
                        field(spec, "type").map_or("", |t| ctx.text(t)),
                        line(call)
                    ),
                )
                .related(line(call), format!("passed on: `{}`", ctx.text(call))),
            );
        }
    }
}

/// `name` and every variable given a slice of it after `spec`
/// (`pubAck := append(buf[:0], …)`, `dsubj = append(_dsubj[:0], …)`,
/// `response := append(pubAck, …)`), in one pass in source order.
fn derived_slices<'a>(
    ctx: &FileCtx<'a>,
    func: Node<'_>,
    spec: Node<'_>,
    name: &'a str,
) -> Vec<&'a str> {
    let mut names = vec![name];
    for stmt in ctx.nodes.in_func(&ctx.nodes.assigns, func) {
        if stmt.start_byte() < spec.end_byte() {
            continue;
        }
        for (l, r) in assign_pairs(stmt) {
            let Some(r) = r.map(unparen) else { continue };
            if l.kind_name() == "identifier" && slices_of(ctx, r, &names) {
                names.push(ctx.text(l));
            }
        }
    }
    names
}

/// `x[…]` or `append(x[…] or x, …)` with `x` one of `names`.
fn slices_of(ctx: &FileCtx<'_>, value: Node<'_>, names: &[&str]) -> bool {
    let is_ours = |n: Node<'_>| root_ident(n, ctx.src).is_some_and(|r| names.contains(&r));
    match value.kind_name() {
        "slice_expression" => is_ours(value),
        "call_expression" if matches!(callee(value, ctx.src), Some((None, "append"))) => {
            args(value).first().is_some_and(|a| {
                let a = unparen(*a);
                matches!(a.kind_name(), "slice_expression" | "identifier") && is_ours(a)
            })
        }
        _ => false,
    }
}

/// The first call after `spec` (not a builtin) given one of `names` or a
/// slice of one.
fn first_pass_on<'t>(
    ctx: &FileCtx<'_>,
    func: Node<'t>,
    spec: Node<'_>,
    names: &[&str],
) -> Option<Node<'t>> {
    const BUILTINS: &[&str] = &["append", "copy", "len", "cap", "string", "clear"];
    find(func, |n| n.kind_name() == "call_expression")
        .into_iter()
        .filter(|c| c.start_byte() > spec.end_byte())
        .filter(|c| !matches!(callee(*c, ctx.src), Some((None, n)) if BUILTINS.contains(&n)))
        .filter(|c| ctx.nodes.func_of(*c).is_some_and(|f| f.id() == func.id()))
        .find(|c| {
            args(*c).iter().any(|a| {
                let a = unparen(*a);
                matches!(a.kind_name(), "identifier" | "slice_expression")
                    && root_ident(a, ctx.src).is_some_and(|r| names.contains(&r))
            })
        })
}
