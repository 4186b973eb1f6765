//! The library's error type: every variant carries what a user needs to act
//! (the path, the line or record, the field).

use std::path::PathBuf;

/// Errors of the eventmap library.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A gazetteer file has a bad row.
    #[error("{}: line {line}: {reason}", path.display())]
    GazetteerRow {
        /// The gazetteer file.
        path: PathBuf,
        /// 1-based line number.
        line: u64,
        /// What is wrong.
        reason: String,
    },
    /// An input has a format eventmap does not read.
    #[error("{}: unsupported format {ext:?} (supported: {supported})", path.display())]
    UnsupportedFormat {
        /// The input.
        path: PathBuf,
        /// Its extension.
        ext: String,
        /// The supported formats, comma-separated.
        supported: &'static str,
    },
    /// An input could not be decoded as an article.
    #[error("{source_name}: {reason}")]
    BadInput {
        /// The input (path, path#line or `-`).
        source_name: String,
        /// What is wrong.
        reason: String,
    },
    /// A date given by the user or the input is not a date.
    #[error("{value:?} is not a date (expected YYYY-MM-DD)")]
    BadDate {
        /// The value.
        value: String,
    },
}

impl Error {
    /// An I/O error on `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

/// Result with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
