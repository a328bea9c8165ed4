//! squashfs 1.x-3.x: images written by a small writer of the format (below, from squashfs-tools 3.x's
//! `squashfs_fs.h` layouts: Debian's mksquashfs writes 4.0 only) in both byte orders, with zlib and the
//! vendors' LZMA forms; hostile variants; and the real samples of `../shared/realfw` compared with the
//! peer tool's extraction (skipped when the folder is absent).

use crate::common;

use std::collections::BTreeSet;
use std::path::Path;

use bytes::Bytes;
use common::*;
use fwassure_model::NodeKind;
use fwassure_unpack::{unpack, unpack_with, Limits};
use sha2::{Digest, Sha256};
use std::io::Write;

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
        // files of the squashfs itself (not of what the peer unpacked further from them)
        let inner = path.split_once('/').map_or(path, |(_, rest)| rest);
        let of_squashfs = path.contains("squashfs") || name.contains("sqfs") || name.contains("squashfs");
        if !of_squashfs || inner.contains("_extract/") {
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

/// Router images of 2.x and 3.x (D-Link with the `7zip` LZMA form, DD-WRT's `tqsh` with per-block LZMA
/// properties, Huawei's Broadcom `qshs` with .lzma headers, TP-Link-style 5-byte properties, raw LZMA).
#[test]
fn router_samples_match_the_peer() {
    for name in [
        "dlink_dir300a1_fw105b09.bin",
        "ddwrt_defkthon400.bin",
        "binwalk_squashfs_v2.bin",
        "huawei_hg532e_B020_upgrade.bin",
        "dlink_dir600l_b1_fw2.05.bin",
    ] {
        let Some((found, total, missing)) = peer_found(name) else { continue };
        assert!(total > 0, "{name}");
        assert_eq!(found, total, "{name}: missing {:?}", &missing[..missing.len().min(10)]);
    }
}

// ---------------------------------------------------------------------------------------------------
// A writer of squashfs 2.x and 3.x images (fixtures only), from the layouts of squashfs-tools 3.x's
// `squashfs_fs.h`: the bit positions of its SQUASHFS_SWAP_* macros, packed from the least significant
// bit on little-endian images and from the most significant on big-endian ones.

/// How the writer compresses blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Comp {
    Zlib,
    /// Raw LZMA, no header (lc=3 lp=0 pb=2).
    LzmaRaw,
    /// 13-byte .lzma header.
    LzmaAlone,
    /// Properties byte and dictionary size, then raw data.
    LzmaProps5,
    /// `pb, lc, lp, fb`, then raw data with those properties (lc=0 lp=2 pb=2 for data blocks).
    LzmaDdwrt,
    /// `7zip`, then raw data.
    Lzma7zip,
}

const ALL_COMPS: [Comp; 6] =
    [Comp::Zlib, Comp::LzmaRaw, Comp::LzmaAlone, Comp::LzmaProps5, Comp::LzmaDdwrt, Comp::Lzma7zip];

#[derive(Debug, Clone)]
enum Item {
    File(Vec<u8>),
    /// A file written with the long (3.x) inode type.
    LongFile(Vec<u8>),
    Dir(Vec<(String, Item)>),
    /// A directory written with the extended inode type.
    LongDir(Vec<(String, Item)>),
    Symlink(String),
    Chr(u32, u32),
    Blk(u32, u32),
    Fifo,
    Sock,
}

struct Opts {
    major: u16,
    be: bool,
    comp: Comp,
    block: usize,
}

/// Set a `width`-bit field at bit `pos` of a packed structure.
fn put(buf: &mut [u8], be: bool, pos: usize, width: usize, v: u64) {
    for k in 0..width {
        let bit = if be { (v >> (width - 1 - k)) & 1 } else { (v >> k) & 1 };
        let p = pos + k;
        let mask = if be { 0x80 >> (p % 8) } else { 1 << (p % 8) };
        if bit == 1 {
            buf[p / 8] |= mask;
        } else {
            buf[p / 8] &= !mask;
        }
    }
}

fn lzma_raw(data: &[u8], lc: u32, lp: u32, pb: u32) -> Vec<u8> {
    let mut o = lzma_rust2::LzmaOptions::with_preset(6);
    (o.lc, o.lp, o.pb, o.dict_size) = (lc, lp, pb, 1 << 16);
    let mut out = Vec::new();
    let mut w = lzma_rust2::LzmaWriter::new(&mut out, &o, false, false, Some(data.len() as u64)).unwrap();
    w.write_all(data).unwrap();
    w.finish().unwrap();
    out
}

fn compress(data: &[u8], comp: Comp, metadata: bool) -> Vec<u8> {
    match comp {
        Comp::Zlib => {
            let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
            e.write_all(data).unwrap();
            e.finish().unwrap()
        }
        Comp::LzmaRaw => lzma_raw(data, 3, 0, 2),
        Comp::LzmaAlone => {
            let o = lzma_rust2::LzmaOptions::with_preset(6);
            let mut out = Vec::new();
            let mut w = lzma_rust2::LzmaWriter::new_use_header(&mut out, &o, Some(data.len() as u64)).unwrap();
            w.write_all(data).unwrap();
            w.finish().unwrap();
            out
        }
        Comp::LzmaProps5 => {
            let mut out = vec![0x5d];
            out.extend_from_slice(&(1u32 << 16).to_le_bytes());
            out.extend(lzma_raw(data, 3, 0, 2));
            out
        }
        Comp::LzmaDdwrt => {
            let (lc, lp, pb) = if metadata { (3, 0, 2) } else { (0, 2, 2) };
            let mut out = vec![pb as u8, lc as u8, lp as u8, 0xff];
            out.extend(lzma_raw(data, lc, lp, pb));
            out
        }
        Comp::Lzma7zip => {
            let mut out = b"7zip".to_vec();
            out.extend(lzma_raw(data, 3, 0, 2));
            out
        }
    }
}

/// A metadata table being written: 8 KiB blocks compressed as they fill.
struct Meta {
    out: Vec<u8>,
    cur: Vec<u8>,
    be: bool,
    comp: Comp,
}

impl Meta {
    fn new(be: bool, comp: Comp) -> Self {
        Meta { out: Vec::new(), cur: Vec::new(), be, comp }
    }
    /// (block offset from the table start, offset in the decoded block) of the next byte.
    fn pos(&self) -> (u64, u64) {
        (self.out.len() as u64, self.cur.len() as u64)
    }
    fn write(&mut self, b: &[u8]) {
        self.cur.extend_from_slice(b);
        while self.cur.len() >= 8192 {
            let rest = self.cur.split_off(8192);
            let block = std::mem::replace(&mut self.cur, rest);
            self.flush(&block);
        }
    }
    fn flush(&mut self, block: &[u8]) {
        let c = compress(block, self.comp, true);
        let (bytes, hdr) = if c.len() < block.len() { (c, 0u16) } else { (block.to_vec(), 0x8000) };
        let h = hdr | bytes.len() as u16;
        self.out.extend_from_slice(&if self.be { h.to_be_bytes() } else { h.to_le_bytes() });
        self.out.extend_from_slice(&bytes);
    }
    fn finish(mut self) -> Vec<u8> {
        if !self.cur.is_empty() {
            let block = std::mem::take(&mut self.cur);
            self.flush(&block);
        }
        self.out
    }
}

struct Writer {
    o: Opts,
    data: Vec<u8>,
    inodes: Meta,
    dirs: Meta,
    frag_buf: Vec<u8>,
    frags: Vec<(u64, u32)>,
    ino: u32,
}

fn type_of(i: &Item) -> u64 {
    match i {
        Item::Dir(_) | Item::LongDir(_) => 1,
        Item::File(_) | Item::LongFile(_) => 2,
        Item::Symlink(_) => 3,
        Item::Blk(..) => 4,
        Item::Chr(..) => 5,
        Item::Fifo => 6,
        Item::Sock => 7,
    }
}

fn u32b(be: bool, v: u32) -> [u8; 4] {
    if be {
        v.to_be_bytes()
    } else {
        v.to_le_bytes()
    }
}

fn u64b(be: bool, v: u64) -> [u8; 8] {
    if be {
        v.to_be_bytes()
    } else {
        v.to_le_bytes()
    }
}

impl Writer {
    fn flush_fragment(&mut self) {
        if self.frag_buf.is_empty() {
            return;
        }
        let buf = std::mem::take(&mut self.frag_buf);
        let start = self.data.len() as u64;
        let c = compress(&buf, self.o.comp, false);
        let word = if c.len() < buf.len() {
            self.data.extend_from_slice(&c);
            c.len() as u32
        } else {
            self.data.extend_from_slice(&buf);
            buf.len() as u32 | 1 << 24
        };
        self.frags.push((start, word));
    }

    /// Write a file's blocks and tail: (start, block words, fragment index, fragment offset).
    fn file_data(&mut self, content: &[u8]) -> (u64, Vec<u32>, u32, u32) {
        let bs = self.o.block;
        let start = self.data.len() as u64;
        let full = content.len() / bs;
        let mut words = Vec::new();
        for k in 0..full {
            let b = &content[k * bs..(k + 1) * bs];
            if self.o.major == 3 && b.iter().all(|&x| x == 0) {
                words.push(0); // sparse
                continue;
            }
            let c = compress(b, self.o.comp, false);
            if c.len() < b.len() {
                self.data.extend_from_slice(&c);
                words.push(c.len() as u32);
            } else {
                self.data.extend_from_slice(b);
                words.push(b.len() as u32 | 1 << 24);
            }
        }
        let tail = &content[full * bs..];
        if tail.is_empty() {
            return (start, words, u32::MAX, 0);
        }
        if self.frag_buf.len() + tail.len() > bs {
            self.flush_fragment();
        }
        let off = self.frag_buf.len() as u32;
        self.frag_buf.extend_from_slice(tail);
        (start, words, self.frags.len() as u32, off)
    }

    /// Write an inode; returns its reference.
    fn inode(&mut self, bytes: &[u8]) -> u64 {
        let (b, o) = self.inodes.pos();
        self.inodes.write(bytes);
        (b << 16) | o
    }

    /// The common head of an inode: 3.x 12 bytes (with mtime and inode number), 2.x 4 bytes.
    fn base(&mut self, ty: u64, mode: u64, len: usize) -> Vec<u8> {
        let mut v = vec![0u8; len];
        let be = self.o.be;
        put(&mut v, be, 0, 4, ty);
        put(&mut v, be, 4, 12, mode);
        put(&mut v, be, 16, 8, 0); // uid index 0
        put(&mut v, be, 24, 8, if ty == 2 || ty == 9 { 0 } else { 255 }); // files: gid index 0; others: gid = uid
        self.ino += 1;
        if self.o.major == 3 {
            put(&mut v, be, 32, 32, 1_200_000_000);
            put(&mut v, be, 64, 32, self.ino as u64);
        }
        v
    }

    fn item(&mut self, it: &Item) -> u64 {
        let be = self.o.be;
        let v3 = self.o.major == 3;
        match it {
            Item::Dir(children) | Item::LongDir(children) => {
                let long = matches!(it, Item::LongDir(_));
                let mut refs = Vec::new();
                let mut sorted = children.clone();
                sorted.sort_by(|a, b| a.0.cmp(&b.0));
                for (name, c) in &sorted {
                    refs.push((name.clone(), type_of(c), self.item(c)));
                }
                // the listing: headers of at most 256 entries sharing an inode table block
                let (dblock, doff) = self.dirs.pos();
                let mut listing = Vec::new();
                let mut i = 0;
                while i < refs.len() {
                    let blk = refs[i].2 >> 16;
                    let n = refs[i..].iter().take(256).take_while(|r| r.2 >> 16 == blk).count();
                    let mut h = vec![0u8; if v3 { 9 } else { 4 }];
                    put(&mut h, be, 0, 8, n as u64 - 1);
                    put(&mut h, be, 8, if v3 { 32 } else { 24 }, blk);
                    if v3 {
                        put(&mut h, be, 40, 32, 1);
                    }
                    listing.extend(h);
                    for (name, ty, r) in &refs[i..i + n] {
                        let mut e = vec![0u8; if v3 { 5 } else { 3 }];
                        put(&mut e, be, 0, 13, r & 0xffff);
                        put(&mut e, be, 13, 3, *ty);
                        put(&mut e, be, 16, 8, name.len() as u64 - 1);
                        listing.extend(e);
                        listing.extend_from_slice(name.as_bytes());
                    }
                    i += n;
                }
                self.dirs.write(&listing);
                let size = listing.len() as u64 + 3;
                let v = if v3 && !long {
                    let mut v = self.base(1, 0o755, 28);
                    put(&mut v, be, 96, 32, 2);
                    put(&mut v, be, 128, 19, size);
                    put(&mut v, be, 147, 13, doff);
                    put(&mut v, be, 160, 32, dblock);
                    v
                } else if v3 {
                    let mut v = self.base(8, 0o750, 31);
                    put(&mut v, be, 96, 32, 2);
                    put(&mut v, be, 128, 27, size);
                    put(&mut v, be, 155, 13, doff);
                    put(&mut v, be, 168, 32, dblock);
                    v
                } else if !long {
                    let mut v = self.base(1, 0o755, 15);
                    put(&mut v, be, 32, 19, size);
                    put(&mut v, be, 51, 13, doff);
                    put(&mut v, be, 64, 32, 1_200_000_000);
                    put(&mut v, be, 96, 24, dblock);
                    v
                } else {
                    let mut v = self.base(8, 0o750, 18);
                    put(&mut v, be, 32, 27, size);
                    put(&mut v, be, 59, 13, doff);
                    put(&mut v, be, 72, 32, 1_200_000_000);
                    put(&mut v, be, 104, 24, dblock);
                    v
                };
                self.inode(&v)
            }
            Item::File(content) | Item::LongFile(content) => {
                let long = v3 && matches!(it, Item::LongFile(_));
                let (start, words, frag, off) = self.file_data(content);
                let mut v = if long {
                    let mut v = self.base(9, 0o644, 40);
                    put(&mut v, be, 96, 32, 1);
                    put(&mut v, be, 128, 64, start);
                    put(&mut v, be, 192, 32, frag as u64);
                    put(&mut v, be, 224, 32, off as u64);
                    put(&mut v, be, 256, 64, content.len() as u64);
                    v
                } else if v3 {
                    let mut v = self.base(2, 0o644, 32);
                    put(&mut v, be, 96, 64, start);
                    put(&mut v, be, 160, 32, frag as u64);
                    put(&mut v, be, 192, 32, off as u64);
                    put(&mut v, be, 224, 32, content.len() as u64);
                    v
                } else {
                    let mut v = self.base(2, 0o644, 24);
                    put(&mut v, be, 32, 32, 1_200_000_000);
                    put(&mut v, be, 64, 32, start);
                    put(&mut v, be, 96, 32, frag as u64);
                    put(&mut v, be, 128, 32, off as u64);
                    put(&mut v, be, 160, 32, content.len() as u64);
                    v
                };
                for w in words {
                    v.extend_from_slice(&u32b(be, w));
                }
                self.inode(&v)
            }
            Item::Symlink(t) => {
                let mut v = if v3 { self.base(3, 0o777, 18) } else { self.base(3, 0o777, 6) };
                if v3 {
                    put(&mut v, be, 96, 32, 1);
                }
                put(&mut v, be, if v3 { 128 } else { 32 }, 16, t.len() as u64);
                v.extend_from_slice(t.as_bytes());
                self.inode(&v)
            }
            Item::Chr(ma, mi) | Item::Blk(ma, mi) => {
                let ty = type_of(it);
                let mut v = if v3 { self.base(ty, 0o600, 18) } else { self.base(ty, 0o600, 6) };
                put(&mut v, be, if v3 { 128 } else { 32 }, 16, ((ma << 8) | mi) as u64);
                self.inode(&v)
            }
            Item::Fifo | Item::Sock => {
                let v = if v3 { self.base(type_of(it), 0o644, 16) } else { self.base(type_of(it), 0o644, 4) };
                self.inode(&v)
            }
        }
    }
}

/// Write an image of `root` (a directory).
fn write_image(root: &Item, o: Opts) -> Vec<u8> {
    let (be, comp, major, block) = (o.be, o.comp, o.major, o.block);
    let hdr = if major == 3 { 119 } else { 63 };
    let mut w = Writer {
        o,
        data: vec![0; hdr],
        inodes: Meta::new(be, comp),
        dirs: Meta::new(be, comp),
        frag_buf: Vec::new(),
        frags: Vec::new(),
        ino: 0,
    };
    let root_ref = w.item(root);
    w.flush_fragment();
    let Writer { mut data, inodes, dirs, frags, .. } = w;
    let inode_start = data.len() as u64;
    data.extend(inodes.finish());
    let dir_start = data.len() as u64;
    data.extend(dirs.finish());
    // fragment entries in metadata blocks, then their index
    let mut fm = Meta::new(be, comp);
    let mut index = Vec::new();
    let entry = if major == 3 { 16 } else { 8 };
    let mut table = Vec::new();
    for (start, word) in &frags {
        if major == 3 {
            table.extend_from_slice(&u64b(be, *start));
            table.extend_from_slice(&u32b(be, *word));
            table.extend_from_slice(&u32b(be, 0));
        } else {
            table.extend_from_slice(&u32b(be, *start as u32));
            table.extend_from_slice(&u32b(be, *word));
        }
    }
    let frag_meta_start = data.len() as u64;
    for chunk in table.chunks(8192) {
        index.push(frag_meta_start + fm.pos().0);
        fm.write(chunk);
        assert_eq!(chunk.len() % entry, 0);
    }
    data.extend(fm.finish());
    let frag_start = data.len() as u64;
    for i in index {
        if major == 3 {
            data.extend_from_slice(&u64b(be, i));
        } else {
            data.extend_from_slice(&u32b(be, i as u32));
        }
    }
    let uid_start = data.len() as u64;
    data.extend_from_slice(&u32b(be, 1000));
    data.extend_from_slice(&u32b(be, 0));
    let guid_start = data.len() as u64;
    data.extend_from_slice(&u32b(be, 100));
    let bytes_used = data.len() as u64;
    // the superblock
    let mut sb = vec![0u8; hdr];
    sb[..4].copy_from_slice(if be { b"sqsh" } else { b"hsqs" });
    let s32 = |sb: &mut Vec<u8>, at: usize, v: u32| sb[at..at + 4].copy_from_slice(&u32b(be, v));
    let s64 = |sb: &mut Vec<u8>, at: usize, v: u64| sb[at..at + 8].copy_from_slice(&u64b(be, v));
    let s16 = |sb: &mut Vec<u8>, at: usize, v: u16| {
        sb[at..at + 2].copy_from_slice(&if be { v.to_be_bytes() } else { v.to_le_bytes() })
    };
    s32(&mut sb, 4, 42);
    if major == 2 {
        s32(&mut sb, 8, bytes_used as u32);
        s32(&mut sb, 12, uid_start as u32);
        s32(&mut sb, 16, guid_start as u32);
        s32(&mut sb, 20, inode_start as u32);
        s32(&mut sb, 24, dir_start as u32);
    }
    s16(&mut sb, 28, major);
    s16(&mut sb, 30, if major == 3 { 1 } else { 0 });
    s16(&mut sb, 32, if block < 65536 { block as u16 } else { 0 });
    s16(&mut sb, 34, block.trailing_zeros() as u16);
    sb[36] = 0x40;
    sb[37] = 2;
    sb[38] = 1;
    s32(&mut sb, 39, 1_200_000_000);
    s64(&mut sb, 43, root_ref);
    s32(&mut sb, 51, block as u32);
    s32(&mut sb, 55, frags.len() as u32);
    s32(&mut sb, 59, if major == 2 { frag_start as u32 } else { 0 });
    if major == 3 {
        s64(&mut sb, 63, bytes_used);
        s64(&mut sb, 71, uid_start);
        s64(&mut sb, 79, guid_start);
        s64(&mut sb, 87, inode_start);
        s64(&mut sb, 95, dir_start);
        s64(&mut sb, 103, frag_start);
        s64(&mut sb, 111, u64::MAX);
    }
    data[..hdr].copy_from_slice(&sb);
    data.resize(bytes_used.next_multiple_of(4096) as usize, 0);
    data
}

fn sample() -> Item {
    let d = |v: Vec<(&str, Item)>| v.into_iter().map(|(n, i)| (n.to_string(), i)).collect::<Vec<_>>();
    let mut sparse = vec![0u8; 3 * 8192];
    sparse.extend_from_slice(b"end of a sparse file\n");
    Item::Dir(d(vec![
        (
            "bin",
            Item::Dir(d(vec![
                ("busybox", Item::File(numbered_lines(3000))),
                ("sh", Item::Symlink("busybox".into())),
                ("ls", Item::Symlink("/bin/busybox".into())),
            ])),
        ),
        (
            "etc",
            Item::LongDir(d(vec![
                ("passwd", Item::File(b"root:x:0:0:root:/root:/bin/sh\n".to_vec())),
                ("shadow", Item::File(b"root:$1$abc$def:0:0:99999:7:::\n".to_vec())),
                ("empty", Item::File(Vec::new())),
                ("one-block", Item::File(numbered_lines(200)[..8192].to_vec())),
                ("random", Item::File(noise(7, 20_000))),
                ("long", Item::LongFile(numbered_lines(400))),
            ])),
        ),
        (
            "dev",
            Item::Dir(d(vec![
                ("console", Item::Chr(5, 1)),
                ("mtdblock0", Item::Blk(31, 0)),
                ("initctl", Item::Fifo),
                ("log", Item::Sock),
            ])),
        ),
        ("var", Item::Dir(d(vec![("sparse", Item::File(sparse))]))),
        (
            "a",
            Item::Dir(d(vec![(
                "b",
                Item::Dir(d(vec![("c", Item::Dir(d(vec![("deep.txt", Item::File(b"deep\n".to_vec()))])))])),
            )])),
        ),
        (
            "many",
            Item::Dir(
                (0..300).map(|i| (format!("file{i:04}"), Item::File(format!("content {i}\n").into_bytes()))).collect(),
            ),
        ),
    ]))
}

/// Compare a tree read back with the items written.
fn check_tree(t: &fwassure_model::Tree, dir: &str, items: &[(String, Item)], major: u16) -> usize {
    let mut n = 0;
    for (name, it) in items {
        let path = format!("{}/{}", dir.trim_end_matches('/'), name);
        let node = t.get(&path).unwrap_or_else(|| panic!("{path} missing"));
        n += 1;
        match it {
            Item::Dir(c) | Item::LongDir(c) => {
                assert_eq!(node.kind, NodeKind::Dir, "{path}");
                n += check_tree(t, &path, c, major);
            }
            Item::File(content) | Item::LongFile(content) => {
                let b = t.read(&path).unwrap_or_else(|| panic!("{path} unreadable"));
                assert!(b[..] == content[..], "{path}: content differs ({} vs {} bytes)", b.len(), content.len());
                assert_eq!((node.mode, node.uid, node.gid), (0o644, 1000, 100), "{path}");
            }
            Item::Symlink(s) => assert_eq!(node.kind, NodeKind::Symlink(s.clone()), "{path}"),
            Item::Chr(a, b) => assert_eq!(node.kind, NodeKind::CharDevice { major: *a, minor: *b }, "{path}"),
            Item::Blk(a, b) => assert_eq!(node.kind, NodeKind::BlockDevice { major: *a, minor: *b }, "{path}"),
            Item::Fifo => assert_eq!(node.kind, NodeKind::Fifo, "{path}"),
            Item::Sock => assert_eq!(node.kind, NodeKind::Socket, "{path}"),
        }
        if !matches!(it, Item::File(_) | Item::LongFile(_)) {
            assert_eq!((node.uid, node.gid), (1000, 1000), "{path}: gid index 255 is the uid");
        }
        if major == 3 || matches!(it, Item::Dir(_) | Item::LongDir(_) | Item::File(_)) {
            assert_eq!(node.mtime, 1_200_000_000, "{path}");
        }
    }
    n
}

fn image(major: u16, be: bool, comp: Comp) -> Vec<u8> {
    write_image(&sample(), Opts { major, be, comp, block: 8192 })
}

fn check(img: &[u8], major: u16, comp: Comp) {
    let vfs = unpack(Bytes::copy_from_slice(img));
    let l = fs_layer(&vfs, "squashfs");
    assert!(l.problems.is_empty(), "{major} {comp:?}: {:?}", l.problems);
    let want = if comp == Comp::Zlib { "zlib" } else { "lzma" };
    assert!(l.description.contains(want), "{}", l.description);
    assert!(l.description.starts_with(&format!("squashfs {major}.")), "{}", l.description);
    let Item::Dir(items) = sample() else { unreachable!() };
    let n = check_tree(l.tree.as_ref().unwrap(), "/", &items, major);
    assert!(n > 320, "{n} entries");
}

#[test]
fn every_major_byte_order_and_compressor() {
    for major in [2, 3] {
        for be in [false, true] {
            for comp in ALL_COMPS {
                let img = image(major, be, comp);
                assert_eq!(&img[..4], if be { b"sqsh" } else { b"hsqs" });
                check(&img, major, comp);
            }
        }
    }
}

#[test]
fn vendor_magics_and_an_image_inside_a_blob() {
    for (magic, be) in
        [(b"shsq", false), (b"qshs", true), (b"hsqt", false), (b"tqsh", true), (b"zlqs", false), (b"sqlz", true)]
    {
        let mut img = image(3, be, Comp::LzmaAlone);
        img[..4].copy_from_slice(magic);
        let mut blob = b"some boot loader and kernel ".repeat(500);
        blob.extend_from_slice(&img);
        check(&blob, 3, Comp::LzmaAlone);
    }
}

#[test]
fn the_two_squashfs_formats_never_claim_the_same_candidate() {
    use fwassure_unpack::formats::{squashfs, squashfs_legacy};
    for major in [2u16, 3] {
        let img = image(major, false, Comp::Zlib);
        assert!(squashfs_legacy::Super::parse(&img).is_some());
        assert!(squashfs::SuperBlock::parse(&img).is_none());
        let mut four = img.clone();
        four[28..30].copy_from_slice(&4u16.to_le_bytes());
        assert!(squashfs_legacy::Super::parse(&four).is_none());
    }
}

#[test]
fn big_files_are_read_on_demand() {
    let vfs = unpack(Bytes::from(image(3, true, Comp::LzmaRaw)));
    let t = tree_of(&vfs, "squashfs");
    let NodeKind::File(f) = &t.get("/bin/busybox").unwrap().kind else { panic!() };
    assert!(f.is_lazy());
    let NodeKind::File(f) = &t.get("/etc/passwd").unwrap().kind else { panic!() };
    assert!(!f.is_lazy());
}

#[test]
fn hostile_variants_v3_be_lzma() {
    hostile(&image(3, true, Comp::LzmaRaw), "squashfs");
}

#[test]
fn hostile_variants_v2_le_zlib() {
    hostile(&image(2, false, Comp::Zlib), "squashfs");
}

#[test]
fn truncated_images_keep_what_they_can_and_say_so() {
    let img = image(3, false, Comp::Zlib);
    let used = img.iter().rposition(|&b| b != 0).unwrap() + 1;
    for cut in [used / 3, used / 2, used * 9 / 10, used - 10] {
        let vfs = unpack_with(Bytes::copy_from_slice(&img[..cut]), &Limits::default());
        read_every_file(&vfs);
        assert!(problem_count(&vfs) > 0, "cut at {cut} of {used} went unnoticed");
    }
}

/// Alpha Networks' mksquashfs (D-Link routers of 2010-2014, squashfs 2.0 LZMA) records a `bytes_used` that
/// ends before the fragment table, its index and the id tables: the filesystem is read whole anyway.
#[test]
fn tables_written_past_bytes_used_are_read() {
    for (major, be) in [(2u16, true), (2, false), (3, true)] {
        let mut img = image(major, be, Comp::Zlib);
        let rd32 = |img: &[u8], at: usize| {
            let b: [u8; 4] = img[at..at + 4].try_into().unwrap();
            u64::from(if be { u32::from_be_bytes(b) } else { u32::from_le_bytes(b) })
        };
        // the fragment index points at the first fragment metadata block: bytes_used stops there
        let frag_index = if major == 3 { rd32(&img, if be { 107 } else { 103 }) } else { rd32(&img, 59) };
        let first_frag_block = rd32(&img, frag_index as usize + if major == 3 && be { 4 } else { 0 });
        if major == 3 {
            let v = if be { first_frag_block.to_be_bytes() } else { first_frag_block.to_le_bytes() };
            img[63..71].copy_from_slice(&v);
        } else {
            let v = first_frag_block as u32;
            img[8..12].copy_from_slice(&if be { v.to_be_bytes() } else { v.to_le_bytes() });
        }
        // what follows the filesystem in the flash image is something else
        let guid_start = if major == 3 { rd32(&img, if be { 83 } else { 79 }) } else { rd32(&img, 16) };
        img.truncate(guid_start as usize + 4);
        img.extend_from_slice(&noise(3, 5000));
        check(&img, major, Comp::Zlib);
    }
}
