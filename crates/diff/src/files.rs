//! Files changed per filesystem layer, by hash.
//!
//! A report holds no file list, so file changes need the images: [`FileIndex::from_vfs`] hashes every regular
//! file of every filesystem layer. Layers are paired across versions by content, not by id (ids follow the
//! discovery order, and a new vendor header moves them): each old layer goes with the unpaired new layer that
//! shares the largest part of its paths (Jaccard index, at least [`MIN_OVERLAP`]), best pairs first.

use std::collections::{BTreeMap, BTreeSet};

use fwassure_model::Vfs;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Least share of paths two layers must have in common to be taken for two versions of one filesystem.
pub const MIN_OVERLAP: f64 = 0.2;

/// The regular files of one filesystem layer with their sha256.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexedLayer {
    /// Which layer.
    pub layer: LayerRef,
    /// Path → sha256 (lowercase hex).
    pub files: BTreeMap<String, String>,
}

/// The files of an image, layer by layer in id order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileIndex {
    /// Filesystem layers.
    pub layers: Vec<IndexedLayer>,
}

impl FileIndex {
    /// Hash every regular file of every filesystem layer (read once each, on all cores). A file that cannot be
    /// read in full is hashed over what was read: it still compares as changed or not.
    pub fn from_vfs(vfs: &Vfs) -> FileIndex {
        let scanned = vfs.scan_files(|f| hex::encode(Sha256::digest(f.data)));
        let mut by_layer: BTreeMap<&str, BTreeMap<String, String>> = BTreeMap::new();
        for (entry, hash) in scanned.results {
            by_layer.entry(entry.layer.id.as_str()).or_default().insert(entry.path.to_string(), hash);
        }
        let layers = vfs
            .filesystems()
            .map(|l| IndexedLayer {
                layer: LayerRef { id: l.id.clone(), format: l.format.clone(), path: l.source_path.clone() },
                files: by_layer.remove(l.id.as_str()).unwrap_or_default(),
            })
            .collect();
        FileIndex { layers }
    }
}

/// A layer as the diff names it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct LayerRef {
    /// Layer id in its own report.
    pub id: String,
    /// Format.
    pub format: String,
    /// The parent's file it was read from, if any.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub path: Option<String>,
}

/// The file changes of one pair of layers (or of a layer only one version has).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LayerChange {
    /// The old version's layer; absent when the layer is new.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub old: Option<LayerRef>,
    /// The new version's layer; absent when the layer is gone.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub new: Option<LayerRef>,
    /// Paths only the new layer has.
    pub added: Vec<String>,
    /// Paths only the old layer has.
    pub removed: Vec<String>,
    /// Paths in both whose contents differ.
    pub changed: Vec<String>,
    /// Number of paths in both with the same contents.
    pub unchanged: u64,
}

fn overlap(a: &IndexedLayer, b: &IndexedLayer) -> f64 {
    let common = a.files.keys().filter(|p| b.files.contains_key(*p)).count();
    let union = a.files.len() + b.files.len() - common;
    if union == 0 {
        0.0
    } else {
        common as f64 / union as f64
    }
}

/// Pair the layers of two versions and list the file changes of each pair; layers without a partner are listed
/// whole (all added or all removed). Sorted: pairs in the old version's layer order, then new-only layers.
pub fn compare(old: &FileIndex, new: &FileIndex) -> Vec<LayerChange> {
    let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
    for (i, a) in old.layers.iter().enumerate() {
        for (j, b) in new.layers.iter().enumerate() {
            let o = overlap(a, b);
            if o >= MIN_OVERLAP {
                candidates.push((o, i, j));
            }
        }
    }
    // best overlap first; ties by layer order, so that the pairing is deterministic
    candidates.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    let mut old_used = vec![None; old.layers.len()];
    let mut new_used = vec![false; new.layers.len()];
    for (_, i, j) in candidates {
        if old_used[i].is_none() && !new_used[j] {
            old_used[i] = Some(j);
            new_used[j] = true;
        }
    }
    let mut out = Vec::new();
    for (i, a) in old.layers.iter().enumerate() {
        match old_used[i] {
            Some(j) => out.push(pair(a, &new.layers[j])),
            None => out.push(LayerChange {
                old: Some(a.layer.clone()),
                new: None,
                added: vec![],
                removed: a.files.keys().cloned().collect(),
                changed: vec![],
                unchanged: 0,
            }),
        }
    }
    for (j, b) in new.layers.iter().enumerate() {
        if !new_used[j] {
            out.push(LayerChange {
                old: None,
                new: Some(b.layer.clone()),
                added: b.files.keys().cloned().collect(),
                removed: vec![],
                changed: vec![],
                unchanged: 0,
            });
        }
    }
    // a layer with no files on either side says nothing
    out.retain(|c| !(c.added.is_empty() && c.removed.is_empty() && c.changed.is_empty() && c.unchanged == 0));
    out
}

fn pair(a: &IndexedLayer, b: &IndexedLayer) -> LayerChange {
    let paths: BTreeSet<&String> = a.files.keys().chain(b.files.keys()).collect();
    let mut c = LayerChange {
        old: Some(a.layer.clone()),
        new: Some(b.layer.clone()),
        added: vec![],
        removed: vec![],
        changed: vec![],
        unchanged: 0,
    };
    for p in paths {
        match (a.files.get(p), b.files.get(p)) {
            (Some(x), Some(y)) if x == y => c.unchanged += 1,
            (Some(_), Some(_)) => c.changed.push(p.clone()),
            (Some(_), None) => c.removed.push(p.clone()),
            (None, Some(_)) => c.added.push(p.clone()),
            (None, None) => {}
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layer(id: &str, files: &[(&str, &str)]) -> IndexedLayer {
        IndexedLayer {
            layer: LayerRef { id: id.into(), format: "squashfs".into(), path: None },
            files: files.iter().map(|(p, h)| (p.to_string(), h.to_string())).collect(),
        }
    }

    #[test]
    fn layers_pair_by_content_not_by_id() {
        // the new version has a small extra layer first, which moves the root filesystem's id
        let old = FileIndex { layers: vec![layer("L1", &[("/bin/a", "1"), ("/bin/b", "2"), ("/etc/x", "3")])] };
        let new = FileIndex {
            layers: vec![
                layer("L1", &[("/www/index.html", "9")]),
                layer("L2", &[("/bin/a", "1"), ("/bin/b", "5"), ("/etc/y", "4")]),
            ],
        };
        let c = compare(&old, &new);
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].new.as_ref().unwrap().id, "L2");
        assert_eq!(c[0].changed, vec!["/bin/b"]);
        assert_eq!(c[0].added, vec!["/etc/y"]);
        assert_eq!(c[0].removed, vec!["/etc/x"]);
        assert_eq!(c[0].unchanged, 1);
        assert!(c[1].old.is_none());
        assert_eq!(c[1].added, vec!["/www/index.html"]);
    }

    #[test]
    fn unrelated_layers_are_not_paired() {
        let old = FileIndex { layers: vec![layer("L1", &[("/a", "1"), ("/b", "1"), ("/c", "1"), ("/d", "1")])] };
        let new = FileIndex { layers: vec![layer("L1", &[("/a", "1"), ("/x", "1"), ("/y", "1"), ("/z", "1")])] };
        let c = compare(&old, &new);
        // 1 common of 7 paths is below the threshold: one layer went, another came
        assert_eq!(c.len(), 2);
        assert!(c[0].new.is_none() && c[1].old.is_none());
    }
}
