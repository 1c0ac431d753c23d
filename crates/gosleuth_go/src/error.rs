//! Errors of this crate. Syntax errors in Go files are not errors: they are
//! [`crate::Warning`]s on the file.

use std::path::PathBuf;

/// What can go wrong while indexing or resolving.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A directory or file could not be read.
    #[error("reading {}: {source}", path.display())]
    Io {
        /// What was being read.
        path: PathBuf,
        /// Why it failed.
        #[source]
        source: std::io::Error,
    },
    /// A source root is not a directory.
    #[error("source root {} is not a directory", .0.display())]
    NotADirectory(PathBuf),
}

/// This crate's result type.
pub type Result<T> = std::result::Result<T, Error>;
