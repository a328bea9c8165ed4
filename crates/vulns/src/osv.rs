//! OSV JSON records (<https://ossf.github.io/osv-schema/>) into [`Record`]s.
//!
//! `SEMVER` and `ECOSYSTEM` ranges are kept with their `introduced`/`fixed`/`last_affected` events; `GIT`
//! ranges (commit hashes) cannot be compared with versions found in firmware and are dropped. The product
//! key comes from `package.purl` when present, otherwise from the ecosystem and name.

use serde::Deserialize;

use crate::keys::{purl_key, Purl};
use crate::record::{Affected, Range, Record};

/// Source name written into imported records.
pub const SOURCE: &str = "OSV";

/// An OSV record (the fields fwassure keeps).
#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct Osv {
    /// Id.
    pub id: String,
    /// Aliases.
    pub aliases: Vec<String>,
    /// Modified.
    pub modified: Option<String>,
    /// Published.
    pub published: Option<String>,
    /// Withdrawn date: such records are skipped.
    pub withdrawn: Option<String>,
    /// Severity vectors.
    pub severity: Vec<OsvSeverity>,
    /// Affected packages.
    pub affected: Vec<OsvAffected>,
    /// References.
    pub references: Vec<OsvReference>,
    /// Database-specific data (`cwe_ids`, `severity`).
    pub database_specific: Option<serde_json::Value>,
}

/// `{type, score}`.
#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct OsvSeverity {
    /// `CVSS_V3`, `CVSS_V4`, `CVSS_V2`, `Ubuntu` …
    #[serde(rename = "type")]
    pub ty: String,
    /// The vector.
    pub score: String,
}

/// An affected package.
#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct OsvAffected {
    /// The package.
    pub package: OsvPackage,
    /// Ranges.
    pub ranges: Vec<OsvRange>,
    /// Exact versions.
    pub versions: Vec<String>,
}

/// A package.
#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct OsvPackage {
    /// Ecosystem.
    pub ecosystem: String,
    /// Name.
    pub name: String,
    /// Package URL.
    pub purl: Option<String>,
}

/// A range.
#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct OsvRange {
    /// `SEMVER`, `ECOSYSTEM` or `GIT`.
    #[serde(rename = "type")]
    pub ty: String,
    /// Events in order.
    pub events: Vec<serde_json::Map<String, serde_json::Value>>,
}

/// A reference.
#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct OsvReference {
    /// URL.
    pub url: String,
}

/// purl type and namespace of an OSV ecosystem (`Debian:12` → `deb`/`debian`).
pub fn ecosystem_purl(ecosystem: &str) -> (String, String) {
    let base = ecosystem.split(':').next().unwrap_or("").to_ascii_lowercase();
    let (ty, ns) = match base.as_str() {
        "debian" => ("deb", "debian"),
        "ubuntu" => ("deb", "ubuntu"),
        "alpine" => ("apk", "alpine"),
        "openwrt" => ("opkg", "openwrt"),
        "pypi" => ("pypi", ""),
        "npm" => ("npm", ""),
        "crates.io" => ("cargo", ""),
        "go" => ("golang", ""),
        "maven" => ("maven", ""),
        "rubygems" => ("gem", ""),
        "packagist" => ("composer", ""),
        "nuget" => ("nuget", ""),
        "hex" => ("hex", ""),
        "pub" => ("pub", ""),
        _ => return (base.replace(' ', "-"), String::new()),
    };
    (ty.to_string(), ns.to_string())
}

/// Convert an OSV record. `None` for withdrawn records or records without id.
pub fn to_record(o: Osv) -> Option<Record> {
    if o.id.is_empty() || o.withdrawn.is_some() {
        return None;
    }
    let mut affected = Vec::new();
    for a in &o.affected {
        let product = match a.package.purl.as_deref().and_then(Purl::parse) {
            Some(p) => p.key(),
            None => {
                let (ty, ns) = ecosystem_purl(&a.package.ecosystem);
                // Maven names are group:artifact.
                let name = a.package.name.replace(':', "/");
                purl_key(&ty, &ns, &name)
            }
        };
        let mut ranges = Vec::new();
        for r in a.ranges.iter().filter(|r| r.ty == "SEMVER" || r.ty == "ECOSYSTEM") {
            let mut cur: Option<Range> = None;
            for ev in &r.events {
                let get = |k: &str| ev.get(k).and_then(|v| v.as_str()).map(str::to_string);
                if let Some(i) = get("introduced") {
                    if let Some(open) = cur.take() {
                        ranges.push(open);
                    }
                    cur = Some(Range { introduced: Some(i), ..Default::default() });
                } else if let Some(f) = get("fixed") {
                    let mut r = cur.take().unwrap_or_default();
                    r.fixed = Some(f);
                    ranges.push(r);
                } else if let Some(l) = get("last_affected") {
                    let mut r = cur.take().unwrap_or_default();
                    r.last_affected = Some(l);
                    ranges.push(r);
                } else if let Some(l) = get("limit") {
                    let mut r = cur.take().unwrap_or_default();
                    r.fixed = Some(l);
                    ranges.push(r);
                }
            }
            if let Some(open) = cur {
                ranges.push(open);
            }
        }
        if ranges.is_empty() && a.versions.is_empty() {
            continue;
        }
        let eco = a.package.ecosystem.to_ascii_lowercase();
        let distro = eco.starts_with("debian") || eco.starts_with("ubuntu") || eco.starts_with("alpine");
        affected.push(Affected {
            product,
            ecosystem: (!a.package.ecosystem.is_empty()).then(|| a.package.ecosystem.clone()).filter(|_| distro),
            ranges,
            versions: a.versions.clone(),
        });
    }
    let mut cvss: Vec<(u8, String)> = o
        .severity
        .iter()
        .filter_map(|s| {
            let rank = match s.ty.as_str() {
                "CVSS_V3" => 0,
                "CVSS_V4" => 1,
                "CVSS_V2" => 2,
                _ => return None,
            };
            Some((rank, s.score.clone()))
        })
        .collect();
    cvss.sort();
    let ds = o.database_specific.as_ref();
    let mut cwe: Vec<String> = ds
        .and_then(|d| d.get("cwe_ids"))
        .and_then(|v| v.as_array())
        .map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect())
        .unwrap_or_default();
    cwe.sort();
    cwe.dedup();
    let severity = ds.and_then(|d| d.get("severity")).and_then(|v| v.as_str()).map(str::to_string);
    Some(Record {
        id: o.id,
        aliases: o.aliases,
        published: o.published,
        modified: o.modified,
        cvss: cvss.into_iter().map(|(_, v)| v).collect(),
        score: None,
        severity,
        cwe,
        references: o.references.into_iter().map(|r| r.url).filter(|u| !u.is_empty()).collect(),
        kev: false,
        source: SOURCE.to_string(),
        affected,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_events() {
        let o: Osv = serde_json::from_str(
            r#"{"id":"GHSA-x","aliases":["CVE-2024-1"],"modified":"2024-01-01T00:00:00Z",
            "severity":[{"type":"CVSS_V3","score":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N"}],
            "affected":[{"package":{"ecosystem":"PyPI","name":"Foo"},
              "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"1.2"},{"introduced":"2.0"},
                 {"last_affected":"2.3"}]},{"type":"GIT","events":[{"introduced":"abc"}]}]},
              {"package":{"ecosystem":"Debian:12","name":"openssl"},"ranges":[{"type":"ECOSYSTEM",
                 "events":[{"introduced":"0"},{"fixed":"3.0.11-1~deb12u1"}]}]}],
            "database_specific":{"cwe_ids":["CWE-79"],"severity":"HIGH"}}"#,
        )
        .unwrap();
        let r = to_record(o).unwrap();
        assert_eq!(r.affected[0].product, "purl:pypi/foo");
        assert_eq!(r.affected[0].ranges.len(), 2);
        assert_eq!(r.affected[0].ranges[1].describe(), ">=2.0 <=2.3");
        assert_eq!(r.affected[1].product, "purl:deb/debian/openssl");
        assert_eq!(r.affected[1].ecosystem.as_deref(), Some("Debian:12"));
        assert_eq!(r.cwe, vec!["CWE-79"]);
        assert_eq!(r.severity.as_deref(), Some("HIGH"));
    }
}
