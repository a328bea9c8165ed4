//! fwassure over fleets of firmware images.
//!
//! Researchers and product-security teams scan every release of every product and images collected from
//! the field; their questions are about the fleet. This crate:
//!
//! - finds the images under folders and in lists ([`collect`]), and in S3-compatible object stores
//!   ([`collect_sources`], [`objects`]);
//! - scans them into the results store ([`run`], [`scan_into`]) on all cores, resumable by image hash, with
//!   each failure recorded and the run going on;
//! - builds the fleet report from the store ([`FleetReport::generate`]): secrets shared across images,
//!   components and vulnerabilities by prevalence, the worst images, the verdict matrix per standard, and
//!   renders it (JSON, CSV, HTML, text);
//! - follows a product's releases ([`releases`]).
//!
//! ```no_run
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! use fwassure_fleet::{collect, run, FleetOptions};
//! let store = fwassure_store::Store::open("fleet.db").await?;
//! let targets = collect(&["firmware/".into()])?;
//! let handle = tokio::runtime::Handle::current();
//! let summary = tokio::task::block_in_place(|| run(&store, &handle, &targets, &FleetOptions::default(), &|_| {}));
//! println!("{} scanned, {} failed", summary.scanned, summary.failed.len());
//! # Ok(()) }
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod objects;
mod releases;
pub mod render;
mod report;
mod scan;
mod target;

pub use objects::ObjectOptions;
pub use releases::{natural_cmp, products, releases, ProductHistory, ReleaseStep};
pub use report::{FleetFailure, FleetReport, FleetReportOptions, FleetSummary, StandardMatrix, FLEET_SCHEMA};
pub use scan::{
    identify, record, run, scan_image_bytes, scan_into, scan_target, FailureKind, FleetOptions, Outcome, RunSummary,
};
pub use target::{collect, collect_sources, Target};
