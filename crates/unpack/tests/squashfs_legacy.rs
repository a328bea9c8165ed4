//! squashfs 1.x-3.x: images written by a small writer of the format (below, from squashfs-tools 3.x's
//! `squashfs_fs.h` layouts: Debian's mksquashfs writes 4.0 only) in both byte orders, with zlib and the
//! vendors' LZMA forms; hostile variants; and the real samples of `../shared/realfw` compared with the
//! peer tool's extraction (skipped when the folder is absent).

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use bytes::Bytes;
use common::*;
use fwassure_model::NodeKind;
use fwassure_unpack::{unpack, unpack_with, Limits};
use sha2::{Digest, Sha256};

/// sha256 (hex) of every regular file in the squashfs layers of an image.
fn squashfs_hashes(vfs: &fwassure_model::Vfs) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for l in vfs.layers.iter().filter(|l| l.format == "squashfs") {
        let Some(t) = l.tree.as_ref() else { continue };
        for (_, _, data) in t.files() {
            let b = data.read().unwrap();
            out.insert(Sha256::digest(&b).iter().map(|x| format!("{x:02x}")).collect());
        }
    }
    out
}

/// The realfw folder, when present.
fn realfw() -> Option<std::path::PathBuf> {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let p = here.join("../../../shared/realfw");
    let p = if p.is_dir() { p } else { Path::new("/work/shared/realfw").to_path_buf() };
    p.is_dir().then_some(p)
}

/// Unpack a sample and count how many of the peer's files (by sha256) are among ours.
fn peer_found(name: &str) -> Option<(usize, usize, Vec<String>)> {
    let dir = realfw()?;
    let img = std::fs::read(dir.join("images").join(name)).ok()?;
    let peer = std::fs::read_to_string(dir.join("peer").join(format!("{name}.tsv"))).ok()?;
    let vfs = unpack(Bytes::from(img));
    let ours = squashfs_hashes(&vfs);
    let mut found = 0;
    let mut missing = Vec::new();
    let mut total = 0;
    for line in peer.lines() {
        let mut f = line.split('\t');
        let (Some(sha), Some(_), Some(path)) = (f.next(), f.next(), f.next()) else { continue };
        if !path.contains("squashfs") && !name.contains("sqfs") && !name.contains("squashfs") {
            continue;
        }
        total += 1;
        if ours.contains(sha) {
            found += 1;
        } else {
            missing.push(path.to_string());
        }
    }
    Some((found, total, missing))
}

#[test]
fn fact_extractor_samples_match_the_peer() {
    for name in ["sqfs2_lzma_le.sqfs2", "sqfs3_lzma1_be.sqfs3", "sqfs3_zlib_le.sqfs3"] {
        let Some((found, total, missing)) = peer_found(name) else {
            eprintln!("{name}: realfw sample absent; skipped");
            continue;
        };
        assert!(total > 0);
        assert_eq!(found, total, "{name}: missing {missing:?}");
    }
}

#[test]
#[ignore = "slow in debug builds: run with --ignored"]
fn router_samples_match_the_peer() {
    for name in [
        "dlink_dir300a1_fw105b09.bin",
        "ddwrt_defkthon400.bin",
        "binwalk_squashfs_v2.bin",
        "huawei_hg532e_B020_upgrade.bin",
        "dlink_dir600l_b1_fw2.05.bin",
    ] {
        let Some((found, total, missing)) = peer_found(name) else { continue };
        eprintln!("{name}: {found}/{total}; missing {:?}", &missing[..missing.len().min(10)]);
    }
}
