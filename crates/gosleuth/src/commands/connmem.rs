//! `gosleuth connmem`: the per-connection memory budget (seed 004) from
//! one or more captures of a server at different connection counts.

use std::process::ExitCode;

use anyhow::{Context as _, Result, anyhow, bail};
use gosleuth_analysis::{CaptureInput, ConnmemOptions, DumpData, render};
use gosleuth_pprof::MemStats;

use super::view;
use crate::args::{ConnmemArgs, ReportFormat};
use crate::input::{self, ReadOptions};

pub(crate) fn run(args: &ConnmemArgs) -> Result<ExitCode> {
    let opts = ReadOptions::default();
    let captures = args
        .captures
        .iter()
        .map(|spec| capture(spec, &opts))
        .collect::<Result<Vec<_>>>()?;
    let c = ConnmemOptions {
        roots: args.source.roots(),
        what_ifs: args.what_ifs.clone(),
        gogc: Some(args.gogc),
    };
    let report = gosleuth_analysis::connmem(&captures, &c).context("connmem")?;
    let text = match args.format {
        ReportFormat::Text => {
            render::render_connmem_text(&report, super::analyze::colour(args.output.is_none()))
        }
        ReportFormat::Md => render::render_connmem_md(&report),
        ReportFormat::Json => render::render_connmem_json(&report),
        ReportFormat::Html => render::render_connmem_html(&report)?,
    };
    match &args.output {
        Some(path) => {
            std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))?
        }
        None => view::print(&text)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// The parts of one `--capture` spec.
#[derive(Default)]
struct Spec<'a> {
    name: Option<&'a str>,
    heap: Option<&'a str>,
    goroutine: Option<&'a str>,
    memstats: Option<&'a str>,
    varz: Option<&'a str>,
    connections: Option<&'a str>,
    mem: Option<&'a str>,
}

fn parse_spec(spec: &str) -> Result<Spec<'_>> {
    let mut s = Spec::default();
    for part in spec.split(',').filter(|p| !p.trim().is_empty()) {
        let (key, value) = part
            .split_once('=')
            .ok_or_else(|| anyhow!("`{part}`: expected KEY=VALUE"))?;
        let slot = match key.trim() {
            "name" => &mut s.name,
            "heap" => &mut s.heap,
            "goroutine" | "goroutines" => &mut s.goroutine,
            "memstats" => &mut s.memstats,
            "varz" => &mut s.varz,
            "connections" | "conns" => &mut s.connections,
            "mem" => &mut s.mem,
            other => bail!(
                "unknown key `{other}` (heap, goroutine, memstats, varz, connections, mem, name)"
            ),
        };
        *slot = Some(value.trim());
    }
    Ok(s)
}

fn capture(spec: &str, opts: &ReadOptions) -> Result<CaptureInput> {
    let read = |label: &str, v: Option<&str>| -> Result<(String, Vec<u8>)> {
        let source = v.ok_or_else(|| anyhow!("no {label}=FILE"))?;
        input::read_bytes(source, opts)
    };
    let parse = || -> Result<CaptureInput> {
        let s = parse_spec(spec)?;
        let (stem, heap_bytes) = read("heap", s.heap)?;
        let heap = gosleuth_pprof::decode(&heap_bytes, opts.limits)
            .with_context(|| s.heap.unwrap_or_default().to_string())?;
        let memstats = match s.memstats {
            Some(m) => {
                memstats(&read("memstats", Some(m))?.1, opts).with_context(|| m.to_string())?
            }
            // A heap `?debug=1` profile carries its own MemStats.
            None => memstats(&heap_bytes, opts)
                .context("no memstats=FILE, and the heap profile has no MemStats block")?,
        };
        let (_, g) = read("goroutine", s.goroutine)?;
        let goroutines = DumpData::parse(&g, opts.limits)
            .with_context(|| s.goroutine.unwrap_or_default().to_string())?;
        let (connections, mem) = figures(&s, opts)?;
        let name = s.name.map_or_else(
            || stem.split('.').next().unwrap_or(&stem).to_string(),
            str::to_string,
        );
        Ok(CaptureInput {
            name,
            heap,
            goroutines,
            memstats,
            connections,
            mem,
        })
    };
    parse().with_context(|| format!("--capture {spec}"))
}

fn memstats(bytes: &[u8], opts: &ReadOptions) -> Result<MemStats> {
    let payload = gosleuth_pprof::decompress(bytes, opts.limits)?;
    let (_, ms) = gosleuth_pprof::parse_heap_text(&payload)?;
    ms.ok_or_else(|| anyhow!("no `# runtime.MemStats` block"))
}

fn figures(s: &Spec<'_>, opts: &ReadOptions) -> Result<(u64, Option<u64>)> {
    let number = |label: &str, v: &str| {
        v.parse::<u64>()
            .with_context(|| format!("{label}={v}: not a number"))
    };
    let mem = s.mem.map(|m| number("mem", m)).transpose()?;
    if let Some(c) = s.connections {
        return Ok((number("connections", c)?, mem));
    }
    let v = s
        .varz
        .ok_or_else(|| anyhow!("no varz=FILE or connections=N"))?;
    let (_, bytes) = input::read_bytes(v, opts)?;
    let varz = gosleuth_analysis::parse_varz(&bytes).with_context(|| v.to_string())?;
    Ok((varz.connections, mem.or(varz.mem)))
}
