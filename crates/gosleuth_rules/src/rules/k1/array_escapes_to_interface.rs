//! GS104 `array-escapes-to-interface`: a small stack array moved to the heap
//! because a slice of it goes through an interface call.

use gosleuth_go::KindName as _;

use crate::context::FileCtx;
use crate::finding::{Category, Effort, Kind, Severity};
use crate::rule::{Hit, Rule};
use crate::syntax::{args, callee, field, find, line, text, unparen};
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
    check,
};

const DOCS: &str = r#"## What it finds

`var hdr [N]byte` declared in a function, and `hdr[:]` (or `hdr[:n]`) passed to
`Write`/`Read` of an interface value (`io.Writer`, `net.Conn`), to a `*bufio.Writer` or
`*bufio.Reader` (which may hand it to the underlying interface), or to
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

- Go escape analysis (`-gcflags=-m`: "moved to heap")
"#;

fn check(ctx: &FileCtx<'_>, out: &mut Vec<Hit>) {
    for &spec in &ctx.nodes.var_specs {
        let Some(func) = ctx.nodes.func_of(spec) else {
            continue;
        };
        let is_array = field(spec, "type").is_some_and(|t| t.kind_name() == "array_type");
        if !is_array {
            continue;
        }
        let mut c = spec.walk();
        let names: Vec<&str> = spec
            .children_by_field_name("name", &mut c)
            .map(|n| text(n, ctx.src))
            .collect();
        for name in names {
            let hit = find(func, |n| n.kind_name() == "call_expression")
                .into_iter()
                .find(|call| {
                    let a = args(*call);
                    let sliced = |x: &tree_sitter::Node<'_>| {
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
                        Some((Some(recv), "Write" | "Read")) => {
                            ctx.type_of(recv).is_some_and(|t| {
                                is_interface(&t) || t == "*bufio.Writer" || t == "*bufio.Reader"
                            })
                        }
                        _ => false,
                    }
                });
            if let Some(call) = hit {
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
        )
}
