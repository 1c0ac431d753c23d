//! Command-line arguments. pprof's single-dash spellings (`-sample_index=x`,
//! `-nodecount=10`, `-lines`) are accepted as well as our own (`--sample-index x`).

use std::ffi::OsString;

use clap::{Args, Parser, Subcommand};

/// gosleuth: what a running Go service leaves behind, joined with its source.
#[derive(Debug, Parser)]
#[command(
    name = "gosleuth",
    version,
    about,
    propagate_version = true,
    after_help = "Examples:\n  gosleuth analyze node*.allocs.pb.gz --src . --format html -o report.html\n  gosleuth analyze http://localhost:6060/debug/pprof/allocs --src . --save profiles/\n  gosleuth audit . --fail-on high\n\n`gosleuth help COMMAND` shows each command's options and an example."
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Top functions (or lines, files) by flat value, as `go tool pprof -top` prints them.
    ///
    /// Example: gosleuth top --sample-index alloc_space --nodecount 10 heap.pb.gz
    Top(ViewArgs),
    /// Annotated source of the functions matching REGEX, as `go tool pprof -list` prints it.
    ///
    /// Example: gosleuth list 'readLoop$' --src /usr/share/gocode/src allocs.pb.gz
    List(SymbolArgs),
    /// Callers and callees of the functions matching REGEX, as `go tool pprof -peek` prints them.
    ///
    /// Example: gosleuth peek 'processMsgResults' allocs.pb.gz
    Peek(SymbolArgs),
    /// Every sample's stack, as `go tool pprof -traces` prints them.
    ///
    /// Example: gosleuth traces --sample-index inuse_space heap.pb.gz
    Traces(ViewArgs),
    /// The decoded profile as text, in the layout of `go tool pprof -raw`.
    ///
    /// Example: gosleuth raw http://localhost:6060/debug/pprof/heap
    Raw(ViewArgs),
    /// The full allocation analysis: top sites with ranges across nodes, categories,
    /// pool refills, deep dives into lines and callers, fan-out hubs.
    ///
    /// Example: gosleuth analyze node1.allocs.pb.gz node2.allocs.pb.gz --src . --goroot "$(go env GOROOT)"
    ///
    /// Example: gosleuth analyze http://localhost:6060/debug/pprof/allocs --src . --format html -o report.html
    Analyze(AnalyzeArgs),
    /// A Go benchmark skeleton for a hot function (with `b.ReportAllocs()`), ready to paste beside it.
    ///
    /// Example: gosleuth bench '(*client).readLoop' --src .
    Bench(BenchArgs),
    /// Which profile frames resolve to Go functions in the source, and why not.
    ///
    /// Example: gosleuth resolve allocs.pb.gz --src . --goroot "$(go env GOROOT)"
    Resolve(ResolveArgs),
    /// Source-only audit of a Go repository: every rule of the catalog, findings ranked by severity.
    ///
    /// Example: gosleuth audit ./myservice --format md -o audit.md --fail-on high
    Audit(AuditArgs),
    /// The rule catalog, or one rule's full documentation.
    ///
    /// Example: gosleuth rules GS201
    Rules(RulesArgs),
    /// Before/after: per-site changes against the node-to-node noise band, verdicts on an
    /// earlier `analyze` report's sites, and a CI gate (`--fail-on`).
    ///
    /// End the `--base` list with `--` (or another flag) before the new profiles.
    ///
    /// Example: gosleuth diff --fail-on 10 --src . --base before/ -- after/
    Diff(DiffArgs),
    /// Goroutine dumps grouped by creation site and by top application frame, with states and
    /// wait minutes; given a later dump, what grew, tied to source lines and to the leak rules.
    ///
    /// Example: gosleuth goroutines early.goroutine.debug2.txt late.goroutine.debug2.txt --src .
    Goroutines(GoroutinesArgs),
    /// Per-connection memory budget: heap by kind on per-connection paths, goroutine stacks and
    /// runtime overhead, against the measured marginal memory per connection; projections, what-ifs.
    ///
    /// Example: gosleuth connmem --capture heap=a.heap.pb.gz,goroutine=a.goroutine.pb.gz,memstats=a.heap.debug1.txt,varz=a.varz.json --capture ... --what-if buffer=2KB
    Connmem(ConnmemArgs),
    /// Slowness investigation: slow-operation log lines, the code that logs them and what it does
    /// under locks, blocked goroutines, ranked hypotheses with the commands to confirm them.
    ///
    /// Example: gosleuth slow --log nats.log --goroutines dump.txt --src /usr/share/gocode/src/github.com/nats-io/nats-server
    Slow(SlowArgs),
    /// Shell completions for gosleuth's commands and flags, printed to stdout.
    ///
    /// Example: gosleuth completions bash > ~/.local/share/bash-completion/completions/gosleuth
    Completions(CompletionsArgs),
}

/// `completions`' arguments.
#[derive(Debug, Args)]
pub(crate) struct CompletionsArgs {
    /// The shell: bash, zsh, fish (also elvish, powershell).
    #[arg(value_enum, value_name = "SHELL")]
    pub(crate) shell: clap_complete::Shell,
}

/// `audit`'s arguments.
#[derive(Debug, Args)]
pub(crate) struct AuditArgs {
    /// The repository (or any directory) to audit.
    #[arg(value_name = "DIR")]
    pub(crate) dir: std::path::PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = AuditFormat::Text)]
    pub(crate) format: AuditFormat,
    /// Write the report to FILE instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub(crate) output: Option<std::path::PathBuf>,
    /// Exit with code 1 when a finding is at or above this severity.
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub(crate) fail_on: Option<SeverityArg>,
    /// Also audit `_test.go` files.
    #[arg(long)]
    pub(crate) include_tests: bool,
    /// Also audit `vendor/` directories.
    #[arg(long)]
    pub(crate) include_vendor: bool,
}

/// `diff`'s arguments.
#[derive(Debug, Args)]
pub(crate) struct DiffArgs {
    /// The base (before) profiles: files, directories, `-` or URLs; end the list with `--`.
    #[arg(long = "base", value_name = "OLD", num_args = 1.., required = true)]
    pub(crate) base: Vec<String>,
    /// The new (after) profiles.
    #[arg(value_name = "NEW")]
    pub(crate) new: Vec<String>,
    /// An earlier `gosleuth analyze --format json` report: judge each of its sites.
    #[arg(long, value_name = "FILE")]
    pub(crate) report: Option<std::path::PathBuf>,
    /// Exit with code 1 when a site or the total grew more than PCT percent beyond noise.
    #[arg(long, value_name = "PCT")]
    pub(crate) fail_on: Option<f64>,
    /// Sample type to rank and gate on (default: the report's, else alloc_space when present).
    #[arg(long, value_name = "TYPE")]
    pub(crate) sample_index: Option<String>,
    /// Source root of the new build (repeatable); also of the base unless --base-src is given.
    #[arg(long = "src", value_name = "DIR")]
    pub(crate) src: Vec<std::path::PathBuf>,
    /// Source root of the base build, when it differs (repeatable).
    #[arg(long = "base-src", value_name = "DIR")]
    pub(crate) base_src: Vec<std::path::PathBuf>,
    /// The Go root (or its `src`) for standard-library frames.
    #[arg(long, value_name = "DIR")]
    pub(crate) goroot: Option<std::path::PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
    pub(crate) format: ReportFormat,
    /// Write the report to this file instead of stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub(crate) output: Option<std::path::PathBuf>,
}

/// `goroutines`' arguments.
#[derive(Debug, Args)]
pub(crate) struct GoroutinesArgs {
    /// A goroutine dump (`?debug=2`), counted stacks (`?debug=1`) or a protobuf goroutine
    /// profile: a file, `-` or a URL.
    #[arg(value_name = "DUMP")]
    pub(crate) dump: String,
    /// A later dump of the same process: what grew since DUMP.
    #[arg(value_name = "LATER_DUMP")]
    pub(crate) later: Option<String>,
    /// The service's source root (repeatable), to resolve frames to source lines.
    #[arg(long = "src", value_name = "DIR")]
    pub(crate) src: Vec<std::path::PathBuf>,
    /// The Go root (or its `src`) for standard-library frames.
    #[arg(long, value_name = "DIR")]
    pub(crate) goroot: Option<std::path::PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
    pub(crate) format: ReportFormat,
    /// Write the report to this file instead of stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub(crate) output: Option<std::path::PathBuf>,
    /// Cap on a dump's (decompressed) size, in bytes.
    #[arg(long, default_value_t = gosleuth_pprof::DEFAULT_MAX_DECOMPRESSED, value_name = "BYTES")]
    pub(crate) max_decompressed: u64,
}

/// `connmem`'s arguments.
#[derive(Debug, Args)]
pub(crate) struct ConnmemArgs {
    /// One capture (repeatable, one per connection count): `heap=FILE,goroutine=FILE,memstats=FILE,varz=FILE`;
    /// instead of `varz=`, `connections=N` and optionally `mem=BYTES`; `name=NAME` names it.
    #[arg(long = "capture", value_name = "SPEC", required = true)]
    pub(crate) captures: Vec<String>,
    /// A what-if scenario (repeatable): `buffer=2KB`, `goroutines=1`, `stack=4KB`, `gogc=50`, `remove=TEXT`, or several joined by commas.
    #[arg(long = "what-if", value_name = "SCENARIO")]
    pub(crate) what_ifs: Vec<String>,
    /// The server's GOGC: sets the GC headroom the model counts.
    #[arg(long, default_value_t = 100, value_name = "PERCENT")]
    pub(crate) gogc: u32,
    /// The service's source root (repeatable), to classify allocations by their statement.
    #[arg(long = "src", value_name = "DIR")]
    pub(crate) src: Vec<std::path::PathBuf>,
    /// The Go root (or its `src`) for standard-library frames.
    #[arg(long, value_name = "DIR")]
    pub(crate) goroot: Option<std::path::PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
    pub(crate) format: ReportFormat,
    /// Write the report to this file instead of stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub(crate) output: Option<std::path::PathBuf>,
}

/// `slow`'s arguments.
#[derive(Debug, Args)]
pub(crate) struct SlowArgs {
    /// A log file (repeatable).
    #[arg(long = "log", value_name = "FILE", required = true)]
    pub(crate) logs: Vec<std::path::PathBuf>,
    /// A goroutine dump (`?debug=2`) or profile taken around the slow times (repeatable).
    #[arg(long = "goroutines", value_name = "DUMP")]
    pub(crate) goroutines: Vec<String>,
    /// An extra slow-line pattern (repeatable): a regex with a named group `dur` (a Go duration)
    /// and optionally `op`.
    #[arg(long = "pattern", value_name = "REGEX")]
    pub(crate) patterns: Vec<String>,
    /// The service's source root (repeatable): where the log messages are searched for.
    #[arg(long = "src", value_name = "DIR", required = true)]
    pub(crate) src: Vec<std::path::PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
    pub(crate) format: ReportFormat,
    /// Write the report to this file instead of stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub(crate) output: Option<std::path::PathBuf>,
}

/// `rules`' arguments.
#[derive(Debug, Args)]
pub(crate) struct RulesArgs {
    /// A rule id (`GS201`) or slug (`worst-case-encode-buffer`): print its documentation.
    #[arg(value_name = "ID")]
    pub(crate) id: Option<String>,
}

/// `audit` report formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum AuditFormat {
    /// Compact text (coloured on a terminal).
    Text,
    /// Markdown, pasteable into an issue.
    Md,
    /// JSON (schema gosleuth.audit/v1).
    Json,
    /// SARIF 2.1.0.
    Sarif,
}

/// Severities for `--fail-on`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum SeverityArg {
    /// Any finding.
    Low,
    /// Medium and above.
    Medium,
    /// High and above.
    High,
    /// Critical only.
    Critical,
}

/// Source roots: the service's repositories and the standard library.
#[derive(Debug, Args)]
pub(crate) struct SourceArgs {
    /// The service's source root (repeatable): a repository, a module cache or a GOPATH `src`.
    #[arg(long = "src", value_name = "DIR", required = true)]
    pub(crate) src: Vec<std::path::PathBuf>,
    /// The Go root (or its `src`) that built the profiled binary, for standard-library frames.
    #[arg(long, value_name = "DIR")]
    pub(crate) goroot: Option<std::path::PathBuf>,
}

/// `analyze`'s arguments.
#[derive(Debug, Args)]
pub(crate) struct AnalyzeArgs {
    #[command(flatten)]
    pub(crate) input: InputArgs,
    /// The service's source root (repeatable): a repository, a module cache or a GOPATH `src`.
    #[arg(long = "src", value_name = "DIR")]
    pub(crate) src: Vec<std::path::PathBuf>,
    /// The Go root (or its `src`) that built the profiled binary, for standard-library frames.
    #[arg(long, value_name = "DIR")]
    pub(crate) goroot: Option<std::path::PathBuf>,
    /// Sample type to analyse (default: alloc_space when present).
    #[arg(long, value_name = "TYPE")]
    pub(crate) sample_index: Option<String>,
    /// How many top sites get a deep dive.
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub(crate) top: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t = AnalyzeFormat::Md)]
    pub(crate) format: AnalyzeFormat,
    /// Write the report to this file instead of stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub(crate) output: Option<std::path::PathBuf>,
}

/// `analyze` report formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum AnalyzeFormat {
    /// Compact text for a terminal (coloured only on a terminal; NO_COLOR respected).
    Text,
    /// Markdown, pasteable into an issue or pull request.
    Md,
    /// One self-contained page: flame graph, sortable tables, source heat, range charts.
    Html,
    /// The report model as JSON (versioned schema).
    Json,
}

/// Report formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ReportFormat {
    /// Compact text for a terminal (coloured only on a terminal; NO_COLOR respected).
    Text,
    /// Markdown, pasteable into an issue or pull request.
    Md,
    /// The report model as JSON (versioned schema).
    Json,
}

/// `bench`'s arguments.
#[derive(Debug, Args)]
pub(crate) struct BenchArgs {
    /// The function: its profile name, or its tail such as `(*client).readLoop` or `readLoop`.
    #[arg(value_name = "FUNC")]
    pub(crate) function: String,
    /// The source root to search.
    #[arg(long = "src", value_name = "DIR", default_value = ".")]
    pub(crate) src: std::path::PathBuf,
}

/// `resolve`'s arguments.
#[derive(Debug, Args)]
pub(crate) struct ResolveArgs {
    #[command(flatten)]
    pub(crate) input: InputArgs,
    #[command(flatten)]
    pub(crate) source: SourceArgs,
}

/// A view that selects functions by a regexp.
#[derive(Debug, Args)]
pub(crate) struct SymbolArgs {
    /// Regular expression matched against function names.
    #[arg(value_name = "REGEX")]
    pub(crate) regex: String,
    /// Source roots to read files from (repeatable; default: the current directory).
    #[arg(long = "src", alias = "source-path", value_name = "DIR")]
    pub(crate) src: Vec<String>,
    #[command(flatten)]
    pub(crate) view: ViewArgs,
}

/// Where profiles come from and how they are read.
#[derive(Debug, Args)]
pub(crate) struct InputArgs {
    /// Profiles: files, directories, `-` for stdin, or http(s)://…/debug/pprof/… URLs.
    #[arg(required = true, value_name = "PROFILE")]
    pub(crate) sources: Vec<String>,
    /// Cap on a profile's decompressed size (and on a URL's body), in bytes.
    #[arg(long, default_value_t = gosleuth_pprof::DEFAULT_MAX_DECOMPRESSED, value_name = "BYTES")]
    pub(crate) max_decompressed: u64,
    /// Cap on a profile's samples (records, goroutines); its stack frames in all may number 16 times this.
    #[arg(long, default_value_t = gosleuth_pprof::Limits::DEFAULT.max_samples, value_name = "N")]
    pub(crate) max_samples: u64,
    /// Cap on a profile's locations, functions and mappings (each).
    #[arg(long, default_value_t = gosleuth_pprof::Limits::DEFAULT.max_locations, value_name = "N")]
    pub(crate) max_locations: u64,
    /// Cap on the frames of one stack.
    #[arg(long, default_value_t = gosleuth_pprof::Limits::DEFAULT.max_stack_depth, value_name = "N")]
    pub(crate) max_stack_depth: u64,
    /// Timeout for URL fetches, in seconds (default: 60, or 1.5× `?seconds=N`).
    #[arg(long, value_name = "SECONDS")]
    pub(crate) timeout: Option<u64>,
    /// Keep a copy of every profile fetched from a URL in this directory.
    #[arg(long, value_name = "DIR")]
    pub(crate) save: Option<std::path::PathBuf>,
}

/// Options shared by the pprof-compatible views.
#[derive(Debug, Args)]
pub(crate) struct ViewArgs {
    #[command(flatten)]
    pub(crate) input: InputArgs,
    /// Sample type to report (name or index), e.g. alloc_space, inuse_objects, cpu.
    #[arg(long, value_name = "TYPE")]
    pub(crate) sample_index: Option<String>,
    /// Show at most this many nodes.
    #[arg(long, value_name = "N")]
    pub(crate) nodecount: Option<usize>,
    /// Hide nodes below this fraction of the total.
    #[arg(long, default_value_t = 0.005, value_name = "F")]
    pub(crate) nodefraction: f64,
    /// Hide edges below this fraction of the total.
    #[arg(long, default_value_t = 0.001, value_name = "F")]
    pub(crate) edgefraction: f64,
    /// Aggregate by function (default).
    #[arg(long, group = "granularity")]
    pub(crate) functions: bool,
    /// Aggregate by function and file.
    #[arg(long, group = "granularity")]
    pub(crate) filefunctions: bool,
    /// Aggregate by source line.
    #[arg(long, group = "granularity")]
    pub(crate) lines: bool,
    /// Aggregate by source file.
    #[arg(long, group = "granularity")]
    pub(crate) files: bool,
    /// Aggregate by instruction address.
    #[arg(long, group = "granularity")]
    pub(crate) addresses: bool,
    /// Ignore inlining: attribute inlined calls to their caller.
    #[arg(long)]
    pub(crate) noinlines: bool,
    /// Sort by cumulative value.
    #[arg(long, overrides_with = "flat")]
    pub(crate) cum: bool,
    /// Sort by flat value (default).
    #[arg(long, overrides_with = "cum")]
    pub(crate) flat: bool,
    /// Only samples with a frame matching this regexp.
    #[arg(long, value_name = "REGEX")]
    pub(crate) focus: Option<String>,
    /// Drop samples with a frame matching this regexp.
    #[arg(long, value_name = "REGEX")]
    pub(crate) ignore: Option<String>,
    /// Remove frames matching this regexp.
    #[arg(long, value_name = "REGEX")]
    pub(crate) hide: Option<String>,
    /// Keep only frames matching this regexp.
    #[arg(long, value_name = "REGEX")]
    pub(crate) show: Option<String>,
    /// Unit for values: minimum (default), auto, or a unit such as MB, ms.
    #[arg(long, default_value = "minimum", value_name = "UNIT")]
    pub(crate) unit: String,
    /// Leave out the profile's own header lines.
    #[arg(long)]
    pub(crate) compact_labels: bool,
    /// Drop nodes with negative values.
    #[arg(long)]
    pub(crate) drop_negative: bool,
    /// Prefix to strip from file names in the profile.
    #[arg(long, value_name = "PATH")]
    pub(crate) trim_path: Option<String>,
}

/// pprof flags that take a value; the rest are switches.
const PPROF_VALUE_FLAGS: &[&str] = &[
    "sample_index",
    "nodecount",
    "nodefraction",
    "edgefraction",
    "focus",
    "ignore",
    "hide",
    "show",
    "unit",
    "trim_path",
    "source_path",
    "seconds",
    "timeout",
    "src",
    "output",
    "o",
];
const PPROF_SWITCHES: &[&str] = &[
    "functions",
    "filefunctions",
    "lines",
    "files",
    "addresses",
    "noinlines",
    "cum",
    "flat",
    "compact_labels",
    "drop_negative",
];

/// Rewrites pprof-style `-name[=value]` arguments into `--name[=value]`, with `_` → `-`.
pub(crate) fn normalize(args: impl IntoIterator<Item = OsString>) -> Vec<OsString> {
    args.into_iter()
        .map(|arg| {
            let Some(s) = arg.to_str() else { return arg };
            let Some(rest) = s.strip_prefix('-').filter(|r| !r.starts_with('-')) else {
                return match s.strip_prefix("--") {
                    Some(long) => OsString::from(format!("--{}", dash_name(long))),
                    None => arg,
                };
            };
            let name = rest.split('=').next().unwrap_or(rest);
            if PPROF_VALUE_FLAGS.contains(&name) && name.len() > 1 || PPROF_SWITCHES.contains(&name)
            {
                OsString::from(format!("--{}", dash_name(rest)))
            } else {
                arg
            }
        })
        .collect()
}

/// `sample_index=a_b` → `sample-index=a_b`: only the flag name changes.
fn dash_name(flag: &str) -> String {
    match flag.split_once('=') {
        Some((name, value)) => format!("{}={value}", name.replace('_', "-")),
        None => flag.replace('_', "-"),
    }
}

pub(crate) fn parse(args: impl IntoIterator<Item = OsString>) -> Cli {
    Cli::parse_from(normalize(args))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(args: &[&str]) -> Vec<String> {
        normalize(args.iter().map(OsString::from))
            .into_iter()
            .map(|a| a.into_string().unwrap())
            .collect()
    }

    #[test]
    fn pprof_spellings_become_ours() {
        assert_eq!(
            norm(&[
                "top",
                "-sample_index=alloc_space",
                "-nodecount=10",
                "-lines",
                "-cum",
                "x.pb.gz"
            ]),
            [
                "top",
                "--sample-index=alloc_space",
                "--nodecount=10",
                "--lines",
                "--cum",
                "x.pb.gz"
            ]
        );
        assert_eq!(
            norm(&["top", "--sample_index", "inuse_space", "-"]),
            ["top", "--sample-index", "inuse_space", "-"]
        );
        assert_eq!(
            norm(&["top", "-focus=a_b", "-x"]),
            ["top", "--focus=a_b", "-x"]
        );
    }
}
