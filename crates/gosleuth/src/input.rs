//! Where profiles come from: files, directories, stdin (`-`) and HTTP(S) URLs.
//! Every input is one node; one bad input among several is a warning. Files are
//! read and decoded on all cores, in input order.

use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context as _, Result, anyhow, bail};
use gosleuth_pprof::{Limits, Profile};

/// A decoded profile and the node it came from.
pub(crate) struct Node {
    /// Display name: the file stem, or the URL's host.
    pub(crate) name: String,
    /// The decoded profile.
    pub(crate) profile: Profile,
}

/// How to read inputs.
#[derive(Clone)]
pub(crate) struct ReadOptions {
    pub(crate) limits: Limits,
    pub(crate) timeout: Option<u64>,
    /// Where to keep a copy of fetched profiles.
    pub(crate) save: Option<PathBuf>,
}

impl Default for ReadOptions {
    /// The default limits, the default URL timeout, no copies kept.
    fn default() -> ReadOptions {
        ReadOptions {
            limits: Limits::DEFAULT,
            timeout: None,
            save: None,
        }
    }
}

/// One thing to read: a file (perhaps found in a directory), stdin or a URL.
pub(crate) enum Item {
    Stdin,
    Url(String),
    File {
        path: PathBuf,
        label: String,
        dir: Option<usize>,
    },
}

/// Reads every source. Fails only if nothing at all could be read; otherwise
/// prints one warning per unreadable input and returns the rest.
pub(crate) fn read_all(sources: &[String], opts: &ReadOptions) -> Result<Vec<Node>> {
    let mut errors = Vec::new();
    let mut dirs = Vec::new();
    let mut items = Vec::new();
    for source in sources {
        match expand(source, &mut dirs, &mut items) {
            Ok(()) => {}
            Err(e) => errors.push(e.context(source.clone())),
        }
    }
    let results = decode_parallel(&items, opts);
    let mut found_in_dir = vec![0usize; dirs.len()];
    let mut nodes = Vec::new();
    for (item, result) in items.iter().zip(results) {
        match result {
            Ok(node) => {
                if let Item::File { dir: Some(d), .. } = item {
                    found_in_dir[*d] += 1;
                }
                nodes.push(node);
            }
            Err(e) => errors.push(e),
        }
    }
    for (d, found) in dirs.iter().zip(found_in_dir) {
        if found == 0 {
            errors.push(anyhow!("{d}: no profiles in this directory"));
        }
    }
    if nodes.is_empty() {
        return Err(errors.pop().unwrap_or_else(|| anyhow!("no profiles given")));
    }
    print_warnings(errors);
    Ok(nodes)
}

/// One `warning: … (skipped)` line per input that could not be read.
pub(crate) fn print_warnings(errors: Vec<anyhow::Error>) {
    let mut stderr = std::io::stderr().lock();
    for e in errors {
        let line = e
            .chain()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(": ");
        let _ = writeln!(stderr, "warning: {line} (skipped)");
    }
}

/// Turns a source into items; a directory becomes every regular file in it, by name.
pub(crate) fn expand(source: &str, dirs: &mut Vec<String>, items: &mut Vec<Item>) -> Result<()> {
    if source == "-" {
        items.push(Item::Stdin);
        return Ok(());
    }
    if source.starts_with("http://") || source.starts_with("https://") {
        items.push(Item::Url(source.to_string()));
        return Ok(());
    }
    let path = Path::new(source);
    if !std::fs::metadata(path)?.is_dir() {
        items.push(Item::File {
            path: path.to_path_buf(),
            label: source.to_string(),
            dir: None,
        });
        return Ok(());
    }
    let mut paths: Vec<PathBuf> = std::fs::read_dir(path)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    dirs.push(source.to_string());
    let dir = Some(dirs.len() - 1);
    items.extend(paths.into_iter().map(|p| Item::File {
        label: p.display().to_string(),
        path: p,
        dir,
    }));
    Ok(())
}

/// Reads and decodes every item on all cores; results come back in item order.
fn decode_parallel(items: &[Item], opts: &ReadOptions) -> Vec<Result<Node>> {
    // Long work: many profiles, or a URL (a CPU profile's `?seconds=N` waits N seconds).
    let progress = (items.len() > 1 || items.iter().any(|i| matches!(i, Item::Url(_))))
        .then(|| crate::progress::bar(items.len() as u64, "reading profiles"));
    let results = gosleuth_go::par_map(items, |item| {
        if let Some(pb) = &progress {
            pb.set_message(item_label(item));
        }
        let node = read_item(item, opts);
        if let Some(pb) = &progress {
            pb.inc(1);
        }
        node
    });
    if let Some(pb) = progress {
        pb.finish_and_clear();
    }
    results
}

/// What the progress bar says is being read.
pub(crate) fn item_label(item: &Item) -> String {
    match item {
        Item::Stdin => "stdin".into(),
        Item::Url(url) => format!("fetching {url}"),
        Item::File { path, label, .. } => path
            .file_name()
            .map_or_else(|| label.clone(), |n| n.to_string_lossy().into_owned()),
    }
}

pub(crate) fn read_item(item: &Item, opts: &ReadOptions) -> Result<Node> {
    match item {
        Item::Stdin => {
            let bytes = read_capped(std::io::stdin().lock(), opts.limits.max_decompressed)
                .context("stdin")?;
            decode_node("stdin".into(), &bytes, opts).context("stdin")
        }
        Item::Url(url) => read_url(url, opts).with_context(|| url.clone()),
        Item::File { path, label, .. } => {
            let read = || -> Result<Node> {
                let bytes = read_capped(std::fs::File::open(path)?, opts.limits.max_decompressed)?;
                decode_node(file_stem(path), &bytes, opts)
            };
            read().with_context(|| label.clone())
        }
    }
}

/// Reads one source's raw bytes (a file, `-` or a URL), capped like profiles
/// are; returns its node name with them. For inputs decoded elsewhere (goroutine dumps).
pub(crate) fn read_bytes(source: &str, opts: &ReadOptions) -> Result<(String, Vec<u8>)> {
    let cap = opts.limits.max_decompressed;
    let read = || -> Result<(String, Vec<u8>)> {
        if source == "-" {
            return Ok(("stdin".into(), read_capped(std::io::stdin().lock(), cap)?));
        }
        if source.starts_with("http://") || source.starts_with("https://") {
            let pb = crate::progress::spinner(&format!("fetching {source}"));
            let fetched = fetch_url(source, opts);
            pb.finish_and_clear();
            return Ok((url_host(source), fetched?));
        }
        let path = Path::new(source);
        Ok((
            file_stem(path),
            read_capped(std::fs::File::open(path)?, cap)?,
        ))
    };
    read().with_context(|| source.to_string())
}

fn read_url(url: &str, opts: &ReadOptions) -> Result<Node> {
    let bytes = fetch_url(url, opts)?;
    if let Some(dir) = &opts.save {
        let path = dir.join(saved_name(url));
        std::fs::create_dir_all(dir)
            .and_then(|()| std::fs::write(&path, &bytes))
            .with_context(|| format!("saving {}", path.display()))?;
    }
    decode_node(url_host(url), &bytes, opts)
}

fn decode_node(name: String, bytes: &[u8], opts: &ReadOptions) -> Result<Node> {
    let profile = gosleuth_pprof::decode(bytes, opts.limits)?;
    Ok(Node { name, profile })
}

/// Reads at most `cap` bytes; more is an error rather than unbounded memory.
fn read_capped(r: impl std::io::Read, cap: u64) -> Result<Vec<u8>> {
    let mut buf = Vec::new();
    r.take(cap.saturating_add(1)).read_to_end(&mut buf)?;
    if buf.len() as u64 > cap {
        bail!("input is larger than the limit of {cap} bytes (raise it with --max-decompressed)");
    }
    Ok(buf)
}

/// Fetches a profile like pprof's URL mode: `?seconds=N` sets the timeout to 1.5×N.
fn fetch_url(url: &str, opts: &ReadOptions) -> Result<Vec<u8>> {
    let timeout = url_timeout(url, opts.timeout);
    let config = ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .build();
    let agent: ureq::Agent = config.into();
    let mut resp = agent
        .get(url)
        .call()
        .map_err(|e| anyhow!("fetching: {e}"))?;
    let cap = opts.limits.max_decompressed;
    resp.body_mut()
        .with_config()
        .limit(cap)
        .read_to_vec()
        .map_err(|e| anyhow!("reading the response: {e}"))
}

/// The timeout of a fetch: `--timeout`, else pprof's rule, 1.5× the
/// profiling window of `?seconds=N` (1 s gets 1.5 s), else 60 s.
fn url_timeout(url: &str, explicit: Option<u64>) -> Duration {
    let seconds = url
        .split_once('?')
        .and_then(|(_, q)| q.split('&').find_map(|kv| kv.strip_prefix("seconds=")))
        .and_then(|s| s.parse::<u64>().ok())
        .unwrap_or(0);
    match explicit {
        Some(t) => Duration::from_secs(t),
        None if seconds > 0 => Duration::from_secs(seconds) * 3 / 2,
        None => Duration::from_secs(60),
    }
}

/// `http://127.0.0.1:6060/debug/pprof/allocs?x=1` → `127.0.0.1_6060.allocs.pb.gz`.
fn saved_name(url: &str) -> String {
    let path = url.split_once("://").map_or(url, |(_, r)| r);
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let last = path
        .rsplit('/')
        .find(|s| !s.is_empty())
        .unwrap_or("profile");
    let host = url_host(url).replace([':', '/'], "_");
    if last == url_host(url) {
        format!("{host}.pb.gz")
    } else {
        format!("{host}.{last}.pb.gz")
    }
}

fn url_host(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.split('/').next().unwrap_or(rest).to_string()
}

fn file_stem(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    for ext in [".pb.gz", ".pb", ".gz", ".txt", ".pprof", ".prof"] {
        if let Some(stem) = name.strip_suffix(ext) {
            return stem.to_string();
        }
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn node_names() {
        assert_eq!(file_stem(Path::new("/x/js.allocs.pb.gz")), "js.allocs");
        assert_eq!(
            url_host("http://127.0.0.1:6060/debug/pprof/allocs"),
            "127.0.0.1:6060"
        );
        assert_eq!(
            saved_name("http://127.0.0.1:6060/debug/pprof/profile?seconds=3"),
            "127.0.0.1_6060.profile.pb.gz"
        );
        let cpu = "http://h:6060/debug/pprof/profile?seconds=1";
        assert_eq!(url_timeout(cpu, None), Duration::from_millis(1500));
        assert_eq!(
            url_timeout("http://h/debug/pprof/profile?a=b&seconds=30", None),
            Duration::from_secs(45)
        );
        assert_eq!(
            url_timeout("http://h/debug/pprof/heap", None),
            Duration::from_secs(60)
        );
        assert_eq!(url_timeout(cpu, Some(5)), Duration::from_secs(5));
    }
}
