//! The vendor evidence file (TOML): what firmware cannot show.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// An evidence file that could not be read.
#[derive(Debug, thiserror::Error)]
pub enum EvidenceError {
    /// I/O error.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// Not valid TOML for this schema.
    #[error("{path}: {message}")]
    Parse {
        /// The file.
        path: String,
        /// What is wrong.
        message: String,
    },
}

/// The product.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Product {
    /// Manufacturer.
    #[serde(default)]
    pub manufacturer: String,
    /// Product name.
    #[serde(default)]
    pub name: String,
    /// Model designation.
    #[serde(default)]
    pub model: String,
    /// Firmware version.
    #[serde(default)]
    pub version: String,
}

/// Impact level of a compromise on one CIA property.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Impact {
    /// Little discernible impact.
    #[default]
    None,
    /// Limited impact on a person or organisation.
    Limited,
    /// Significant impact, or impact on many people.
    Significant,
    /// Severe: critical services, or harm to people.
    Severe,
}

/// What personal data the product handles.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PersonalData {
    /// None.
    #[default]
    None,
    /// Ordinary personal data.
    Personal,
    /// Sensitive personal data (health, biometrics, location history …).
    Sensitive,
}

/// The risk-assessment answers that set the assurance class.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImpactAnswers {
    /// Impact of a loss of confidentiality.
    #[serde(default)]
    pub confidentiality: Impact,
    /// Impact of a loss of integrity (loss of control).
    #[serde(default)]
    pub integrity: Impact,
    /// Impact of a loss of availability.
    #[serde(default)]
    pub availability: Impact,
    /// Personal data handled.
    #[serde(default)]
    pub personal_data: PersonalData,
    /// A compromise affects many people (e.g. a fleet or shared infrastructure).
    #[serde(default)]
    pub many_people: bool,
    /// Used in critical infrastructure.
    #[serde(default)]
    pub critical_infrastructure: bool,
    /// A compromise could injure someone.
    #[serde(default)]
    pub personal_injury: bool,
}

/// The vulnerability-disclosure policy.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Disclosure {
    /// Public URL of the policy.
    #[serde(default)]
    pub policy_url: String,
    /// Path of the published security.txt (relative to the evidence file).
    #[serde(default)]
    pub security_txt_file: String,
    /// Or its contents inline.
    #[serde(default)]
    pub security_txt: String,
}

/// The defined support period.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Support {
    /// Last day of security updates (YYYY-MM-DD).
    #[serde(default)]
    pub end_date: String,
    /// Where the period is published.
    #[serde(default)]
    pub published_at: String,
}

/// Where the SBOM is published.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sbom {
    /// URL or document reference.
    #[serde(default)]
    pub location: String,
}

/// How updates are signed and delivered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Updates {
    /// Signing scheme and key custody.
    #[serde(default)]
    pub signing: String,
    /// Delivery channel and its protection.
    #[serde(default)]
    pub delivery: String,
}

/// A vendor statement about one requirement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum StatementStatus {
    /// The requirement is met.
    Met,
    /// It does not apply.
    NotApplicable,
}

/// A per-requirement statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Statement {
    /// Standard id.
    pub standard: String,
    /// Requirement id.
    pub requirement: String,
    /// Met or not applicable.
    pub status: StatementStatus,
    /// How it is met.
    #[serde(default)]
    pub description: String,
    /// Why it does not apply.
    #[serde(default)]
    pub justification: String,
    /// Supporting documents (relative to the evidence file).
    #[serde(default)]
    pub attachments: Vec<String>,
}

/// The vendor's answer to one decision-tree node (`[[answer]]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NodeAnswer {
    /// Standard id (`en-18031-1`).
    pub standard: String,
    /// Requirement id (`AUM-5-1`).
    pub requirement: String,
    /// Node id within the requirement's tree (`N2`).
    pub node: String,
    /// The answer: `true` for yes.
    pub answer: bool,
    /// Why, in the vendor's words: an answer without a reason does not count.
    #[serde(default)]
    pub reason: String,
    /// Supporting documents (relative to the evidence file).
    #[serde(default)]
    pub attachments: Vec<String>,
}

/// The whole evidence file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvidenceFile {
    /// Product.
    #[serde(default)]
    pub product: Product,
    /// Risk assessment answers.
    #[serde(default)]
    pub impact: Option<ImpactAnswers>,
    /// Disclosure policy.
    #[serde(default)]
    pub disclosure: Disclosure,
    /// Support period.
    #[serde(default)]
    pub support: Support,
    /// SBOM publication.
    #[serde(default)]
    pub sbom: Sbom,
    /// Updates.
    #[serde(default)]
    pub updates: Updates,
    /// Per-requirement statements.
    #[serde(default, rename = "statement")]
    pub statements: Vec<Statement>,
    /// Answers to decision-tree nodes the image cannot answer.
    #[serde(default, rename = "answer")]
    pub answers: Vec<NodeAnswer>,
    /// Folder that relative paths are resolved against (not part of the file).
    #[serde(skip)]
    pub base_dir: Option<PathBuf>,
    /// Keys whose value is still a template placeholder (`"TODO: …"`), in file order (not part of the file).
    /// Their values are read as empty: a placeholder never satisfies a requirement.
    #[serde(skip)]
    pub placeholders: Vec<String>,
}

/// True when a value is a template placeholder: `TODO`, alone or followed by `:` or a space (any case).
pub fn is_placeholder(v: &str) -> bool {
    let v = v.trim_start().as_bytes();
    v.len() >= 4
        && v[..4].eq_ignore_ascii_case(b"TODO")
        && v.get(4).is_none_or(|c| *c == b':' || c.is_ascii_whitespace())
}

/// Blank every placeholder string under `v`, recording its key path.
fn blank_placeholders(v: &mut toml::Value, path: &str, found: &mut Vec<String>) {
    match v {
        toml::Value::String(s) if is_placeholder(s) => {
            found.push(path.to_string());
            s.clear();
        }
        toml::Value::Table(t) => {
            for (k, x) in t.iter_mut() {
                let p = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                blank_placeholders(x, &p, found);
            }
        }
        toml::Value::Array(a) => {
            for (i, x) in a.iter_mut().enumerate() {
                blank_placeholders(x, &format!("{path}[{i}]"), found);
            }
        }
        _ => {}
    }
}

/// Every key an evidence-assessed requirement can ask for, with what satisfies it.
pub const EVIDENCE_KEYS: &[(&str, &str)] = &[
    ("product", "[product] name, model and version"),
    ("impact", "[impact] answers (confidentiality, integrity, availability …)"),
    ("disclosure.policy_url", "[disclosure] policy_url: public https URL of the vulnerability-disclosure policy"),
    (
        "disclosure.security_txt",
        "[disclosure] security_txt_file or security_txt: a valid, unexpired RFC 9116 security.txt",
    ),
    ("support.end_date", "[support] end_date: last day of security updates (YYYY-MM-DD, not in the past)"),
    ("support.published_at", "[support] published_at: where the support period is published"),
    ("sbom.location", "[sbom] location: where the SBOM is published"),
    ("updates.signing", "[updates] signing: how update images are signed and verified"),
    ("updates.delivery", "[updates] delivery: how updates reach the device, and how the channel is protected"),
];

/// Describe an evidence key for a needs-evidence reason.
pub fn describe_key(key: &str) -> &'static str {
    EVIDENCE_KEYS.iter().find(|(k, _)| *k == key).map(|(_, d)| *d).unwrap_or("unknown evidence key")
}

impl EvidenceFile {
    /// Parse TOML text. Template placeholders (`"TODO: …"`) are read as empty and listed in
    /// [`EvidenceFile::placeholders`].
    pub fn parse(text: &str) -> Result<EvidenceFile, EvidenceError> {
        Self::parse_named(text, "<text>")
    }

    fn parse_named(text: &str, path: &str) -> Result<EvidenceFile, EvidenceError> {
        let err = |e: &dyn std::fmt::Display| EvidenceError::Parse { path: path.into(), message: e.to_string() };
        // checked as written first, so errors keep their line and column
        toml::from_str::<EvidenceFile>(text).map_err(|e| err(&e))?;
        let mut value: toml::Value = toml::from_str(text).map_err(|e| err(&e))?;
        let mut placeholders = Vec::new();
        blank_placeholders(&mut value, "", &mut placeholders);
        let mut f: EvidenceFile = value.try_into().map_err(|e| err(&e))?;
        f.placeholders = placeholders;
        Ok(f)
    }

    /// Read and parse a file; relative paths in it resolve against its folder.
    pub fn load(path: &Path) -> Result<EvidenceFile, EvidenceError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| EvidenceError::Io { path: path.display().to_string(), source: e })?;
        let mut f = Self::parse_named(&text, &path.display().to_string())?;
        f.base_dir = Some(path.parent().map(Path::to_path_buf).unwrap_or_default());
        Ok(f)
    }

    /// Resolve a path written in the file.
    pub fn resolve(&self, p: &str) -> PathBuf {
        let pb = PathBuf::from(p);
        match (&self.base_dir, pb.is_absolute()) {
            (Some(b), false) => b.join(pb),
            _ => pb,
        }
    }

    /// The security.txt the vendor supplied: `(origin, text)`, or a read error.
    pub fn security_txt(&self) -> Option<Result<(String, String), String>> {
        if !self.disclosure.security_txt.trim().is_empty() {
            return Some(Ok(("evidence file (inline)".into(), self.disclosure.security_txt.clone())));
        }
        let p = self.disclosure.security_txt_file.trim();
        if p.is_empty() {
            return None;
        }
        let full = self.resolve(p);
        Some(match std::fs::read(&full) {
            Ok(b) => Ok((format!("evidence file {p}"), String::from_utf8_lossy(&b).into_owned())),
            Err(e) => Err(format!("security.txt {} cannot be read: {e}", full.display())),
        })
    }

    /// The vendor's answer to one decision-tree node.
    pub fn answer(&self, standard: &str, requirement: &str, node: &str) -> Option<&NodeAnswer> {
        self.answers.iter().find(|a| a.standard == standard && a.requirement == requirement && a.node == node)
    }

    /// The statement for one requirement.
    pub fn statement(&self, standard: &str, requirement: &str) -> Option<&Statement> {
        self.statements.iter().find(|s| s.standard == standard && s.requirement == requirement)
    }
}

/// A commented template for `fwassure evidence init`. Every value is a `TODO` placeholder, and the
/// per-requirement statements and impact answers are commented-out examples: the unedited template satisfies
/// no requirement, and `assess` lists the placeholders still in it.
pub const TEMPLATE: &str = r#"# fwassure vendor evidence file.
# Firmware inspection decides what the image itself shows; this file supplies what it cannot.
# Replace every "TODO: …" value with yours; a value that still starts with TODO counts as not supplied.
# Relative paths are resolved against the folder of this file.

[product]
manufacturer = "TODO: the manufacturer's name"
name = "TODO: the product name"
model = "TODO: the model designation users can see on the product"
version = "TODO: the firmware version assessed"

# Risk assessment: impact of a compromise on each property. Values: none | limited | significant | severe.
# These answers set the IoTSF assurance class (0-4); `fwassure assess --class N` overrides them.
# Without them the assessment uses class 1 and says so. Uncomment and answer:
# [impact]
# confidentiality = "limited"
# integrity = "limited"
# availability = "limited"
# personal_data = "personal"          # none | personal | sensitive
# many_people = false                 # one compromise affects many people
# critical_infrastructure = false
# personal_injury = false

# Vulnerability disclosure (ETSI 5.2-1, UK PSTI Sch.1 para 2, EU CRA Annex I Part II (5)/(6), IoTSF 2.4.3.5).
[disclosure]
policy_url = "TODO: the https URL of your published vulnerability-disclosure policy"
security_txt_file = "TODO: the path of your published RFC 9116 security.txt (or its text in security_txt = ...)"

# Defined support period (ETSI 5.3-13, UK PSTI Sch.1 para 3).
[support]
end_date = "TODO: the last day of security updates, YYYY-MM-DD"
published_at = "TODO: where the support period is published (URL)"

# Software bill of materials (EU CRA Annex I Part II (1)).
[sbom]
location = "TODO: where the SBOM is published (URL or document reference)"

# Updates (ETSI 5.3, EU CRA Annex I Part II (7), IoTSF 2.4.5).
[updates]
signing = "TODO: how update images are signed, where the key is kept and what verifies the signature"
delivery = "TODO: how updates reach the device and how that channel is protected"

# Per-requirement statements: one [[statement]] per requirement the image cannot show.
# A statement whose status is "met" needs a description (and attachments where you have them);
# one whose status is "not-applicable" needs a justification. Examples:
#
# [[statement]]
# standard = "etsi-en-303-645"
# requirement = "5.3-16"
# status = "met"
# description = "The model designation is printed on the label and shown in the app."
# attachments = ["label-photo.jpg"]
#
# [[statement]]
# standard = "etsi-en-303-645"
# requirement = "5.6-4"
# status = "not-applicable"
# justification = "The product has no physically accessible debug interface: test pads are removed in production."
"#;

/// The evidence template of [`TEMPLATE`], followed for each given standard by a commented skeleton of what
/// its requirements ask the vendor: for a requirement decided by a decision tree, an `[[answer]]` per node the
/// vendor can answer (with its question); for any other requirement that needs vendor evidence, a
/// `[[statement]]`. Everything added is commented out, so the unedited template still satisfies nothing.
/// Unknown standard ids are listed in a comment.
pub fn template_for(standards: &[&str]) -> String {
    use crate::catalog::{catalog, Answerer};
    let mut out = String::from(TEMPLATE);
    for id in standards {
        let Some(c) = catalog(id) else {
            out.push_str(&format!("\n# unknown standard `{id}`: nothing added for it\n"));
            continue;
        };
        out.push_str(&format!(
            "\n# ---- {} ({}): what the image cannot show. Uncomment, answer and give a reason.\n",
            c.id, c.name
        ));
        for r in c.requirements.iter().filter(|r| r.needs_vendor() || !r.tree.is_empty()) {
            let vendor_nodes: Vec<_> = r.tree.iter().filter(|n| n.answered_by != Answerer::Image).collect();
            if !r.tree.is_empty() {
                for n in vendor_nodes {
                    out.push_str(&format!(
                        "#\n# {} {}: {}\n# [[answer]]\n# standard = \"{}\"\n# requirement = \"{}\"\n# node = \"{}\"\n# answer = true\n# reason = \"...\"\n",
                        r.id, n.id, n.question, c.id, r.id, n.id
                    ));
                    if !n.key.is_empty() {
                        out.push_str(&format!("# (or supply the key {}: {})\n", n.key, describe_key(&n.key)));
                    }
                }
            } else if r.evidence_keys.is_empty() {
                out.push_str(&format!(
                    "#\n# {}: {}\n# [[statement]]\n# standard = \"{}\"\n# requirement = \"{}\"\n# status = \"met\"\n# description = \"...{}\"\n",
                    r.id,
                    r.title,
                    c.id,
                    r.id,
                    if r.supply.is_empty() { String::new() } else { format!(" ({})", r.supply) }
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_parses_and_supplies_nothing() {
        let f = EvidenceFile::parse(TEMPLATE).unwrap();
        assert_eq!(f.product, Product::default());
        assert!(f.impact.is_none() && f.statements.is_empty());
        assert!(f.security_txt().is_none());
        assert_eq!(f.placeholders.len(), 11, "{:?}", f.placeholders);
        assert_eq!(f.placeholders[0], "disclosure.policy_url");
        // the examples, uncommented, are what a vendor writes
        let filled: String = TEMPLATE
            .lines()
            .map(|l| l.strip_prefix("# ").filter(|l| l.contains(" = ") || l.starts_with('[')).unwrap_or(l))
            .map(|l| format!("{l}\n"))
            .collect::<String>()
            .replace("\"TODO: ", "\"");
        let f = EvidenceFile::parse(&filled).unwrap();
        assert!(f.placeholders.is_empty());
        assert_eq!(f.impact.as_ref().unwrap().confidentiality, Impact::Limited);
        assert_eq!(f.statements.len(), 2);
        assert_eq!(f.statements[1].status, StatementStatus::NotApplicable);
    }

    #[test]
    fn placeholders_are_recognised() {
        for p in ["TODO", "todo: x", "  TODO fill", "ToDo:"] {
            assert!(is_placeholder(p), "{p}");
        }
        for p in ["", "TODOS", "to do", "Todoist app", "https://x/TODO"] {
            assert!(!is_placeholder(p), "{p}");
        }
        let f = EvidenceFile::parse(
            "[[statement]]\nstandard = \"a\"\nrequirement = \"b\"\nstatus = \"met\"\ndescription = \"TODO\"\n",
        )
        .unwrap();
        assert_eq!(f.placeholders, vec!["statement[0].description".to_string()]);
        assert_eq!(f.statements[0].description, "");
    }

    #[test]
    fn errors_keep_their_line() {
        let e = EvidenceFile::parse("[product]\nname = \"x\"\nnmae = \"y\"\n").unwrap_err().to_string();
        assert!(e.contains("line 3"), "{e}");
    }

    #[test]
    fn unknown_keys_are_rejected() {
        assert!(EvidenceFile::parse("[product]\nnmae = \"x\"\n").is_err());
    }

    #[test]
    fn inline_security_txt_wins() {
        let f =
            EvidenceFile::parse("[disclosure]\nsecurity_txt = \"Contact: mailto:a@b.c\"\nsecurity_txt_file = \"x\"\n")
                .unwrap();
        let (origin, text) = f.security_txt().unwrap().unwrap();
        assert!(origin.contains("inline"));
        assert!(text.starts_with("Contact"));
    }

    #[test]
    fn template_for_a_standard_lists_the_vendor_nodes_commented_out() {
        let t = template_for(&["en-18031-1", "no-such-standard"]);
        let f = EvidenceFile::parse(&t).unwrap();
        assert!(f.answers.is_empty() && f.statements.is_empty());
        assert!(t.contains("# AUM-5-1 N3: "), "{t}");
        assert!(t.contains("# (or supply the key updates.signing"), "{t}");
        assert!(t.contains("unknown standard `no-such-standard`"));
        // image-only nodes are not asked
        assert!(!t.contains("# AUM-5-1 N2: "));
        // uncommenting one block gives a valid answer
        let block: String = t
            .split("# AUM-5-1 N3: ")
            .nth(1)
            .unwrap()
            .lines()
            .skip(1)
            .take(6)
            .map(|l| l.trim_start_matches("# ").to_string() + "\n")
            .collect();
        let f = EvidenceFile::parse(&block).unwrap();
        assert_eq!(f.answers.len(), 1);
        assert_eq!(f.answer("en-18031-1", "AUM-5-1", "N3").map(|a| a.answer), Some(true));
    }
}
