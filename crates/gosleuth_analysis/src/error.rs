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
    /// A profile given as a goroutine dump is of another kind.
    #[error("not a goroutine profile (sample types: {0})")]
    NotGoroutines(String),
    /// An input or option the analysis cannot use (a capture, a what-if, a pattern).
    #[error("{0}")]
    Invalid(String),
    /// An earlier report (`diff --report`) could not be read.
    #[error("{0}")]
    Report(String),
    /// The HTML page could not be rendered (its template or the flame graph).
    #[error("HTML report: {0}")]
    Render(String),
}

/// Result with this crate's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
