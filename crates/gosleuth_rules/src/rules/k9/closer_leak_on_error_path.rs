//! GS901 `closer-leak-on-error-path`: a connection, file or other closer
//! acquired (or handed over) and left open on an early return.

use gosleuth_go::KindName as _;
use tree_sitter::Node;

use crate::context::FileCtx;
use crate::facts::key_of;
use crate::finding::{Category, Effort, Kind, Severity};
use crate::rule::{Hit, Rule};
use crate::syntax::{args, callee, field, find, line, named, statements, text, unparen};
use crate::types::known::is_closer;

pub(crate) static RULE: Rule = Rule {
    id: "GS901",
    slug: "closer-leak-on-error-path",
    kind: Kind::K9,
    category: Category::Resources,
    severity: Severity::High,
    title: "connection, file or other io.Closer left open on an early return",
    impact: "each failure leaks a socket or file descriptor (CLOSE_WAIT, fd exhaustion) until a finalizer maybe runs",
    fix: "defer v.Close() right after acquiring it (cancel the defer by ownership transfer if needed), or Close on that path",
    docs: DOCS,
    avoidable: 1.0,
    effort: Effort::Low,
    needs_profile: false,
    check,
};

const DOCS: &str = r#"## What it finds

A value that must be closed — `net.Conn` (from `Dial`, `Accept`, or a parameter of a
function started with `go f(conn)`, which therefore owns it), `*os.File`,
`net.Listener`, `*tls.Conn`, `*websocket.Conn`, `*nats.Conn`, `*zstd.Decoder` — and a
`return` inside an `if` after the acquisition that neither closes it nor hands it on
(stores it, returns it, passes it to a constructor or a goroutine), while no
`defer v.Close()` has been set up.

## Why it costs

The descriptor stays open until the garbage collector happens to run the finalizer
(sockets sit in CLOSE_WAIT meanwhile). Under a steady rate of failures (bad
handshakes, timeouts) the process runs out of descriptors. Unlike `bodyclose`, this
covers any closer and ownership passed through `go`.

## How to fix

```go
// before
func (s *Server) handleConn(conn net.Conn) {
    name, err := readHello(conn)
    if err != nil {
        return // conn leaks
    }
    …
}

// after
func (s *Server) handleConn(conn net.Conn) {
    name, err := readHello(conn)
    if err != nil {
        conn.Close()
        return
    }
    …
}
```

## References

- 100 Go Mistakes #79 (not closing transient resources); bodyclose, sqlclosecheck (narrower)
"#;

fn check(ctx: &FileCtx<'_>, out: &mut Vec<Hit>) {
    let typer = ctx.typer();
    for &func in &ctx.nodes.tops {
        let Some(body) = crate::syntax::body(func) else {
            continue;
        };
        // Owned parameters.
        {
            let name = crate::syntax::func_name(func, ctx.src);
            if let Some(f) = ctx.facts.func(&key_of(&typer, func)) {
                for (i, (p, t)) in f.params.iter().enumerate() {
                    if is_closer(t) && ctx.facts.go_targets.contains(&(name.to_owned(), i)) {
                        scan(ctx, &statements(body), p, None, out);
                    }
                }
            }
        }
    }
    // Local acquisitions.
    {
        for &block in &ctx.nodes.stmt_lists {
            let stmts = statements(block);
            for (i, s) in stmts.iter().enumerate() {
                if s.kind_name() != "short_var_declaration" {
                    continue;
                }
                let left = field(*s, "left").map(named).unwrap_or_default();
                let right = field(*s, "right").map(named).unwrap_or_default();
                let (Some(v), [call]) = (left.first(), right.as_slice()) else {
                    continue;
                };
                let call = unparen(*call);
                if call.kind_name() != "call_expression" {
                    continue;
                }
                let results = typer.call_results(call, &ctx.locals(call));
                if !results.first().is_some_and(|t| is_closer(t)) {
                    continue;
                }
                let var = text(*v, ctx.src);
                let err = left.get(1).map(|e| text(*e, ctx.src));
                if var == "_" {
                    continue;
                }
                scan(ctx, &stmts[i + 1..], var, err, out);
            }
        }
    }
}

/// Scans statements after `var` was acquired; `err` is the acquisition's
/// error variable (the first check of it is the failure of the acquisition).
fn scan(ctx: &FileCtx<'_>, stmts: &[Node<'_>], var: &str, err: Option<&str>, out: &mut Vec<Hit>) {
    // Until the acquisition's error variable is assigned again, a check of
    // it is the acquisition failing (the value is nil then).
    let mut err_live = err;
    for s in stmts {
        if releases(ctx, *s, var) || escapes(ctx, *s, var) {
            return;
        }
        if s.kind_name() != "if_statement" {
            if let Some(e) = err_live
                && matches!(
                    s.kind_name(),
                    "assignment_statement" | "short_var_declaration"
                )
                && field(*s, "left").is_some_and(|l| named(l).iter().any(|x| ctx.text(*x) == e))
            {
                err_live = None;
            }
            continue;
        }
        let cond = field(*s, "condition").map_or("", |c| ctx.text(c));
        let redeclares = field(*s, "initializer").is_some();
        if (!redeclares && err_live.is_some_and(|e| cond.contains(&format!("{e} != nil"))))
            || cond.contains(&format!("{var} == nil"))
        {
            continue;
        }
        let head_closes = [field(*s, "initializer"), field(*s, "condition")]
            .into_iter()
            .flatten()
            .any(|n| ctx.text(n).contains(&format!("{var}.Close()")));
        if head_closes {
            return;
        }
        let leaks = find(*s, |n| n.kind_name() == "return_statement")
            .into_iter()
            .any(|r| !ctx.text(r).contains(var))
            && !field(*s, "consequence").is_some_and(|b| mentions(ctx, b, var));
        if leaks {
            out.push(Hit::at(
                *s,
                format!("returns without closing `{var}` (no defer {var}.Close(), and it is not handed on before this point)"),
            ));
            return;
        }
    }
}

fn releases(ctx: &FileCtx<'_>, s: Node<'_>, var: &str) -> bool {
    let t = ctx.text(s);
    t.contains(&format!("{var}.Close()")) && (s.kind_name() != "if_statement")
        || (s.kind_name() == "defer_statement" && t.contains(var))
}

/// Whether `var` is handed on in `s` (outside nested blocks of ifs).
fn escapes(ctx: &FileCtx<'_>, s: Node<'_>, var: &str) -> bool {
    if s.kind_name() == "if_statement" {
        return false;
    }
    let mentions = |n: Node<'_>| ctx.text(n) == var;
    if matches!(
        s.kind_name(),
        "go_statement" | "return_statement" | "send_statement"
    ) {
        return find(s, |n| n.kind_name() == "identifier")
            .into_iter()
            .any(mentions);
    }
    if s.kind_name() == "assignment_statement"
        && field(s, "right").is_some_and(|r| named(r).iter().any(|x| ctx.text(*x) == var))
    {
        return true;
    }
    if find(s, |n| n.kind_name() == "composite_literal")
        .iter()
        .any(|c| ctx.text(*c).contains(var))
    {
        return true;
    }
    find(s, |n| n.kind_name() == "call_expression")
        .into_iter()
        .any(|c| {
            if !args(c).iter().any(|a| mentions(*a)) {
                return false;
            }
            let Some((_, name)) = callee(c, ctx.src) else {
                return true;
            };
            if name.starts_with("new") || name.starts_with("New") || name == "append" {
                return true;
            }
            let results = ctx.typer().call_results(c, &ctx.locals(c));
            results.is_empty() || results.first().is_some_and(|t| is_closer(t))
        })
        && line(s) > 0
}

/// Whether `node` closes `var` or hands it on (passes it to a call, stores
/// or returns it); calling other methods on it (`conn.RemoteAddr()`) does
/// neither.
fn mentions(ctx: &FileCtx<'_>, node: Node<'_>, var: &str) -> bool {
    find(node, |n| {
        n.kind_name() == "identifier" && ctx.text(n) == var
    })
    .into_iter()
    .any(|id| {
        id.parent().is_some_and(|p| match p.kind_name() {
            "argument_list" | "expression_list" | "literal_element" | "keyed_element" => true,
            "selector_expression" => field(p, "field").is_some_and(|f| ctx.text(f) == "Close"),
            _ => false,
        })
    })
}
