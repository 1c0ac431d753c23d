//! Arguments of analyze, bench and resolve, and the source roots they share.

use clap::Args;

use super::*;

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

impl SourceArgs {
    /// The roots as the source index takes them.
    pub(crate) fn roots(&self) -> gosleuth_go::SourceRoots {
        roots(&self.src, self.goroot.as_ref())
    }
}

/// Source roots where a report can do without them (it then leaves out
/// source lines and rules).
#[derive(Debug, Args)]
pub(crate) struct OptionalSourceArgs {
    /// The service's source root (repeatable): a repository, a module cache or a GOPATH `src`.
    #[arg(long = "src", value_name = "DIR")]
    pub(crate) src: Vec<std::path::PathBuf>,
    /// The Go root (or its `src`) that built the profiled binary, for standard-library frames.
    #[arg(long, value_name = "DIR")]
    pub(crate) goroot: Option<std::path::PathBuf>,
}

impl OptionalSourceArgs {
    /// The roots as the source index takes them.
    pub(crate) fn roots(&self) -> gosleuth_go::SourceRoots {
        roots(&self.src, self.goroot.as_ref())
    }
}

fn roots(
    src: &[std::path::PathBuf],
    goroot: Option<&std::path::PathBuf>,
) -> gosleuth_go::SourceRoots {
    gosleuth_go::SourceRoots {
        src: src.to_vec(),
        goroot: goroot.cloned(),
    }
}

/// `analyze`'s arguments.
#[derive(Debug, Args)]
pub(crate) struct AnalyzeArgs {
    #[command(flatten)]
    pub(crate) input: InputArgs,
    #[command(flatten)]
    pub(crate) source: OptionalSourceArgs,
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
    /// One self-contained page (no network requests) with sortable tables; `diff` adds a
    /// differential flame graph.
    Html,
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
