//! Stage 6: renderers. They only render a [`fwassure_model::Report`]: the report (json, text, sarif, html) and
//! the SBOMs (CycloneDX 1.6 and SPDX 2.3 JSON). Every output is a function of the report alone (and, for SBOMs,
//! an optional creation time the caller derives from its input), so the same report gives the same bytes.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod cyclonedx;
pub use fwassure_model::escape;
pub mod html;
pub mod ids;
pub mod json;
pub mod license;
pub mod sarif;
pub mod spdx;
pub mod svg;
pub mod text;
pub mod time;
pub mod uuid;
pub mod vex;

pub use time::SbomOptions;
pub use vex::VexOptions;
