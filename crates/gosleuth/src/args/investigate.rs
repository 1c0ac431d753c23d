//! Arguments of the investigation commands: audit, rules, diff, goroutines,
//! connmem, slow, completions.

use clap::Args;

use super::*;

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
    /// Profiles of the service built from DIR (files, directories or URLs; repeatable):
    /// findings are weighed by the samples through their lines and ranked by weight.
    #[arg(long = "profile", value_name = "PROFILE")]
    pub(crate) profiles: Vec<String>,
    /// Sample type to weigh by (default: alloc_space when present, else the profile's default).
    #[arg(long, value_name = "TYPE", requires = "profiles")]
    pub(crate) sample_index: Option<String>,
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
    #[command(flatten)]
    pub(crate) source: OptionalSourceArgs,
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
    #[command(flatten)]
    pub(crate) source: OptionalSourceArgs,
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
    /// One self-contained page: findings sortable by severity, rule and file, with their code.
    Html,
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
