//! `gosleuth analyze --format html` in a real browser (headless Chromium): the
//! pages of a real NATS profile and of the example service's ten nodes render
//! without a console message, their scripts run under the page's
//! Content-Security-Policy (sortable tables, inferno's flame graph with zoom
//! and search), they make no network request, and screenshots are kept in
//! `target/` (`html-report-nats.png`, `html-report-example.png`). A profile
//! whose function names carry markup produces a page where nothing executes.
//! The same for the `diff` page (its differential flame graph zooms), the
//! `audit`, `connmem` and `slow` pages (`html-report-diff.png`,
//! `html-report-audit.png`, `html-report-connmem.png`, `html-report-slow.png`).

mod browser;
mod common;

use std::path::{Path, PathBuf};

use browser::{Visit, file_url, screenshot, visit};
use common::{
    NATS_SRC_ARGS, allocs, artifact, diff_of_the_fix, example_fixtures, example_src_args,
    gosleuth_ok, idle_capture_args, nats_data, node01_analysis_args, pushsvc, repo, slow_fixture,
    slow_inputs, strs, ten_nodes,
};

fn write_page(name: &str, args: &[&str]) -> PathBuf {
    let page = artifact(name);
    gosleuth_ok(
        &[
            &["analyze", "--format", "html", "-o", page.to_str().unwrap()],
            args,
        ]
        .concat(),
    );
    page
}

fn nats_page() -> PathBuf {
    let p = nats_data().join("ws.allocs.pb.gz");
    write_page(
        "html-report-nats.html",
        &[&[p.to_str().unwrap()][..], &NATS_SRC_ARGS].concat(),
    )
}

fn example_page(name: &str) -> PathBuf {
    let nodes = ten_nodes();
    let src = example_src_args();
    let mut args = strs(&src);
    args.extend(strs(&nodes));
    write_page(name, &args)
}

/// What every page must do in the browser: no console message at all (no
/// error, no CSP violation), no request, and its scripts ran.
fn assert_clean(page: &Path) -> String {
    let dom = assert_page(page, 4, true);
    assert!(dom.contains("id=\"sites-table\""));
    dom
}

/// [`assert_clean`] for any page: at least `tables` sortable tables, and
/// inferno's flame graph when `flame`.
fn assert_page(page: &Path, min_tables: usize, flame: bool) -> String {
    let html = std::fs::read_to_string(page).unwrap();
    for external in [
        "src=\"http",
        "href=\"http",
        "src=\"//",
        "href=\"//",
        "url(http",
        "url(//",
        "@import",
    ] {
        assert!(
            !html.contains(external),
            "{} refers to the network: {external}",
            page.display()
        );
    }
    let v = visit(&file_url(page, ""));
    assert!(
        v.console.is_empty(),
        "console messages:\n{}",
        v.console.join("\n")
    );
    assert!(
        v.page_requests.is_empty(),
        "the page made requests: {:?}",
        v.page_requests
    );
    assert_eq!(
        v.dom.contains("data-flame=\"ready\""),
        flame,
        "inferno's init ran (or not)"
    );
    let tables: usize = v
        .dom
        .split("data-sortable-tables=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .and_then(|n| n.parse().ok())
        .expect("the sorting script did not run");
    assert!(tables >= min_tables, "{tables} sortable tables");
    assert!(
        v.dom.contains("class=\"sortable-ready\""),
        "header cells were not made sortable"
    );
    assert_eq!(
        v.dom.contains("<svg id=\"frames\""),
        flame,
        "flame graph frames"
    );
    v.dom
}

#[test]
fn nats_ws_report_renders_in_chromium() {
    let page = nats_page();
    let dom = assert_clean(&page);
    assert!(dom.contains("(*client).queueOutbound"), "top site missing");
    assert!(dom.contains("<table class=\"source\""), "no source view");
    assert!(
        dom.contains("c.out.p = make([]byte, 0, c.out.sz)"),
        "source line missing"
    );
    assert!(
        !dom.contains("<svg class=\"ranges\""),
        "one node: no range chart"
    );
    screenshot(&file_url(&page, ""), &artifact("html-report-nats.png"));
}

#[test]
fn example_service_ten_nodes_report_renders_in_chromium() {
    let page = example_page("html-report-example.html");
    let again = example_page("html-report-example-again.html");
    let html = std::fs::read_to_string(&page).unwrap();
    assert_eq!(
        html,
        std::fs::read_to_string(&again).unwrap(),
        "same inputs, same bytes"
    );
    let root = repo();
    assert!(
        !html.contains(root.to_str().unwrap()),
        "the page names a path of this machine"
    );
    let dom = assert_clean(&page);
    assert!(
        dom.contains("<svg class=\"ranges\""),
        "no range chart for ten nodes"
    );
    assert_eq!(
        dom.matches("<circle class=\"dot\"").count() % 10,
        0,
        "one dot per node and site"
    );
    assert!(dom.contains("framePool.New"), "pool attribution missing");
    assert!(dom.contains("class=\"heat5\""), "no hot source line");
    screenshot(&file_url(&page, ""), &artifact("html-report-example.png"));
}

/// inferno restores zoom and search from the URL; loading the page so proves
/// its zoom and search code runs under the page's policy.
#[test]
fn flame_graph_zoom_and_search_work_under_the_policy() {
    let page = example_page("html-report-example-zoom.html");
    let html = std::fs::read_to_string(&page).unwrap();
    let attr = frame_attrs(
        &html,
        "github.com/gosleuth/examples/pushsvc/broker.(*client).readLoop",
    );
    let (x, y) = (attr("fg:x"), attr("y"));
    let v = visit(&file_url(&page, &format!("?x={x}&y={y}&s=buildFrame")));
    assert_zoomed(&v);
    assert!(v.dom.contains("Matched: "), "search did not run");
}

/// A function's frame in the flame graph of `html`: its attributes by name.
fn frame_attrs<'a>(html: &'a str, function: &str) -> impl Fn(&str) -> String + 'a {
    let frame = html
        .split(&format!("<g><title>{function} ("))
        .nth(1)
        .and_then(|g| g.split("<rect ").nth(1))
        .unwrap_or_else(|| panic!("no frame of {function} in the flame graph"));
    move |name: &str| {
        frame
            .split(&format!(" {name}=\""))
            .nth(1)
            .and_then(|s| s.split('"').next())
            .unwrap()
            .to_string()
    }
}

/// A page opened zoomed into a frame: no console message, the unzoom button
/// shown, and the frames outside the zoomed one hidden.
fn assert_zoomed(v: &Visit) {
    assert!(
        v.console.is_empty(),
        "console messages:\n{}",
        v.console.join("\n")
    );
    let unzoom = v
        .dom
        .split("id=\"unzoom\"")
        .nth(1)
        .and_then(|s| s.split('>').next())
        .expect("unzoom button");
    assert!(!unzoom.contains("hide"), "not zoomed: {unzoom}");
    assert!(
        v.dom.contains("<g class=\"hide\">"),
        "frames outside the zoomed one stay visible"
    );
}

/// The network check itself sees a page's request (else passing it would prove nothing).
#[test]
fn the_network_check_sees_a_request() {
    let page = artifact("html-network-probe.html");
    std::fs::write(
        &page,
        "<!DOCTYPE html><title>probe</title><img src=\"http://gosleuth-probe.invalid/x.png\">",
    )
    .unwrap();
    let v = visit(&file_url(&page, ""));
    assert_eq!(v.page_requests, ["http://gosleuth-probe.invalid/x.png"]);
}

/// Markup and quotes that would run if a name reached the page unescaped.
const EVIL: &str =
    "<script>document.title='pwned'</script><img src=x onerror=\"document.title='pwned'\">\"'&";

/// The example service's profile `file` as the node `name`, its application
/// functions' names (and its own) followed by [`EVIL`]; and how many
/// functions were renamed.
fn evil_node(file: &str, name: &str) -> (Vec<gosleuth_analysis::NodeInput>, usize) {
    let bytes = std::fs::read(example_fixtures().join(file)).unwrap();
    let mut profile =
        gosleuth_pprof::decode(&bytes, gosleuth_pprof::Limits::default()).expect("decode");
    let mut renamed = 0;
    for f in &mut profile.functions {
        if f.name.contains("pushsvc/broker.") {
            f.name.push_str(EVIL);
            renamed += 1;
        }
    }
    let node = gosleuth_analysis::NodeInput {
        name: format!("{name}{EVIL}"),
        profile,
    };
    (vec![node], renamed)
}

/// Opens the page `html` of names that carry [`EVIL`] (kept in the target
/// directory as `name`): no console message (a blocked script logs one), no
/// name became an element, and only the page's own two scripts, which ran.
/// Returns the DOM and the page's title.
fn visit_inert(name: &str, html: &str) -> (String, String) {
    let page = artifact(name);
    std::fs::write(&page, html).unwrap();
    let v = visit(&file_url(&page, ""));
    assert!(
        v.console.is_empty(),
        "console messages (a blocked script?):\n{}",
        v.console.join("\n")
    );
    assert!(!v.dom.contains("<img"), "a name became an element");
    assert_eq!(
        v.dom.matches("<script>").count(),
        2,
        "only the page's own scripts"
    );
    assert!(
        v.dom.contains("data-flame=\"ready\""),
        "the page's own scripts still run"
    );
    let title = v
        .dom
        .split("<title>")
        .nth(1)
        .and_then(|t| t.split("</title>").next())
        .unwrap()
        .to_string();
    (v.dom, title)
}

/// A real profile (the example service) whose application functions and node
/// name carry markup: the page shows the names as text and runs nothing.
#[test]
fn markup_in_function_names_does_not_execute() {
    let (inputs, renamed) = evil_node("allocs.pb.gz", "node");
    assert!(renamed > 5, "renamed {renamed} functions");
    let opts = gosleuth_analysis::AnalyzeOptions {
        top: 10,
        ..Default::default()
    };
    let report = gosleuth_analysis::analyze(inputs, &opts).expect("analyze");
    assert!(
        report.sites.iter().any(|s| s.function.ends_with(EVIL)),
        "a renamed function is a top site"
    );
    let html = gosleuth_analysis::render::render_html(&report).expect("render");
    assert!(
        !html.contains("<script>document"),
        "raw script tag in the page"
    );
    assert!(!html.contains("<img"), "raw img tag in the page");
    assert!(
        html.contains("&lt;script&gt;document.title="),
        "the name is shown as text"
    );
    let (dom, title) = visit_inert("html-report-xss.html", &html);
    assert!(
        title.starts_with("Allocation analysis: alloc_space"),
        "title changed: {title}"
    );
    assert!(!dom.contains("pwned</title>"));
    assert!(
        dom.contains("&lt;script&gt;document.title='pwned'&lt;/script&gt;"),
        "escaped name shown"
    );
}

/// `gosleuth diff` of the example service's node01 against its fixed build,
/// with node01's earlier analysis judged.
fn diff_page() -> PathBuf {
    let report = artifact("html-report-diff-baseline.json");
    gosleuth_ok(&strs(&node01_analysis_args(&report)));
    let page = artifact("html-report-diff.html");
    let src = pushsvc();
    let fix = diff_of_the_fix();
    let mut args = vec![
        "diff",
        "--format",
        "html",
        "-o",
        page.to_str().unwrap(),
        "--src",
        &src,
        "--report",
        report.to_str().unwrap(),
    ];
    args.extend(strs(&fix));
    gosleuth_ok(&args);
    page
}

#[test]
fn diff_page_renders_in_chromium_and_its_flame_graph_zooms() {
    let page = diff_page();
    let dom = assert_page(&page, 5, true);
    for id in [
        "totals-table",
        "recommendations-table",
        "sites-table",
        "verdicts-table",
    ] {
        assert!(dom.contains(&format!("id=\"{id}\"")), "{id} missing");
    }
    assert!(dom.contains("status-fixed"), "compress is not judged fixed");
    screenshot(&file_url(&page, ""), &artifact("html-report-diff.png"));
    // Zoom into the frame of the fixed site through inferno's URL parameters.
    let html = std::fs::read_to_string(&page).unwrap();
    let attr = frame_attrs(
        &html,
        "github.com/gosleuth/examples/pushsvc/broker.(*client).compress",
    );
    let fill = attr("fill");
    let rgb: Vec<u32> = fill
        .trim_start_matches("rgb(")
        .trim_end_matches(')')
        .split(',')
        .map(|c| c.trim().parse().unwrap())
        .collect();
    assert!(rgb[2] > rgb[0], "the fixed site is not blue: {fill}");
    let v = visit(&file_url(
        &page,
        &format!("?x={}&y={}", attr("fg:x"), attr("y")),
    ));
    assert_zoomed(&v);
    screenshot(
        &file_url(&page, &format!("?x={}&y={}", attr("fg:x"), attr("y"))),
        &artifact("html-report-diff-zoomed.png"),
    );
}

#[test]
fn audit_connmem_and_slow_pages_render_in_chromium() {
    let audit = artifact("html-report-audit.html");
    let node01 = allocs("node01");
    gosleuth_ok(&[
        "audit",
        &pushsvc(),
        "--profile",
        &node01,
        "--format",
        "html",
        "-o",
        audit.to_str().unwrap(),
    ]);
    let dom = assert_page(&audit, 3, false);
    assert!(dom.contains("id=\"findings-table\""));
    assert!(dom.contains(">Weight</th>"), "weighed by node01");
    assert!(dom.contains("Weighed by alloc_space of 1 profile"));
    assert!(dom.contains("<pre class=\"snippet\">"));
    screenshot(&file_url(&audit, ""), &artifact("html-report-audit.png"));

    let connmem = artifact("html-report-connmem.html");
    let captures = idle_capture_args();
    let mut args = vec![
        "connmem",
        "--format",
        "html",
        "-o",
        connmem.to_str().unwrap(),
    ];
    args.extend(strs(&captures));
    args.extend(NATS_SRC_ARGS);
    gosleuth_ok(&args);
    assert_page(&connmem, 4, false);
    screenshot(
        &file_url(&connmem, ""),
        &artifact("html-report-connmem.png"),
    );

    let slow = artifact("html-report-slow.html");
    let inputs = slow_inputs(&slow_fixture("server.log"));
    let mut args = vec!["slow", "--format", "html", "-o", slow.to_str().unwrap()];
    args.extend(strs(&inputs));
    gosleuth_ok(&args);
    assert_page(&slow, 4, false);
    screenshot(&file_url(&slow, ""), &artifact("html-report-slow.png"));
}

/// The diff page of real profiles whose application functions carry markup:
/// shown as text in the table and the differential flame graph, nothing runs.
#[test]
fn markup_in_function_names_does_not_execute_on_the_diff_page() {
    let node = |name: &str| evil_node(&format!("{name}.allocs.pb.gz"), name).0;
    let report = gosleuth_analysis::diff(
        &node("node01"),
        &node("fixed"),
        &gosleuth_analysis::DiffOptions::default(),
    )
    .expect("diff");
    let html = gosleuth_analysis::render::render_diff_html(&report).expect("render");
    assert!(!html.contains("<script>document"), "raw script tag");
    assert!(!html.contains("<img"), "raw img tag");
    let (dom, title) = visit_inert("html-report-diff-xss.html", &html);
    assert!(
        title.starts_with("Before/after: alloc_space"),
        "title changed: {title}"
    );
    assert!(
        dom.contains("(*client).compress&lt;script&gt;document.title='pwned'&lt;/script&gt;"),
        "escaped name shown"
    );
}
