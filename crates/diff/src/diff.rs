//! The diff of two reports: [`Diff::generate`].

use std::collections::{BTreeMap, BTreeSet};

use fwassure_model::{Component, Report, Severity, Verdict, VulnStatus, Vulnerability};
use serde::{Deserialize, Serialize};

use crate::files::{self, FileIndex, LayerChange};

/// Schema id of the JSON diff.
pub const DIFF_SCHEMA: &str = "fwassure.diff/v1";

/// One version: its report, and the hashes of its files when the image itself was scanned.
#[derive(Debug, Clone, Copy)]
pub struct Side<'a> {
    /// The version's report.
    pub report: &'a Report,
    /// Its files (`None` when only the JSON report was given).
    pub files: Option<&'a FileIndex>,
}

impl<'a> Side<'a> {
    /// A side known only by its report (no file changes).
    pub fn report(report: &'a Report) -> Self {
        Side { report, files: None }
    }
}

/// Which image a side is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImageSide {
    /// Path as given when it was scanned.
    pub path: String,
    /// Size in bytes.
    pub size: u64,
    /// sha256, lowercase hex.
    pub sha256: String,
    /// Version of fwassure that wrote its report.
    pub tool_version: String,
}

/// Counts of every change, for a summary line and for gates.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// Components only the new version has.
    pub components_added: u64,
    /// Components only the old version has.
    pub components_removed: u64,
    /// Components whose version changed.
    pub components_changed: u64,
    /// Vulnerabilities of the old version the new one no longer has.
    pub vulnerabilities_fixed: u64,
    /// Vulnerabilities only the new version has.
    pub vulnerabilities_introduced: u64,
    /// Vulnerabilities both versions have.
    pub vulnerabilities_still_open: u64,
    /// Findings only the new version has.
    pub findings_new: u64,
    /// Findings of the old version the new one no longer has.
    pub findings_resolved: u64,
    /// Requirements that fail now and did not before.
    pub verdict_regressions: u64,
    /// Requirements that failed before and do not now.
    pub verdict_improvements: u64,
    /// Other verdict changes (requirement added or removed, pass ↔ needs-evidence …).
    pub verdict_other_changes: u64,
    /// Files added, over all layers (0 when the files were not compared).
    pub files_added: u64,
    /// Files removed.
    pub files_removed: u64,
    /// Files whose contents changed.
    pub files_changed: u64,
}

/// A component only one version has.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ComponentChange {
    /// Canonical name.
    pub name: String,
    /// Version.
    pub version: String,
    /// purl, when known.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub purl: Option<String>,
}

/// A component whose version changed.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct VersionChange {
    /// Canonical name.
    pub name: String,
    /// The old version's version.
    pub old: String,
    /// The new version's version.
    pub new: String,
}

/// Component changes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComponentChanges {
    /// Only in the new version.
    pub added: Vec<ComponentChange>,
    /// Only in the old version.
    pub removed: Vec<ComponentChange>,
    /// In both, in another version.
    pub changed: Vec<VersionChange>,
}

/// A vulnerability as the diff lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VulnEntry {
    /// Vulnerability id.
    pub id: String,
    /// The affected component's name.
    pub component: String,
    /// The component's version in the old version (absent when introduced).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub old_version: Option<String>,
    /// The component's version in the new version (absent when fixed).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub new_version: Option<String>,
    /// Severity (the new version's when both have it).
    pub severity: Severity,
    /// CVSS base score.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub score: Option<f64>,
    /// Listed in a known-exploited catalog.
    pub kev: bool,
    /// VEX status (the new version's when both have it).
    pub status: VulnStatus,
}

/// Vulnerability changes. Matches that VEX marks `not_affected` or `fixed` count as absent.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct VulnChanges {
    /// In the old version only.
    pub fixed: Vec<VulnEntry>,
    /// In the new version only.
    pub introduced: Vec<VulnEntry>,
    /// In both.
    pub still_open: Vec<VulnEntry>,
}

/// A finding as the diff lists it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct FindingEntry {
    /// Severity.
    pub severity: Severity,
    /// Rule id.
    pub rule: String,
    /// Path in its layer.
    pub path: String,
    /// Subject (account, key type, service …).
    pub subject: String,
    /// One sentence.
    pub message: String,
}

/// Finding changes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FindingChanges {
    /// In the new version only.
    pub new: Vec<FindingEntry>,
    /// In the old version only.
    pub resolved: Vec<FindingEntry>,
}

/// How a verdict moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum VerdictDirection {
    /// It fails now and did not before.
    Regression,
    /// It failed before and does not now.
    Improvement,
    /// Any other change (assessed in one version only, pass ↔ needs-evidence …).
    Changed,
}

/// One requirement whose verdict changed.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct VerdictChange {
    /// How it moved.
    pub direction: VerdictDirection,
    /// Standard id.
    pub standard: String,
    /// Requirement id.
    pub requirement: String,
    /// Requirement summary.
    pub title: String,
    /// Old verdict (absent when the old report did not assess it).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub old: Option<Verdict>,
    /// New verdict (absent when the new report did not assess it).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub new: Option<Verdict>,
    /// Rule ids of the findings that break it now.
    pub findings: Vec<String>,
}

/// Everything that changed between two versions: the `fwassure.diff/v1` contract.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Diff {
    /// Always [`DIFF_SCHEMA`].
    pub schema: String,
    /// The old version.
    pub old: ImageSide,
    /// The new version.
    pub new: ImageSide,
    /// Counts.
    pub summary: Summary,
    /// Components.
    pub components: ComponentChanges,
    /// Vulnerabilities.
    pub vulnerabilities: VulnChanges,
    /// Findings.
    pub findings: FindingChanges,
    /// Verdict changes: regressions, then improvements, then other changes; by standard and requirement.
    pub verdicts: Vec<VerdictChange>,
    /// Files changed per filesystem layer; absent when a side was a report, not an image.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub files: Option<Vec<LayerChange>>,
    /// What the diff could not compare, and why.
    pub notes: Vec<String>,
}

fn image_side(r: &Report) -> ImageSide {
    ImageSide {
        path: r.image.path.clone(),
        size: r.image.size,
        sha256: r.image.sha256.clone(),
        tool_version: r.tool.version.clone(),
    }
}

impl Diff {
    /// Compare two versions. Pure: the same two sides give the same diff, sorted.
    pub fn generate(old: &Side<'_>, new: &Side<'_>) -> Diff {
        let (o, n) = (old.report, new.report);
        let mut notes = Vec::new();
        if o.tool.version != n.tool.version {
            notes.push(format!(
                "the reports were written by different fwassure versions ({} and {}): a change may come from the tool, not the firmware",
                o.tool.version, n.tool.version
            ));
        }
        if o.image.sha256 == n.image.sha256 {
            notes.push("both sides are the same image (same sha256)".to_string());
        }
        for (label, r) in [("old", o), ("new", n)] {
            for h in r.headline_problems() {
                notes.push(format!("{label} version: {h}"));
            }
        }
        let files = match (old.files, new.files) {
            (Some(a), Some(b)) => Some(files::compare(a, b)),
            _ => {
                notes.push("files were not compared: give both images (not reports) to compare their files".into());
                None
            }
        };
        let components = components(&o.components, &n.components);
        let vulnerabilities = vulnerabilities(&o.vulnerabilities, &n.vulnerabilities);
        let findings = findings(o, n);
        let verdicts = verdicts(o, n);
        let mut summary = Summary {
            components_added: components.added.len() as u64,
            components_removed: components.removed.len() as u64,
            components_changed: components.changed.len() as u64,
            vulnerabilities_fixed: vulnerabilities.fixed.len() as u64,
            vulnerabilities_introduced: vulnerabilities.introduced.len() as u64,
            vulnerabilities_still_open: vulnerabilities.still_open.len() as u64,
            findings_new: findings.new.len() as u64,
            findings_resolved: findings.resolved.len() as u64,
            ..Default::default()
        };
        for v in &verdicts {
            match v.direction {
                VerdictDirection::Regression => summary.verdict_regressions += 1,
                VerdictDirection::Improvement => summary.verdict_improvements += 1,
                VerdictDirection::Changed => summary.verdict_other_changes += 1,
            }
        }
        for c in files.iter().flatten() {
            summary.files_added += c.added.len() as u64;
            summary.files_removed += c.removed.len() as u64;
            summary.files_changed += c.changed.len() as u64;
        }
        Diff {
            schema: DIFF_SCHEMA.to_string(),
            old: image_side(o),
            new: image_side(n),
            summary,
            components,
            vulnerabilities,
            findings,
            verdicts,
            files,
            notes,
        }
    }
}

fn components(old: &[Component], new: &[Component]) -> ComponentChanges {
    // name → version → purl
    fn index(cs: &[Component]) -> BTreeMap<&str, BTreeMap<&str, Option<&String>>> {
        let mut m: BTreeMap<&str, BTreeMap<&str, Option<&String>>> = BTreeMap::new();
        for c in cs {
            m.entry(c.name.as_str()).or_default().entry(c.version.as_str()).or_insert(c.purl.as_ref());
        }
        m
    }
    let (a, b) = (index(old), index(new));
    let names: BTreeSet<&str> = a.keys().chain(b.keys()).copied().collect();
    let mut out = ComponentChanges::default();
    let entry = |name: &str, v: &str, purl: Option<&String>| ComponentChange {
        name: name.to_string(),
        version: v.to_string(),
        purl: purl.cloned(),
    };
    for name in names {
        let empty = BTreeMap::new();
        let (va, vb) = (a.get(name).unwrap_or(&empty), b.get(name).unwrap_or(&empty));
        let gone: Vec<(&&str, &Option<&String>)> = va.iter().filter(|(v, _)| !vb.contains_key(*v)).collect();
        let came: Vec<(&&str, &Option<&String>)> = vb.iter().filter(|(v, _)| !va.contains_key(*v)).collect();
        if gone.len() == 1 && came.len() == 1 {
            // one version replaced by another: an upgrade (or downgrade)
            out.changed.push(VersionChange {
                name: name.to_string(),
                old: gone[0].0.to_string(),
                new: came[0].0.to_string(),
            });
            continue;
        }
        out.removed.extend(gone.into_iter().map(|(v, p)| entry(name, v, *p)));
        out.added.extend(came.into_iter().map(|(v, p)| entry(name, v, *p)));
    }
    out
}

fn open(v: &Vulnerability) -> bool {
    !matches!(v.status, VulnStatus::NotAffected | VulnStatus::Fixed)
}

fn vulnerabilities(old: &[Vulnerability], new: &[Vulnerability]) -> VulnChanges {
    fn index(vs: &[Vulnerability]) -> BTreeMap<(&str, &str), &Vulnerability> {
        // one entry per id and component name; of two versions of a component, the first (sorted) stands
        let mut m = BTreeMap::new();
        for v in vs.iter().filter(|v| open(v)) {
            m.entry((v.id.as_str(), v.component.name.as_str())).or_insert(v);
        }
        m
    }
    let (a, b) = (index(old), index(new));
    let keys: BTreeSet<(&str, &str)> = a.keys().chain(b.keys()).copied().collect();
    let mut out = VulnChanges::default();
    for k in keys {
        let (x, y) = (a.get(&k).copied(), b.get(&k).copied());
        let Some(base) = y.or(x) else { continue };
        let e = VulnEntry {
            id: base.id.clone(),
            component: base.component.name.clone(),
            old_version: x.map(|v| v.component.version.clone()),
            new_version: y.map(|v| v.component.version.clone()),
            severity: base.severity,
            score: base.score,
            kev: base.kev,
            status: base.status,
        };
        match (x, y) {
            (Some(_), Some(_)) => out.still_open.push(e),
            (Some(_), None) => out.fixed.push(e),
            (None, Some(_)) => out.introduced.push(e),
            (None, None) => {}
        }
    }
    // most severe first, then by id
    for l in [&mut out.fixed, &mut out.introduced, &mut out.still_open] {
        l.sort_by(|p, q| {
            q.severity.cmp(&p.severity).then_with(|| p.id.cmp(&q.id)).then_with(|| p.component.cmp(&q.component))
        });
    }
    out
}

fn findings(old: &Report, new: &Report) -> FindingChanges {
    fn index(r: &Report) -> BTreeMap<String, FindingEntry> {
        r.findings
            .iter()
            .map(|f| {
                (
                    fwassure_gate::finding_key(f),
                    FindingEntry {
                        severity: f.severity,
                        rule: f.rule.clone(),
                        path: f.path.clone(),
                        subject: f.subject.clone(),
                        message: f.message.clone(),
                    },
                )
            })
            .collect()
    }
    let (a, b) = (index(old), index(new));
    let mut out = FindingChanges {
        new: b.iter().filter(|(k, _)| !a.contains_key(*k)).map(|(_, f)| f.clone()).collect(),
        resolved: a.iter().filter(|(k, _)| !b.contains_key(*k)).map(|(_, f)| f.clone()).collect(),
    };
    for l in [&mut out.new, &mut out.resolved] {
        l.sort_by(|p, q| {
            q.severity
                .cmp(&p.severity)
                .then_with(|| (&p.rule, &p.path, &p.subject).cmp(&(&q.rule, &q.path, &q.subject)))
        });
    }
    out
}

fn verdicts(old: &Report, new: &Report) -> Vec<VerdictChange> {
    let index = |r: &Report| -> BTreeMap<(String, String), (Verdict, String, Vec<String>)> {
        r.assessments
            .iter()
            .map(|a| ((a.standard.clone(), a.requirement.clone()), (a.verdict, a.title.clone(), a.findings.clone())))
            .collect()
    };
    let (a, b) = (index(old), index(new));
    let keys: BTreeSet<&(String, String)> = a.keys().chain(b.keys()).collect();
    let mut out = Vec::new();
    for k in keys {
        let (x, y) = (a.get(k), b.get(k));
        let (ov, nv) = (x.map(|t| t.0), y.map(|t| t.0));
        if ov == nv {
            continue;
        }
        let direction = match (ov, nv) {
            (_, Some(Verdict::Fail)) if ov.is_some() => VerdictDirection::Regression,
            (Some(Verdict::Fail), Some(_)) => VerdictDirection::Improvement,
            _ => VerdictDirection::Changed,
        };
        let title = y.or(x).map(|t| t.1.clone()).unwrap_or_default();
        out.push(VerdictChange {
            direction,
            standard: k.0.clone(),
            requirement: k.1.clone(),
            title,
            old: ov,
            new: nv,
            findings: y.map(|t| t.2.clone()).unwrap_or_default(),
        });
    }
    out.sort();
    out
}
