//! SPDX 2.3 JSON.
//!
//! Shape of the document:
//! - the image is the root package (`SPDXRef-DOCUMENT DESCRIBES SPDXRef-Image`, purpose `FIRMWARE`, SHA256);
//! - each layer is a package (`ARCHIVE` for a filesystem, `FILE` for a raw payload) that its parent layer, or
//!   the image, `CONTAINS`;
//! - each software component is a package with `externalRefs` (purl as `PACKAGE-MANAGER`, CPE 2.3 as
//!   `SECURITY cpe23Type`, its vulnerabilities as `SECURITY advisory`), `filesAnalyzed: false`, licences
//!   `NOASSERTION` unless a package database declared one; the layers it was found in `CONTAINS` it;
//! - each evidence file with a known sha256 is a package of purpose `FILE` (`packageFileName`
//!   `./LAYER/PATH`, SHA256 checksum) that its layer `CONTAINS`, related to the component it shows as `OTHER`
//!   with the comment `evident-by` (the convention syft uses). A package, not an SPDX `files` entry, because
//!   SPDX 2.3 requires a SHA1 checksum on every file and the report records sha256 only.
//!
//! Determinism: `documentNamespace` is derived from the image sha256 and the tool version (no random part);
//! `creationInfo.created` is [`SbomOptions::created`] when the caller derived one from its input (the CLI uses
//! `SOURCE_DATE_EPOCH`), else the fixed [`time::EPOCH`], because the field is mandatory and the renderer never
//! reads the clock.

use std::collections::{BTreeMap, BTreeSet};

use fwassure_model::{Component, Report};
use serde_json::{json, Map, Value};

use crate::ids;
use crate::license::{self, License};
use crate::time::{self, SbomOptions};

/// Render the report as an SPDX 2.3 JSON document created at the fixed [`time::EPOCH`].
pub fn render(report: &Report) -> String {
    render_with(report, &SbomOptions::default())
}

/// Render the report as an SPDX 2.3 JSON document (pretty, trailing newline).
pub fn render_with(report: &Report, opts: &SbomOptions) -> String {
    crate::json::document_text(&document(report, opts))
}

/// The document namespace of an image's SPDX document.
pub fn namespace(report: &Report) -> String {
    format!("https://spdx.org/spdxdocs/fwassure-{}/{}", sanitize(&report.tool.version), sanitize(&report.image.sha256))
}

const IMAGE_ID: &str = "SPDXRef-Image";

/// The SPDX document as a JSON value.
pub fn document(report: &Report, opts: &SbomOptions) -> Value {
    let mut used = BTreeSet::new();
    used.insert("SPDXRef-DOCUMENT".to_string());
    used.insert(IMAGE_ID.to_string());
    let mut rels: Vec<(String, &str, String, Option<String>)> =
        vec![("SPDXRef-DOCUMENT".into(), "DESCRIBES", IMAGE_ID.into(), None)];
    let mut packages = vec![image_package(report)];

    // layers
    let mut layer_ids: BTreeMap<&str, String> = BTreeMap::new();
    for l in &report.layers {
        layer_ids.insert(&l.id, unique(&mut used, &format!("SPDXRef-Layer-{}", sanitize(&l.id))));
    }
    for l in &report.layers {
        let id = layer_ids[l.id.as_str()].clone();
        let parent = l.parent.as_deref().and_then(|p| layer_ids.get(p)).filter(|p| **p != id);
        rels.push((parent.cloned().unwrap_or_else(|| IMAGE_ID.into()), "CONTAINS", id.clone(), None));
        let mut p = Map::new();
        p.insert("SPDXID".into(), json!(id));
        p.insert("name".into(), json!(format!("{} {}", l.id, l.format)));
        p.insert("downloadLocation".into(), json!("NOASSERTION"));
        p.insert("filesAnalyzed".into(), json!(false));
        p.insert("primaryPackagePurpose".into(), json!(if ids::is_filesystem(l) { "ARCHIVE" } else { "FILE" }));
        p.insert("licenseConcluded".into(), json!("NOASSERTION"));
        p.insert("licenseDeclared".into(), json!("NOASSERTION"));
        p.insert("copyrightText".into(), json!("NOASSERTION"));
        let mut comment = format!(
            "fwassure layer {}: format {}, offset {}, size {}, {} files",
            l.id, l.format, l.offset, l.size, l.files
        );
        if let Some(sp) = &l.path {
            comment.push_str(&format!(", from {sp}"));
        }
        if !l.description.is_empty() {
            comment.push_str(&format!(" ({})", l.description));
        }
        for prob in &l.problems {
            comment.push_str(&format!("; problem: {prob}"));
        }
        p.insert("comment".into(), json!(comment));
        packages.push(Value::Object(p));
    }

    // components and their evidence files (files without a sha256 are left out: their location stays in the
    // component's sourceInfo)
    let mut extracted: BTreeMap<String, String> = BTreeMap::new();
    let mut evident: Vec<(String, (String, String))> = Vec::new();
    let mut hashes: BTreeMap<(String, String), String> = BTreeMap::new();
    for c in &report.components {
        let id = unique(&mut used, &format!("SPDXRef-Package-{}-{}", sanitize(&c.name), sanitize(&c.version)));
        packages.push(component_package(c, &id, report, &mut extracted));
        let mut holders: BTreeSet<String> =
            ids::evidence_layers(c).into_iter().filter_map(|l| layer_ids.get(l).cloned()).collect();
        if holders.is_empty() {
            holders.insert(IMAGE_ID.into());
        }
        for h in holders {
            rels.push((h, "CONTAINS", id.clone(), None));
        }
        for (layer, path, sha) in ids::evidence_files(c) {
            let key = (layer.to_string(), path.to_string());
            if let Some(s) = sha.filter(|s| is_sha256(s)) {
                hashes.entry(key.clone()).or_insert_with(|| s.to_ascii_lowercase());
            }
            if !path.is_empty() {
                evident.push((id.clone(), key));
            }
        }
    }
    let mut file_ids: BTreeMap<&(String, String), String> = BTreeMap::new();
    for key in hashes.keys().filter(|(_, path)| !path.is_empty()) {
        file_ids.insert(key, unique(&mut used, &format!("SPDXRef-File-{}-{}", sanitize(&key.0), sanitize(&key.1))));
    }
    for (pkg, key) in &evident {
        if let Some(fid) = file_ids.get(key) {
            rels.push((pkg.clone(), "OTHER", fid.clone(), Some("evident-by".into())));
        }
    }
    for ((layer, _), fid) in &file_ids {
        let holder = layer_ids.get(layer.as_str()).cloned().unwrap_or_else(|| IMAGE_ID.into());
        rels.push((holder, "CONTAINS", fid.clone(), None));
    }
    for ((layer, path), fid) in &file_ids {
        packages.push(json!({
            "SPDXID": fid,
            "name": path,
            "packageFileName": format!("./{}/{}", layer, path.trim_start_matches('/')),
            "downloadLocation": "NOASSERTION",
            "filesAnalyzed": false,
            "primaryPackagePurpose": "FILE",
            "checksums": [{"algorithm": "SHA256", "checksumValue": hashes[&(layer.clone(), path.clone())]}],
            "licenseConcluded": "NOASSERTION",
            "licenseDeclared": "NOASSERTION",
            "copyrightText": "NOASSERTION",
            "comment": format!("evidence file {path} in layer {layer}"),
        }));
    }

    rels.sort();
    rels.dedup();
    let relationships: Vec<Value> = rels
        .into_iter()
        .map(|(a, t, b, c)| {
            let mut m = Map::new();
            m.insert("spdxElementId".into(), json!(a));
            m.insert("relationshipType".into(), json!(t));
            m.insert("relatedSpdxElement".into(), json!(b));
            if let Some(c) = c {
                m.insert("comment".into(), json!(c));
            }
            Value::Object(m)
        })
        .collect();

    let mut doc = Map::new();
    doc.insert("spdxVersion".into(), json!("SPDX-2.3"));
    doc.insert("dataLicense".into(), json!("CC0-1.0"));
    doc.insert("SPDXID".into(), json!("SPDXRef-DOCUMENT"));
    doc.insert("name".into(), json!(format!("fwassure SBOM of {}", ids::image_name(report))));
    doc.insert("documentNamespace".into(), json!(namespace(report)));
    doc.insert(
        "creationInfo".into(),
        json!({
            "created": opts.created.clone().unwrap_or_else(|| time::EPOCH.to_string()),
            "creators": [format!("Tool: {}-{}", report.tool.name, report.tool.version)],
            "comment": "Components were identified from the image's binaries and metadata; see each package's sourceInfo.",
        }),
    );
    doc.insert("documentDescribes".into(), json!([IMAGE_ID]));
    doc.insert("packages".into(), Value::Array(packages));
    if !extracted.is_empty() {
        let infos: Vec<Value> = extracted
            .into_iter()
            .map(|(id, text)| json!({"licenseId": id, "extractedText": text, "name": text}))
            .collect();
        doc.insert("hasExtractedLicensingInfos".into(), Value::Array(infos));
    }
    doc.insert("relationships".into(), Value::Array(relationships));
    Value::Object(doc)
}

fn image_package(report: &Report) -> Value {
    let mut p = Map::new();
    p.insert("SPDXID".into(), json!(IMAGE_ID));
    p.insert("name".into(), json!(ids::image_name(report)));
    p.insert("downloadLocation".into(), json!("NOASSERTION"));
    p.insert("filesAnalyzed".into(), json!(false));
    p.insert("primaryPackagePurpose".into(), json!("FIRMWARE"));
    let sha = &report.image.sha256;
    if is_sha256(sha) {
        p.insert("checksums".into(), json!([{"algorithm": "SHA256", "checksumValue": sha.to_ascii_lowercase()}]));
    }
    p.insert("licenseConcluded".into(), json!("NOASSERTION"));
    p.insert("licenseDeclared".into(), json!("NOASSERTION"));
    p.insert("copyrightText".into(), json!("NOASSERTION"));
    p.insert("comment".into(), json!(format!("firmware image {} ({} bytes)", report.image.path, report.image.size)));
    Value::Object(p)
}

fn component_package(c: &Component, id: &str, report: &Report, extracted: &mut BTreeMap<String, String>) -> Value {
    let mut p = Map::new();
    p.insert("SPDXID".into(), json!(id));
    p.insert("name".into(), json!(c.name));
    p.insert("versionInfo".into(), json!(c.version));
    p.insert("downloadLocation".into(), json!("NOASSERTION"));
    p.insert("filesAnalyzed".into(), json!(false));
    p.insert("licenseConcluded".into(), json!("NOASSERTION"));
    let declared = match c.license.as_deref().map(str::trim).filter(|l| !l.is_empty()).map(license::classify) {
        Some(License::Expression(e)) => e,
        Some(License::Text(t)) => {
            let r = license::license_ref(&t);
            extracted.insert(r.clone(), t);
            r
        }
        None => "NOASSERTION".to_string(),
    };
    p.insert("licenseDeclared".into(), json!(declared));
    p.insert("copyrightText".into(), json!("NOASSERTION"));
    if let Some(pv) = &c.package_version {
        p.insert("summary".into(), json!(format!("distribution package version {pv}")));
    }
    let mut refs = Vec::new();
    if let Some(purl) = &c.purl {
        refs.push(json!({"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl", "referenceLocator": purl}));
    }
    if let Some(cpe) = &c.cpe {
        refs.push(json!({"referenceCategory": "SECURITY", "referenceType": "cpe23Type", "referenceLocator": cpe}));
    }
    let advisories: BTreeSet<String> = report
        .vulnerabilities
        .iter()
        .filter(|v| v.component.name == c.name && v.component.version == c.version)
        .map(|v| ids::advisory_url(&v.id))
        .collect();
    for a in advisories {
        refs.push(json!({"referenceCategory": "SECURITY", "referenceType": "advisory", "referenceLocator": a}));
    }
    if !refs.is_empty() {
        p.insert("externalRefs".into(), Value::Array(refs));
    }
    let mut info = format!(
        "identified by fwassure from {} evidence, confidence {}",
        ids::source_name(c.source),
        ids::confidence_name(c.confidence)
    );
    for e in &c.evidence {
        info.push_str(&format!("; {} ({})", ids::location(&e.layer, &e.path), e.method));
        if let Some(o) = e.offset {
            info.push_str(&format!(" at offset {o}"));
        }
        if !e.text.is_empty() {
            info.push_str(&format!(": {:?}", e.text));
        }
    }
    p.insert("sourceInfo".into(), json!(info));
    Value::Object(p)
}

fn is_sha256(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Keep letters, digits, `.` and `-` (the SPDX id alphabet); anything else becomes `-`.
fn sanitize(s: &str) -> String {
    let out: String =
        s.chars().map(|c| if c.is_ascii_alphanumeric() || c == '.' || c == '-' { c } else { '-' }).collect();
    let t = out.trim_matches('-');
    if t.is_empty() {
        "x".to_string()
    } else {
        t.to_string()
    }
}

/// `base`, or `base-2`, `base-3` … when already used.
fn unique(used: &mut BTreeSet<String>, base: &str) -> String {
    ids::unique(used, base, '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_use_the_spdx_alphabet() {
        assert_eq!(sanitize("/usr/lib/libc.so.6"), "usr-lib-libc.so.6");
        assert_eq!(sanitize("1:2.3+dfsg~1"), "1-2.3-dfsg-1");
        assert_eq!(sanitize("///"), "x");
        let mut used = BTreeSet::new();
        assert_eq!(unique(&mut used, "a"), "a");
        assert_eq!(unique(&mut used, "a"), "a-2");
        assert_eq!(unique(&mut used, "a"), "a-3");
    }
}
