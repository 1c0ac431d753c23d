//! Frames of code the compiler generates inside source functions, which
//! profiles name and date differently from the source: range-over-func loop
//! bodies and closures copied into their callers by inlining.

use crate::funcname::{NameMatch, symbol_key};
use crate::model::{FuncKind, LoopKind};
use crate::package::{FuncRef, Package};

/// A range-over-func loop body (`F-range1`): Go records the line of its
/// `for` statement as its start line, not the enclosing function's.
pub(crate) fn is_range_body(symbol: &str) -> bool {
    symbol
        .rsplit_once("-range")
        .is_some_and(|(_, n)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

/// Whether function `r` holds a `for … range` statement starting at `line`.
pub(crate) fn range_loop_at(pkg: &Package, r: FuncRef, line: u32) -> bool {
    pkg.files[r.file]
        .loops
        .iter()
        .any(|l| l.func == r.func && l.kind == LoopKind::Range && l.span.start == line)
}

/// The literal of a closure copied into a caller by inlining. Go names the
/// copy `Caller.Callee.funcN` (`runtime.send.goready.func1`,
/// `runtime.(*sweepLocked).sweep.(*mheap).freeSpan.func2`), numbering it
/// among the caller's closures, so `N` need not be the literal's own number
/// in `Callee`; the frame's file is the callee's (`strings/iter.go` for
/// `server.(*Sublist).Insert.SplitSeq.splitSeq.func1`). The literal is the
/// innermost one of file `file` containing `line` inside a function named by
/// a suffix of `Caller.Callee` (longest first).
/// See: cmd/compile/internal/ir/func.go `closureName`.
pub(crate) fn inlined_literal(
    pkg: &Package,
    file: usize,
    line: u32,
    symbol: &str,
) -> Option<FuncRef> {
    let key = symbol_key(symbol);
    let callers = closure_prefix(&key)?;
    let literal = pkg.function_at(file, line)?;
    if pkg.function(literal).kind != FuncKind::Literal {
        return None;
    }
    let mut suffixes =
        std::iter::once(callers).chain(callers.match_indices('.').map(|(i, _)| &callers[i + 1..]));
    let callee = suffixes.find_map(|s| {
        pkg.lookup(s).into_iter().find(|(r, m)| {
            let f = pkg.function(*r);
            *m != NameMatch::Enclosing
                && r.file == file
                && matches!(f.kind, FuncKind::Function | FuncKind::Method)
                && f.span.contains(line)
        })
    })?;
    let mut up = Some(literal.func);
    while let Some(i) = up {
        if i == callee.0.func {
            return Some(literal);
        }
        up = pkg.files[file].functions[i].parent;
    }
    None
}

/// `A.B.func2` and `A.B.func2.1` → `A.B`: the part of a closure's name
/// before its `funcN` (and nested `.N`) elements.
fn closure_prefix(key: &str) -> Option<&str> {
    let mut rest = key;
    loop {
        let (head, last) = rest.rsplit_once('.')?;
        let numeric = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
        if last.strip_prefix("func").is_some_and(numeric) {
            return (!head.is_empty()).then_some(head);
        }
        if !numeric(last) {
            return None;
        }
        rest = head;
    }
}

#[cfg(test)]
mod tests {
    use super::{closure_prefix, is_range_body};

    #[test]
    fn names() {
        assert!(is_range_body("(*Sublist).Insert-range1"));
        assert!(is_range_body("F-range1-range2"));
        assert!(!is_range_body("F-range"));
        assert!(!is_range_body("F.func1"));
        assert_eq!(closure_prefix("send.goready.func1"), Some("send.goready"));
        assert_eq!(
            closure_prefix("(*sweepLocked).sweep.(*mheap).freeSpan.func2.1"),
            Some("(*sweepLocked).sweep.(*mheap).freeSpan")
        );
        assert_eq!(closure_prefix("F.gowrap1"), None);
        assert_eq!(closure_prefix("func1"), None);
    }
}
