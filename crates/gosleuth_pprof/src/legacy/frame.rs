//! The `#` frame lines under each record of a `?debug=1` profile, and how they
//! are matched to the record's addresses.
//!
//! Go's `printStackRecord` writes one `#\t<pc>\t<func>+<off>\t<file>:<line>`
//! line per frame, where `<pc>` is the return address minus one, and hides the
//! leading runtime frames and `runtime.goexit`. The hidden addresses are left
//! out of the stack: nothing is known about them, and the protobuf heap profile
//! hides the same leading frames. A record without any `#` line keeps all its
//! addresses, unsymbolized, as pprof does.

use crate::error::Result;

use super::text::{dec_i64, error, hex_u64, quote};

/// A symbolized source position from a frame line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Symbol {
    /// Function name without the `+0x…` offset.
    pub(super) function: String,
    /// Source file as recorded at build time.
    pub(super) file: String,
    /// Line number.
    pub(super) line: i64,
    /// Entry address of the physical function the pc is in (`pc - offset`).
    pub(super) entry: Option<u64>,
}

/// One `#` frame line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct FrameLine {
    /// 1-based line number in the payload.
    pub(super) number: usize,
    /// The program counter (call instruction, i.e. return address − 1).
    pub(super) pc: u64,
    /// `None` for the `#\t<pc>` form Go writes when it has no symbol.
    pub(super) symbol: Option<Symbol>,
}

/// One stack entry: a location address with its source lines, innermost first.
pub(super) type StackEntry = (u64, Vec<Symbol>);

/// Parses a `#` line as a frame line; `None` when it is another kind of comment.
pub(super) fn parse_frame_line(text: &str, number: usize) -> Result<Option<FrameLine>> {
    let Some(body) = text.trim_start().strip_prefix('#') else {
        return Ok(None);
    };
    let mut fields = body.split('\t').map(str::trim).filter(|f| !f.is_empty());
    let Some(pc) = fields.next().filter(|f| f.starts_with("0x")) else {
        return Ok(None);
    };
    let pc = hex_u64(pc, "frame address", number)?;
    let rest: Vec<&str> = fields.collect();
    let symbol = match rest[..] {
        [] => None,
        [function, file_line] => Some(symbol(pc, function, file_line, number)?),
        _ => {
            return Err(error(
                number,
                format!(
                    "frame line: expected `#<tab>0x…<tab>function+0x…<tab>file:line`, got {}",
                    quote(text)
                ),
            ));
        }
    };
    Ok(Some(FrameLine { number, pc, symbol }))
}

fn symbol(pc: u64, function: &str, file_line: &str, number: usize) -> Result<Symbol> {
    // `name+0x2b`: the offset gives the entry of the physical function, which
    // inlined frames share with the frame they are inlined into.
    let hex = |o: &str| !o.is_empty() && o.bytes().all(|b| b.is_ascii_hexdigit());
    let (function, entry) = match function.rsplit_once("+0x") {
        Some((name, offset)) if hex(offset) => {
            let entry = u64::from_str_radix(offset, 16)
                .ok()
                .map(|o| pc.wrapping_sub(o));
            (name, entry)
        }
        _ => (function, None),
    };
    let Some((file, line)) = file_line.rsplit_once(':') else {
        return Err(error(
            number,
            format!("frame line: expected `file:line`, got {}", quote(file_line)),
        ));
    };
    let line = dec_i64(line, "frame line number", number)?;
    Ok(Symbol {
        function: function.to_string(),
        file: file.to_string(),
        line,
        entry,
    })
}

/// Builds a record's stack from its `@` addresses and its frame lines.
///
/// The first frame is matched to the first address it names (the addresses
/// before it are the hidden runtime frames); each later frame names the next
/// address, or repeats the last one for a call inlined at the same address. A
/// frame names address `a` by the pc `a - 1` (Go 1.9+) or `a` (older Go).
pub(super) fn record_stack(addrs: &[u64], frames: Vec<FrameLine>) -> Result<Vec<StackEntry>> {
    let names = |a: u64, pc: u64| a.wrapping_sub(1) == pc || a == pc;
    if frames.is_empty() {
        return Ok(addrs
            .iter()
            .map(|a| (a.wrapping_sub(1), Vec::new()))
            .collect());
    }
    let mut stack: Vec<StackEntry> = Vec::with_capacity(frames.len());
    let mut next = 0;
    for frame in frames {
        let found = if stack.is_empty() {
            addrs.iter().position(|&a| names(a, frame.pc))
        } else {
            Some(next).filter(|&i| addrs.get(i).is_some_and(|&a| names(a, frame.pc)))
        };
        if let Some(i) = found {
            next = i + 1;
            stack.push((addrs[i].wrapping_sub(1), frame.symbol.into_iter().collect()));
        } else if let Some(last) = stack
            .last_mut()
            .filter(|_| names(addrs[next - 1], frame.pc))
        {
            last.1.extend(frame.symbol);
        } else {
            let message = format!(
                "frame {:#x} does not match the next address of its record",
                frame.pc
            );
            return Err(error(frame.number, message));
        }
    }
    Ok(stack)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(text: &str) -> FrameLine {
        parse_frame_line(text, 7).unwrap().unwrap()
    }

    #[test]
    fn parses_tabwriter_frame_lines() {
        let f = frame("#\t0x75cc5d\tnet/http/pprof.Profile+0x29d\t\tnet/http/pprof/pprof.go:136");
        assert_eq!(f.pc, 0x75cc5d);
        let s = f.symbol.unwrap();
        assert_eq!(
            (s.function.as_str(), s.file.as_str(), s.line),
            ("net/http/pprof.Profile", "net/http/pprof/pprof.go", 136)
        );
        let f = frame("#\t0x1\tmain.F[go.shape.struct { X int }]+0x1\tC:/src/a b.go:9");
        let s = f.symbol.unwrap();
        assert_eq!(
            (s.function.as_str(), s.file.as_str()),
            ("main.F[go.shape.struct { X int }]", "C:/src/a b.go")
        );
        assert_eq!(frame("#\t0x4c1a2b").symbol, None);
    }

    #[test]
    fn other_comments_are_not_frames() {
        assert_eq!(
            parse_frame_line("# labels: {\"a\":\"b\"}", 1).unwrap(),
            None
        );
        assert_eq!(parse_frame_line("# runtime.MemStats", 1).unwrap(), None);
        assert_eq!(parse_frame_line("1 @ 0x1", 1).unwrap(), None);
    }

    #[test]
    fn malformed_frame_lines_are_errors() {
        let e = parse_frame_line("#\t0x1\tmain.f+0x1", 3)
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("malformed text profile, line 3: frame line: expected"),
            "{e}"
        );
        let e = parse_frame_line("#\t0x1\tmain.f+0x1\tmain.go:x", 3)
            .unwrap_err()
            .to_string();
        assert!(e.contains("frame line number: expected a number"), "{e}");
        let e = parse_frame_line("#\t0xzz\tmain.f\ta.go:1", 3)
            .unwrap_err()
            .to_string();
        assert!(e.contains("frame address"), "{e}");
    }

    #[test]
    fn hidden_frames_are_dropped_and_recursion_kept() {
        let f = |pc: u64, n: &str| FrameLine {
            number: 1,
            pc,
            symbol: Some(Symbol {
                function: n.into(),
                file: "a.go".into(),
                line: 1,
                entry: None,
            }),
        };
        let stack = record_stack(
            &[0x10, 0x20, 0x20, 0x30, 0x40],
            vec![f(0x1f, "r"), f(0x1f, "r"), f(0x2f, "m")],
        )
        .unwrap();
        let pcs: Vec<u64> = stack.iter().map(|e| e.0).collect();
        assert_eq!(pcs, [0x1f, 0x1f, 0x2f]);
        let inlined = record_stack(&[0x20], vec![f(0x1f, "inner"), f(0x1f, "outer")]).unwrap();
        assert_eq!(inlined.len(), 1);
        assert_eq!(inlined[0].1.len(), 2);
        let bare = record_stack(&[0x10, 0x20], Vec::new()).unwrap();
        assert_eq!(bare, [(0xf, vec![]), (0x1f, vec![])]);
        let e = record_stack(&[0x10], vec![f(0x99, "x")])
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("frame 0x99 does not match the next address"),
            "{e}"
        );
        let skipped = record_stack(&[0x10, 0x20, 0x30], vec![f(0xf, "a"), f(0x2f, "c")]);
        assert!(skipped.is_err(), "only leading addresses may lack a frame");
        let old_go = record_stack(&[0x10, 0x20], vec![f(0x10, "a"), f(0x20, "b")]).unwrap();
        assert_eq!(old_go.iter().map(|e| e.0).collect::<Vec<_>>(), [0xf, 0x1f]);
        let mixed = [
            f(0x1f, "i"),
            f(0x1f, "o"),
            f(0x2f, "b"),
            f(0x1f, "i"),
            f(0x1f, "o"),
        ];
        let mixed = record_stack(&[0x20, 0x30, 0x20], mixed.to_vec()).unwrap();
        assert_eq!(
            mixed.iter().map(|e| e.1.len()).collect::<Vec<_>>(),
            [2, 1, 2]
        );
    }
}
