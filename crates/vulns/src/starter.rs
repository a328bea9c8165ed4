//! The starter database shipped inside the binary (`data/starter.json`): notable CVEs of the components IoT
//! firmware ships most, facts only (id, products and version ranges, fixed versions, CVSS vectors, CWE, dates,
//! references, the source of each record). It is deliberately partial: import NVD/OSV feeds for coverage.
//! Each record was checked against the NVD record, the CVE Program record (cvelistV5) or the vendor advisory named in
//! its `source`; where no source states a CVSS v3 vector the record carries the source's severity word instead.
//! `data/starter.py` generates the file and documents every deviation from NVD.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::record::Record;

static DATA: &[u8] = include_bytes!("../data/starter.json");

/// Metadata of the starter database.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
pub struct StarterMeta {
    /// Name.
    pub name: String,
    /// Date the facts were checked (YYYY-MM-DD).
    pub date: String,
    /// Statement about coverage.
    pub note: String,
    /// Where the facts come from.
    pub sources: Vec<String>,
}

#[derive(Deserialize)]
struct File {
    meta: StarterMeta,
    records: Vec<Record>,
}

/// The parsed starter database with its key index.
pub struct Starter {
    /// Metadata.
    pub meta: StarterMeta,
    /// Records.
    pub records: Vec<Record>,
    /// product key → record indices.
    pub index: BTreeMap<String, Vec<usize>>,
}

/// The starter database (parsed once).
pub fn starter() -> &'static Starter {
    static S: OnceLock<Starter> = OnceLock::new();
    S.get_or_init(|| {
        // The file is part of the build and checked by the tests; a broken file gives an empty database.
        let f: File = serde_json::from_slice(DATA).unwrap_or_else(|_| File {
            meta: StarterMeta {
                name: "fwassure starter".into(),
                date: String::new(),
                note: "unreadable".into(),
                sources: vec![],
            },
            records: vec![],
        });
        let mut index: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, r) in f.records.iter().enumerate() {
            for a in &r.affected {
                let e = index.entry(a.product.clone()).or_default();
                if e.last() != Some(&i) {
                    e.push(i);
                }
            }
        }
        Starter { meta: f.meta, records: f.records, index }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starter_parses_and_is_well_formed() {
        let f: File = serde_json::from_slice(DATA).expect("starter.json parses");
        assert!(!f.meta.date.is_empty());
        let mut ids = std::collections::BTreeSet::new();
        for r in &f.records {
            assert!(ids.insert(r.id.clone()), "duplicate {}", r.id);
            assert!(r.id.starts_with("CVE-"), "{}", r.id);
            assert!(!r.source.is_empty(), "{} has no source", r.id);
            assert!(!r.affected.is_empty(), "{} has no product", r.id);
            // A vector where the source states one; otherwise the source's severity word (never an invented vector).
            let word = r.severity.as_deref().and_then(crate::severity::from_word);
            assert!(
                crate::severity::from_vectors(&r.cvss).is_some() || (r.cvss.is_empty() && word.is_some()),
                "{} has neither a parsable CVSS vector nor a severity word",
                r.id
            );
            // Each entry names the record it was checked against, and when.
            assert!(r.source.contains("checked 2"), "{} source lacks a check date", r.id);
            assert!(!r.references.is_empty(), "{} has no reference", r.id);
            for a in &r.affected {
                assert!(a.product.starts_with("cpe:"), "{}", r.id);
                assert!(!a.ranges.is_empty() || !a.versions.is_empty(), "{} {}", r.id, a.product);
                for range in &a.ranges {
                    // Every range is bounded above: an open range would match every future release.
                    assert!(range.fixed.is_some() || range.last_affected.is_some(), "{} open range", r.id);
                    if let (Some(i), Some(f)) = (&range.introduced, &range.fixed) {
                        assert!(crate::version::compare(i, f).is_lt(), "{} {i}..{f}", r.id);
                    }
                    if let (Some(i), Some(l)) = (&range.introduced, &range.last_affected) {
                        assert!(crate::version::compare(i, l).is_le(), "{} {i}..={l}", r.id);
                    }
                }
            }
        }
    }
}
