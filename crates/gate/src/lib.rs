//! The CI gate: decides whether a report fails a build.
//!
//! A release pipeline asks three things of a scanner: fail on what is at least this severe
//! ([`Gate::fail_on`]), but only on what is new since the last accepted release ([`Baseline`]), and not on
//! what a reviewer has triaged, with a reason and an expiry date ([`IgnoreFile`]). [`Gate::judge`] answers
//! with an [`Outcome`]: the items that fail, and how many were let through by each of the other two.
//!
//! Items are findings (by rule, path and subject — not by layer id, which changes between images) and
//! vulnerabilities (by id and component name). A vulnerability that VEX marks `not_affected` or `fixed`
//! never fails.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod baseline;
pub mod gate;
pub mod ignore;
pub mod item;

pub use baseline::Baseline;
pub use gate::{Gate, Outcome};
pub use ignore::{IgnoreEntry, IgnoreError, IgnoreFile};
pub use item::{finding_key, items, Item, ItemKind};
