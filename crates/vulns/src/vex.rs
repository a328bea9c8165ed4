//! VEX input: read OpenVEX and CycloneDX VEX statements and apply them to matches. (The VEX documents
//! fwassure writes are rendered by `fwassure_report::vex`.)
//!
//! A statement applies to a match when its vulnerability names the match's id or one of its aliases and,
//! when it lists products, one of them names the component (purl with or without version/qualifiers, CPE,
//! `name`, `name@version`, `component:NAME@VERSION` (the `bom-ref` fwassure writes), or a CycloneDX BOM-Link
//! `urn:cdx:SERIAL/VERSION#component:NAME@VERSION` to it). Later statements override earlier ones.
//! Suppressed matches keep their place in the report with status and justification; a statement that
//! applies to no match is returned by [`apply`] so that the caller reports it. A document that is not valid
//! JSON, or a statement without a vulnerability or with an unknown status, is an
//! [`Error::InvalidVex`](crate::Error::InvalidVex) naming where and why.

use std::path::Path;

use fwassure_model::{Component, VulnStatus, Vulnerability};
use serde_json::Value;

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
        Error::InvalidVex { path: None, line, column, message } => {
            Error::InvalidVex { path: Some(path.to_path_buf()), line, column, message }
        }
        other => other,
    })
}

fn invalid(message: impl Into<String>) -> Error {
    Error::InvalidVex { path: None, line: None, column: None, message: message.into() }
}

/// Parse a VEX document: OpenVEX (`statements`) or CycloneDX VEX (`vulnerabilities` with `analysis`).
/// Broken JSON is an error naming its line and column; a statement without a vulnerability or with an
/// unknown status is an error naming the statement, never skipped.
pub fn parse(data: &[u8]) -> Result<Vec<Statement>, Error> {
    let v: Value = serde_json::from_slice(data).map_err(|e| {
        let text = e.to_string();
        let cause = text.split(" at line ").next().unwrap_or(&text).to_string();
        Error::InvalidVex { path: None, line: Some(e.line()), column: Some(e.column()), message: cause }
    })?;
    if let Some(stmts) = v.get("statements") {
        let stmts = stmts.as_array().ok_or_else(|| invalid("OpenVEX `statements` is not an array"))?;
        return stmts
            .iter()
            .enumerate()
            .map(|(i, st)| openvex_statement(st).map_err(|m| invalid(format!("OpenVEX statement {}: {m}", i + 1))))
            .collect();
    }
    if let Some(vulns) = v.get("vulnerabilities") {
        let vulns = vulns.as_array().ok_or_else(|| invalid("CycloneDX `vulnerabilities` is not an array"))?;
        return vulns
            .iter()
            .enumerate()
            .map(|(i, x)| {
                cyclonedx_statement(x).map_err(|m| invalid(format!("CycloneDX vulnerability {}: {m}", i + 1)))
            })
            .collect();
    }
    Err(invalid("neither OpenVEX (`statements`) nor CycloneDX VEX (`vulnerabilities`)"))
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

fn openvex_statement(st: &Value) -> Result<Statement, String> {
    if !st.is_object() {
        return Err("not an object".into());
    }
    let vuln = st.get("vulnerability").ok_or("no `vulnerability`")?;
    let vulnerability = s(Some(vuln))
        .or_else(|| s(vuln.get("name")))
        .or_else(|| s(vuln.get("@id")))
        .ok_or("`vulnerability` has no name")?;
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
    let word = st.get("status").and_then(Value::as_str).ok_or_else(|| format!("{vulnerability}: no `status`"))?;
    let status = match word {
        "not_affected" => VulnStatus::NotAffected,
        "fixed" => VulnStatus::Fixed,
        "affected" => VulnStatus::Affected,
        "under_investigation" => VulnStatus::UnderInvestigation,
        other => {
            return Err(format!(
            "{vulnerability}: unknown status {other:?} (expected not_affected, affected, fixed or under_investigation)"
        ))
        }
    };
    let justification = join(
        s(st.get("justification")),
        s(st.get("impact_statement")).or_else(|| s(st.get("action_statement")).or_else(|| s(st.get("status_notes")))),
    );
    Ok(Statement { vulnerability, products, status, justification })
}

fn cyclonedx_statement(v: &Value) -> Result<Statement, String> {
    let vulnerability = s(v.get("id")).ok_or("no `id`")?;
    let analysis = v.get("analysis").ok_or_else(|| format!("{vulnerability}: no `analysis` (not a VEX statement)"))?;
    let state =
        analysis.get("state").and_then(Value::as_str).ok_or_else(|| format!("{vulnerability}: no `analysis.state`"))?;
    let status = match state {
        "not_affected" | "false_positive" => VulnStatus::NotAffected,
        "resolved" | "resolved_with_pedigree" => VulnStatus::Fixed,
        "exploitable" => VulnStatus::Affected,
        "in_triage" => VulnStatus::UnderInvestigation,
        other => {
            return Err(format!(
                "{vulnerability}: unknown analysis.state {other:?} (expected resolved, resolved_with_pedigree, \
                 exploitable, in_triage, false_positive or not_affected)"
            ))
        }
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
    Ok(Statement { vulnerability, products, status, justification })
}

impl Statement {
    /// One line naming the statement: its vulnerability and products.
    pub fn describe(&self) -> String {
        if self.products.is_empty() {
            format!("{} (any product, {:?})", self.vulnerability, self.status)
        } else {
            format!("{} on {} ({:?})", self.vulnerability, self.products.join(", "), self.status)
        }
    }
}

/// The `bom-ref` a CycloneDX BOM-Link (`urn:cdx:SERIAL/VERSION#REF`) points at, percent-decoded.
fn bom_link_ref(p: &str) -> Option<String> {
    let frag = p.strip_prefix("urn:cdx:")?.split_once('#')?.1;
    let b = frag.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let Ok(x) = u8::from_str_radix(&frag[i + 1..i + 3], 16) {
                out.push(x);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8(out).ok()
}

fn product_matches(p: &str, v: &Vulnerability, comp: Option<&Component>) -> bool {
    let linked = bom_link_ref(p);
    let p = linked.as_deref().unwrap_or(p);
    // fwassure's own component bom-ref: `component:NAME@VERSION`, `#N` when repeated
    let p = p.strip_prefix("component:").map(|x| x.split('#').next().unwrap_or(x)).unwrap_or(p);
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

/// Apply statements to matches (in order; a later statement overrides an earlier one); a match a statement
/// applies to is marked [`Vulnerability::reviewed`]. Returns the indices of the statements that applied to
/// no match: the caller reports them (a statement about a vulnerability or product the report does not
/// have is a mistake to show, not to drop).
pub fn apply(vulns: &mut [Vulnerability], components: &[Component], statements: &[Statement]) -> Vec<usize> {
    let mut used = vec![false; statements.len()];
    for v in vulns.iter_mut() {
        let comp = components.iter().find(|c| c.name == v.component.name && c.version == v.component.version);
        for (i, st) in statements.iter().enumerate() {
            let id_hit = st.vulnerability.eq_ignore_ascii_case(&v.id)
                || v.aliases.iter().any(|a| a.eq_ignore_ascii_case(&st.vulnerability));
            if !id_hit {
                continue;
            }
            if !st.products.is_empty() && !st.products.iter().any(|p| product_matches(p, v, comp)) {
                continue;
            }
            used[i] = true;
            v.status = st.status;
            v.justification = st.justification.clone();
            v.reviewed = true;
        }
    }
    used.iter().enumerate().filter(|(_, u)| !**u).map(|(i, _)| i).collect()
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
            reviewed: false,
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
            supplier: None,
            evidence: vec![],
        }];
        let mut v = vec![
            vuln("CVE-1", "busybox", "1.35.0"),
            vuln("CVE-2", "busybox", "1.35.0"),
            vuln("CVE-3", "busybox", "1.35.0"),
        ];
        let unused = apply(&mut v, &comps, &st);
        assert_eq!(v[0].status, VulnStatus::NotAffected);
        assert!(v[0].reviewed);
        assert_eq!(v[0].justification.as_deref(), Some("vulnerable_code_not_present: applet not built"));
        assert_eq!(v[1].status, VulnStatus::Fixed);
        assert_eq!(v[2].status, VulnStatus::Affected, "other product must not be suppressed");
        assert!(!v[2].reviewed);
        assert_eq!(unused, vec![2], "the statement about another product applied to nothing");
    }

    #[test]
    fn cyclonedx_states() {
        let doc = br#"{"bomFormat":"CycloneDX","specVersion":"1.5","vulnerabilities":[
          {"id":"CVE-9","analysis":{"state":"false_positive","detail":"not this product"},"affects":[{"ref":"curl@7.88.1"}]},
          {"id":"CVE-8","analysis":{"state":"resolved"}}]}"#;
        let st = parse(doc).unwrap();
        let mut v =
            vec![vuln("CVE-9", "curl", "7.88.1"), vuln("CVE-8", "curl", "7.88.1"), vuln("CVE-9", "curl", "8.0.0")];
        assert!(apply(&mut v, &[], &st).is_empty());
        assert_eq!(v[0].status, VulnStatus::NotAffected);
        assert_eq!(v[0].justification.as_deref(), Some("false_positive: not this product"));
        assert_eq!(v[1].status, VulnStatus::Fixed);
        assert_eq!(v[2].status, VulnStatus::Affected);
        assert!(parse(b"{}").is_err());
    }

    #[test]
    fn broken_json_names_line_and_column() {
        let e = parse(b"{\n  \"statements\": [\n    {\"vulnerability\": \"CVE-1\",}\n  ]\n}").unwrap_err();
        match &e {
            Error::InvalidVex { line, column, message, .. } => {
                assert_eq!(*line, Some(3));
                assert!(column.is_some());
                assert!(message.contains("trailing comma"), "{message}");
            }
            other => panic!("{other:?}"),
        }
        assert!(e.to_string().starts_with("line 3, column "), "{e}");
    }

    #[test]
    fn bad_statements_are_errors_not_skips() {
        let e = parse(
            br#"{"statements":[{"vulnerability":"CVE-1","status":"fixed"},{"vulnerability":"CVE-2","status":"gone"}]}"#,
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("OpenVEX statement 2") && e.contains("\"gone\""), "{e}");
        let e = parse(br#"{"statements":[{"status":"fixed"}]}"#).unwrap_err().to_string();
        assert!(e.contains("no `vulnerability`"), "{e}");
        let e = parse(br#"{"vulnerabilities":[{"id":"CVE-1","analysis":{"state":"maybe"}}]}"#).unwrap_err().to_string();
        assert!(e.contains("CycloneDX vulnerability 1") && e.contains("maybe"), "{e}");
        let e = parse(br#"{"statements":{}}"#).unwrap_err().to_string();
        assert!(e.contains("not an array"), "{e}");
    }

    #[test]
    fn bom_links_and_component_refs_name_the_component() {
        let doc = br#"{"vulnerabilities":[
          {"id":"CVE-1","analysis":{"state":"not_affected"},
           "affects":[{"ref":"urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/1#component:curl%407.88.1"}]},
          {"id":"CVE-2","analysis":{"state":"exploitable"},"affects":[{"ref":"component:curl@7.88.1#2"}]},
          {"id":"CVE-3","analysis":{"state":"resolved"},"affects":[{"ref":"component:curl@9"}]}]}"#;
        let st = parse(doc).unwrap();
        let mut v =
            vec![vuln("CVE-1", "curl", "7.88.1"), vuln("CVE-2", "curl", "7.88.1"), vuln("CVE-3", "curl", "7.88.1")];
        let unused = apply(&mut v, &[], &st);
        assert_eq!(v[0].status, VulnStatus::NotAffected);
        assert_eq!(v[1].status, VulnStatus::Affected);
        assert!(v[1].reviewed, "an explicit affected statement is a review");
        assert!(!v[2].reviewed);
        assert_eq!(unused, vec![2]);
        assert!(st[2].describe().contains("CVE-3 on component:curl@9"));
    }
}
