//! The core model of fwassure.
//!
//! Data flows one way through the stages, and every stage reads the types defined here:
//!
//! ```text
//! unpack (Vfs) -> catalog (Component) -> checks (Finding) -> vulns (Vulnerability)
//!        -> standards (Assessment) -> report (Report)
//! ```
//!
//! This crate has no logic beyond small helpers on the types and on file contents ([`content`]): parsing
//! lives in the stage crates.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod assessment;
pub mod component;
pub mod content;
pub mod escape;
pub mod filedata;
pub mod finding;
pub mod problem;
pub mod report;
pub mod unclaimed;
pub mod vfs;
pub mod vuln;

pub use assessment::{Assessment, Verdict};
pub use component::{Component, ComponentSource, Confidence, Evidence, FileKind};
pub use filedata::{FileData, FileSource, ReadError};
pub use finding::{Finding, FindingKind, Severity};
pub use problem::Problem;
pub use report::{ImageInfo, LayerSummary, Report, Stats, ToolInfo, REPORT_SCHEMA};
pub use unclaimed::{ByteClass, Unclaimed};
pub use vfs::{FileAt, FileEntry, FileRef, Layer, Node, NodeKind, Scanned, Tree, Vfs};
pub use vuln::{VulnMatch, VulnStatus, Vulnerability};
