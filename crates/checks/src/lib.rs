//! Stage 3: weakness checks over the virtual filesystem.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

use fwassure_model::{Component, Finding, Problem, Vfs};
use std::collections::BTreeMap;

/// Options for the checks.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// Time budget for password cracking, in milliseconds.
    pub crack_budget_ms: u64,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions { crack_budget_ms: 2000 }
    }
}

/// What the checks produce.
#[derive(Debug, Clone, Default)]
pub struct ChecksOutput {
    /// Findings, sorted.
    pub findings: Vec<Finding>,
    /// Extra report sections (certificate inventory, hardening summary, credential audit …).
    pub extra: BTreeMap<String, serde_json::Value>,
    /// Problems met while checking.
    pub problems: Vec<Problem>,
}

/// Run every registered check over the VFS.
pub fn run_checks(vfs: &Vfs, components: &[Component], opts: &CheckOptions) -> ChecksOutput {
    let _ = (vfs, components, opts);
    ChecksOutput::default()
}
