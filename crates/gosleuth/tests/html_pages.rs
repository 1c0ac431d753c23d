//! `--format html` of `diff`, `audit`, `connmem`, `slow` and `goroutines` end
//! to end on real inputs: what each page says (snapshots of the page's markup
//! without the bulky style, scripts and flame graph), the same bytes for the
//! same inputs, no path of this machine, and a log whose lines carry markup
//! producing a page that shows it as text. (The browser checks are in
//! `html_report.rs`.)

mod common;

use std::path::PathBuf;

use common::{example_fixtures, gosleuth, repo};

const NATS: &str = "/usr/share/gocode/src/github.com/nats-io/nats-server";
const NATS_SRC: &str = "/usr/share/gocode/src";
const GO119: &str = "/usr/share/go-1.19";

fn page(args: &[&str]) -> String {
    let out = gosleuth(args);
    assert!(
        out.status.success(),
        "gosleuth {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = String::from_utf8(out.stdout).unwrap();
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

fn allocs(name: &str) -> String {
    example_fixtures()
        .join(format!("{name}.allocs.pb.gz"))
        .display()
        .to_string()
}

fn pushsvc() -> String {
    repo().join("examples/pushsvc").display().to_string()
}

#[test]
fn diff_page_of_the_fixed_build() {
    let args = [
        "diff",
        "--format",
        "html",
        "--src",
        &pushsvc(),
        "--fail-on",
        "10",
        "--base",
        &allocs("node01"),
        "--",
        &allocs("fixed"),
    ];
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
    let d = repo().join("examples/nats-idle/fixtures");
    let specs: Vec<String> = [500, 1000, 2000, 4000, 6000]
        .iter()
        .map(|n| {
            let f = |s: &str| d.join(format!("idle{n}.{s}")).display().to_string();
            format!(
                "heap={},goroutine={},memstats={},varz={}",
                f("heap.pb.gz"),
                f("goroutine.pb.gz"),
                f("heap.debug1.txt"),
                f("varz.json")
            )
        })
        .collect();
    let mut args = vec!["connmem"];
    for s in &specs {
        args.extend(["--capture", s.as_str()]);
    }
    args.extend(["--src", NATS_SRC, "--goroot", GO119, "--format", "html"]);
    let main = shown(&page(&args));
    assert!(
        main.contains("<strong>Model: 20.4 kB per connection</strong>"),
        "{main}"
    );
    assert!(main.contains("<th data-type=\"num\">Per connection</th>"));
    insta::assert_snapshot!(main);
}

fn slow_args(log: &str) -> Vec<String> {
    let f = |n: &str| {
        repo()
            .join("examples/nats-slow/fixtures")
            .join(n)
            .display()
            .to_string()
    };
    vec![
        "slow".into(),
        "--log".into(),
        log.into(),
        "--goroutines".into(),
        f("before.goroutine.debug2.txt"),
        "--goroutines".into(),
        f("after.goroutine.debug2.txt"),
        "--src".into(),
        NATS.into(),
        "--format".into(),
        "html".into(),
    ]
}

#[test]
fn slow_page_of_the_stalled_nats() {
    let log = repo().join("examples/nats-slow/fixtures/server.log");
    let args = slow_args(log.to_str().unwrap());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let main = shown(&page(&args));
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
    let text =
        std::fs::read_to_string(repo().join("examples/nats-slow/fixtures/server.log")).unwrap();
    assert!(text.contains("\"vnatsconns:go\""));
    let log: PathBuf =
        std::env::temp_dir().join(format!("gosleuth-html-slow-{}.log", std::process::id()));
    std::fs::write(&log, text.replace("vnatsconns:go", evil)).unwrap();
    let args = slow_args(log.to_str().unwrap());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let html = page(&args);
    std::fs::remove_file(&log).unwrap();
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
    let f = |n: &str| example_fixtures().join(n).display().to_string();
    let main = shown(&page(&[
        "goroutines",
        &f("leak.early.goroutine.debug2.txt"),
        &f("leak.late.goroutine.debug2.txt"),
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
