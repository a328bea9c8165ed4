//! Stage 2: the software catalog. Identifies components from binaries (version classifiers, see
//! [`classifiers`]) and from package databases and distribution metadata (see [`pkgdb`]).
//!
//! One component per (name, version), carrying all its evidence; conflicting versions stay separate.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod classifier;
pub mod classifiers;
pub mod engine;
pub mod glob;
pub mod merge;
pub mod pkgdb;

use fwassure_model::{Component, FileRef, Vfs};
use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::engine::{Engine, Hit};
use crate::merge::Merger;

/// Hits of one searched file or payload, with its location and hash: the catalog's result of the content
/// pass for one file ([`scan_file`]).
#[derive(Debug, Clone)]
pub struct FileHits {
    layer: String,
    path: String,
    sha256: String,
    hits: Vec<Hit>,
    /// Entries of a package database or distribution metadata file ([`pkgdb`]).
    packages: Vec<pkgdb::PkgEntry>,
}

fn scan_one(layer: &str, path: Option<&str>, data: &[u8], packages: Vec<pkgdb::PkgEntry>) -> Option<FileHits> {
    let hits = Engine::get().scan(path, data);
    (!hits.is_empty() || !packages.is_empty()).then(|| FileHits {
        layer: layer.to_string(),
        path: path.unwrap_or("").to_string(),
        sha256: hex::encode(Sha256::digest(data)),
        hits,
        packages,
    })
}

/// The catalog's share of the content pass ([`Vfs::scan_files`]): the classifier hits in one file, and the
/// entries it holds when it is a package database (read here, so that no file is read twice).
pub fn scan_file(f: &FileRef<'_>) -> Option<FileHits> {
    let packages = pkgdb::reader_for(f.path)
        .map(|r| (r.parse)(f.data, pkgdb::distro_of_layer(f.layer).as_deref()))
        .unwrap_or_default();
    scan_one(&f.layer.id, Some(f.path), f.data, packages)
}

/// Identify every component in the unpacked image. Pure: same VFS, same sorted output. Reads every file
/// once; a caller that runs its own content pass uses [`scan_file`] and [`catalog_from`] instead.
pub fn catalog(vfs: &Vfs) -> Vec<Component> {
    let hits = vfs.scan_files(scan_file).results.into_iter().filter_map(|(_, h)| h);
    catalog_from(vfs, hits)
}

/// The components, from the per-file results of the content pass ([`scan_file`], in file order: classifier
/// hits and package databases) and the leaf payloads (kernels …) of the VFS.
pub fn catalog_from(vfs: &Vfs, file_hits: impl IntoIterator<Item = FileHits>) -> Vec<Component> {
    let engine = Engine::get();
    let blobs: Vec<_> = vfs.leaf_blobs().collect();
    let mut found: Vec<FileHits> = file_hits.into_iter().collect();
    found.extend(blobs.par_iter().filter_map(|l| scan_one(&l.id, None, &l.data, Vec::new())).collect::<Vec<_>>());

    let mut m = Merger::default();
    for fh in &found {
        for h in &fh.hits {
            m.add_hit(engine.classifier(h.classifier), h, &fh.layer, &fh.path, &fh.sha256);
        }
    }
    // package databases after every binary's hits, in file order
    for fh in found {
        for e in fh.packages {
            m.add_package(e, &fh.layer, &fh.path, &fh.sha256);
        }
    }
    m.finish()
}
