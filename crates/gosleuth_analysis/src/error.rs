//! Errors of the analyses.

/// What stopped an analysis.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The profiles cannot be analysed together or lack the sample type.
    #[error(transparent)]
    Profile(#[from] gosleuth_pprof::Error),
    /// A source root could not be read.
    #[error("source: {0}")]
    Source(#[from] gosleuth_go::Error),
    /// A node lacks the analysed sample type.
    #[error("{node}: {message}")]
    Node {
        /// The node.
        node: String,
        /// What is wrong.
        message: String,
    },
    /// An earlier report (`diff --report`) could not be read.
    #[error("{0}")]
    Report(String),
}

/// Result with this crate's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
