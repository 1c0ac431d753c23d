//! What a call does, by its callee as written: I/O (network, disk, unknown),
//! waits; builtins and conversions are not calls that matter.

use super::model::StepKind;

/// Builtins and conversions: calls as the syntax has them, not as the code runs.
pub(crate) fn is_builtin(callee: &str) -> bool {
    const NAMES: &[&str] = &[
        "append",
        "cap",
        "clear",
        "close",
        "complex",
        "copy",
        "delete",
        "imag",
        "len",
        "make",
        "max",
        "min",
        "new",
        "panic",
        "print",
        "println",
        "real",
        "recover",
        "bool",
        "byte",
        "rune",
        "string",
        "int",
        "int8",
        "int16",
        "int32",
        "int64",
        "uint",
        "uint8",
        "uint16",
        "uint32",
        "uint64",
        "uintptr",
        "float32",
        "float64",
        "complex64",
        "complex128",
        "error",
    ];
    NAMES.contains(&callee) || callee.starts_with("[]") || callee.starts_with('(')
}

/// The kind of a call that does I/O or waits, by its callee as written.
pub(crate) fn classify(callee: &str) -> Option<StepKind> {
    let (recv, method) = callee.rsplit_once('.').unwrap_or(("", callee));
    let last = recv.rsplit('.').next().unwrap_or(recv).to_ascii_lowercase();
    let conn = last == "nc" || last.contains("conn") || last == "ws" || last.ends_with("sock");
    let file = ["f", "fd", "fp", "file", "mfd", "ifd", "wal"].contains(&last.as_str())
        || last.ends_with("file");
    match (recv, method) {
        (
            "os" | "ioutil",
            "Open" | "OpenFile" | "Create" | "ReadFile" | "WriteFile" | "Remove" | "RemoveAll"
            | "Rename" | "Stat" | "Lstat" | "Truncate" | "MkdirAll" | "ReadDir",
        ) => Some(StepKind::DiskIo),
        ("net", m) if m.starts_with("Dial") || m.starts_with("Listen") => Some(StepKind::NetworkIo),
        ("time", "Sleep") => Some(StepKind::Wait),
        (_, "Wait") if !recv.is_empty() => Some(StepKind::Wait),
        (_, "Sync" | "Fsync" | "Fdatasync" | "ReadAt" | "WriteAt") if !recv.is_empty() => {
            Some(StepKind::DiskIo)
        }
        (
            _,
            "Read" | "Write" | "ReadFrom" | "WriteTo" | "Writev" | "writeBuffers" | "ReadFull"
            | "Flush" | "Seek",
        ) if !recv.is_empty() => {
            if conn {
                Some(StepKind::NetworkIo)
            } else if file {
                Some(StepKind::DiskIo)
            } else {
                Some(StepKind::Io)
            }
        }
        ("io", "ReadFull" | "ReadAll" | "Copy" | "CopyN") => Some(StepKind::Io),
        _ => None,
    }
}

pub(crate) fn is_conn_arg(code: &str) -> bool {
    ["(nc)", "(conn)", "(c.nc)", "(netConn)", "(nc,", "(conn,"]
        .iter()
        .any(|a| code.contains(a))
}

/// A line with its string and rune literals and its comment removed.
pub(crate) fn strip_strings(line: &str) -> String {
    let mut out = String::new();
    let mut quote: Option<char> = None;
    let mut escaped = false;
    let mut prev = ' ';
    for ch in line.chars() {
        match quote {
            Some(q) => {
                if escaped {
                    escaped = false;
                } else if ch == '\\' && q != '`' {
                    escaped = true;
                } else if ch == q {
                    quote = None;
                }
            }
            None if ch == '/' && prev == '/' => {
                out.pop();
                break;
            }
            None if matches!(ch, '"' | '`' | '\'') => quote = Some(ch),
            None => out.push(ch),
        }
        prev = ch;
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calls_by_kind() {
        assert_eq!(classify("nc.Read"), Some(StepKind::NetworkIo));
        assert_eq!(classify("c.nc.Write"), Some(StepKind::NetworkIo));
        assert_eq!(classify("mb.mfd.Sync"), Some(StepKind::DiskIo));
        assert_eq!(classify("os.ReadFile"), Some(StepKind::DiskIo));
        assert_eq!(classify("s.grWG.Wait"), Some(StepKind::Wait));
        assert_eq!(classify("time.Sleep"), Some(StepKind::Wait));
        assert_eq!(classify("bw.Flush"), Some(StepKind::Io));
        assert_eq!(classify("c.parse"), None);
        assert_eq!(strip_strings(r#"x := "a <- b" // c <- d"#), "x :=");
        assert_eq!(strip_strings("v := <-ch"), "v := <-ch");
    }
}
