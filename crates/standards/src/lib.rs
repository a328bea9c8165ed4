//! Stage 5: requirement catalogs and assessment.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

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

/// Assess the default standards.
pub fn assess_default(input: &AssessInput<'_>) -> Vec<Assessment> {
    let _ = input;
    Vec::new()
}
