//! Requirement verdicts.

use serde::{Deserialize, Serialize};

/// Verdict for one requirement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// The automatic checks ran clean and no vendor evidence is needed (or it was supplied).
    Pass,
    /// Findings break the requirement.
    Fail,
    /// The firmware cannot show it: the vendor must supply evidence.
    NeedsEvidence,
    /// The vendor justified that it does not apply.
    NotApplicable,
}

/// The verdict for one requirement of one standard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    /// Standard id (`etsi-en-303-645`).
    pub standard: String,
    /// Requirement id (`5.1-1`).
    pub requirement: String,
    /// One-line summary in our words.
    pub title: String,
    /// Verdict.
    pub verdict: Verdict,
    /// Why: which checks ran over what, or what evidence is needed.
    pub reasons: Vec<String>,
    /// Rule ids of the findings that break it.
    pub findings: Vec<String>,
    /// Vendor evidence used.
    pub evidence: Vec<String>,
    /// For a requirement decided by a decision tree: the path taken, one entry per node (`N1 question? yes
    /// (image: …)`), ending with the outcome. Empty for requirements without a tree.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub path: Vec<String>,
}
