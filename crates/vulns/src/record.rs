//! The normalised vulnerability record kept in the store and in the bundled starter database.
//!
//! NVD CVE API 2.0 and OSV records are both reduced to this shape at import: facts needed to match and to
//! report (id, aliases, affected products with version ranges, CVSS vectors, CWE, dates, references, KEV flag,
//! source), never description text.

use serde::{Deserialize, Serialize};

use crate::version::Version;

/// One vulnerability record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// Primary id (`CVE-…`, `GHSA-…`, an OSV id).
    pub id: String,
    /// Other ids of the same vulnerability.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Publication date (`YYYY-MM-DD` or RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// Last modification date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified: Option<String>,
    /// CVSS vectors, preferred first (`CVSS:3.1/…`, `CVSS:4.0/…`, v2 without prefix).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cvss: Vec<String>,
    /// A base score stated by the source, used when no vector parses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    /// A severity word stated by the source (`HIGH`, `MODERATE` …), used when there is neither vector nor score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<String>,
    /// CWE ids (`CWE-787`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cwe: Vec<String>,
    /// Reference URLs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub references: Vec<String>,
    /// Listed in CISA's Known Exploited Vulnerabilities catalog.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub kev: bool,
    /// Where the facts came from (`NVD CVE API 2.0`, `OSV`, an advisory URL).
    pub source: String,
    /// Affected products.
    pub affected: Vec<Affected>,
}

/// The affected versions of one product.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Affected {
    /// Product key: `cpe:VENDOR:PRODUCT` or `purl:TYPE/NAMESPACE/NAME` (lowercase; see [`crate::keys`]).
    pub product: String,
    /// OSV ecosystem (`Debian:12`, `Alpine:v3.18`, `PyPI` …) when the versions are in that ecosystem's scheme.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ecosystem: Option<String>,
    /// Version ranges; a version in any range is affected.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ranges: Vec<Range>,
    /// Exact affected versions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub versions: Vec<String>,
}

/// A version range. Absent bounds are open; a range with no bound at all covers every version.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Range {
    /// First affected version (inclusive; OSV `introduced`, NVD `versionStartIncluding`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub introduced: Option<String>,
    /// Affected versions are strictly after this one (NVD `versionStartExcluding`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    /// First fixed version (exclusive; OSV `fixed`, NVD `versionEndExcluding`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fixed: Option<String>,
    /// Last affected version (inclusive; OSV `last_affected`, NVD `versionEndIncluding`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_affected: Option<String>,
}

impl Range {
    /// Whether `v` lies in the range.
    pub fn contains(&self, v: &Version) -> bool {
        if let Some(i) = &self.introduced {
            if i != "0" && *v < Version::parse(i) {
                return false;
            }
        }
        if let Some(a) = &self.after {
            if *v <= Version::parse(a) {
                return false;
            }
        }
        if let Some(f) = &self.fixed {
            if *v >= Version::parse(f) {
                return false;
            }
        }
        if let Some(l) = &self.last_affected {
            if *v > Version::parse(l) {
                return false;
            }
        }
        true
    }

    /// The range as text: `>=1.1.1 <1.1.1t`, `<=2.9`, `*`.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(i) = self.introduced.as_deref().filter(|i| *i != "0") {
            parts.push(format!(">={i}"));
        }
        if let Some(a) = &self.after {
            parts.push(format!(">{a}"));
        }
        if let Some(f) = &self.fixed {
            parts.push(format!("<{f}"));
        }
        if let Some(l) = &self.last_affected {
            parts.push(format!("<={l}"));
        }
        if parts.is_empty() {
            "*".to_string()
        } else {
            parts.join(" ")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(introduced: Option<&str>, fixed: Option<&str>, last: Option<&str>) -> Range {
        Range {
            introduced: introduced.map(Into::into),
            after: None,
            fixed: fixed.map(Into::into),
            last_affected: last.map(Into::into),
        }
    }

    #[test]
    fn bounds() {
        let range = r(Some("1.1.1"), Some("1.1.1t"), None);
        assert!(range.contains(&Version::parse("1.1.1")));
        assert!(range.contains(&Version::parse("1.1.1n")));
        assert!(!range.contains(&Version::parse("1.1.1t")));
        assert!(!range.contains(&Version::parse("1.1.1w")));
        assert!(!range.contains(&Version::parse("1.1.0l")));
        assert_eq!(range.describe(), ">=1.1.1 <1.1.1t");
        let last = r(Some("0"), None, Some("2022.82"));
        assert!(last.contains(&Version::parse("2022.82")));
        assert!(!last.contains(&Version::parse("2022.83")));
        let after = Range { after: Some("2.0".into()), ..Default::default() };
        assert!(!after.contains(&Version::parse("2.0.0")));
        assert!(after.contains(&Version::parse("2.0.1")));
        assert!(Range::default().contains(&Version::parse("9")));
    }
}
