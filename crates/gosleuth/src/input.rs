//! Where profiles come from: files, directories, stdin (`-`) and HTTP(S) URLs.
//! Every input is one node; one bad input among several is a warning.

use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context as _, Result, anyhow, bail};
use gosleuth_pprof::{Limits, Profile};

/// A decoded profile and the node it came from.
pub(crate) struct Node {
    /// Display name: the file stem, or the URL's host.
    #[expect(dead_code, reason = "node names label per-node figures once analyze lands")]
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

/// Reads every source. Fails only if nothing at all could be read; otherwise
/// prints one warning per unreadable input and returns the rest.
pub(crate) fn read_all(sources: &[String], opts: &ReadOptions) -> Result<Vec<Node>> {
    let mut nodes = Vec::new();
    let mut errors = Vec::new();
    for source in sources {
        match read_source(source, opts) {
            Ok((found, warnings)) => {
                nodes.extend(found);
                errors.extend(warnings);
            }
            Err(e) => errors.push(e),
        }
    }
    if nodes.is_empty() {
        return Err(errors.into_iter().next().unwrap_or_else(|| anyhow!("no profiles given")));
    }
    let mut stderr = std::io::stderr().lock();
    for e in errors {
        let line = e.chain().map(ToString::to_string).collect::<Vec<_>>().join(": ");
        let _ = writeln!(stderr, "warning: {line} (skipped)");
    }
    Ok(nodes)
}

type SourceResult = (Vec<Node>, Vec<anyhow::Error>);

fn read_source(source: &str, opts: &ReadOptions) -> Result<SourceResult> {
    if source == "-" {
        let bytes = read_capped(std::io::stdin().lock(), opts.limits.max_decompressed).context("stdin")?;
        return Ok((vec![decode_node("stdin".into(), &bytes, opts).context("stdin")?], Vec::new()));
    }
    if source.starts_with("http://") || source.starts_with("https://") {
        let bytes = fetch_url(source, opts).with_context(|| source.to_string())?;
        if let Some(dir) = &opts.save {
            let path = dir.join(saved_name(source));
            std::fs::create_dir_all(dir)
                .and_then(|()| std::fs::write(&path, &bytes))
                .with_context(|| format!("saving {}", path.display()))?;
        }
        let node = decode_node(url_host(source), &bytes, opts).with_context(|| source.to_string())?;
        return Ok((vec![node], Vec::new()));
    }
    let path = Path::new(source);
    let meta = std::fs::metadata(path).with_context(|| source.to_string())?;
    if meta.is_dir() {
        return read_dir(path, opts).with_context(|| source.to_string());
    }
    let node = read_file(path, opts).with_context(|| source.to_string())?;
    Ok((vec![node], Vec::new()))
}

fn read_file(path: &Path, opts: &ReadOptions) -> Result<Node> {
    let file = std::fs::File::open(path)?;
    let bytes = read_capped(file, opts.limits.max_decompressed)?;
    decode_node(file_stem(path), &bytes, opts)
}

/// Every regular file directly in `dir`, in name order; files that are not
/// profiles are reported back as warnings.
fn read_dir(dir: &Path, opts: &ReadOptions) -> Result<SourceResult> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    let mut nodes = Vec::new();
    let mut warnings = Vec::new();
    for p in paths {
        match read_file(&p, opts) {
            Ok(n) => nodes.push(n),
            Err(e) => warnings.push(e.context(p.display().to_string())),
        }
    }
    if nodes.is_empty() {
        bail!("no profiles in this directory");
    }
    Ok((nodes, warnings))
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
    let seconds = url
        .split_once('?')
        .and_then(|(_, q)| q.split('&').find_map(|kv| kv.strip_prefix("seconds=")))
        .and_then(|s| s.parse::<u64>().ok())
        .unwrap_or(0);
    let timeout = opts.timeout.unwrap_or(if seconds > 0 { seconds + seconds / 2 } else { 60 });
    let config = ureq::Agent::config_builder().timeout_global(Some(Duration::from_secs(timeout))).build();
    let agent: ureq::Agent = config.into();
    let mut resp = agent.get(url).call().map_err(|e| anyhow!("fetching: {e}"))?;
    let cap = opts.limits.max_decompressed;
    resp.body_mut()
        .with_config()
        .limit(cap)
        .read_to_vec()
        .map_err(|e| anyhow!("reading the response: {e}"))
}

/// `http://127.0.0.1:6060/debug/pprof/allocs?x=1` → `127.0.0.1_6060.allocs.pb.gz`.
fn saved_name(url: &str) -> String {
    let path = url.split_once("://").map_or(url, |(_, r)| r);
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let last = path.rsplit('/').find(|s| !s.is_empty()).unwrap_or("profile");
    let host = url_host(url).replace([':', '/'], "_");
    if last == url_host(url) { format!("{host}.pb.gz") } else { format!("{host}.{last}.pb.gz") }
}

fn url_host(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.split('/').next().unwrap_or(rest).to_string()
}

fn file_stem(path: &Path) -> String {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
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
        assert_eq!(url_host("http://127.0.0.1:6060/debug/pprof/allocs"), "127.0.0.1:6060");
        assert_eq!(saved_name("http://127.0.0.1:6060/debug/pprof/profile?seconds=3"), "127.0.0.1_6060.profile.pb.gz");
    }
}
