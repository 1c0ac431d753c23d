//! Errors of this crate: each says in one line what is wrong with the input.

/// What went wrong while reading or rendering a profile.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input is empty.
    #[error("empty input")]
    Empty,
    /// The gzip stream is damaged or cut short.
    #[error("bad gzip data: {0}")]
    Gzip(String),
    /// Decompressed data would exceed the cap.
    #[error(
        "decompressed size exceeds the limit of {limit} bytes (raise it with --max-decompressed)"
    )]
    TooLarge {
        /// The cap in bytes.
        limit: u64,
    },
    /// The profile holds more of something than a [`Limits`](crate::Limits) cap allows.
    #[error("{what} exceeds the limit of {limit} (raise it with --{flag})")]
    Limit {
        /// What was counted, e.g. "the number of samples".
        what: &'static str,
        /// The cap.
        limit: u64,
        /// The command-line flag that raises it.
        flag: &'static str,
    },
    /// Not a profile gosleuth knows.
    #[error("not a pprof profile (neither protobuf nor a Go text profile): {0}")]
    NotAProfile(String),
    /// The protobuf is well formed but its content is inconsistent.
    #[error("malformed profile: {0}")]
    Malformed(String),
    /// A legacy text profile could not be parsed.
    #[error("malformed text profile, line {line}: {message}")]
    Text {
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// Profiles that cannot be merged or an option that does not apply.
    #[error("{0}")]
    Invalid(String),
}

/// Result with this crate's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
