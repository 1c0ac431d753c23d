//! Small helpers to turn tree-sitter nodes into plain text and line numbers.

use tree_sitter::Node;

use crate::model::Span;

/// Longest statement text kept in the index.
const MAX_TEXT: usize = 400;

/// The source text of `node`.
pub(crate) fn text<'s>(node: Node<'_>, src: &'s str) -> &'s str {
    src.get(node.byte_range()).unwrap_or("")
}

/// 1-based line of the node's first byte.
pub(crate) fn line(node: Node<'_>) -> u32 {
    u32::try_from(node.start_position().row).map_or(u32::MAX, |r| r.saturating_add(1))
}

/// 1-based lines covered by the node.
pub(crate) fn span(node: Node<'_>) -> Span {
    let (start, end) = (node.start_position(), node.end_position());
    // A node ending at column 0 ends with the newline of the previous line.
    let end_row = if end.column == 0 && end.row > start.row {
        end.row - 1
    } else {
        end.row
    };
    let one_based = |row: usize| u32::try_from(row).map_or(u32::MAX, |r| r.saturating_add(1));
    Span {
        start: one_based(start.row),
        end: one_based(end_row),
    }
}

/// Text of a statement for the index: compound statements are cut at the
/// start of `body` (their block), and long text is shortened on a char
/// boundary.
pub(crate) fn statement_text(node: Node<'_>, body: Option<Node<'_>>, src: &str) -> String {
    let end = body.map_or(node.end_byte(), |b| b.start_byte());
    let raw = src.get(node.start_byte()..end).unwrap_or("").trim_end();
    let raw = raw.strip_suffix('{').unwrap_or(raw).trim_end();
    shorten(raw)
}

/// `raw` cut to at most [`MAX_TEXT`] bytes on a char boundary.
pub(crate) fn shorten(raw: &str) -> String {
    if raw.len() <= MAX_TEXT {
        return raw.to_owned();
    }
    let mut cut = MAX_TEXT;
    while !raw.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}…", &raw[..cut])
}

/// The first child token of `node` of the given kind (e.g. the `{` of a
/// switch statement, which has no field name).
pub(crate) fn child_of_kind<'t>(node: Node<'t>, kind: &str) -> Option<Node<'t>> {
    let mut cursor = node.walk();
    node.children(&mut cursor).find(|c| c.kind_name() == kind)
}

/// Named children of `node`, collected (tree-sitter iterators borrow a cursor).
pub(crate) fn named_children(node: Node<'_>) -> Vec<Node<'_>> {
    let mut cursor = node.walk();
    node.named_children(&mut cursor).collect()
}

/// `node` without enclosing parentheses.
pub(crate) fn unparen(mut node: Node<'_>) -> Node<'_> {
    while node.kind_name() == "parenthesized_expression" {
        match node.named_child(0) {
            Some(inner) => node = inner,
            None => break,
        }
    }
    node
}

/// A node's kind, as [`Node::kind`] gives it but from a table: tree-sitter's
/// returns the name as a C string that the binding measures and checks for
/// UTF-8 on every call, 2.5% of indexing a source tree.
pub trait KindName {
    /// The node's kind (`"call_expression"`, `"{"`, ...).
    fn kind_name(&self) -> &'static str;
}

impl KindName for Node<'_> {
    fn kind_name(&self) -> &'static str {
        let id = self.kind_id();
        match kind_names().get(usize::from(id)) {
            Some(name) => name,
            // Syntax errors are the one kind outside the grammar's table.
            None if id == u16::MAX => "ERROR",
            None => "",
        }
    }
}

/// Every kind of the Go grammar by id.
fn kind_names() -> &'static [&'static str] {
    static NAMES: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    NAMES.get_or_init(|| {
        let language = super::go_language();
        (0..language.node_kind_count())
            .map(|id| {
                u16::try_from(id)
                    .ok()
                    .and_then(|id| language.node_kind_for_id(id))
                    .unwrap_or("")
            })
            .collect()
    })
}
