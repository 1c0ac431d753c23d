//! GS104 `array-escapes-to-interface`: a small stack array moved to the heap
//! because a slice of it goes through an interface call.

use gosleuth_go::KindName as _;
use tree_sitter::Node;

use crate::context::FileCtx;
use crate::finding::{Category, Effort, Kind, Severity};
use crate::rule::{Hit, Rule};
use crate::syntax::{args, callee, field, find, line, unparen};
use crate::types::known::is_conn;

pub(crate) static RULE: Rule = Rule {
    id: "GS104",
    slug: "array-escapes-to-interface",
    kind: Kind::K1,
    category: Category::NetworkBuffers,
    severity: Severity::Medium,
    title: "local array passed as a slice to an interface Write/Read: moved to the heap on every call",
    impact: "escape analysis cannot see through the interface call, so the array is heap-allocated per call",
    fix: "write the bytes through a concrete type (bufio.Writer.WriteByte, AvailableBuffer) or keep the array in a long-lived struct",
    docs: DOCS,
    avoidable: 1.0,
    effort: Effort::Low,
    needs_profile: false,
    check,
};

const DOCS: &str = r#"## What it finds

`var hdr [N]byte` declared in a function, and `hdr[:]` (or `hdr[:n]`) passed to
`Write`/`Read` of an interface value (`io.Writer`, `net.Conn`), to a `*bufio.Writer` or
`*bufio.Reader` (which may hand it to the underlying interface), to a `hash.Hash`'s
`Write` (a checksum field such as `mb.hh.Write(hdr[4:20])`), or to
`io.ReadFull`/`io.ReadAtLeast`.

## Why it costs

The compiler must assume the interface implementation keeps the slice, so the array
is `moved to heap` (`go build -gcflags=-m` says so): one small allocation per call,
often per frame.

## How to fix

```go
// before
var hdr [5]byte
binary.BigEndian.PutUint32(hdr[:4], uint32(len(body)))
hdr[4] = kind
c.bw.Write(hdr[:])

// after
b := c.bw.AvailableBuffer()
b = binary.BigEndian.AppendUint32(b, uint32(len(body)))
b = append(b, kind)
c.bw.Write(b)
```

## References

- nats-server 2.9.10, `js` allocation profile: `var hdr [msgHdrSize]byte` in
  `(*msgBlock).writeMsgRecord` (filestore.go:3209, 4.0 MB in 24-byte objects) escapes
  through `mb.hh.Write(hdr[4:20])`, `hh` being a `hash.Hash64`; v2.15.2 made `hh` a
  `*highwayhash.Digest64` and the compiler keeps such arrays on the stack
- Go escape analysis (`-gcflags=-m`: "moved to heap")
"#;

fn check(ctx: &FileCtx<'_>, out: &mut Vec<Hit>) {
    for (spec, func, name) in local_arrays(ctx) {
        if let Some(call) = interface_io_call(ctx, func, name) {
            out.push(
                Hit::at(
                    spec,
                    format!(
                        "`{name}` escapes to the heap: a slice of it is passed to `{}`",
                        ctx.text(call)
                    ),
                )
                .related(line(call), "passed through an interface here"),
            );
        }
    }
}

/// Every array a function declares with `var` (`var hdr [5]byte`): its
/// declaration, the function and the name.
pub(super) fn local_arrays<'a>(ctx: &FileCtx<'a>) -> Vec<(Node<'a>, Node<'a>, &'a str)> {
    let mut out = Vec::new();
    for &spec in &ctx.nodes.var_specs {
        let Some(func) = ctx.nodes.func_of(spec) else {
            continue;
        };
        if field(spec, "type").is_none_or(|t| t.kind_name() != "array_type") {
            continue;
        }
        let mut c = spec.walk();
        for n in spec.children_by_field_name("name", &mut c) {
            out.push((spec, func, ctx.text(n)));
        }
    }
    out
}

/// The first call in `func` that hands a slice of the array `name` to an
/// interface's `Write`/`Read` (or `bufio`'s, or `io.ReadFull`).
pub(super) fn interface_io_call<'t>(
    ctx: &FileCtx<'_>,
    func: Node<'t>,
    name: &str,
) -> Option<Node<'t>> {
    find(func, |n| n.kind_name() == "call_expression")
        .into_iter()
        .find(|call| {
            let a = args(*call);
            let sliced = |x: &Node<'_>| {
                let x = unparen(*x);
                x.kind_name() == "slice_expression"
                    && field(x, "operand").is_some_and(|o| ctx.text(o) == name)
            };
            if !a.iter().any(sliced) {
                return false;
            }
            if let Some(("io", "ReadFull" | "ReadAtLeast")) = ctx.pkg_call(*call) {
                return a
                    .first()
                    .and_then(|r| ctx.type_of(*r))
                    .is_some_and(|t| is_interface(&t));
            }
            match callee(*call, ctx.src) {
                Some((Some(recv), "Write" | "Read")) => ctx.type_of(recv).is_some_and(|t| {
                    is_interface(&t) || t == "*bufio.Writer" || t == "*bufio.Reader"
                }),
                _ => false,
            }
        })
}

fn is_interface(t: &str) -> bool {
    is_conn(t) && !t.starts_with('*')
        || matches!(
            t,
            "io.Writer"
                | "io.Reader"
                | "io.ReadWriter"
                | "io.ReadCloser"
                | "io.WriteCloser"
                | "io.ReadWriteCloser"
                // hash.Hash's Write goes through the interface too (a
                // checksum field, `mb.hh.Write(hdr[4:20])`).
                | "hash.Hash"
                | "hash.Hash32"
                | "hash.Hash64"
        )
}
