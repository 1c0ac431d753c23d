//! Headless Chromium (Debian's `chromium`) for the HTML report tests: the DOM
//! after the page's scripts ran, every console message, the requests the page
//! made (from Chromium's own network log), and screenshots. Fails loudly when
//! Chromium is missing: `.ci/run` installs it.
#![allow(dead_code, unreachable_pub)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// One Chromium at a time: the machine has two cores.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());
const TIMEOUT: Duration = Duration::from_secs(120);

/// What a page did in the browser.
#[derive(Debug)]
pub struct Visit {
    /// The DOM after the page's scripts and timers ran, serialised.
    pub dom: String,
    /// Console messages (errors, CSP violations, `console.*`), one per line.
    pub console: Vec<String>,
    /// URLs the page itself asked the network for (not file: or data:).
    pub page_requests: Vec<String>,
}

pub fn chromium() -> PathBuf {
    for p in ["/usr/bin/chromium", "/usr/bin/chromium-browser"] {
        if Path::new(p).is_file() {
            return p.into();
        }
    }
    panic!("chromium not found: install Debian's chromium package (.ci/run does)");
}

/// `file://` URL of a page, with an optional `?query`.
pub fn file_url(page: &Path, query: &str) -> String {
    let abs = page.canonicalize().expect("page exists");
    format!("file://{}{query}", abs.display())
}

/// Opens `url`, lets the page's scripts and timers run, and reports what happened.
pub fn visit(url: &str) -> Visit {
    let dir = scratch();
    let net_log = dir.join("net-log.json");
    let (stdout, stderr) = run(
        &dir,
        &[
            "--enable-logging=stderr",
            "--v=0",
            &format!("--log-net-log={}", net_log.display()),
            "--virtual-time-budget=5000",
            "--dump-dom",
            url,
        ],
    );
    let console = stderr
        .lines()
        .filter(|l| l.contains(":CONSOLE"))
        .map(str::to_string)
        .collect();
    let page_requests = page_requests(&net_log);
    let _ = std::fs::remove_dir_all(&dir);
    Visit {
        dom: stdout,
        console,
        page_requests,
    }
}

/// Saves a screenshot of `url` (1400×2000) to `png`.
pub fn screenshot(url: &str, png: &Path) {
    let dir = scratch();
    let _ = std::fs::remove_file(png);
    run(
        &dir,
        &[
            "--hide-scrollbars",
            "--window-size=1400,2000",
            "--virtual-time-budget=5000",
            &format!("--screenshot={}", png.display()),
            url,
        ],
    );
    let _ = std::fs::remove_dir_all(&dir);
    let bytes =
        std::fs::read(png).unwrap_or_else(|e| panic!("no screenshot at {}: {e}", png.display()));
    assert!(
        bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
        "{} is not a PNG",
        png.display()
    );
    assert!(
        bytes.len() > 20_000,
        "screenshot {} is suspiciously small ({} bytes)",
        png.display(),
        bytes.len()
    );
}

/// Runs Chromium headless, isolated: its own profile directory, no background
/// networking, and every host name resolving to nothing.
fn run(profile: &Path, args: &[&str]) -> (String, String) {
    let _one = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let out_path = profile.join("stdout");
    let err_path = profile.join("stderr");
    let mut child = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--host-resolver-rules=MAP * ~NOTFOUND",
        ])
        .arg(format!(
            "--user-data-dir={}",
            profile.join("profile").display()
        ))
        .args(args)
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out_path).unwrap())
        .stderr(std::fs::File::create(&err_path).unwrap())
        .spawn()
        .expect("start chromium");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish within {TIMEOUT:?}: {args:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let stdout = std::fs::read_to_string(&out_path).unwrap_or_default();
    let stderr = std::fs::read_to_string(&err_path).unwrap_or_default();
    assert!(
        status.success(),
        "chromium failed ({status}): {args:?}\n{stderr}"
    );
    (stdout, stderr)
}

/// The URLs of the requests a page made: Chromium's network log tags them with
/// the page's network isolation key (`file://` for a page opened from disk);
/// the browser's own background requests carry another key.
fn page_requests(net_log: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(net_log)
        .unwrap_or_else(|e| panic!("no network log at {}: {e}", net_log.display()));
    let log: serde_json::Value = serde_json::from_str(&text).expect("network log is JSON");
    let events = log["events"].as_array().expect("network log has events");
    assert!(
        !events.is_empty(),
        "empty network log: the check would prove nothing"
    );
    let mut urls: Vec<String> = events
        .iter()
        .filter_map(|e| {
            let p = &e["params"];
            let url = p["url"].as_str()?;
            let key = p["network_isolation_key"].as_str()?;
            (key.contains("file://") && !url.starts_with("file:") && !url.starts_with("data:"))
                .then(|| url.to_string())
        })
        .collect();
    urls.sort();
    urls.dedup();
    urls
}

fn scratch() -> PathBuf {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("gosleuth-chromium-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
