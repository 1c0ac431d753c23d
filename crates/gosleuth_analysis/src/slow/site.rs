//! The code that logs a message: the function around each literal, the
//! timed window before the logging call, and what happens in it.

use std::path::{Path, PathBuf};

use gosleuth_go::{FuncRef, Index, Package};

use super::callees::{Names, Texts, callees};
use super::findings::Locking;
use super::literals::Literal;
use super::model::{LogSite, Step, StepKind};
use super::walk::{raw, scan, statement_at};

/// Code sites of one operation's literals, one per function.
pub(crate) fn code_sites(
    lits: &[&Literal],
    roots: &[PathBuf],
    index: &Index,
    texts: &mut Texts,
    locking: &mut Locking,
) -> Vec<LogSite> {
    let mut groups: Vec<(&Package, FuncRef, &Literal, Vec<u32>)> = Vec::new();
    for l in lits {
        let Some((pkg, r)) = index.function_at(&l.path, l.line) else {
            continue;
        };
        match groups
            .iter_mut()
            .find(|g| std::ptr::eq(g.0, pkg) && g.1 == r)
        {
            Some(g) => g.3.push(l.line),
            None => groups.push((pkg, r, l, vec![l.line])),
        }
    }
    groups
        .into_iter()
        .map(|(pkg, r, lit, mut lines)| {
            lines.sort_unstable();
            let mut s = site(pkg, r, lit, &lines, &roots[lit.root], texts);
            let mut names: Vec<&str> = vec![s.function.as_str()];
            names.extend(s.callees.iter().map(|c| c.function.as_str()));
            if let Some(dir) = lit.path.parent() {
                s.findings = locking.in_functions(dir, &names);
            }
            s
        })
        .collect()
}

fn site(
    pkg: &Package,
    r: FuncRef,
    lit: &Literal,
    log_lines: &[u32],
    root: &Path,
    texts: &mut Texts,
) -> LogSite {
    let f = pkg.function(r);
    let body = f.body.unwrap_or(f.span);
    let text = texts.get(&lit.path).to_string();
    let lines: Vec<&str> = text.lines().collect();
    let last = log_lines.last().copied().unwrap_or(body.end);
    let timer = log_lines
        .iter()
        .filter_map(|&l| timer_start(pkg, r, l))
        .min();
    let from = timer.unwrap_or(body.start);
    let facts = scan(pkg, r, &lines, from, last, log_lines);
    let names = Names::new(pkg);
    let callees = callees(&names, r, &facts.calls, texts);
    let file = lit
        .path
        .strip_prefix(root)
        .unwrap_or(&lit.path)
        .display()
        .to_string();
    LogSite {
        file,
        lines: log_lines.to_vec(),
        function: f.name.clone(),
        decl_line: f.decl_line,
        literal: lit.text.clone(),
        timer: timer.map(|t| Step {
            line: t,
            kind: StepKind::TimerStart,
            code: statement_at(pkg, r, t).unwrap_or_else(|| raw(&lines, t)),
            held: Vec::new(),
        }),
        window: (from, last),
        steps: facts.steps,
        locks: facts.locks,
        callees,
        findings: Vec::new(),
    }
}

/// Where the duration logged at `line` starts: the latest `X = time.Now()`
/// before it, for the `X` of the nearest preceding `time.Since(X)` (or
/// `time.Now().Sub(X)`).
fn timer_start(pkg: &Package, r: FuncRef, line: u32) -> Option<u32> {
    let stmts: Vec<_> = pkg.files[r.file]
        .statements
        .iter()
        .filter(|s| s.func == r.func)
        .collect();
    let since = stmts
        .iter()
        .filter(|s| {
            s.span.start <= line
                && (s.text.contains("time.Since(") || s.text.contains("time.Now().Sub("))
        })
        .max_by_key(|s| s.span.start)?;
    let var = since_arg(&since.text)?;
    stmts
        .iter()
        .filter(|s| s.span.start < line && is_now_assignment(&s.text, var))
        .map(|s| s.span.start)
        .max()
}

/// `if d := time.Since(c.in.start); …` → `c.in.start`.
fn since_arg(text: &str) -> Option<&str> {
    let start = text
        .find("time.Since(")
        .map(|i| i + 11)
        .or_else(|| text.find("time.Now().Sub(").map(|i| i + 15))?;
    let rest = &text[start..];
    let mut depth = 0;
    for (i, ch) in rest.char_indices() {
        match ch {
            '(' => depth += 1,
            ')' if depth == 0 => return Some(rest[..i].trim()),
            ')' => depth -= 1,
            _ => {}
        }
    }
    None
}

fn is_now_assignment(text: &str, var: &str) -> bool {
    let Some(rest) = text.strip_prefix(var) else {
        return false;
    };
    let rest = rest.trim_start();
    let rest = rest
        .strip_prefix(":=")
        .or_else(|| rest.strip_prefix('='))
        .unwrap_or("");
    rest.trim_start().starts_with("time.Now()")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timers() {
        assert_eq!(
            since_arg("if dur := time.Since(c.in.start); dur >= readLoopReportThreshold"),
            Some("c.in.start")
        );
        assert_eq!(since_arg("took := time.Now().Sub(start)"), Some("start"));
        assert_eq!(since_arg("x := f(time.Since(t(1)))"), Some("t(1)"));
        assert!(is_now_assignment("c.in.start = time.Now()", "c.in.start"));
        assert!(is_now_assignment("start := time.Now()", "start"));
        assert!(!is_now_assignment("startTime := time.Now()", "start"));
    }
}
