//! SPDX 2.3 JSON.
//!
//! Shape of the document:
//! - the image is the root package (`SPDXRef-DOCUMENT DESCRIBES SPDXRef-Image`, purpose `FIRMWARE`, SHA256),
//!   versioned by its distribution's version when the evidence knows it, else by its hash
//!   (`sha256:` and 16 hex digits);
//! - each layer is a package (`ARCHIVE` for a filesystem, `FILE` for a raw payload) that its parent layer, or
//!   the image, `CONTAINS`. A layer is a region of this one image and has no release of its own: its
//!   `versionInfo` is the image hash version, which names exactly the bytes it was read from and changes
//!   with them (the NTIA minimum elements want a version on every package);
//! - each software component is a package with `externalRefs` (purl as `PACKAGE-MANAGER`, CPE 2.3 as
//!   `SECURITY cpe23Type`, its vulnerabilities as `SECURITY advisory`), `filesAnalyzed: false`, licences
//!   `NOASSERTION` unless a package database declared one; the layers it was found in `CONTAINS` it;
//! - each evidence file with a known sha1 and sha256 is an SPDX `files` entry (`fileName` `./LAYER/PATH`,
//!   SHA1, SHA256 and, when known, SHA512 checksums, `fileTypes` `BINARY`/`ARCHIVE`/`OTHER` from the
//!   file's first bytes) that its layer `CONTAINS` (the layer then has `filesAnalyzed: true`, its
//!   `hasFiles` and the `packageVerificationCode` of those files: only the evidence files are listed, the
//!   comment says so), related to the component it shows as `OTHER` with the comment `evident-by` (the
//!   convention syft uses);
//! - `supplier` on every package: `Organization: NAME (EMAIL)` from the package database's maintainer, else
//!   `Organization: VENDOR` from the component's CPE, else `Organization: NAME project`, the upstream project
//!   of the product the catalog identified. The image and its layers: [`SbomOptions::supplier`] (the
//!   manufacturer, `sbom --supplier`), else the `vendor` a container header states, else `NOASSERTION`
//!   (which the NTIA conformance checker counts as missing: nothing else in an image names its maker).
//!
//! Determinism: `documentNamespace` ends in a name-based UUID of the document's content (everything but the
//! namespace and the creation time; no random part): the same report gives the same namespace, any change of
//! content another. `creationInfo.created` is [`SbomOptions::created`] (the CLI: the clock, or a fixed time
//! under `--reproducible` or `SOURCE_DATE_EPOCH`), else the fixed [`time::EPOCH`], because the field is
//! mandatory and the renderer never reads the clock.

use std::collections::{BTreeMap, BTreeSet};

use fwassure_model::{Component, FileKind, Report};
use serde_json::{json, Map, Value};

use crate::ids;
use crate::license::{self, License};
use crate::time::{self, SbomOptions};
use crate::uuid;
use sha1::{Digest, Sha1};

/// Render the report as an SPDX 2.3 JSON document created at the fixed [`time::EPOCH`].
pub fn render(report: &Report) -> String {
    render_with(report, &SbomOptions::default())
}

/// Render the report as an SPDX 2.3 JSON document (pretty, trailing newline).
pub fn render_with(report: &Report, opts: &SbomOptions) -> String {
    crate::json::document_text(&document(report, opts))
}

/// The document namespace of a report's SPDX document with these options (see the module docs).
pub fn namespace(report: &Report, opts: &SbomOptions) -> String {
    namespace_of(report, &Value::Object(body(report, opts)))
}

fn namespace_of(report: &Report, body: &Value) -> String {
    let text = serde_json::to_string(body).unwrap_or_default();
    format!(
        "https://spdx.org/spdxdocs/fwassure-{}/{}-{}",
        sanitize(&report.tool.version),
        sanitize(&ids::image_name(report)),
        uuid::v5(&uuid::NAMESPACE_URL, &format!("fwassure:spdx:{text}"))
    )
}

/// SPDX `supplier` of a component (see the module docs).
pub fn supplier(c: &Component) -> String {
    match ids::supplier(c) {
        ids::Supplier::Stated(s) => organization(&s),
        ids::Supplier::CpeVendor(v) | ids::Supplier::Upstream(v) => organization(&v),
        ids::Supplier::Unknown => "NOASSERTION".to_string(),
    }
}

/// `Organization: NAME (EMAIL)` of a `NAME <EMAIL>` text; parentheses in the name would end it early.
fn organization(text: &str) -> String {
    let (name, email) = match (text.find('<'), text.rfind('>')) {
        (Some(a), Some(b)) if a < b => (text[..a].trim(), Some(text[a + 1..b].trim())),
        _ => (text.trim(), None),
    };
    let clean = |s: &str| -> String {
        s.chars()
            .map(|c| if matches!(c, '(' | ')' | '\n' | '\r') { ' ' } else { c })
            .collect::<String>()
            .trim()
            .to_string()
    };
    let name = clean(name);
    let name = if name.is_empty() { email.map(clean).unwrap_or_else(|| "unknown".into()) } else { name };
    match email.map(clean).filter(|e| !e.is_empty()) {
        Some(e) => format!("Organization: {name} ({e})"),
        None => format!("Organization: {name}"),
    }
}

/// SPDX package verification code of files with these sha1s: the sha1 of their sorted lowercase hex digests.
fn verification_code(sha1s: &[&str]) -> String {
    let mut v: Vec<String> = sha1s.iter().map(|s| s.to_ascii_lowercase()).collect();
    v.sort();
    let mut h = Sha1::new();
    for s in &v {
        h.update(s.as_bytes());
    }
    hex(&h.finalize())
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

const IMAGE_ID: &str = "SPDXRef-Image";

/// The SPDX document as a JSON value.
pub fn document(report: &Report, opts: &SbomOptions) -> Value {
    let mut doc = body(report, opts);
    let ns = namespace_of(report, &Value::Object(doc.clone()));
    doc.insert("documentNamespace".into(), json!(ns));
    let created = opts.created.clone().unwrap_or_else(|| time::EPOCH.to_string());
    if let Some(Value::Object(ci)) = doc.get_mut("creationInfo") {
        ci.insert("created".into(), json!(created));
    }
    Value::Object(doc)
}

/// The document without its namespace and creation time.
fn body(report: &Report, opts: &SbomOptions) -> Map<String, Value> {
    let image_supplier =
        ids::image_supplier(report, opts.supplier.as_deref()).map(|s| organization(&s)).unwrap_or("NOASSERTION".into());
    let mut used = BTreeSet::new();
    used.insert("SPDXRef-DOCUMENT".to_string());
    used.insert(IMAGE_ID.to_string());
    let mut rels: Vec<(String, &str, String, Option<String>)> =
        vec![("SPDXRef-DOCUMENT".into(), "DESCRIBES", IMAGE_ID.into(), None)];
    let mut packages = vec![image_package(report, &image_supplier)];
    let digest_version = ids::image_digest_version(report);

    // layers
    let mut layer_index: BTreeMap<String, usize> = BTreeMap::new();
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
        p.insert("versionInfo".into(), json!(digest_version));
        p.insert("supplier".into(), json!(image_supplier));
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
        layer_index.insert(id.clone(), packages.len());
        packages.push(Value::Object(p));
    }

    // components and their evidence files (files without a sha256 are left out: their location stays in the
    // component's sourceInfo)
    let mut extracted: BTreeMap<String, String> = BTreeMap::new();
    let mut evident: Vec<(String, (String, String))> = Vec::new();
    let mut hashes: BTreeMap<(String, String), FileFacts> = BTreeMap::new();
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
        for e in evidence_files(c) {
            let (layer, path) = (e.layer.as_str(), e.path.as_str());
            let key = (layer.to_string(), path.to_string());
            let (sha, sha1) = (e.sha256.as_deref(), e.sha1.as_deref());
            if let (Some(s), Some(s1)) = (sha.filter(|s| is_sha256(s)), sha1.filter(|s| is_sha1(s))) {
                hashes.entry(key.clone()).or_insert_with(|| FileFacts {
                    sha256: s.to_ascii_lowercase(),
                    sha1: s1.to_ascii_lowercase(),
                    sha512: e.sha512.as_deref().filter(|h| is_sha512(h)).map(str::to_ascii_lowercase),
                    kind: e.file_kind,
                });
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
    // each layer's files: the layer CONTAINS them, so it says which it analysed
    let mut layer_files: BTreeMap<usize, (Vec<String>, Vec<&str>)> = BTreeMap::new();
    let mut files = Vec::new();
    for ((layer, path), fid) in &file_ids {
        let facts = &hashes[&(layer.clone(), path.clone())];
        let sha1 = &facts.sha1;
        if let Some(&i) = layer_ids.get(layer.as_str()).and_then(|lid| layer_index.get(lid)) {
            rels.push((layer_ids[layer.as_str()].clone(), "CONTAINS", fid.clone(), None));
            let e = layer_files.entry(i).or_default();
            e.0.push(fid.clone());
            e.1.push(sha1.as_str());
        }
        let mut checksums = vec![
            json!({"algorithm": "SHA1", "checksumValue": sha1}),
            json!({"algorithm": "SHA256", "checksumValue": facts.sha256}),
        ];
        if let Some(h) = &facts.sha512 {
            checksums.push(json!({"algorithm": "SHA512", "checksumValue": h}));
        }
        let mut file = json!({
            "SPDXID": fid,
            "fileName": format!("./{}/{}", layer, path.trim_start_matches('/')),
            "checksums": checksums,
            "licenseConcluded": "NOASSERTION",
            "copyrightText": "NOASSERTION",
            "comment": format!("evidence file {path} in layer {layer}"),
        });
        if let Some(kind) = facts.kind {
            file["fileTypes"] = json!([match kind {
                FileKind::Executable => "BINARY",
                FileKind::Archive => "ARCHIVE",
                FileKind::Data => "OTHER",
            }]);
        }
        files.push(file);
    }
    for (i, (fids, sha1s)) in layer_files {
        if let Some(Value::Object(p)) = packages.get_mut(i) {
            p.insert("filesAnalyzed".into(), json!(true));
            p.insert("hasFiles".into(), json!(fids));
            p.insert(
                "packageVerificationCode".into(),
                json!({"packageVerificationCodeValue": verification_code(&sha1s)}),
            );
            if let Some(Value::String(c)) = p.get_mut("comment") {
                c.push_str("; only the files that are evidence of a component are listed");
            }
        }
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
    doc.insert(
        "creationInfo".into(),
        json!({
            "creators": [format!("Tool: {}-{}", report.tool.name, report.tool.version)],
            "comment": "Components were identified from the image's binaries and metadata; see each package's sourceInfo.",
        }),
    );
    doc.insert("documentDescribes".into(), json!([IMAGE_ID]));
    doc.insert("packages".into(), Value::Array(packages));
    if !files.is_empty() {
        doc.insert("files".into(), Value::Array(files));
    }
    if !extracted.is_empty() {
        let infos: Vec<Value> = extracted
            .into_iter()
            .map(|(id, text)| json!({"licenseId": id, "extractedText": text, "name": text}))
            .collect();
        doc.insert("hasExtractedLicensingInfos".into(), Value::Array(infos));
    }
    doc.insert("relationships".into(), Value::Array(relationships));
    doc
}

/// Distinct (layer, path, sha256, sha1) of a component's evidence, sorted.
/// What the SPDX `files` entry of an evidence file says: its hashes and type.
struct FileFacts {
    sha256: String,
    sha1: String,
    sha512: Option<String>,
    kind: Option<FileKind>,
}

/// A component's evidence, one per file (sorted; the first piece of evidence of a file gives its facts).
fn evidence_files(c: &Component) -> Vec<&fwassure_model::Evidence> {
    let mut v: Vec<_> = c.evidence.iter().collect();
    v.sort_by(|a, b| (&a.layer, &a.path, &a.sha256, &a.sha1).cmp(&(&b.layer, &b.path, &b.sha256, &b.sha1)));
    v.dedup_by(|a, b| (&a.layer, &a.path, &a.sha256, &a.sha1) == (&b.layer, &b.path, &b.sha256, &b.sha1));
    v
}

fn is_sha512(h: &str) -> bool {
    h.len() == 128 && h.bytes().all(|b| b.is_ascii_hexdigit())
}

fn image_package(report: &Report, supplier: &str) -> Value {
    let mut p = Map::new();
    p.insert("SPDXID".into(), json!(IMAGE_ID));
    p.insert("name".into(), json!(ids::image_name(report)));
    p.insert(
        "versionInfo".into(),
        json!(ids::image_version(report).unwrap_or_else(|| ids::image_digest_version(report))),
    );
    p.insert("supplier".into(), json!(supplier));
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
    p.insert("supplier".into(), json!(supplier(c)));
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

fn is_sha1(s: &str) -> bool {
    s.len() == 40 && s.bytes().all(|b| b.is_ascii_hexdigit())
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

    #[test]
    fn suppliers_are_organizations() {
        assert_eq!(organization("Debian OpenSSL Team <x@y.org>"), "Organization: Debian OpenSSL Team (x@y.org)");
        assert_eq!(organization("openssl"), "Organization: openssl");
        assert_eq!(organization("A (B) <c@d>"), "Organization: A  B (c@d)");
        assert_eq!(organization("<c@d>"), "Organization: c@d (c@d)");
    }

    #[test]
    fn verification_code_is_order_free() {
        let a = "da39a3ee5e6b4b0d3255bfef95601890afd80709";
        let b = "a9993e364706816aba3e25717850c26c9cd0d89d";
        assert_eq!(verification_code(&[a, b]), verification_code(&[b, a]));
        assert_eq!(verification_code(&[a]).len(), 40);
    }
}
