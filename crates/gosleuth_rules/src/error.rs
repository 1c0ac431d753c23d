//! Errors of the rule engine. Findings are never errors.

use std::path::PathBuf;

/// What can go wrong while auditing a directory.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The directory to audit could not be read.
    #[error("{}", path.display())]
    Io {
        /// The path.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The path to audit is not a directory.
    #[error("{}: not a directory", .0.display())]
    NotADirectory(PathBuf),
    /// No rule has this id or slug.
    #[error("no rule {0:?} (see `gosleuth rules`)")]
    UnknownRule(String),
}

/// Result with [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
