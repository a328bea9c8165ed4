//! Images that are not a Linux root filesystem: Broadcom ProgramStore, Zigbee OTA (with GBL/EBL payloads and
//! the IKEA NGIS wrapper), Espressif ESP8266/ESP32 images and MCUboot images. Every fixture is written here
//! from the layouts in the format modules' docs (no Debian tool writes them), checksums computed in the test;
//! then hostile variants (truncated, bit-flipped): no panic, problems recorded. The real samples under
//! ../shared/realfw are scanned when present.

use crate::common;

use bytes::Bytes;
use common::XorShift;
use fwassure_unpack::formats::{esp, mcuboot, programstore, zigbee_ota};
use fwassure_unpack::{unpack, Budget, Ctx, Format, Limits, Output};
use sha2::{Digest, Sha256};
use std::io::Write;

/// A layer of `format` in the unpacked image, with its attributes.
fn layer(img: &[u8], format: &str) -> fwassure_model::Layer {
    let vfs = unpack(Bytes::copy_from_slice(img));
    vfs.layers
        .iter()
        .find(|l| l.format == format)
        .unwrap_or_else(|| {
            panic!("no {format} layer in {:?}", vfs.layers.iter().map(|l| &l.format).collect::<Vec<_>>())
        })
        .clone()
}

fn extract(f: &dyn Format, img: &[u8]) -> (Vec<fwassure_unpack::Stream>, Vec<(Option<String>, String)>) {
    let b = Budget::new(Limits::default());
    let mut ctx = Ctx::new(&b);
    let e = f.extract(&Bytes::copy_from_slice(img), &mut ctx).expect("extracts");
    let Output::Streams(s) = e.output else { panic!("streams expected") };
    (s, ctx.take_problems())
}

/// Every truncation and a bit flip in every byte of the first 128 and then every 97th: no panic.
fn hostile(f: &dyn Format, img: &[u8]) {
    let b = Budget::new(Limits { max_total_bytes: 64 << 20, ..Limits::default() });
    let mut cuts: Vec<usize> = (0..img.len().min(256)).collect();
    cuts.extend((256..img.len()).step_by(113));
    for n in cuts {
        let d = &img[..n];
        let _ = f.identify(d);
        let _ = f.extract(&Bytes::copy_from_slice(d), &mut Ctx::new(&b));
    }
    let flips: Vec<usize> = (0..img.len().min(128)).chain((128..img.len()).step_by(97)).collect();
    for i in flips {
        let mut d = img.to_vec();
        d[i] ^= 0x5a;
        let _ = f.identify(&d);
        let _ = f.extract(&Bytes::from(d), &mut Ctx::new(&b));
    }
    let _ = unpack(Bytes::copy_from_slice(&img[..img.len() / 2]));
}

// ---------------------------------------------------------------- ProgramStore

/// A raw LZMA stream as ProgramStore writes it: properties byte, dictionary size (LE), no size, no end marker.
fn ps_lzma(data: &[u8]) -> Vec<u8> {
    let opts = lzma_rust2::LzmaOptions::with_preset(6);
    let mut out = vec![0x5d];
    out.extend_from_slice(&opts.dict_size.to_le_bytes());
    {
        let mut w = lzma_rust2::LzmaWriter::new(&mut out, &opts, false, false, Some(data.len() as u64)).unwrap();
        w.write_all(data).unwrap();
        w.finish().unwrap();
    }
    out
}

fn programstore(parts: &[Vec<u8>], comp: u8, name: &str) -> Vec<u8> {
    let mut payload = Vec::new();
    for p in parts {
        payload.extend_from_slice(p);
    }
    let mut h = vec![0u8; 92];
    h[0..2].copy_from_slice(&0xa0e1u16.to_be_bytes());
    h[2] = u8::from(parts.len() == 2);
    h[3] = comp;
    h[4..6].copy_from_slice(&3u16.to_be_bytes());
    h[6..8].copy_from_slice(&16u16.to_be_bytes());
    h[8..12].copy_from_slice(&1_437_636_608u32.to_be_bytes());
    h[12..16].copy_from_slice(&(payload.len() as u32).to_be_bytes());
    h[16..20].copy_from_slice(&0x8000_4000u32.to_be_bytes());
    h[20..20 + name.len()].copy_from_slice(name.as_bytes());
    if parts.len() == 2 {
        h[76..80].copy_from_slice(&(parts[0].len() as u32).to_be_bytes());
        h[80..84].copy_from_slice(&(parts[1].len() as u32).to_be_bytes());
    }
    let hcs = programstore::hcs(&h[..84]);
    h[84..86].copy_from_slice(&hcs.to_be_bytes());
    let crc = programstore::crc32_msb(&payload);
    h[88..92].copy_from_slice(&crc.to_be_bytes());
    h.extend_from_slice(&payload);
    h
}

fn ecos_image() -> Vec<u8> {
    let mut v = b"eCos kernel image; OpenSSL 0.9.8 07 Jul 2005\0".repeat(200);
    v.extend(XorShift(7).bytes(5000));
    v
}

#[test]
fn checksums_match_known_values() {
    // CRC-16/GENIBUS ("123456789") = 0xd64e; CRC-32/BZIP2 ("123456789") = 0xfc891918
    assert_eq!(programstore::hcs(b"123456789"), 0xd64e);
    assert_eq!(programstore::crc32_msb(b"123456789"), 0xfc89_1918);
    assert_eq!(programstore::utc(1_437_636_608), "2015-07-23 07:30:08 UTC");
}

#[test]
fn programstore_lzma_is_decompressed_with_attributes() {
    let prog = ecos_image();
    let img = programstore(&[ps_lzma(&prog)], 5, "e3000-test.bin");
    let id = programstore::ProgramStore.identify(&img).expect("candidate");
    assert_eq!(id.size, Some(img.len() as u64));
    let (s, problems) = extract(&programstore::ProgramStore, &img);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(s.len(), 1);
    assert_eq!(&s[0].data[..], &prog[..]);

    // through the engine, behind some padding, with its attributes
    let mut padded = vec![0xffu8; 1000];
    padded.extend_from_slice(&img);
    let l = layer(&padded, "programstore");
    assert_eq!(l.attributes.get("version").map(String::as_str), Some("3.16"));
    assert_eq!(l.attributes.get("target").map(String::as_str), Some("e3000-test.bin"));
    assert_eq!(l.attributes.get("product").map(String::as_str), Some("signature 0xa0e1"));
    assert_eq!(l.attributes.get("build_date").map(String::as_str), Some("2015-07-23 07:30:08 UTC"));
    assert!(l.problems.is_empty(), "{:?}", l.problems);
}

#[test]
fn programstore_dual_and_uncompressible_variants() {
    let a = ecos_image();
    let b = b"second image".repeat(300);
    let img = programstore(&[ps_lzma(&a), ps_lzma(&b)], 5, "dual.bin");
    let (s, problems) = extract(&programstore::ProgramStore, &img);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!((s[0].name.as_str(), &s[0].data[..]), ("program-1", &a[..]));
    assert_eq!((s[1].name.as_str(), &s[1].data[..]), ("program-2", &b[..]));
    // NRV2D99 is kept compressed, with a problem
    let img = programstore(&[b"compressed bytes".to_vec()], 4, "nrv.bin");
    let (s, problems) = extract(&programstore::ProgramStore, &img);
    assert_eq!(&s[0].data[..], b"compressed bytes");
    assert!(problems.iter().any(|p| p.1.contains("NRV2D99")), "{problems:?}");
}

#[test]
fn programstore_bad_checksums_are_problems() {
    let img = programstore(&[ps_lzma(&ecos_image())], 5, "crc.bin");
    // a payload byte flipped: the CRC says so
    let mut bad = img.clone();
    let last = bad.len() - 1;
    bad[last] ^= 1;
    let (_, problems) = extract(&programstore::ProgramStore, &bad);
    assert!(problems.iter().any(|p| p.1.contains("CRC32")), "{problems:?}");
    // a header byte flipped: still a candidate (every field plausible), the HCS mismatch is a problem
    let mut bad = img.clone();
    bad[7] ^= 1;
    assert!(programstore::ProgramStore.identify(&bad).is_some());
    let (s, problems) = extract(&programstore::ProgramStore, &bad);
    assert!(problems.iter().any(|p| p.1.contains("HCS")), "{problems:?}");
    assert_eq!(&s[0].data[..], &ecos_image()[..]);
    // truncated: the decoded prefix is kept, the truncation said
    let cut = &img[..img.len() - 300];
    let (s, problems) = extract(&programstore::ProgramStore, cut);
    assert!(problems.iter().any(|p| p.1.contains("truncated")), "{problems:?}");
    assert!(!s[0].data.is_empty());
    hostile(&programstore::ProgramStore, &img);
}

// ---------------------------------------------------------------- Zigbee OTA

fn ota(header_string: &str, elements: &[(u16, Vec<u8>)], fc: u16) -> Vec<u8> {
    let mut extra = Vec::new();
    if fc & 1 != 0 {
        extra.push(0x02);
    }
    if fc & 2 != 0 {
        extra.extend_from_slice(&[1, 2, 3, 4, 5, 6, 7, 8]);
    }
    if fc & 4 != 0 {
        extra.extend_from_slice(&1u16.to_le_bytes());
        extra.extend_from_slice(&3u16.to_le_bytes());
    }
    let hl = 56 + extra.len();
    let body: usize = elements.iter().map(|e| 6 + e.1.len()).sum();
    let mut v = Vec::new();
    v.extend_from_slice(&zigbee_ota::MAGIC.to_le_bytes());
    v.extend_from_slice(&0x0100u16.to_le_bytes());
    v.extend_from_slice(&(hl as u16).to_le_bytes());
    v.extend_from_slice(&fc.to_le_bytes());
    v.extend_from_slice(&0x117cu16.to_le_bytes());
    v.extend_from_slice(&0x2101u16.to_le_bytes());
    v.extend_from_slice(&0x0102_0304u32.to_le_bytes());
    v.extend_from_slice(&2u16.to_le_bytes());
    let mut s = [0u8; 32];
    s[..header_string.len()].copy_from_slice(header_string.as_bytes());
    v.extend_from_slice(&s);
    v.extend_from_slice(&((hl + body) as u32).to_le_bytes());
    v.extend_from_slice(&extra);
    for (tag, data) in elements {
        v.extend_from_slice(&tag.to_le_bytes());
        v.extend_from_slice(&(data.len() as u32).to_le_bytes());
        v.extend_from_slice(data);
    }
    v
}

/// A GBL file: header (version 3, `ty`), application info, program data, optional tags, end tag with CRC.
fn gbl(ty: u32, extra: &[(u32, Vec<u8>)]) -> Vec<u8> {
    let mut v = Vec::new();
    let tag = |v: &mut Vec<u8>, t: u32, d: &[u8]| {
        v.extend_from_slice(&t.to_le_bytes());
        v.extend_from_slice(&(d.len() as u32).to_le_bytes());
        v.extend_from_slice(d);
    };
    let mut hdr = 0x0300_0000u32.to_le_bytes().to_vec();
    hdr.extend_from_slice(&ty.to_le_bytes());
    tag(&mut v, 0x03A6_17EB, &hdr);
    tag(&mut v, 0xF40A_0AF4, &[1, 0, 0, 0, 0x30, 0x66, 0x43, 0x11, 0, 0, 0, 0]);
    tag(&mut v, 0xFD03_03FD, &XorShift(3).bytes(700));
    for (t, d) in extra {
        tag(&mut v, *t, d);
    }
    v.extend_from_slice(&0xFC04_04FCu32.to_le_bytes());
    v.extend_from_slice(&4u32.to_le_bytes());
    let crc = crc32fast::hash(&v);
    v.extend_from_slice(&crc.to_le_bytes());
    v
}

#[test]
fn zigbee_ota_plain_gbl() {
    let img = ota("EBL test_route", &[(0, gbl(0, &[]))], 0);
    let l = layer(&img, "zigbee-ota");
    let a = &l.attributes;
    assert_eq!(a.get("manufacturer_code").map(String::as_str), Some("0x117c"));
    assert_eq!(a.get("vendor").map(String::as_str), Some("IKEA of Sweden"));
    assert_eq!(a.get("image_type").map(String::as_str), Some("0x2101"));
    assert_eq!(a.get("version").map(String::as_str), Some("0x01020304"));
    assert_eq!(a.get("product").map(String::as_str), Some("EBL test_route"));
    assert!(a.get("target").is_some_and(|t| t.contains("GBL")), "{a:?}");
    assert_eq!(a.get("signature").map(String::as_str), Some("none"));
    assert_eq!(a.get("encrypted").map(String::as_str), Some("no"));
    assert!(l.problems.is_empty(), "{:?}", l.problems);
}

#[test]
fn zigbee_ota_signed_encrypted_gbl_and_elements() {
    let g = gbl(0x101, &[(0xFA06_06FA, vec![0; 16]), (0xF70A_0AF7, vec![7; 64])]);
    let img = ota("x", &[(0, g.clone()), (0x0001, vec![1; 42]), (0xf001, b"vendor blob".to_vec())], 7);
    let (s, problems) = extract(&zigbee_ota::ZigbeeOta, &img);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(s.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(), ["upgrade-image", "element-0xf001"]);
    assert_eq!(&s[0].data[..], &g[..]);
    let l = layer(&img, "zigbee-ota");
    let sig = l.attributes.get("signature").cloned().unwrap_or_default();
    assert!(sig.contains("ECDSA signature element") && sig.contains("GBL ECDSA-P256"), "{sig}");
    assert_eq!(l.attributes.get("encrypted").map(String::as_str), Some("yes"));
    assert_eq!(l.attributes.get("hardware_versions").map(String::as_str), Some("1-3"));
    // a GBL whose end CRC is wrong
    let mut bad = g;
    let n = bad.len();
    bad[n - 1] ^= 1;
    let (_, problems) = extract(&zigbee_ota::ZigbeeOta, &ota("x", &[(0, bad)], 0));
    assert!(problems.iter().any(|p| p.1.contains("CRC")), "{problems:?}");
}

#[test]
fn zigbee_ota_jn51xx_header_string_and_ngis() {
    let img = ota("DR1175r1v1UNENCRYPTED00000JN5169", &[(0, XorShift(1).bytes(900))], 0);
    let l = layer(&img, "zigbee-ota");
    assert_eq!(l.attributes.get("encrypted").map(String::as_str), Some("no (per the header string)"));
    assert_eq!(l.attributes.get("target").map(String::as_str), Some("NXP JN5169"));
    let enc = ota("DR1175r1v2--JN5179--ENCRYPTED000", &[(0, XorShift(1).bytes(900))], 0);
    let l = layer(&enc, "zigbee-ota");
    assert_eq!(l.attributes.get("encrypted").map(String::as_str), Some("yes (per the header string)"));

    // IKEA NGIS: the OTA file at the offset the header gives, a signature block after it
    let mut n = b"NGIS".to_vec();
    for v in [12u32, 2010, 476, 64, img.len() as u32, 64 + img.len() as u32] {
        n.extend_from_slice(&v.to_le_bytes());
    }
    n.resize(64, 0);
    n.extend_from_slice(&img);
    n.extend_from_slice(&[0xab; 512]);
    let vfs = unpack(Bytes::from(n));
    let ngis = vfs.layers.iter().find(|l| l.format == "ikea-ngis").expect("ngis layer");
    assert!(ngis.attributes.get("signature").is_some_and(|s| s.contains("NGIS")));
    assert!(vfs.layers.iter().any(|l| l.format == "zigbee-ota"));
}

#[test]
fn zigbee_ota_hostile() {
    let img = ota("EBL x", &[(0, gbl(0x100, &[(0xF70A_0AF7, vec![7; 64])])), (3, vec![0; 16])], 5);
    hostile(&zigbee_ota::ZigbeeOta, &img);
    // an element longer than the file: problem, partial stream
    let mut bad = img.clone();
    bad[58 + 5 + 2] = 0xff; // the first element's length, high byte (header 56 + 1 + 4 bytes of fields)
    let b = Budget::new(Limits::default());
    let mut ctx = Ctx::new(&b);
    let _ = zigbee_ota::ZigbeeOta.extract(&Bytes::from(bad), &mut ctx);
}

// ---------------------------------------------------------------- Espressif

fn checksum(segs: &[(u32, Vec<u8>)]) -> u8 {
    segs.iter().flat_map(|s| s.1.iter()).fold(0xef, |c, &b| c ^ b)
}

/// An ESP8266 v1 image (or, with `ext`, an ESP32 image with that extended header).
fn esp_v1(entry: u32, segs: &[(u32, Vec<u8>)], ext: Option<[u8; 16]>) -> Vec<u8> {
    let mut v = vec![0xE9, segs.len() as u8, 2, 0x40];
    v.extend_from_slice(&entry.to_le_bytes());
    if let Some(e) = ext {
        v.extend_from_slice(&e);
    }
    for (a, d) in segs {
        v.extend_from_slice(&a.to_le_bytes());
        v.extend_from_slice(&(d.len() as u32).to_le_bytes());
        v.extend_from_slice(d);
    }
    while v.len() % 16 != 15 {
        v.push(0);
    }
    v.push(checksum(segs));
    v
}

#[test]
fn esp8266_v1_bootloader_banner() {
    let mut iram = XorShift(5).bytes(301);
    iram.extend_from_slice(b"\x002nd boot version : 1.7(5d6f877)\n\0");
    let img = esp_v1(0x4010_0004, &[(0x4010_0000, iram), (0x3ffe_8000, vec![1; 40])], None);
    let id = esp::Esp.identify(&img).expect("candidate");
    assert_eq!(id.size, Some(img.len() as u64));
    let l = layer(&img, "esp");
    assert_eq!(l.attributes.get("target").map(String::as_str), Some("ESP8266"));
    assert_eq!(l.attributes.get("version").map(String::as_str), Some("1.7(5d6f877)"));
    assert!(l.attributes.get("os").is_some_and(|o| o.contains("bootloader 1.7(5d6f877)")));
    assert!(l.problems.is_empty(), "{:?}", l.problems);
    // a flipped segment byte breaks the checksum: no longer a candidate, and extract says so
    let mut bad = img.clone();
    bad[20] ^= 1;
    assert!(esp::Esp.identify(&bad).is_none());
    let (_, problems) = extract(&esp::Esp, &bad);
    assert!(problems.iter().any(|p| p.1.contains("checksum")), "{problems:?}");
    hostile(&esp::Esp, &img);
}

#[test]
fn esp8266_v2_nonos_sdk_version() {
    let mut irom = XorShift(9).bytes(1000);
    irom.extend_from_slice(b"\0SDK ver: %s compiled @ Apr  6 2023\0phy_version: %d, NONOS\0");
    irom.extend_from_slice(b"3.0.6-dev(072755c)\0");
    let v1 = esp_v1(0x4010_0004, &[(0x4010_0000, vec![3; 64]), (0x3ffe_8000, vec![4; 32])], None);
    let mut img = vec![0xEA, 4, 0, 0x40];
    img.extend_from_slice(&0x4010_0004u32.to_le_bytes());
    img.extend_from_slice(&0u32.to_le_bytes());
    img.extend_from_slice(&(irom.len() as u32).to_le_bytes());
    img.extend_from_slice(&irom);
    img.extend_from_slice(&v1);
    let crc = esp::esp8266_crc(&img);
    img.extend_from_slice(&crc.to_le_bytes());
    let l = layer(&img, "esp");
    assert_eq!(l.attributes.get("os").map(String::as_str), Some("ESP8266 NONOS SDK 3.0.6-dev(072755c)"));
    assert!(l.problems.is_empty(), "{:?}", l.problems);
    let (s, _) = extract(&esp::Esp, &img);
    assert_eq!(s.len(), 3);
    assert_eq!(&s[0].data[..], &irom[..]);
    // a bad CRC is a problem
    let n = img.len();
    img[n - 2] ^= 1;
    let (_, problems) = extract(&esp::Esp, &img);
    assert!(problems.iter().any(|p| p.1.contains("CRC")), "{problems:?}");
    hostile(&esp::Esp, &img);
}

#[test]
fn esp32_app_description_and_signature_block() {
    let mut desc = 0xABCD_5432u32.to_le_bytes().to_vec();
    desc.extend_from_slice(&[0; 12]);
    let fixed = |s: &str, n: usize| {
        let mut f = s.as_bytes().to_vec();
        f.resize(n, 0);
        f
    };
    desc.extend(fixed("v1.2.3", 32));
    desc.extend(fixed("smart_plug", 32));
    desc.extend(fixed("12:34:56", 16));
    desc.extend(fixed("Jan  2 2024", 16));
    desc.extend(fixed("v5.1.2", 32));
    desc.extend(vec![0; 64]);
    let mut ext = [0u8; 16];
    ext[0] = 0xee;
    ext[4] = 5; // ESP32-C3
    ext[15] = 1; // SHA-256 appended
    let mut img = esp_v1(0x4038_0080, &[(0x3c00_0020, desc), (0x4038_0000, vec![9; 100])], Some(ext));
    img.extend_from_slice(&Sha256::digest(&img));
    img.resize(4096, 0xff);
    img.extend_from_slice(&[0xE7, 0x02, 0, 0]);
    img.resize(4096 + 1216, 0);
    let id = esp::Esp.identify(&img).expect("candidate");
    assert_eq!(id.size, Some(img.len() as u64));
    let l = layer(&img, "esp");
    let a = &l.attributes;
    assert_eq!(a.get("target").map(String::as_str), Some("ESP32-C3"));
    assert_eq!(a.get("product").map(String::as_str), Some("smart_plug"));
    assert_eq!(a.get("version").map(String::as_str), Some("v1.2.3"));
    assert_eq!(a.get("os").map(String::as_str), Some("ESP-IDF v5.1.2"));
    assert_eq!(a.get("build_date").map(String::as_str), Some("Jan  2 2024 12:34:56"));
    assert!(a.get("signature").is_some_and(|s| s.contains("Secure Boot V2")), "{a:?}");
    hostile(&esp::Esp, &img[..600]);
}

// ---------------------------------------------------------------- MCUboot

/// An MCUboot image per the MCUboot design document: header, body, protected TLVs (security counter), TLVs
/// (SHA-256 of header + body + protected TLVs, key hash, then a signature TLV of type `sig`).
fn mcuboot_image(body: &[u8], sig: Option<(u16, usize)>, flags: u32) -> Vec<u8> {
    let hdr_size = 0x200usize;
    let prot = {
        let mut p = Vec::new();
        p.extend_from_slice(&0x6908u16.to_le_bytes());
        p.extend_from_slice(&(4u16 + 8).to_le_bytes());
        p.extend_from_slice(&0x50u16.to_le_bytes());
        p.extend_from_slice(&4u16.to_le_bytes());
        p.extend_from_slice(&1u32.to_le_bytes());
        p
    };
    let mut v = Vec::new();
    v.extend_from_slice(&mcuboot::MAGIC.to_le_bytes());
    v.extend_from_slice(&0u32.to_le_bytes());
    v.extend_from_slice(&(hdr_size as u16).to_le_bytes());
    v.extend_from_slice(&(prot.len() as u16).to_le_bytes());
    v.extend_from_slice(&(body.len() as u32).to_le_bytes());
    v.extend_from_slice(&flags.to_le_bytes());
    v.extend_from_slice(&[1, 2]);
    v.extend_from_slice(&3u16.to_le_bytes());
    v.extend_from_slice(&4u32.to_le_bytes());
    v.resize(hdr_size, 0);
    v.extend_from_slice(body);
    v.extend_from_slice(&prot);
    let hash = Sha256::digest(&v);
    let mut tlvs: Vec<(u16, Vec<u8>)> = vec![(0x10, hash.to_vec()), (0x01, vec![0x11; 32])];
    if let Some((t, n)) = sig {
        tlvs.push((t, vec![0x22; n]));
    }
    let total: usize = 4 + tlvs.iter().map(|t| 4 + t.1.len()).sum::<usize>();
    v.extend_from_slice(&0x6907u16.to_le_bytes());
    v.extend_from_slice(&(total as u16).to_le_bytes());
    for (t, d) in tlvs {
        v.extend_from_slice(&t.to_le_bytes());
        v.extend_from_slice(&(d.len() as u16).to_le_bytes());
        v.extend_from_slice(&d);
    }
    v
}

#[test]
fn mcuboot_signatures_and_hash() {
    let body = XorShift(11).bytes(3000);
    let img = mcuboot_image(&body, Some((0x20, 256)), 0);
    let id = mcuboot::McuBoot.identify(&img).expect("candidate");
    assert_eq!(id.size, Some(img.len() as u64));
    let mut padded = img.clone();
    padded.extend_from_slice(&[0xff; 4096]);
    let l = layer(&padded, "mcuboot");
    let a = &l.attributes;
    assert_eq!(a.get("signature").map(String::as_str), Some("MCUboot TLV: RSA-2048 + SHA-256 (not verified)"));
    assert_eq!(a.get("version").map(String::as_str), Some("1.2.3+4"));
    assert_eq!(a.get("encrypted").map(String::as_str), Some("no"));
    assert!(l.problems.is_empty(), "{:?}", l.problems);
    let (s, _) = extract(&mcuboot::McuBoot, &img);
    assert_eq!(&s[0].data[..], &body[..]);

    for (t, n, name) in [(0x22, 72, "ECDSA-P256"), (0x24, 64, "ED25519"), (0x23, 384, "RSA-3072")] {
        let l = layer(&mcuboot_image(&body, Some((t, n)), 0x04), "mcuboot");
        assert!(l.attributes.get("signature").is_some_and(|s| s.contains(name)), "{:?}", l.attributes);
        assert_eq!(l.attributes.get("encrypted").map(String::as_str), Some("yes (AES-128)"));
    }
    let l = layer(&mcuboot_image(&body, None, 0), "mcuboot");
    assert_eq!(l.attributes.get("signature").map(String::as_str), Some("none (MCUboot TLV: SHA-256 only)"));

    // a body byte flipped: the SHA-256 TLV says so
    let mut bad = img.clone();
    bad[0x300] ^= 1;
    let (_, problems) = extract(&mcuboot::McuBoot, &bad);
    assert!(problems.iter().any(|p| p.1.contains("SHA-256")), "{problems:?}");
    hostile(&mcuboot::McuBoot, &img);
}

// ---------------------------------------------------------------- uImage attributes

#[test]
fn uimage_header_fields_are_attributes() {
    let payload = b"VxWorks 5.5.1 kernel bytes".repeat(10);
    let mut h = vec![0u8; 64];
    h[0..4].copy_from_slice(&0x2705_1956u32.to_be_bytes());
    h[8..12].copy_from_slice(&1_437_636_608u32.to_be_bytes());
    h[12..16].copy_from_slice(&(payload.len() as u32).to_be_bytes());
    h[16..20].copy_from_slice(&0x8000_1000u32.to_be_bytes());
    h[20..24].copy_from_slice(&0x8000_1000u32.to_be_bytes());
    h[24..28].copy_from_slice(&crc32fast::hash(&payload).to_be_bytes());
    h[28] = 14; // VxWorks
    h[29] = 5; // MIPS
    h[30] = 2; // kernel
    h[32..39].copy_from_slice(b"wr702n!");
    let crc = crc32fast::hash(&h);
    h[4..8].copy_from_slice(&crc.to_be_bytes());
    h.extend_from_slice(&payload);
    let l = layer(&h, "uimage");
    let a = &l.attributes;
    assert_eq!(a.get("os").map(String::as_str), Some("VxWorks"));
    assert_eq!(a.get("target").map(String::as_str), Some("MIPS"));
    assert_eq!(a.get("image_type").map(String::as_str), Some("kernel"));
    assert_eq!(a.get("product").map(String::as_str), Some("wr702n!"));
    assert_eq!(a.get("entry").map(String::as_str), Some("0x80001000"));
    assert_eq!(a.get("build_date").map(String::as_str), Some("2015-07-23 07:30:08 UTC"));
}

// ---------------------------------------------------------------- real samples

fn realfw() -> Option<std::path::PathBuf> {
    let d = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/realfw/images");
    d.is_dir().then_some(d)
}

#[test]
fn real_samples_are_described() {
    let Some(dir) = realfw() else {
        eprintln!("../shared/realfw absent: skipped");
        return;
    };
    let cases: &[(&str, &str, &str)] = &[
        ("espressif_esp8266_boot_v1.7.bin", "esp", "os"),
        ("espressif_esp8266_at_user1_2048_new5.bin", "esp", "os"),
        ("aqara_lumi_switch_b1nacn02_0065.ota", "zigbee-ota", "encrypted"),
        ("tuya_si32_zg_uart_ZS5_ota_1.1.7.bin", "zigbee-ota", "target"),
        ("ikea_tradfri_bulb_cws_2.3.093.ota.signed", "ikea-ngis", "signature"),
    ];
    for (name, format, key) in cases {
        let p = dir.join(name);
        let Ok(img) = std::fs::read(&p) else { continue };
        let l = layer(&img, format);
        assert!(l.attributes.contains_key(*key), "{name}: {:?}", l.attributes);
    }
}
