//! ROS (`RNTP` … `PACK`) containers written by the test from the published layout (no tool makes them):
//! little- and big-endian, versions 1.01 and 2.00, holding a gzip stream, a 7z archive (built by 7-Zip's
//! `7zz`) and raw data; plus truncated and hostile variants.

use crate::common;

use bytes::Bytes;
use common::*;
use fwassure_unpack::unpack;
use std::process::Command;

/// A container of `parts` (name, data) with the given version and byte order.
fn container(version: &[u8; 4], big: bool, parts: &[(&str, &[u8])]) -> Vec<u8> {
    let header = if version == b"2.00" { 80 } else { 48 };
    let u32b = |v: u32| if big { v.to_be_bytes() } else { v.to_le_bytes() };
    let mut c = vec![0u8; header + 32 * parts.len()];
    c[..4].copy_from_slice(b"RNTP");
    c[4..8].copy_from_slice(version);
    c[8..0x18].copy_from_slice(b"\x04\x31\x10\x00\x1c\x02\xd8\x07\xc3\x09\x35\x00\x1c\x24\x67\x1a");
    c[0x18..0x1c].copy_from_slice(b"PACK");
    c[0x20..0x24].copy_from_slice(&u32b(parts.len() as u32));
    c[0x24..0x28].copy_from_slice(&u32b(0x10));
    let mut body = Vec::new();
    for (i, (name, data)) in parts.iter().enumerate() {
        let e = header + 32 * i;
        c[e..e + name.len()].copy_from_slice(name.as_bytes());
        let off = (c.len() + body.len()) as u32;
        c[e + 16..e + 20].copy_from_slice(&u32b(off));
        c[e + 20..e + 24].copy_from_slice(&u32b(data.len() as u32));
        c[e + 24..e + 28].copy_from_slice(&u32b(0x200));
        body.extend_from_slice(data);
    }
    c.extend_from_slice(&body);
    c
}

/// A 7z of a small web UI, by 7-Zip.
fn web_ui() -> (tempfile::TempDir, Vec<u8>) {
    require_tool("7zz", "7zip");
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("root");
    std::fs::create_dir_all(root.join("js")).unwrap();
    std::fs::write(root.join("home.htm"), b"<html>switch</html>\n".repeat(30)).unwrap();
    std::fs::write(root.join("js/menu.js"), b"var menu = 1;\n".repeat(40)).unwrap();
    let out = tmp.path().join("ews.7z");
    run(Command::new("7zz").current_dir(&root).args(["a", "-bd", "-bso0", "-t7z"]).arg(&out).arg("."));
    let img = std::fs::read(&out).unwrap();
    (tmp, img)
}

fn parts(ews: &[u8]) -> Vec<(&'static str, Vec<u8>)> {
    let mut cli = b"RNTP2.00".to_vec();
    cli.resize(32, 0);
    cli.extend_from_slice(&gzip(&numbered_lines(400)));
    vec![("CLI_FILE", cli), ("EWS_FILE", ews.to_vec()), ("DATETIME_C", b"2008-02-28 12:00:00\0".to_vec())]
}

fn check(version: &[u8; 4], big: bool) -> Vec<u8> {
    let (tmp, ews) = web_ui();
    let p = parts(&ews);
    let refs: Vec<(&str, &[u8])> = p.iter().map(|(n, d)| (*n, &d[..])).collect();
    let img = container(version, big, &refs);
    let vfs = unpack(Bytes::from(img.clone()));
    let ros = vfs.layers.iter().find(|l| l.format == "ros").expect("a ros layer");
    assert_eq!((ros.offset, ros.size), (0, img.len() as u64));
    assert!(ros.problems.is_empty(), "{:?}", ros.problems);
    assert!(ros.description.contains("EWS_FILE"), "{}", ros.description);
    // the parts are named child layers with exact bounds
    let children: Vec<_> = vfs.layers.iter().filter(|l| l.parent.as_deref() == Some(ros.id.as_str())).collect();
    let names: Vec<_> = children.iter().map(|l| l.source_path.clone().unwrap_or_default()).collect();
    assert_eq!(names, ["CLI_FILE", "EWS_FILE", "DATETIME_C"]);
    let ews_layer = children[1];
    assert_eq!(ews_layer.format, "7z");
    assert_eq!(ews_layer.size, ews.len() as u64);
    assert_tree_matches_small(&tmp.path().join("root"), ews_layer.tree.as_ref().unwrap());
    // the gzip stream behind the 32-byte sub-header is carved
    assert!(
        vfs.layers.iter().any(|l| l.format == "gzip"),
        "{:?}",
        vfs.layers.iter().map(|l| &l.format).collect::<Vec<_>>()
    );
    img
}

fn assert_tree_matches_small(root: &std::path::Path, t: &fwassure_model::Tree) {
    assert_eq!(t.read("/home.htm").unwrap(), std::fs::read(root.join("home.htm")).unwrap());
    assert_eq!(t.read("/js/menu.js").unwrap(), std::fs::read(root.join("js/menu.js")).unwrap());
}

#[test]
fn little_endian_v1() {
    check(b"1.01", false);
}

#[test]
fn big_endian_v1() {
    check(b"1.01", true);
}

#[test]
fn version_2() {
    check(b"2.00", false);
    check(b"2.00", true);
}

#[test]
fn carved_after_junk_and_truncated() {
    let (_t, ews) = web_ui();
    let p = parts(&ews);
    let refs: Vec<(&str, &[u8])> = p.iter().map(|(n, d)| (*n, &d[..])).collect();
    let img = container(b"1.01", false, &refs);
    let mut blob = vec![0x5a; 777];
    blob.extend_from_slice(&img);
    let vfs = unpack(Bytes::from(blob));
    let ros = vfs.layers.iter().find(|l| l.format == "ros").unwrap();
    assert_eq!((ros.offset, ros.size), (777, img.len() as u64));
    // cut inside the last part: the part is kept as far as it goes, and said to be truncated
    let cut = &img[..img.len() - 5];
    let vfs = unpack(Bytes::copy_from_slice(cut));
    let ros = vfs.layers.iter().find(|l| l.format == "ros").unwrap();
    assert!(ros.problems.iter().any(|p| p.message.contains("truncated")), "{:?}", ros.problems);
    // a part table with an absurd count is not a container
    let mut bad = img.clone();
    bad[0x20..0x24].copy_from_slice(&5000u32.to_le_bytes());
    let vfs = unpack(Bytes::from(bad));
    assert!(!vfs.layers.iter().any(|l| l.format == "ros"));
}

#[test]
fn hostile_images() {
    let (_t, ews) = web_ui();
    let p = parts(&ews);
    let refs: Vec<(&str, &[u8])> = p.iter().map(|(n, d)| (*n, &d[..])).collect();
    hostile(&container(b"1.01", false, &refs), "ros");
    hostile(&container(b"2.00", true, &refs), "ros");
}

#[test]
fn real_sample() {
    // the real sample, when the shared folder is there: six named parts, the web UI 7z among them
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/realfw/images/ros_switch_test.ros");
    let Ok(img) = std::fs::read(&p) else {
        eprintln!("{} absent; skipped", p.display());
        return;
    };
    let vfs = unpack(Bytes::from(img));
    let ros = vfs.layers.iter().find(|l| l.format == "ros").expect("a ros layer");
    assert!(ros.problems.is_empty(), "{:?}", ros.problems);
    let children: Vec<_> = vfs.layers.iter().filter(|l| l.parent.as_deref() == Some(ros.id.as_str())).collect();
    assert_eq!(children.len(), 6);
    let ews = children.iter().find(|l| l.source_path.as_deref() == Some("EWS_FILE")).unwrap();
    assert_eq!(ews.format, "7z");
}
