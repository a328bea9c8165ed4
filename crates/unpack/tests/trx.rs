//! TRX fixtures built in Rust (no Debian tool writes TRX): v1 and v2 headers around a loader, a gzip stream
//! and a tar root file system, CRC checks and hostile variants.

use crate::common;

use bytes::Bytes;
use common::*;
use fwassure_unpack::formats::trx::{crc, Trx};
use fwassure_unpack::{unpack, Budget, Ctx, Format, Limits, Output};

/// A TRX image: header (v1: 3 offsets, v2: 4) then the parts, each padded to 4 bytes.
fn build(version: u32, parts: &[Vec<u8>]) -> Vec<u8> {
    let n = if version == 1 { 3 } else { 4 };
    let hdr = 16 + 4 * n;
    let mut body = Vec::new();
    let mut offsets = vec![0u32; n];
    for (i, p) in parts.iter().enumerate() {
        offsets[i] = (hdr + body.len()) as u32;
        body.extend_from_slice(p);
        while !body.len().is_multiple_of(4) {
            body.push(0);
        }
    }
    let mut img = Vec::new();
    img.extend_from_slice(b"HDR0");
    img.extend_from_slice(&((hdr + body.len()) as u32).to_le_bytes());
    img.extend_from_slice(&[0; 4]);
    img.extend_from_slice(&(version << 16).to_le_bytes());
    for o in offsets {
        img.extend_from_slice(&o.to_le_bytes());
    }
    img.extend_from_slice(&body);
    let c = crc(&img[12..]);
    img[8..12].copy_from_slice(&c.to_le_bytes());
    img
}

fn parts() -> Vec<Vec<u8>> {
    let mut rng = XorShift(42);
    vec![rng.bytes(3001), gzip(&b"kernel image ".repeat(500)), tar_with("etc/banner", b"welcome to the router\n")]
}

fn streams(img: &[u8]) -> (Vec<fwassure_unpack::Stream>, Vec<(Option<String>, String)>) {
    let b = Budget::new(Limits::default());
    let mut ctx = Ctx::new(&b);
    let id = Trx.identify(img).expect("identified");
    assert_eq!(id.size, Some(img.len() as u64));
    let Output::Streams(s) = Trx.extract(&Bytes::copy_from_slice(img), &mut ctx).unwrap().output else {
        panic!("no streams")
    };
    (s, ctx.take_problems())
}

#[test]
fn v1_and_v2_partitions() {
    for v in [1, 2] {
        let p = parts();
        let img = build(v, &p);
        let (s, problems) = streams(&img);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(s.len(), 3);
        // partitions run to the next offset, so they include the 4-byte alignment padding
        assert!(s[0].data.starts_with(&p[0]) && s[0].data.len() - p[0].len() < 4);
        assert_eq!(s[0].offset, if v == 1 { 28 } else { 32 });
        assert!(s[1].data.starts_with(&p[1]));
        assert_eq!(s[2].name, "part-2");
        // through the engine: the tar root file system is found inside the third partition
        let mut blob = vec![0xffu8; 512];
        blob.extend_from_slice(&img);
        let vfs = unpack(Bytes::from(blob));
        let trx = vfs.layers.iter().find(|l| l.format == "trx").expect("trx layer");
        assert_eq!(trx.offset, 512);
        assert!(vfs.layers.iter().any(|l| l.format == "gzip"));
        let t = tree_of(&vfs, "tar");
        assert_eq!(t.read("/etc/banner").as_deref(), Some(&b"welcome to the router\n"[..]));
    }
}

#[test]
fn crc_mismatch_and_truncation_are_reported() {
    let mut img = build(1, &parts());
    let n = img.len();
    img[n - 10] ^= 1;
    let (_, problems) = streams(&img);
    assert!(problems.iter().any(|(_, m)| m.contains("CRC")), "{problems:?}");
    let img = build(1, &parts());
    let vfs = unpack(Bytes::copy_from_slice(&img[..img.len() / 2]));
    let l = vfs.layers.iter().find(|l| l.format == "trx").expect("trx layer");
    assert!(l.problems.iter().any(|p| p.message.contains("truncated")), "{:?}", l.problems);
}

#[test]
fn bad_offsets_are_not_a_trx() {
    let mut img = build(1, &parts());
    // an offset past the length
    img[16..20].copy_from_slice(&u32::MAX.to_le_bytes());
    assert!(Trx.identify(&img).is_none());
    // decreasing offsets (a partition that refers back into the header or overlaps)
    let mut img = build(1, &parts());
    img[20..24].copy_from_slice(&10u32.to_le_bytes());
    assert!(Trx.identify(&img).is_none());
}

#[test]
fn hostile_images() {
    hostile(&build(1, &parts()), "trx");
    hostile(&build(2, &parts()), "trx");
}
