//! What goroutines were blocked on, per dump: wait reason, minutes, place,
//! and the code there (a `Lock()` names the lock).

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::callees::Texts;
use super::model::{BlockedGroup, DumpBlocked};
use crate::connmem::is_std;
use crate::goroutines::DumpInput;

/// (state, function, file, line) → (goroutines, longest wait, on the slow code's stacks).
type Groups = BTreeMap<(String, String, String, i64), (u64, u64, bool)>;

/// Most groups listed per dump.
const MAX_GROUPS: usize = 15;

/// Groups the goroutines of a dump by wait reason and innermost application
/// frame. `slow` are the functions that log slow operations (names without
/// package path); `files` are the source files, to show the code.
pub(crate) fn blocked(
    d: &DumpInput,
    slow: &[String],
    files: &[(usize, PathBuf)],
    texts: &mut Texts,
) -> DumpBlocked {
    let records = d.data.records();
    let mut groups = Groups::new();
    for r in &records {
        let top = r
            .frames
            .iter()
            .find(|f| !is_std(f.function))
            .or(r.frames.first());
        let Some(top) = top else { continue };
        let in_slow = r
            .frames
            .iter()
            .any(|f| slow.iter().any(|s| f.function.ends_with(&format!(".{s}"))));
        let state = r.state.unwrap_or("unknown").to_string();
        let e = groups
            .entry((
                state,
                top.function.to_string(),
                top.file.to_string(),
                top.line,
            ))
            .or_default();
        e.0 += r.count;
        e.1 = e.1.max(r.minutes);
        e.2 |= in_slow;
    }
    let mut out: Vec<BlockedGroup> = groups
        .into_iter()
        .map(
            |((state, function, file, line), (count, minutes, in_slow))| BlockedGroup {
                code: code_at(files, &file, line, texts),
                state,
                count,
                max_minutes: minutes,
                function: short(&function).to_string(),
                place: format!("{}:{line}", file.rsplit('/').next().unwrap_or(&file)),
                in_slow_code: in_slow,
            },
        )
        .collect();
    out.sort_by(|a, b| {
        (b.in_slow_code, b.count, &a.state, &a.function).cmp(&(
            a.in_slow_code,
            a.count,
            &b.state,
            &b.function,
        ))
    });
    out.truncate(MAX_GROUPS);
    DumpBlocked {
        name: d.name.clone(),
        goroutines: records.iter().map(|r| r.count).sum(),
        groups: out,
    }
}

/// Whether a wait reason is a wait for a lock.
pub(crate) fn is_lock_wait(state: &str, code: Option<&str>) -> bool {
    state.starts_with("semacquire")
        || state.starts_with("sync.Mutex")
        || state.starts_with("sync.RWMutex")
        || code.is_some_and(|c| c.ends_with(".Lock()") || c.ends_with(".RLock()"))
            && !matches!(state, "running" | "runnable" | "unknown")
}

fn short(function: &str) -> &str {
    let after = function.rfind('/').map_or(0, |i| i + 1);
    let rest = &function[after..];
    rest.find('.').map_or(rest, |i| &rest[i + 1..])
}

/// The source line a frame names, found by the longest path suffix among the files.
fn code_at(files: &[(usize, PathBuf)], file: &str, line: i64, texts: &mut Texts) -> Option<String> {
    let parts: Vec<&str> = file.split('/').filter(|p| !p.is_empty()).collect();
    let best = files
        .iter()
        .map(|(_, p)| {
            let have: Vec<String> = p.iter().map(|c| c.to_string_lossy().into_owned()).collect();
            let n = have
                .iter()
                .rev()
                .zip(parts.iter().rev())
                .take_while(|(a, b)| a == *b)
                .count();
            (n, p)
        })
        .filter(|(n, _)| *n >= 2 || parts.len() == 1 && *n == 1)
        .max_by_key(|(n, _)| *n)?;
    let text = texts.get(best.1);
    let l = usize::try_from(line).ok()?.checked_sub(1)?;
    text.lines().nth(l).map(|s| s.trim().to_string())
}
