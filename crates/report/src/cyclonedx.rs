//! CycloneDX 1.6 JSON.
//!
//! Shape of the document:
//! - `metadata.component` is the image (type `firmware`, SHA-256 hash). Its nested `components` are the layers
//!   (type `file` for a filesystem, `data` for a raw payload, the format as a property), nested as they were
//!   found; each layer also nests the evidence files found in it (type `file`, SHA-256 hash).
//! - `components` are the software components: name, version, purl, CPE, licence, `supplier` (see below), and
//!   `evidence` with one identity (technique from the source, confidence) and one occurrence per piece of
//!   evidence (`LAYER:PATH`, offset, matched text). The identity is a single object, the CycloneDX 1.5 form
//!   that the 1.6 schema still accepts: older consumers (syft, grype, cyclonedx-go before 1.6) refuse the
//!   1.6 array form.
//! - `supplier`: the package database's maintainer (`fwassure:supplier:source` = `package-db`), else the
//!   vendor of the component's CPE (`cpe-vendor`), else `NAME project`, the upstream project of the product
//!   the catalog identified (`upstream-project`). The image's supplier is [`SbomOptions::supplier`], else
//!   the `vendor` a container header states. CycloneDX has no `NOASSERTION`: when nothing names a supplier
//!   the field is left out (and a component's property says `unknown`).
//! - BSI TR-03183-2 (§5.2.2) fields where the evidence knows them: licences are `declared` (they come from a
//!   package database or the product's metadata; nothing is concluded); a package database's `Name <email>`
//!   maintainer gives the supplier's contact; and a component identified in a file of its own (a classifier
//!   or file-name match, not a package database entry) gets `bsi:component:filename`, `…:executable`,
//!   `…:archive` and `…:structured` from that file's first bytes, and a `distribution` external reference
//!   to it (`LAYER/PATH`) with its SHA-512. Source and download URIs are not in a firmware image and are
//!   left out.
//! - `dependencies`: image → top layers → child layers and evidence files → the components found in them.
//! - `vulnerabilities` when the report has some, with `analysis.state` from the VEX status (`in_triage` for a
//!   match no VEX statement reviewed, see [`crate::vex`]).
//!
//! The serial number is a name-based UUID of the document's own content (everything but the serial number
//! and the timestamp, which includes the image sha256 and the tool version): no random part, the same report
//! gives the same serial, and any change of content gives another. There is no timestamp unless
//! [`SbomOptions::created`] gives one (the CLI gives the clock's time, or a fixed one under
//! `--reproducible`).

use std::collections::{BTreeMap, BTreeSet};

use fwassure_model::{Component, ComponentSource, Confidence, FileKind, Report, Vulnerability};
use serde_json::{json, Map, Value};

use crate::ids;
use crate::license::{self, License};
use crate::time::{self, SbomOptions};
use crate::uuid;

/// Render the report as a CycloneDX 1.6 JSON document without a timestamp.
pub fn render(report: &Report) -> String {
    render_with(report, &SbomOptions::default())
}

/// Render the report as a CycloneDX 1.6 JSON document (pretty, trailing newline).
pub fn render_with(report: &Report, opts: &SbomOptions) -> String {
    crate::json::document_text(&document(report, opts))
}

/// The serial number of the BOM of a report: `urn:uuid:` and a version-5 UUID of the document's content (see
/// the module docs). The timestamp does not enter it, so it is the serial of [`document`] with any options.
pub fn serial_number(report: &Report, opts: &SbomOptions) -> String {
    content_serial(&Value::Object(body(report, opts)))
}

/// `urn:uuid:` and a version-5 UUID of a document's JSON text (its serial number and timestamp left out).
pub(crate) fn content_serial(doc: &Value) -> String {
    let text = serde_json::to_string(doc).unwrap_or_default();
    format!("urn:uuid:{}", uuid::v5(&uuid::NAMESPACE_URL, &format!("fwassure:cyclonedx:{text}")))
}

/// The CycloneDX document as a JSON value.
pub fn document(report: &Report, opts: &SbomOptions) -> Value {
    let mut doc = body(report, opts);
    let serial = content_serial(&Value::Object(doc.clone()));
    doc.insert("serialNumber".into(), json!(serial));
    if let Some(t) = &opts.created {
        if let Some(Value::Object(m)) = doc.get_mut("metadata") {
            m.insert("timestamp".into(), json!(t));
        }
    }
    Value::Object(doc)
}

/// The metadata component of the image (type `firmware`, its name, version when known, SHA-256), shared by
/// the SBOM and the VEX document.
pub(crate) fn image_component(report: &Report, supplier: Option<&str>) -> Map<String, Value> {
    let mut image = Map::new();
    image.insert("type".into(), json!("firmware"));
    image.insert("bom-ref".into(), json!(IMAGE_REF));
    if let Some(s) = ids::image_supplier(report, supplier) {
        image.insert("supplier".into(), json!({"name": s}));
    }
    image.insert("name".into(), json!(ids::image_name(report)));
    image.insert(
        "version".into(),
        json!(ids::image_version(report).unwrap_or_else(|| ids::image_digest_version(report))),
    );
    if is_sha256(&report.image.sha256) {
        image.insert("hashes".into(), json!([{"alg": "SHA-256", "content": report.image.sha256}]));
    }
    image
}

/// The document without its serial number and timestamp.
fn body(report: &Report, opts: &SbomOptions) -> Map<String, Value> {
    let crefs = ids::component_refs(report);
    let mut deps: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    deps.insert(IMAGE_REF.to_string(), BTreeSet::new());

    // evidence files per layer, and who depends on which component
    let mut files_by_layer: BTreeMap<&str, BTreeMap<&str, Option<&str>>> = BTreeMap::new();
    let layer_ids: BTreeSet<&str> = report.layers.iter().map(|l| l.id.as_str()).collect();
    for (c, cref) in report.components.iter().zip(&crefs) {
        deps.entry(cref.clone()).or_default();
        let mut holders = BTreeSet::new();
        for (layer, path, sha) in ids::evidence_files(c) {
            if !layer_ids.contains(layer) {
                holders.insert(IMAGE_REF.to_string());
            } else if path.is_empty() {
                holders.insert(layer_ref(layer));
            } else {
                let slot = files_by_layer.entry(layer).or_default().entry(path).or_insert(None);
                if slot.is_none() {
                    *slot = sha;
                }
                holders.insert(file_ref(layer, path));
            }
        }
        if holders.is_empty() {
            holders.insert(IMAGE_REF.to_string());
        }
        for h in holders {
            deps.entry(h).or_default().insert(cref.clone());
        }
    }

    let mut layer_nodes = Vec::new();
    for l in report.layers.iter().filter(|l| parent_of(report, &l.parent).is_none()) {
        layer_nodes.push(layer_component(report, &l.id, &files_by_layer, &mut deps, 0));
        deps.entry(IMAGE_REF.to_string()).or_default().insert(layer_ref(&l.id));
    }

    let mut image = image_component(report, opts.supplier.as_deref());
    image.insert(
        "properties".into(),
        props(&[
            ("fwassure:image:path", report.image.path.clone()),
            ("fwassure:image:size", report.image.size.to_string()),
        ]),
    );
    if !layer_nodes.is_empty() {
        image.insert("components".into(), Value::Array(layer_nodes));
    }

    let mut metadata = Map::new();
    metadata.insert(
        "tools".into(),
        json!({"components": [{"type": "application", "bom-ref": "tool:fwassure", "name": report.tool.name,
            "version": report.tool.version}]}),
    );
    metadata.insert("component".into(), Value::Object(image));

    let components: Vec<Value> = report.components.iter().zip(&crefs).map(|(c, r)| component(c, r, report)).collect();

    let dependencies: Vec<Value> = deps
        .into_iter()
        .map(|(r, on)| {
            let mut m = Map::new();
            m.insert("ref".into(), json!(r));
            if !on.is_empty() {
                m.insert("dependsOn".into(), json!(on.into_iter().collect::<Vec<_>>()));
            }
            Value::Object(m)
        })
        .collect();

    let mut doc = Map::new();
    doc.insert("$schema".into(), json!("http://cyclonedx.org/schema/bom-1.6.schema.json"));
    doc.insert("bomFormat".into(), json!("CycloneDX"));
    doc.insert("specVersion".into(), json!("1.6"));
    doc.insert("version".into(), json!(1));
    doc.insert("metadata".into(), Value::Object(metadata));
    doc.insert("components".into(), Value::Array(components));
    doc.insert("dependencies".into(), Value::Array(dependencies));
    if !report.vulnerabilities.is_empty() {
        let mut seen = BTreeSet::new();
        let vulns: Vec<Value> =
            report.vulnerabilities.iter().map(|v| vulnerability(v, report, &crefs, &mut seen)).collect();
        doc.insert("vulnerabilities".into(), Value::Array(vulns));
    }
    doc
}

/// The `bom-ref` of the image.
pub const IMAGE_REF: &str = "image";

fn layer_ref(id: &str) -> String {
    format!("layer:{id}")
}

fn file_ref(layer: &str, path: &str) -> String {
    format!("file:{}", ids::location(layer, path))
}

/// The parent id when it names a layer of the report.
fn parent_of<'a>(report: &Report, parent: &'a Option<String>) -> Option<&'a str> {
    parent.as_deref().filter(|p| report.layers.iter().any(|l| l.id == *p))
}

fn layer_component(
    report: &Report,
    id: &str,
    files: &BTreeMap<&str, BTreeMap<&str, Option<&str>>>,
    deps: &mut BTreeMap<String, BTreeSet<String>>,
    depth: usize,
) -> Value {
    let lref = layer_ref(id);
    deps.entry(lref.clone()).or_default();
    let Some(l) = report.layers.iter().find(|l| l.id == id) else {
        return json!({"type": "data", "bom-ref": lref, "name": id});
    };
    let mut p = vec![
        ("fwassure:layer:id", l.id.clone()),
        ("fwassure:layer:format", l.format.clone()),
        ("fwassure:layer:offset", l.offset.to_string()),
        ("fwassure:layer:size", l.size.to_string()),
        ("fwassure:layer:files", l.files.to_string()),
    ];
    if let Some(path) = &l.path {
        p.push(("fwassure:layer:source-path", path.clone()));
    }
    for prob in &l.problems {
        p.push(("fwassure:layer:problem", prob.clone()));
    }
    let mut m = Map::new();
    m.insert("type".into(), json!(if ids::is_filesystem(l) { "file" } else { "data" }));
    m.insert("bom-ref".into(), json!(lref));
    m.insert("name".into(), json!(format!("{} {}", l.id, l.format)));
    m.insert("version".into(), json!(ids::image_digest_version(report)));
    if !l.description.is_empty() {
        m.insert("description".into(), json!(l.description));
    }
    m.insert("properties".into(), props(&p));

    let mut nested = Vec::new();
    // children layers (bounded depth: ids come from the report, a cycle must not recurse forever)
    if depth < 64 {
        for child in report.layers.iter().filter(|c| c.parent.as_deref() == Some(id) && c.id != id) {
            nested.push(layer_component(report, &child.id, files, deps, depth + 1));
            deps.entry(lref.clone()).or_default().insert(layer_ref(&child.id));
        }
    }
    if let Some(fs) = files.get(id) {
        for (path, sha) in fs {
            let fref = file_ref(id, path);
            deps.entry(lref.clone()).or_default().insert(fref.clone());
            let mut f = Map::new();
            f.insert("type".into(), json!("file"));
            f.insert("bom-ref".into(), json!(fref));
            f.insert("name".into(), json!(path));
            if let Some(h) = sha.filter(|h| is_sha256(h)) {
                f.insert("hashes".into(), json!([{"alg": "SHA-256", "content": h}]));
            }
            f.insert("properties".into(), props(&[("fwassure:layer:id", id.to_string())]));
            nested.push(Value::Object(f));
        }
    }
    if !nested.is_empty() {
        m.insert("components".into(), Value::Array(nested));
    }
    Value::Object(m)
}

fn component(c: &Component, cref: &str, report: &Report) -> Value {
    let mut m = Map::new();
    m.insert("type".into(), json!(component_type(c)));
    m.insert("bom-ref".into(), json!(cref));
    m.insert("name".into(), json!(c.name));
    m.insert("version".into(), json!(c.version));
    if let Some(l) = c.license.as_deref().filter(|l| !l.trim().is_empty()) {
        // the licence a package database or the product's metadata states: declared, never concluded
        let choice = match license::classify(l) {
            License::Expression(e) => json!([{"expression": e, "acknowledgement": "declared"}]),
            License::Text(t) => json!([{"license": {"name": t, "acknowledgement": "declared"}}]),
        };
        m.insert("licenses".into(), choice);
    }
    if let Some(cpe) = &c.cpe {
        m.insert("cpe".into(), json!(cpe));
    }
    if let Some(purl) = &c.purl {
        m.insert("purl".into(), json!(purl));
    }
    let supplier_source = match ids::supplier(c) {
        ids::Supplier::Stated(s) => {
            // `Name <email>` (a package database's Maintainer): the email is the supplier's contact
            let supplier = match ids::name_and_email(&s) {
                Some((name, email)) => json!({"name": name, "contact": [{"email": email}]}),
                None => json!({"name": s}),
            };
            m.insert("supplier".into(), supplier);
            "package-db"
        }
        ids::Supplier::CpeVendor(v) => {
            m.insert("supplier".into(), json!({"name": v}));
            "cpe-vendor"
        }
        ids::Supplier::Upstream(v) => {
            m.insert("supplier".into(), json!({"name": v}));
            "upstream-project"
        }
        ids::Supplier::Unknown => "unknown",
    };
    let mut p = vec![
        ("fwassure:source", ids::source_name(c.source).to_string()),
        ("fwassure:confidence", ids::confidence_name(c.confidence).to_string()),
        ("fwassure:supplier:source", supplier_source.to_string()),
    ];
    if let Some(pv) = &c.package_version {
        p.push(("fwassure:package-version", pv.clone()));
    }
    let n_vulns = report
        .vulnerabilities
        .iter()
        .filter(|v| v.component.name == c.name && v.component.version == c.version)
        .count();
    if n_vulns > 0 {
        p.push(("fwassure:vulnerabilities", n_vulns.to_string()));
    }
    if let Some(e) = ids::deployable_file(c) {
        // BSI TR-03183-2 §5.2.2: the file the component is deployed as, its SHA-512 and kind
        let name = e.path.rsplit('/').next().unwrap_or(&e.path);
        let kind = e.file_kind.unwrap_or(FileKind::Data);
        p.push(("bsi:component:filename", name.to_string()));
        p.push((
            "bsi:component:executable",
            if kind == FileKind::Executable { "executable" } else { "non-executable" }.to_string(),
        ));
        let archive = kind == FileKind::Archive;
        p.push(("bsi:component:archive", if archive { "archive" } else { "no archive" }.to_string()));
        p.push(("bsi:component:structured", if archive { "structured" } else { "unstructured" }.to_string()));
        if let Some(h) = e.sha512.as_deref().filter(|h| h.len() == 128 && h.bytes().all(|b| b.is_ascii_hexdigit())) {
            m.insert(
                "externalReferences".into(),
                json!([{"type": "distribution", "url": ids::artifact_uri(&e.layer, &e.path),
                    "comment": "the file in the image this component was identified in",
                    "hashes": [{"alg": "SHA-512", "content": h}]}]),
            );
        }
    }
    m.insert("evidence".into(), evidence(c));
    m.insert("properties".into(), props(&p));
    Value::Object(m)
}

/// CycloneDX type of a component: operating systems for distribution metadata and kernels, `firmware` for
/// boot loaders, `library` otherwise (a binary string match cannot tell an application from a library).
fn component_type(c: &Component) -> &'static str {
    match (c.source, c.name.as_str()) {
        (ComponentSource::OsRelease, _) | (_, "linux") => "operating-system",
        (_, "u-boot") => "firmware",
        _ => "library",
    }
}

fn technique(s: ComponentSource) -> &'static str {
    match s {
        ComponentSource::Binary => "binary-analysis",
        ComponentSource::PackageDb | ComponentSource::OsRelease => "manifest-analysis",
        ComponentSource::File => "source-code-analysis",
    }
}

/// Confidence as CycloneDX's 0–1 number.
pub fn confidence_value(c: Confidence) -> f64 {
    match c {
        Confidence::Low => 0.3,
        Confidence::Medium => 0.6,
        Confidence::High => 0.9,
    }
}

fn evidence(c: &Component) -> Value {
    let conf = confidence_value(c.confidence);
    let methods: BTreeSet<&str> = c.evidence.iter().map(|e| e.method.as_str()).collect();
    let mut methods: Vec<Value> = methods
        .into_iter()
        .map(|m| json!({"technique": technique(c.source), "confidence": conf, "value": m}))
        .collect();
    if methods.is_empty() {
        methods.push(json!({"technique": technique(c.source), "confidence": conf}));
    }
    let (field, value) = match &c.purl {
        Some(p) => ("purl", p.clone()),
        None => ("version", c.version.clone()),
    };
    // one object, not the 1.6 array: see the module docs
    let identity = json!({"field": field, "confidence": conf, "concludedValue": value, "methods": methods});
    let mut occ: Vec<Value> = Vec::new();
    for e in &c.evidence {
        let mut o = Map::new();
        o.insert("location".into(), json!(ids::location(&e.layer, &e.path)));
        if let Some(off) = e.offset {
            o.insert("offset".into(), json!(off));
        }
        if !e.text.is_empty() {
            o.insert("additionalContext".into(), json!(e.text));
        }
        let v = Value::Object(o);
        if !occ.contains(&v) {
            occ.push(v);
        }
    }
    let mut m = Map::new();
    m.insert("identity".into(), identity);
    if !occ.is_empty() {
        m.insert("occurrences".into(), Value::Array(occ));
    }
    Value::Object(m)
}

fn vulnerability(v: &Vulnerability, report: &Report, crefs: &[String], seen: &mut BTreeSet<String>) -> Value {
    let cref = ids::find_component(report, &v.component.name, &v.component.version)
        .and_then(|i| crefs.get(i).cloned())
        .unwrap_or_else(|| format!("component:{}@{}", v.component.name, v.component.version));
    let base = format!("vulnerability:{}:{}", v.id, cref);
    let mut vref = base.clone();
    let mut n = 2;
    while !seen.insert(vref.clone()) {
        vref = format!("{base}#{n}");
        n += 1;
    }
    let mut m = Map::new();
    m.insert("bom-ref".into(), json!(vref));
    m.insert("id".into(), json!(v.id));
    m.insert("source".into(), json!({"name": ids::advisory_source(&v.id), "url": ids::advisory_url(&v.id)}));
    let aliases: BTreeSet<&str> = v.aliases.iter().map(|a| a.as_str()).filter(|a| *a != v.id).collect();
    if !aliases.is_empty() {
        let refs: Vec<Value> = aliases
            .into_iter()
            .map(|a| json!({"id": a, "source": {"name": ids::advisory_source(a), "url": ids::advisory_url(a)}}))
            .collect();
        m.insert("references".into(), Value::Array(refs));
    }
    let mut rating = Map::new();
    if let Some(s) = v.score.filter(|s| s.is_finite()) {
        rating.insert("score".into(), json!(s));
    }
    rating.insert("severity".into(), json!(v.severity.as_str()));
    if let Some(vec) = &v.vector {
        rating.insert("method".into(), json!(rating_method(vec)));
        rating.insert("vector".into(), json!(vec));
    }
    m.insert("ratings".into(), json!([Value::Object(rating)]));
    let cwes: BTreeSet<u64> = v.cwe.iter().filter_map(|c| c.trim_start_matches("CWE-").parse().ok()).collect();
    if !cwes.is_empty() {
        m.insert("cwes".into(), json!(cwes.into_iter().collect::<Vec<_>>()));
    }
    if !v.fixed_in.is_empty() {
        m.insert("recommendation".into(), json!(format!("Upgrade to a fixed version: {}.", v.fixed_in.join(", "))));
    }
    let urls: BTreeSet<&str> = v.references.iter().map(|r| r.as_str()).filter(|r| !r.is_empty()).collect();
    if !urls.is_empty() {
        m.insert("advisories".into(), json!(urls.into_iter().map(|u| json!({"url": u})).collect::<Vec<_>>()));
    }
    if let Some(p) = v.published.as_deref().and_then(time::date_to_rfc3339) {
        m.insert("published".into(), json!(p));
    }
    // an unreviewed match is in_triage, not exploitable (see crate::vex)
    let (state, version_status) = crate::vex::cdx_state(v);
    let mut analysis = Map::new();
    analysis.insert("state".into(), json!(state));
    if let Some(j) = &v.justification {
        analysis.insert("detail".into(), json!(j));
    }
    m.insert("analysis".into(), Value::Object(analysis));
    m.insert(
        "affects".into(),
        json!([{"ref": cref, "versions": [{"version": v.component.version, "status": version_status}]}]),
    );
    let mut p = vec![
        ("fwassure:kev", v.kev.to_string()),
        ("fwassure:match:method", v.matched.method.clone()),
        ("fwassure:match:on", v.matched.on.clone()),
        ("fwassure:match:range", v.matched.range.clone()),
    ];
    for n in &v.matched.notes {
        p.push(("fwassure:match:note", n.clone()));
    }
    m.insert("properties".into(), props(&p));
    Value::Object(m)
}

/// CycloneDX rating method from a CVSS vector's prefix.
fn rating_method(vector: &str) -> &'static str {
    if vector.starts_with("CVSS:4.0") {
        "CVSSv4"
    } else if vector.starts_with("CVSS:3.1") {
        "CVSSv31"
    } else if vector.starts_with("CVSS:3.0") {
        "CVSSv3"
    } else if vector.starts_with("AV:") || vector.starts_with("(AV:") {
        "CVSSv2"
    } else {
        "other"
    }
}

fn is_sha256(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Name/value properties, in the given order, without exact duplicates.
fn props(p: &[(&str, String)]) -> Value {
    let mut out: Vec<Value> = Vec::new();
    for (n, v) in p {
        let x = json!({"name": n, "value": v});
        if !out.contains(&x) {
            out.push(x);
        }
    }
    Value::Array(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rating_methods_follow_the_vector() {
        assert_eq!(rating_method("CVSS:3.1/AV:N/AC:L"), "CVSSv31");
        assert_eq!(rating_method("CVSS:3.0/AV:N"), "CVSSv3");
        assert_eq!(rating_method("CVSS:4.0/AV:N"), "CVSSv4");
        assert_eq!(rating_method("AV:N/AC:L/Au:N"), "CVSSv2");
        assert_eq!(rating_method("x"), "other");
    }

    #[test]
    fn sha256_shape() {
        assert!(is_sha256(&"a".repeat(64)));
        assert!(!is_sha256(&"g".repeat(64)));
        assert!(!is_sha256("abc"));
    }
}
