//! The decision per component and per known vulnerability that EN 18031 GEC-1 asks a manufacturer to document
//! (is it exploitable in this equipment, does it affect its assets), taken from the vulnerability matches and
//! the VEX statements applied to them. A match without a VEX statement has no decision yet and counts as
//! exploitable.

use fwassure_model::{Severity, VulnStatus, Vulnerability};
use serde::Serialize;

/// One component-vulnerability decision.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct VulnDecision {
    /// Component name.
    pub component: String,
    /// Component version.
    pub version: String,
    /// Vulnerability id.
    pub id: String,
    /// Severity.
    pub severity: Severity,
    /// Listed as known exploited.
    pub kev: bool,
    /// The decision in short: `exploitable`, `in-triage`, `not-exploitable`, `fixed`.
    pub decision: String,
    /// Why: the VEX justification, or what is missing.
    pub reason: String,
}

/// The decisions for every vulnerability match, sorted by component, version and id.
pub fn decisions(vulns: &[Vulnerability]) -> Vec<VulnDecision> {
    let mut out: Vec<VulnDecision> = vulns
        .iter()
        .map(|v| {
            let (decision, reason) = match v.status {
                VulnStatus::Affected if v.reviewed => {
                    ("exploitable", "reviewed: affects the equipment; fix or mitigate".to_string())
                }
                VulnStatus::Affected => {
                    ("in-triage", "no VEX statement yet: counts as exploitable until one says why not".to_string())
                }
                VulnStatus::UnderInvestigation => {
                    ("in-triage", "under investigation: counts as exploitable until decided".to_string())
                }
                VulnStatus::NotAffected => (
                    "not-exploitable",
                    v.justification.clone().unwrap_or_else(|| "not affected (no justification given)".into()),
                ),
                VulnStatus::Fixed => ("fixed", v.justification.clone().unwrap_or_else(|| "fixed".into())),
            };
            VulnDecision {
                component: v.component.name.clone(),
                version: v.component.version.clone(),
                id: v.id.clone(),
                severity: v.severity,
                kev: v.kev,
                decision: decision.into(),
                reason,
            }
        })
        .collect();
    out.sort();
    out.dedup();
    out
}
