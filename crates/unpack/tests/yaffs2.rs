//! YAFFS2 images written here from the format's description (no Debian package builds yaffs2 images):
//! 2 KiB pages with 64-byte spare and 4 KiB pages with 128-byte spare, tags at spare offset 0 (as
//! `mkyaffs2image` writes them) or 2 with tags ECC (as MTD places them), in-band tags without a spare area,
//! `mkyaffs2image`-style and kernel-style (extra header info) tags, both byte orders; a file system with
//! history (renames, deletions, rewritten chunks, a shrink); hostile variants; the real samples when
//! ../shared is there.

use crate::common;

use bytes::Bytes;
use common::*;
use fwassure_model::NodeKind;
use fwassure_unpack::format::read::Endian;
use fwassure_unpack::unpack;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

/// How the image is laid out.
#[derive(Clone, Copy, Debug)]
struct Geo {
    page: usize,
    spare: usize,
    /// Tags offset in the spare area; `None` for in-band tags (no spare area).
    oob_at: Option<usize>,
    ecc: bool,
    endian: Endian,
    /// Kernel-style tags: the extra header info in header tags.
    extra: bool,
}

impl Geo {
    fn chunk(&self) -> usize {
        if self.oob_at.is_some() {
            self.page
        } else {
            self.page - 16
        }
    }
}

/// A YAFFS2 writer, from the format's description.
struct W {
    g: Geo,
    out: Vec<u8>,
    seq: u32,
    pages_in_block: usize,
    next_id: u32,
}

/// An object header's fields.
struct Hdr<'a> {
    ty: u32,
    parent: u32,
    name: &'a [u8],
    mode: u32,
    uid: u32,
    gid: u32,
    size: u64,
    equiv: u32,
    alias: &'a [u8],
    rdev: u32,
    shrink: bool,
}

impl W {
    fn new(g: Geo) -> W {
        W { g, out: Vec::new(), seq: 0x1000, pages_in_block: 0, next_id: 0x101 }
    }

    fn u32(&self, v: u32) -> [u8; 4] {
        match self.g.endian {
            Endian::Little => v.to_le_bytes(),
            Endian::Big => v.to_be_bytes(),
        }
    }

    /// One page: `data` (at most a chunk) and its tags.
    fn page(&mut self, data: &[u8], obj_id: u32, chunk_id: u32, n_bytes: u32) {
        let g = self.g;
        let mut p = vec![0xffu8; g.page + g.spare];
        p[..data.len()].copy_from_slice(data);
        let mut tags = Vec::new();
        for v in [self.seq, obj_id, chunk_id, n_bytes] {
            tags.extend_from_slice(&self.u32(v));
        }
        let at = match g.oob_at {
            Some(o) => g.page + o,
            None => g.page - 16,
        };
        p[at..at + 16].copy_from_slice(&tags);
        if g.ecc {
            // tags ECC: colParity, 3 pad bytes, lineParity, lineParityPrime (not checked by the reader)
            let x = tags.iter().fold(0u8, |a, b| a ^ b);
            p[at + 16..at + 28].copy_from_slice(&[x & 0x3f, 0xff, 0xff, 0xff, x, 0, 0, 0, !x, 0xff, 0xff, 0xff]);
        }
        self.out.extend_from_slice(&p);
        // 64 pages per block: a new block gets the next sequence number
        self.pages_in_block += 1;
        if self.pages_in_block == 64 {
            self.pages_in_block = 0;
            self.seq += 1;
        }
    }

    /// Start a new block (as a file system does after garbage collection).
    fn next_block(&mut self) {
        while self.pages_in_block != 0 {
            let erased = vec![0xffu8; self.g.page + self.g.spare];
            self.out.extend_from_slice(&erased);
            self.pages_in_block = (self.pages_in_block + 1) % 64;
        }
        self.seq += 1;
    }

    fn header(&mut self, id: u32, h: &Hdr) {
        let mut b = vec![0xffu8; 512];
        b[0..4].copy_from_slice(&self.u32(h.ty));
        b[4..8].copy_from_slice(&self.u32(h.parent));
        b[10..266].fill(0);
        b[10..10 + h.name.len()].copy_from_slice(h.name);
        for (off, v) in [(268, h.mode), (272, h.uid), (276, h.gid), (280, 1), (284, 1_700_000_000), (288, 1)] {
            b[off..off + 4].copy_from_slice(&self.u32(v));
        }
        b[292..296].copy_from_slice(&self.u32(h.size as u32));
        b[296..300].copy_from_slice(&self.u32(h.equiv));
        if h.ty == 2 {
            b[300..460].fill(0);
            b[300..300 + h.alias.len()].copy_from_slice(h.alias);
        }
        b[460..464].copy_from_slice(&self.u32(h.rdev));
        if self.g.extra {
            // kernel-style: size high word written, no shadows, the shrink flag
            b[496..500].copy_from_slice(&self.u32((h.size >> 32) as u32));
            b[504..508].copy_from_slice(&self.u32(0));
            b[508..512].copy_from_slice(&self.u32(h.shrink as u32));
            let mut chunk_id = 0x8000_0000 | h.parent;
            if h.shrink {
                chunk_id |= 0x4000_0000;
            }
            let n = match h.ty {
                1 => h.size as u32,
                4 => h.equiv,
                _ => 0,
            };
            self.page(&b, id | h.ty << 28, chunk_id, n);
        } else {
            self.page(&b, id, 0, 0xffff);
        }
    }

    fn data(&mut self, id: u32, data: &[u8]) {
        let c = self.g.chunk();
        for (i, part) in data.chunks(c).enumerate() {
            self.page(part, id, i as u32 + 1, part.len() as u32);
        }
    }

    fn file(&mut self, parent: u32, name: &str, mode: u32, data: &[u8]) -> u32 {
        let id = self.alloc();
        let h = Hdr { size: data.len() as u64, ..hdr(1, parent, name.as_bytes(), 0o100000 | mode) };
        self.header(id, &h);
        self.data(id, data);
        id
    }

    fn dir(&mut self, parent: u32, name: &str) -> u32 {
        let id = self.alloc();
        self.header(id, &hdr(3, parent, name.as_bytes(), 0o040755));
        id
    }

    fn alloc(&mut self) -> u32 {
        self.next_id += 1;
        self.next_id - 1
    }

    /// Write the tree under `dir` (object `parent`), headers before contents, as mkyaffs2image does.
    fn tree(&mut self, dir: &Path, parent: u32, inodes: &mut Vec<(u64, u32)>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
        entries.sort();
        for p in entries {
            let m = std::fs::symlink_metadata(&p).unwrap();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            let ft = m.file_type();
            let id = self.alloc();
            let base = Hdr { uid: m.uid(), gid: m.gid(), ..hdr(0, parent, name.as_bytes(), m.mode()) };
            if ft.is_file() && m.nlink() > 1 {
                if let Some(&(_, first)) = inodes.iter().find(|(ino, _)| *ino == m.ino()) {
                    self.header(id, &Hdr { ty: 4, equiv: first, ..base });
                    continue;
                }
                inodes.push((m.ino(), id));
            }
            if ft.is_dir() {
                self.header(id, &Hdr { ty: 3, ..base });
                self.tree(&p, id, inodes);
            } else if ft.is_symlink() {
                let t = std::fs::read_link(&p).unwrap().to_string_lossy().into_owned();
                self.header(id, &Hdr { ty: 2, alias: t.as_bytes(), ..base });
            } else if ft.is_file() {
                let data = std::fs::read(&p).unwrap();
                self.header(id, &Hdr { ty: 1, size: data.len() as u64, ..base });
                self.data(id, &data);
            } else {
                let rdev = m.rdev() as u32;
                let (major, minor) = ((rdev >> 8) & 0xfff, (rdev & 0xff) | ((rdev >> 12) & 0xfff00));
                let enc = (minor & 0xff) | (major << 8) | ((minor & !0xff) << 12);
                self.header(id, &Hdr { ty: 5, rdev: enc, ..base });
            }
        }
    }
}

fn hdr(ty: u32, parent: u32, name: &[u8], mode: u32) -> Hdr<'_> {
    Hdr { ty, parent, name, mode, uid: 0, gid: 0, size: 0, equiv: 0xffff_ffff, alias: b"", rdev: 0, shrink: false }
}

const GEOS: &[Geo] = &[
    // mkyaffs2image: 2 KiB + 64, tags at 0 without ECC
    Geo { page: 2048, spare: 64, oob_at: Some(0), ecc: false, endian: Endian::Little, extra: false },
    Geo { page: 2048, spare: 64, oob_at: Some(0), ecc: false, endian: Endian::Big, extra: false },
    // MTD layout: tags after the bad-block marker, with ECC; kernel-style tags
    Geo { page: 2048, spare: 64, oob_at: Some(2), ecc: true, endian: Endian::Little, extra: true },
    Geo { page: 4096, spare: 128, oob_at: Some(2), ecc: true, endian: Endian::Big, extra: true },
    Geo { page: 4096, spare: 128, oob_at: Some(0), ecc: false, endian: Endian::Little, extra: false },
    // a dump without spare area: in-band tags
    Geo { page: 2048, spare: 0, oob_at: None, ecc: false, endian: Endian::Little, extra: false },
    Geo { page: 4096, spare: 0, oob_at: None, ecc: false, endian: Endian::Big, extra: true },
];

fn image_of(src: &Path, g: Geo) -> Vec<u8> {
    let mut w = W::new(g);
    w.tree(src, 1, &mut Vec::new());
    w.out
}

#[test]
fn standard_tree_in_every_geometry_and_byte_order() {
    let fx = fixture();
    for &g in GEOS {
        let img = image_of(&fx.src, g);
        let path = fx.work.join("fs.yaffs2");
        std::fs::write(&path, &img).unwrap();
        let vfs = check_image(&fx, &path, "yaffs2", &["yaffs2"], Keeps::ALL, &[]);
        let l = fs_layer(&vfs, "yaffs2");
        let order = if g.endian == Endian::Little { "yaffs2 le" } else { "yaffs2 be" };
        let pages = format!("{}+{}-byte pages", g.page, g.spare);
        assert!(l.description.starts_with(order) && l.description.contains(&pages), "{g:?}: {}", l.description);
        let t = l.tree.as_ref().unwrap();
        assert_eq!(t.get("/etc/hosts.hard").map(|n| &n.kind), Some(&NodeKind::HardLink("/etc/hosts".into())));
        if fx.caps.devices {
            assert_eq!(t.get("/dev/sda1").unwrap().kind, NodeKind::BlockDevice { major: 8, minor: 1 });
        }
    }
}

/// The writer checked against an independent reader: Debian's `unyaffs` extracts the little-endian images
/// with spare areas, and its output is what fwassure reads. (unyaffs reads `mkyaffs2image`-style tags only,
/// not the kernel's extra header info, so the MTD layout is written here without it.)
#[test]
fn unyaffs_reads_what_we_read() {
    need("unyaffs", "unyaffs");
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src");
    sample_tree(&src, false);
    let mtd = Geo { extra: false, ..GEOS[2] };
    for (i, g) in [GEOS[0], mtd, GEOS[4]].into_iter().enumerate() {
        let img = image_of(&src, g);
        let path = dir.path().join(format!("{i}.yaffs2"));
        std::fs::write(&path, &img).unwrap();
        let out = dir.path().join(format!("out{i}"));
        sh(dir.path(), &format!("unyaffs {} {} >/dev/null", path.display(), out.display()));
        let vfs = unpack(Bytes::from(img));
        assert_tree_matches(&out, tree_of(&vfs, "yaffs2"));
    }
}

#[test]
fn carved_behind_other_data_and_followed_by_another_partition() {
    let dir = tempfile::tempdir().unwrap();
    sample_tree(dir.path(), true);
    let g = GEOS[2];
    let img = image_of(dir.path(), g);
    let mut blob = noise(5, 3 * 2112 + 100);
    let at = blob.len();
    blob.extend_from_slice(&img);
    blob.extend_from_slice(&noise(6, 200_000));
    let vfs = unpack(Bytes::from(blob));
    let l = fs_layer(&vfs, "yaffs2");
    assert_eq!((l.offset, l.size), (at as u64, img.len() as u64), "the region ends with the last yaffs2 page");
    assert_tree_matches(dir.path(), l.tree.as_ref().unwrap());
}

#[test]
fn history_newest_copies_win_and_deleted_objects_are_dropped() {
    for g in [GEOS[0], GEOS[3]] {
        let mut w = W::new(g);
        let etc = w.dir(1, "etc");
        let old = w.file(etc, "passwd", 0o644, b"root::0:0::/:/bin/sh\n");
        let gone = w.file(etc, "secret", 0o600, b"deleted later");
        let log = w.file(1, "log", 0o644, &noise(3, 3 * g.chunk() + 10));
        let unlinked = w.file(1, "tmpfile", 0o644, b"unlinked");
        w.next_block();
        // rename passwd (a newer header), rewrite its data
        w.header(old, &Hdr { size: 26, ..hdr(1, etc, b"passwd.new", 0o100600) });
        w.page(b"root:x:0:0::/root:/bin/sh\n", old, 1, 26);
        // delete secret (into the deleted directory), unlink tmpfile
        w.header(gone, &hdr(1, 4, b"secret", 0o100600));
        w.header(unlinked, &hdr(1, 3, b"tmpfile", 0o100644));
        // shrink log to one chunk and a half
        let half = g.chunk() + g.chunk() / 2;
        w.header(log, &Hdr { size: half as u64, shrink: true, ..hdr(1, 1, b"log", 0o100644) });
        // an orphan whose directory has no header
        w.file(0x7777, "orphan", 0o644, b"lost");
        let vfs = unpack(Bytes::from(w.out.clone()));
        let l = fs_layer(&vfs, "yaffs2");
        let t = l.tree.as_ref().unwrap();
        assert_eq!(&t.read("/etc/passwd.new").unwrap()[..], b"root:x:0:0::/root:/bin/sh\n", "{g:?}");
        assert!(t.get("/etc/passwd").is_none() && t.get("/etc/secret").is_none() && t.get("/tmpfile").is_none());
        assert_eq!(t.read("/log").unwrap()[..], noise(3, half)[..]);
        assert_eq!(&t.read("/lost+found/orphan").unwrap()[..], b"lost");
        assert!(l.description.contains("2 deleted or unlinked dropped"), "{}", l.description);
        let probs = vfs.all_problems();
        assert!(probs.iter().any(|p| p.message.contains("parent 30583 has no header")), "{probs:?}");
    }
}

#[test]
fn missing_chunks_and_bad_pages_are_reported() {
    let g = GEOS[0];
    let mut w = W::new(g);
    let data = noise(4, 4 * 2048);
    w.file(1, "big", 0o644, &data);
    w.file(1, "after", 0o644, b"still read");
    let mut img = w.out;
    let stride = 2048 + 64;
    // the second data chunk of "big" is lost: its tags are garbage
    img[2 * stride + 2048..2 * stride + 2048 + 16].copy_from_slice(&[0x11; 16]);
    let vfs = unpack(Bytes::from(img));
    let t = tree_of(&vfs, "yaffs2");
    let big = t.read("/big").unwrap();
    assert_eq!(big.len(), data.len());
    assert!(big[..2048] == data[..2048] && big[2048..4096].iter().all(|&b| b == 0) && big[4096..] == data[4096..]);
    assert_eq!(&t.read("/after").unwrap()[..], b"still read");
    let probs: Vec<String> = vfs.all_problems().into_iter().map(|p| p.message).collect();
    assert!(probs.iter().any(|m| m.contains("1 pages with invalid tags")), "{probs:?}");
    assert!(probs.iter().any(|m| m.contains("1 of 4 data chunks absent")), "{probs:?}");
}

#[test]
fn the_anchor_does_not_fire_on_look_alikes() {
    // the ten anchor bytes, then no valid name / mode / tags
    let mut v = noise(1, 1 << 16);
    for at in [0usize, 5000, 30_000] {
        v[at..at + 10].copy_from_slice(&[1, 0, 0, 0, 1, 0, 0, 0, 0xff, 0xff]);
        v[at + 10..at + 14].copy_from_slice(b"abc\0");
    }
    let vfs = unpack(Bytes::from(v));
    assert!(!vfs.layers.iter().any(|l| l.format == "yaffs2"));
    // a well-formed header with no tags anywhere (a dump whose spare area was stripped) is not read
    let dir = tempfile::tempdir().unwrap();
    sample_tree(dir.path(), false);
    let img = image_of(dir.path(), GEOS[0]);
    let stripped: Vec<u8> = img.chunks(2112).flat_map(|p| p[..2048].to_vec()).collect();
    let vfs = unpack(Bytes::from(stripped));
    assert!(!vfs.layers.iter().any(|l| l.format == "yaffs2"));
}

#[test]
fn hostile_variants() {
    let dir = tempfile::tempdir().unwrap();
    sample_tree(dir.path(), true);
    for g in [GEOS[0], GEOS[6]] {
        let img = image_of(dir.path(), g);
        hostile(&img, "yaffs2");
    }
}

#[test]
fn real_samples_when_present() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/realfw/images");
    let le = dir.join("yaffs2_le.img");
    if !le.is_file() {
        eprintln!("skipped: {} not found", le.display());
        return;
    }
    let vfs = unpack_file(&le);
    let t = tree_of(&vfs, "yaffs2");
    let files: Vec<String> = t.files().map(|(p, _, _)| p.to_string()).collect();
    assert!(files.len() >= 3 && files.iter().any(|p| p.ends_with("/testfile1")), "{files:?}");
    assert!(layer_problems(&vfs).is_empty(), "{:?}", vfs.all_problems());
    let bw = dir.join("binwalk_yaffs2.bin");
    if bw.is_file() {
        let vfs = unpack_file(&bw);
        let t = tree_of(&vfs, "yaffs2");
        let n = t.files().count();
        assert!(n >= 10, "{n} files");
        assert!(layer_problems(&vfs).is_empty(), "{:?}", vfs.all_problems());
    }
    // and what an independent reader extracts from them
    need("unyaffs", "unyaffs");
    let tmp = tempfile::tempdir().unwrap();
    for img in [le, bw] {
        let out = tmp.path().join(img.file_name().unwrap());
        sh(tmp.path(), &format!("unyaffs {} {} >/dev/null", img.display(), out.display()));
        let vfs = unpack_file(&img);
        let t = tree_of(&vfs, "yaffs2");
        let mut n = 0;
        for e in walk(&out) {
            let rel = format!("/{}", e.strip_prefix(&out).unwrap().to_string_lossy());
            if e.is_file() {
                assert!(t.read(&rel).is_some_and(|b| b[..] == std::fs::read(&e).unwrap()[..]), "{rel} differs");
                n += 1;
            } else {
                assert!(t.get(&rel).is_some(), "{rel} missing");
            }
        }
        assert_eq!(n, t.files().count(), "{}: the same files", img.display());
    }
}

/// The problems of the layers (not the engine's global notes, such as the one on a tree that is not a Unix
/// root).
fn layer_problems(vfs: &fwassure_model::Vfs) -> Vec<fwassure_model::Problem> {
    vfs.all_problems().into_iter().filter(|p| p.layer.is_some()).collect()
}

/// Every path under `dir`, sorted.
fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if std::fs::symlink_metadata(&p).unwrap().is_dir() {
                stack.push(p.clone());
            }
            out.push(p);
        }
    }
    out.sort();
    out
}
