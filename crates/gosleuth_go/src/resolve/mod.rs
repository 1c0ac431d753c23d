//! Resolution of profile frames to files under source roots and to indexed
//! functions.

mod files;
mod generated;
pub(crate) mod paths;
mod resolver;

use std::path::PathBuf;

pub use resolver::Resolver;

use crate::funcname::NameMatch;
use crate::package::FuncRef;

/// One frame of a profile location: what pprof records per line.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Frame {
    /// Function name as in the profile (`import/path.Symbol`).
    pub function: String,
    /// File name as in the profile (a build path).
    pub file: String,
    /// Line number (≤ 0 when unknown).
    pub line: i64,
    /// The function's start line (≤ 0 when unknown, as in Go < 1.20 profiles).
    pub start_line: i64,
}

/// Where to look for source files.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SourceRoots {
    /// The service's source roots (`--src`, repeatable), in order of preference.
    pub src: Vec<PathBuf>,
    /// A Go root for the standard library (`--goroot`); its `src` directory
    /// is used when it has one.
    pub goroot: Option<PathBuf>,
}

/// How well a frame was resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ResolveStatus {
    /// File found; the function named in the frame is indexed in it and
    /// contains the line (and starts at the frame's start line when given).
    Confirmed,
    /// File found; the line is in package-level var initialization (the
    /// frame's function is the package's `init`).
    PackageInit,
    /// File found; the function containing the line was found by position
    /// only (its name differs, e.g. a closure renamed by inlining).
    ByLine,
    /// File found, but no indexed function contains the line.
    FileOnly,
    /// No file matched; the function was found by name in a package whose
    /// directory matches the import path.
    NameOnly,
    /// Several files match equally and none confirms the frame.
    Ambiguous,
    /// No file and no function found.
    Unresolved,
}

/// The outcome for one frame. Paths and references point into
/// [`Resolver::index`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolution {
    /// How well it resolved.
    pub status: ResolveStatus,
    /// The file on disk.
    pub path: Option<PathBuf>,
    /// Index of the source root the file is under (`src` roots first, then
    /// the Go root).
    pub root: Option<usize>,
    /// The package directory (key of [`crate::Index::package`]).
    pub package_dir: Option<PathBuf>,
    /// The function, when found.
    pub function: Option<FuncRef>,
    /// How the frame's name relates to the function found by name.
    pub name_match: Option<NameMatch>,
    /// Index of the package-level var spec, for [`ResolveStatus::PackageInit`].
    pub package_var: Option<usize>,
}

impl Resolution {
    fn unresolved(status: ResolveStatus) -> Resolution {
        Resolution {
            status,
            path: None,
            root: None,
            package_dir: None,
            function: None,
            name_match: None,
            package_var: None,
        }
    }
}
