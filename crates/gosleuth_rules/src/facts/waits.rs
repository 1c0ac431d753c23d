//! Whether a function waits on a channel: a bare receive (`<-d.ch`, also in
//! a select's `default` branch) or a `select` without `default`, outside
//! nested function literals. A helper such as a counting semaphore's
//! `acquire` then blocks whoever calls it, and a caller holding a mutex holds
//! it for the whole wait (seed 003: the disk I/O semaphore). A function that
//! unlocks a mutex before it waits (`c.mu.Unlock(); defer c.mu.Lock()`, as
//! `sync.Cond.Wait` does) releases its caller's lock, and is not counted.

use tree_sitter::Node;

use crate::syntax::{callee, field, find, named, text};

/// How `body` waits (``blocks on `<-d.ch` ``, `waits in a select`), or
/// `None`.
pub(super) fn channel_wait(src: &str, body: Node<'_>) -> Option<String> {
    let first = *find(body, |n| is_wait(src, n)).first()?;
    let unlocks_first = !find(body, |n| {
        n.start_byte() < first.start_byte() && is_unlock_statement(src, n)
    })
    .is_empty();
    if unlocks_first {
        return None;
    }
    Some(if first.kind() == "select_statement" {
        "waits in a select".to_owned()
    } else {
        format!("blocks on `{}`", text(first, src))
    })
}

fn is_wait(src: &str, n: Node<'_>) -> bool {
    match n.kind() {
        // A receive that is a select case only waits with the select.
        "unary_expression" => {
            field(n, "operator").is_some_and(|o| text(o, src) == "<-")
                && n.parent().is_none_or(|p| p.kind() != "receive_statement")
        }
        "select_statement" => !named(n).iter().any(|c| c.kind() == "default_case"),
        _ => false,
    }
}

/// `x.Unlock()` or `x.RUnlock()` as a statement of its own (not deferred).
fn is_unlock_statement(src: &str, n: Node<'_>) -> bool {
    n.kind() == "call_expression"
        && n.parent()
            .is_some_and(|p| p.kind() == "expression_statement")
        && matches!(callee(n, src), Some((Some(_), "Unlock" | "RUnlock")))
}
