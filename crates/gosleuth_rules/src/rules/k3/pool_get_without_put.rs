//! GS304 `pool-get-without-put`: an object taken from a pool is dropped on
//! some path without going back.

use gosleuth_go::KindName as _;
use tree_sitter::Node;

use crate::context::FileCtx;
use crate::facts::{get_call_pool, root_ident};
use crate::finding::{Category, Effort, Kind, Severity};
use crate::rule::{Hit, Rule};
use crate::syntax::{
    args, assign_pairs, callee, field, find, line, named, statements, text, unparen,
};

pub(crate) static RULE: Rule = Rule {
    id: "GS304",
    slug: "pool-get-without-put",
    kind: Kind::K3,
    category: Category::PoolRefill,
    severity: Severity::Medium,
    title: "object from a sync.Pool dropped on some path without Put",
    impact: "every drop is a pool miss later: New allocates a replacement (for buffers, a full-size allocation)",
    fix: "return the object to the pool on that path too (the put helper, or defer)",
    docs: DOCS,
    avoidable: 0.8,
    effort: Effort::Low,
    needs_profile: false,
    check,
};

const DOCS: &str = r#"## What it finds

An object obtained from a pool (`p.Get()` or a helper that returns one, such as a
`buildFrame` that starts from `framePool.Get()`) that is sent on a channel in a
`select` whose other cases (`default`, a timeout) drop it without putting it back;
or a function that returns early between `Get` and its `Put`.

## Why it costs

A dropped object is garbage; the pool does not know it is gone and the next `Get`
on an empty pool calls `New`. On a hot path with frequent timeouts or full queues
this turns the pool into an allocator.

## How to fix

```go
// before
select {
case c.out <- frame:
default: // queue full: frame dropped
}

// after
select {
case c.out <- frame:
default:
    putFrame(frame)
}
```

## References

- go-antipatterns K3e: Get without Put on some paths (no existing linter)
"#;

fn check(ctx: &FileCtx<'_>, out: &mut Vec<Hit>) {
    for &sel in &ctx.nodes.selects {
        check_select(ctx, sel, out);
    }
    for &func in &ctx.nodes.funcs {
        check_returns(ctx, func, out);
    }
}

/// Whether `expr` yields a pooled object: a pool getter call or a local
/// assigned from one.
fn pooled(ctx: &FileCtx<'_>, expr: Node<'_>) -> Option<String> {
    let expr = unparen(expr);
    if expr.kind_name() == "call_expression" {
        if let Some(p) = get_call_pool(ctx.src, expr) {
            return Some(p);
        }
        return ctx.callee_facts(expr).and_then(|f| f.pool_get.clone());
    }
    if expr.kind_name() != "identifier" {
        return None;
    }
    let name = ctx.text(expr);
    let func = ctx.nodes.func_of(expr)?;
    ctx.nodes
        .assigns
        .iter()
        .filter(|s| s.start_byte() >= func.start_byte() && s.end_byte() <= expr.start_byte())
        .filter_map(|s| {
            assign_pairs(*s)
                .into_iter()
                .find(|(l, _)| text(*l, ctx.src) == name)
                .and_then(|(_, r)| r)
        })
        .next_back()
        .and_then(|r| pooled(ctx, r))
}

/// Whether `node` gives `var` back: a Put with it, or a call of a putter.
fn gives_back(ctx: &FileCtx<'_>, node: Node<'_>, var: &str) -> bool {
    find(node, |n| n.kind_name() == "call_expression")
        .into_iter()
        .any(|c| {
            let passes = args(c)
                .iter()
                .any(|a| root_ident(*a, ctx.src) == Some(var) || var.is_empty());
            let put = matches!(callee(c, ctx.src), Some((Some(_), "Put")))
                || ctx.callee_facts(c).is_some_and(|f| f.pool_put.is_some());
            put && passes
        })
}

fn check_select(ctx: &FileCtx<'_>, sel: Node<'_>, out: &mut Vec<Hit>) {
    let cases = named(sel);
    for case in &cases {
        let Some(send) =
            field(*case, "communication").filter(|c| c.kind_name() == "send_statement")
        else {
            continue;
        };
        let Some(value) = field(send, "value") else {
            continue;
        };
        let Some(pool) = pooled(ctx, value) else {
            continue;
        };
        let var = root_ident(value, ctx.src).filter(|_| unparen(value).kind_name() == "identifier");
        for other in cases.iter().filter(|o| o.id() != case.id()) {
            if !matches!(other.kind_name(), "communication_case" | "default_case") {
                continue;
            }
            if gives_back(ctx, *other, var.unwrap_or("")) {
                continue;
            }
            let what = field(*other, "communication").map_or("default", |c| ctx.text(c));
            let start = if var.is_none() {
                line(*case)
            } else {
                line(*other)
            };
            let end = crate::syntax::end_line(*other).max(line(*other));
            let end = if statements(*other).is_empty() {
                line(*other)
            } else {
                end
            };
            out.push(
                Hit::lines(
                    start,
                    end,
                    format!(
                        "`{}` comes from `{pool}`, but the `{what}` case drops it without putting it back",
                        ctx.text(value)
                    ),
                )
                .related(line(*case), "sent here when the receiver is ready"),
            );
        }
    }
}

fn check_returns(ctx: &FileCtx<'_>, func: Node<'_>, out: &mut Vec<Hit>) {
    let Some(body) = crate::syntax::body(func) else {
        return;
    };
    let stmts = statements(body);
    for (i, s) in stmts.iter().enumerate() {
        if s.kind_name() != "short_var_declaration" {
            continue;
        }
        let Some((l, Some(r))) = assign_pairs(*s).into_iter().next() else {
            continue;
        };
        let Some(pool) = get_call_pool(ctx.src, r) else {
            continue;
        };
        let var = text(l, ctx.src);
        let rest = &stmts[i + 1..];
        let Some(put_at) = rest
            .iter()
            .position(|n| n.kind_name() != "defer_statement" && gives_back(ctx, *n, var))
        else {
            continue;
        };
        if rest
            .iter()
            .any(|n| n.kind_name() == "defer_statement" && gives_back(ctx, *n, var))
        {
            continue;
        }
        for stmt in &rest[..put_at] {
            for ret in find(*stmt, |n| n.kind_name() == "return_statement") {
                let returns_it = named(ret)
                    .iter()
                    .flat_map(|l| named(*l))
                    .any(|e| ctx.text(e).contains(var));
                if returns_it || gives_back(ctx, *stmt, var) {
                    continue;
                }
                out.push(
                    Hit::at(
                        ret,
                        format!("returns without putting `{var}` back into `{pool}`"),
                    )
                    .related(line(*s), "taken from the pool here"),
                );
            }
        }
    }
}
