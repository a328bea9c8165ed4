//! Requirement catalogs: one TOML data file per standard under `catalogs/`, embedded at build time.
//!
//! Each requirement records how it is decided: by firmware checks (`automatic`), by vendor evidence
//! (`evidence`), or by both. The finding kinds, check rule ids and vulnerability conditions that break a
//! requirement, and the evidence-file keys that satisfy it, are data, not code.

use std::sync::OnceLock;

use fwassure_model::{FindingKind, Severity};
use serde::{Deserialize, Serialize};

/// Embedded catalog sources: `(standard id, TOML text)`. One line per standard.
pub const SOURCES: &[(&str, &str)] = &[
    ("iotsf-af", include_str!("../catalogs/iotsf-af.toml")),
    ("etsi-en-303-645", include_str!("../catalogs/etsi-en-303-645.toml")),
    ("uk-psti", include_str!("../catalogs/uk-psti.toml")),
    ("eu-cra", include_str!("../catalogs/eu-cra.toml")),
    ("nistir-8259a", include_str!("../catalogs/nistir-8259a.toml")),
    ("ca-sb-327", include_str!("../catalogs/ca-sb-327.toml")),
    ("en-18031-1", include_str!("../catalogs/en-18031.toml")),
    ("en-18031-2", include_str!("../catalogs/en-18031.toml")),
    ("en-18031-3", include_str!("../catalogs/en-18031.toml")),
];

/// A catalog that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("catalog {id}: {message}")]
pub struct CatalogError {
    /// Standard id.
    pub id: String,
    /// What is wrong.
    pub message: String,
}

/// How a requirement is decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Method {
    /// Firmware checks alone decide it.
    Automatic,
    /// Only the vendor can show it.
    Evidence,
    /// Firmware checks can break it; passing also needs vendor evidence.
    Both,
}

impl Method {
    /// Kebab-case name.
    pub fn as_str(&self) -> &'static str {
        match self {
            Method::Automatic => "automatic",
            Method::Evidence => "evidence",
            Method::Both => "both",
        }
    }
}

/// Obligation level of a requirement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    /// Must be met.
    Mandatory,
    /// Should be met.
    Recommended,
    /// Advice only.
    Advisory,
}

impl Level {
    /// Kebab-case name.
    pub fn as_str(&self) -> &'static str {
        match self {
            Level::Mandatory => "mandatory",
            Level::Recommended => "recommended",
            Level::Advisory => "advisory",
        }
    }
}

/// Component-vulnerability condition that breaks a requirement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VulnCondition {
    /// Lowest severity that counts.
    pub min_severity: Severity,
    /// A vulnerability listed as known-exploited counts whatever its severity.
    #[serde(default)]
    pub kev: bool,
}

/// One section of a standard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Section id (`5.1`, `2.4.8`).
    pub id: String,
    /// Title in our words.
    pub title: String,
    /// What could not be confirmed, or other remarks.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// One requirement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Requirement {
    /// Requirement id (`5.1-1`).
    pub id: String,
    /// Section id it belongs to.
    pub section: String,
    /// One-line summary in our own words.
    pub title: String,
    /// Obligation level.
    pub level: Level,
    /// Lowest assurance class it applies to (IoTSF classes; 0 = all).
    #[serde(default)]
    pub min_class: u8,
    /// Condition under which it applies, in our words (ETSI "conditional" provisions).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub condition: String,
    /// How it is decided.
    pub assessment: Method,
    /// Finding kinds that break it.
    #[serde(default)]
    pub kinds: Vec<FindingKind>,
    /// Check rule ids that break it.
    #[serde(default)]
    pub rules: Vec<String>,
    /// When not empty: a finding of `kinds`/`rules` counts only when its subject is one of these (`http`
    /// for a web-interface requirement, so that an FTP server does not fail it).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subjects: Vec<String>,
    /// Vulnerability condition that breaks it.
    #[serde(default)]
    pub vulns: Option<VulnCondition>,
    /// Evidence-file keys that must all be satisfied (empty: a `met` statement for this requirement).
    #[serde(default)]
    pub evidence_keys: Vec<String>,
    /// What exactly the vendor must supply.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub supply: String,
    /// False when the id or its details could not be confirmed from a public source.
    #[serde(default = "yes")]
    pub confirmed: bool,
    /// Release of the standard the requirement text was taken from (`CF 2.1`, `AF 3.x`, `AF 4.0`; empty when the
    /// catalog follows a single edition, given in [`Catalog::edition`]).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub release: String,
    /// Remarks.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// In a catalog that covers several parts of a standard: the part ids this requirement belongs to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<String>,
    /// The requirement's decision tree, when the standard defines one: its nodes in order, the first is the
    /// root. A requirement with a tree is decided by walking it (see [`crate::tree`]), not by `kinds`/`rules`.
    #[serde(default, rename = "node", skip_serializing_if = "Vec::is_empty")]
    pub tree: Vec<TreeNode>,
}

/// Who can answer a decision-tree node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Answerer {
    /// The image answers: a finding (or qualifying vulnerability) of the node's kinds/rules means "yes"; none,
    /// over content the checks could inspect, means "no".
    Image,
    /// A finding means "yes"; without one, the vendor answers (a finding cannot be absent by inspection: the
    /// image cannot show that something is *not* used).
    ImageOrVendor,
    /// Only the vendor answers: an `[[answer]]` in the evidence file, or the node's evidence key.
    Vendor,
}

impl Answerer {
    /// Kebab-case name.
    pub fn as_str(&self) -> &'static str {
        match self {
            Answerer::Image => "image",
            Answerer::ImageOrVendor => "image-or-vendor",
            Answerer::Vendor => "vendor",
        }
    }
}

/// One yes/no question of a decision tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TreeNode {
    /// Node id, unique within the requirement (`N1`).
    pub id: String,
    /// The question, in our words, phrased so that `yes` and `no` are meaningful.
    pub question: String,
    /// Who can answer it.
    pub answered_by: Answerer,
    /// Finding kinds whose presence answers "yes".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kinds: Vec<FindingKind>,
    /// Check rule ids whose presence answers "yes".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<String>,
    /// When not empty: only findings with one of these subjects count (see [`Requirement::subjects`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subjects: Vec<String>,
    /// A qualifying component vulnerability answers "yes".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vulns: Option<VulnCondition>,
    /// An evidence-file key that, when supplied, answers "yes" (a key found wrong answers "no").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub key: String,
    /// Where "yes" leads: another node's id, or `pass`, `fail`, `not-applicable`.
    pub yes: String,
    /// Where "no" leads.
    pub no: String,
}

impl TreeNode {
    /// True when this finding answers the node "yes".
    pub fn matches(&self, f: &fwassure_model::Finding) -> bool {
        (self.rules.contains(&f.rule) || self.kinds.contains(&f.kind))
            && (self.subjects.is_empty() || self.subjects.contains(&f.subject))
    }
}

/// Where a decision-tree branch ends.
pub const TREE_OUTCOMES: &[&str] = &["pass", "fail", "not-applicable"];

fn yes() -> bool {
    true
}

impl Requirement {
    /// True when the requirement applies at this assurance class.
    pub fn applies_to_class(&self, class: u8) -> bool {
        class >= self.min_class
    }

    /// True when firmware checks take part in the decision.
    pub fn has_automatic_part(&self) -> bool {
        matches!(self.assessment, Method::Automatic | Method::Both)
    }

    /// True when this finding breaks the requirement directly (its own `kinds`/`rules`/`subjects`; trees are
    /// walked by the assessment).
    pub fn matches(&self, f: &fwassure_model::Finding) -> bool {
        (self.rules.contains(&f.rule) || self.kinds.contains(&f.kind))
            && (self.subjects.is_empty() || self.subjects.contains(&f.subject))
    }

    /// True when a finding of this rule and kind can fail the requirement: it is named by the requirement, or
    /// by a decision-tree node the image answers whose "yes" fails it.
    pub fn can_be_failed_by(&self, rule: &str, kind: FindingKind) -> bool {
        if !self.has_automatic_part() {
            return false;
        }
        let named = |rules: &[String], kinds: &[FindingKind]| rules.iter().any(|r| r == rule) || kinds.contains(&kind);
        named(&self.rules, &self.kinds)
            || self
                .tree
                .iter()
                .any(|n| n.answered_by != Answerer::Vendor && n.yes == "fail" && named(&n.rules, &n.kinds))
    }

    /// True when passing needs vendor evidence.
    pub fn needs_vendor(&self) -> bool {
        matches!(self.assessment, Method::Evidence | Method::Both)
    }

    /// Applicability in words (`mandatory, class 1 and above, where …`; `(not confirmed)` when the entry is
    /// not confirmed from a public source).
    pub fn applicability(&self) -> String {
        let mut s = self.level.as_str().to_string();
        if self.min_class > 0 {
            s.push_str(&format!(", class {} and above", self.min_class));
        }
        if !self.condition.is_empty() {
            s.push_str(&format!(", where {}", self.condition));
        }
        if !self.confirmed {
            s.push_str(" (not confirmed)");
        }
        s
    }
}

/// One standard's catalog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    /// Standard id (`etsi-en-303-645`).
    pub id: String,
    /// Full name.
    pub name: String,
    /// Edition(s) the catalog follows.
    pub edition: String,
    /// Where the ids were taken from.
    pub source: String,
    /// Remarks, including what could not be confirmed.
    #[serde(default)]
    pub notes: Vec<String>,
    /// Sections in document order.
    #[serde(rename = "section")]
    pub sections: Vec<Section>,
    /// Requirements in document order.
    #[serde(rename = "requirement", default)]
    pub requirements: Vec<Requirement>,
    /// When one file covers several parts of a standard (EN 18031-1/-2/-3): the parts. Each part is loaded as
    /// a standard of its own, holding the requirements whose `parts` name it.
    #[serde(rename = "part", default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<Part>,
}

/// One part of a multi-part standard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Part {
    /// Standard id of the part (`en-18031-1`).
    pub id: String,
    /// Full name of the part.
    pub name: String,
    /// Remarks that hold for this part only.
    #[serde(default)]
    pub notes: Vec<String>,
}

impl Catalog {
    /// Parse a catalog from its TOML text.
    pub fn parse(id: &str, text: &str) -> Result<Catalog, CatalogError> {
        let mut c: Catalog =
            toml::from_str(text).map_err(|e| CatalogError { id: id.into(), message: e.to_string() })?;
        if c.parts.is_empty() {
            if c.id != id {
                return Err(CatalogError { id: id.into(), message: format!("file declares id {}", c.id) });
            }
            return Ok(c);
        }
        let Some(part) = c.parts.iter().find(|p| p.id == id).cloned() else {
            return Err(CatalogError { id: id.into(), message: format!("file {} declares no part {id}", c.id) });
        };
        if let Some(r) = c.requirements.iter().find(|r| r.parts.is_empty()) {
            return Err(CatalogError { id: id.into(), message: format!("requirement {} names no part", r.id) });
        }
        c.requirements.retain(|r| r.parts.contains(&part.id));
        let used: Vec<String> = c.requirements.iter().map(|r| r.section.clone()).collect();
        c.sections.retain(|s| used.contains(&s.id));
        c.id = part.id;
        c.name = part.name;
        c.notes.extend(part.notes);
        c.parts.clear();
        Ok(c)
    }

    /// The section with this id.
    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }
}

struct Loaded {
    catalogs: Vec<Catalog>,
    errors: Vec<CatalogError>,
}

fn loaded() -> &'static Loaded {
    static L: OnceLock<Loaded> = OnceLock::new();
    L.get_or_init(|| {
        let mut catalogs = Vec::new();
        let mut errors = Vec::new();
        for (id, text) in SOURCES {
            match Catalog::parse(id, text) {
                Ok(c) => catalogs.push(c),
                Err(e) => errors.push(e),
            }
        }
        Loaded { catalogs, errors }
    })
}

/// All catalogs that parsed, in [`SOURCES`] order.
pub fn catalogs() -> &'static [Catalog] {
    &loaded().catalogs
}

/// Catalogs that failed to parse (empty in a good build; a test guards it).
pub fn catalog_errors() -> &'static [CatalogError] {
    &loaded().errors
}

/// The catalog of one standard.
pub fn catalog(id: &str) -> Option<&'static Catalog> {
    catalogs().iter().find(|c| c.id == id)
}

/// Ids of every known standard, in [`SOURCES`] order.
pub fn standard_ids() -> Vec<&'static str> {
    SOURCES.iter().map(|(id, _)| *id).collect()
}
