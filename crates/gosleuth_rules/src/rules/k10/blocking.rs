//! The calls that block a goroutine, for GS1001: sleeps, network and disk
//! I/O, WaitGroups, semaphores, and functions of the package that wait on a
//! channel.

use tree_sitter::Node;

use crate::context::FileCtx;
use crate::finding::Severity;
use crate::syntax::{args, callee};
use crate::types::known::is_conn;

/// What `call` waits for, and how bad waiting for it under a lock is.
pub(super) fn blocking_call(ctx: &FileCtx<'_>, call: Node<'_>) -> Option<(String, Severity)> {
    let text = ctx.text(call);
    let short = || text.lines().next().unwrap_or(text).to_owned();
    if let Some((pkg, name)) = ctx.pkg_call(call) {
        return match (pkg, name) {
            ("time", "Sleep") => Some((format!("sleeping (`{}`)", short()), Severity::High)),
            ("http", "Get" | "Post" | "Head" | "PostForm") => Some((
                format!("making an HTTP request (`{}`)", short()),
                Severity::High,
            )),
            ("io", "ReadFull" | "ReadAtLeast" | "Copy" | "CopyN")
                if args(call)
                    .iter()
                    .any(|a| ctx.type_of(*a).is_some_and(|t| is_conn(&t))) =>
            {
                Some((format!("doing network I/O (`{}`)", short()), Severity::High))
            }
            (
                "os",
                "ReadFile" | "WriteFile" | "Open" | "OpenFile" | "Create" | "Remove" | "RemoveAll"
                | "Rename" | "MkdirAll" | "ReadDir",
            )
            | ("ioutil", "ReadFile" | "WriteFile" | "ReadDir") => {
                Some((format!("doing disk I/O (`{}`)", short()), Severity::Medium))
            }
            _ => None,
        };
    }
    if let Some(wait) = ctx.callee_facts(call).and_then(|f| f.waits_on.as_ref()) {
        return Some((
            format!("waiting in `{}`, which {wait}", short()),
            Severity::High,
        ));
    }
    let (Some(recv), name) = callee(call, ctx.src)? else {
        return None;
    };
    let t = ctx.type_of(recv).unwrap_or_default();
    match (t.as_str(), name) {
        ("sync.WaitGroup" | "*sync.WaitGroup", "Wait") => {
            Some(("waiting for a WaitGroup".into(), Severity::High))
        }
        ("semaphore.Weighted" | "*semaphore.Weighted", "Acquire") => Some((
            format!("waiting for a semaphore slot (`{}`)", short()),
            Severity::High,
        )),
        (
            t,
            "Read" | "Write" | "ReadFrom" | "WriteTo" | "ReadMessage" | "WriteMessage"
            | "NextReader" | "NextWriter" | "WriteJSON" | "ReadJSON",
        ) if is_conn(t) => Some((format!("doing network I/O (`{}`)", short()), Severity::High)),
        ("*bufio.Writer", "Flush")
        | (
            "*bufio.Reader",
            "Read" | "ReadByte" | "ReadString" | "ReadBytes" | "ReadLine" | "ReadSlice",
        ) => Some((
            format!(
                "doing buffered I/O that reaches the socket or disk (`{}`)",
                short()
            ),
            Severity::High,
        )),
        ("http.Client" | "*http.Client", "Do" | "Get" | "Post") => Some((
            format!("making an HTTP request (`{}`)", short()),
            Severity::High,
        )),
        (
            "*os.File",
            "Write" | "WriteAt" | "WriteString" | "Read" | "ReadAt" | "Sync" | "Truncate",
        ) => Some((format!("doing disk I/O (`{}`)", short()), Severity::Medium)),
        _ => None,
    }
}
