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

use fwassure_model::{Component, Vfs};
use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::engine::{Engine, Hit};
use crate::merge::Merger;

/// Hits of one searched file or payload, with its location and hash.
struct FileHits {
    layer: String,
    path: String,
    sha256: String,
    hits: Vec<Hit>,
}

/// Identify every component in the unpacked image. Pure: same VFS, same sorted output.
pub fn catalog(vfs: &Vfs) -> Vec<Component> {
    let engine = Engine::get();
    let files: Vec<_> = vfs.files().collect();
    let blobs: Vec<_> = vfs.leaf_blobs().collect();
    let scan_one = |layer: &str, path: Option<&str>, data: &[u8]| -> Option<FileHits> {
        let hits = engine.scan(path, data);
        (!hits.is_empty()).then(|| FileHits {
            layer: layer.to_string(),
            path: path.unwrap_or("").to_string(),
            sha256: hex::encode(Sha256::digest(data)),
            hits,
        })
    };
    let mut found: Vec<FileHits> =
        files.par_iter().filter_map(|f| scan_one(&f.layer.id, Some(f.path), f.data)).collect();
    found.extend(blobs.par_iter().filter_map(|l| scan_one(&l.id, None, &l.data)).collect::<Vec<_>>());

    let mut m = Merger::default();
    for fh in &found {
        for h in &fh.hits {
            m.add_hit(engine.classifier(h.classifier), h, &fh.layer, &fh.path, &fh.sha256);
        }
    }
    for (f, reader) in pkgdb::metadata_files(vfs) {
        let distro = pkgdb::distro_of(vfs, &f.layer.id);
        let sha = hex::encode(Sha256::digest(f.data));
        for e in (reader.parse)(f.data, distro.as_deref()) {
            m.add_package(e, &f.layer.id, f.path, &sha);
        }
    }
    m.finish()
}
