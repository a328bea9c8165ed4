//! Stage 4: vulnerability matching.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

use fwassure_model::{Component, Vulnerability};

/// Match components against the bundled starter database.
pub fn match_bundled(components: &[Component]) -> Vec<Vulnerability> {
    let _ = components;
    Vec::new()
}
