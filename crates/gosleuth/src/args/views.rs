//! Arguments of the pprof-compatible views and of every command's inputs.

use clap::Args;

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
