//! Errors of the vulnerability stage.

use std::path::PathBuf;

/// An error of the store, import, update or VEX code.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A document is not valid JSON of the expected shape.
    #[error("{what}: {source}")]
    Json {
        /// What was parsed.
        what: String,
        /// The cause.
        source: serde_json::Error,
    },
    /// A document or archive has an unsupported or broken format.
    #[error("{0}")]
    Format(String),
    /// A download failed.
    #[error("download {url}: {message}")]
    Http {
        /// The URL.
        url: String,
        /// What went wrong.
        message: String,
    },
}

impl Error {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io { path: path.into(), source }
    }
    pub(crate) fn json(what: impl Into<String>, source: serde_json::Error) -> Error {
        Error::Json { what: what.into(), source }
    }
}
