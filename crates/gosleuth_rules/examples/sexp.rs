//! Prints the tree-sitter syntax tree of a Go file, one named node a line:
//! `cargo run -p gosleuth_rules --example sexp -- FILE.go`.

use std::io::Write;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: sexp FILE.go")?;
    let src = std::fs::read_to_string(path)?;
    let mut parser = tree_sitter::Parser::new();
    parser.set_language(&tree_sitter_go::LANGUAGE.into())?;
    let tree = parser.parse(&src, None).ok_or("parse failed")?;
    let mut out = std::io::stdout().lock();
    let mut cursor = tree.walk();
    let mut depth = 0usize;
    loop {
        let node = cursor.node();
        if node.is_named() {
            let field = cursor
                .field_name()
                .map(|f| format!("{f}: "))
                .unwrap_or_default();
            let text = if node.child_count() == 0 {
                format!(" {:?}", &src[node.byte_range()])
            } else {
                String::new()
            };
            writeln!(
                out,
                "{:indent$}{field}{}{text} @{}",
                "",
                node.kind(),
                node.start_position().row + 1,
                indent = depth * 2
            )?;
        }
        if cursor.goto_first_child() {
            depth += 1;
            continue;
        }
        while !cursor.goto_next_sibling() {
            if !cursor.goto_parent() {
                return Ok(());
            }
            depth -= 1;
        }
    }
}
