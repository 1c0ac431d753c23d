//! The page on a small report whose every string is hostile: escaped
//! everywhere, the policy lists exactly the page's own style and scripts, and
//! nothing points at the network. (The browser test of the real reports is
//! `crates/gosleuth/tests/html_report.rs`.)

mod fixture;
mod markup;
mod pages;

use fixture::report;
use markup::{attributes, elements, tags};

use super::{hash, render_html};

#[test]
fn every_hostile_string_is_escaped() {
    let page = render_html(&report()).unwrap();
    assert!(
        !page.contains("<script>alert"),
        "raw script tag from a name"
    );
    assert!(!page.contains("<img"), "raw img tag from a name");
    for tag in tags(&page) {
        assert!(
            attributes(tag)
                .iter()
                .all(|(name, _)| !name.starts_with("on")),
            "an event handler from a name: {tag}"
        );
    }
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt;"),
        "template escaping"
    );
    // inferno escapes the names it draws itself.
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "flame graph escaping"
    );
    assert_eq!(
        page.matches("<script>").count(),
        2,
        "only the page's own two scripts"
    );
}

#[test]
fn the_policy_allows_exactly_the_page_style_and_scripts() {
    let page = render_html(&report()).unwrap();
    let meta = tags(&page)
        .into_iter()
        .find(|t| t.contains("Content-Security-Policy"))
        .expect("CSP meta");
    let csp = attributes(meta)
        .into_iter()
        .find(|(name, _)| name == "content")
        .unwrap()
        .1;
    assert!(csp.starts_with("default-src 'none';"), "{csp}");
    for needle in [
        "script-src 'sha256-",
        "style-src 'sha256-",
        "img-src data:",
        "base-uri 'none'",
    ] {
        assert!(csp.contains(needle), "{csp}");
    }
    assert!(!csp.contains("unsafe"), "{csp}");
    let scripts = elements(&page, "script");
    assert_eq!(scripts.len(), 2);
    for s in scripts {
        assert!(csp.contains(&hash(s)), "script not allowed by hash");
    }
    let styles = elements(&page, "style");
    assert_eq!(styles.len(), 1);
    assert!(csp.contains(&hash(styles[0])), "style not allowed by hash");
    for tag in tags(&page) {
        assert!(
            attributes(tag)
                .iter()
                .all(|(name, _)| !name.starts_with("on")),
            "inline event handler: {tag}"
        );
    }
}

#[test]
fn nothing_points_at_the_network() {
    let page = render_html(&report()).unwrap();
    for tag in tags(&page) {
        for (name, value) in attributes(tag) {
            if [
                "src",
                "href",
                "xlink:href",
                "action",
                "data",
                "poster",
                "srcset",
            ]
            .contains(&name.as_str())
            {
                assert!(
                    value.starts_with('#') || value.starts_with("data:"),
                    "{tag}"
                );
            }
        }
    }
    let style = elements(&page, "style")[0];
    assert!(
        !style.contains("url(") || style.matches("url(").count() == style.matches("url(#").count()
    );
    assert!(!style.contains("@import"));
}

#[test]
fn source_heat_charts_and_tables() {
    let page = render_html(&report()).unwrap();
    assert!(
        page.contains("<tr class=\"heat5\"><td class=\"num\">12</td><td class=\"num\">400 B</td>"),
        "heaviest line is hottest"
    );
    assert!(page.contains("<tr class=\"heat0\"><td class=\"num\">11</td>"));
    assert!(page.contains("<tr class=\"gap\">"), "elided lines marked");
    assert!(
        page.contains("<svg class=\"ranges\""),
        "range chart with two nodes"
    );
    assert_eq!(
        page.matches("<circle class=\"dot\"").count(),
        2,
        "one dot per node"
    );
    assert_eq!(page.matches("<table class=\"sortable").count(), 8);
    assert!(
        page.contains("<table class=\"sortable sizes\">"),
        "object sizes"
    );
    assert!(page.contains("<section id=\"recommendations\">"));
    assert!(page.contains("id=\"frames\""), "inferno's frames");
    assert_eq!(
        render_html(&report()).unwrap(),
        page,
        "same report, same bytes"
    );
}

#[test]
fn one_node_has_no_range_chart_and_no_stacks_no_flame_graph() {
    let mut r = report();
    r.nodes.truncate(1);
    r.flame.clear();
    let page = render_html(&r).unwrap();
    assert!(!page.contains("<svg class=\"ranges\""));
    assert!(page.contains("The profile has no stacks with a positive value."));
    assert_eq!(page.matches("<script>").count(), 1);
}

/// The page as a person sees its markup, with the bulky style and scripts
/// (inferno's own and ours, checked above) and their hashes cut out.
#[test]
fn page_snapshot() {
    let page = render_html(&report()).unwrap();
    let mut shown = page.clone();
    for tag in ["style", "script"] {
        for inner in elements(&page, tag) {
            shown = shown.replacen(inner, &format!("/* {tag} */"), 1);
        }
    }
    let mut parts = shown.split("'sha256-");
    let mut redacted = parts.next().unwrap_or_default().to_string();
    for part in parts {
        let rest = part.split_once('\'').map_or("", |(_, rest)| rest);
        redacted.push_str("'sha256-…'");
        redacted.push_str(rest);
    }
    insta::assert_snapshot!(redacted);
}
