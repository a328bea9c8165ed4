//! Names shared by the renderers: component references, evidence locations, artifact URIs and advisory URLs.
//! They are functions of the report alone, so every format names the same thing the same way.

use std::collections::BTreeSet;

use fwassure_model::{Component, ComponentSource, Confidence, LayerSummary, Report};

/// One unique reference per component, in report order: `component:NAME@VERSION` (a `#N` suffix keeps a
/// repeated name and version unique).
pub fn component_refs(report: &Report) -> Vec<String> {
    let mut seen = BTreeSet::new();
    report.components.iter().map(|c| unique(&mut seen, &format!("component:{}@{}", c.name, c.version), '#')).collect()
}

/// `base`, or `base` + `sep` + `2`, `3` … when already in `used`; the result is added to `used`.
pub fn unique(used: &mut BTreeSet<String>, base: &str, sep: char) -> String {
    let mut id = base.to_string();
    let mut n = 2;
    while !used.insert(id.clone()) {
        id = format!("{base}{sep}{n}");
        n += 1;
    }
    id
}

/// Index of the component a vulnerability names, if the report has it.
pub fn find_component(report: &Report, name: &str, version: &str) -> Option<usize> {
    report.components.iter().position(|c| c.name == name && c.version == version)
}

/// `LAYER:PATH`, the location of a piece of evidence as the text report prints it.
pub fn location(layer: &str, path: &str) -> String {
    format!("{layer}:{path}")
}

/// A relative URI reference `LAYER/PATH` with every byte outside the RFC 3986 unreserved set and `/`
/// percent-encoded.
pub fn artifact_uri(layer: &str, path: &str) -> String {
    let raw = format!("{}/{}", layer, path.trim_start_matches('/'));
    let mut s = String::with_capacity(raw.len());
    for b in raw.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            s.push(b as char);
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    s
}

/// The public advisory page of a vulnerability id (NVD for CVE, GitHub for GHSA, OSV otherwise).
pub fn advisory_url(id: &str) -> String {
    if id.starts_with("CVE-") {
        format!("https://nvd.nist.gov/vuln/detail/{id}")
    } else if id.starts_with("GHSA-") {
        format!("https://github.com/advisories/{id}")
    } else {
        format!("https://osv.dev/vulnerability/{id}")
    }
}

/// Name of the database an id comes from (`NVD`, `GitHub`, `OSV`).
pub fn advisory_source(id: &str) -> &'static str {
    if id.starts_with("CVE-") {
        "NVD"
    } else if id.starts_with("GHSA-") {
        "GitHub"
    } else {
        "OSV"
    }
}

/// The image's file name (last path component), or `firmware` when the path is empty.
pub fn image_name(report: &Report) -> String {
    let p = report.image.path.trim_end_matches(['/', '\\']);
    let n = p.rsplit(['/', '\\']).next().unwrap_or("");
    if n.is_empty() {
        "firmware".to_string()
    } else {
        n.to_string()
    }
}

/// Who supplies a component, and how that is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Supplier {
    /// The package database's `Maintainer:` (dpkg, opkg) or `m:` (apk), as written there.
    Stated(String),
    /// The vendor part of the component's CPE (`cpe:2.3:a:VENDOR:…`): who publishes the product.
    CpeVendor(String),
    /// The upstream project the catalog identified (`NAME project`): a classifier or release file names
    /// a product, and the product's project supplies it.
    Upstream(String),
    /// Nothing names one (a component without a name).
    Unknown,
}

/// The supplier of a component: the package database's maintainer, else the CPE vendor, else unknown.
pub fn supplier(c: &Component) -> Supplier {
    if let Some(s) = c.supplier.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        return Supplier::Stated(s.to_string());
    }
    let vendor = c.cpe.as_deref().and_then(|cpe| cpe.split(':').nth(3)).filter(|v| !v.is_empty() && *v != "*");
    match vendor {
        Some(v) => Supplier::CpeVendor(v.replace('\\', "")),
        None if !c.name.trim().is_empty() => Supplier::Upstream(format!("{} project", c.name.trim())),
        None => Supplier::Unknown,
    }
}

/// `("Name", "email")` of a `Name <email>` string (a package database's `Maintainer:`).
pub fn name_and_email(s: &str) -> Option<(String, String)> {
    let (name, rest) = s.split_once('<')?;
    let email = rest.strip_suffix('>')?.trim();
    let ok = email.split_once('@').is_some_and(|(u, d)| !u.is_empty() && d.contains('.'))
        && !email.contains(char::is_whitespace);
    (ok && !name.trim().is_empty()).then(|| (name.trim().to_string(), email.to_string()))
}

/// The file a component is deployed as: its first piece of evidence (in sorted order) that a classifier or
/// the file's name found in a file, rather than a package database or release file that lists it.
pub fn deployable_file(c: &Component) -> Option<&fwassure_model::Evidence> {
    let mut v: Vec<_> = c
        .evidence
        .iter()
        .filter(|e| !e.path.is_empty() && (e.method.starts_with("classifier:") || e.method.starts_with("file-name:")))
        .collect();
    v.sort();
    v.into_iter().next()
}

/// The supplier of the image (and its layers, which are its bytes): the one the caller states (`sbom
/// --supplier`), else the `vendor` a container header states (first layer that has one), else none.
pub fn image_supplier(report: &Report, stated: Option<&str>) -> Option<String> {
    stated.map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).or_else(|| {
        report.layers.iter().find_map(|l| l.attributes.get("vendor").filter(|v| !v.trim().is_empty()).cloned())
    })
}

/// The image's version when the evidence knows it: the version of its distribution (os-release,
/// openwrt_release, build manifest).
pub fn image_version(report: &Report) -> Option<String> {
    report
        .components
        .iter()
        .find(|c| c.source == ComponentSource::OsRelease && !c.version.trim().is_empty())
        .map(|c| c.version.clone())
}

/// A version for a part of the image that has none of its own (the image itself when its distribution
/// version is unknown, its layers): `sha256:` and the first 16 hex digits of the image hash, so that it
/// changes whenever the image does.
pub fn image_digest_version(report: &Report) -> String {
    let h: String = report.image.sha256.chars().take(16).collect();
    if h.is_empty() {
        "unknown".to_string()
    } else {
        format!("sha256:{h}")
    }
}

/// A CycloneDX BOM-Link to an element of a BOM: `urn:cdx:SERIAL/VERSION#REF`, `SERIAL` the UUID of the
/// BOM's `serialNumber` (without `urn:uuid:`), `REF` the element's `bom-ref` percent-encoded where a URI
/// fragment may not hold it.
pub fn bom_link(serial: &str, version: u64, bom_ref: &str) -> String {
    let uuid = serial.strip_prefix("urn:uuid:").unwrap_or(serial);
    let mut frag = String::with_capacity(bom_ref.len());
    for b in bom_ref.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/?".contains(&b) {
            frag.push(b as char);
        } else {
            frag.push_str(&format!("%{b:02X}"));
        }
    }
    format!("urn:cdx:{uuid}/{version}#{frag}")
}

/// True when a layer is a filesystem (it has files); false for raw payloads (kernels, blobs).
pub fn is_filesystem(l: &LayerSummary) -> bool {
    l.files > 0
}

/// Serialised name of a component source (`binary`, `package-db` …).
pub fn source_name(s: ComponentSource) -> &'static str {
    match s {
        ComponentSource::Binary => "binary",
        ComponentSource::PackageDb => "package-db",
        ComponentSource::OsRelease => "os-release",
        ComponentSource::File => "file",
    }
}

/// Serialised name of a confidence level.
pub fn confidence_name(c: Confidence) -> &'static str {
    match c {
        Confidence::Low => "low",
        Confidence::Medium => "medium",
        Confidence::High => "high",
    }
}

/// Distinct evidence files of a component as (layer, path, sha256), sorted.
pub fn evidence_files(c: &Component) -> Vec<(&str, &str, Option<&str>)> {
    let mut v: Vec<_> = c.evidence.iter().map(|e| (e.layer.as_str(), e.path.as_str(), e.sha256.as_deref())).collect();
    v.sort();
    v.dedup();
    v
}

/// Distinct layers a component was found in, sorted.
pub fn evidence_layers(c: &Component) -> Vec<&str> {
    let mut v: Vec<&str> = c.evidence.iter().map(|e| e.layer.as_str()).collect();
    v.sort();
    v.dedup();
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(artifact_uri("L1", "/etc/shadow"), "L1/etc/shadow");
        assert_eq!(artifact_uri("L2", "/www/a b#c%.html"), "L2/www/a%20b%23c%25.html");
        assert_eq!(artifact_uri("L0", ""), "L0/");
        assert_eq!(artifact_uri("L1", "/é"), "L1/%C3%A9");
    }

    #[test]
    fn advisory_urls_follow_the_id() {
        assert!(advisory_url("CVE-2023-0001").starts_with("https://nvd.nist.gov/"));
        assert!(advisory_url("GHSA-xxxx-yyyy-zzzz").starts_with("https://github.com/advisories/"));
        assert!(advisory_url("OSV-2020-1").starts_with("https://osv.dev/"));
    }
}
