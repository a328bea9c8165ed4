//! romfs fixtures built by genromfs (files, directories, symlinks, hard links, devices), plus hostile
//! variants and hand-made traversal and loop images.

use crate::common;

use bytes::Bytes;
use common::*;
use fwassure_model::NodeKind;
use fwassure_unpack::unpack;
use std::process::Command;

fn genromfs() -> (tempfile::TempDir, Vec<u8>) {
    require_tool("genromfs", "genromfs");
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("root");
    sample_tree(&root, true);
    std::fs::create_dir_all(root.join("dev")).unwrap();
    // genromfs turns `@name,type,major,minor` files into device nodes
    std::fs::write(root.join("dev/@console,c,5,1"), b"").unwrap();
    let out = tmp.path().join("fs.romfs");
    run(Command::new("genromfs").arg("-f").arg(&out).arg("-d").arg(&root).args(["-V", "testvol"]));
    std::fs::remove_file(root.join("dev/@console,c,5,1")).unwrap();
    let img = std::fs::read(&out).unwrap();
    (tmp, img)
}

#[test]
fn genromfs_tree() {
    let (tmp, img) = genromfs();
    let vfs = unpack(Bytes::from(img));
    let t = tree_of(&vfs, "romfs");
    assert_tree_matches(&tmp.path().join("root"), t);
    assert_eq!(t.get("/dev/console").unwrap().kind, NodeKind::CharDevice { major: 5, minor: 1 });
    assert_eq!(t.read("/usr/passwd-hard"), t.read("/etc/passwd"));
    let l = vfs.layers.iter().find(|l| l.format == "romfs").unwrap();
    assert!(l.problems.is_empty(), "{:?}", l.problems);
}

fn header(next: u32, kind: u32, spec: u32, size: u32, name: &str) -> Vec<u8> {
    let mut h = Vec::new();
    h.extend_from_slice(&(next | kind).to_be_bytes());
    h.extend_from_slice(&spec.to_be_bytes());
    h.extend_from_slice(&size.to_be_bytes());
    h.extend_from_slice(&0u32.to_be_bytes());
    h.extend_from_slice(name.as_bytes());
    h.push(0);
    while !h.len().is_multiple_of(16) {
        h.push(0);
    }
    let sum = h.chunks(4).fold(0u32, |s, c| s.wrapping_add(u32::from_be_bytes(c.try_into().unwrap())));
    h[12..16].copy_from_slice(&0u32.wrapping_sub(sum).to_be_bytes());
    h
}

#[test]
fn traversal_and_loops() {
    // superblock (32 bytes), root dir at 32, then "../../x" file at 64, then a dir that loops back to itself
    let mut img = Vec::new();
    img.extend_from_slice(b"-rom1fs-");
    img.extend_from_slice(&0u32.to_be_bytes());
    img.extend_from_slice(&0u32.to_be_bytes());
    img.extend_from_slice(b"v\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0");
    img.extend_from_slice(&header(0, 1, 64, 0, ".")); // root at 32 -> entries at 64
    img.extend_from_slice(&header(112, 2, 0, 4, "../../x")); // 64: 16 + 16 name + data 16
    img.extend_from_slice(b"evil\0\0\0\0\0\0\0\0\0\0\0\0");
    img.extend_from_slice(&header(64, 1, 112, 0, "loop")); // 112: dir whose entries start at itself; next loops to 64
    let size = img.len() as u32;
    img[8..12].copy_from_slice(&size.to_be_bytes());
    let sum = img[..32].chunks(4).fold(0u32, |s, c| s.wrapping_add(u32::from_be_bytes(c.try_into().unwrap())));
    img[12..16].copy_from_slice(&0u32.wrapping_sub(sum).to_be_bytes());
    let vfs = unpack(Bytes::from(img));
    let l = vfs.layers.iter().find(|l| l.format == "romfs").unwrap();
    let t = l.tree.as_ref().unwrap();
    assert_eq!(t.read("/x").as_deref(), Some(&b"evil"[..]));
    let msgs: Vec<_> = l.problems.iter().map(|p| p.message.clone()).collect();
    assert!(msgs.iter().any(|m| m.contains("escapes the root")), "{msgs:?}");
    assert!(msgs.iter().any(|m| m.contains("loop")), "{msgs:?}");
}

#[test]
fn hostile_images() {
    let (_t, img) = genromfs();
    hostile(&img, "romfs");
}
