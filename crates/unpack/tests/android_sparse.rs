//! Android sparse images: ext4 file systems made with mke2fs and made sparse with `img2simg` (Debian's
//! android-sdk-libsparse-utils), images written here from the format's description (every chunk type, a
//! CRC32 chunk), hostile variants, and the real sample when ../shared is there.

use crate::common;

use bytes::Bytes;
use common::*;
use fwassure_unpack::{unpack, unpack_with, Limits};
use std::path::Path;

/// One chunk of a hand-written sparse image.
enum Chunk<'a> {
    Raw(&'a [u8]),
    Fill(u32, [u8; 4]),
    DontCare(u32),
    Crc(u32),
}

/// A sparse image of `blk`-byte blocks from chunks, written from the format's description.
fn sparse(blk: u32, total_blks: u32, chunks: &[Chunk]) -> Vec<u8> {
    let mut v = Vec::new();
    v.extend_from_slice(&0xed26_ff3au32.to_le_bytes());
    v.extend_from_slice(&1u16.to_le_bytes());
    v.extend_from_slice(&0u16.to_le_bytes());
    v.extend_from_slice(&28u16.to_le_bytes());
    v.extend_from_slice(&12u16.to_le_bytes());
    v.extend_from_slice(&blk.to_le_bytes());
    v.extend_from_slice(&total_blks.to_le_bytes());
    v.extend_from_slice(&(chunks.len() as u32).to_le_bytes());
    v.extend_from_slice(&0u32.to_le_bytes());
    for c in chunks {
        let (ty, blocks, body): (u16, u32, Vec<u8>) = match c {
            Chunk::Raw(d) => (0xcac1, d.len() as u32 / blk, d.to_vec()),
            Chunk::Fill(n, p) => (0xcac2, *n, p.to_vec()),
            Chunk::DontCare(n) => (0xcac3, *n, vec![]),
            Chunk::Crc(c) => (0xcac4, 0, c.to_le_bytes().to_vec()),
        };
        v.extend_from_slice(&ty.to_le_bytes());
        v.extend_from_slice(&0u16.to_le_bytes());
        v.extend_from_slice(&blocks.to_le_bytes());
        v.extend_from_slice(&(12 + body.len() as u32).to_le_bytes());
        v.extend_from_slice(&body);
    }
    v
}

fn expanded(vfs: &fwassure_model::Vfs) -> Bytes {
    let l = vfs.layers.iter().find(|l| l.format == "android-sparse").expect("an android-sparse layer");
    let child = vfs.layers.iter().find(|c| c.parent.as_deref() == Some(l.id.as_str())).expect("the expanded image");
    assert_eq!(child.source_path.as_deref(), Some("image"));
    child.data.clone()
}

#[test]
fn ext4_made_sparse_by_img2simg() {
    need("mke2fs", "e2fsprogs");
    need("img2simg", "android-sdk-libsparse-utils");
    let fx = fixture();
    let keeps = Keeps { devnums: false, ..Keeps::ALL };
    for bs in [4096, 1024] {
        let raw = fx.work.join(format!("ext4-{bs}.img"));
        let simg = fx.work.join(format!("ext4-{bs}.simg"));
        sh(&fx.work, &format!("mke2fs -q -F -t ext4 -b {bs} -d {} {} 8M", fx.src.display(), raw.display()));
        sh(&fx.work, &format!("img2simg {} {}", raw.display(), simg.display()));
        let sparse_bytes = std::fs::read(&simg).unwrap();
        assert_eq!(&sparse_bytes[..4], &[0x3a, 0xff, 0x26, 0xed]);
        let vfs = check_image(&fx, &simg, "ext", &["android-sparse", "ext"], keeps, &["/lost+found"]);
        // the expanded image is the raw one (DONT_CARE blocks of mke2fs's holes are zeros in both)
        assert!(expanded(&vfs)[..] == std::fs::read(&raw).unwrap()[..], "block size {bs}: expansion differs");
    }
}

#[test]
fn every_chunk_type_and_the_crc_chunk() {
    let blk = 512u32;
    let raw: Vec<u8> = noise(7, 2 * blk as usize);
    let mut want = raw.clone();
    want.extend([1u8, 2, 3, 4].iter().cycle().take(3 * blk as usize));
    want.extend(vec![0u8; blk as usize]);
    let crc = crc32fast::hash(&want);
    want.extend(vec![0u8; 2 * blk as usize]);
    let img = sparse(
        blk,
        8,
        &[Chunk::Raw(&raw), Chunk::Fill(3, [1, 2, 3, 4]), Chunk::DontCare(1), Chunk::Crc(crc), Chunk::DontCare(2)],
    );
    let vfs = unpack(Bytes::from(img.clone()));
    // (random bytes hold no file system: only the engine's global note about that)
    let probs: Vec<_> = vfs.all_problems().into_iter().filter(|p| p.layer.is_some()).collect();
    assert!(probs.is_empty(), "{probs:?}");
    assert!(expanded(&vfs)[..] == want[..]);

    // a wrong CRC is reported, the data kept
    let bad =
        sparse(blk, 8, &[Chunk::Raw(&raw), Chunk::Fill(3, [1, 2, 3, 4]), Chunk::DontCare(1), Chunk::Crc(crc ^ 1)]);
    let vfs = unpack(Bytes::from(bad));
    let probs = vfs.all_problems();
    assert!(probs.iter().any(|p| p.message.contains("CRC32")), "{probs:?}");
    assert!(probs.iter().any(|p| p.message.contains("cover 6 of 8 blocks")), "{probs:?}");
    assert_eq!(expanded(&vfs).len(), 8 * blk as usize, "the declared size is kept, the rest zeros");

    // behind other data, and followed by other data: carved
    let mut blob = b"vendor header ".repeat(10);
    blob.extend_from_slice(&img);
    blob.extend_from_slice(b"trailer that is not padding");
    let vfs = unpack(Bytes::from(blob));
    assert!(expanded(&vfs)[..] == want[..]);
}

#[test]
fn a_huge_declared_size_is_cut_before_allocating() {
    // 2^32-1 blocks of 64 KiB (256 TiB) declared, one fill chunk that claims them all
    let img = sparse(65536, u32::MAX, &[Chunk::Fill(u32::MAX, [0xaa; 4])]);
    let limits = Limits { max_total_bytes: 64 << 20, ..Limits::default() };
    let vfs = unpack_with(Bytes::from(img), &limits);
    let probs = vfs.all_problems();
    assert!(probs.iter().any(|p| p.message.contains("exceeds the limit")), "{probs:?}");
    let out = expanded(&vfs);
    assert!(out.len() as u64 <= 64 << 20 && out.iter().all(|&b| b == 0xaa));
}

#[test]
fn malformed_chunks_are_reported() {
    let blk = 1024u32;
    let raw = noise(9, blk as usize);
    // unknown chunk type after a good chunk
    let mut img = sparse(blk, 4, &[Chunk::Raw(&raw), Chunk::DontCare(3)]);
    let second = 28 + 12 + blk as usize;
    img[second..second + 2].copy_from_slice(&0xcac9u16.to_le_bytes());
    let vfs = unpack(Bytes::from(img));
    assert!(vfs.all_problems().iter().any(|p| p.message.contains("unknown type")), "{:?}", vfs.all_problems());
    assert!(expanded(&vfs)[..blk as usize] == raw[..]);
    // a raw chunk whose total size disagrees with its blocks
    let mut img = sparse(blk, 4, &[Chunk::Raw(&raw), Chunk::DontCare(3)]);
    img[28 + 4..28 + 8].copy_from_slice(&2u32.to_le_bytes());
    let vfs = unpack(Bytes::from(img));
    assert!(vfs.all_problems().iter().any(|p| p.message.contains("does not match")), "{:?}", vfs.all_problems());
}

#[test]
fn hostile_variants() {
    need("mke2fs", "e2fsprogs");
    need("img2simg", "android-sdk-libsparse-utils");
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src");
    sample_tree(&src, true);
    let raw = dir.path().join("e.img");
    let simg = dir.path().join("e.simg");
    sh(dir.path(), &format!("mke2fs -q -F -t ext4 -b 1024 -d {} {} 2M", src.display(), raw.display()));
    sh(dir.path(), &format!("img2simg {} {}", raw.display(), simg.display()));
    hostile(&std::fs::read(&simg).unwrap(), "android-sparse");
}

#[test]
fn real_sample_when_present() {
    let img = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/realfw/images/android_simg.img");
    if !img.is_file() {
        eprintln!("skipped: {} not found", img.display());
        return;
    }
    let vfs = unpack_file(&img);
    let t = tree_of(&vfs, "ext");
    let files: Vec<_> = t.files().map(|(p, _, _)| p.to_string()).collect();
    assert!(files.iter().any(|p| p.ends_with("/testfile1")), "{files:?}");
    assert!(files.len() >= 3, "{files:?}");
}
