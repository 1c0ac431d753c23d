//! Ranked hypotheses — scheduler starvation (the process got no CPU), lock
//! contention, I/O latency, GC — with the evidence for and against each and
//! the commands that would confirm them.

use super::confirm;
use super::dumps::is_lock_wait;
use super::model::{Burst, Callee, DumpBlocked, Hypothesis, HypothesisKind, Operation, StepKind};

/// Lines whose ends lie this close together count as released together.
const TOGETHER_MS: f64 = 250.0;
/// Durations within this fraction of each other count as near-identical.
const SAME_DURATION: f64 = 0.1;

/// What the logs, the code and the dumps say.
pub(crate) struct Evidence<'a> {
    pub(crate) operations: &'a [Operation],
    pub(crate) bursts: &'a [Burst],
    pub(crate) dumps: &'a [DumpBlocked],
    /// Lines of `GODEBUG=gctrace=1` output in the logs.
    pub(crate) gctrace_lines: usize,
}

pub(crate) fn hypotheses(e: &Evidence<'_>) -> Vec<Hypothesis> {
    let mut out = vec![starvation(e), locks(e), io(e), gc(e)];
    out.sort_by(|a, b| b.score.cmp(&a.score).then(a.kind.cmp(&b.kind)));
    for (i, h) in out.iter_mut().enumerate() {
        h.rank = i + 1;
        h.verdict = match h.score {
            s if s >= 3 => "likely",
            s if s >= 1 => "possible",
            _ => "unlikely",
        }
        .to_string();
    }
    out
}

fn together(b: &Burst) -> bool {
    b.subjects >= 2
        && b.end_spread_ms <= TOGETHER_MS
        && (b.max_seconds - b.min_seconds) <= SAME_DURATION * b.max_seconds
}

fn starvation(e: &Evidence<'_>) -> Hypothesis {
    let mut h = new(HypothesisKind::SchedulerStarvation);
    for b in e.bursts.iter().filter(|b| together(b)) {
        h.score += 2;
        h.evidence_for.push(format!(
            "{} slow lines from {} different subjects ended within {:.0} ms of each other ({}) after near-identical \
             durations ({:.3}–{:.3} s): independent goroutines were released together, as when a stopped or starved \
             process runs again",
            b.lines, b.subjects, b.end_spread_ms, b.end, b.min_seconds, b.max_seconds
        ));
    }
    let spread: Vec<&Burst> = e
        .bursts
        .iter()
        .filter(|b| b.lines >= 2 && !together(b))
        .collect();
    if !spread.is_empty() {
        h.score -= 1;
        h.evidence_against.push(format!("{} burst(s) of overlapping slow lines ended at different times or after different durations", spread.len()));
    }
    if e.bursts.iter().all(|b| b.lines < 2) {
        h.evidence_against.push(
            "no two slow lines overlap in time: nothing points at a process-wide pause".into(),
        );
    }
    h.confirm = confirm::STARVATION
        .iter()
        .map(|c| (*c).to_string())
        .collect();
    h
}

fn locks(e: &Evidence<'_>) -> Hypothesis {
    let mut h = new(HypothesisKind::LockContention);
    for op in e.operations {
        for c in &op.code {
            let names: Vec<String> = c
                .locks
                .iter()
                .filter(|l| l.acquired >= c.window.0)
                .map(|l| format!("`{}` (line {})", l.lock, l.acquired))
                .collect();
            if !names.is_empty() {
                h.score += 1;
                h.evidence_for.push(format!(
                    "`{}` takes {} inside the timed window",
                    c.function,
                    names.join(", ")
                ));
            }
            let direct: Vec<String> = c
                .callees
                .iter()
                .filter(|k| k.depth == 1 && !k.locks.is_empty())
                .map(|k| format!("`{}`", k.function))
                .collect();
            if !direct.is_empty() {
                h.evidence_for.push(format!(
                    "functions it calls in the window take locks: {}",
                    direct.join(", ")
                ));
            }
            // A callee that first releases a lock of the same field (`c.mu`
            // for the caller's `cp.mu`) blocks outside it.
            let keeps = |k: &&Callee| {
                !k.under
                    .iter()
                    .any(|u| k.releases.iter().any(|r| field(r) == field(u)))
            };
            for k in c
                .callees
                .iter()
                .filter(|k| !k.under.is_empty() && !k.blocking.is_empty())
                .filter(keeps)
            {
                h.score += 1;
                h.evidence_for.push(format!(
                    "`{}` calls `{}` while holding `{}`, and `{}` can block ({})",
                    k.caller,
                    k.function,
                    k.under.join("`, `"),
                    k.function,
                    k.blocking
                        .iter()
                        .map(|s| format!("line {}", s.line))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
        }
    }
    let mut waiting = 0;
    for d in e.dumps {
        for g in d
            .groups
            .iter()
            .filter(|g| is_lock_wait(&g.state, g.code.as_deref()))
        {
            waiting += g.count;
            // Brief lock waits are normal under load; many waiters or long waits on the slow code's stacks are not.
            h.score += if g.in_slow_code && (g.count >= 3 || g.max_minutes >= 1) {
                2
            } else {
                1
            };
            h.evidence_for.push(format!(
                "{}: {} goroutine(s) waiting for a lock in `{}` at {} ({}){}",
                d.name,
                g.count,
                g.function,
                g.place,
                g.state,
                if g.in_slow_code {
                    ", on the slow code's stacks"
                } else {
                    ""
                }
            ));
        }
    }
    if !e.dumps.is_empty() && waiting == 0 {
        h.score -= 2;
        h.evidence_against
            .push("no goroutine in the dumps waits for a lock".into());
    }
    if e.bursts.iter().any(together) {
        h.score -= 1;
        h.evidence_against.push(
            "the slow lines ended together after the same time: a contended lock passes from one goroutine to the next, \
             which spreads their ends by each holder's work"
                .into(),
        );
    }
    h.confirm = confirm::LOCKS.iter().map(|c| (*c).to_string()).collect();
    h
}

fn io(e: &Evidence<'_>) -> Hypothesis {
    let mut h = new(HypothesisKind::IoLatency);
    let is_io = |k: StepKind| matches!(k, StepKind::NetworkIo | StepKind::DiskIo | StepKind::Io);
    let mut any = false;
    for op in e.operations {
        for c in &op.code {
            let direct: Vec<String> = c
                .steps
                .iter()
                .filter(|s| is_io(s.kind))
                .map(|s| format!("`{}` (line {})", s.code, s.line))
                .collect();
            if !direct.is_empty() {
                any = true;
                h.score += 2;
                h.evidence_for.push(format!(
                    "`{}` does I/O inside the timed window: {}",
                    c.function,
                    direct.join(", ")
                ));
            }
            let deep: Vec<String> = c
                .callees
                .iter()
                .filter(|k| k.blocking.iter().any(|s| is_io(s.kind)))
                .map(|k| {
                    format!(
                        "`{}` (called at line {} of `{}`)",
                        k.function, k.called_at, k.caller
                    )
                })
                .collect();
            if !deep.is_empty() {
                any = true;
                h.score += 1;
                h.evidence_for.push(format!(
                    "functions reached in the window do I/O (perhaps only on some paths): {}",
                    deep.join(", ")
                ));
            }
            if c.timer.is_some() && direct.is_empty() {
                h.evidence_against.push(format!(
                    "the timer starts at line {} of `{}`, after its blocking read: the logged time excludes waiting for input",
                    c.window.0, c.function
                ));
            }
        }
    }
    if !any {
        h.score -= 2;
        h.evidence_against
            .push("no I/O in the timed windows or the functions they call".into());
    }
    if e.bursts.iter().any(together) {
        h.score -= 1;
        h.evidence_against.push("independent connections finished together: separate sockets or files rarely stall in step".into());
    }
    h.confirm = confirm::IO.iter().map(|c| (*c).to_string()).collect();
    h
}

fn gc(e: &Evidence<'_>) -> Hypothesis {
    let mut h = new(HypothesisKind::Gc);
    let longest = e
        .operations
        .iter()
        .map(|o| o.max_seconds)
        .fold(0.0, f64::max);
    if e.gctrace_lines > 0 {
        h.score += 1;
        h.evidence_for.push(format!(
            "the logs have {} gctrace line(s): compare their pauses with the slow times",
            e.gctrace_lines
        ));
    } else {
        h.evidence_against.push(
            "the logs have no gctrace lines (run with GODEBUG=gctrace=1 to see every GC)".into(),
        );
    }
    if longest >= 0.1 {
        h.score -= 2;
        h.evidence_against.push(format!(
            "the slow operations last up to {longest:.2} s; Go's stop-the-world pauses last well under a millisecond \
             and assists slow a goroutine, not stop it for seconds"
        ));
    }
    h.confirm = confirm::GC.iter().map(|c| (*c).to_string()).collect();
    h
}

/// `cp.mu (Unlock at line 9)` → `mu`; `cp.mu` → `mu`.
fn field(lock: &str) -> &str {
    let name = lock.split(' ').next().unwrap_or(lock);
    name.rsplit('.').next().unwrap_or(name)
}

fn new(kind: HypothesisKind) -> Hypothesis {
    Hypothesis {
        kind,
        rank: 0,
        score: 0,
        verdict: String::new(),
        evidence_for: Vec::new(),
        evidence_against: Vec::new(),
        confirm: Vec::new(),
    }
}
