//! VEX: read OpenVEX and CycloneDX VEX statements, apply them to matches, and write matches as CycloneDX VEX.
//!
//! A statement applies to a match when its vulnerability names the match's id or one of its aliases and,
//! when it lists products, one of them names the component (purl with or without version/qualifiers, CPE,
//! `name`, `name@version`, or the `bom-ref` fwassure writes). Later statements override earlier ones.
//! Suppressed matches keep their place in the report with status and justification.

use std::path::Path;

use fwassure_model::{Component, VulnStatus, Vulnerability};
use serde_json::{json, Value};

use crate::error::Error;
use crate::keys::{Cpe, Purl};

/// One VEX statement.
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    /// Vulnerability id (or alias).
    pub vulnerability: String,
    /// Product identifiers; empty = every product.
    pub products: Vec<String>,
    /// Status.
    pub status: VulnStatus,
    /// Justification and/or impact statement.
    pub justification: Option<String>,
}

/// Read a VEX file (OpenVEX or CycloneDX).
pub fn read(path: &Path) -> Result<Vec<Statement>, Error> {
    let data = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    parse(&data).map_err(|e| match e {
        Error::Format(m) => Error::Format(format!("{}: {m}", path.display())),
        other => other,
    })
}

/// Parse a VEX document.
pub fn parse(data: &[u8]) -> Result<Vec<Statement>, Error> {
    let v: Value = serde_json::from_slice(data).map_err(|e| Error::json("VEX document", e))?;
    if let Some(stmts) = v.get("statements").and_then(Value::as_array) {
        return Ok(stmts.iter().filter_map(openvex_statement).collect());
    }
    if let Some(vulns) = v.get("vulnerabilities").and_then(Value::as_array) {
        return Ok(vulns.iter().filter_map(cyclonedx_statement).collect());
    }
    Err(Error::Format("neither OpenVEX (statements) nor CycloneDX VEX (vulnerabilities)".into()))
}

fn s(v: Option<&Value>) -> Option<String> {
    v.and_then(Value::as_str).map(str::to_string).filter(|x| !x.is_empty())
}

fn join(a: Option<String>, b: Option<String>) -> Option<String> {
    match (a, b) {
        (Some(a), Some(b)) => Some(format!("{a}: {b}")),
        (a, b) => a.or(b),
    }
}

fn openvex_statement(st: &Value) -> Option<Statement> {
    let vuln = st.get("vulnerability")?;
    let vulnerability = s(Some(vuln)).or_else(|| s(vuln.get("name"))).or_else(|| s(vuln.get("@id")))?;
    let products = st
        .get("products")
        .and_then(Value::as_array)
        .map(|ps| {
            ps.iter()
                .flat_map(|p| {
                    let mut ids: Vec<String> = Vec::new();
                    if let Some(x) = p.as_str() {
                        ids.push(x.to_string());
                    }
                    ids.extend(s(p.get("@id")));
                    if let Some(idf) = p.get("identifiers").and_then(Value::as_object) {
                        ids.extend(idf.values().filter_map(|x| x.as_str().map(str::to_string)));
                    }
                    // Subcomponents name the affected component inside a product.
                    if let Some(subs) = p.get("subcomponents").and_then(Value::as_array) {
                        ids.extend(subs.iter().filter_map(|x| s(x.get("@id")).or_else(|| s(Some(x)))));
                    }
                    ids
                })
                .collect()
        })
        .unwrap_or_default();
    let status = match st.get("status").and_then(Value::as_str)? {
        "not_affected" => VulnStatus::NotAffected,
        "fixed" => VulnStatus::Fixed,
        "affected" => VulnStatus::Affected,
        "under_investigation" => VulnStatus::UnderInvestigation,
        _ => return None,
    };
    let justification = join(
        s(st.get("justification")),
        s(st.get("impact_statement")).or_else(|| s(st.get("action_statement")).or_else(|| s(st.get("status_notes")))),
    );
    Some(Statement { vulnerability, products, status, justification })
}

fn cyclonedx_statement(v: &Value) -> Option<Statement> {
    let vulnerability = s(v.get("id"))?;
    let analysis = v.get("analysis")?;
    let state = analysis.get("state").and_then(Value::as_str)?;
    let status = match state {
        "not_affected" | "false_positive" => VulnStatus::NotAffected,
        "resolved" | "resolved_with_pedigree" => VulnStatus::Fixed,
        "exploitable" => VulnStatus::Affected,
        "in_triage" => VulnStatus::UnderInvestigation,
        _ => return None,
    };
    let mut justification = join(s(analysis.get("justification")), s(analysis.get("detail")));
    if state == "false_positive" {
        justification = join(Some("false_positive".into()), justification);
    }
    let products = v
        .get("affects")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(|x| s(x.get("ref"))).collect())
        .unwrap_or_default();
    Some(Statement { vulnerability, products, status, justification })
}

/// The `bom-ref` fwassure gives a component: its purl, else `name@version`.
pub fn bom_ref(name: &str, version: &str, purl: Option<&str>) -> String {
    purl.map(str::to_string).unwrap_or_else(|| format!("{name}@{version}"))
}

fn product_matches(p: &str, v: &Vulnerability, comp: Option<&Component>) -> bool {
    let name = &v.component.name;
    let version = &v.component.version;
    if p.eq_ignore_ascii_case(name) || *p == format!("{name}@{version}") {
        return true;
    }
    let Some(c) = comp else { return false };
    if let (Some(pp), Some(cp)) = (Purl::parse(p), c.purl.as_deref().and_then(Purl::parse)) {
        return pp.key() == cp.key() && (pp.version.is_empty() || pp.version == cp.version);
    }
    if let Some(pc) = Cpe::parse(p) {
        let keys = crate::keys::component_keys(c);
        return keys.contains(&pc.key())
            && pc.exact_version().is_none_or(|x| crate::version::compare(&x, version).is_eq());
    }
    false
}

/// Apply statements to matches (in order; a later statement overrides an earlier one).
pub fn apply(vulns: &mut [Vulnerability], components: &[Component], statements: &[Statement]) {
    for v in vulns.iter_mut() {
        let comp = components.iter().find(|c| c.name == v.component.name && c.version == v.component.version);
        for st in statements {
            let id_hit = st.vulnerability.eq_ignore_ascii_case(&v.id)
                || v.aliases.iter().any(|a| a.eq_ignore_ascii_case(&st.vulnerability));
            if !id_hit {
                continue;
            }
            if !st.products.is_empty() && !st.products.iter().any(|p| product_matches(p, v, comp)) {
                continue;
            }
            v.status = st.status;
            v.justification = st.justification.clone();
        }
    }
}

fn cdx_state(s: VulnStatus) -> &'static str {
    match s {
        VulnStatus::Affected => "exploitable",
        VulnStatus::NotAffected => "not_affected",
        VulnStatus::Fixed => "resolved",
        VulnStatus::UnderInvestigation => "in_triage",
    }
}

/// CycloneDX `justification` for an OpenVEX or CycloneDX justification word, when one fits.
fn cdx_justification(j: &str) -> Option<&'static str> {
    let word = j.split(':').next().unwrap_or("").trim();
    Some(match word {
        "code_not_present" | "component_not_present" | "vulnerable_code_not_present" => "code_not_present",
        "code_not_reachable" | "vulnerable_code_not_in_execute_path" => "code_not_reachable",
        "inline_mitigations_already_exist" | "protected_by_mitigating_control" => "protected_by_mitigating_control",
        "requires_configuration" => "requires_configuration",
        "requires_dependency" => "requires_dependency",
        "requires_environment" => "requires_environment",
        "protected_by_compiler" => "protected_by_compiler",
        "protected_at_runtime" => "protected_at_runtime",
        "protected_at_perimeter" => "protected_at_perimeter",
        _ => return None,
    })
}

/// Write matches as a CycloneDX 1.5 VEX document (deterministic: no timestamp, no serial number).
pub fn to_cyclonedx(components: &[Component], vulns: &[Vulnerability]) -> Value {
    let mut comps = Vec::new();
    let mut refs = std::collections::BTreeSet::new();
    let ref_of = |v: &Vulnerability| {
        let c = components.iter().find(|c| c.name == v.component.name && c.version == v.component.version);
        (bom_ref(&v.component.name, &v.component.version, c.and_then(|c| c.purl.as_deref())), c)
    };
    for v in vulns {
        let (r, c) = ref_of(v);
        if refs.insert(r.clone()) {
            let mut o =
                json!({"type": "library", "bom-ref": r, "name": v.component.name, "version": v.component.version});
            if let Some(c) = c {
                if let Some(p) = &c.purl {
                    o["purl"] = json!(p);
                }
                if let Some(cpe) = &c.cpe {
                    o["cpe"] = json!(cpe);
                }
            }
            comps.push(o);
        }
    }
    let list: Vec<Value> = vulns
        .iter()
        .map(|v| {
            let (r, _) = ref_of(v);
            let mut o = json!({"id": v.id});
            if v.id.starts_with("CVE-") {
                o["source"] = json!({"name": "NVD", "url": format!("https://nvd.nist.gov/vuln/detail/{}", v.id)});
            }
            if !v.aliases.is_empty() {
                o["references"] = Value::Array(v.aliases.iter().map(|a| json!({"id": a, "source": {}})).collect());
            }
            if let Some(score) = v.score {
                let mut rating = json!({"score": score, "severity": v.severity.as_str()});
                if let Some(vec) = &v.vector {
                    let method = if vec.starts_with("CVSS:4") {
                        "CVSSv4"
                    } else if vec.starts_with("CVSS:3.1") {
                        "CVSSv31"
                    } else if vec.starts_with("CVSS:3") {
                        "CVSSv3"
                    } else {
                        "CVSSv2"
                    };
                    rating["method"] = json!(method);
                    rating["vector"] = json!(vec);
                }
                o["ratings"] = json!([rating]);
            }
            let cwes: Vec<u64> =
                v.cwe.iter().filter_map(|c| c.strip_prefix("CWE-").and_then(|n| n.parse().ok())).collect();
            if !cwes.is_empty() {
                o["cwes"] = json!(cwes);
            }
            if !v.references.is_empty() {
                o["advisories"] = Value::Array(v.references.iter().map(|u| json!({"url": u})).collect());
            }
            if let Some(p) = &v.published {
                o["published"] = json!(format!("{p}T00:00:00Z"));
            }
            let mut analysis = json!({"state": cdx_state(v.status)});
            if let Some(j) = &v.justification {
                if let Some(cj) = cdx_justification(j) {
                    analysis["justification"] = json!(cj);
                }
                analysis["detail"] = json!(j);
            } else {
                analysis["detail"] =
                    json!(format!("matched {} {} on {}", v.matched.method, v.matched.range, v.matched.on));
            }
            o["analysis"] = analysis;
            let vstatus = if v.status == VulnStatus::Affected || v.status == VulnStatus::UnderInvestigation {
                if v.status == VulnStatus::Affected {
                    "affected"
                } else {
                    "unknown"
                }
            } else {
                "unaffected"
            };
            o["affects"] = json!([{"ref": r, "versions": [{"version": v.component.version, "status": vstatus}]}]);
            o
        })
        .collect();
    json!({
        "bomFormat": "CycloneDX",
        "specVersion": "1.5",
        "version": 1,
        "metadata": {"tools": {"components": [{"type": "application", "name": "fwassure",
            "version": env!("CARGO_PKG_VERSION")}]}},
        "components": comps,
        "vulnerabilities": list,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use fwassure_model::vuln::ComponentRef;
    use fwassure_model::{Severity, VulnMatch};

    fn vuln(id: &str, name: &str, version: &str) -> Vulnerability {
        Vulnerability {
            id: id.into(),
            aliases: vec![],
            component: ComponentRef { name: name.into(), version: version.into() },
            severity: Severity::High,
            score: Some(7.5),
            vector: Some("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H".into()),
            fixed_in: vec![],
            status: VulnStatus::Affected,
            justification: None,
            matched: VulnMatch { method: "cpe".into(), on: "x:y".into(), range: "<2".into(), notes: vec![] },
            kev: false,
            cwe: vec!["CWE-787".into()],
            references: vec![],
            published: None,
        }
    }

    #[test]
    fn openvex_marks_not_affected_and_fixed() {
        let doc = br#"{"@context":"https://openvex.dev/ns/v0.2.0","statements":[
          {"vulnerability":{"name":"CVE-1"},"products":[{"@id":"pkg:generic/busybox@1.35.0"}],
           "status":"not_affected","justification":"vulnerable_code_not_present","impact_statement":"applet not built"},
          {"vulnerability":"CVE-2","status":"fixed"},
          {"vulnerability":{"name":"CVE-3"},"products":[{"@id":"pkg:generic/other"}],"status":"not_affected"}]}"#;
        let st = parse(doc).unwrap();
        assert_eq!(st.len(), 3);
        let comps = vec![Component {
            name: "busybox".into(),
            version: "1.35.0".into(),
            purl: Some("pkg:generic/busybox@1.35.0".into()),
            cpe: None,
            source: fwassure_model::ComponentSource::Binary,
            confidence: fwassure_model::Confidence::High,
            package_version: None,
            license: None,
            evidence: vec![],
        }];
        let mut v = vec![
            vuln("CVE-1", "busybox", "1.35.0"),
            vuln("CVE-2", "busybox", "1.35.0"),
            vuln("CVE-3", "busybox", "1.35.0"),
        ];
        apply(&mut v, &comps, &st);
        assert_eq!(v[0].status, VulnStatus::NotAffected);
        assert_eq!(v[0].justification.as_deref(), Some("vulnerable_code_not_present: applet not built"));
        assert_eq!(v[1].status, VulnStatus::Fixed);
        assert_eq!(v[2].status, VulnStatus::Affected, "other product must not be suppressed");
        // Round trip through our own CycloneDX VEX.
        let out = to_cyclonedx(&comps, &v);
        assert_eq!(out["vulnerabilities"][0]["analysis"]["state"], "not_affected");
        assert_eq!(out["vulnerabilities"][0]["analysis"]["justification"], "code_not_present");
        let back = parse(serde_json::to_string(&out).unwrap().as_bytes()).unwrap();
        let mut fresh = vec![vuln("CVE-1", "busybox", "1.35.0")];
        apply(&mut fresh, &comps, &back);
        assert_eq!(fresh[0].status, VulnStatus::NotAffected);
    }

    #[test]
    fn cyclonedx_states() {
        let doc = br#"{"bomFormat":"CycloneDX","specVersion":"1.5","vulnerabilities":[
          {"id":"CVE-9","analysis":{"state":"false_positive","detail":"not this product"},"affects":[{"ref":"curl@7.88.1"}]},
          {"id":"CVE-8","analysis":{"state":"resolved"}}]}"#;
        let st = parse(doc).unwrap();
        let mut v =
            vec![vuln("CVE-9", "curl", "7.88.1"), vuln("CVE-8", "curl", "7.88.1"), vuln("CVE-9", "curl", "8.0.0")];
        apply(&mut v, &[], &st);
        assert_eq!(v[0].status, VulnStatus::NotAffected);
        assert_eq!(v[0].justification.as_deref(), Some("false_positive: not this product"));
        assert_eq!(v[1].status, VulnStatus::Fixed);
        assert_eq!(v[2].status, VulnStatus::Affected);
        assert!(parse(b"{}").is_err());
    }
}
