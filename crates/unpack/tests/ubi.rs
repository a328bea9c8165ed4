//! UBI and UBIFS fixtures: UBIFS images made by `mkfs.ubifs` (lzo, zlib, zstd, none) from the standard
//! source tree, wrapped by `ubinize` in several geometries, read back and compared entry by entry with the
//! source; a static volume next to the UBIFS volume; and hostile variants (truncation, 200 seeded
//! bit-flip variants, a self-referencing index node, a duplicated LEB with a newer sequence number).
//! Needs `mtd-utils` (apt-get install mtd-utils).

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};

use bytes::Bytes;
use common::*;
use fwassure_model::{NodeKind, Vfs};
use fwassure_unpack::formats::ubi::crc;
use fwassure_unpack::{unpack_with, Limits};

/// The shared fixture, once the UBI tools are known to be there.
fn ubi_fixture() -> Fixture {
    need("mkfs.ubifs", "mtd-utils");
    need("ubinize", "mtd-utils");
    fixture()
}

/// NAND geometry: (PEB size, min I/O, sub-page size). LEB = PEB - 2 * sub-page-aligned headers.
#[derive(Clone, Copy)]
struct Geo {
    peb: usize,
    min_io: usize,
    sub_page: usize,
}

impl Geo {
    fn data_offset(&self) -> usize {
        // VID header at the sub-page after the EC header, data at the next min I/O unit
        let vid = self.sub_page;
        (vid + 64).div_ceil(self.min_io) * self.min_io
    }
    fn leb(&self) -> usize {
        self.peb - self.data_offset()
    }
}

const NAND_2K: Geo = Geo { peb: 128 * 1024, min_io: 2048, sub_page: 2048 };
const NAND_2K_SUBPAGE: Geo = Geo { peb: 128 * 1024, min_io: 2048, sub_page: 512 };
const NAND_512: Geo = Geo { peb: 16 * 1024, min_io: 512, sub_page: 512 };

fn mkfs_ubifs(fx: &Fixture, geo: Geo, compr: &str) -> PathBuf {
    let out = fx.work.join(format!("{compr}-{}.ubifs", geo.peb));
    sh(
        &fx.work,
        &format!(
            "mkfs.ubifs -q -r {} -m {} -e {} -c 400 -x {compr} -o {}",
            fx.src.display(),
            geo.min_io,
            geo.leb(),
            out.display()
        ),
    );
    out
}

/// Wrap volumes `(name, image, static?)` into a UBI image.
fn ubinize(fx: &Fixture, geo: Geo, vols: &[(&str, &Path, bool)], tag: &str) -> PathBuf {
    let mut cfg = String::new();
    for (i, (name, img, stat)) in vols.iter().enumerate() {
        cfg.push_str(&format!(
            "[{name}]\nmode=ubi\nimage={}\nvol_id={i}\nvol_type={}\nvol_name={name}\n",
            img.display(),
            if *stat { "static" } else { "dynamic" }
        ));
    }
    let cfg_path = fx.work.join(format!("{tag}.cfg"));
    fs::write(&cfg_path, cfg).unwrap();
    let out = fx.work.join(format!("{tag}.ubi"));
    sh(
        &fx.work,
        &format!(
            "ubinize -o {} -p {} -m {} -s {} {}",
            out.display(),
            geo.peb,
            geo.min_io,
            geo.sub_page,
            cfg_path.display()
        ),
    );
    out
}

fn unpack_bytes(b: &[u8]) -> Vfs {
    unpack_with(Bytes::copy_from_slice(b), &Limits::default())
}

fn check_tree(fx: &Fixture, img: &Path, chain_want: &[&str]) -> Vfs {
    let vfs = check_image(fx, img, "ubifs", chain_want, Keeps::ALL, &[]);
    let t = fs_layer(&vfs, "ubifs").tree.as_ref().unwrap();
    // the hard link is one file and one link to it
    match (&t.get("/etc/hosts").unwrap().kind, &t.get("/etc/hosts.hard").unwrap().kind) {
        (NodeKind::File(_), NodeKind::HardLink(p)) => assert_eq!(p, "/etc/hosts"),
        other => panic!("hard link not kept: {other:?}"),
    }
    if fx.caps.devices {
        assert_eq!(t.get("/dev/null").unwrap().kind, NodeKind::CharDevice { major: 1, minor: 3 });
        assert_eq!(t.get("/dev/sda1").unwrap().kind, NodeKind::BlockDevice { major: 8, minor: 1 });
    }
    assert_eq!(t.get("/var/run/fifo").unwrap().kind, NodeKind::Fifo);
    vfs
}

#[test]
fn ubifs_in_ubi_all_compressors() {
    let fx = ubi_fixture();
    for compr in ["lzo", "zlib", "zstd", "none", "favor_lzo"] {
        let fs_img = mkfs_ubifs(&fx, NAND_2K, compr);
        let ubi = ubinize(&fx, NAND_2K, &[("rootfs", &fs_img, false)], compr);
        let vfs = check_tree(&fx, &ubi, &["ubi", "ubifs"]);
        let ubi_layer = &vfs.layers[0];
        assert_eq!(ubi_layer.format, "ubi");
        assert!(ubi_layer.description.contains("PEB 128 KiB"), "{}", ubi_layer.description);
        let ubifs = vfs.layers.iter().find(|l| l.format == "ubifs").unwrap();
        assert_eq!(ubifs.source_path.as_deref(), Some("rootfs"), "volume named by the volume table");
        let want = if compr == "favor_lzo" { "lzo" } else { compr };
        assert!(ubifs.description.contains(want), "{compr}: {}", ubifs.description);
    }
}

#[test]
fn bare_ubifs_images() {
    let fx = ubi_fixture();
    for compr in ["lzo", "zlib"] {
        let img = mkfs_ubifs(&fx, NAND_2K, compr);
        check_tree(&fx, &img, &["ubifs"]);
    }
}

#[test]
fn ubi_geometries() {
    let fx = ubi_fixture();
    for (i, geo) in [NAND_2K_SUBPAGE, NAND_512].into_iter().enumerate() {
        let fs_img = mkfs_ubifs(&fx, geo, "zlib");
        let ubi = ubinize(&fx, geo, &[("data", &fs_img, false)], &format!("geo{i}"));
        let vfs = check_tree(&fx, &ubi, &["ubi", "ubifs"]);
        let d = &vfs.layers[0].description;
        assert!(d.contains(&format!("PEB {} KiB", geo.peb / 1024)), "{d}");
        assert!(d.contains(&format!("LEB {}", geo.leb())), "{d}");
    }
}

/// A static volume (a kernel-like blob) next to the UBIFS volume: both volumes come out, the static one
/// cut to its exact size.
#[test]
fn static_and_dynamic_volumes() {
    let fx = ubi_fixture();
    let fs_img = mkfs_ubifs(&fx, NAND_2K, "lzo");
    let blob = noise(77, 300_001);
    let blob_path = fx.work.join("kernel.bin");
    fs::write(&blob_path, &blob).unwrap();
    let ubi = ubinize(&fx, NAND_2K, &[("kernel", &blob_path, true), ("rootfs", &fs_img, false)], "two");
    let vfs = unpack_file(&ubi);
    let kernel = vfs.layers.iter().find(|l| l.source_path.as_deref() == Some("kernel")).expect("kernel volume layer");
    assert_eq!(kernel.data.len(), blob.len(), "static volume cut to its data size");
    assert!(kernel.data[..] == blob[..], "static volume content");
    let l = fs_layer(&vfs, "ubifs");
    assert_eq!(l.source_path.as_deref(), Some("rootfs"));
    assert_matches(&fx.src, l.tree.as_ref().unwrap(), Keeps::ALL, fx.caps, "two volumes");
    assert!(read_problems(&vfs).is_empty(), "{:?}", read_problems(&vfs));
}

/// The UBI image inside a bigger flash dump: carved at its offset, followed by other data.
#[test]
fn ubi_carved_from_a_flash_dump() {
    let fx = ubi_fixture();
    let fs_img = mkfs_ubifs(&fx, NAND_2K, "lzo");
    let ubi = fs::read(ubinize(&fx, NAND_2K, &[("rootfs", &fs_img, false)], "dump")).unwrap();
    let mut dump = noise(5, 3 * 128 * 1024);
    dump.extend_from_slice(&ubi);
    dump.extend_from_slice(&noise(6, 100_000));
    let vfs = unpack_bytes(&dump);
    let u = vfs.layers.iter().find(|l| l.format == "ubi").expect("ubi carved");
    assert_eq!(u.offset, 3 * 128 * 1024);
    assert_eq!(u.size, ubi.len() as u64);
    let l = fs_layer(&vfs, "ubifs");
    assert_matches(&fx.src, l.tree.as_ref().unwrap(), Keeps::ALL, fx.caps, "carved");
}

/// A second copy of a LEB with a higher sequence number wins (as after wear-levelling); a copy with a
/// corrupt VID header is ignored with a problem.
#[test]
fn newest_leb_copy_wins() {
    let fx = ubi_fixture();
    let fs_img = mkfs_ubifs(&fx, NAND_2K, "lzo");
    let mut img = fs::read(ubinize(&fx, NAND_2K, &[("rootfs", &fs_img, false)], "dup")).unwrap();
    let geo = NAND_2K;
    let base = vfs_tree_files(&unpack_bytes(&img));
    // append a copy of the PEB holding rootfs LEB 0 with sqnum + 1000 and garbage in its data: it must win
    let peb = find_peb(&img, geo, 0, 0).expect("LEB 0 of volume 0");
    let mut copy = img[peb * geo.peb..(peb + 1) * geo.peb].to_vec();
    let vid = geo.sub_page;
    let sq = u64::from_be_bytes(copy[vid + 40..vid + 48].try_into().unwrap());
    copy[vid + 40..vid + 48].copy_from_slice(&(sq + 1000).to_be_bytes());
    let c = crc(&copy[vid..vid + 60]);
    copy[vid + 60..vid + 64].copy_from_slice(&c.to_be_bytes());
    let d0 = geo.data_offset();
    copy[d0..d0 + 4096].fill(0); // superblock gone in the newer copy
    img.extend_from_slice(&copy);
    let vfs = unpack_bytes(&img);
    assert!(vfs.layers.iter().all(|l| l.format != "ubifs" || l.tree.is_none()), "newer (broken) LEB 0 must win");
    // the same copy with a corrupt VID header is ignored
    let n = img.len();
    img[n - geo.peb + vid + 12] ^= 0x40;
    let vfs = unpack_bytes(&img);
    assert_eq!(vfs_tree_files(&vfs), base);
    assert!(read_problems(&vfs).iter().any(|p| p.message.contains("corrupt VID header")), "{:?}", read_problems(&vfs));
}

fn find_peb(img: &[u8], geo: Geo, vol: u32, lnum: u32) -> Option<usize> {
    (0..img.len() / geo.peb).find(|&i| {
        let v = &img[i * geo.peb + geo.sub_page..];
        &v[..4] == b"UBI!"
            && u32::from_be_bytes(v[8..12].try_into().unwrap()) == vol
            && u32::from_be_bytes(v[12..16].try_into().unwrap()) == lnum
    })
}

/// (path, kind char, size) of every entry of every ubifs tree.
fn vfs_tree_files(vfs: &Vfs) -> Vec<(String, char, u64)> {
    vfs.layers
        .iter()
        .filter(|l| l.format == "ubifs")
        .filter_map(|l| l.tree.as_ref())
        .flat_map(|t| t.iter().map(|(p, n)| (p.to_string(), n.kind.type_char(), n.size())))
        .collect()
}

// ------------------------------------------------------------------------------------------- hostile

fn base_image(fx: &Fixture) -> Vec<u8> {
    let fs_img = mkfs_ubifs(fx, NAND_2K, "lzo");
    fs::read(ubinize(fx, NAND_2K, &[("rootfs", &fs_img, false)], "base")).unwrap()
}

#[test]
fn truncated_images_keep_what_they_can() {
    let fx = ubi_fixture();
    let img = base_image(&fx);
    let full = unpack_bytes(&img);
    let n_full = vfs_tree_files(&full).len();
    for cut in [img.len() - 1, img.len() * 3 / 4, img.len() / 2, 300_000, 2 * 128 * 1024 + 5000, 100_000, 5000, 64] {
        let vfs = unpack_bytes(&img[..cut]);
        let n = vfs_tree_files(&vfs).len();
        assert!(n <= n_full);
        if cut >= 2 * 128 * 1024 {
            assert!(!read_problems(&vfs).is_empty(), "cut at {cut}: no problem recorded");
        }
    }
}

/// xorshift64 for seeded variants.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// 200 variants with 1–4 flipped bits: never a panic, and never a silent change — either the trees are
/// exactly those of the clean image or a problem is recorded.
#[test]
fn bit_flips_are_detected_or_harmless() {
    let fx = ubi_fixture();
    let img = base_image(&fx);
    let clean = unpack_bytes(&img);
    let clean_trees: Vec<_> = clean.layers.iter().filter_map(|l| l.tree.clone()).collect();
    assert!(!clean_trees.is_empty());
    let limits = Limits { time_budget: std::time::Duration::from_secs(20), ..Limits::default() };
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let (mut with_problems, mut same) = (0, 0);
    for v in 0..200 {
        let mut m = img.clone();
        let flips = 1 + rng.next() % 4;
        let mut at = Vec::new();
        for _ in 0..flips {
            let pos = (rng.next() % m.len() as u64) as usize;
            m[pos] ^= 1 << (rng.next() % 8);
            at.push(pos);
        }
        let vfs = unpack_with(Bytes::from(m), &limits);
        let trees: Vec<_> = vfs.layers.iter().filter_map(|l| l.tree.clone()).collect();
        if trees == clean_trees {
            same += 1;
        } else {
            if read_problems(&vfs).is_empty() {
                let diff: Vec<String> = match (trees.first(), clean_trees.first()) {
                    (Some(a), Some(b)) => a
                        .iter()
                        .filter(|(p, n)| b.get(p) != Some(*n))
                        .map(|(p, n)| {
                            format!("{p}: {:?} {} vs {:?}", n.kind.type_char(), n.size(), b.get(p).map(|x| x.size()))
                        })
                        .take(5)
                        .collect(),
                    _ => vec![format!("{} trees vs {}", trees.len(), clean_trees.len())],
                };
                panic!("variant {v} (flips at {at:?}) changed the tree silently: {diff:?}");
            }
            with_problems += 1;
        }
    }
    eprintln!("bit flips: {same} variants unchanged, {with_problems} changed with problems recorded");
    assert!(with_problems > 0 && same > 0);
}

/// The root index node rewritten to point to itself: the walk ends with a problem.
#[test]
fn self_referencing_index_node() {
    let fx = ubi_fixture();
    let fs_path = mkfs_ubifs(&fx, NAND_2K, "lzo");
    let mut img = fs::read(&fs_path).unwrap();
    let leb = NAND_2K.leb();
    // the newest master node in LEB 1
    let mut best = None;
    let mut off = leb;
    while off + 512 <= 2 * leb {
        if img[off..off + 4] == 0x0610_1831u32.to_le_bytes() && img[off + 20] == 7 {
            let sq = u64::from_le_bytes(img[off + 8..off + 16].try_into().unwrap());
            if best.is_none_or(|(s, _)| s < sq) {
                best = Some((sq, off));
            }
        }
        off += 8;
    }
    let (_, m) = best.expect("master node");
    let le32 = |d: &[u8], o: usize| u32::from_le_bytes(d[o..o + 4].try_into().unwrap());
    let (rl, ro, rlen) = (le32(&img, m + 48), le32(&img, m + 52), le32(&img, m + 56));
    let root = rl as usize * leb + ro as usize;
    assert_eq!(img[root + 20], 9, "root is an index node");
    // branch 0 -> the root itself
    img[root + 28..root + 32].copy_from_slice(&rl.to_le_bytes());
    img[root + 32..root + 36].copy_from_slice(&ro.to_le_bytes());
    img[root + 36..root + 40].copy_from_slice(&rlen.to_le_bytes());
    let c = crc(&img[root + 8..root + rlen as usize]);
    img[root + 4..root + 8].copy_from_slice(&c.to_le_bytes());
    let vfs = unpack_bytes(&img);
    let problems = read_problems(&vfs);
    assert!(
        problems.iter().any(|p| p.message.contains("cycle") || p.message.contains("more than once")),
        "{problems:?}"
    );
    // a root index node whose level is 0 and whose only child is itself
    img[root + 24..root + 26].copy_from_slice(&1u16.to_le_bytes());
    img[root + 26..root + 28].copy_from_slice(&0u16.to_le_bytes());
    let c = crc(&img[root + 8..root + rlen as usize]);
    img[root + 4..root + 8].copy_from_slice(&c.to_le_bytes());
    let vfs = unpack_bytes(&img);
    assert!(!read_problems(&vfs).is_empty());
}

/// A data node rewritten as a decompression bomb target and a hostile inode size: bounded by the limits.
#[test]
fn huge_inode_size_is_bounded() {
    let fx = ubi_fixture();
    let fs_path = mkfs_ubifs(&fx, NAND_2K, "none");
    let mut img = fs::read(&fs_path).unwrap();
    // find the inode node with /etc/shadow's size and claim 2^40 bytes
    let want = fs::metadata(fx.src.join("etc/shadow")).unwrap().len();
    let mut patched = 0;
    let mut off = 0;
    while off + 160 <= img.len() {
        if img[off..off + 4] == 0x0610_1831u32.to_le_bytes() && img[off + 20] == 0 {
            let len = u32::from_le_bytes(img[off + 16..off + 20].try_into().unwrap()) as usize;
            let size = u64::from_le_bytes(img[off + 48..off + 56].try_into().unwrap());
            let mode = u32::from_le_bytes(img[off + 104..off + 108].try_into().unwrap());
            if size == want && mode & 0o170000 == 0o100000 {
                img[off + 48..off + 56].copy_from_slice(&(1u64 << 40).to_le_bytes());
                let c = crc(&img[off + 8..off + len]);
                img[off + 4..off + 8].copy_from_slice(&c.to_le_bytes());
                patched += 1;
            }
        }
        off += 8;
    }
    assert!(patched >= 1);
    let vfs = unpack_bytes(&img);
    let t = fs_layer(&vfs, "ubifs").tree.as_ref().unwrap();
    let shadow = t.get("/etc/shadow").unwrap();
    assert!(shadow.size() <= 16 << 20, "size bounded by the expansion floor: {}", shadow.size());
    assert!(read_problems(&vfs).iter().any(|p| p.message.contains("cut to")), "{:?}", read_problems(&vfs));
}

// ------------------------------------------------------------------------------------------- journal

/// A UBIFS node with its common header (CRC over everything after the CRC field).
fn ubifs_node(node_type: u8, sqnum: u64, body: &[u8]) -> Vec<u8> {
    let mut n = vec![0u8; 24];
    n[..4].copy_from_slice(&0x0610_1831u32.to_le_bytes());
    n[8..16].copy_from_slice(&sqnum.to_le_bytes());
    n[16..20].copy_from_slice(&((24 + body.len()) as u32).to_le_bytes());
    n[20] = node_type;
    n.extend_from_slice(body);
    let c = crc(&n[8..]);
    n[4..8].copy_from_slice(&c.to_le_bytes());
    n
}

fn key(inum: u32, ktype: u32, low: u32) -> Vec<u8> {
    let mut k = vec![0u8; 16];
    k[..4].copy_from_slice(&inum.to_le_bytes());
    k[4..8].copy_from_slice(&((ktype << 29) | low).to_le_bytes());
    k
}

fn dent_body(parent: u32, inum: u64, name: &[u8]) -> Vec<u8> {
    let mut b = key(parent, 2, 0x1234);
    b.extend_from_slice(&inum.to_le_bytes());
    b.extend_from_slice(&[0, 0]);
    b.extend_from_slice(&(name.len() as u16).to_le_bytes());
    b.extend_from_slice(&[0; 4]);
    b.extend_from_slice(name);
    b.push(0);
    b
}

/// Nodes written after the last commit (a bud referenced from the log) are replayed: a new file appears,
/// a deleted entry disappears.
#[test]
fn journal_is_replayed() {
    let fx = ubi_fixture();
    let mut img = fs::read(mkfs_ubifs(&fx, NAND_2K, "none")).unwrap();
    let leb = NAND_2K.leb();
    let le32 = |d: &[u8], o: usize| u32::from_le_bytes(d[o..o + 4].try_into().unwrap());
    let le64 = |d: &[u8], o: usize| u64::from_le_bytes(d[o..o + 8].try_into().unwrap());
    // highest sqnum and inode number, and the parent of "shadow"
    let (mut max_sq, mut max_ino, mut shadow_parent) = (0u64, 0u32, None);
    let mut off = 0;
    while off + 24 <= img.len() {
        if img[off..off + 4] == 0x0610_1831u32.to_le_bytes() {
            max_sq = max_sq.max(le64(&img, off + 8));
            match img[off + 20] {
                0 => max_ino = max_ino.max(le32(&img, off + 24)),
                2 if img[off + 56..].starts_with(b"shadow\0") => shadow_parent = Some(le32(&img, off + 24)),
                _ => {}
            }
        }
        off += 8;
    }
    let shadow_parent = shadow_parent.expect("dent of shadow");
    // one more LEB for the bud
    let leb_cnt = le32(&img, 40);
    img[40..44].copy_from_slice(&(leb_cnt + 1).to_le_bytes());
    let c = crc(&img[8..4096]);
    img[4..8].copy_from_slice(&c.to_le_bytes());
    img.resize(leb_cnt as usize * leb, 0xff);
    let bud_lnum = leb_cnt;
    let mut bud = Vec::new();
    let ino = max_ino + 1;
    let mut sq = max_sq + 100;
    let push = |bud: &mut Vec<u8>, n: Vec<u8>| {
        bud.extend_from_slice(&n);
        bud.resize(bud.len().div_ceil(8) * 8, 0xce);
    };
    // inode node: size 11, mode 0100640, nlink 1
    let mut ib = key(ino, 0, 0);
    ib.extend_from_slice(&sq.to_le_bytes()); // creat_sqnum
    ib.extend_from_slice(&11u64.to_le_bytes());
    ib.extend_from_slice(&[0; 24]); // a/c/mtime sec
    ib.extend_from_slice(&[0; 12]); // nsec
    for v in [1u32, 0, 0, 0o100640, 0, 0, 0, 0, 0, 0] {
        ib.extend_from_slice(&v.to_le_bytes());
    }
    ib.resize(160 - 24, 0);
    push(&mut bud, ubifs_node(0, sq, &ib));
    sq += 1;
    let mut db = key(ino, 1, 0);
    db.extend_from_slice(&11u32.to_le_bytes());
    db.extend_from_slice(&[0; 4]);
    db.extend_from_slice(b"hello world");
    push(&mut bud, ubifs_node(1, sq, &db));
    sq += 1;
    push(&mut bud, ubifs_node(2, sq, &dent_body(1, ino as u64, b"journal")));
    sq += 1;
    push(&mut bud, ubifs_node(2, sq, &dent_body(shadow_parent, 0, b"shadow")));
    img.extend_from_slice(&bud);
    img.resize((leb_cnt as usize + 1) * leb, 0xff);
    // the reference in the log, right after the commit start node of LEB 3
    let log = 3 * leb;
    assert_eq!(img[log + 20], 10, "commit start node at the head of the log");
    let at = log + (le32(&img, log + 16) as usize).div_ceil(8) * 8;
    let mut rb = Vec::new();
    rb.extend_from_slice(&bud_lnum.to_le_bytes());
    rb.extend_from_slice(&0u32.to_le_bytes());
    rb.extend_from_slice(&1u32.to_le_bytes());
    rb.extend_from_slice(&[0; 28]);
    let r = ubifs_node(8, max_sq + 50, &rb);
    img[at..at + r.len()].copy_from_slice(&r);

    let vfs = unpack_bytes(&img);
    let t = fs_layer(&vfs, "ubifs").tree.as_ref().unwrap();
    assert_eq!(t.read("/journal").as_deref(), Some(&b"hello world"[..]), "{:?}", read_problems(&vfs));
    assert_eq!(t.get("/journal").unwrap().mode, 0o640);
    assert!(t.get("/etc/shadow").is_none(), "deletion entry replayed");
    assert!(t.get("/etc/passwd").is_some());
}
