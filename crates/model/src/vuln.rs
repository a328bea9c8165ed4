//! Vulnerabilities matched to components.

use serde::{Deserialize, Serialize};

use crate::finding::Severity;

/// Status of a match after VEX.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VulnStatus {
    /// Affected (default).
    Affected,
    /// Not affected, with a justification.
    NotAffected,
    /// Fixed.
    Fixed,
    /// Under investigation.
    UnderInvestigation,
}

/// How a vulnerability was matched.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct VulnMatch {
    /// `cpe` or `purl`.
    pub method: String,
    /// The matched identifier (cpe vendor:product, or purl type/name).
    pub on: String,
    /// The affected range as text (`>=1.1.1 <1.1.1t`).
    pub range: String,
    /// Notes (e.g. a distro backport may fix it).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub notes: Vec<String>,
}

/// A component name and version.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ComponentRef {
    /// Canonical name.
    pub name: String,
    /// Version.
    pub version: String,
}

/// A known vulnerability that applies to a component.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Vulnerability {
    /// Primary id (CVE-…, GHSA-…, OSV id).
    pub id: String,
    /// Other ids.
    pub aliases: Vec<String>,
    /// The affected component.
    pub component: ComponentRef,
    /// Severity.
    pub severity: Severity,
    /// CVSS base score.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub score: Option<f64>,
    /// CVSS vector.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub vector: Option<String>,
    /// Versions that fix it.
    pub fixed_in: Vec<String>,
    /// Status after VEX.
    pub status: VulnStatus,
    /// VEX justification or impact statement.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub justification: Option<String>,
    /// Whether a VEX statement decided [`Self::status`]. An unreviewed match keeps the matcher's `affected`
    /// (the gate fails on it) and is written `in_triage` in VEX outputs: nobody has said it is exploitable.
    #[serde(skip_serializing_if = "std::ops::Not::not", default)]
    pub reviewed: bool,
    /// How it matched.
    #[serde(rename = "match")]
    pub matched: VulnMatch,
    /// Listed in a known-exploited catalog.
    pub kev: bool,
    /// CWE ids.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub cwe: Vec<String>,
    /// Reference URLs.
    pub references: Vec<String>,
    /// Publication date (YYYY-MM-DD).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub published: Option<String>,
}
