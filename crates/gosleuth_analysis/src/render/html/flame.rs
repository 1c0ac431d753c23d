//! The flame graph: inferno draws the report's folded stacks as SVG. Its
//! `<style>` and `<script>` (zoom, search) are moved out of the SVG into the
//! page, so that the page's Content-Security-Policy can allow exactly them by
//! hash, and its `onload` handler is dropped: the page calls `init()`.

use inferno::flamegraph::color::{BasicPalette, Palette};
use inferno::flamegraph::{self, Options};

use crate::model::AnalyzeReport;

/// The flame graph, taken apart for the page.
#[derive(Debug)]
pub(super) struct Flame {
    /// The `<svg>` element, with no style, script or event handler in it.
    pub(super) svg: String,
    /// inferno's CSS.
    pub(super) style: String,
    /// inferno's JavaScript (its settings first, then its code).
    pub(super) script: String,
}

/// Draws the flame graph; `None` when the report has no stacks.
pub(super) fn flame_graph(r: &AnalyzeReport) -> Result<Option<Flame>, String> {
    if r.flame.is_empty() {
        return Ok(None);
    }
    let mut opts = Options::default();
    let n = r.nodes.len();
    opts.title = if n == 1 {
        r.sample_type.clone()
    } else {
        format!("{} merged over {n} nodes", r.sample_type)
    };
    opts.count_name = r.unit.clone();
    opts.name_type = "Function:".to_string();
    // Colour by a hash of the name: the same function has the same colour in
    // every report, and the output is the same bytes for the same input.
    opts.hash = true;
    opts.colors = Palette::Basic(if r.unit == "bytes" {
        BasicPalette::Mem
    } else {
        BasicPalette::Hot
    });
    let lines: Vec<String> = r
        .flame
        .iter()
        .map(|s| format!("{} {}", s.stack, s.value))
        .collect();
    let mut out = Vec::new();
    flamegraph::from_lines(&mut opts, lines.iter().map(String::as_str), &mut out)
        .map_err(|e| format!("flame graph: {e}"))?;
    let svg = String::from_utf8(out).map_err(|e| format!("flame graph: {e}"))?;
    split(&svg).map(Some)
}

/// Takes inferno's SVG document apart: the `<svg>` element without its XML
/// prolog, `<style>`, `<script>` and `onload`.
pub(super) fn split(doc: &str) -> Result<Flame, String> {
    let start = doc.find("<svg").ok_or("flame graph: no <svg> element")?;
    let mut svg = doc[start..].to_string();
    let onload = " onload=\"init(evt)\"";
    if !svg.contains(onload) {
        return Err("flame graph: inferno's onload handler moved".into());
    }
    svg = svg.replacen(onload, "", 1);
    let style = take_element(&mut svg, "<style type=\"text/css\">", "</style>")?;
    let script = take_element(&mut svg, "<script type=\"text/ecmascript\">", "</script>")?;
    let script: String = script
        .split("<![CDATA[")
        .map(|part| part.strip_suffix("]]>").unwrap_or(part))
        .collect();
    // Restoring a zoom from the URL (`?x=…&y=…`) looks the frame up by
    // `[*|x=…]`, which matches the namespaced `fg:x` attribute in an SVG file
    // but not in SVG parsed as part of an HTML page, where the attribute's
    // name is `fg:x` itself.
    let restore = r#"'[*|x="' + params.x + '"]"#;
    if !script.contains(restore) {
        return Err("flame graph: inferno's zoom restore moved".into());
    }
    let script = script.replacen(restore, r#"'[fg\\:x="' + params.x + '"]"#, 1);
    if script.contains("</") || style.contains("</") {
        return Err("flame graph: inferno's script or style would end its element early".into());
    }
    Ok(Flame { svg, style, script })
}

/// Removes `open … close` from `doc` and returns what was between them.
fn take_element(doc: &mut String, open: &str, close: &str) -> Result<String, String> {
    let missing = || format!("flame graph: no {open} in inferno's output");
    let a = doc.find(open).ok_or_else(missing)?;
    let b = doc[a..].find(close).map(|i| a + i).ok_or_else(missing)?;
    let inner = doc[a + open.len()..b].to_string();
    doc.replace_range(a..b + close.len(), "");
    Ok(inner)
}

#[cfg(test)]
mod tests {
    use super::split;

    #[test]
    fn takes_inferno_output_apart() {
        let doc = "<?xml version=\"1.0\"?><!DOCTYPE svg><svg version=\"1.1\" onload=\"init(evt)\"><style type=\"text/css\">text { }</style><script type=\"text/ecmascript\"><![CDATA[var a = 1;]]><![CDATA[q('[*|x=\"' + params.x + '\"]');]]></script><g id=\"frames\"></g></svg>";
        let f = split(doc).unwrap();
        assert_eq!(f.svg, "<svg version=\"1.1\"><g id=\"frames\"></g></svg>");
        assert_eq!(f.style, "text { }");
        assert_eq!(f.script, r#"var a = 1;q('[fg\\:x="' + params.x + '"]');"#);
        assert!(split("<svg></svg>").is_err());
    }
}
