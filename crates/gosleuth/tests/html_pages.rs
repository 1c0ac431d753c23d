//! `--format html` of `diff`, `audit`, `connmem`, `slow` and `goroutines` end
//! to end on real inputs: what each page says (snapshots of the page's markup
//! without the bulky style, scripts and flame graph), the same bytes for the
//! same inputs, no path of this machine, and a log whose lines carry markup
//! producing a page that shows it as text. (The browser checks are in
//! `html_report.rs`.)

mod common;

use common::{
    NATS_SRC_ARGS, diff_of_the_fix, fixture, gosleuth_ok, idle_capture_args, pushsvc, repo,
    slow_fixture, slow_inputs, strs, tmp,
};

fn page(args: &[&str]) -> String {
    let html = gosleuth_ok(args);
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(
        html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';")
    );
    html
}

/// The page's `<main>` as a person reads its markup: inferno's SVG cut out,
/// this machine's repository path replaced.
fn shown(html: &str) -> String {
    let main = html
        .split_once("<main>")
        .and_then(|(_, rest)| rest.split_once("</main>"))
        .expect("<main>")
        .0;
    let mut out = main.to_string();
    if let Some(start) = out.find("<div id=\"flame-graph\">") {
        let end = out[start..].find("</svg></div>").expect("end of svg") + start;
        out.replace_range(
            start..end + "</svg></div>".len(),
            "<div id=\"flame-graph\">…inferno…</div>",
        );
    }
    out.replace(&escaped_repo(), "&lt;repo&gt;")
        .replace(&repo().display().to_string(), "&lt;repo&gt;")
}

/// The repository's path as minijinja escapes it.
fn escaped_repo() -> String {
    repo().display().to_string().replace('/', "&#x2f;")
}

#[test]
fn diff_page_of_the_fixed_build() {
    let src = pushsvc();
    let fix = diff_of_the_fix();
    let mut args = vec!["diff", "--format", "html", "--src", &src, "--fail-on", "10"];
    args.extend(strs(&fix));
    let html = page(&args);
    assert_eq!(page(&args), html, "same inputs, same bytes");
    for path in [repo().display().to_string(), escaped_repo()] {
        assert!(!html.contains(&path), "a path of this machine");
    }
    // The differential flame graph: compress shrank (blue), as wide as the base.
    let compress = html
        .split("<g><title>github.com/gosleuth/examples/pushsvc/broker.(*client).compress (")
        .nth(1)
        .expect("compress frame");
    assert!(
        compress
            .split("</g>")
            .next()
            .unwrap()
            .contains("fill=\"rgb("),
        "{compress:.300}"
    );
    let width: f64 = compress
        .split(" bytes")
        .next()
        .unwrap()
        .replace(',', "")
        .parse()
        .expect("width in bytes");
    assert!(
        width > 600.0 * 1048576.0,
        "as wide as the base (604 MB): {compress:.60}"
    );
    assert!(
        compress.contains("; -"),
        "a negative change: {compress:.80}"
    );
    let main = shown(&html);
    assert!(main.contains("<td class=\"status status-fixed\""));
    assert!(main.contains("id=\"gate\">Passed (--fail-on 10)"));
    insta::assert_snapshot!(main);
}

#[test]
fn audit_page_of_the_example_service() {
    let html = page(&["audit", &pushsvc(), "--format", "html"]);
    let main = shown(&html);
    assert!(main.contains("<pre class=\"snippet\">"));
    let articles = main.matches("<article class=\"finding\"").count();
    assert!(articles > 20, "{articles} findings");
    assert_eq!(
        main.matches("<a href=\"#finding-").count(),
        articles,
        "one table row per finding"
    );
    assert!(main.contains("<span class=\"sev sev-high\">high</span>"));
    insta::assert_snapshot!(main);
}

#[test]
fn connmem_page_of_the_idle_nats_captures() {
    let captures = idle_capture_args();
    let mut args = vec!["connmem"];
    args.extend(strs(&captures));
    args.extend(NATS_SRC_ARGS);
    args.extend(["--format", "html"]);
    let main = shown(&page(&args));
    assert!(
        main.contains("<strong>Model: 20.4 kB per connection</strong>"),
        "{main}"
    );
    assert!(main.contains("<th data-type=\"num\">Per connection</th>"));
    insta::assert_snapshot!(main);
}

fn slow_args(log: &str) -> Vec<String> {
    let mut args = vec!["slow".to_string()];
    args.extend(slow_inputs(log));
    args.extend(["--format".into(), "html".into()]);
    args
}

#[test]
fn slow_page_of_the_stalled_nats() {
    let args = slow_args(&slow_fixture("server.log"));
    let main = shown(&page(&strs(&args)));
    assert!(main.contains("<strong>Scheduler starvation: the process got no CPU</strong>"));
    assert!(
        main.contains("<pre class=\"block\">&lt;repo&gt;&#x2f;examples&#x2f;nats-slow&#x2f;fixtures&#x2f;server.log:11: "),
        "the slow lines as logged: {main:.3000}"
    );
    insta::assert_snapshot!(main);
}

/// Markup in a log line (the client name NATS logs) is shown as text.
#[test]
fn slow_page_of_a_log_with_markup() {
    let evil = "<script>document.title='pwned'</script><img src=x onerror=alert(1)>";
    let text = std::fs::read_to_string(slow_fixture("server.log")).unwrap();
    assert!(text.contains("\"vnatsconns:go\""));
    let dir = tmp("html-slow");
    let log = dir.join("server.log");
    std::fs::write(&log, text.replace("vnatsconns:go", evil)).unwrap();
    let args = slow_args(log.to_str().unwrap());
    let html = page(&strs(&args));
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(!html.contains("<script>document"), "raw script tag");
    assert!(!html.contains("<img"), "raw img tag");
    assert!(
        html.contains("&lt;script&gt;document.title=&#x27;pwned&#x27;&lt;&#x2f;script&gt;"),
        "shown as text"
    );
    assert_eq!(
        html.matches("<script>").count(),
        1,
        "only the page's own script"
    );
}

#[test]
fn goroutines_page_of_the_leak() {
    let main = shown(&page(&[
        "goroutines",
        &fixture("leak.early.goroutine.debug2.txt"),
        &fixture("leak.late.goroutine.debug2.txt"),
        "--src",
        &pushsvc(),
        "--format",
        "html",
    ]));
    assert!(
        main.contains("<code>(*Server).publishWithTimeout.func1</code>"),
        "{main:.3000}"
    );
    assert!(main.contains("<table class=\"sortable\">"));
}
