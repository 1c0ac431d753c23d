//! The HTML report: one self-contained page (no network requests) with the
//! summary, a flame graph (inferno), sortable tables, per-node range charts
//! and source with per-line heat.
//!
//! Every string from a profile, a source file or the command line reaches the
//! page through a minijinja template with HTML auto-escaping, or through
//! inferno, which escapes its own SVG text. The page's Content-Security-Policy
//! allows no network at all and only the page's own style and scripts, by
//! their SHA-256 hashes: even markup that slipped through could not run.

mod audit;
mod chart;
mod diff;
mod diff_flame;
mod dive;
mod flame;
mod markdown;
mod md_blocks;
mod shell;
mod view;

use base64::Engine as _;
use minijinja::value::{Serde, Value};
use minijinja::{Environment, context};
use sha2::{Digest as _, Sha256};

use crate::error::{Error, Result};
use crate::model::AnalyzeReport;

pub use audit::render_audit_html;
pub use diff::render_diff_html;
pub use markdown::{render_connmem_html, render_goroutines_html, render_slow_html};

const TEMPLATE: &str = include_str!("report.html");
const CSS: &str = include_str!("report.css");
const JS: &str = include_str!("report.js");

/// Renders the report as one self-contained HTML page.
pub fn render_html(r: &AnalyzeReport) -> Result<String> {
    let flame = flame::flame_graph(r).map_err(Error::Render)?;
    let style = match &flame {
        Some(f) => format!("{CSS}\n/* inferno */\n{}", f.style),
        None => CSS.to_string(),
    };
    let flame_script = flame.as_ref().map(|f| f.script.clone());
    let mut hashes = vec![hash(JS)];
    hashes.extend(flame_script.as_deref().map(hash));
    let csp = policy(&hash(&style), &hashes);
    let mut env = Environment::new();
    env.add_template("report.html", TEMPLATE)
        .map_err(|e| Error::Render(e.to_string()))?;
    let template = env
        .get_template("report.html")
        .map_err(|e| Error::Render(e.to_string()))?;
    template
        .render(context! {
            page => Value::from(Serde(view::page(r))),
            // Our own text: hashes and keywords, nothing to escape.
            csp => Value::from_safe_string(csp),
            style => Value::from_safe_string(style),
            flame_svg => flame.map(|f| Value::from_safe_string(f.svg)),
            flame_script => flame_script.map(Value::from_safe_string),
            script => Value::from_safe_string(JS.to_string()),
        })
        .map_err(|e| Error::Render(e.to_string()))
}

/// The page's policy: nothing from the network, images only inline, and only
/// the style and scripts whose hashes are listed.
fn policy(style_hash: &str, script_hashes: &[String]) -> String {
    format!(
        "default-src 'none'; style-src {style_hash}; script-src {}; img-src data:; base-uri 'none'; form-action 'none'",
        script_hashes.join(" ")
    )
}

/// `'sha256-…'`: a CSP source expression for an inline element's text.
fn hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

#[cfg(test)]
mod tests;
