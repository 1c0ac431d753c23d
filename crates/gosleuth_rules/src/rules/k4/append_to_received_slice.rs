//! GS403 `append-to-received-slice`: a slice taken whole from elsewhere is
//! extended with `append`, which copies all of it whenever it is full.

use gosleuth_go::KindName as _;
use tree_sitter::Node;

use crate::context::FileCtx;
use crate::facts::root_ident;
use crate::finding::{Category, Effort, Kind, Severity};
use crate::rule::{Hit, Rule};
use crate::syntax::{args, assign_pairs, callee, line, text, unparen};

pub(crate) static RULE: Rule = Rule {
    id: "GS403",
    slug: "append-to-received-slice",
    kind: Kind::K4,
    category: Category::MessageCopy,
    severity: Severity::Low,
    title: "a slice taken whole from a field or a copy is extended with append",
    impact: "when the slice arrives full, as slices made to size always do, every append copies all of it into a new buffer to add a few bytes",
    fix: "reserve the room where the slice is made (`make([]byte, n, n+len(suffix))`), or send the suffix separately instead of appending it to the payload",
    docs: DOCS,
    avoidable: 0.9,
    effort: Effort::Medium,
    needs_profile: false,
    check,
};

const DOCS: &str = r#"## What it finds

In one function, a local slice `v` is given a slice whole — a field (`v = pm.msg`),
an element (`v = bufs[i]`) or the result of a copy helper (`v = copyBytes(b)`) — and
the next `append` to `v` extends it: `v = append(v, _CRLF_...)`. Only the first
append after such an assignment is reported, and not when `v` is stored back
into the same field afterwards (a buffer reused across calls).

## Why it costs

`append` copies the whole slice into a new buffer whenever its length equals its
capacity. Slices made to size — `make([]byte, n)` plus `copy`, copy helpers,
records decoded from storage — are always full, so adding two bytes to a 1.5 kB
message allocates and copies 1.5 kB. The profile confirms it: the line allocates
objects the size of the payload, not of the suffix. When the slice is not full,
the append instead writes into the owner's backing array beyond its length, which
another holder of that array may read.

## How to fix

```go
// before
msg = pm.msg                // exactly len(pm.msg) long
msg = append(msg, _CRLF_...) // copies the whole message to add 2 bytes

// after: reserve the room where the message is made
pm.msg = make([]byte, len(b), len(b)+len(_CRLF_))
copy(pm.msg, b)
msg = append(pm.msg, _CRLF_...) // fits, no copy

// or: keep the suffix out of the payload
deliver(msg, _CRLF_)
```

## References

- nats-server 2.9.10, `(*stream).internalLoop` (stream.go:4350): `msg = append(msg,
  _CRLF_...)` is 214 MB of 648 MB in the `js` allocation profile, all of it
  1,536-byte objects, the size class of the message
"#;

fn check(ctx: &FileCtx<'_>, out: &mut Vec<Hit>) {
    for &func in &ctx.nodes.funcs {
        let assigns = ctx.nodes.in_func(&ctx.nodes.assigns, func);
        // Each assignment to a plain identifier: (statement, variable, value).
        let defs: Vec<(Node<'_>, &str, Node<'_>)> = assigns
            .iter()
            .flat_map(|s| {
                assign_pairs(*s).into_iter().filter_map(move |(l, r)| {
                    let r = unparen(r?);
                    (l.kind_name() == "identifier").then(|| (*s, ctx.text(l), r))
                })
            })
            .collect();
        for (i, &(stmt, var, value)) in defs.iter().enumerate() {
            // Cheap tests first: most assignments are calls, whose facts
            // need the receiver's type.
            if !matches!(
                value.kind_name(),
                "selector_expression" | "index_expression" | "call_expression"
            ) {
                continue;
            }
            let next = defs[i + 1..].iter().find(|(_, v, _)| *v == var);
            let Some(&(append_stmt, _, append)) = next else {
                continue;
            };
            if !is_self_append(ctx, append, var)
                || !is_received(ctx, value)
                || !of_bytes(ctx, value, append)
                || grows_in_loop(ctx, stmt, append_stmt)
                || stored_back(ctx, &assigns, var, value)
            {
                continue;
            }
            out.push(
                Hit::at(
                    append_stmt,
                    format!(
                        "`{var}` is `{}` (line {}), taken whole; this append copies all of it into a new buffer whenever it is full",
                        ctx.text(value),
                        line(stmt)
                    ),
                )
                .related(line(stmt), format!("`{var}` taken whole: `{}`", ctx.text(stmt))),
            );
        }
    }
}

/// A slice owned elsewhere and likely made to size: a field, an element, or
/// a copy helper's result. Re-slices (`buf[:0]`), `make` and `append` build
/// a buffer of their own and are not.
fn is_received(ctx: &FileCtx<'_>, value: Node<'_>) -> bool {
    match value.kind_name() {
        "selector_expression" | "index_expression" => true,
        "call_expression" => ctx.callee_facts(value).is_some_and(|f| f.copy_helper),
        _ => false,
    }
}

/// `append(var, …)`.
fn is_self_append(ctx: &FileCtx<'_>, value: Node<'_>, var: &str) -> bool {
    value.kind_name() == "call_expression"
        && matches!(callee(value, ctx.src), Some((None, "append")))
        && args(value).first().is_some_and(|a| ctx.text(*a) == var)
}

/// A byte slice, by its type when the package declares it, else by what is
/// appended: a character, or the bytes of a string or of a value of unknown
/// type (`s...`). Lists of other things grow as lists, not as payloads.
fn of_bytes(ctx: &FileCtx<'_>, value: Node<'_>, append: Node<'_>) -> bool {
    if let Some(t) = ctx.type_of(value) {
        return t == "[]byte" || t == "[]uint8";
    }
    let Some(list) = crate::syntax::field(append, "arguments") else {
        return false;
    };
    let spread = text(list, ctx.src)
        .trim_end_matches(')')
        .trim_end()
        .ends_with("...");
    args(append).iter().skip(1).any(|a| match a.kind_name() {
        "rune_literal" => true,
        "interpreted_string_literal" | "raw_string_literal" => spread,
        // A constant of another file (`_CRLF_`) has no type here.
        _ => {
            spread
                && ctx
                    .type_of(*a)
                    .is_none_or(|t| t == "string" || t == "[]byte")
        }
    })
}

/// The append repeats in a loop the assignment is not in: the slice grows
/// there as any list does, by doubling.
fn grows_in_loop(ctx: &FileCtx<'_>, def: Node<'_>, append: Node<'_>) -> bool {
    ctx.nodes.loop_of(append).is_some_and(|lp| {
        ctx.nodes
            .loop_of(def)
            .is_none_or(|outer| outer.id() != lp.id())
    })
}

/// `field = var` (or `field = var[:n]`) anywhere in the function: the
/// buffer goes back where it came from, grown once and reused.
fn stored_back(ctx: &FileCtx<'_>, assigns: &[Node<'_>], var: &str, value: Node<'_>) -> bool {
    let source = ctx.text(value);
    assigns.iter().any(|s| {
        assign_pairs(*s).into_iter().any(|(l, r)| {
            text(l, ctx.src) == source && r.is_some_and(|r| root_ident(r, ctx.src) == Some(var))
        })
    })
}
