//! SARIF 2.1.0 for findings and vulnerabilities, for code-scanning dashboards.
//!
//! - One rule per finding rule id (kind, CWE, a remediation as help) and one per vulnerability id; rules link
//!   to the `CWE` taxonomy of the run (`relationships` with kind `superset`), whose taxa are the CWE ids used.
//! - A finding's location is `LAYER/PATH` (a relative URI, percent-encoded) with the line when known; a
//!   vulnerability's location is the first evidence file of the affected component.
//! - Levels: critical and high → `error`, medium → `warning`, low and info → `note`.
//! - Vulnerabilities that VEX marks not affected or fixed carry an external, accepted suppression.
//! - `partialFingerprints["fwassure/v1"]` is a stable identity (rule, layer, path, subject) for baselining.
//! - GitHub code scanning's ingestion rules hold: a rule carries at most [`MAX_TAGS`] tags (the mapped
//!   requirement ids live in `properties.requirements`, not in tags), a numeric `security-severity` (the CVSS
//!   base score of a vulnerability, else the middle of its severity's CVSS band), a `fullDescription` and a
//!   `help` text with its Markdown form.

use std::collections::{BTreeMap, BTreeSet};

use fwassure_model::{Finding, Report, Severity, VulnStatus, Vulnerability};
use serde_json::{json, Map, Value};

use crate::ids;

/// Render findings and vulnerabilities as a SARIF 2.1.0 log (pretty, trailing newline).
pub fn render(report: &Report) -> String {
    crate::json::document_text(&document(report))
}

/// SARIF level of a severity.
pub fn level(s: Severity) -> &'static str {
    match s {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low | Severity::Info => "note",
    }
}

/// Where the tool is documented (the driver's `informationUri`): the workspace's `repository`.
pub const INFORMATION_URI: &str = env!("CARGO_PKG_REPOSITORY");

/// Most tags GitHub code scanning accepts on one rule.
pub const MAX_TAGS: usize = 20;

/// The `security-severity` of a severity without a score: the middle of its CVSS v3 band (GitHub maps
/// > 9.0 to critical, 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low).
pub fn security_severity(s: Severity) -> f64 {
    match s {
        Severity::Critical => 9.5,
        Severity::High => 8.0,
        Severity::Medium => 5.5,
        Severity::Low => 2.0,
        Severity::Info => 0.0,
    }
}

struct Rule {
    id: String,
    name: String,
    short: String,
    full: String,
    help: String,
    cwes: BTreeSet<String>,
    severity: Severity,
    /// Highest CVSS base score seen for the rule (vulnerabilities).
    score: Option<f64>,
    tags: BTreeSet<String>,
    requirements: BTreeSet<String>,
    help_uri: Option<String>,
}

/// The SARIF log as a JSON value.
pub fn document(report: &Report) -> Value {
    let mut rules: BTreeMap<String, Rule> = BTreeMap::new();
    for f in &report.findings {
        let r = rules.entry(f.rule.clone()).or_insert_with(|| Rule {
            id: f.rule.clone(),
            name: f.kind.as_str().to_string(),
            short: format!("{} ({})", f.kind.as_str().replace('-', " "), f.rule),
            full: format!(
                "Firmware weakness of kind '{}' reported by rule {}{}.",
                f.kind.as_str().replace('-', " "),
                f.rule,
                if f.cwe.is_empty() { String::new() } else { format!(" ({})", f.cwe) }
            ),
            help: f.remediation.clone(),
            cwes: BTreeSet::new(),
            severity: f.severity,
            score: None,
            tags: BTreeSet::new(),
            requirements: BTreeSet::new(),
            help_uri: None,
        });
        r.severity = r.severity.max(f.severity);
        if let Some(c) = cwe_number(&f.cwe) {
            r.cwes.insert(c);
        }
        r.tags.insert("security".into());
        r.tags.insert(f.kind.as_str().to_string());
        r.requirements.extend(f.requirements.iter().cloned());
    }
    for v in &report.vulnerabilities {
        let r = rules.entry(v.id.clone()).or_insert_with(|| Rule {
            id: v.id.clone(),
            name: "vulnerable-component".into(),
            short: format!("known vulnerability {}", v.id),
            full: format!(
                "{} {} is affected by the published vulnerability {}.",
                v.component.name, v.component.version, v.id
            ),
            help: String::new(),
            cwes: BTreeSet::new(),
            severity: v.severity,
            score: None,
            tags: BTreeSet::new(),
            requirements: BTreeSet::new(),
            help_uri: Some(ids::advisory_url(&v.id)),
        });
        r.severity = r.severity.max(v.severity);
        if let Some(sc) = v.score.filter(|s| s.is_finite()) {
            r.score = Some(r.score.map_or(sc, |o| o.max(sc)));
        }
        r.cwes.extend(v.cwe.iter().filter_map(|c| cwe_number(c)));
        r.tags.insert("security".into());
        r.tags.insert("vulnerability".into());
        if v.kev {
            r.tags.insert("kev".into());
        }
        if r.help.is_empty() && !v.fixed_in.is_empty() {
            r.help = format!("Upgrade {} to a fixed version: {}.", v.component.name, v.fixed_in.join(", "));
        }
    }
    let index: BTreeMap<String, usize> = rules.keys().enumerate().map(|(i, k)| (k.clone(), i)).collect();
    let taxa: BTreeSet<String> = rules.values().flat_map(|r| r.cwes.iter().cloned()).collect();

    let rule_values: Vec<Value> = rules.values().map(rule_value).collect();
    let mut results: Vec<Value> = report.findings.iter().map(|f| finding_result(f, index[&f.rule])).collect();
    results.extend(report.vulnerabilities.iter().map(|v| vuln_result(v, report, index[&v.id])));

    let mut driver = Map::new();
    driver.insert("name".into(), json!(report.tool.name));
    driver.insert("version".into(), json!(report.tool.version));
    driver.insert("semanticVersion".into(), json!(report.tool.version));
    driver.insert("informationUri".into(), json!(INFORMATION_URI));
    driver.insert("rules".into(), Value::Array(rule_values));
    let mut run = Map::new();
    if !taxa.is_empty() {
        driver.insert("supportedTaxonomies".into(), json!([{"name": "CWE", "index": 0}]));
        let taxa: Vec<Value> = taxa.iter().map(|n| json!({"id": n, "name": format!("CWE-{n}")})).collect();
        run.insert(
            "taxonomies".into(),
            json!([{"name": "CWE", "organization": "MITRE", "informationUri": "https://cwe.mitre.org/",
                "shortDescription": {"text": "The MITRE Common Weakness Enumeration"}, "taxa": taxa}]),
        );
    }
    run.insert("tool".into(), json!({"driver": Value::Object(driver)}));
    run.insert(
        "originalUriBaseIds".into(),
        json!({"IMAGE": {"description": {"text": format!("layers of {} (sha256 {})", report.image.path, report.image.sha256)}}}),
    );
    run.insert("results".into(), Value::Array(results));
    run.insert("columnKind".into(), json!("unicodeCodePoints"));
    json!({
        "$schema": "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json",
        "version": "2.1.0",
        "runs": [Value::Object(run)],
    })
}

fn cwe_number(c: &str) -> Option<String> {
    let n = c.trim().strip_prefix("CWE-").unwrap_or(c.trim());
    (!n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())).then(|| n.to_string())
}

fn rule_value(r: &Rule) -> Value {
    let mut m = Map::new();
    m.insert("id".into(), json!(r.id));
    m.insert("name".into(), json!(r.name));
    m.insert("shortDescription".into(), json!({"text": r.short}));
    m.insert("fullDescription".into(), json!({"text": r.full}));
    let help = if r.help.is_empty() { r.full.clone() } else { r.help.clone() };
    let mut markdown = format!("**{}**\n\n{}", crate::escape::markdown(&r.short), crate::escape::markdown(&help));
    if let Some(u) = &r.help_uri {
        markdown.push_str(&format!("\n\nAdvisory: <{u}>"));
    }
    m.insert("help".into(), json!({"text": help, "markdown": markdown}));
    if let Some(u) = &r.help_uri {
        m.insert("helpUri".into(), json!(u));
    }
    m.insert("defaultConfiguration".into(), json!({"level": level(r.severity)}));
    if !r.cwes.is_empty() {
        let rels: Vec<Value> = r
            .cwes
            .iter()
            .map(|n| json!({"target": {"id": n, "toolComponent": {"name": "CWE", "index": 0}}, "kinds": ["superset"]}))
            .collect();
        m.insert("relationships".into(), Value::Array(rels));
    }
    let mut tags: Vec<String> = r.tags.iter().cloned().collect();
    tags.extend(r.cwes.iter().map(|n| format!("external/cwe/cwe-{n}")));
    tags.truncate(MAX_TAGS);
    let sev = r.score.unwrap_or_else(|| security_severity(r.severity));
    let mut p = Map::new();
    p.insert("tags".into(), json!(tags));
    p.insert("severity".into(), json!(r.severity.as_str()));
    p.insert("security-severity".into(), json!(format!("{sev:.1}")));
    p.insert("precision".into(), json!("high"));
    if !r.requirements.is_empty() {
        p.insert("requirements".into(), json!(r.requirements));
    }
    m.insert("properties".into(), Value::Object(p));
    Value::Object(m)
}

fn location(layer: &str, path: &str, line: Option<u32>) -> Value {
    let mut pl = Map::new();
    pl.insert("artifactLocation".into(), json!({"uri": ids::artifact_uri(layer, path), "uriBaseId": "IMAGE"}));
    if let Some(l) = line.filter(|l| *l >= 1) {
        pl.insert("region".into(), json!({"startLine": l}));
    }
    json!({"physicalLocation": Value::Object(pl)})
}

fn finding_result(f: &Finding, rule_index: usize) -> Value {
    let mut m = Map::new();
    m.insert("ruleId".into(), json!(f.rule));
    m.insert("ruleIndex".into(), json!(rule_index));
    m.insert("kind".into(), json!("fail"));
    m.insert("level".into(), json!(level(f.severity)));
    m.insert("message".into(), json!({"text": f.message}));
    m.insert("locations".into(), json!([location(&f.layer, &f.path, f.line)]));
    m.insert(
        "partialFingerprints".into(),
        json!({"fwassure/v1": format!("{}|{}|{}|{}", f.rule, f.layer, f.path, f.subject)}),
    );
    if let Some(fp) = &f.fingerprint {
        m.insert("fingerprints".into(), json!({"fwassure/key/v1": fp}));
    }
    let mut p = Map::new();
    p.insert("severity".into(), json!(f.severity.as_str()));
    p.insert("kind".into(), json!(f.kind.as_str()));
    p.insert("subject".into(), json!(f.subject));
    p.insert("evidence".into(), json!(f.evidence));
    p.insert("remediation".into(), json!(f.remediation));
    if !f.cwe.is_empty() {
        p.insert("cwe".into(), json!(f.cwe));
    }
    p.insert("requirements".into(), json!(f.requirements));
    m.insert("properties".into(), Value::Object(p));
    Value::Object(m)
}

fn vuln_result(v: &Vulnerability, report: &Report, rule_index: usize) -> Value {
    let mut m = Map::new();
    m.insert("ruleId".into(), json!(v.id));
    m.insert("ruleIndex".into(), json!(rule_index));
    m.insert("kind".into(), json!("fail"));
    m.insert("level".into(), json!(level(v.severity)));
    let mut text = format!("{} {} is affected by {}", v.component.name, v.component.version, v.id);
    if !v.fixed_in.is_empty() {
        text.push_str(&format!(" (fixed in {})", v.fixed_in.join(", ")));
    }
    text.push('.');
    m.insert("message".into(), json!({"text": text}));
    let comp = ids::find_component(report, &v.component.name, &v.component.version).map(|i| &report.components[i]);
    if let Some(e) = comp.and_then(|c| c.evidence.first()) {
        m.insert("locations".into(), json!([location(&e.layer, &e.path, None)]));
    }
    m.insert(
        "partialFingerprints".into(),
        json!({"fwassure/v1": format!("{}|{}@{}", v.id, v.component.name, v.component.version)}),
    );
    if matches!(v.status, VulnStatus::NotAffected | VulnStatus::Fixed) {
        let mut s = Map::new();
        s.insert("kind".into(), json!("external"));
        s.insert("status".into(), json!("accepted"));
        let status = if v.status == VulnStatus::Fixed { "fixed" } else { "not affected" };
        let just = match &v.justification {
            Some(j) => format!("{status}: {j}"),
            None => status.to_string(),
        };
        s.insert("justification".into(), json!(just));
        m.insert("suppressions".into(), json!([Value::Object(s)]));
    }
    let mut p = Map::new();
    p.insert("severity".into(), json!(v.severity.as_str()));
    if let Some(s) = v.score.filter(|s| s.is_finite()) {
        p.insert("cvssScore".into(), json!(s));
    }
    if let Some(vec) = &v.vector {
        p.insert("cvssVector".into(), json!(vec));
    }
    p.insert("status".into(), json!(status_name(v.status)));
    p.insert("kev".into(), json!(v.kev));
    p.insert("component".into(), json!(format!("{}@{}", v.component.name, v.component.version)));
    p.insert("match".into(), json!(format!("{} {} {}", v.matched.method, v.matched.on, v.matched.range)));
    if !v.aliases.is_empty() {
        p.insert("aliases".into(), json!(v.aliases));
    }
    m.insert("properties".into(), Value::Object(p));
    Value::Object(m)
}

/// Serialised name of a VEX status.
pub fn status_name(s: VulnStatus) -> &'static str {
    match s {
        VulnStatus::Affected => "affected",
        VulnStatus::NotAffected => "not_affected",
        VulnStatus::Fixed => "fixed",
        VulnStatus::UnderInvestigation => "under_investigation",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_from_severity() {
        assert_eq!(level(Severity::Critical), "error");
        assert_eq!(level(Severity::High), "error");
        assert_eq!(level(Severity::Medium), "warning");
        assert_eq!(level(Severity::Low), "note");
        assert_eq!(level(Severity::Info), "note");
    }

    #[test]
    fn cwe_numbers() {
        assert_eq!(cwe_number("CWE-798"), Some("798".into()));
        assert_eq!(cwe_number("259"), Some("259".into()));
        assert_eq!(cwe_number("CWE-x"), None);
        assert_eq!(cwe_number(""), None);
    }
}
