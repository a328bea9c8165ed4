//! JFFS2 fixtures: images built by mkfs.jffs2 (both byte orders; zlib, rtime, lzo, none) and by a small
//! in-test writer (lzma nodes, versioning, deletion, traversal names, directory loops), plus hostile variants.

use crate::common;

use bytes::Bytes;
use common::*;
use fwassure_model::NodeKind;
use fwassure_unpack::formats::jffs2::{crc, Jffs2};
use fwassure_unpack::{unpack, Budget, Ctx, Format, Limits, Output};
use std::io::Write;
use std::process::Command;

fn mkfs(le: bool, compr: &[&str]) -> (tempfile::TempDir, Vec<u8>) {
    require_tool("mkfs.jffs2", "mtd-utils");
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("root");
    sample_tree(&root, true);
    let devtable = tmp.path().join("devtable");
    std::fs::write(
        &devtable,
        "/dev d 755 0 0 - - - - -\n/dev/console c 600 0 0 5 1 - - -\n/dev/mtdblock0 b 640 0 6 31 0 - - -\n",
    )
    .unwrap();
    let out = tmp.path().join("fs.jffs2");
    let mut c = Command::new("mkfs.jffs2");
    c.arg("-r").arg(&root).arg("-o").arg(&out).arg(if le { "-l" } else { "-b" }).arg("-e").arg("64KiB").arg("-p");
    c.arg("-D").arg(&devtable);
    for a in compr {
        c.arg(a);
    }
    run(&mut c);
    let img = std::fs::read(&out).unwrap();
    (tmp, img)
}

fn check_tool_image(le: bool, compr: &[&str]) -> Vec<u8> {
    let (tmp, img) = mkfs(le, compr);
    let vfs = unpack(Bytes::from(img.clone()));
    let t = tree_of(&vfs, "jffs2");
    assert_tree_matches(&tmp.path().join("root"), t);
    assert_eq!(t.get("/dev/console").unwrap().kind, NodeKind::CharDevice { major: 5, minor: 1 });
    assert_eq!(t.get("/dev/mtdblock0").unwrap().kind, NodeKind::BlockDevice { major: 31, minor: 0 });
    assert_eq!(t.get("/dev/mtdblock0").unwrap().gid, 6);
    let l = vfs.layers.iter().find(|l| l.format == "jffs2").unwrap();
    assert!(l.problems.is_empty(), "{:?}", l.problems);
    // the hard link resolves to the same content
    assert_eq!(t.read("/usr/passwd-hard"), t.read("/etc/passwd"));
    img
}

#[test]
fn little_endian_zlib() {
    check_tool_image(true, &[]);
}
#[test]
fn big_endian_zlib() {
    check_tool_image(false, &[]);
}
#[test]
fn little_endian_rtime() {
    check_tool_image(true, &["-x", "zlib"]);
}
#[test]
fn big_endian_lzo() {
    check_tool_image(false, &["-X", "lzo", "-x", "zlib", "-x", "rtime"]);
}
#[test]
fn little_endian_lzo() {
    check_tool_image(true, &["-X", "lzo", "-x", "zlib", "-x", "rtime"]);
}
#[test]
fn big_endian_uncompressed() {
    check_tool_image(false, &["-x", "zlib", "-x", "rtime"]);
}

#[test]
fn carved_between_other_data() {
    let (tmp, img) = mkfs(true, &[]);
    let mut blob = vec![0x5au8; 4096];
    blob.extend_from_slice(&img);
    blob.extend_from_slice(b"TRAILING-NON-JFFS2-DATA");
    let vfs = unpack(Bytes::from(blob));
    let l = vfs.layers.iter().find(|l| l.format == "jffs2").unwrap();
    assert_eq!(l.offset, 4096);
    assert_tree_matches(&tmp.path().join("root"), l.tree.as_ref().unwrap());
}

/// A minimal JFFS2 writer for structures mkfs.jffs2 cannot make.
struct Writer {
    be: bool,
    out: Vec<u8>,
}

impl Writer {
    fn u16(&self, v: u16) -> [u8; 2] {
        if self.be {
            v.to_be_bytes()
        } else {
            v.to_le_bytes()
        }
    }
    fn u32(&self, v: u32) -> [u8; 4] {
        if self.be {
            v.to_be_bytes()
        } else {
            v.to_le_bytes()
        }
    }
    fn header(&self, nodetype: u16, totlen: u32) -> Vec<u8> {
        let mut h = Vec::new();
        h.extend_from_slice(&self.u16(0x1985));
        h.extend_from_slice(&self.u16(nodetype));
        h.extend_from_slice(&self.u32(totlen));
        let c = crc(&h);
        h.extend_from_slice(&self.u32(c));
        h
    }
    fn push(&mut self, node: Vec<u8>) {
        self.out.extend_from_slice(&node);
        while !self.out.len().is_multiple_of(4) {
            self.out.push(0xff);
        }
    }
    fn dirent(&mut self, pino: u32, version: u32, ino: u32, name: &[u8], dtype: u8) {
        let mut n = self.header(0xe001, 40 + name.len() as u32);
        for v in [pino, version, ino, 0] {
            n.extend_from_slice(&self.u32(v));
        }
        n.extend_from_slice(&[name.len() as u8, dtype, 0, 0]);
        let c = crc(&n);
        n.extend_from_slice(&self.u32(c));
        n.extend_from_slice(&self.u32(crc(name)));
        n.extend_from_slice(name);
        self.push(n);
    }
    #[allow(clippy::too_many_arguments)]
    fn inode(
        &mut self,
        ino: u32,
        version: u32,
        mode: u32,
        isize: u32,
        offset: u32,
        compr: u8,
        stored: &[u8],
        dsize: u32,
    ) {
        let mut n = self.header(0xe002, 68 + stored.len() as u32);
        for v in [ino, version, mode] {
            n.extend_from_slice(&self.u32(v));
        }
        n.extend_from_slice(&self.u16(0));
        n.extend_from_slice(&self.u16(0));
        for v in [isize, 0, 1_600_000_000, 0, offset, stored.len() as u32, dsize] {
            n.extend_from_slice(&self.u32(v));
        }
        n.extend_from_slice(&[compr, 0, 0, 0]);
        n.extend_from_slice(&self.u32(crc(stored)));
        let c = crc(&n[..60]);
        n.extend_from_slice(&self.u32(c));
        n.extend_from_slice(stored);
        self.push(n);
    }
}

/// Raw LZMA as OpenWrt's jffs2 lzma compressor writes it: lc=0 lp=0 pb=0, no header, no end marker.
fn lzma_raw(data: &[u8]) -> Vec<u8> {
    let mut opts = lzma_rust2::LzmaOptions::with_preset(6);
    opts.lc = 0;
    opts.lp = 0;
    opts.pb = 0;
    opts.dict_size = 0x2000;
    let mut out = Vec::new();
    {
        let mut w = lzma_rust2::LzmaWriter::new(&mut out, &opts, false, false, Some(data.len() as u64)).unwrap();
        w.write_all(data).unwrap();
        w.finish().unwrap();
    }
    out
}

fn extract(img: Vec<u8>) -> (fwassure_model::Tree, Vec<(Option<String>, String)>) {
    let b = Budget::new(Limits::default());
    let mut ctx = Ctx::new(&b);
    assert!(Jffs2.identify(&img).is_some());
    let e = Jffs2.extract(&Bytes::from(img), &mut ctx).unwrap();
    let Output::Tree(t) = e.output else { panic!("not a tree") };
    (t, ctx.take_problems())
}

#[test]
fn lzma_nodes_versions_and_deletion_both_orders() {
    for be in [false, true] {
        let mut w = Writer { be, out: Vec::new() };
        let page: Vec<u8> = (0..4096u32).map(|i| (i % 251) as u8 ^ b'A').collect();
        let tail = b"tail of the file".to_vec();
        w.dirent(1, 1, 2, b"bin", 4);
        w.inode(2, 1, 0o40755, 0, 0, 0, &[], 0);
        w.dirent(2, 2, 3, b"lzma-file", 8);
        w.inode(3, 1, 0o100644, 4096 + tail.len() as u32, 0, 8, &lzma_raw(&page), 4096);
        w.inode(3, 2, 0o100644, 4096 + tail.len() as u32, 4096, 8, &lzma_raw(&tail), tail.len() as u32);
        // a newer write overwrites the first 5 bytes
        w.inode(3, 3, 0o100755, 4096 + tail.len() as u32, 0, 0, b"NEWER", 5);
        // a file that is later deleted, and a name that is renamed away
        w.dirent(1, 3, 4, b"gone", 8);
        w.inode(4, 1, 0o100644, 3, 0, 0, b"old", 3);
        w.dirent(1, 4, 0, b"gone", 8);
        w.dirent(1, 5, 5, b"link", 10);
        w.inode(5, 1, 0o120777, 10, 0, 0, b"bin/lzma-file", 13);
        let (t, problems) = extract(w.out);
        assert!(problems.is_empty(), "{problems:?}");
        let mut want = page.clone();
        want[..5].copy_from_slice(b"NEWER");
        want.extend_from_slice(&tail);
        let got = t.read("/bin/lzma-file").unwrap();
        assert_eq!(&got[..], &want[..], "be={be}");
        assert_eq!(t.get("/bin/lzma-file").unwrap().mode, 0o755);
        assert!(t.get("/gone").is_none());
        assert_eq!(t.get("/link").unwrap().kind, NodeKind::Symlink("bin/lzma-f".into()));
    }
}

#[test]
fn traversal_names_and_directory_loops() {
    let mut w = Writer { be: false, out: Vec::new() };
    w.dirent(1, 1, 2, b"../../x", 8);
    w.inode(2, 1, 0o100644, 4, 0, 0, b"evil", 4);
    // directory 3 contains itself, and directory 4 contains its parent 3
    w.dirent(1, 2, 3, b"a", 4);
    w.inode(3, 1, 0o40755, 0, 0, 0, &[], 0);
    w.dirent(3, 3, 3, b"self", 4);
    w.dirent(3, 4, 4, b"b", 4);
    w.inode(4, 1, 0o40755, 0, 0, 0, &[], 0);
    w.dirent(4, 5, 3, b"up", 4);
    // the root listed inside a directory
    w.dirent(4, 6, 1, b"root", 4);
    // a dirent to a missing inode, and a node with a bad data CRC
    w.dirent(1, 7, 99, b"missing", 8);
    let (t, problems) = extract(w.out);
    assert_eq!(t.read("/x").as_deref(), Some(&b"evil"[..]));
    assert!(problems.iter().any(|(_, m)| m.contains("escapes the root")), "{problems:?}");
    assert!(problems.iter().any(|(_, m)| m.contains("loop") || m.contains("ancestor")), "{problems:?}");
    assert!(problems.iter().any(|(_, m)| m.contains("inode 99")), "{problems:?}");
    assert_eq!(t.get("/a/b").unwrap().kind, NodeKind::Dir);
    assert!(t.get("/a/self/self").is_none());
}

#[test]
fn bad_crcs_are_skipped_and_reported() {
    let mut w = Writer { be: true, out: Vec::new() };
    w.dirent(1, 1, 2, b"f", 8);
    w.inode(2, 1, 0o100644, 4, 0, 0, b"good", 4);
    let good_len = w.out.len();
    w.inode(2, 2, 0o100644, 4, 0, 0, b"evil", 4);
    // corrupt the data of the newer node: it must be ignored
    let n = w.out.len();
    w.out[n - 1] ^= 0x20;
    assert!(n > good_len);
    let (t, problems) = extract(w.out);
    assert_eq!(t.read("/f").as_deref(), Some(&b"good"[..]));
    assert!(problems.iter().any(|(_, m)| m.contains("data CRC")), "{problems:?}");
}

#[test]
fn hostile_tool_images() {
    let (_t, le) = mkfs(true, &[]);
    hostile(&le, "jffs2");
    let (_t, be) = mkfs(false, &["-X", "lzo", "-x", "zlib"]);
    hostile(&be, "jffs2");
}

#[test]
fn sparse_files_are_held_to_the_expansion_limit() {
    // files that claim 4 GB and store one tiny node: holes expand to zeros, so the expansion limit applies to
    // what the nodes store (and to the layer as a whole), not only the per-file limit
    let mut w = Writer { be: false, out: Vec::new() };
    for (ino, name) in [(2u32, &b"hole"[..]), (3, b"hole2"), (4, b"hole3")] {
        w.dirent(1, ino, ino, name, 8);
        w.inode(ino, 1, 0o100644, u32::MAX, 0, 0, b"x", 1);
    }
    let img = w.out;
    let limits = Limits { max_ratio: 10, ratio_floor_bytes: 1 << 20, ..Limits::default() };
    let b = Budget::new(limits);
    let mut ctx = Ctx::new(&b);
    let e = Jffs2.extract(&Bytes::from(img), &mut ctx).unwrap();
    let Output::Tree(t) = e.output else { panic!("not a tree") };
    // the first file is cut at the ratio floor, which is also the whole layer's allowance: the others get
    // nothing
    let mut total = 0;
    for (p, want) in [("/hole", 1 << 20), ("/hole2", 0), ("/hole3", 0)] {
        let NodeKind::File(d) = &t.get(p).unwrap().kind else { panic!("{p}") };
        assert_eq!(d.len(), want, "{p}");
        let data = d.read().unwrap();
        assert_eq!(data.len() as u64, want, "{p}");
        assert!(want == 0 || data[0] == b'x');
        total += d.len();
    }
    assert_eq!(total, 1 << 20);
    let problems = ctx.take_problems();
    assert_eq!(problems.iter().filter(|(_, m)| m.contains("exceeds the limit")).count(), 3, "{problems:?}");
}
