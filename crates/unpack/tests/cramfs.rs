//! cramfs fixtures built by util-linux's mkfs.cramfs (little- and big-endian, two block sizes, boot pad)
//! and cramfsswap, plus hostile variants.

use crate::common;

use bytes::Bytes;
use common::*;
use fwassure_model::NodeKind;
use fwassure_unpack::{unpack, unpack_with, Limits};
use std::path::Path;
use std::process::Command;

/// Build a sample tree; returns whether device nodes could be created (needs root).
fn tree(dir: &Path) -> bool {
    sample_tree(dir, true);
    std::fs::create_dir_all(dir.join("dev")).unwrap();
    let ok =
        Command::new("mknod").arg(dir.join("dev/console")).args(["c", "5", "1"]).status().is_ok_and(|s| s.success());
    if !ok {
        eprintln!("mknod failed (not root?): device nodes are not covered by this run");
    }
    ok
}

fn mkfs(args: &[&str]) -> (tempfile::TempDir, Vec<u8>, bool) {
    require_tool("mkfs.cramfs", "util-linux");
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("root");
    let dev = tree(&root);
    let out = tmp.path().join("fs.cramfs");
    run(Command::new("mkfs.cramfs").args(args).arg(&root).arg(&out));
    let img = std::fs::read(&out).unwrap();
    (tmp, img, dev)
}

fn check(tmp: &tempfile::TempDir, img: &[u8], dev: bool) {
    let vfs = unpack(Bytes::copy_from_slice(img));
    let t = tree_of(&vfs, "cramfs");
    let root = tmp.path().join("root");
    if dev {
        assert_eq!(t.get("/dev/console").unwrap().kind, NodeKind::CharDevice { major: 5, minor: 1 });
        std::fs::remove_file(root.join("dev/console")).unwrap();
    }
    assert_tree_matches(&root, t);
    let l = vfs.layers.iter().find(|l| l.format == "cramfs").unwrap();
    assert!(l.problems.is_empty(), "{:?}", l.problems);
}

#[test]
fn little_endian() {
    let (tmp, img, dev) = mkfs(&["-N", "little", "-n", "vol"]);
    assert_eq!(&img[..4], &[0x45, 0x3d, 0xcd, 0x28]);
    check(&tmp, &img, dev);
}

#[test]
fn big_endian() {
    let (tmp, img, dev) = mkfs(&["-N", "big"]);
    assert_eq!(&img[..4], &[0x28, 0xcd, 0x3d, 0x45]);
    check(&tmp, &img, dev);
}

#[test]
fn big_endian_via_cramfsswap() {
    require_tool("cramfsswap", "cramfsswap");
    let (tmp, _img, dev) = mkfs(&["-N", "little"]);
    let le = tmp.path().join("fs.cramfs");
    let be = tmp.path().join("fs.be.cramfs");
    run(Command::new("cramfsswap").arg(&le).arg(&be));
    let img = std::fs::read(&be).unwrap();
    assert_eq!(&img[..4], &[0x28, 0xcd, 0x3d, 0x45]);
    check(&tmp, &img, dev);
}

#[test]
fn sixteen_kib_blocks_and_boot_pad() {
    let (tmp, img, dev) = mkfs(&["-N", "big", "-b", "16384", "-p"]);
    let mut blob = b"junk before".repeat(100);
    let at = blob.len();
    blob.extend_from_slice(&img);
    let vfs = unpack(Bytes::from(blob));
    let l = vfs.layers.iter().find(|l| l.format == "cramfs").unwrap();
    assert_eq!(l.offset, at as u64);
    assert!(l.description.contains("block size 16384"), "{}", l.description);
    check(&tmp, &img, dev);
}

#[test]
fn crc_mismatch_is_reported() {
    let (_tmp, mut img, _) = mkfs(&["-N", "little"]);
    // flip a byte inside file data near the end
    let n = img.len();
    img[n - 100] ^= 0x55;
    let vfs = unpack(Bytes::from(img));
    let l = vfs.layers.iter().find(|l| l.format == "cramfs").unwrap();
    assert!(l.problems.iter().any(|p| p.message.contains("CRC")), "{:?}", l.problems);
}

#[test]
fn hostile_images() {
    let (_t, le, _) = mkfs(&["-N", "little"]);
    hostile(&le, "cramfs");
    let (_t, be, _) = mkfs(&["-N", "big"]);
    hostile(&be, "cramfs");
}

#[test]
fn self_referencing_directory() {
    // a LE image whose subdirectory's entries pointer is turned into the root directory's
    let (_t, mut img, _) = mkfs(&["-N", "little"]);
    let root_w2 = u32::from_le_bytes(img[72..76].try_into().unwrap());
    let root_off = (root_w2 >> 6) as usize * 4;
    // patch every directory entry of the root to point at the root's own entries
    let root_size = (u32::from_le_bytes(img[68..72].try_into().unwrap()) & 0xff_ffff) as usize;
    let mut off = root_off;
    while off < root_off + root_size {
        let mode = u16::from_le_bytes(img[off..off + 2].try_into().unwrap());
        let w2 = u32::from_le_bytes(img[off + 8..off + 12].try_into().unwrap());
        if mode & 0o170000 == 0o040000 {
            let patched = (w2 & 0x3f) | (root_w2 & !0x3f);
            img[off + 8..off + 12].copy_from_slice(&patched.to_le_bytes());
        }
        off += 12 + (w2 & 0x3f) as usize * 4;
    }
    let vfs = unpack(Bytes::from(img));
    let l = vfs.layers.iter().find(|l| l.format == "cramfs").unwrap();
    assert!(l.problems.iter().any(|p| p.message.contains("loop")), "{:?}", l.problems);
}

#[test]
fn inflated_sizes_are_held_to_the_expansion_limit() {
    // every regular file of the root claims 16 MiB: its block pointers run into other data and missing
    // blocks read as zeros, so the expansion limit applies to what the file occupies in the image
    let (_t, mut img, _) = mkfs(&["-N", "little"]);
    let bound = (img.len() as u64).max(1 << 20);
    assert!(bound < 16 << 20);
    let root_w2 = u32::from_le_bytes(img[72..76].try_into().unwrap());
    let root_off = (root_w2 >> 6) as usize * 4;
    let root_size = (u32::from_le_bytes(img[68..72].try_into().unwrap()) & 0xff_ffff) as usize;
    let (mut off, mut patched) = (root_off, 0);
    while off < root_off + root_size {
        let mode = u16::from_le_bytes(img[off..off + 2].try_into().unwrap());
        let w2 = u32::from_le_bytes(img[off + 8..off + 12].try_into().unwrap());
        if mode & 0o170000 == 0o100000 {
            let w1 = u32::from_le_bytes(img[off + 4..off + 8].try_into().unwrap());
            img[off + 4..off + 8].copy_from_slice(&((w1 & 0xff00_0000) | 0xff_ffff).to_le_bytes());
            patched += 1;
        }
        off += 12 + (w2 & 0x3f) as usize * 4;
    }
    assert!(patched > 0);
    // a file, and the whole layer, may grow to what it occupies (at most the whole image), or 1 MiB
    let limits = Limits { max_ratio: 1, ratio_floor_bytes: 1 << 20, ..Limits::default() };
    let vfs = unpack_with(Bytes::from(img), &limits);
    let l = vfs.layers.iter().find(|l| l.format == "cramfs").unwrap();
    let t = l.tree.as_ref().unwrap();
    // each file, and the layer's files together, stay within the bound
    let mut total = 0;
    for (p, _, d) in t.files() {
        assert!(d.len() <= bound, "{p}: {} bytes", d.len());
        assert!(d.read_lossy().len() as u64 <= d.len(), "{p}");
        total += d.len();
    }
    assert!(total <= bound, "{total} bytes in all");
    let cut = l.problems.iter().filter(|p| p.message.contains("exceeds the limit")).count();
    assert!(cut >= patched, "{:?}", l.problems);
}
