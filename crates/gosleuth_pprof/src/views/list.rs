//! `list`: annotated source, as `go tool pprof -list REGEX -source_path DIR` prints it.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use regex::Regex;

use crate::error::{Error, Result};
use crate::gopath;
use crate::graph::{Granularity, Graph, Node, NodeKeying};
use crate::measurement::{percentage, scaled_label};
use crate::report::Prepared;

const MARGIN: i64 = 5;

/// Renders `list` for the functions whose names match `symbol`, reading source
/// files under `source_path` (`:`-separated; the current directory when empty).
pub fn render_list(rpt: &Prepared, symbol: &Regex) -> Result<String> {
    let keying = NodeKeying {
        granularity: Granularity::Lines,
        ..rpt.keying(true)
    };
    let g = Graph::build(
        &rpt.profile,
        &keying,
        &|v| rpt.value(v),
        None,
        rpt.options.drop_negative,
    );
    let mut by_function: HashMap<&str, Vec<&Node>> = HashMap::new();
    for n in g
        .nodes
        .iter()
        .map(|&i| &g.all[i])
        .filter(|n| symbol.is_match(&n.info.name))
    {
        by_function.entry(n.info.name.as_str()).or_default().push(n);
    }
    if by_function.is_empty() {
        return Err(Error::Invalid(format!(
            "no matches found for regexp: {symbol}"
        )));
    }
    let mut names: Vec<&str> = by_function.keys().copied().collect();
    names.sort_unstable();
    let search = if rpt.options.source_path.is_empty() {
        std::env::current_dir()
            .map(|d| d.display().to_string())
            .unwrap_or_default()
    } else {
        rpt.options.source_path.clone()
    };
    let mut reader = SourceReader {
        search,
        trim: rpt.options.trim_path.clone(),
        files: HashMap::new(),
    };
    let auto = |v: i64| scaled_label(v, &rpt.sample_unit, "minimum");
    let dot = |v: i64| if v == 0 { ".".to_string() } else { auto(v) };
    let mut out = format!("Total: {}\n", auto(rpt.total));
    for name in names {
        let mut by_file: HashMap<&str, Vec<&Node>> = HashMap::new();
        for n in by_function[name].iter().filter(|n| !n.info.file.is_empty()) {
            by_file.entry(n.info.file.as_str()).or_default().push(n);
        }
        if by_file.is_empty() {
            let _ = writeln!(out, "No source information for {name}");
            continue;
        }
        let mut files: Vec<&str> = by_file.keys().copied().collect();
        files.sort_unstable();
        for file in files {
            let mut nodes = by_file[file].clone();
            nodes.sort_by_key(|n| (n.info.start_line, n.info.lineno));
            let (flat, cum) = nodes.iter().fold((0i64, 0i64), |(f, c), n| {
                (f.wrapping_add(n.flat), c.wrapping_add(n.cum))
            });
            let _ = writeln!(out, "ROUTINE ======================== {name} in {file}");
            let _ = writeln!(
                out,
                "{:>10} {:>10} (flat, cum) {} of Total",
                auto(flat),
                auto(cum),
                percentage(cum, rpt.total)
            );
            match reader.lines(file) {
                Err(e) => {
                    let _ = writeln!(out, " Error: {e}");
                }
                Ok(lines) => {
                    for (lineno, text, flat, cum) in annotate(&nodes, lines) {
                        let _ =
                            writeln!(out, "{:>10} {:>10} {lineno:>6}:{text}", dot(flat), dot(cum));
                    }
                }
            }
        }
    }
    Ok(out)
}

/// pprof's `getSourceFromFile`: from the function start (or first sample − 5)
/// to the last sample + 5, stopping at the end of the file.
fn annotate<'a>(nodes: &[&Node], lines: &'a [String]) -> Vec<(i64, &'a str, i64, i64)> {
    let first = nodes[0];
    let mut start = if first.info.start_line != 0 {
        first.info.start_line
    } else {
        first.info.lineno - MARGIN
    };
    let mut end = first.info.lineno + MARGIN;
    let mut per_line: HashMap<i64, (i64, i64)> = HashMap::new();
    for n in nodes {
        let node_start = if n.info.start_line != 0 {
            n.info.start_line
        } else {
            n.info.lineno - MARGIN
        };
        let node_end = n.info.lineno + MARGIN;
        if node_start < start {
            start = node_start;
        } else if node_end > end {
            end = node_end;
        }
        let e = per_line.entry(n.info.lineno).or_default();
        e.0 = e.0.wrapping_add(n.flat);
        e.1 = e.1.wrapping_add(n.cum);
    }
    let start = start.max(1);
    (start..=end)
        .map_while(|lineno| {
            let text = usize::try_from(lineno)
                .ok()
                .and_then(|i| lines.get(i - 1))?;
            let (flat, cum) = per_line.get(&lineno).copied().unwrap_or_default();
            Some((lineno, text.as_str(), flat, cum))
        })
        .collect()
}

struct SourceReader {
    search: String,
    trim: String,
    files: HashMap<String, std::result::Result<Vec<String>, String>>,
}

impl SourceReader {
    fn lines(&mut self, file: &str) -> std::result::Result<&[String], String> {
        let (search, trim) = (&self.search, &self.trim);
        let entry = self
            .files
            .entry(file.to_string())
            .or_insert_with(|| read_source(file, search, trim));
        entry.as_ref().map(Vec::as_slice).map_err(Clone::clone)
    }
}

/// pprof's `openSourceFile`: absolute paths as they are, relative ones under
/// each search directory and its parents — but only files that are, once
/// symbolic links and `..` are resolved, inside a search directory: the file
/// names come from an untrusted profile, and reading never leaves the source
/// roots (SPEC §8).
fn read_source(file: &str, search: &str, trim: &str) -> std::result::Result<Vec<String>, String> {
    let path = gopath::trim_path(file, trim, search);
    let roots: Vec<PathBuf> = gopath::split_list(search)
        .into_iter()
        .filter_map(|d| Path::new(d).canonicalize().ok())
        .collect();
    let found = if path.starts_with('/') {
        read_within(Path::new(path), &roots).map_err(|e| format!("open {path}: {e}"))?
    } else {
        find_relative(path, search, &roots)
            .ok_or_else(|| format!("could not find file {path} on path {search}"))?
    };
    let text = String::from_utf8_lossy(&found);
    Ok(text.lines().map(str::to_string).collect())
}

/// The bytes of `path` if it resolves to a file inside one of `roots`.
fn read_within(path: &Path, roots: &[PathBuf]) -> std::result::Result<Vec<u8>, &'static str> {
    let real = path.canonicalize().map_err(|e| go_io_error(&e))?;
    if !roots.iter().any(|r| real.starts_with(r)) {
        return Err("outside the source path");
    }
    std::fs::read(real).map_err(|e| go_io_error(&e))
}

fn find_relative(path: &str, search: &str, roots: &[PathBuf]) -> Option<Vec<u8>> {
    for dir in gopath::split_list(search) {
        let mut dir = PathBuf::from(dir);
        loop {
            if let Ok(bytes) = read_within(&dir.join(path), roots) {
                return Some(bytes);
            }
            match dir.parent() {
                Some(parent) if parent != dir && parent != Path::new("") => {
                    dir = parent.to_path_buf()
                }
                _ => break,
            }
        }
    }
    None
}

/// Go's wording for the common file errors.
fn go_io_error(e: &std::io::Error) -> &'static str {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory",
        std::io::ErrorKind::PermissionDenied => "permission denied",
        _ => "cannot read file",
    }
}
