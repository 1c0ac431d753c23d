//! GS801 `goroutine-send-unbuffered`: a goroutine sends its result on an
//! unbuffered channel whose receiver may already have returned.

use gosleuth_go::KindName as _;
use tree_sitter::Node;

use crate::context::FileCtx;
use crate::finding::{Category, Effort, Kind, Severity};
use crate::rule::{Hit, Rule};
use crate::syntax::{args, callee, enclosing, field, find, line, named, statements, text, unparen};

pub(crate) static RULE: Rule = Rule {
    id: "GS801",
    slug: "goroutine-send-unbuffered",
    kind: Kind::K8,
    category: Category::GoroutineStacks,
    severity: Severity::High,
    title: "goroutine sends on an unbuffered channel after its receiver may have returned",
    impact: "when the receiver gives up (timeout, cancelled context) the goroutine blocks in chan send forever: one leaked goroutine and everything it references per occurrence",
    fix: "give the channel a buffer of one (make(chan T, 1)) so the send never blocks, or select on the context in the goroutine too",
    docs: DOCS,
    avoidable: 1.0,
    effort: Effort::Low,
    needs_profile: false,
    check,
};

const DOCS: &str = r#"## What it finds

`ch := make(chan T)` (unbuffered), a `go func() { … ch <- v … }()` that sends on it
without a `select` escape, and a `select` in the starting function that receives from
`ch` but has other cases (`ctx.Done()`, `time.After`, another channel) that leave
without receiving.

## Why it costs

When another case wins, nobody will ever receive from `ch`: the goroutine blocks in
`chan send` forever, pinning its stack and everything it references. Under load with
timeouts this leaks goroutines steadily (visible as a growing `goroutine` profile
stuck in `runtime.chansend`).

## How to fix

Make the send non-blocking by giving the channel room for the one result.

```go
// before
done := make(chan int)
go func() { done <- work() }()
select {
case n := <-done:
    return n, nil
case <-ctx.Done():
    return 0, ctx.Err()
}

// after
done := make(chan int, 1) // the goroutine can always deliver and exit
```

## References

- 100 Go Mistakes #62 (starting a goroutine without knowing when to stop it)
- Go runtime `goroutineleak` profile (golang/go#74609), which finds these at run time
"#;

fn check(ctx: &FileCtx<'_>, out: &mut Vec<Hit>) {
    for &g in &ctx.nodes.gos {
        let Some(call) = g.named_child(0) else {
            continue;
        };
        let Some(lit) = field(call, "function")
            .map(unparen)
            .filter(|f| f.kind_name() == "func_literal")
        else {
            continue;
        };
        let Some(outer) = ctx.nodes.func_of(g) else {
            continue;
        };
        for send in find(lit, |n| n.kind_name() == "send_statement") {
            if enclosing(send, &["select_statement"]).is_some() {
                continue;
            }
            let Some(ch) = field(send, "channel").map(unparen) else {
                continue;
            };
            if ch.kind_name() != "identifier" {
                continue;
            }
            let name = ctx.text(ch);
            let Some(made) = unbuffered_make(ctx, outer, name) else {
                continue;
            };
            let Some((sel, exits)) = racing_select(ctx, outer, lit, name) else {
                continue;
            };
            let mut hit = Hit::at(
                g,
                format!(
                    "the goroutine sends on unbuffered `{name}` (made at line {made}); when the select at line {} takes another case, the send blocks forever",
                    line(sel)
                ),
            )
            .related(line(send), format!("blocking send `{}`", ctx.text(send)));
            for (l, what) in exits {
                hit = hit.related(l, what);
            }
            out.push(hit);
            break;
        }
    }
}

/// The line of `name := make(chan T)` without a buffer in `func`.
fn unbuffered_make(ctx: &FileCtx<'_>, func: Node<'_>, name: &str) -> Option<u32> {
    let body = crate::syntax::body(func)?;
    find(body, |n| {
        matches!(
            n.kind_name(),
            "short_var_declaration" | "assignment_statement"
        )
    })
    .into_iter()
    .find_map(|s| {
        crate::syntax::assign_pairs(s)
            .into_iter()
            .find_map(|(l, r)| {
                let r = unparen(r?);
                let is_make = text(l, ctx.src) == name
                    && r.kind_name() == "call_expression"
                    && matches!(callee(r, ctx.src), Some((None, "make")));
                let a = args(r);
                let unbuffered = a.len() == 1 || a.get(1).is_some_and(|n| ctx.text(*n) == "0");
                (is_make
                    && unbuffered
                    && a.first().is_some_and(|t| t.kind_name() == "channel_type"))
                .then(|| line(s))
            })
    })
}

/// A select in `func` (outside the goroutine) receiving from `name` with
/// other, non-default cases: its node and the lines where those cases leave.
fn racing_select<'t>(
    ctx: &FileCtx<'_>,
    func: Node<'t>,
    lit: Node<'t>,
    name: &str,
) -> Option<(Node<'t>, Vec<(u32, String)>)> {
    let body = crate::syntax::body(func)?;
    for sel in find(body, |n| n.kind_name() == "select_statement") {
        if sel.start_byte() >= lit.start_byte() && sel.end_byte() <= lit.end_byte() {
            continue;
        }
        let cases = named(sel);
        let receives_ch = cases.iter().any(|c| {
            field(*c, "communication").is_some_and(|comm| {
                comm.kind_name() == "receive_statement"
                    && field(comm, "right")
                        .and_then(|r| field(r, "operand"))
                        .is_some_and(|o| ctx.text(o) == name)
            })
        });
        if !receives_ch {
            continue;
        }
        let exits: Vec<(u32, String)> = cases
            .iter()
            .filter(|c| c.kind_name() == "communication_case")
            .filter(|c| {
                field(**c, "communication").is_some_and(|comm| {
                    !(comm.kind_name() == "receive_statement"
                        && field(comm, "right")
                            .and_then(|r| field(r, "operand"))
                            .is_some_and(|o| ctx.text(o) == name))
                })
            })
            .map(|c| {
                let comm = field(*c, "communication").map_or("", |n| ctx.text(n));
                let leaves = statements(*c)
                    .iter()
                    .any(|s| s.kind_name() == "return_statement");
                let what = if leaves {
                    format!("`{comm}` returns without receiving")
                } else {
                    format!("`{comm}` leaves the select without receiving")
                };
                (line(*c), what)
            })
            .collect();
        if !exits.is_empty() {
            return Some((sel, exits));
        }
    }
    None
}
