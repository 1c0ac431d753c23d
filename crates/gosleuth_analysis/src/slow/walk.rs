//! What one function does, from the source index: locks taken and released
//! (an unlock on an early-return branch does not end the region), I/O,
//! waits and channel operations, and the calls made while a lock is held.

use gosleuth_go::{CallSite, FuncKind, FuncRef, Package};

use super::calls::{classify, is_builtin, is_conn_arg, strip_strings};
use super::model::{LockRegion, Step, StepKind};

/// A function's facts, up to a line.
#[derive(Debug, Default)]
pub(crate) struct Facts {
    pub(crate) steps: Vec<Step>,
    pub(crate) locks: Vec<LockRegion>,
    /// Calls (callee as written, line, locks held) in the window, for the callee walk.
    pub(crate) calls: Vec<(String, u32, Vec<String>)>,
    /// Locks released before this function takes them: held by its caller.
    pub(crate) entry_releases: Vec<(String, u32)>,
}

/// Scans function `r` of `pkg` from its body's start to `upto`, reporting
/// steps and calls from line `from` on. `lines` is the file's text by line;
/// calls on `skip` lines (the logging calls) are left out.
pub(crate) fn scan(
    pkg: &Package,
    r: FuncRef,
    lines: &[&str],
    from: u32,
    upto: u32,
    skip: &[u32],
) -> Facts {
    let file = &pkg.files[r.file];
    let f = pkg.function(r);
    let body = f.body.unwrap_or(f.span);
    let mine = |c: &CallSite| {
        c.func.is_some_and(|i| {
            i == r.func
                || file.functions.get(i).is_some_and(|w| {
                    matches!(w.kind, FuncKind::DeferWrap | FuncKind::GoWrap)
                        && w.parent == Some(r.func)
                })
        })
    };
    let mut calls: Vec<&CallSite> = file
        .calls
        .iter()
        .filter(|c| mine(c) && c.line >= body.start && c.line <= upto)
        .collect();
    calls.sort_by_key(|c| c.line);
    let mut out = Facts::default();
    let mut held: Vec<(String, usize)> = Vec::new();
    let code = |line: u32| statement_at(pkg, r, line).unwrap_or_else(|| raw(lines, line));
    for c in calls {
        let deferred = code(c.line).starts_with("defer ");
        if let Some((lock, mode)) = lock_op(c) {
            match mode {
                "Lock" | "RLock" => {
                    held.push((lock.to_string(), out.locks.len()));
                    out.locks.push(LockRegion {
                        lock: lock.to_string(),
                        mode: mode.to_string(),
                        acquired: c.line,
                        released: None,
                        calls: Vec::new(),
                    });
                    if c.line >= from {
                        out.steps.push(step(
                            c.line,
                            StepKind::Lock,
                            code(c.line),
                            &names(&held[..held.len() - 1]),
                        ));
                    }
                }
                _ if deferred => {}
                _ => {
                    let Some(pos) = held.iter().rposition(|(l, _)| l == lock) else {
                        // Releasing a lock the caller took (`c.mu.Unlock()` before a write).
                        if !out.locks.iter().any(|l| l.lock == lock)
                            && !out.entry_releases.iter().any(|(l, _)| l == lock)
                        {
                            out.entry_releases.push((lock.to_string(), c.line));
                        }
                        continue;
                    };
                    if branch_exit(pkg, r, c.line, out.locks[held[pos].1].acquired) {
                        continue;
                    }
                    let (_, region) = held.remove(pos);
                    out.locks[region].released = Some(c.line);
                    if c.line >= from {
                        out.steps
                            .push(step(c.line, StepKind::Unlock, code(c.line), &names(&held)));
                    }
                }
            }
            continue;
        }
        if c.line < from || skip.contains(&c.line) || deferred || is_builtin(&c.callee) {
            continue;
        }
        let now = names(&held);
        for (_, region) in &held {
            let text = format!("{}: {}", c.line, code(c.line));
            if !out.locks[*region].calls.contains(&text) {
                out.locks[*region].calls.push(text);
            }
        }
        let kind = match classify(&c.callee) {
            // `nb.WriteTo(nc)`: the medium is in the arguments.
            Some(StepKind::Io) if is_conn_arg(&code(c.line)) => Some(StepKind::NetworkIo),
            Some(k) => Some(k),
            None => (!now.is_empty()).then_some(StepKind::CallUnderLock),
        };
        if let Some(kind) = kind
            && !out.steps.iter().any(|s| s.line == c.line && s.kind == kind)
        {
            out.steps.push(step(c.line, kind, code(c.line), &now));
        }
        out.calls.push((c.callee.clone(), c.line, now));
    }
    for line in from.max(body.start)..=upto.min(body.end) {
        let text = raw(lines, line);
        let bare = strip_strings(&text);
        let kind = if bare.starts_with("select {") || bare == "select {" {
            Some(StepKind::Wait)
        } else if bare.contains("<-") {
            Some(StepKind::Channel)
        } else {
            None
        };
        if let Some(kind) = kind {
            let now: Vec<String> = out
                .locks
                .iter()
                .filter(|l| l.acquired < line && l.released.is_none_or(|r| r > line))
                .map(|l| l.lock.clone())
                .collect();
            out.steps.push(step(line, kind, text, &now));
        }
    }
    out.steps
        .sort_by(|a, b| a.line.cmp(&b.line).then(a.kind.cmp(&b.kind)));
    out
}

fn step(line: u32, kind: StepKind, code: String, held: &[impl AsRef<str>]) -> Step {
    Step {
        line,
        kind,
        code,
        held: held.iter().map(|h| h.as_ref().to_string()).collect(),
    }
}

fn names(held: &[(String, usize)]) -> Vec<String> {
    held.iter().map(|(l, _)| l.clone()).collect()
}

/// `c.mu.Lock()` → (`c.mu`, `Lock`).
fn lock_op(c: &CallSite) -> Option<(&str, &str)> {
    let (recv, method) = c.callee.rsplit_once('.')?;
    (c.args == 0 && matches!(method, "Lock" | "RLock" | "Unlock" | "RUnlock"))
        .then_some((recv, method))
}

/// Whether an unlock at `line` leaves a branch that returns (or continues,
/// breaks) while the lock acquired at `acquired`, before the branch, stays
/// held on the path that goes on: `if closed { mu.Unlock(); return }`.
fn branch_exit(pkg: &Package, r: FuncRef, line: u32, acquired: u32) -> bool {
    let stmts: Vec<_> = pkg.files[r.file]
        .statements
        .iter()
        .filter(|s| s.func == r.func)
        .collect();
    let branch = stmts
        .iter()
        .filter(|s| s.span.start < line && line <= s.span.end && s.span.start > acquired)
        .filter(|s| {
            [
                "if ", "} else", "else", "case ", "default:", "for ", "select", "switch",
            ]
            .iter()
            .any(|p| s.text.starts_with(p))
        })
        .min_by_key(|s| s.span.len());
    branch.is_some_and(|b| {
        stmts.iter().any(|s| {
            s.span.start > line
                && s.span.end <= b.span.end
                && ["return", "continue", "break", "goto "]
                    .iter()
                    .any(|k| s.text.starts_with(k))
        })
    })
}

/// The one-line statement at `line` of function `r`, when short.
pub(crate) fn statement_at(pkg: &Package, r: FuncRef, line: u32) -> Option<String> {
    pkg.files[r.file]
        .statements
        .iter()
        .rev()
        .find(|s| s.func == r.func && s.span.start == line && s.span.len() <= 3)
        .map(|s| s.text.split_whitespace().collect::<Vec<_>>().join(" "))
}

pub(crate) fn raw(lines: &[&str], line: u32) -> String {
    lines
        .get(line as usize - 1)
        .map_or(String::new(), |l| l.trim().to_string())
}
