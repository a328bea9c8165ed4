//! NVD CVE API 2.0 JSON: the `cve` object, into [`Record`]s.
//!
//! Only the facts are kept: id, dates, CVSS vectors (v3.1, v4.0, v3.0, v2 — primary source first), CWE,
//! reference URLs, CISA KEV flag and the vulnerable `cpeMatch` entries of the configurations with their
//! `versionStart/End Including/Excluding` bounds. Rejected records are skipped.

use serde::Deserialize;

use crate::keys::Cpe;
use crate::record::{Affected, Range, Record};

/// Source name written into imported records.
pub const SOURCE: &str = "NVD CVE API 2.0";

/// One item of the `vulnerabilities` array.
#[derive(Debug, Deserialize)]
pub struct Item {
    /// The record.
    pub cve: Cve,
}

/// The NVD `cve` object (the fields fwassure keeps).
#[derive(Debug, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct Cve {
    /// CVE id.
    pub id: String,
    /// Publication timestamp.
    pub published: Option<String>,
    /// Last modification timestamp.
    pub last_modified: Option<String>,
    /// `Analyzed`, `Modified`, `Rejected` …
    pub vuln_status: Option<String>,
    /// Date added to CISA KEV.
    pub cisa_exploit_add: Option<String>,
    /// CVSS metrics.
    pub metrics: Metrics,
    /// CWE classifications.
    pub weaknesses: Vec<Weakness>,
    /// Applicability statements.
    pub configurations: Vec<Configuration>,
    /// References.
    pub references: Vec<Reference>,
}

/// CVSS metrics by version.
#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct Metrics {
    /// v4.0.
    #[serde(rename = "cvssMetricV40")]
    pub v40: Vec<Metric>,
    /// v3.1.
    #[serde(rename = "cvssMetricV31")]
    pub v31: Vec<Metric>,
    /// v3.0.
    #[serde(rename = "cvssMetricV30")]
    pub v30: Vec<Metric>,
    /// v2.
    #[serde(rename = "cvssMetricV2")]
    pub v2: Vec<Metric>,
}

/// One CVSS metric.
#[derive(Debug, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct Metric {
    /// `Primary` or `Secondary`.
    #[serde(rename = "type")]
    pub ty: String,
    /// The vector and score.
    pub cvss_data: CvssData,
}

/// CVSS data.
#[derive(Debug, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct CvssData {
    /// Vector string.
    pub vector_string: String,
    /// Base score.
    pub base_score: Option<f64>,
}

/// A weakness entry.
#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct Weakness {
    /// Descriptions (`CWE-787`, `NVD-CWE-Other` …).
    pub description: Vec<LangValue>,
}

/// `{lang, value}`.
#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct LangValue {
    /// Value.
    pub value: String,
}

/// A configuration.
#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct Configuration {
    /// Nodes.
    pub nodes: Vec<Node>,
}

/// A configuration node.
#[derive(Debug, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct Node {
    /// Negated node (applies when the platform is absent): skipped.
    pub negate: bool,
    /// CPE matches.
    pub cpe_match: Vec<CpeMatch>,
}

/// A CPE match.
#[derive(Debug, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct CpeMatch {
    /// Whether the matched platform is vulnerable (false for "running on" platforms).
    pub vulnerable: bool,
    /// CPE 2.3 criteria.
    pub criteria: String,
    /// Inclusive start.
    pub version_start_including: Option<String>,
    /// Exclusive start.
    pub version_start_excluding: Option<String>,
    /// Inclusive end.
    pub version_end_including: Option<String>,
    /// Exclusive end.
    pub version_end_excluding: Option<String>,
}

/// A reference.
#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct Reference {
    /// URL.
    pub url: String,
}

/// Convert an NVD `cve` object. `None` for rejected records or records without id.
pub fn to_record(cve: Cve) -> Option<Record> {
    if cve.id.is_empty() || cve.vuln_status.as_deref() == Some("Rejected") {
        return None;
    }
    let mut cvss = Vec::new();
    let mut score = None;
    for group in [&cve.metrics.v31, &cve.metrics.v40, &cve.metrics.v30, &cve.metrics.v2] {
        // Primary (NVD's own) first, then secondary (CNA).
        let mut ms: Vec<&Metric> = group.iter().collect();
        ms.sort_by_key(|m| if m.ty == "Primary" { 0 } else { 1 });
        for m in ms {
            if !m.cvss_data.vector_string.is_empty() && !cvss.contains(&m.cvss_data.vector_string) {
                cvss.push(m.cvss_data.vector_string.clone());
            }
            if score.is_none() {
                score = m.cvss_data.base_score;
            }
        }
    }
    let mut cwe: Vec<String> = cve
        .weaknesses
        .iter()
        .flat_map(|w| w.description.iter())
        .filter(|d| d.value.starts_with("CWE-"))
        .map(|d| d.value.clone())
        .collect();
    cwe.sort();
    cwe.dedup();
    let mut affected: Vec<Affected> = Vec::new();
    for node in cve.configurations.iter().flat_map(|c| c.nodes.iter()).filter(|n| !n.negate) {
        for m in node.cpe_match.iter().filter(|m| m.vulnerable) {
            let Some(cpe) = Cpe::parse(&m.criteria) else { continue };
            let key = cpe.key();
            let idx = match affected.iter().position(|a| a.product == key) {
                Some(i) => i,
                None => {
                    affected.push(Affected { product: key, ecosystem: None, ranges: vec![], versions: vec![] });
                    affected.len() - 1
                }
            };
            let a = &mut affected[idx];
            let bounded = m.version_start_including.is_some()
                || m.version_start_excluding.is_some()
                || m.version_end_including.is_some()
                || m.version_end_excluding.is_some();
            match cpe.exact_version() {
                Some(v) if !bounded => {
                    if !a.versions.contains(&v) {
                        a.versions.push(v)
                    }
                }
                _ => {
                    let r = Range {
                        introduced: m.version_start_including.clone(),
                        after: m.version_start_excluding.clone(),
                        fixed: m.version_end_excluding.clone(),
                        last_affected: m.version_end_including.clone(),
                    };
                    if !a.ranges.contains(&r) {
                        a.ranges.push(r)
                    }
                }
            }
        }
    }
    let mut references: Vec<String> = cve.references.into_iter().map(|r| r.url).filter(|u| !u.is_empty()).collect();
    references.dedup();
    Some(Record {
        id: cve.id,
        aliases: vec![],
        published: cve.published,
        modified: cve.last_modified,
        cvss,
        score,
        severity: None,
        cwe,
        references,
        kev: cve.cisa_exploit_add.is_some(),
        source: SOURCE.to_string(),
        affected,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_ranges_and_exact_versions() {
        let cve: Cve = serde_json::from_str(
            r#"{"id":"CVE-2023-0001","published":"2023-01-01T00:00:00.000","vulnStatus":"Analyzed",
            "cisaExploitAdd":"2023-02-01",
            "metrics":{"cvssMetricV31":[{"type":"Primary","cvssData":{"version":"3.1",
              "vectorString":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H","baseScore":9.8}}]},
            "weaknesses":[{"description":[{"lang":"en","value":"CWE-787"},{"lang":"en","value":"NVD-CWE-noinfo"}]}],
            "configurations":[{"nodes":[{"operator":"OR","negate":false,"cpeMatch":[
              {"vulnerable":true,"criteria":"cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:*",
               "versionStartIncluding":"3.0.0","versionEndExcluding":"3.0.8"},
              {"vulnerable":true,"criteria":"cpe:2.3:a:openbsd:openssh:9.1:p1:*:*:*:*:*:*"},
              {"vulnerable":false,"criteria":"cpe:2.3:o:linux:linux_kernel:-:*:*:*:*:*:*:*"}]}]}],
            "references":[{"url":"https://example.org/a"}]}"#,
        )
        .unwrap();
        let r = to_record(cve).unwrap();
        assert!(r.kev);
        assert_eq!(r.cwe, vec!["CWE-787"]);
        assert_eq!(r.score, Some(9.8));
        assert_eq!(r.affected.len(), 2);
        assert_eq!(r.affected[0].product, "cpe:openssl:openssl");
        assert_eq!(r.affected[0].ranges[0].describe(), ">=3.0.0 <3.0.8");
        assert_eq!(r.affected[1].versions, vec!["9.1p1"]);
    }

    #[test]
    fn rejected_is_skipped() {
        let cve = Cve { id: "CVE-1".into(), vuln_status: Some("Rejected".into()), ..Default::default() };
        assert!(to_record(cve).is_none());
    }
}
