//! Go assembly files: one entry per `TEXT` symbol, so frames in
//! `runtime/asm_amd64.s` or `memmove_amd64.s` resolve too.

use std::path::Path;

use crate::model::{FuncKind, Function, Span};
use crate::parse::{NameSeed, ParsedFile};

/// Indexes the `TEXT` symbols of a Go assembly file. A symbol's span runs to
/// the line before the next `TEXT` (or the end of the file).
pub(crate) fn parse_asm(path: &Path, src: &str) -> ParsedFile {
    let mut parsed = ParsedFile::default();
    parsed.index.path = path.to_path_buf();
    let mut starts: Vec<(u32, String)> = Vec::new();
    let mut last_line = 0u32;
    for (i, line) in src.lines().enumerate() {
        let n = u32::try_from(i + 1).unwrap_or(u32::MAX);
        last_line = n;
        let Some(rest) = line.trim_start().strip_prefix("TEXT") else {
            continue;
        };
        if !rest.starts_with([' ', '\t']) {
            continue;
        }
        let sym = rest
            .trim_start()
            .split(['(', ','])
            .next()
            .unwrap_or("")
            .trim();
        let name = sym.rsplit('·').next().unwrap_or(sym);
        let name = name.split('<').next().unwrap_or(name);
        if !name.is_empty() {
            starts.push((n, name.to_owned()));
        }
    }
    for (k, (line, name)) in starts.iter().enumerate() {
        let end = starts
            .get(k + 1)
            .map_or(last_line, |(next, _)| next.saturating_sub(1))
            .max(*line);
        parsed.index.functions.push(Function {
            name: String::new(),
            legacy_name: None,
            kind: FuncKind::Function,
            receiver: None,
            type_params: Vec::new(),
            decl_line: *line,
            span: Span { start: *line, end },
            body: Some(Span { start: *line, end }),
            parent: None,
            dead: false,
        });
        parsed.seeds.push(NameSeed::Decl(name.clone()));
    }
    parsed
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::parse_asm;

    #[test]
    fn text_symbols() {
        let src = "#include \"textflag.h\"\n\nTEXT runtime·memmove<ABIInternal>(SB), NOSPLIT, $0-24\n\tMOVQ AX, DI\n\tRET\n\nTEXT ·Load(SB),NOSPLIT,$0-12\n\tRET\n";
        let p = parse_asm(Path::new("x.s"), src);
        let got: Vec<(String, u32, u32)> = p
            .index
            .functions
            .iter()
            .zip(&p.seeds)
            .map(|(f, s)| (format!("{s:?}"), f.span.start, f.span.end))
            .collect();
        assert_eq!(
            got,
            vec![
                ("Decl(\"memmove\")".to_owned(), 3, 6),
                ("Decl(\"Load\")".to_owned(), 7, 8)
            ]
        );
    }
}
