//! GS802 `time-after-in-loop`: `time.After` inside a loop.

use gosleuth_go::KindName as _;

use crate::context::FileCtx;
use crate::finding::{Category, Effort, Kind, Severity};
use crate::rule::{Hit, Rule};

pub(crate) static RULE: Rule = Rule {
    id: "GS802",
    slug: "time-after-in-loop",
    kind: Kind::K8,
    category: Category::TimersChannels,
    severity: Severity::Medium,
    title: "time.After inside a loop",
    impact: "a new timer and channel per iteration; before Go 1.23 (or with an older go directive) each stays alive until it fires",
    fix: "create one time.NewTimer outside the loop and Reset it, or use a non-blocking send with a drop policy",
    docs: DOCS,
    avoidable: 0.9,
    effort: Effort::Low,
    needs_profile: false,
    check,
};

const DOCS: &str = r#"## What it finds

`time.After(d)` called inside a `for` loop, typically as a `select` case.
High when the module's `go` directive is older than 1.23: timers created by
`time.After` are then not collected until they fire.

## Why it costs

Each call allocates a timer and a channel. In a per-message or per-subscriber loop
that is one timer per iteration (in the example service ~19% of `alloc_objects`).
With a `go` directive below 1.23 (`asynctimerchan=1`), every unfired timer stays in
the runtime's timer heap for its full duration: a loop that usually exits through
another case piles them up.

## How to fix

```go
// before
for c := range subs {
    select {
    case c.out <- frame:
    case <-time.After(timeout):
    }
}

// after
t := time.NewTimer(timeout)
defer t.Stop()
for c := range subs {
    t.Reset(timeout)
    select {
    case c.out <- frame:
    case <-t.C:
    }
}
```

## References

- 100 Go Mistakes #76; Go 1.23 release notes (timer changes)
- semgrep-go and gh-aw `timeafterleak`
"#;

fn check(ctx: &FileCtx<'_>, out: &mut Vec<Hit>) {
    for &call in &ctx.nodes.calls {
        if ctx.pkg_call(call) != Some(("time", "After")) || !ctx.nodes.in_loop(call) {
            continue;
        }
        let old = ctx.go_minor < 23;
        let in_select = crate::syntax::enclosing(call, &["select_statement"])
            .is_some_and(|sel| piles_up(sel, call));
        let mut hit = Hit::at(
            call,
            if old {
                "a new timer per iteration, kept until it fires (go directive < 1.23)"
            } else {
                "a new timer and channel per iteration"
            },
        );
        if old && in_select {
            hit = hit.severity(Severity::High);
        }
        out.push(hit);
    }
}

/// Whether the loop can go round without the timer firing: another case
/// of the select neither returns nor breaks out, and no return follows the
/// select before the loop goes round.
fn piles_up(sel: tree_sitter::Node<'_>, call: tree_sitter::Node<'_>) -> bool {
    use crate::syntax::{named, statements};
    let other_keeps_looping = named(sel).into_iter().any(|c| {
        c.kind_name() == "communication_case"
            && !(c.start_byte() <= call.start_byte() && call.end_byte() <= c.end_byte())
            && !statements(c).iter().any(|s| {
                matches!(
                    s.kind_name(),
                    "return_statement" | "break_statement" | "goto_statement"
                )
            })
    });
    // A return after the select, up to the loop body, ends the loop.
    let mut cur = Some(sel);
    while let Some(node) = cur {
        if node.kind_name() == "for_statement" {
            break;
        }
        let mut next = node.next_named_sibling();
        while let Some(n) = next {
            if n.kind_name() == "return_statement" {
                return false;
            }
            next = n.next_named_sibling();
        }
        cur = node.parent();
    }
    other_keeps_looping
}
