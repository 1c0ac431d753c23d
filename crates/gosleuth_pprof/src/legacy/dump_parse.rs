//! Reads a goroutine dump line by line: a header, then pairs of function and
//! `\t<file>:<line>` lines, an optional `created by` pair, and a blank line.

use crate::decode::Limits;
use crate::error::{Error, Result};

use super::caps::Caps;
use super::dump::{Goroutine, GoroutineDump, StackFrame};
use super::dump_line::{created_by, file_line, is_elision, parse_header, split_call};
use super::text::{error, first_content, lines, quote};

/// Parses a goroutine dump (`/debug/pprof/goroutine?debug=2`).
pub fn parse_goroutine_dump(payload: &[u8]) -> Result<GoroutineDump> {
    parse_dump(payload, &Limits::DEFAULT)
}

/// [`parse_goroutine_dump`] under `limits`.
pub(super) fn parse_dump(payload: &[u8], limits: &Limits) -> Result<GoroutineDump> {
    let (first, rest) = first_content(payload);
    if rest.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::Empty);
    }
    let mut parser = Parser {
        goroutines: Vec::new(),
        current: None,
        pending: Pending::Nothing,
        ancestors: false,
        caps: Caps::new(limits),
    };
    for (n, text) in lines(payload).skip(first - 1) {
        parser.line(&text, n)?;
    }
    parser.close();
    Ok(GoroutineDump {
        goroutines: parser.goroutines,
    })
}

/// Which frame a following `\t<file>:<line>` line completes.
#[derive(Default, PartialEq)]
enum Pending {
    #[default]
    Nothing,
    Frame,
    CreatedBy,
}

struct Parser {
    goroutines: Vec<Goroutine>,
    current: Option<Goroutine>,
    pending: Pending,
    /// Inside a `[originating from goroutine N]:` section (GODEBUG=tracebackancestors).
    ancestors: bool,
    caps: Caps,
}

impl Parser {
    fn line(&mut self, text: &str, n: usize) -> Result<()> {
        if text.trim().is_empty() {
            self.close();
            return Ok(());
        }
        if text.starts_with("goroutine ") {
            self.close();
            self.caps.sample()?;
            self.current = Some(parse_header(text, n)?);
            return Ok(());
        }
        let Some(g) = self.current.as_mut() else {
            return Err(error(
                n,
                format!(
                    "expected a goroutine header `goroutine <id> [<state>]:`, got {}",
                    quote(text)
                ),
            ));
        };
        if self.ancestors {
            return Ok(());
        }
        if text.starts_with('\t') {
            return complete_frame(g, std::mem::take(&mut self.pending), text, n);
        }
        self.pending = Pending::Nothing;
        if text.starts_with("[originating from goroutine ") {
            self.ancestors = true;
        } else {
            self.pending = stack_line(g, text, n)?;
            if self.pending == Pending::Frame {
                self.caps.frames(1, g.frames.len())?;
            }
        }
        Ok(())
    }

    fn close(&mut self) {
        self.goroutines.extend(self.current.take());
        self.pending = Pending::Nothing;
        self.ancestors = false;
    }
}

/// Reads a frame, `created by` or elision line into `g`; returns which frame
/// a following file line completes.
fn stack_line(g: &mut Goroutine, text: &str, n: usize) -> Result<Pending> {
    if let Some(rest) = text.strip_prefix("created by ") {
        let (function, creator) = created_by(rest, n)?;
        g.created_by = Some(StackFrame {
            function,
            ..StackFrame::default()
        });
        g.creator_id = creator;
        return Ok(Pending::CreatedBy);
    }
    if is_elision(text) {
        g.elided = true;
        return Ok(Pending::Nothing);
    }
    let Some((function, args)) = split_call(text) else {
        let message = format!(
            "expected a `function(args)` frame line, got {}",
            quote(text)
        );
        return Err(error(n, message));
    };
    let inlined = args == "...";
    g.frames.push(StackFrame {
        function: function.to_string(),
        inlined,
        ..StackFrame::default()
    });
    Ok(Pending::Frame)
}

/// Fills in the file and line of the frame `pending` names.
fn complete_frame(g: &mut Goroutine, pending: Pending, text: &str, n: usize) -> Result<()> {
    // Printed instead of a stack for goroutines running on another thread.
    if text.trim() == "goroutine running on other thread; stack unavailable" {
        return Ok(());
    }
    let frame = match pending {
        Pending::Frame => g.frames.last_mut(),
        Pending::CreatedBy => g.created_by.as_mut(),
        Pending::Nothing => None,
    };
    let Some(frame) = frame else {
        return Err(error(
            n,
            format!(
                "file line without a function line before it: {}",
                quote(text)
            ),
        ));
    };
    (frame.file, frame.line) = file_line(text, n)?;
    // `f(...)` is also how Go abbreviates long argument lists; only inlined
    // frames lack a pc offset.
    frame.inlined &= !text.contains(" +0x");
    Ok(())
}

#[cfg(test)]
mod tests;
