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
    /// A VEX document that is not valid OpenVEX or CycloneDX VEX: where (line and column when the JSON
    /// itself is broken) and why.
    #[error("{}", invalid_vex(.path, .line, .column, .message))]
    InvalidVex {
        /// The file, when read from one.
        path: Option<PathBuf>,
        /// Line (1-based) of a JSON syntax error.
        line: Option<usize>,
        /// Column (1-based) of a JSON syntax error.
        column: Option<usize>,
        /// The cause.
        message: String,
    },
    /// A download failed.
    #[error("download {url}: {message}")]
    Http {
        /// The URL.
        url: String,
        /// What went wrong.
        message: String,
    },
}

fn invalid_vex(path: &Option<PathBuf>, line: &Option<usize>, column: &Option<usize>, message: &str) -> String {
    let mut s = String::new();
    if let Some(p) = path {
        s.push_str(&format!("{}: ", p.display()));
    }
    if let (Some(l), Some(c)) = (line, column) {
        s.push_str(&format!("line {l}, column {c}: "));
    }
    s.push_str("invalid VEX document: ");
    s.push_str(message);
    s
}

impl Error {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io { path: path.into(), source }
    }
    pub(crate) fn json(what: impl Into<String>, source: serde_json::Error) -> Error {
        Error::Json { what: what.into(), source }
    }
}
