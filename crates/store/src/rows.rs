//! The rows fleet queries return.

use serde::{Deserialize, Serialize};

/// One image as the store lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImageRow {
    /// sha256 of the image.
    pub sha256: String,
    /// File name.
    pub name: String,
    /// Path relative to the fleet root.
    pub path: String,
    /// Size in bytes.
    pub size: u64,
    /// Vendor (first folder).
    pub vendor: String,
    /// Product (second folder).
    pub product: String,
    /// Release (file stem).
    pub release: String,
    /// `scanned` or `failed`.
    pub status: String,
    /// Why the scan failed.
    pub error: Option<String>,
    /// fwassure version that scanned it.
    pub tool_version: String,
    /// When it was scanned.
    pub scanned_at: String,
    /// Scan time in milliseconds.
    pub scan_ms: u64,
    /// Files unpacked.
    pub files: u64,
    /// Components identified.
    pub components: u64,
    /// Findings.
    pub findings: u64,
    /// Vulnerabilities (affected or under investigation).
    pub vulnerabilities: u64,
    /// Known-exploited vulnerabilities.
    pub kev: u64,
    /// Critical findings and vulnerabilities.
    pub critical: u64,
    /// High findings and vulnerabilities.
    pub high: u64,
    /// Failed requirements over all standards.
    pub failed_requirements: u64,
    /// Problems the scan reported (what could not be unpacked or recognised).
    pub problems: u64,
    /// Risk score used to rank images: 1000 × known exploited + 100 × critical + 10 × high + failed
    /// requirements.
    pub risk: u64,
}

/// One image holding a shared secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedSecretImage {
    /// Image sha256.
    pub sha256: String,
    /// Image path.
    pub image: String,
    /// Vendor of the image.
    pub vendor: String,
    /// Where in the image the secret is (`layer:path`).
    pub location: String,
}

/// A key, certificate, password, password hash or secret found in more than one image.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedSecret {
    /// The fingerprint the findings share.
    pub fingerprint: String,
    /// Finding kinds (`private-key`, `default-credential` …).
    pub kinds: Vec<String>,
    /// Rules that reported it.
    pub rules: Vec<String>,
    /// Subjects (account, key type …).
    pub subjects: Vec<String>,
    /// Highest severity among the findings.
    pub severity: String,
    /// Distinct vendors among the images.
    pub vendors: Vec<String>,
    /// Images and locations, sorted by image path then location.
    pub images: Vec<SharedSecretImage>,
}

impl SharedSecret {
    /// Number of distinct images holding the secret.
    pub fn image_count(&self) -> usize {
        let mut v: Vec<&str> = self.images.iter().map(|i| i.sha256.as_str()).collect();
        v.dedup();
        v.len()
    }
}

/// A component version and how many images carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComponentCount {
    /// Component name.
    pub name: String,
    /// Version.
    pub version: String,
    /// Images carrying it.
    pub images: u64,
}

/// A vulnerability and how many images it affects.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VulnCount {
    /// Advisory id (CVE-…).
    pub id: String,
    /// Affected components as `name version`, sorted.
    pub components: Vec<String>,
    /// Highest severity.
    pub severity: String,
    /// Highest CVSS score.
    pub score: Option<f64>,
    /// Known exploited.
    pub kev: bool,
    /// Images affected.
    pub images: u64,
}

/// How the images of a fleet fare on one requirement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerdictCount {
    /// Standard id.
    pub standard: String,
    /// Requirement id.
    pub requirement: String,
    /// Images passing.
    pub pass: u64,
    /// Images failing.
    pub fail: u64,
    /// Images needing vendor evidence.
    pub needs_evidence: u64,
    /// Images where it does not apply.
    pub not_applicable: u64,
}
