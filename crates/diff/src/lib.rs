//! What changed between two versions of a firmware: the `fwassure.diff/v1` contract.
//!
//! [`Diff::generate`] is a pure function of two reports (and, when the images were scanned, the hashes of their
//! files, [`FileIndex`]): components added, removed and changed in version; vulnerabilities fixed, introduced and
//! still open; findings new and resolved; requirement verdicts that changed, regressions first; files added,
//! removed and changed per filesystem layer. The renderers ([`render`]) only render it: text, Markdown, HTML,
//! and JSON (the contract, written down in `schemas/diff.v1.json`).
//!
//! Identities survive a rebuild: a component is its name (several versions of one name are compared as sets),
//! a vulnerability is its id and the component's name (so an upgrade that does not fix it keeps it "still
//! open"), a finding is its rule, path and subject (the gate's baseline identity, [`fwassure_gate::items`]), a
//! verdict is its standard and requirement. Layers have no identity across versions (a vendor header may wrap the
//! new root filesystem but not the old): filesystem layers are paired by the share of paths they have in
//! common.
//!
//! ```
//! use fwassure_diff::{Diff, Side};
//! let old: fwassure_model::Report = serde_json::from_str(include_str!("../tests/data/old.json")).unwrap();
//! let new: fwassure_model::Report = serde_json::from_str(include_str!("../tests/data/new.json")).unwrap();
//! let d = Diff::generate(&Side::report(&old), &Side::report(&new));
//! assert_eq!(d.components.changed[0].name, "busybox");
//! assert!(d.summary.verdict_regressions > 0);
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod diff;
mod files;
mod gate;
pub mod render;

pub use diff::{
    ComponentChange, ComponentChanges, Diff, FindingChanges, FindingEntry, ImageSide, Side, Summary, VerdictChange,
    VerdictDirection, VersionChange, VulnChanges, VulnEntry, DIFF_SCHEMA,
};
pub use files::{FileIndex, IndexedLayer, LayerChange, LayerRef};
pub use gate::{FailOn, ParseFailOnError};
