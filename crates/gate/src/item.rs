//! What the gate judges: one [`Item`] per finding and per vulnerability of a report, with an identity that
//! survives a rebuild of the image.

use fwassure_model::{Finding, Report, Severity, VulnStatus};

/// Finding or vulnerability.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ItemKind {
    /// A weakness found by a check.
    Finding,
    /// A known vulnerability of a component.
    Vulnerability,
}

/// One gated item of a report.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Item {
    /// Finding or vulnerability.
    pub kind: ItemKind,
    /// Stable identity: `finding|RULE|PATH|SUBJECT` or `vuln|ID|COMPONENT`.
    pub key: String,
    /// Rule id (findings) or vulnerability id.
    pub rule: String,
    /// File path (findings) or the component's name (vulnerabilities).
    pub path: String,
    /// Component name (vulnerabilities; empty for findings).
    pub component: String,
    /// Severity.
    pub severity: Severity,
    /// One line for people.
    pub title: String,
}

/// The identity of a finding across rebuilds and versions: `finding|RULE|PATH|SUBJECT` (no layer id, no line:
/// both move when unrelated content changes).
pub fn finding_key(f: &Finding) -> String {
    format!("finding|{}|{}|{}", f.rule, f.path, f.subject)
}

/// The gated items of a report, sorted: every finding, and every vulnerability that VEX has not marked
/// `not_affected` or `fixed`.
pub fn items(report: &Report) -> Vec<Item> {
    let mut out: Vec<Item> = report
        .findings
        .iter()
        .map(|f| Item {
            kind: ItemKind::Finding,
            key: finding_key(f),
            rule: f.rule.clone(),
            path: f.path.clone(),
            component: String::new(),
            severity: f.severity,
            title: f.message.clone(),
        })
        .chain(
            report
                .vulnerabilities
                .iter()
                .filter(|v| !matches!(v.status, VulnStatus::NotAffected | VulnStatus::Fixed))
                .map(|v| Item {
                    kind: ItemKind::Vulnerability,
                    key: format!("vuln|{}|{}", v.id, v.component.name),
                    rule: v.id.clone(),
                    path: v.component.name.clone(),
                    component: v.component.name.clone(),
                    severity: v.severity,
                    title: format!("{} {} is affected by {}", v.component.name, v.component.version, v.id),
                }),
        )
        .collect();
    out.sort();
    out.dedup_by(|a, b| a.key == b.key);
    out
}
