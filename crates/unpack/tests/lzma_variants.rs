//! Vendor LZMA and squashfs variants: squashfs 4.0 whose lzma blocks carry a 5-byte header or none (TP-Link,
//! D-Link SEAMA), AVM's big-endian squashfs 4.0 with little-endian metadata lengths, and lzma-alone streams
//! with property bytes other than the usual 0x5d.
//!
//! The fixtures are built here: squashfs images by `mksquashfs -comp lzma` (squashfs-tools' 13-byte header)
//! whose blocks are then written again in the vendor layouts by backhand's writer with an lzma-rust2
//! encoder, AVM images by backhand's writer, and lzma streams by lzma-rust2's encoder. The real firmware
//! samples of `../shared/realfw` (when present) are read too and compared with the peer tool's files.

mod common;

use std::collections::HashSet;
use std::fs;
use std::io::{Read, Write};
use std::path::PathBuf;

use backhand::compression::{CompressionAction, Compressor};
use backhand::kind::{Kind, AVM_BE_V4_0, BE_V4_0, LE_V4_0};
use backhand::{BackhandError, FilesystemCompressor, FilesystemReader, FilesystemWriter, NodeHeader};
use bytes::Bytes;
use common::*;
use fwassure_model::Vfs;
use sha2::{Digest, Sha256};

// ---------------------------------------------------------------- real samples

/// The real firmware samples, when present (`FWASSURE_REALFW` or `../shared/realfw` of the workspace).
fn realfw() -> Option<PathBuf> {
    let dir = std::env::var_os("FWASSURE_REALFW").map(PathBuf::from).unwrap_or_else(|| {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/realfw").components().collect()
    });
    let dir = if dir.is_dir() { dir } else { PathBuf::from("/work/shared/realfw") };
    dir.join("images").is_dir().then_some(dir)
}

/// sha256 (hex) of every regular file of every tree, and of every decompressed stream (a layer without a
/// tree), as an extraction writes them.
fn produced(vfs: &Vfs) -> HashSet<String> {
    let hex = |b: &[u8]| Sha256::digest(b).iter().map(|x| format!("{x:02x}")).collect::<String>();
    let mut out = HashSet::new();
    for l in &vfs.layers {
        match &l.tree {
            Some(t) => {
                for (_, _, d) in t.files() {
                    if let Ok(b) = d.read() {
                        out.insert(hex(&b));
                    }
                }
            }
            None if l.parent.is_some() => {
                out.insert(hex(&l.data));
            }
            None => {}
        }
    }
    out
}

/// Unpack a real sample and count the peer's files whose path starts with a region of `format` (its
/// extraction directory `START-END.FORMAT_extract`; all files when `None`) that we produced too: (found,
/// peer's).
fn peer_files_found(name: &str, format: Option<&str>) -> Option<(usize, usize)> {
    let dir = realfw()?;
    let image = dir.join("images").join(name);
    let peer = fs::read_to_string(dir.join("peer").join(format!("{name}.tsv"))).ok()?;
    let vfs = fwassure_unpack::unpack(Bytes::from(fs::read(image).ok()?));
    let ours = produced(&vfs);
    let wanted: Vec<&str> = peer
        .lines()
        .filter_map(|l| {
            let mut f = l.split('\t');
            let (sha, _, path) = (f.next()?, f.next()?, f.next()?);
            let top = path.split('/').next()?;
            format.is_none_or(|f| top.contains(&format!(".{f}"))).then_some(sha)
        })
        .collect();
    let found = wanted.iter().filter(|s| ours.contains(**s)).count();
    Some((found, wanted.len()))
}

#[test]
fn real_vendor_lzma_squashfs_images_are_read() {
    for name in ["tplink_wr940nv4_us_160617.bin", "dlink_dir600l_b1_fw2.17_seama.bin"] {
        let Some((found, peer)) = peer_files_found(name, Some("squashfs_v4_le")) else {
            eprintln!("note: real sample {name} not found; skipped");
            continue;
        };
        eprintln!("{name}: {found}/{peer} of the peer's squashfs files");
        assert!(peer > 100 && found * 100 >= peer * 95, "{name}: only {found} of the peer's {peer} squashfs files");
    }
}

#[test]
fn real_avm_squashfs_is_read() {
    let Some((found, peer)) = peer_files_found("avm_be.sqfs4", None) else {
        eprintln!("note: real sample avm_be.sqfs4 not found; skipped");
        return;
    };
    assert!(peer > 0 && found == peer, "avm_be.sqfs4: {found} of the peer's {peer} files");
}

#[test]
fn real_lzma_streams_with_other_property_bytes_are_found() {
    let Some((found, peer)) = peer_files_found("tplink_wr702n.fw", Some("lzma")) else {
        eprintln!("note: real sample tplink_wr702n.fw not found; skipped");
        return;
    };
    eprintln!("tplink_wr702n.fw: {found}/{peer} of the peer's lzma streams");
    assert!(peer > 100 && found * 100 >= peer * 95, "only {found} of the peer's {peer} lzma streams");
}
