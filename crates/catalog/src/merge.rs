//! Merging hits and package entries into components: one per (name, version), with all evidence.

use std::collections::BTreeMap;

use fwassure_model::{Component, ComponentSource, Confidence, Evidence};

use crate::classifier::Classifier;
use crate::engine::Hit;
use crate::pkgdb::PkgEntry;

/// Collects evidence keyed by (name, version).
#[derive(Default)]
pub struct Merger {
    map: BTreeMap<(String, String), Component>,
}

fn rank(s: ComponentSource) -> u8 {
    match s {
        ComponentSource::PackageDb => 3,
        ComponentSource::OsRelease => 2,
        ComponentSource::Binary => 1,
        ComponentSource::File => 0,
    }
}

impl Merger {
    fn slot(&mut self, name: &str, version: &str, source: ComponentSource, confidence: Confidence) -> &mut Component {
        let c = self.map.entry((name.to_string(), version.to_string())).or_insert_with(|| Component {
            name: name.to_string(),
            version: version.to_string(),
            purl: None,
            cpe: None,
            source,
            confidence,
            package_version: None,
            license: None,
            evidence: Vec::new(),
        });
        if rank(source) > rank(c.source) {
            c.source = source;
        }
        if confidence > c.confidence {
            c.confidence = confidence;
        }
        c
    }

    /// Add a classifier hit found in `path` of `layer` (empty path for a raw payload).
    pub fn add_hit(&mut self, c: &Classifier, h: &Hit, layer: &str, path: &str, sha256: &str) {
        let source = if c.text_asset { ComponentSource::File } else { ComponentSource::Binary };
        let comp = self.slot(c.name, &h.version, source, c.confidence);
        // a package database's precise purl wins over the generic one (set in `add_package`)
        if comp.purl.is_none() {
            comp.purl = c.purl_for(&h.version);
        }
        if comp.cpe.is_none() {
            comp.cpe = c.cpe_for(&h.version);
        }
        comp.evidence.push(Evidence {
            layer: layer.to_string(),
            path: path.to_string(),
            offset: Some(h.offset),
            text: h.text.clone(),
            method: format!("classifier:{}", c.id),
            sha256: Some(sha256.to_string()),
        });
    }

    /// Add a package-database or release-file entry read from `path` of `layer`.
    pub fn add_package(&mut self, e: PkgEntry, layer: &str, path: &str, sha256: &str) {
        let comp = self.slot(&e.name, &e.version, e.source, Confidence::High);
        let had_pkg = comp.package_version.is_some();
        if !had_pkg || e.purl.as_deref() < comp.purl.as_deref() {
            // first package entry (or the smallest purl, for determinism) gives purl and package version
            if e.purl.is_some() {
                comp.purl = e.purl.clone();
            }
            comp.package_version = Some(e.package_version.clone());
        }
        if e.cpe.is_some() && (comp.cpe.is_none() || !had_pkg && e.source == ComponentSource::OsRelease) {
            comp.cpe = e.cpe.clone();
        }
        if comp.license.is_none() {
            comp.license = e.license.clone();
        }
        comp.evidence.push(Evidence {
            layer: layer.to_string(),
            path: path.to_string(),
            offset: None,
            text: e.text,
            method: e.method.to_string(),
            sha256: Some(sha256.to_string()),
        });
    }

    /// The components, sorted by name then version, each with sorted, deduplicated evidence.
    pub fn finish(self) -> Vec<Component> {
        self.map
            .into_values()
            .map(|mut c| {
                c.evidence.sort();
                c.evidence.dedup();
                c
            })
            .collect()
    }
}
