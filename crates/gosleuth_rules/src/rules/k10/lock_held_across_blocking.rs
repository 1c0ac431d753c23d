//! GS1001 `lock-held-across-blocking`: a mutex held while waiting on
//! channels, timers, the network or the disk.

use gosleuth_go::KindName as _;
use tree_sitter::Node;

use super::blocking::blocking_call;
use crate::context::FileCtx;
use crate::finding::{Category, Effort, Kind, Severity};
use crate::rule::{Hit, Rule};
use crate::syntax::{args, callee, field, line, named, statements};

pub(crate) static RULE: Rule = Rule {
    id: "GS1001",
    slug: "lock-held-across-blocking",
    kind: Kind::K10,
    category: Category::Locking,
    severity: Severity::High,
    title: "mutex held across a blocking wait or I/O (select, channel receive, semaphore, sleep, network or disk)",
    impact: "every goroutine that needs the lock waits for the slowest peer or disk; a pending writer also blocks all new readers of an RWMutex",
    fix: "copy what is needed under the lock, release it, then block; or hand the work to a goroutine that owns the resource",
    docs: DOCS,
    avoidable: 0.9,
    effort: Effort::Medium,
    needs_profile: false,
    check,
};

const DOCS: &str = r#"## What it finds

Between `mu.Lock()`/`mu.RLock()` and the matching unlock (or the end of the function
after `defer mu.Unlock()`), one of:

- a `select` without `default` (a wait, often with a timeout), a bare channel
  receive, `time.Sleep`, `sync.WaitGroup.Wait`;
- waiting for a semaphore slot: `(*semaphore.Weighted).Acquire`, or a call to a
  function of the package that waits on a channel, such as a counting semaphore's
  `acquire` over a buffered channel (nats-server's disk I/O semaphore `dios`). A
  function that unlocks a mutex before it waits (`mu.Unlock(); defer mu.Lock()`)
  lets its caller's lock go and does not count;
- network I/O: `Read`/`Write` on a connection, `Flush`/`Read…` on a `bufio` reader or
  writer, HTTP requests;
- disk I/O (medium): `os.ReadFile`, `os.WriteFile`, `(*os.File).Write`/`Sync`…;
- a bare channel send (medium: blocks when the buffer is full).

## Why it costs

The lock's critical section now lasts as long as the slowest peer, timeout or disk.
Waiting for a semaphore under a lock is worse: the wait lasts as long as every
operation ahead in the semaphore's queue (seed 003: `WriteFullState` and the
metalayer snapshot taking a minute behind the disk I/O semaphore).
With a `sync.RWMutex`, one pending `Lock` makes every new `RLock` wait too: one slow
subscriber stalls unrelated work. Mutex and block profiles show the contention.

## How to fix

```go
// before
s.mu.RLock()
defer s.mu.RUnlock()
for c := range s.subs[topic] {
    select {
    case c.out <- frame:
    case <-time.After(timeout):
    }
}

// after
s.mu.RLock()
subs := slices.Collect(maps.Keys(s.subs[topic]))
s.mu.RUnlock()
for _, c := range subs { /* send outside the lock */ }
```

## References

- go-antipatterns K10; deslop `blocking_call_while_locked`; sasha-s/go-deadlock
- seed analysis 003: disk I/O under locks and semaphores
"#;

/// A blocking operation under a lock: the lock, the operation's lines,
/// what it is, and how bad.
type Wait = (Held, u32, u32, String, Severity);

#[derive(Clone)]
struct Held {
    name: String,
    line: u32,
}

fn check(ctx: &FileCtx<'_>, out: &mut Vec<Hit>) {
    for &func in &ctx.nodes.funcs {
        let Some(body) = crate::syntax::body(func) else {
            continue;
        };
        let mut found: Vec<Wait> = Vec::new();
        scan(ctx, &statements(body), &mut Vec::new(), &mut found);
        // One finding per lock acquisition: the worst wait, others related.
        let mut by_lock: Vec<(u32, Vec<Wait>)> = Vec::new();
        for f in found {
            match by_lock.iter_mut().find(|(l, _)| *l == f.0.line) {
                Some((_, v)) => v.push(f),
                None => by_lock.push((f.0.line, vec![f])),
            }
        }
        for (_, mut waits) in by_lock {
            waits.sort_by(|a, b| b.4.cmp(&a.4).then(a.1.cmp(&b.1)));
            let (held, start, end, what, sev) = waits[0].clone();
            let mut hit = Hit::lines(
                held.line,
                end.max(start),
                format!(
                    "`{}` is held (locked at line {}) while {what}",
                    held.name, held.line
                ),
            )
            .severity(sev);
            for w in waits.iter().skip(1).take(3) {
                hit = hit.related(w.1, w.3.clone());
            }
            if start != held.line {
                hit = hit.related(start, what);
            }
            out.push(hit);
        }
    }
}

fn lock_call<'s>(ctx: &FileCtx<'s>, s: Node<'_>) -> Option<(&'s str, String)> {
    if s.kind_name() != "expression_statement" {
        return None;
    }
    let call = s
        .named_child(0)
        .filter(|c| c.kind_name() == "call_expression")?;
    let (Some(recv), name) = callee(call, ctx.src)? else {
        return None;
    };
    if !args(call).is_empty() {
        return None;
    }
    Some((name, ctx.text(recv).to_owned()))
}

fn scan(ctx: &FileCtx<'_>, stmts: &[Node<'_>], held: &mut Vec<Held>, found: &mut Vec<Wait>) {
    for s in stmts {
        let s = &if s.kind_name() == "labeled_statement" {
            named(*s).into_iter().last().unwrap_or(*s)
        } else {
            *s
        };
        // Other calls without arguments (`wg.Wait()`, `s.acquire()`) are
        // checked for blocking below.
        match lock_call(ctx, *s) {
            Some(("Lock" | "RLock", recv)) => {
                held.push(Held {
                    name: recv,
                    line: line(*s),
                });
                continue;
            }
            Some(("Unlock" | "RUnlock", recv)) => {
                held.retain(|h| h.name != recv);
                continue;
            }
            _ => {}
        }
        if held.is_empty() {
            // Still look inside blocks: locks may be taken there.
            for b in child_blocks(*s) {
                scan(ctx, &statements(b), &mut Vec::new(), found);
            }
            continue;
        }
        if s.kind_name() == "defer_statement" || s.kind_name() == "go_statement" {
            continue;
        }
        if s.kind_name() == "select_statement" {
            let has_default = named(*s).iter().any(|c| c.kind_name() == "default_case");
            if !has_default {
                let h = held.last().cloned().unwrap_or(Held {
                    name: String::new(),
                    line: 0,
                });
                found.push((
                    h,
                    line(*s),
                    crate::syntax::end_line(*s),
                    "waiting in a select".into(),
                    Severity::High,
                ));
            }
        } else if let Some((what, sev)) = blocking_in(ctx, *s) {
            let h = held.last().cloned().unwrap_or(Held {
                name: String::new(),
                line: 0,
            });
            found.push((
                h,
                line(*s),
                crate::syntax::end_line(*s).min(line(*s) + 2),
                what,
                sev,
            ));
        }
        for b in child_blocks(*s) {
            let mut inner = held.clone();
            scan(ctx, &statements(b), &mut inner, found);
        }
    }
}

/// Blocks directly under a compound statement (if/else, for, switch and
/// select cases, plain blocks), not inside function literals.
fn child_blocks(s: Node<'_>) -> Vec<Node<'_>> {
    let mut out = Vec::new();
    let mut stack = vec![s];
    while let Some(n) = stack.pop() {
        for c in named(n) {
            match c.kind_name() {
                "block" | "statement_list" => out.push(c),
                "communication_case" | "expression_case" | "default_case" | "type_case"
                | "if_statement"
                    if c.kind_name() == "if_statement" || n.kind_name() != "block" =>
                {
                    stack.push(c);
                }
                _ => {}
            }
        }
    }
    out.sort_by_key(|b| b.start_byte());
    out
}

/// The blocking operation in a simple statement (not looking into nested
/// blocks or function literals).
fn blocking_in(ctx: &FileCtx<'_>, s: Node<'_>) -> Option<(String, Severity)> {
    let mut best: Option<(String, Severity)> = None;
    let mut note = |what: String, sev: Severity| {
        if best.as_ref().is_none_or(|(_, b)| sev > *b) {
            best = Some((what, sev));
        }
    };
    crate::syntax::walk(s, &mut |n| {
        if n.id() != s.id() && matches!(n.kind_name(), "block" | "func_literal") {
            return false;
        }
        match n.kind_name() {
            "send_statement"
                if n.parent()
                    .is_none_or(|p| p.kind_name() != "communication_case") =>
            {
                note(
                    format!(
                        "sending on `{}` (blocks when it is full)",
                        field(n, "channel").map_or("", |c| ctx.text(c))
                    ),
                    Severity::Medium,
                );
            }
            "unary_expression" if field(n, "operator").is_some_and(|o| ctx.text(o) == "<-") => {
                note(format!("receiving `{}`", ctx.text(n)), Severity::High);
            }
            "call_expression" => {
                if let Some(x) = blocking_call(ctx, n) {
                    note(x.0, x.1);
                }
            }
            _ => {}
        }
        true
    });
    best
}
