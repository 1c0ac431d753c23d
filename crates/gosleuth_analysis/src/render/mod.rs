//! Renderers of the analysis report: Markdown, text and JSON.

mod format;
mod md;
mod text;

pub use md::render_md;
pub use text::render_text;

/// The report as pretty JSON (schema: `docs/analyze-schema.md`).
pub fn render_json(r: &crate::model::AnalyzeReport) -> String {
    let mut s = serde_json::to_string_pretty(r).unwrap_or_default();
    s.push('\n');
    s
}
