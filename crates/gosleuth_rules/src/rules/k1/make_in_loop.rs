//! GS101 `make-in-loop`: a temporary byte buffer allocated on every
//! iteration.

use gosleuth_go::KindName as _;
use tree_sitter::Node;

use crate::context::FileCtx;
use crate::finding::{Category, Effort, Kind, Severity};
use crate::rule::{Hit, Rule};
use crate::syntax::{args, assign_pairs, callee, field, find, text, unparen};

pub(crate) static RULE: Rule = Rule {
    id: "GS101",
    slug: "make-in-loop",
    kind: Kind::K1,
    category: Category::SliceMapGrowth,
    severity: Severity::Medium,
    title: "temporary []byte made on every loop iteration",
    impact: "one allocation (and zeroing) per iteration for a buffer that does not outlive it",
    fix: "hoist the buffer out of the loop and reslice it (buf = buf[:n]), growing it only when too small",
    docs: DOCS,
    avoidable: 0.9,
    effort: Effort::Low,
    needs_profile: false,
    check,
};

const DOCS: &str = r#"## What it finds

`b := make([]byte, …)` inside a `for` loop where `b` does not leave the iteration: it
is not returned, stored in a field, map or slice, sent on a channel, appended as an
element, or captured by a goroutine or closure.

## Why it costs

Every iteration allocates and zeroes a new buffer that is garbage at the end of the
iteration. In read loops and per-message loops this is a steady allocation rate
proportional to traffic.

## How to fix

```go
// before
for {
    buf := make([]byte, size)
    n, err := r.Read(buf)
    …
}

// after
buf := make([]byte, size)
for {
    n, err := r.Read(buf[:size])
    …
}
```

## References

- deslop `make_slice_inside_hot_loop_same_shape`; 100 Go Mistakes #21
"#;

fn check(ctx: &FileCtx<'_>, out: &mut Vec<Hit>) {
    for &stmt in &ctx.nodes.assigns {
        if stmt.kind_name() != "short_var_declaration" {
            continue;
        }
        let Some(lp) = ctx.nodes.loop_of(stmt) else {
            continue;
        };
        for (l, r) in assign_pairs(stmt) {
            let Some(r) = r.map(unparen) else { continue };
            if r.kind_name() != "call_expression"
                || !matches!(callee(r, ctx.src), Some((None, "make")))
                || args(r).first().is_none_or(|t| ctx.text(*t) != "[]byte")
            {
                continue;
            }
            let var = text(l, ctx.src);
            let Some(body) = field(lp, "body") else {
                continue;
            };
            if escapes(ctx, body, stmt, var) {
                continue;
            }
            out.push(Hit::at(
                stmt,
                format!("`{var}` is allocated on every iteration and dropped at its end"),
            ));
        }
    }
}

fn escapes(ctx: &FileCtx<'_>, body: Node<'_>, decl: Node<'_>, var: &str) -> bool {
    let uses: Vec<Node<'_>> = find(body, |n| {
        n.kind_name() == "identifier" && text(n, ctx.src) == var && n.start_byte() > decl.end_byte()
    });
    let in_closure = find(body, |n| n.kind_name() == "func_literal")
        .iter()
        .any(|f| ctx.text(*f).contains(var));
    in_closure
        || uses.iter().any(|u| {
            let mut cur = u.parent();
            while let Some(p) = cur {
                match p.kind_name() {
                    "return_statement" | "send_statement" | "go_statement"
                    | "composite_literal" | "defer_statement" => {
                        return true;
                    }
                    "assignment_statement" | "short_var_declaration" => {
                        return field(p, "right").is_some_and(|r| r.start_byte() <= u.start_byte())
                            && field(p, "left").is_some_and(|l| {
                                let t = ctx.text(l);
                                t.contains('.') || t.contains('[') || !t.starts_with(var)
                            });
                    }
                    "call_expression" => {
                        // An argument: appended as an element escapes, any
                        // other call only borrows it.
                        return matches!(callee(p, ctx.src), Some((None, "append")))
                            && args(p).iter().skip(1).any(|x| x.id() == u.id());
                    }
                    "block" => return false,
                    _ => {}
                }
                cur = p.parent();
            }
            false
        })
}
