//! RAR fixtures. The `rar` tool is non-free (not in Debian main), so stored RAR 4 and RAR 5 archives are
//! written here by a small writer following RARLAB's technotes (independent of the decoder), and
//! compressed, solid, encrypted and bomb archives by the `rars` crate's writer; plus hostile variants.

use crate::common;

use bytes::Bytes;
use common::*;
use fwassure_model::NodeKind;
use fwassure_unpack::{unpack, unpack_with, Limits};

/// One member for the technote writers: name, data (`None`: a directory), unix mode.
type Member<'a> = (&'a str, Option<&'a [u8]>, u32);

fn vint(mut v: u64, out: &mut Vec<u8>) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

/// A RAR 5 block: CRC32 over the size field and the header, then the data.
fn block5(header: &[u8], data: &[u8]) -> Vec<u8> {
    let mut sized = Vec::new();
    vint(header.len() as u64, &mut sized);
    sized.extend_from_slice(header);
    let mut b = crc32fast::hash(&sized).to_le_bytes().to_vec();
    b.extend_from_slice(&sized);
    b.extend_from_slice(data);
    b
}

/// A RAR 5 archive of stored members (technote: main header, file headers, end of archive).
fn rar5_stored(members: &[Member]) -> Vec<u8> {
    let mut a = b"Rar!\x1a\x07\x01\x00".to_vec();
    a.extend(block5(&[1, 0, 0], &[])); // main: type 1, flags 0, archive flags 0
    for (name, data, mode) in members {
        let d = data.unwrap_or(&[]);
        let mut h = Vec::new();
        vint(2, &mut h); // file header
        vint(2, &mut h); // header flags: data area present
        vint(d.len() as u64, &mut h); // data size
        let dir = data.is_none();
        vint(if dir { 0x1 | 0x2 } else { 0x2 | 0x4 }, &mut h); // file flags: dir / mtime, CRC32
        vint(d.len() as u64, &mut h); // unpacked size
        vint(*mode as u64, &mut h); // attributes (unix mode)
        h.extend_from_slice(&1_700_000_000u32.to_le_bytes()); // mtime
        if !dir {
            h.extend_from_slice(&crc32fast::hash(d).to_le_bytes());
        }
        vint(0, &mut h); // compression: version 0, store, smallest dictionary
        vint(1, &mut h); // host OS: unix
        vint(name.len() as u64, &mut h);
        h.extend_from_slice(name.as_bytes());
        a.extend(block5(&h, d));
    }
    a.extend(block5(&[5, 0, 0], &[])); // end of archive
    a
}

/// A RAR 4 block: HEAD_CRC (low 16 bits of the CRC32 of the header from HEAD_TYPE) then the header.
fn block4(kind: u8, flags: u16, rest: &[u8], crc_len: Option<usize>) -> Vec<u8> {
    let mut h = vec![0, 0, kind];
    h.extend_from_slice(&flags.to_le_bytes());
    h.extend_from_slice(&((7 + rest.len()) as u16).to_le_bytes());
    h.extend_from_slice(rest);
    let end = crc_len.unwrap_or(h.len());
    let crc = (crc32fast::hash(&h[2..end]) & 0xffff) as u16;
    h[..2].copy_from_slice(&crc.to_le_bytes());
    h
}

/// A RAR 4 archive (format 2.0 headers) of stored members.
fn rar4_stored(members: &[Member]) -> Vec<u8> {
    let mut a = b"Rar!\x1a\x07\x00".to_vec();
    a.extend(block4(0x73, 0, &[0; 6], None)); // main header: reserved fields
                                              // 2023-11-14 22:13:20 as a DOS time
    let dos: u32 = ((2023 - 1980) << 25) | (11 << 21) | (14 << 16) | (22 << 11) | (13 << 5) | 10;
    for (name, data, mode) in members {
        let d = data.unwrap_or(&[]);
        let mut r = Vec::new();
        r.extend_from_slice(&(d.len() as u32).to_le_bytes()); // PACK_SIZE
        r.extend_from_slice(&(d.len() as u32).to_le_bytes()); // UNP_SIZE
        r.push(3); // HOST_OS: unix
        r.extend_from_slice(&crc32fast::hash(d).to_le_bytes());
        r.extend_from_slice(&dos.to_le_bytes());
        r.push(20); // UNP_VER 2.0
        r.push(0x30); // METHOD: store
        r.extend_from_slice(&(name.len() as u16).to_le_bytes());
        r.extend_from_slice(&mode.to_le_bytes());
        r.extend_from_slice(name.as_bytes());
        let flags = 0x8000 | if data.is_none() { 0x00e0 } else { 0 };
        a.extend(block4(0x74, flags, &r, None));
        a.extend_from_slice(d);
    }
    a.extend(block4(0x7b, 0x4000, &[], None));
    a
}

fn sample_members(text: &[u8], bin: &[u8]) -> Vec<(String, Option<Vec<u8>>, u32)> {
    vec![
        ("etc".into(), None, 0o40755),
        ("etc/passwd".into(), Some(b"root:x:0:0:root:/root:/bin/sh\n".to_vec()), 0o100600),
        ("usr/lib/deep/er/small".into(), Some(b"x".to_vec()), 0o100644),
        ("usr/lib/big.txt".into(), Some(text.to_vec()), 0o100644),
        ("usr/lib/random.bin".into(), Some(bin.to_vec()), 0o100755),
        ("empty".into(), Some(Vec::new()), 0o100644),
    ]
}

fn check_members(vfs: &fwassure_model::Vfs, members: &[(String, Option<Vec<u8>>, u32)], what: &str) {
    let l = vfs.layers.iter().find(|l| l.format == "rar").unwrap_or_else(|| panic!("{what}: no rar layer"));
    assert!(l.problems.is_empty(), "{what}: {:?}", l.problems);
    let t = l.tree.as_ref().unwrap();
    for (name, data, mode) in members {
        let p = format!("/{name}");
        let n = t.get(&p).unwrap_or_else(|| panic!("{what}: {p} missing"));
        match data {
            None => assert_eq!(n.kind, NodeKind::Dir, "{what}: {p}"),
            Some(d) => assert_eq!(t.read(&p).as_deref(), Some(&d[..]), "{what}: {p}"),
        }
        assert_eq!(n.mode, mode & 0o7777, "{what}: {p} mode");
    }
    assert_eq!(read_every_file(vfs), 0);
}

fn as_refs(m: &[(String, Option<Vec<u8>>, u32)]) -> Vec<Member<'_>> {
    m.iter().map(|(n, d, md)| (n.as_str(), d.as_deref(), *md)).collect()
}

#[test]
fn rar5_stored_by_the_technote_writer() {
    let members = sample_members(&numbered_lines(300), &noise(7, 5000));
    let img = rar5_stored(&as_refs(&members));
    let vfs = unpack(Bytes::from(img.clone()));
    check_members(&vfs, &members, "rar5 stored");
    let l = vfs.layers.iter().find(|l| l.format == "rar").unwrap();
    assert_eq!((l.offset, l.size), (0, img.len() as u64));
    assert_eq!(l.tree.as_ref().unwrap().get("/etc/passwd").unwrap().mtime, 1_700_000_000);
}

#[test]
fn rar4_stored_by_the_technote_writer() {
    let members = sample_members(&numbered_lines(300), &noise(8, 5000));
    let img = rar4_stored(&as_refs(&members));
    let vfs = unpack(Bytes::from(img.clone()));
    check_members(&vfs, &members, "rar4 stored");
    let l = vfs.layers.iter().find(|l| l.format == "rar").unwrap();
    assert_eq!((l.offset, l.size), (0, img.len() as u64));
}

#[test]
fn carved_from_an_image_with_exact_bounds() {
    let members = sample_members(b"hello\n", b"\x00\x01");
    for img in [rar5_stored(&as_refs(&members)), rar4_stored(&as_refs(&members))] {
        let mut blob = b"SFX stub ".repeat(100);
        let at = blob.len();
        blob.extend_from_slice(&img);
        blob.extend_from_slice(&[0x77; 3000]);
        let vfs = unpack(Bytes::from(blob));
        let l = vfs.layers.iter().find(|l| l.format == "rar").unwrap();
        assert_eq!((l.offset, l.size), (at as u64, img.len() as u64));
    }
}

#[test]
fn stored_crc_mismatch_is_reported() {
    let members = sample_members(&numbered_lines(300), b"bin");
    let mut img = rar5_stored(&as_refs(&members));
    let at = img.windows(16).position(|w| w == &numbered_lines(1)[..16]).unwrap();
    img[at + 100] ^= 1;
    let vfs = unpack(Bytes::from(img));
    let l = vfs.layers.iter().find(|l| l.format == "rar").unwrap();
    let about_big = |p: &fwassure_model::Problem| p.path.as_deref().is_some_and(|x| x.contains("big.txt"));
    assert!(l.problems.iter().any(|p| about_big(p) && p.message.contains("unreadable")), "{:?}", l.problems);
    // the other members are kept
    assert!(l.tree.as_ref().unwrap().read("/etc/passwd").is_some());
}

fn built(version: rars::ArchiveVersion, solid: bool, members: &[(String, Option<Vec<u8>>, u32)]) -> Vec<u8> {
    let mut b = rars::Builder::new(version).solid(solid);
    for (name, data, mode) in members {
        match data {
            None => b.add_directory(name.as_bytes().to_vec(), Some(1_700_000_000), Some(*mode)).unwrap(),
            Some(d) => b.add_bytes(name.as_bytes().to_vec(), d.clone(), Some(1_700_000_000), Some(*mode)).unwrap(),
        }
    }
    b.to_bytes().unwrap()
}

#[test]
fn compressed_rar4_and_rar5_solid_and_not() {
    let members = sample_members(&numbered_lines(3000), &noise(9, 70_000));
    for version in [rars::ArchiveVersion::Rar29, rars::ArchiveVersion::Rar50] {
        for solid in [false, true] {
            let img = built(version, solid, &members);
            assert!(img.len() < 150_000, "{version:?}: compressed {}", img.len());
            let vfs = unpack(Bytes::from(img));
            check_members(&vfs, &members, &format!("{version:?} solid={solid}"));
        }
    }
}

#[test]
fn rar5_symlink() {
    let mut b = rars::Builder::new(rars::ArchiveVersion::Rar50);
    b.add_bytes(b"etc/passwd".to_vec(), b"root\n".to_vec(), None, Some(0o100644)).unwrap();
    b.add_unix_symlink(b"link".to_vec(), b"etc/passwd".to_vec(), false, None, Some(0o120777)).unwrap();
    let vfs = unpack(Bytes::from(b.to_bytes().unwrap()));
    let t = tree_of(&vfs, "rar");
    assert_eq!(t.get("/link").unwrap().kind, NodeKind::Symlink("etc/passwd".into()));
}

#[test]
fn encrypted_members_and_headers_are_reported() {
    let members = sample_members(b"secret\n", b"bin");
    let mut b = rars::Builder::new(rars::ArchiveVersion::Rar50).password(Some(b"pw".to_vec()));
    for (name, data, mode) in &members {
        if let Some(d) = data {
            b.add_bytes(name.as_bytes().to_vec(), d.clone(), None, Some(*mode)).unwrap();
        }
    }
    let vfs = unpack(Bytes::from(b.clone().to_bytes().unwrap()));
    let problems = vfs.all_problems();
    assert!(problems.iter().any(|p| p.message.contains("encrypted")), "{problems:?}");
    let vfs = unpack(Bytes::from(b.header_encryption(true).to_bytes().unwrap()));
    let problems = vfs.all_problems();
    assert!(problems.iter().any(|p| p.message.contains("encrypted")), "{problems:?}");
}

#[test]
fn bomb_is_bounded() {
    for solid in [false, true] {
        let members = vec![
            ("a-bomb".to_string(), Some(vec![0u8; 64 << 20]), 0o100644),
            ("z-after".to_string(), Some(b"after".to_vec()), 0o100644),
        ];
        let img = built(rars::ArchiveVersion::Rar50, solid, &members);
        assert!(img.len() < 1 << 20, "{}", img.len());
        let limits = Limits { max_ratio: 10, ratio_floor_bytes: 1 << 20, ..Limits::default() };
        let vfs = unpack_with(Bytes::from(img), &limits);
        let l = vfs.layers.iter().find(|l| l.format == "rar").unwrap();
        let t = l.tree.as_ref().unwrap();
        assert!(t.read("/a-bomb").unwrap().len() <= 1 << 20);
        assert!(l.problems.iter().any(|p| p.message.contains("limit")), "{:?}", l.problems);
    }
}

#[test]
fn hostile_images() {
    let members = sample_members(&numbered_lines(300), &noise(10, 3000));
    hostile(&rar5_stored(&as_refs(&members)), "rar");
    hostile(&rar4_stored(&as_refs(&members)), "rar");
    hostile(&built(rars::ArchiveVersion::Rar50, true, &members), "rar");
    hostile(&built(rars::ArchiveVersion::Rar29, false, &members), "rar");
}
