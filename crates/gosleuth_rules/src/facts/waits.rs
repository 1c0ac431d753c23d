//! Whether a function waits on a channel: a bare receive (`<-d.ch`, also in
//! a select's `default` branch) or a `select` without `default`, outside
//! nested function literals. A helper such as a counting semaphore's
//! `acquire` then blocks whoever calls it, and a caller holding a mutex holds
//! it for the whole wait (seed 003: the disk I/O semaphore). A function that
//! unlocks a mutex before it waits (`c.mu.Unlock(); defer c.mu.Lock()`, as
//! `sync.Cond.Wait` does) releases its caller's lock, and is not counted.

use gosleuth_go::KindName as _;
use tree_sitter::Node;

use crate::syntax::{callee, named, text};

/// How a function waits (``blocks on `<-d.ch` ``, `waits in a select`), or
/// `None`, from its own receives, selects and calls (nested literals
/// excluded), each in source order.
pub(super) fn channel_wait(
    src: &str,
    receives: &[Node<'_>],
    selects: &[Node<'_>],
    calls: &[Node<'_>],
) -> Option<String> {
    // A receive that is a select case only waits with the select.
    let receive = receives.iter().find(|n| {
        n.parent()
            .is_none_or(|p| p.kind_name() != "receive_statement")
    });
    let select = selects
        .iter()
        .find(|n| !named(**n).iter().any(|c| c.kind_name() == "default_case"));
    let first = match (receive, select) {
        (Some(r), Some(s)) => r.start_byte().min(s.start_byte()),
        (Some(r), None) => r.start_byte(),
        (None, Some(s)) => s.start_byte(),
        (None, None) => return None,
    };
    if calls
        .iter()
        .any(|c| c.start_byte() < first && is_unlock_statement(src, *c))
    {
        return None;
    }
    Some(match receive {
        Some(r) if r.start_byte() == first => format!("blocks on `{}`", text(*r, src)),
        _ => "waits in a select".to_owned(),
    })
}

/// `x.Unlock()` or `x.RUnlock()` as a statement of its own (not deferred).
fn is_unlock_statement(src: &str, n: Node<'_>) -> bool {
    n.parent()
        .is_some_and(|p| p.kind_name() == "expression_statement")
        && matches!(callee(n, src), Some((Some(_), "Unlock" | "RUnlock")))
}
