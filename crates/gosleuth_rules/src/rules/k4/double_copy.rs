//! GS402 `double-copy`: data copied into a fresh buffer, then copied again.

use gosleuth_go::KindName as _;
use tree_sitter::Node;

use crate::context::FileCtx;
use crate::facts::root_ident;
use crate::finding::{Category, Effort, Kind, Severity};
use crate::rule::{Hit, Rule};
use crate::syntax::{args, assign_pairs, callee, field, line, named, text, unparen};

pub(crate) static RULE: Rule = Rule {
    id: "GS402",
    slug: "double-copy",
    kind: Kind::K4,
    category: Category::MessageCopy,
    severity: Severity::Medium,
    title: "data copied into a fresh buffer and then copied again into another",
    impact: "two allocations and two copies where one (or none) would do",
    fix: "copy once into the final buffer (size it for both parts), or parse in place in a reused buffer",
    docs: DOCS,
    avoidable: 0.5,
    effort: Effort::Medium,
    needs_profile: false,
    check,
};

const DOCS: &str = r#"## What it finds

In one function:

- `x = copyBytes(x)` (any helper that always copies) and later `append(y, x...)`:
  the first copy only feeds a second one;
- `data = append(c.pend, data...)` followed by `c.pend = nil` (the appended buffer is
  fresh because the field has no spare capacity) and later `c.pend = copyBytes(data)`
  or `append([]byte(nil), data...)`: the tail is copied twice per read.

## Why it costs

Each copy is an allocation of the full size; for large messages that arrive in
many reads the pending tail is copied on every read.

## How to fix

```go
// before
msg = copyBytes(msg)
hdr = copyBytes(hdr)
buf := make([]byte, 0, len(hdr)+len(msg))
buf = append(append(buf, hdr...), msg...)

// after
buf := make([]byte, 0, len(hdr)+len(msg))
buf = append(append(buf, hdr...), msg...) // one allocation, one copy
```

## References

- seed analysis 000: memstore copies `hdr` and `msg` separately, then appends both into a third buffer
"#;

fn check(ctx: &FileCtx<'_>, out: &mut Vec<Hit>) {
    for &func in &ctx.nodes.funcs {
        let assigns = ctx.nodes.in_func(&ctx.nodes.assigns, func);
        let appends: Vec<Node<'_>> = ctx
            .nodes
            .in_func(&ctx.nodes.calls, func)
            .into_iter()
            .filter(|n| matches!(callee(*n, ctx.src), Some((None, "append"))))
            .collect();
        for (i, s) in assigns.iter().enumerate() {
            for (l, r) in assign_pairs(*s) {
                let Some(r) = r.map(unparen) else { continue };
                let target = text(l, ctx.src);
                if is_copy_call(ctx, r) && l.kind_name() == "identifier" {
                    second_copy(ctx, *s, target, &appends, out);
                } else if is_append_from_field(ctx, r) {
                    let Some(field_name) = args(r).first().map(|a| ctx.text(*a)) else {
                        continue;
                    };
                    fresh_then_recopy(ctx, *s, target, field_name, &assigns[i + 1..], out);
                }
            }
        }
    }
}

fn is_copy_call(ctx: &FileCtx<'_>, r: Node<'_>) -> bool {
    r.kind_name() == "call_expression" && ctx.callee_facts(r).is_some_and(|f| f.copy_helper)
}

/// `append(c.pend, data...)`.
fn is_append_from_field(ctx: &FileCtx<'_>, r: Node<'_>) -> bool {
    if r.kind_name() != "call_expression" || !matches!(callee(r, ctx.src), Some((None, "append"))) {
        return false;
    }
    let a = args(r);
    a.len() == 2
        && a[0].kind_name() == "selector_expression"
        && field(r, "arguments")
            .is_some_and(|al| text(al, ctx.src).trim_end_matches(')').ends_with("..."))
}

fn second_copy(
    ctx: &FileCtx<'_>,
    s: Node<'_>,
    var: &str,
    appends: &[Node<'_>],
    out: &mut Vec<Hit>,
) {
    let later = appends.iter().find(|a| {
        a.start_byte() > s.end_byte() && {
            let al = args(**a);
            al.len() == 2
                && root_ident(al[1], ctx.src) == Some(var)
                && root_ident(al[0], ctx.src) != Some(var)
                && text(field(**a, "arguments").unwrap_or(**a), ctx.src).contains("...")
        }
    });
    if let Some(a) = later {
        out.push(
            Hit::at(
                s,
                format!(
                    "`{var}` is copied here, then copied again into another buffer at line {}",
                    line(*a)
                ),
            )
            .related(line(*a), format!("second copy: `{}`", ctx.text(*a))),
        );
    }
}

fn fresh_then_recopy(
    ctx: &FileCtx<'_>,
    s: Node<'_>,
    var: &str,
    field_name: &str,
    later: &[Node<'_>],
    out: &mut Vec<Hit>,
) {
    let reset = later.iter().any(|a| {
        assign_pairs(*a).iter().any(|(l, r)| {
            text(*l, ctx.src) == field_name && r.is_some_and(|r| text(r, ctx.src) == "nil")
        })
    });
    if !reset {
        return;
    }
    let recopy = later.iter().find(|a| {
        assign_pairs(**a).iter().any(|(l, r)| {
            text(*l, ctx.src) == field_name
                && r.is_some_and(|r| {
                    let r = unparen(r);
                    let copies = is_copy_call(ctx, r)
                        || (r.kind_name() == "call_expression"
                            && matches!(callee(r, ctx.src), Some((None, "append")))
                            && args(r)
                                .first()
                                .is_some_and(|f| ctx.text(*f).contains("nil")));
                    copies
                        && named(field(r, "arguments").unwrap_or(r))
                            .iter()
                            .any(|x| root_ident(*x, ctx.src) == Some(var))
                })
        })
    });
    if let Some(rc) = recopy {
        out.push(
            Hit::at(
                s,
                format!(
                    "`append({field_name}, …)` copies the pending bytes into a fresh buffer ({field_name} is then reset), and the unparsed rest is copied again at line {}",
                    line(*rc)
                ),
            )
            .related(line(*rc), format!("second copy: `{}`", ctx.text(*rc))),
        );
    }
}
