//! Merging hits and package entries into components: one per (name, version), with all evidence.
//!
//! Names are canonical: lowercase, with a product's other names mapped to one ([`ALIASES`]: LEDE was the
//! OpenWrt fork that merged back and is one product). Versions that differ only in letter case
//! (`SNAPSHOT` from `/etc/openwrt_release`, `snapshot` from `/etc/os-release`) are one version. For the
//! products whose sources print the same version at different lengths ([`FOLD`]: a uImage name or a module
//! folder says `2.6.21`, the banner `2.6.21.5`), a version that is a shorter form of exactly one longer
//! version is folded into it, its evidence kept; distinct versions stay distinct.

use std::collections::BTreeMap;

use fwassure_model::{Component, ComponentSource, Confidence, Evidence, FileKind};

use crate::classifier::Classifier;
use crate::engine::Hit;
use crate::named::{self, Named};
use crate::pkgdb::PkgEntry;

/// Other names of a product, mapped to its canonical name (both lowercase).
pub const ALIASES: &[(&str, &str)] = &[("lede", "openwrt")];

/// Products whose shorter version spellings fold into the one longer version they start, and the
/// characters that may follow the shorter form in the longer one: a kernel's `2.6.21` is `2.6.21.5`
/// (not `2.6.21-rt`), a boot loader's `2018.05` is `2018.05-00007-g8b9203a`.
pub const FOLD: &[(&str, &[char])] = &[("linux", &['.']), ("u-boot", &['.', '-'])];

/// The canonical name of a product: lowercase, aliases resolved.
pub fn canonical_name(name: &str) -> String {
    let lower = name.to_ascii_lowercase();
    ALIASES.iter().find(|(a, _)| *a == lower).map(|(_, c)| c.to_string()).unwrap_or(lower)
}

/// The hashes of an evidence file, lowercase hex.
#[derive(Debug, Clone, Copy)]
pub struct FileHashes<'a> {
    /// sha256.
    pub sha256: &'a str,
    /// sha1 (SPDX 2.3 files need it).
    pub sha1: &'a str,
    /// sha512 (BSI TR-03183-2's hash of the deployable file).
    pub sha512: &'a str,
    /// What the file is.
    pub kind: FileKind,
}

/// A piece of evidence in `path` of `layer`, with the file's hashes and kind when it is a file.
fn evidence(
    layer: &str,
    path: &str,
    offset: Option<u64>,
    text: String,
    method: String,
    h: Option<FileHashes<'_>>,
) -> Evidence {
    Evidence {
        layer: layer.to_string(),
        path: path.to_string(),
        offset,
        text,
        method,
        sha256: h.map(|h| h.sha256.to_string()),
        sha1: h.map(|h| h.sha1.to_string()),
        sha512: h.map(|h| h.sha512.to_string()),
        file_kind: h.map(|h| h.kind),
    }
}

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
        let name = canonical_name(name);
        let c = self.map.entry((name.clone(), version.to_string())).or_insert_with(|| Component {
            name,
            version: version.to_string(),
            purl: None,
            cpe: None,
            source,
            confidence,
            package_version: None,
            license: None,
            supplier: None,
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

    /// Add a classifier hit found in `path` of `layer` (empty path for a raw payload), with the confidence
    /// of this hit (the classifier's, or lower for a banner only).
    pub fn add_hit(
        &mut self,
        c: &Classifier,
        h: &Hit,
        confidence: Confidence,
        layer: &str,
        path: &str,
        hashes: FileHashes<'_>,
    ) {
        let source = if c.text_asset { ComponentSource::File } else { ComponentSource::Binary };
        let comp = self.slot(c.name, &h.version, source, confidence);
        // a package database's precise purl wins over the generic one (set in `add_package`)
        if comp.purl.is_none() {
            comp.purl = c.purl_for(&h.version);
        }
        if comp.cpe.is_none() {
            comp.cpe = c.cpe_for(&h.version);
        }
        comp.evidence.push(evidence(
            layer,
            path,
            Some(h.offset),
            h.text.clone(),
            format!("classifier:{}", c.id),
            Some(hashes),
        ));
    }

    /// Add a component named by a file name, folder or layer attribute, found in `path` of `layer` (empty
    /// path for a layer's own attribute).
    pub fn add_named(&mut self, n: &Named, layer: &str, path: &str, hashes: Option<FileHashes<'_>>) {
        let comp = self.slot(&n.name, &n.version, ComponentSource::Binary, n.confidence);
        let (purl, cpe) = named::ids(&comp.name, &n.version);
        if comp.purl.is_none() {
            comp.purl = purl;
        }
        if comp.cpe.is_none() {
            comp.cpe = cpe;
        }
        comp.evidence.push(evidence(layer, path, None, n.text.clone(), n.method.clone(), hashes));
    }

    /// Add a package-database or release-file entry read from `path` of `layer`.
    pub fn add_package(&mut self, e: PkgEntry, layer: &str, path: &str, hashes: FileHashes<'_>) {
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
        if comp.supplier.is_none() {
            comp.supplier = e.supplier.clone();
        }
        comp.evidence.push(evidence(layer, path, None, e.text, e.method.to_string(), Some(hashes)));
    }

    /// The components, sorted by name then version, each with sorted, deduplicated evidence; spellings of
    /// one version merged (see the module docs).
    pub fn finish(self) -> Vec<Component> {
        let mut by_name: BTreeMap<String, Vec<Component>> = BTreeMap::new();
        for ((name, _), c) in self.map {
            by_name.entry(name).or_default().push(c);
        }
        let mut out = Vec::new();
        for (name, comps) in by_name {
            let mut comps = merge_case(comps);
            if let Some((_, seps)) = FOLD.iter().find(|(n, _)| *n == name) {
                comps = fold_prefixes(comps, seps);
            }
            out.extend(comps);
        }
        for c in &mut out {
            c.evidence.sort();
            c.evidence.dedup();
        }
        out.sort_by(|a, b| (&a.name, &a.version).cmp(&(&b.name, &b.version)));
        out
    }
}

/// Fold `from` into `into`: evidence, the stronger source and confidence, identifiers `into` lacks.
fn absorb(into: &mut Component, from: Component) {
    if rank(from.source) > rank(into.source) {
        into.source = from.source;
    }
    into.confidence = into.confidence.max(from.confidence);
    if into.purl.is_none() {
        into.purl = from.purl;
    }
    if into.cpe.is_none() {
        into.cpe = from.cpe;
    }
    if into.package_version.is_none() {
        into.package_version = from.package_version;
    }
    if into.license.is_none() {
        into.license = from.license;
    }
    into.evidence.extend(from.evidence);
}

/// One component per version of a product up to letter case: the spelling of the strongest source wins,
/// then the smallest spelling (uppercase first), so the result does not depend on order.
fn merge_case(comps: Vec<Component>) -> Vec<Component> {
    let mut groups: BTreeMap<String, Vec<Component>> = BTreeMap::new();
    for c in comps {
        groups.entry(c.version.to_ascii_lowercase()).or_default().push(c);
    }
    groups
        .into_values()
        .filter_map(|mut g| {
            g.sort_by(|a, b| rank(b.source).cmp(&rank(a.source)).then_with(|| a.version.cmp(&b.version)));
            let mut it = g.into_iter();
            let mut first = it.next()?;
            for c in it {
                absorb(&mut first, c);
            }
            Some(first)
        })
        .collect()
}

/// True when `long` is `short` followed by one of `seps` and more.
fn extends(long: &str, short: &str, seps: &[char]) -> bool {
    long.strip_prefix(short).and_then(|r| r.chars().next()).is_some_and(|c| seps.contains(&c))
}

/// Fold each version that is a shorter form of longer versions into the longest of them, when those
/// longer versions lie on one line (each a shorter form of the longest); otherwise it stays.
fn fold_prefixes(mut comps: Vec<Component>, seps: &[char]) -> Vec<Component> {
    // longest first, so that a version's target is still in the list when it is folded
    comps.sort_by(|a, b| b.version.len().cmp(&a.version.len()).then_with(|| a.version.cmp(&b.version)));
    let versions: Vec<String> = comps.iter().map(|c| c.version.clone()).collect();
    let target = |v: &str| -> Option<usize> {
        let longer: Vec<usize> = (0..versions.len()).filter(|&j| extends(&versions[j], v, seps)).collect();
        let &top = longer.first()?;
        longer.iter().all(|&j| j == top || extends(&versions[top], &versions[j], seps)).then_some(top)
    };
    let targets: Vec<Option<usize>> = versions.iter().map(|v| target(v)).collect();
    let mut slots: Vec<Option<Component>> = comps.into_iter().map(Some).collect();
    for i in (0..slots.len()).rev() {
        let Some(t) = targets[i] else { continue };
        if let Some(c) = slots[i].take() {
            if let Some(into) = slots[t].as_mut() {
                absorb(into, c);
            }
        }
    }
    slots.into_iter().flatten().collect()
}
