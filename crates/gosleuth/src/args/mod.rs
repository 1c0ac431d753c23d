//! Command-line arguments. pprof's single-dash spellings (`-sample_index=x`,
//! `-nodecount=10`, `-lines`) are accepted as well as our own (`--sample-index x`).

use std::ffi::OsString;

use clap::{Parser, Subcommand};

mod analysis;
mod investigate;
mod pprof_spelling;
mod views;

pub(crate) use analysis::*;
pub(crate) use investigate::*;
pub(crate) use pprof_spelling::normalize;
pub(crate) use views::*;

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
    /// Audit of a Go repository's source: every rule of the catalog, findings ranked by severity,
    /// or with --profile by the profiles' weight on their lines.
    ///
    /// Example: gosleuth audit ./myservice --profile heap.pb.gz --format md -o audit.md --fail-on high
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

pub(crate) fn parse(args: impl IntoIterator<Item = OsString>) -> Cli {
    Cli::parse_from(normalize(args))
}
