//! The `connmem`, `slow` and `goroutines` pages: their Markdown report read
//! back into blocks (headings, paragraphs, lists, tables, code) and drawn in
//! the page shell, every table sortable. The blocks carry plain text spans, so
//! every string of the report (log lines, source, function names) reaches the
//! page through the template's escaping.

use serde::Serialize;

use super::md_blocks::{Block, parse, plain};
use super::shell::{Nav, render_page};
use crate::error::Result;
use crate::render::{render_connmem_md, render_goroutines_md, render_slow_md};

const TEMPLATE: &str = include_str!("markdown.html");

/// Renders the `connmem` report as one self-contained HTML page.
pub fn render_connmem_html(r: &crate::ConnmemReport) -> Result<String> {
    md_page(&render_connmem_md(r))
}

/// Renders the `slow` report as one self-contained HTML page.
pub fn render_slow_html(r: &crate::SlowReport) -> Result<String> {
    md_page(&render_slow_md(r))
}

/// Renders the `goroutines` report as one self-contained HTML page.
pub fn render_goroutines_html(r: &crate::GoroutinesReport) -> Result<String> {
    md_page(&render_goroutines_md(r))
}

#[derive(Debug, Serialize)]
struct Page {
    title: String,
    nav: Vec<Nav>,
    blocks: Vec<Block>,
}

pub(super) fn md_page(md: &str) -> Result<String> {
    let mut blocks = parse(md);
    let mut title = String::from("gosleuth report");
    if let Some(i) = blocks
        .iter()
        .position(|b| matches!(b, Block::Heading { level: 1, .. }))
        && let Block::Heading { spans, .. } = blocks.remove(i)
    {
        title = plain(&spans);
    }
    let nav = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading {
                level: 2,
                id,
                spans,
            } => Some((id.clone(), plain(spans))),
            _ => None,
        })
        .map(|(id, label)| Nav { id, label })
        .collect();
    render_page(TEMPLATE, &Page { title, nav, blocks }, None)
}
