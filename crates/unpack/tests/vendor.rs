//! Vendor container headers built in Rust from their published layouts (no Debian tool writes them):
//! TP-Link v1/v2 (plain and with a bootloader, version field in both byte orders), D-Link SEAMA (seal +
//! image), D-Link WRG (both byte orders), the Arcadyan obfuscation, Netgear CHK, Realtek cvimg, Ubiquiti,
//! DJI packages and D-Link's encrypted containers. Checksums are computed here; each fixture is checked
//! through the engine (streams, attributes, the root file system inside), with a corrupted checksum, and as
//! hostile variants. The last test reads the real samples of `../shared/realfw` when they are there.

use crate::common;

use bytes::Bytes;
use common::*;
use fwassure_model::{Layer, Vfs};
use fwassure_unpack::formats::{arcadyan, buffalo, chk, cvimg, tplink, vendor};
use fwassure_unpack::{unpack, Format};
use std::io::Write;

const BANNER: &[u8] = b"welcome to the router\n";

fn kernel() -> Vec<u8> {
    gzip(&b"linux kernel image ".repeat(800))
}
fn rootfs() -> Vec<u8> {
    tar_with("etc/banner", BANNER)
}

fn layer<'a>(vfs: &'a Vfs, format: &str) -> &'a Layer {
    vfs.layers
        .iter()
        .find(|l| l.format == format)
        .unwrap_or_else(|| panic!("no {format} layer: {:?}", vfs.layers.iter().map(|l| &l.format).collect::<Vec<_>>()))
}

fn attr<'a>(l: &'a Layer, key: &str) -> &'a str {
    l.attributes.get(key).map(String::as_str).unwrap_or_else(|| panic!("{}: no {key} in {:?}", l.format, l.attributes))
}

fn children<'a>(vfs: &'a Vfs, l: &Layer) -> Vec<&'a Layer> {
    vfs.layers.iter().filter(|c| c.parent.as_deref() == Some(l.id.as_str())).collect()
}

fn child_names(vfs: &Vfs, l: &Layer) -> Vec<String> {
    children(vfs, l).iter().map(|c| c.source_path.clone().unwrap_or_default()).collect()
}

/// The banner was found in a tar below the container.
fn assert_rootfs(vfs: &Vfs) {
    let t = tree_of(vfs, "tar");
    assert_eq!(t.read("/etc/banner").as_deref(), Some(BANNER));
}

fn problems(l: &Layer) -> Vec<&str> {
    l.problems.iter().map(|p| p.message.as_str()).collect()
}

// ---------------------------------------------------------------- TP-Link

fn put32(h: &mut [u8], at: usize, v: u32) {
    h[at..at + 4].copy_from_slice(&v.to_be_bytes());
}

/// A plain TP-Link image (kernel at 0x200, rootfs 256-aligned after it); `layout` 1 or 2; `le_version`
/// writes the v1 version field little-endian as TP-Link's own tool does.
fn tplink_image(layout: u8, le_version: bool, kernel: &[u8], rootfs: &[u8]) -> Vec<u8> {
    let hdr = tplink::HDR;
    let rootfs_ofs = (hdr + kernel.len()).next_multiple_of(256);
    let len = rootfs_ofs + rootfs.len();
    let mut img = vec![0u8; len];
    img[hdr..hdr + kernel.len()].copy_from_slice(kernel);
    img[rootfs_ofs..].copy_from_slice(rootfs);
    let h = &mut img[..hdr];
    if layout == 1 {
        h[0..4].copy_from_slice(&if le_version { 1u32.to_le_bytes() } else { 1u32.to_be_bytes() });
        h[4..24].copy_from_slice(b"TP-LINK Technologies");
        h[0x1c..0x24].copy_from_slice(b"ver. 1.0");
        put32(h, 0x40, 0x0940_0004);
        put32(h, 0x44, 1);
        put32(h, 0x7c, len as u32);
        put32(h, 0x80, hdr as u32);
        put32(h, 0x84, kernel.len() as u32);
        put32(h, 0x88, rootfs_ofs as u32);
        put32(h, 0x8c, rootfs.len() as u32);
        h[0x98..0x9e].copy_from_slice(&[0, 3, 0, 16, 0, 9]);
    } else {
        put32(h, 0, 3);
        h[4..12].copy_from_slice(b"ver. 2.0");
        put32(h, 0x34, 0x0841_0014);
        put32(h, 0x38, 1);
        put32(h, 0x70, len as u32);
        put32(h, 0x74, hdr as u32);
        put32(h, 0x78, kernel.len() as u32);
        put32(h, 0x7c, rootfs_ofs as u32);
        put32(h, 0x80, rootfs.len() as u32);
        h[0x8c..0x8e].copy_from_slice(&[0x55, 0xaa]);
        h[0x90..0x94].copy_from_slice(&[0xa5, 0, 9, 1]);
    }
    seal_tplink(&mut img, if layout == 1 { tplink::SALT_NORMAL_V1 } else { tplink::SALT_NORMAL_V2 });
    img
}

fn seal_tplink(img: &mut [u8], salt: [u8; 16]) {
    let h = tplink::Header::parse(img).expect("a TP-Link header");
    let d = h.digest(img, &salt).unwrap();
    img[h.md5_at..h.md5_at + 16].copy_from_slice(&d);
}

/// An image with a bootloader: outer header, bootloader padded to 64 KiB, then the plain image.
fn tplink_with_boot(layout: u8, boot: &[u8]) -> Vec<u8> {
    let inner = tplink_image(layout, true, &kernel(), &rootfs());
    let boot_area = boot.len().next_multiple_of(0x10000);
    let mut img = inner[..tplink::HDR].to_vec();
    img.extend_from_slice(boot);
    img.resize(tplink::HDR + boot_area, 0xff);
    img.extend_from_slice(&inner);
    let total = img.len() as u32;
    let (len_at, boot_at) = if layout == 1 { (0x7c, 0x94) } else { (0x70, 0x88) };
    put32(&mut img, len_at, total);
    put32(&mut img, boot_at, boot.len() as u32);
    seal_tplink(&mut img, if layout == 1 { tplink::SALT_BOOT_V1 } else { tplink::SALT_BOOT_V2 });
    img
}

#[test]
fn tplink_v1_and_v2_plain() {
    for (layout, le) in [(1, false), (1, true), (2, false)] {
        let img = tplink_image(layout, le, &kernel(), &rootfs());
        let vfs = unpack(Bytes::from(img.clone()));
        let l = layer(&vfs, "tplink");
        assert!(l.problems.is_empty(), "{:?}", problems(l));
        assert_eq!(attr(l, "signature"), "md5 checksum (salted), verified");
        assert_eq!(attr(l, "version"), if layout == 1 { "3.16.9" } else { "0.9.1" });
        assert!(attr(l, "hardware").starts_with(if layout == 1 { "0x09400004" } else { "0x08410014" }));
        assert_eq!(child_names(&vfs, l), ["kernel", "rootfs"]);
        let k = children(&vfs, l)[0];
        assert_eq!((k.offset, k.size), (0x200, kernel().len() as u64));
        assert!(vfs.layers.iter().any(|l| l.format == "gzip"));
        assert_rootfs(&vfs);

        // a byte of the rootfs changed: the MD5 no longer matches, the image is still read
        let mut bad = img.clone();
        let n = bad.len();
        bad[n - 600] ^= 0x40;
        let vfs = unpack(Bytes::from(bad));
        let l = layer(&vfs, "tplink");
        assert_eq!(attr(l, "signature"), "md5 checksum (salted), mismatch");
        assert!(problems(l).iter().any(|m| m.contains("MD5")), "{:?}", problems(l));
        hostile(&img, "tplink");
    }
}

#[test]
fn tplink_with_bootloader() {
    for layout in [1, 2] {
        let boot = noise(7, 70_000);
        let img = tplink_with_boot(layout, &boot);
        let vfs = unpack(Bytes::from(img));
        let outer = vfs.layers.iter().find(|l| l.format == "tplink").unwrap();
        assert!(outer.problems.is_empty(), "{:?}", problems(outer));
        assert_eq!(attr(outer, "image_type"), "firmware with bootloader");
        assert_eq!(attr(outer, "signature"), "md5 checksum (salted), verified");
        assert_eq!(child_names(&vfs, outer), ["bootloader", "firmware"]);
        let b = children(&vfs, outer)[0];
        assert_eq!((b.offset, b.size), (0x200, boot.len() as u64));
        let fw = children(&vfs, outer)[1];
        assert_eq!(fw.offset, 0x200 + 0x20000);
        // the inner image is a TP-Link image of its own, with the plain salt
        let inner = vfs.layers.iter().filter(|l| l.format == "tplink").nth(1).expect("inner image");
        assert_eq!(attr(inner, "image_type"), "firmware");
        assert_eq!(attr(inner, "signature"), "md5 checksum (salted), verified");
        assert_rootfs(&vfs);
    }
}

#[test]
fn tplink_partition_dump_is_truncated_not_rejected() {
    // a flash dump of the kernel partition: header and kernel, the rootfs is elsewhere; digest cleared
    let mut img = tplink_image(2, false, &kernel(), &rootfs());
    img[0x40..0x50].fill(0);
    let cut = tplink::HDR + kernel().len() + 10;
    img.truncate(cut);
    let vfs = unpack(Bytes::from(img));
    let l = layer(&vfs, "tplink");
    assert!(attr(l, "signature").contains("not set"));
    assert_eq!(child_names(&vfs, l), ["kernel"]);
    let p = problems(l);
    assert!(p.iter().any(|m| m.contains("rootfs") && m.contains("past the end")), "{p:?}");
    assert!(p.iter().any(|m| m.contains("truncated")), "{p:?}");
    assert!(vfs.layers.iter().any(|l| l.format == "gzip"));
}

#[test]
fn tplink_bad_offsets_are_not_a_header() {
    let mut img = tplink_image(1, false, &kernel(), &rootfs());
    put32(&mut img, 0x84, u32::MAX); // kernel length past the image
    assert!(tplink::Header::parse(&img).is_none());
    let mut img = tplink_image(1, false, &kernel(), &rootfs());
    put32(&mut img, 0x80, 0x10); // kernel inside the header
    assert!(tplink::Header::parse(&img).is_none());
}

// ---------------------------------------------------------------- SEAMA

fn seama(meta: &[&str], image: &[u8], with_size: bool) -> Vec<u8> {
    let mut m: Vec<u8> = meta.iter().flat_map(|s| s.bytes().chain([0])).collect();
    while !m.len().is_multiple_of(4) {
        m.push(0);
    }
    let mut out = Vec::new();
    out.extend_from_slice(&0x5ea3_a417u32.to_be_bytes());
    out.extend_from_slice(&0u16.to_be_bytes());
    out.extend_from_slice(&(m.len() as u16).to_be_bytes());
    out.extend_from_slice(&(if with_size { image.len() as u32 } else { 0 }).to_be_bytes());
    if with_size {
        out.extend_from_slice(&vendor::md5(&[image]));
    }
    out.extend_from_slice(&m);
    out.extend_from_slice(image);
    out
}

fn seama_image() -> Vec<u8> {
    let mut body = kernel();
    body.resize(body.len().next_multiple_of(512), 0);
    body.extend_from_slice(&rootfs());
    seama(&["signature=wrgn00_test_board"], &seama(&["dev=/dev/mtdblock/2", "type=firmware"], &body, true), false)
}

#[test]
fn seama_seal_and_image() {
    let img = seama_image();
    let vfs = unpack(Bytes::from(img.clone()));
    let seal = layer(&vfs, "seama");
    assert_eq!(attr(seal, "target"), "wrgn00_test_board");
    assert_eq!(child_names(&vfs, seal), ["payload"]);
    let inner = vfs.layers.iter().filter(|l| l.format == "seama").nth(1).expect("inner SEAMA");
    assert!(inner.problems.is_empty(), "{:?}", problems(inner));
    assert_eq!(attr(inner, "signature"), "md5 checksum, verified");
    assert_eq!(attr(inner, "image_type"), "firmware");
    assert_rootfs(&vfs);

    let mut bad = img.clone();
    let n = bad.len();
    bad[n - 700] ^= 1;
    let vfs = unpack(Bytes::from(bad));
    let inner = vfs.layers.iter().filter(|l| l.format == "seama").nth(1).unwrap();
    assert_eq!(attr(inner, "signature"), "md5 checksum, mismatch");
    hostile(&img, "seama");
}

// ---------------------------------------------------------------- D-Link WRG

fn wrg(big_endian: bool, payload: &[u8]) -> Vec<u8> {
    let mut h = vec![0u8; 96];
    h[..16].copy_from_slice(b"wrgg00_test_brd\0");
    let w = |v: u32| if big_endian { v.to_be_bytes() } else { v.to_le_bytes() };
    h[32..36].copy_from_slice(&w(0x2004_0220));
    h[36..40].copy_from_slice(&w(0x2004_0220));
    h[40..44].copy_from_slice(&w(payload.len() as u32));
    h[48..63].copy_from_slice(b"/dev/mtdblock/2");
    let d = vendor::md5(&[&h[44..80], payload]);
    h[80..96].copy_from_slice(&d);
    h.extend_from_slice(payload);
    h
}

#[test]
fn wrg_both_byte_orders() {
    let mut body = kernel();
    body.extend_from_slice(&rootfs());
    for be in [false, true] {
        let img = wrg(be, &body);
        let vfs = unpack(Bytes::from(img.clone()));
        let l = layer(&vfs, "wrgg");
        assert!(l.problems.is_empty(), "{:?}", problems(l));
        assert_eq!(attr(l, "target"), "wrgg00_test_brd");
        assert_eq!(attr(l, "signature"), "md5 checksum, verified");
        assert_eq!(child_names(&vfs, l), ["firmware"]);
        assert_rootfs(&vfs);
        let mut bad = img.clone();
        bad[60] ^= 1; // devname is digested
        let vfs = unpack(Bytes::from(bad));
        assert_eq!(attr(layer(&vfs, "wrgg"), "signature"), "md5 checksum, mismatch");
        hostile(&img, "wrgg");
    }
}

// ---------------------------------------------------------------- Arcadyan

fn lzma_alone(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let opts = lzma_rust2::LzmaOptions::with_preset(6); // 8 MiB dictionary, lc3 lp0 pb2
        let mut w = lzma_rust2::LzmaWriter::new_use_header(&mut out, &opts, Some(data.len() as u64)).unwrap();
        w.write_all(data).unwrap();
        w.finish().unwrap();
    }
    out
}

fn arcadyan_image() -> (Vec<u8>, Vec<u8>) {
    let mut clear = 0x2011_0530u32.to_le_bytes().to_vec();
    let mut inner = rootfs();
    inner.extend_from_slice(&noise(3, 20_000));
    clear.extend_from_slice(&lzma_alone(&inner));
    (arcadyan::obfuscate(&clear).unwrap(), clear)
}

#[test]
fn arcadyan_obfuscation_is_reversed() {
    let (img, clear) = arcadyan_image();
    assert_eq!(arcadyan::deobfuscate(&img).unwrap(), clear);
    assert_eq!(&img[0x68..0x6c], &[0x00, 0xd5, 0x08, 0x00]);
    let vfs = unpack(Bytes::from(img.clone()));
    let l = layer(&vfs, "arcadyan");
    assert!(attr(l, "encrypted").starts_with("arcadyan-obfuscation"));
    assert_eq!(attr(l, "version"), "build 2011-05-30");
    assert!(vfs.layers.iter().any(|l| l.format == "lzma"));
    assert_rootfs(&vfs);
    // the clear image is not taken for an obfuscated one
    let vfs = unpack(Bytes::from(clear));
    assert!(!vfs.layers.iter().any(|l| l.format == "arcadyan"));
    // nor are the four magic bytes at 0x68 of other data (random or zero-filled)
    for mut other in [noise(5, 50_000), vec![0u8; 50_000]] {
        other[0x68..0x6c].copy_from_slice(&[0x00, 0xd5, 0x08, 0x00]);
        assert!(fwassure_unpack::formats::arcadyan::Arcadyan.identify(&other).is_none());
    }
    hostile(&img, "arcadyan");
}

// ---------------------------------------------------------------- Netgear CHK

fn chk_image(kernel: &[u8], rootfs: &[u8]) -> Vec<u8> {
    let board = b"U12H139T00_NETGEAR";
    let hl = chk::FIXED + board.len();
    let mut h = vec![0u8; hl];
    h[0..4].copy_from_slice(&chk::MAGIC.to_be_bytes());
    h[4..8].copy_from_slice(&(hl as u32).to_be_bytes());
    h[8..16].copy_from_slice(&[2, 1, 0, 4, 50, 1, 0, 50]);
    h[16..20].copy_from_slice(&chk::checksum(&[kernel]).to_be_bytes());
    h[20..24].copy_from_slice(&chk::checksum(&[rootfs]).to_be_bytes());
    h[24..28].copy_from_slice(&(kernel.len() as u32).to_be_bytes());
    h[28..32].copy_from_slice(&(rootfs.len() as u32).to_be_bytes());
    h[32..36].copy_from_slice(&chk::checksum(&[kernel, rootfs]).to_be_bytes());
    h[40..].copy_from_slice(board);
    let c = chk::checksum(&[&h]);
    h[36..40].copy_from_slice(&c.to_be_bytes());
    h.extend_from_slice(kernel);
    h.extend_from_slice(rootfs);
    h
}

#[test]
fn netgear_chk() {
    let img = chk_image(&kernel(), &rootfs());
    let vfs = unpack(Bytes::from(img.clone()));
    let l = layer(&vfs, "chk");
    assert!(l.problems.is_empty(), "{:?}", problems(l));
    assert_eq!(attr(l, "product"), "U12H139T00_NETGEAR");
    assert_eq!(attr(l, "version"), "V1.0.4.50_1.0.50");
    assert_eq!(attr(l, "signature"), "netgear checksums, verified");
    assert_eq!(child_names(&vfs, l), ["kernel", "rootfs"]);
    assert_rootfs(&vfs);
    let mut bad = img.clone();
    let n = bad.len();
    bad[n - 700] ^= 4;
    let vfs = unpack(Bytes::from(bad));
    let l = layer(&vfs, "chk");
    assert!(attr(l, "signature").contains("mismatch (rootfs, image)"), "{:?}", l.attributes);
    hostile(&img, "chk");
}

// ---------------------------------------------------------------- Realtek cvimg

fn cvimg_chunk(sig: &[u8; 4], start: u32, burn: u32, payload: &[u8]) -> Vec<u8> {
    let mut p = payload.to_vec();
    if !p.len().is_multiple_of(2) {
        p.push(0);
    }
    let s = cvimg::sum16(&p);
    p.extend_from_slice(&0u16.wrapping_sub(s).to_be_bytes());
    let mut out = sig.to_vec();
    out.extend_from_slice(&start.to_be_bytes());
    out.extend_from_slice(&burn.to_be_bytes());
    out.extend_from_slice(&(p.len() as u32).to_be_bytes());
    out.extend_from_slice(&p);
    out
}

#[test]
fn realtek_cvimg() {
    let mut img = cvimg_chunk(b"cs6c", 0x8050_0000, 0x30000, &kernel());
    img.extend_from_slice(&cvimg_chunk(b"r6cr", 0, 0x130000, &rootfs()));
    let vfs = unpack(Bytes::from(img.clone()));
    let ls: Vec<&Layer> = vfs.layers.iter().filter(|l| l.format == "cvimg").collect();
    assert_eq!(ls.len(), 2);
    for l in &ls {
        assert!(l.problems.is_empty(), "{:?}", problems(l));
        assert_eq!(attr(l, "signature"), "16-bit checksum, verified");
    }
    assert_eq!(child_names(&vfs, ls[0]), ["kernel"]);
    assert_eq!(child_names(&vfs, ls[1]), ["rootfs"]);
    assert_rootfs(&vfs);
    let mut bad = img.clone();
    bad[40] ^= 0x10;
    let vfs = unpack(Bytes::from(bad));
    assert!(vfs.layers.iter().any(|l| l.format == "cvimg" && attr(l, "signature") == "checksum, mismatch"));
    // a plain "cs6c" in text with an impossible load address is not a chunk
    let mut txt = b"cs6c".to_vec();
    txt.extend_from_slice(b" is a Realtek signature, not a header");
    assert!(cvimg::Header::parse(&txt).is_none());
    hostile(&img, "cvimg");
}

// ---------------------------------------------------------------- Ubiquiti

fn ubnt_image(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut img = b"UBNT".to_vec();
    let mut v = b"XM.ar7240.v5.6.3.28591.151130.1749".to_vec();
    v.resize(256, 0);
    img.extend_from_slice(&v);
    let c = crc32fast::hash(&img);
    img.extend_from_slice(&c.to_be_bytes());
    img.extend_from_slice(&[0; 4]);
    for (i, (name, data)) in parts.iter().enumerate() {
        let start = img.len();
        img.extend_from_slice(b"PART");
        let mut n = name.as_bytes().to_vec();
        n.resize(16, 0);
        img.extend_from_slice(&n);
        img.extend_from_slice(&[0; 12]);
        for v in [0x8006_0000u32, i as u32 + 1, 0x9f05_0000, 0x8006_0000, data.len() as u32, data.len() as u32] {
            img.extend_from_slice(&v.to_be_bytes());
        }
        img.extend_from_slice(data);
        let c = crc32fast::hash(&img[start..]);
        img.extend_from_slice(&c.to_be_bytes());
        img.extend_from_slice(&[0; 4]);
    }
    let c = crc32fast::hash(&img);
    img.extend_from_slice(b"END\0");
    img.extend_from_slice(&c.to_be_bytes());
    img.extend_from_slice(&[0; 4]);
    img
}

#[test]
fn ubiquiti_partitions() {
    let img = ubnt_image(&[("kernel", &kernel()), ("rootfs", &rootfs())]);
    let vfs = unpack(Bytes::from(img.clone()));
    let l = layer(&vfs, "ubnt");
    assert!(l.problems.is_empty(), "{:?}", problems(l));
    assert_eq!(l.size, img.len() as u64);
    assert_eq!(attr(l, "version"), "XM.ar7240.v5.6.3.28591.151130.1749");
    assert_eq!(attr(l, "target"), "XM.ar7240");
    assert_eq!(attr(l, "signature"), "crc32 checksums, verified");
    assert_eq!(child_names(&vfs, l), ["kernel", "rootfs"]);
    assert_rootfs(&vfs);
    let mut bad = img.clone();
    bad[400] ^= 1;
    let vfs = unpack(Bytes::from(bad));
    assert!(attr(layer(&vfs, "ubnt"), "signature").contains("mismatch (kernel, END trailer)"));
    hostile(&img, "ubnt");
}

// ---------------------------------------------------------------- DJI

fn dji_package(modules: &[(u8, u8, &[u8])]) -> Vec<u8> {
    let header_end = 64 + 52 * modules.len() + 2;
    let mut h = vec![0u8; header_end];
    h[0..4].copy_from_slice(&0x1234_5678u32.to_le_bytes());
    h[4..6].copy_from_slice(&1u16.to_le_bytes());
    h[6..8].copy_from_slice(&(header_end as u16).to_le_bytes());
    h[12..15].copy_from_slice(b"DJI");
    h[28..31].copy_from_slice(b"P3X");
    h[44..46].copy_from_slice(&(modules.len() as u16).to_le_bytes());
    let mut off = header_end;
    for (i, (target, enc, data)) in modules.iter().enumerate() {
        let e = 64 + 52 * i;
        h[e] = *target;
        h[e + 1] = *enc;
        h[e + 4..e + 8].copy_from_slice(&0x0102_0304u32.to_le_bytes());
        h[e + 8..e + 12].copy_from_slice(&(off as u32).to_le_bytes());
        h[e + 12..e + 16].copy_from_slice(&(data.len() as u32).to_le_bytes());
        h[e + 16..e + 20].copy_from_slice(&(data.len() as u32).to_le_bytes());
        h[e + 20..e + 36].copy_from_slice(&vendor::md5(&[data]));
        off += data.len();
    }
    for (_, _, d) in modules {
        h.extend_from_slice(d);
    }
    h
}

#[test]
fn dji_modules_clear_and_encrypted() {
    let secret = noise(9, 5000);
    let img = dji_package(&[(0x0c, 0x00, &rootfs()), (0xa3, 0x10, &secret)]);
    let vfs = unpack(Bytes::from(img.clone()));
    let l = layer(&vfs, "dji");
    assert_eq!(attr(l, "product"), "P3X");
    assert_eq!(attr(l, "signature"), "md5 per module, verified");
    assert!(attr(l, "encrypted").contains("1 of 2 modules"));
    assert_eq!(child_names(&vfs, l), ["module-0c", "module-a3.encrypted"]);
    let p = problems(l);
    assert!(
        p.iter().any(|m| m.starts_with("module-a3") && m.contains("encrypted") && m.contains("not unpacked")),
        "{p:?}"
    );
    assert_rootfs(&vfs);
    hostile(&img, "dji");
}

// ---------------------------------------------------------------- D-Link encrypted

#[test]
fn dlink_encrypted_containers_are_named() {
    let body = noise(11, 4096);
    let mut shrs = b"SHRS".to_vec();
    shrs.extend_from_slice(&4096u32.to_be_bytes());
    shrs.extend_from_slice(&4090u32.to_be_bytes());
    shrs.resize(0x6dc, 0x5a);
    shrs.extend_from_slice(&body);
    let mut enc = b"encrpted_img".to_vec();
    enc.extend_from_slice(&4096u32.to_be_bytes());
    enc.extend_from_slice(&body);
    for (img, scheme) in [(shrs, "D-Link SHRS (AES-128-CBC)"), (enc, "D-Link encrpted_img (AES)")] {
        let vfs = unpack(Bytes::from(img.clone()));
        let l = layer(&vfs, "dlink-encrypted");
        assert_eq!(attr(l, "encrypted"), scheme);
        assert!(problems(l).iter().any(|m| m.contains("encrypted") && m.contains("contents not unpacked")));
        assert_eq!(l.size, img.len() as u64);
        assert_eq!(child_names(&vfs, l), ["encrypted"]);
        assert!(vfs.problems.iter().all(|p| !p.message.contains("no supported format")));
        hostile(&img, "dlink-encrypted");
    }
}

// ---------------------------------------------------------------- real samples

/// The real samples, when `../shared/realfw` is there: each container is named, its checksum verified,
/// and what is inside it unpacked. Skips when the folder is absent.
#[test]
fn real_samples() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/realfw/images");
    if !dir.is_dir() {
        eprintln!("skipped: {} is absent", dir.display());
        return;
    }
    let read = |n: &str| std::fs::read(dir.join(n)).ok().map(|b| unpack(Bytes::from(b)));
    for (name, format, signature) in [
        ("tplink_wr940nv4_us_160617.bin", "tplink", "md5 checksum (salted), verified"),
        ("tplink_tpl_test.tpl", "tplink", "md5 checksum (salted), verified"),
        ("tplink_wr841nv14_mt7628_kernel_part_tplinkhdr.bin", "tplink", "md5 checksum not set (cleared); not verified"),
        ("dlink_dir600l_b1_fw2.17_seama.bin", "seama", "none (seal)"),
        ("dlink_dir300a1_fw105b09.bin", "wrgg", "md5 checksum, verified"),
        ("dji_test.img", "dji", "md5 per module, verified"),
    ] {
        let Some(vfs) = read(name) else { continue };
        let l = layer(&vfs, format);
        assert_eq!(attr(l, "signature"), signature, "{name}");
        assert!(!children(&vfs, l).is_empty() || format == "dji", "{name}: no streams");
    }
    for name in ["binwalk_arcadyan.bin", "linksys_wrt120n_1.0.07.bin"] {
        let Some(vfs) = read(name) else { continue };
        let l = layer(&vfs, "arcadyan");
        assert!(
            children(&vfs, l)
                .iter()
                .any(|c| children(&vfs, c).iter().any(|g| g.format == "lzma") || c.format == "lzma"),
            "{name}"
        );
    }
}

// ---------------------------------------------------------------- Buffalo

fn buffalo_tag(data: &[u8]) -> Vec<u8> {
    let mut h = vec![0u8; buffalo::HDR];
    h[0..13].copy_from_slice(b"WZR-HP-G300NH");
    h[32..39].copy_from_slice(b"Buffalo");
    h[64..65].copy_from_slice(b"1");
    h[72..74].copy_from_slice(b"99");
    h[80..82].copy_from_slice(b"EU");
    h[88..90].copy_from_slice(b"en");
    h[96..101].copy_from_slice(b"ath9k");
    h[136..140].copy_from_slice(&((buffalo::HDR + data.len()) as u32).to_be_bytes());
    h[152..156].copy_from_slice(&(data.len() as u32).to_be_bytes());
    h.extend_from_slice(data);
    let c = buffalo::cksum(&[&h]);
    h[140..144].copy_from_slice(&c.to_be_bytes());
    h
}

#[test]
fn buffalo_tag_and_cksum() {
    // POSIX cksum of "123456789" (the check value of CRC-32/CKSUM with the length appended)
    assert_eq!(buffalo::cksum(&[b"123456789"]), 930_766_865);
    let mut body = kernel();
    body.extend_from_slice(&rootfs());
    let img = buffalo_tag(&body);
    let vfs = unpack(Bytes::from(img.clone()));
    let l = layer(&vfs, "buffalo");
    assert!(l.problems.is_empty(), "{:?}", problems(l));
    assert_eq!(attr(l, "product"), "WZR-HP-G300NH");
    assert_eq!(attr(l, "version"), "1.99");
    assert_eq!(attr(l, "signature"), "cksum crc32, verified");
    assert_eq!(child_names(&vfs, l), ["firmware"]);
    assert_rootfs(&vfs);
    let mut bad = img.clone();
    bad[200] ^= 1;
    let vfs = unpack(Bytes::from(bad));
    assert_eq!(attr(layer(&vfs, "buffalo"), "signature"), "cksum crc32, mismatch");
    hostile(&img, "buffalo");
}
