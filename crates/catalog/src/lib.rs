//! Stage 2: the software catalog. Identifies components from binaries (version classifiers, see
//! [`classifiers`]) and from package databases and distribution metadata (see [`pkgdb`]).
//!
//! One component per (name, version), carrying all its evidence; conflicting versions stay separate.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

/// The products the catalog names, how they were chosen and from which sources (`PRODUCTS.md`).
#[doc = include_str!("../PRODUCTS.md")]
pub mod products {}

pub mod attributes;
pub mod banner_only;
pub mod classifier;
pub mod classifiers;
pub mod engine;
pub mod glob;
pub mod kernel_version;
pub mod libc_names;
pub mod merge;
pub mod modules_dir;
pub mod named;
pub mod pkgdb;

use std::collections::BTreeSet;

use fwassure_model::{Component, Confidence, FileKind, FileRef, Vfs};
use rayon::prelude::*;
use sha1::Sha1;
use sha2::{Digest, Sha256, Sha512};

use crate::engine::{Engine, Hit};
use crate::merge::{FileHashes, Merger};
use crate::named::Named;

/// Hits of one searched file or payload, with its location and hash: the catalog's result of the content
/// pass for one file ([`scan_file`]).
#[derive(Debug, Clone)]
pub struct FileHits {
    layer: String,
    path: String,
    sha256: String,
    sha1: String,
    sha512: String,
    kind: FileKind,
    hits: Vec<Hit>,
    /// Entries of a package database or distribution metadata file ([`pkgdb`]).
    packages: Vec<pkgdb::PkgEntry>,
    /// Components the file's name states ([`libc_names`]).
    named: Vec<Named>,
    /// Classifiers whose hits in this file are a banner only ([`banner_only`]).
    banner_only: BTreeSet<usize>,
}

impl FileHits {
    fn hashes(&self) -> FileHashes<'_> {
        FileHashes { sha256: &self.sha256, sha1: &self.sha1, sha512: &self.sha512, kind: self.kind }
    }
}

fn scan_one(
    layer: &str,
    path: Option<&str>,
    data: &[u8],
    packages: Vec<pkgdb::PkgEntry>,
    named: Vec<Named>,
) -> Option<FileHits> {
    let engine = Engine::get();
    let hits = engine.scan(path, data);
    let banner_only = hits
        .iter()
        .map(|h| h.classifier)
        .filter(|&ci| banner_only::is_banner_only(engine.classifier(ci), path, data))
        .collect();
    (!hits.is_empty() || !packages.is_empty() || !named.is_empty()).then(|| FileHits {
        layer: layer.to_string(),
        path: path.unwrap_or("").to_string(),
        sha256: hex::encode(Sha256::digest(data)),
        sha1: hex::encode(Sha1::digest(data)),
        sha512: hex::encode(Sha512::digest(data)),
        kind: FileKind::of(&data[..data.len().min(512)]),
        hits,
        packages,
        named,
        banner_only,
    })
}

/// The catalog's share of the content pass ([`Vfs::scan_files`]): the classifier hits in one file, and the
/// entries it holds when it is a package database (read here, so that no file is read twice).
pub fn scan_file(f: &FileRef<'_>) -> Option<FileHits> {
    let packages = pkgdb::reader_for(f.path)
        .map(|r| (r.parse)(f.data, pkgdb::distro_of_layer(f.layer).as_deref()))
        .unwrap_or_default();
    let named = libc_names::from_file_name(f.path, f.data).into_iter().collect();
    scan_one(&f.layer.id, Some(f.path), f.data, packages, named)
}

/// Identify every component in the unpacked image. Pure: same VFS, same sorted output. Reads every file
/// once; a caller that runs its own content pass uses [`scan_file`] and [`catalog_from`] instead.
pub fn catalog(vfs: &Vfs) -> Vec<Component> {
    let hits = vfs.scan_files(scan_file).results.into_iter().filter_map(|(_, h)| h);
    catalog_from(vfs, hits)
}

/// The components, from the per-file results of the content pass ([`scan_file`], in file order: classifier
/// hits, file names and package databases), the leaf payloads (kernels …) of the VFS, the layers'
/// attributes ([`attributes`]) and the kernel module folders of its trees ([`modules_dir`]).
pub fn catalog_from(vfs: &Vfs, file_hits: impl IntoIterator<Item = FileHits>) -> Vec<Component> {
    let engine = Engine::get();
    let blobs: Vec<_> = vfs.searched_blobs().collect();
    let mut found: Vec<FileHits> = file_hits.into_iter().collect();
    found.extend(
        blobs.par_iter().filter_map(|l| scan_one(&l.id, None, &l.data, Vec::new(), Vec::new())).collect::<Vec<_>>(),
    );

    let mut m = Merger::default();
    // (layer, product) of the raw payloads whose own bytes named a product: their attributes (read from the
    // same bytes by the unpack stage, less strictly) add nothing
    let mut spoke: BTreeSet<(String, String)> = BTreeSet::new();
    for fh in &found {
        for h in &fh.hits {
            let c = engine.classifier(h.classifier);
            if fh.path.is_empty() {
                spoke.insert((fh.layer.clone(), c.name.to_string()));
            }
            let confidence = if fh.banner_only.contains(&h.classifier) { Confidence::Low } else { c.confidence };
            m.add_hit(c, h, confidence, &fh.layer, &fh.path, fh.hashes());
        }
        for n in &fh.named {
            m.add_named(n, &fh.layer, &fh.path, Some(fh.hashes()));
        }
    }
    for l in &vfs.layers {
        for n in attributes::components_of(l) {
            if !spoke.contains(&(l.id.clone(), n.name.clone())) {
                m.add_named(&n, &l.id, "", None);
            }
        }
        if let Some(t) = &l.tree {
            for (path, n) in modules_dir::kernels_of(t) {
                m.add_named(&n, &l.id, &path, None);
            }
        }
    }
    // package databases after every binary's hits, in file order
    for mut fh in found {
        for e in std::mem::take(&mut fh.packages) {
            m.add_package(e, &fh.layer, &fh.path, fh.hashes());
        }
    }
    m.finish()
}
