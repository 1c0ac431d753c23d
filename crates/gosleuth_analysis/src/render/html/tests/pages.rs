//! The `diff`, `audit` and Markdown-derived pages with hostile strings from a
//! profile, a source file and a log: escaped everywhere, nothing runs, the
//! policy allows exactly the page's own style and scripts.

use gosleuth_rules::{Audit, Category, Effort, Finding, Kind, Related, Severity};

use super::markup::{attributes, elements, tags};
use crate::render::html::{hash, markdown::md_page, md_blocks};
use crate::{DiffOptions, NodeInput, diff};

const EVIL: &str = "<script>alert(1)</script>\"'&<img src=x onerror=alert(2)>";
/// How minijinja writes EVIL.
const ESCAPED: &str =
    "&lt;script&gt;alert(1)&lt;&#x2f;script&gt;&quot;&#x27;&amp;&lt;img src=x onerror=alert(2)&gt;";

/// One of the example service's real profiles, its application functions renamed to carry EVIL.
fn hostile_node(name: &str) -> NodeInput {
    let path = format!(
        "{}/../../examples/fixtures/{name}.allocs.pb.gz",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut profile =
        gosleuth_pprof::decode(&bytes, gosleuth_pprof::Limits::default()).expect("decode");
    for f in &mut profile.functions {
        if f.name.contains("pushsvc/broker.") {
            f.name.push_str(EVIL);
        }
        if f.filename.ends_with("compress_fixed.go") {
            f.filename.push_str(EVIL);
        }
    }
    NodeInput {
        name: format!("{name}{EVIL}"),
        profile,
    }
}

/// What every page must be: no markup from the input, no event handler, and a
/// policy that allows exactly its `scripts` scripts and one style, by hash.
fn assert_safe(page: &str, scripts: usize) {
    assert!(!page.contains("<script>alert"), "raw script tag");
    assert!(!page.contains("<img"), "raw img tag");
    for tag in tags(page) {
        for (name, value) in attributes(tag) {
            assert!(!name.starts_with("on"), "an event handler: {tag}");
            if ["src", "href", "xlink:href", "action"].contains(&name.as_str()) {
                assert!(value.starts_with('#'), "points away from the page: {tag}");
            }
        }
    }
    let csp = tags(page)
        .into_iter()
        .find(|t| t.contains("Content-Security-Policy"))
        .and_then(|t| attributes(t).into_iter().find(|(n, _)| n == "content"))
        .expect("CSP meta")
        .1;
    assert!(csp.starts_with("default-src 'none';"), "{csp}");
    assert!(!csp.contains("unsafe"), "{csp}");
    let found = elements(page, "script");
    assert_eq!(found.len(), scripts, "only the page's own scripts");
    for s in found {
        assert!(csp.contains(&hash(s)), "script not allowed by hash");
    }
    let styles = elements(page, "style");
    assert_eq!(styles.len(), 1);
    assert!(csp.contains(&hash(styles[0])), "style not allowed by hash");
}

#[test]
fn diff_page_of_hostile_function_names() {
    let base = vec![hostile_node("node01")];
    let new = vec![hostile_node("fixed")];
    let r = diff(&base, &new, &DiffOptions::default()).expect("diff");
    assert!(r.sites.iter().any(|s| s.function.ends_with(EVIL)));
    let page = super::super::render_diff_html(&r).unwrap();
    assert_safe(&page, 2);
    assert!(page.contains(ESCAPED), "template escaping");
    // inferno escapes the frame names it draws itself.
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(page.contains("<div id=\"flame-graph\"><svg"));
    assert!(page.contains("id=\"sites-table\""));
    assert!(page.contains("status-fixed"), "compress is fixed");
    assert_eq!(
        super::super::render_diff_html(&r).unwrap(),
        page,
        "same bytes"
    );
}

#[test]
fn diff_page_without_stacks_has_no_flame_graph() {
    let base = vec![hostile_node("node01")];
    let new = vec![hostile_node("fixed")];
    let mut r = diff(&base, &new, &DiffOptions::default()).expect("diff");
    r.new_flame.clear();
    let page = super::super::render_diff_html(&r).unwrap();
    assert_safe(&page, 1);
    assert!(page.contains("The new profiles have no stacks with a positive value."));
}

fn hostile_finding() -> Finding {
    Finding {
        rule: "GS201",
        slug: "worst-case-encode-buffer",
        kind: Kind::K2,
        category: Category::Compression,
        severity: Severity::High,
        file: format!("broker/{EVIL}.go"),
        line: 9,
        end_line: 9,
        function: Some(format!("(*client).compress{EVIL}")),
        evidence: format!("dst := make([]byte, n) // {EVIL}"),
        message: format!("fresh buffer `{EVIL}` per call {EVIL}"),
        related: vec![Related {
            line: 12,
            note: format!("used {EVIL}"),
        }],
        avoidable: 0.9,
        effort: Effort::Low,
        weight: None,
    }
}

#[test]
fn audit_page_of_hostile_source() {
    let mut low = hostile_finding();
    low.severity = Severity::Low;
    low.line = 20;
    let audit = Audit {
        root: format!("repo{EVIL}"),
        files: 1,
        lines: 30,
        rules_run: 1,
        findings: vec![hostile_finding(), low],
        warnings: vec![format!("could not parse {EVIL}")],
        weighting: None,
    };
    let page = super::super::render_audit_html(&audit).unwrap();
    assert_safe(&page, 1);
    assert!(page.contains(ESCAPED));
    assert!(
        page.contains(&format!("<code>{ESCAPED}</code>")),
        "backticks in a message become escaped code"
    );
    assert!(
        page.contains("<pre class=\"snippet\">dst := make([]byte, n) &#x2f;&#x2f; &lt;script&gt;")
    );
    assert!(page.contains("id=\"findings-table\""));
    assert!(
        page.contains("data-v=\"1\"><span class=\"sev sev-high\">high</span>"),
        "severity sorts most severe first"
    );
    assert!(page.contains("data-v=\"3\"><span class=\"sev sev-low\">low</span>"));
    assert!(page.contains("id=\"finding-2\""));
}

#[test]
fn markdown_page_of_hostile_log_lines() {
    let md = format!(
        "# Report {EVIL}\n\n## Part `{EVIL}`\n\n**Total:** {EVIL}\nsecond line\n\n| Name | Size |\n|---|---|\n| `a \\| {EVIL}` | 20.4 kB |\n| b | 512 B |\n\n- item {EVIL}\n  - nested `x`\n\n    {EVIL} as logged\n\n```bash\n{EVIL}\n```\n"
    );
    let page = md_page(&md).unwrap();
    assert_safe(&page, 1);
    assert!(page.contains(&format!("<title>Report {ESCAPED}</title>")));
    assert!(page.contains(&format!(
        "<h2 id=\"section-2\">Part <code>{ESCAPED}</code></h2>"
    )));
    assert!(
        page.contains(&format!("<a href=\"#section-2\">Part {ESCAPED}</a>")),
        "nav"
    );
    assert!(page.contains(&format!(
        "<td><code>a | {ESCAPED}</code></td><td class=\"num\" data-v=\"20889.6\">20.4 kB</td>"
    )));
    assert!(page.contains("<th data-type=\"num\">Size</th>"));
    assert!(page.contains(&format!(
        "<strong>Total:</strong> {ESCAPED}<br>\nsecond line</p>"
    )));
    assert!(page.contains("<li class=\"depth1\">nested <code>x</code></li>"));
    assert_eq!(page.matches("<pre class=\"block\">").count(), 2);
}

#[test]
fn markdown_figures_read_as_numbers() {
    let n = md_blocks::number;
    assert_eq!(n("1,000"), Some(1000.0));
    assert_eq!(n("20.4 kB"), Some(20.4 * 1024.0));
    assert_eq!(n("−5.8%"), Some(-5.8));
    assert_eq!(n("+9.0%"), Some(9.0));
    assert_eq!(n("2.532 s"), Some(2.532));
    assert_eq!(n("17 ms"), Some(0.017));
    assert_eq!(n("229 (±9%)"), Some(229.0));
    assert_eq!(n("2026/11/22 01:21:35"), None, "a date sorts as text");
    assert_eq!(n("idle500"), None);
    assert_eq!(n("—"), None);
}

/// A closing `**Total**` row (connmem's budget) is the table's foot, which
/// sorting the rows leaves in place; a row that merely mentions a total is
/// not.
#[test]
fn markdown_total_row_is_the_table_foot() {
    let md = "# Budget\n\n| Part | Bytes |\n|---|---|\n| a | 2 kB |\n| b | 1 kB |\n| **Total** | **3 kB** |\n\n| Op | Total |\n|---|---|\n| x | 1 |\n";
    let page = md_page(md).unwrap();
    let (_, first) = page.split_once("<tbody>").unwrap();
    let (body, rest) = first.split_once("</tbody>").unwrap();
    assert!(
        body.contains("<td>b</td>") && !body.contains("Total"),
        "{body}"
    );
    let (foot, _) = rest.split_once("</table>").unwrap();
    assert_eq!(
        foot.trim(),
        "<tfoot>\n<tr><td><strong>Total</strong></td><td class=\"num\" data-v=\"3072.0\"><strong>3 kB</strong></td></tr>\n</tfoot>"
    );
    assert_eq!(
        page.matches("<tfoot>").count(),
        1,
        "the second table has no total row"
    );
}
