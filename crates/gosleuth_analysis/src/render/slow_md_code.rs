//! The `slow` Markdown report's code section: where the time is measured,
//! what the logging function does in the window, under which locks, and
//! what the functions it calls lock or block on.

use std::fmt::Write as _;

use super::slow_md::esc;
use crate::slow::model::{Callee, LogSite, Step, StepKind};

pub(super) fn site(out: &mut String, op: &str, c: &LogSite) {
    let lines: Vec<String> = c.lines.iter().map(ToString::to_string).collect();
    let _ = writeln!(out, "### `{}` — `{}`\n", esc(op), c.function);
    let _ = writeln!(
        out,
        "**Location:** `{}:{}` (logged at line {})  ",
        c.file,
        c.decl_line,
        lines.join(", ")
    );
    match &c.timer {
        Some(t) => {
            let _ = writeln!(
                out,
                "**Timed window:** lines {}–{}: the logged duration starts at `{}` (line {}).\n",
                c.window.0,
                c.window.1,
                esc(&t.code),
                t.line
            );
        }
        None => {
            let _ = writeln!(
                out,
                "**Timed window:** lines {}–{} (no timer start found: the whole function up to the log).\n",
                c.window.0, c.window.1
            );
        }
    }
    if !c.steps.is_empty() {
        let _ = writeln!(out, "In the window, in order:\n");
        steps(out, &c.steps);
    }
    if !c.locks.is_empty() {
        let _ = writeln!(out, "Locks `{}` takes:\n", c.function);
        for l in &c.locks {
            let mut released = l
                .released
                .map_or("held to the end (or deferred)".to_string(), |r| {
                    format!("released at line {r}")
                });
            if l.released.is_some_and(|r| r < c.window.0) {
                released.push_str(", before the timed window");
            }
            let _ = writeln!(
                out,
                "- `{}.{}()` at line {}, {released}",
                l.lock, l.mode, l.acquired
            );
            for call in &l.calls {
                let _ = writeln!(out, "  - under it: `{}`", esc(call));
            }
        }
        out.push('\n');
    }
    if !c.callees.is_empty() {
        let _ = writeln!(out, "Functions called in the window that lock or block:\n");
        for k in &c.callees {
            callee(out, k);
        }
        out.push('\n');
    }
    if c.findings.is_empty() {
        let _ = writeln!(
            out,
            "The catalog's locking rules (K10, locks held across blocking calls) find nothing in these functions.\n"
        );
    } else {
        let _ = writeln!(
            out,
            "The catalog's locking rules (K10) on these functions:\n"
        );
        for f in &c.findings {
            let _ = writeln!(out, "- {}", esc(f));
        }
        out.push('\n');
    }
}

fn steps(out: &mut String, steps: &[Step]) {
    let _ = writeln!(out, "| Line | What | Code | Locks held |");
    let _ = writeln!(out, "|---|---|---|---|");
    for s in steps {
        let held = if s.held.is_empty() {
            "—".to_string()
        } else {
            s.held
                .iter()
                .map(|h| format!("`{h}`"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let _ = writeln!(
            out,
            "| {} | {} | `{}` | {held} |",
            s.line,
            kind(s.kind),
            esc(&s.code)
        );
    }
    out.push('\n');
}

fn callee(out: &mut String, k: &Callee) {
    let under = if k.under.is_empty() {
        String::new()
    } else {
        format!(" while holding `{}`", k.under.join("`, `"))
    };
    let indent = "  ".repeat(k.depth.saturating_sub(1) as usize);
    let _ = writeln!(
        out,
        "{indent}- `{}` ({}), called at line {} of `{}`{under}",
        k.function, k.place, k.called_at, k.caller
    );
    if !k.releases.is_empty() {
        let _ = writeln!(
            out,
            "{indent}  - releases {} first: a lock its caller holds",
            k.releases
                .iter()
                .map(|l| format!("`{l}`"))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    if !k.locks.is_empty() {
        let _ = writeln!(
            out,
            "{indent}  - takes {}",
            k.locks
                .iter()
                .map(|l| format!("`{l}`"))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    for s in &k.blocking {
        let held = if s.held.is_empty() {
            String::new()
        } else {
            format!(" (holding `{}`)", s.held.join("`, `"))
        };
        let _ = writeln!(
            out,
            "{indent}  - {} at line {}: `{}`{held}",
            kind(s.kind),
            s.line,
            esc(&s.code)
        );
    }
}

fn kind(k: StepKind) -> &'static str {
    match k {
        StepKind::TimerStart => "timer starts",
        StepKind::Lock => "lock",
        StepKind::Unlock => "unlock",
        StepKind::NetworkIo => "network I/O",
        StepKind::DiskIo => "disk I/O",
        StepKind::Io => "I/O",
        StepKind::Wait => "wait",
        StepKind::Channel => "channel operation",
        StepKind::CallUnderLock => "call under a lock",
    }
}
