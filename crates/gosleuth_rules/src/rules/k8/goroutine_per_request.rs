//! GS803 `goroutine-per-request`: unbounded `go` per HTTP request.

use gosleuth_go::KindName as _;

use crate::context::FileCtx;
use crate::facts::is_http_handler;
use crate::finding::{Category, Effort, Kind, Severity};
use crate::rule::{Hit, Rule};
use crate::syntax::{callee, find, func_name};

pub(crate) static RULE: Rule = Rule {
    id: "GS803",
    slug: "goroutine-per-request",
    kind: Kind::K8,
    category: Category::GoroutineStacks,
    severity: Severity::Medium,
    title: "goroutine started per HTTP request with no bound",
    impact: "goroutines (and their stacks) grow with request rate; if they block, with requests over time",
    fix: "bound the concurrency (a semaphore channel, errgroup.SetLimit, a worker pool) or do the work inline",
    docs: DOCS,
    avoidable: 0.7,
    effort: Effort::Medium,
    needs_profile: false,
    check,
};

const DOCS: &str = r#"## What it finds

A `go` statement in an HTTP handler (a function taking `http.ResponseWriter`) or in a
function that a handler of the same package calls, with no semaphore, `errgroup`
limit or `Acquire` in that function.

## Why it costs

Every request adds a goroutine; when they outlive the request (waiting on a timeout,
a slow peer, a full channel) their number and stacks grow with traffic and may never
come down.

## How to fix

```go
// before
go func() { done <- s.publish(topic, payload) }()

// after
select {
case sem <- struct{}{}:
    go func() { defer func() { <-sem }(); done <- s.publish(topic, payload) }()
default:
    http.Error(w, "busy", http.StatusServiceUnavailable)
}
```

## References

- go-antipatterns K8c (no existing linter)
"#;

fn check(ctx: &FileCtx<'_>, out: &mut Vec<Hit>) {
    let typer = ctx.typer();
    for &top in &ctx.nodes.tops {
        let name = func_name(top, ctx.src);
        let handler = is_http_handler(&typer, top);
        if !handler && !ctx.facts.handler_callees.contains(name) {
            continue;
        }
        let bounded = find(top, |n| n.kind_name() == "call_expression")
            .into_iter()
            .any(|c| {
                matches!(
                    callee(c, ctx.src),
                    Some((_, "Acquire" | "TryAcquire" | "SetLimit" | "Go"))
                )
            })
            || find(top, |n| n.kind_name() == "send_statement")
                .iter()
                .any(|s| ctx.text(*s).contains("struct{}{}"));
        if bounded {
            continue;
        }
        for g in find(top, |n| n.kind_name() == "go_statement") {
            let how = if handler {
                "in an HTTP handler".to_owned()
            } else {
                format!("in `{name}`, which an HTTP handler calls")
            };
            out.push(Hit::at(
                g,
                format!("a goroutine per request, started {how}, with no limit"),
            ));
        }
    }
}
