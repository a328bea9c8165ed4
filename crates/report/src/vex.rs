//! VEX documents of a report's vulnerability matches: CycloneDX 1.6 VEX and OpenVEX 0.2.0.
//!
//! Both name the product (the image: its name, version when the evidence knows it, sha256), carry an
//! identifier derived from their content (CycloneDX `serialNumber`, OpenVEX `@id`; no random part) and the
//! time [`VexOptions::created`] gives (the CLI: the clock, or a fixed time under `--reproducible`).
//!
//! Status: a match a VEX statement decided keeps its state (`not_affected`, `resolved`/`fixed`,
//! `exploitable`/`affected`, `in_triage`/`under_investigation`); a match nobody reviewed
//! ([`fwassure_model::Vulnerability::reviewed`] false) is `in_triage` / `under_investigation`, never
//! `exploitable`: a version match says the code may be there, not that it can be exploited.
//!
//! The CycloneDX document links every affected component to the SBOM by BOM-Link
//! (`urn:cdx:SERIAL/1#component:NAME@VERSION`): `SERIAL` is the serial number of the inventory SBOM of the
//! same image, `fwassure sbom IMAGE --no-vulns`, which does not change when the VEX does.

use std::collections::BTreeSet;

use fwassure_model::{Report, VulnStatus, Vulnerability};
use serde_json::{json, Map, Value};

use crate::{cyclonedx, ids, uuid};

/// Options of the VEX renderers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VexOptions {
    /// Creation time as RFC 3339 UTC. CycloneDX omits `metadata.timestamp` without it; OpenVEX, whose
    /// `timestamp` is mandatory, then writes [`crate::time::EPOCH`].
    pub created: Option<String>,
    /// The image's supplier, as given to the SBOM ([`crate::SbomOptions::supplier`]): it is part of the
    /// inventory SBOM the CycloneDX VEX links to, and names the product's supplier here too.
    pub supplier: Option<String>,
}

/// The serial number of the inventory SBOM the CycloneDX VEX links to: the CycloneDX SBOM of the report
/// without its vulnerabilities (`fwassure sbom IMAGE --no-vulns`, with the same `--supplier`).
pub fn sbom_serial(report: &Report, opts: &VexOptions) -> String {
    let mut inventory = report.clone();
    inventory.vulnerabilities.clear();
    let sbom = crate::SbomOptions { created: None, supplier: opts.supplier.clone() };
    cyclonedx::serial_number(&inventory, &sbom)
}

/// CycloneDX VEX state and version status of a match.
pub fn cdx_state(v: &Vulnerability) -> (&'static str, &'static str) {
    match v.status {
        VulnStatus::Affected if v.reviewed => ("exploitable", "affected"),
        VulnStatus::Affected => ("in_triage", "affected"),
        VulnStatus::NotAffected => ("not_affected", "unaffected"),
        VulnStatus::Fixed => ("resolved", "unaffected"),
        VulnStatus::UnderInvestigation => ("in_triage", "unknown"),
    }
}

/// OpenVEX status of a match.
pub fn openvex_status(v: &Vulnerability) -> &'static str {
    match v.status {
        VulnStatus::Affected if v.reviewed => "affected",
        VulnStatus::Affected | VulnStatus::UnderInvestigation => "under_investigation",
        VulnStatus::NotAffected => "not_affected",
        VulnStatus::Fixed => "fixed",
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

/// OpenVEX justification for a CycloneDX or OpenVEX justification word, when one fits.
fn openvex_justification(j: &str) -> Option<&'static str> {
    let word = j.split(':').next().unwrap_or("").trim();
    Some(match word {
        "component_not_present" => "component_not_present",
        "code_not_present" | "vulnerable_code_not_present" => "vulnerable_code_not_present",
        "code_not_reachable" | "vulnerable_code_not_in_execute_path" => "vulnerable_code_not_in_execute_path",
        "vulnerable_code_cannot_be_controlled_by_adversary" => "vulnerable_code_cannot_be_controlled_by_adversary",
        "inline_mitigations_already_exist"
        | "protected_by_mitigating_control"
        | "protected_by_compiler"
        | "protected_at_runtime"
        | "protected_at_perimeter" => "inline_mitigations_already_exist",
        _ => return None,
    })
}

/// Render the report's matches as a CycloneDX 1.6 VEX document (pretty, trailing newline).
pub fn render_cyclonedx(report: &Report, opts: &VexOptions) -> String {
    crate::json::document_text(&cyclonedx_document(report, opts))
}

/// Render the report's matches as an OpenVEX 0.2.0 document (pretty, trailing newline).
pub fn render_openvex(report: &Report, opts: &VexOptions) -> String {
    crate::json::document_text(&openvex_document(report, opts))
}

/// The CycloneDX 1.6 VEX document as a JSON value.
pub fn cyclonedx_document(report: &Report, opts: &VexOptions) -> Value {
    let sbom = sbom_serial(report, opts);
    let crefs = ids::component_refs(report);
    let mut seen = BTreeSet::new();
    let vulns: Vec<Value> = report
        .vulnerabilities
        .iter()
        .map(|v| {
            let cref = ids::find_component(report, &v.component.name, &v.component.version)
                .and_then(|i| crefs.get(i).cloned())
                .unwrap_or_else(|| format!("component:{}@{}", v.component.name, v.component.version));
            let vref = ids::unique(&mut seen, &format!("vulnerability:{}:{}", v.id, cref), '#');
            let mut m = Map::new();
            m.insert("bom-ref".into(), json!(vref));
            m.insert("id".into(), json!(v.id));
            m.insert("source".into(), json!({"name": ids::advisory_source(&v.id), "url": ids::advisory_url(&v.id)}));
            let aliases: BTreeSet<&str> = v.aliases.iter().map(String::as_str).filter(|a| *a != v.id).collect();
            if !aliases.is_empty() {
                let refs: Vec<Value> = aliases
                    .into_iter()
                    .map(|a| json!({"id": a, "source": {"name": ids::advisory_source(a), "url": ids::advisory_url(a)}}))
                    .collect();
                m.insert("references".into(), Value::Array(refs));
            }
            let (state, version_status) = cdx_state(v);
            let mut analysis = Map::new();
            analysis.insert("state".into(), json!(state));
            if let Some(cj) = v.justification.as_deref().and_then(cdx_justification) {
                if v.status == VulnStatus::NotAffected {
                    analysis.insert("justification".into(), json!(cj));
                }
            }
            let detail = match &v.justification {
                Some(j) => j.clone(),
                None if !v.reviewed => {
                    format!("not reviewed: matched by {} on {} ({})", v.matched.method, v.matched.on, v.matched.range)
                }
                None => format!("matched by {} on {} ({})", v.matched.method, v.matched.on, v.matched.range),
            };
            analysis.insert("detail".into(), json!(detail));
            m.insert("analysis".into(), Value::Object(analysis));
            m.insert(
                "affects".into(),
                json!([{"ref": ids::bom_link(&sbom, 1, &cref),
                        "versions": [{"version": v.component.version, "status": version_status}]}]),
            );
            Value::Object(m)
        })
        .collect();
    let mut metadata = Map::new();
    metadata.insert(
        "tools".into(),
        json!({"components": [{"type": "application", "bom-ref": "tool:fwassure", "name": report.tool.name,
            "version": report.tool.version}]}),
    );
    metadata.insert("component".into(), Value::Object(cyclonedx::image_component(report, opts.supplier.as_deref())));
    let mut doc = Map::new();
    doc.insert("$schema".into(), json!("http://cyclonedx.org/schema/bom-1.6.schema.json"));
    doc.insert("bomFormat".into(), json!("CycloneDX"));
    doc.insert("specVersion".into(), json!("1.6"));
    doc.insert("version".into(), json!(1));
    doc.insert("metadata".into(), Value::Object(metadata));
    doc.insert(
        "externalReferences".into(),
        json!([{"type": "bom", "url": format!("urn:cdx:{}/1", sbom.trim_start_matches("urn:uuid:")),
                "comment": "the inventory SBOM: fwassure sbom IMAGE --no-vulns"}]),
    );
    doc.insert("vulnerabilities".into(), Value::Array(vulns));
    let serial = cyclonedx::content_serial(&Value::Object(doc.clone()));
    doc.insert("serialNumber".into(), json!(serial));
    if let (Some(t), Some(Value::Object(m))) = (&opts.created, doc.get_mut("metadata")) {
        m.insert("timestamp".into(), json!(t));
    }
    Value::Object(doc)
}

/// Percent-encoding of a purl name or version: unreserved characters stay, every other byte is `%XX`.
fn purl_encode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// The product identifier of the image in OpenVEX: a `pkg:generic` purl with its version and sha256.
fn image_purl(report: &Report) -> String {
    let name = purl_encode(&ids::image_name(report));
    let version = purl_encode(&ids::image_version(report).unwrap_or_else(|| ids::image_digest_version(report)));
    format!("pkg:generic/{name}@{version}?checksum=sha256:{}", report.image.sha256)
}

/// The OpenVEX 0.2.0 document as a JSON value.
pub fn openvex_document(report: &Report, opts: &VexOptions) -> Value {
    let product = image_purl(report);
    let statements: Vec<Value> = report
        .vulnerabilities
        .iter()
        .map(|v| {
            let comp =
                ids::find_component(report, &v.component.name, &v.component.version).map(|i| &report.components[i]);
            let sub = comp
                .and_then(|c| c.purl.clone())
                .unwrap_or_else(|| format!("{}@{}", v.component.name, v.component.version));
            let mut vuln = json!({"name": v.id});
            let aliases: Vec<&str> = v.aliases.iter().map(String::as_str).filter(|a| *a != v.id).collect();
            if !aliases.is_empty() {
                vuln["aliases"] = json!(aliases);
            }
            let status = openvex_status(v);
            let mut st = Map::new();
            st.insert("vulnerability".into(), vuln);
            st.insert(
                "products".into(),
                json!([{"@id": product, "identifiers": {"purl": product},
                        "hashes": {"sha-256": report.image.sha256}, "subcomponents": [{"@id": sub}]}]),
            );
            st.insert("status".into(), json!(status));
            match status {
                "not_affected" => {
                    let j = v.justification.as_deref().and_then(openvex_justification);
                    if let Some(j) = j {
                        st.insert("justification".into(), json!(j));
                    }
                    let text =
                        v.justification.clone().unwrap_or_else(|| "stated not affected by a VEX document".into());
                    st.insert("impact_statement".into(), json!(text));
                }
                "affected" => {
                    let action = if v.fixed_in.is_empty() {
                        "no fixed version is known; mitigate or remove the component".to_string()
                    } else {
                        format!("upgrade to a fixed version: {}", v.fixed_in.join(", "))
                    };
                    st.insert("action_statement".into(), json!(action));
                }
                _ => {
                    let notes = v.justification.clone().unwrap_or_else(|| {
                        format!(
                            "not reviewed: matched by {} on {} ({})",
                            v.matched.method, v.matched.on, v.matched.range
                        )
                    });
                    st.insert("status_notes".into(), json!(notes));
                }
            }
            Value::Object(st)
        })
        .collect();
    let mut doc = Map::new();
    doc.insert("@context".into(), json!("https://openvex.dev/ns/v0.2.0"));
    doc.insert("author".into(), json!(format!("{} {}", report.tool.name, report.tool.version)));
    doc.insert("role".into(), json!("automated scanner"));
    doc.insert("version".into(), json!(1));
    doc.insert("tooling".into(), json!(format!("{} {}", report.tool.name, report.tool.version)));
    doc.insert("statements".into(), Value::Array(statements));
    let text = serde_json::to_string(&Value::Object(doc.clone())).unwrap_or_default();
    let id = uuid::v5(&uuid::NAMESPACE_URL, &format!("fwassure:openvex:{text}"));
    doc.insert("@id".into(), json!(format!("https://openvex.dev/docs/fwassure/{id}")));
    doc.insert("timestamp".into(), json!(opts.created.clone().unwrap_or_else(|| crate::time::EPOCH.to_string())));
    Value::Object(doc)
}
