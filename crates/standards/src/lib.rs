//! Stage 5: requirement catalogs and assessment.
//!
//! Catalogs (`catalogs/<standard>.toml`) say, per requirement, how it is decided; [`assess`] turns the
//! image's findings, vulnerabilities and the vendor's evidence file into a verdict per requirement.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod assess;
pub mod catalog;
pub mod class;
pub mod coverage;
pub mod decisions;
pub mod evidence;
pub mod html;
pub mod render;
pub mod securitytxt;
mod tree;

pub use assess::{assess, today_utc, utc_date, AssessmentResult, Counts, Outcome, StandardSummary, Subject};
pub use catalog::{catalog, catalogs, standard_ids, Catalog, Method, Requirement};
pub use class::ClassDecision;
pub use evidence::{template_for as evidence_template_for, EvidenceError, EvidenceFile, TEMPLATE as EVIDENCE_TEMPLATE};
pub use time::Date;

use fwassure_model::{Assessment, Component, Finding, Vfs, Vulnerability};

/// Everything an assessment reads.
#[derive(Debug, Clone, Copy)]
pub struct AssessInput<'a> {
    /// The unpacked image.
    pub vfs: &'a Vfs,
    /// Components.
    pub components: &'a [Component],
    /// Findings.
    pub findings: &'a [Finding],
    /// Vulnerabilities.
    pub vulnerabilities: &'a [Vulnerability],
}

/// The class used when nothing else sets one.
pub const DEFAULT_CLASS: u8 = 1;

/// Assess every standard, without vendor evidence, at the default class (what `scan` reports), as of today.
pub fn assess_default(input: &AssessInput<'_>) -> Vec<Assessment> {
    assess_default_on(input, today_utc())
}

/// [`assess_default`] as of a given date (reproducible scans fix it).
pub fn assess_default_on(input: &AssessInput<'_>, today: Date) -> Vec<Assessment> {
    assess(input, &standard_ids(), None, Some(DEFAULT_CLASS), today).assessments
}
