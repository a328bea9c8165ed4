//! Problems: what could not be read or checked. Incomplete evidence is recorded, never silently dropped.

use serde::{Deserialize, Serialize};

/// How the problem starts when no layer holds a Unix root filesystem.
pub const NO_ROOT_FILESYSTEM: &str = "no root filesystem found";
/// How the problem starts when nothing in the image was recognised.
pub const NO_SUPPORTED_FORMAT: &str = "no supported format found";
/// How the problem starts for a large unclaimed region of compressed or encrypted bytes.
pub const UNKNOWN_HIGH_ENTROPY: &str = "unknown high-entropy region";

impl Problem {
    /// Whether this problem is one a reader must see first ([`crate::Report::headline_problems`]): no root
    /// filesystem, nothing recognised, or a large unclaimed high-entropy region.
    pub fn is_headline(&self) -> bool {
        [NO_ROOT_FILESYSTEM, NO_SUPPORTED_FORMAT, UNKNOWN_HIGH_ENTROPY].iter().any(|h| self.message.starts_with(h))
    }
}

/// Something that went wrong while reading a layer or running a stage; results stay partial, not absent.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Problem {
    /// Layer id (`L0`, `L1` …) the problem belongs to, if any.
    pub layer: Option<String>,
    /// Path inside the layer, if the problem is about one entry.
    pub path: Option<String>,
    /// Human-readable description.
    pub message: String,
}

impl Problem {
    /// A problem about a whole layer.
    pub fn layer(layer: impl Into<String>, message: impl Into<String>) -> Self {
        Problem { layer: Some(layer.into()), path: None, message: message.into() }
    }
    /// A problem about one path in a layer.
    pub fn at(layer: impl Into<String>, path: impl Into<String>, message: impl Into<String>) -> Self {
        Problem { layer: Some(layer.into()), path: Some(path.into()), message: message.into() }
    }
    /// A problem with no layer (e.g. a stage-wide failure).
    pub fn global(message: impl Into<String>) -> Self {
        Problem { layer: None, path: None, message: message.into() }
    }
}
