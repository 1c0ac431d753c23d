//! The Markdown that gosleuth's renderers write (headings, paragraphs,
//! lists, pipe tables, fenced and indented code, `code` and **bold**) read
//! back into blocks of plain text spans, for the HTML pages of `connmem`,
//! `slow` and `goroutines`. A table column whose cells all read as figures
//! (`1,000`, `20.4 kB`, `−5.8%`, `2.532 s`) gets numeric sort keys.

use serde::Serialize;

#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub(super) enum Block {
    Heading {
        level: usize,
        id: String,
        spans: Vec<Span>,
    },
    Paragraph {
        lines: Vec<Vec<Span>>,
    },
    List {
        items: Vec<Item>,
    },
    Table {
        head: Vec<Cell>,
        rows: Vec<Vec<Cell>>,
        /// A closing `**Total**` row: kept below the rows when they are
        /// sorted.
        foot: Vec<Vec<Cell>>,
    },
    Code {
        text: String,
    },
}

#[derive(Debug, Serialize)]
pub(super) struct Item {
    pub(super) depth: usize,
    pub(super) spans: Vec<Span>,
}

#[derive(Debug, Serialize)]
pub(super) struct Cell {
    pub(super) spans: Vec<Span>,
    /// The sort key of a cell of a numeric column.
    pub(super) sort: Option<f64>,
}

/// A run of text, in code and/or bold.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(super) struct Span {
    pub(super) text: String,
    pub(super) code: bool,
    pub(super) strong: bool,
}

/// The Markdown that gosleuth's renderers write, as blocks.
pub(super) fn parse(md: &str) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut lines = md.lines().peekable();
    // Whether the last block may take the next line (no blank line between).
    let mut open = false;
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if trimmed.is_empty() {
            open = false;
            continue;
        }
        if let Some(fence) = ["```", "~~~"].into_iter().find(|f| trimmed.starts_with(f)) {
            let mut text = Vec::new();
            for l in lines.by_ref() {
                if l.trim_start().starts_with(fence) {
                    break;
                }
                text.push(l);
            }
            blocks.push(Block::Code {
                text: text.join("\n"),
            });
            open = false;
            continue;
        }
        let item = trimmed.strip_prefix("- ").or(trimmed.strip_prefix("* "));
        match (item, blocks.last_mut()) {
            (Some(text), Some(Block::List { items })) if open => {
                items.push(Item {
                    depth: (indent / 2).min(3),
                    spans: inline(text),
                });
                continue;
            }
            (Some(text), _) if indent < 4 => {
                blocks.push(Block::List {
                    items: vec![Item {
                        depth: 0,
                        spans: inline(text),
                    }],
                });
                open = true;
                continue;
            }
            _ => {}
        }
        if indent >= 4 && !open {
            let mut text = vec![&line[4..]];
            while let Some(l) = lines.next_if(|l| l.starts_with("    ")) {
                text.push(&l[4..]);
            }
            blocks.push(Block::Code {
                text: text.join("\n"),
            });
            continue;
        }
        if let Some(level) = heading_level(trimmed) {
            let n = blocks
                .iter()
                .filter(|b| matches!(b, Block::Heading { .. }))
                .count();
            blocks.push(Block::Heading {
                level,
                id: format!("section-{}", n + 1),
                spans: inline(trimmed[level..].trim()),
            });
            open = false;
            continue;
        }
        if trimmed.starts_with('|') {
            let mut rows = vec![cells(trimmed)];
            while let Some(l) = lines.next_if(|l| l.trim_start().starts_with('|')) {
                rows.push(cells(l.trim_start()));
            }
            blocks.push(table(rows));
            open = false;
            continue;
        }
        let spans = inline(trimmed.trim_end());
        match blocks.last_mut() {
            Some(Block::Paragraph { lines }) if open => lines.push(spans),
            _ => blocks.push(Block::Paragraph { lines: vec![spans] }),
        }
        open = true;
    }
    blocks
}

fn heading_level(line: &str) -> Option<usize> {
    let level = line.chars().take_while(|c| *c == '#').count();
    ((1..=6).contains(&level) && line[level..].starts_with(' ')).then_some(level)
}

/// The cells of a table row: split at `|` that is not escaped as `\|`.
fn cells(row: &str) -> Vec<String> {
    let inner = row.trim().trim_start_matches('|');
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    let mut out = vec![String::new()];
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                chars.next();
                out.last_mut().unwrap().push('|');
            }
            '|' => out.push(String::new()),
            c => out.last_mut().unwrap().push(c),
        }
    }
    out.into_iter().map(|c| c.trim().to_string()).collect()
}

/// A table from its rows (header, separator, body); a column whose every
/// filled body cell reads as a number sorts as numbers. A last row whose
/// first cell is `**Total**` becomes the table's foot.
fn table(rows: Vec<Vec<String>>) -> Block {
    let mut rows = rows.into_iter();
    let head = rows.next().unwrap_or_default();
    let mut body: Vec<Vec<String>> = rows
        .filter(|r| !r.iter().all(|c| c.chars().all(|c| matches!(c, '-' | ':'))))
        .collect();
    let foot: Vec<Vec<String>> = match body.last() {
        Some(last) if last.first().is_some_and(|c| c == "**Total**") => {
            body.pop().into_iter().collect()
        }
        _ => Vec::new(),
    };
    let numeric: Vec<bool> = (0..head.len())
        .map(|i| {
            let mut filled = body
                .iter()
                .filter_map(|r| r.get(i))
                .filter(|c| !c.is_empty() && *c != "—")
                .peekable();
            filled.peek().is_some() && filled.all(|c| number(&plain(&inline(c))).is_some())
        })
        .collect();
    let cell = |text: &str, i: usize| {
        let spans = inline(text);
        let sort = numeric
            .get(i)
            .copied()
            .unwrap_or(false)
            .then(|| number(&plain(&spans)).unwrap_or(-1e18));
        Cell { spans, sort }
    };
    Block::Table {
        head: head
            .iter()
            .enumerate()
            .map(|(i, h)| Cell {
                spans: inline(h),
                sort: numeric.get(i).copied().unwrap_or(false).then_some(0.0),
            })
            .collect(),
        rows: body
            .iter()
            .map(|r| r.iter().enumerate().map(|(i, c)| cell(c, i)).collect())
            .collect(),
        foot: foot
            .iter()
            .map(|r| r.iter().enumerate().map(|(i, c)| cell(c, i)).collect())
            .collect(),
    }
}

/// A figure as gosleuth writes it (`1,000`, `20.4 kB`, `−5.8%`, `2.532 s`),
/// in its base unit; `None` for anything else.
pub(super) fn number(text: &str) -> Option<f64> {
    let text = text.trim().trim_start_matches('±');
    let (sign, rest) = match text.chars().next()? {
        '−' | '-' => (-1.0, &text[text.chars().next()?.len_utf8()..]),
        '+' => (1.0, &text[1..]),
        _ => (1.0, text),
    };
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(rest.len());
    let digits: String = rest[..end].chars().filter(|c| *c != ',').collect();
    let v: f64 = digits.parse().ok()?;
    let after = &rest[end..];
    if !(after.is_empty() || after.starts_with([' ', '%', ')'])) {
        return None;
    }
    let unit = after.trim_start().split([' ', ')']).next().unwrap_or("");
    let scale = match unit {
        "kB" => 1024.0,
        "MB" => 1024.0 * 1024.0,
        "GB" => 1024.0 * 1024.0 * 1024.0,
        "ns" => 1e-9,
        "µs" => 1e-6,
        "ms" => 1e-3,
        "min" => 60.0,
        "h" => 3600.0,
        _ => 1.0,
    };
    Some(sign * v * scale)
}

/// Inline Markdown: `code` and **bold**; backslash escapes outside code.
pub(super) fn inline(text: &str) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    let (mut code, mut strong) = (false, false);
    let mut cur = String::new();
    let mut chars = text.chars().peekable();
    let flush = |cur: &mut String, out: &mut Vec<Span>, code, strong| {
        if !cur.is_empty() {
            out.push(Span {
                text: std::mem::take(cur),
                code,
                strong,
            });
        }
    };
    while let Some(c) = chars.next() {
        match c {
            '`' => {
                flush(&mut cur, &mut out, code, strong);
                code = !code;
            }
            '*' if !code && chars.peek() == Some(&'*') => {
                chars.next();
                flush(&mut cur, &mut out, code, strong);
                strong = !strong;
            }
            '\\' if !code && chars.peek().is_some_and(char::is_ascii_punctuation) => {
                cur.extend(chars.next());
            }
            c => cur.push(c),
        }
    }
    flush(&mut cur, &mut out, code, strong);
    out
}

/// The text of spans, without markup.
pub(super) fn plain(spans: &[Span]) -> String {
    spans.iter().map(|s| s.text.as_str()).collect()
}
