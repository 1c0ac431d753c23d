//! Renderers of the analysis report: Markdown, text, HTML and JSON.

mod connmem_md;
mod connmem_text;
mod diff_md;
mod diff_text;
mod format;
mod goroutines_md;
mod goroutines_text;
mod html;
mod md;
mod md_parts;
mod recommendations;
mod slow_md;
mod slow_md_code;
mod slow_text;
mod text;

pub use connmem_md::render_connmem_md;
pub use connmem_text::render_connmem_text;
pub use diff_md::render_diff_md;
pub use diff_text::render_diff_text;
pub use goroutines_md::render_goroutines_md;
pub use goroutines_text::render_goroutines_text;
pub use html::{
    render_audit_html, render_connmem_html, render_diff_html, render_goroutines_html, render_html,
    render_slow_html,
};
pub use md::render_md;
pub use slow_md::render_slow_md;
pub use slow_text::render_slow_text;
pub use text::render_text;

/// The report as pretty JSON (schema: `docs/analyze-schema.md`).
pub fn render_json(r: &crate::model::AnalyzeReport) -> String {
    let mut s = serde_json::to_string_pretty(r).unwrap_or_default();
    s.push('\n');
    s
}

/// The diff report as pretty JSON (schema: `docs/diff-schema.md`).
pub fn render_diff_json(r: &crate::DiffReport) -> String {
    let mut s = serde_json::to_string_pretty(r).unwrap_or_default();
    s.push('\n');
    s
}

/// The goroutines report as pretty JSON (schema: `docs/goroutines-schema.md`).
pub fn render_goroutines_json(r: &crate::GoroutinesReport) -> String {
    let mut s = serde_json::to_string_pretty(r).unwrap_or_default();
    s.push('\n');
    s
}

/// The `connmem` report as pretty JSON (schema: `docs/connmem-schema.md`).
pub fn render_connmem_json(r: &crate::ConnmemReport) -> String {
    let mut s = serde_json::to_string_pretty(r).unwrap_or_default();
    s.push('\n');
    s
}

/// The `slow` report as pretty JSON (schema: `docs/slow-schema.md`).
pub fn render_slow_json(r: &crate::SlowReport) -> String {
    let mut s = serde_json::to_string_pretty(r).unwrap_or_default();
    s.push('\n');
    s
}
