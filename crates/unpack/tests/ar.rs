//! `ar` fixtures: GNU ar archives built by binutils' `ar` (short and long member names, a symbol table from
//! a real object file), a BSD-style archive with `#1/` names written here from the format, carving, and the
//! hostile variants.

use crate::common;

use bytes::Bytes;
use common::*;
use fwassure_model::NodeKind;
use fwassure_unpack::unpack;
use std::process::Command;

fn gnu_archive() -> (tempfile::TempDir, Vec<u8>) {
    require_tool("ar", "binutils");
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    std::fs::write(d.join("short.txt"), b"short member\n").unwrap();
    std::fs::write(d.join("a_rather_long_member_name.so"), numbered_lines(300)).unwrap();
    std::fs::write(d.join("odd"), b"odd").unwrap();
    run(Command::new("ar").current_dir(d).args(["rcs", "lib.a", "short.txt", "a_rather_long_member_name.so", "odd"]));
    let img = std::fs::read(d.join("lib.a")).unwrap();
    (tmp, img)
}

#[test]
fn gnu_archive_with_long_names() {
    let (_t, img) = gnu_archive();
    let vfs = unpack(Bytes::from(img));
    let t = tree_of(&vfs, "ar");
    assert_eq!(t.read("/short.txt").as_deref(), Some(&b"short member\n"[..]));
    assert_eq!(t.read("/a_rather_long_member_name.so").as_deref(), Some(&numbered_lines(300)[..]));
    assert_eq!(t.read("/odd").as_deref(), Some(&b"odd"[..]));
    assert_eq!(t.files().count(), 3, "the name table and symbol table are not members");
    assert!(read_problems(&vfs).is_empty(), "{:?}", read_problems(&vfs));
}

fn member(name: &str, data: &[u8]) -> Vec<u8> {
    let mut m =
        format!("{name:<16}{:<12}{:<6}{:<6}{:<8}{:<10}`\n", 1_700_000_000, 1000, 100, 100755, data.len()).into_bytes();
    m.extend(data);
    if data.len() % 2 == 1 {
        m.push(b'\n');
    }
    m
}

#[test]
fn bsd_names_modes_and_carving() {
    let mut a = b"!<arch>\n".to_vec();
    let long = "a_bsd_long_name_member.bin";
    let mut body = long.as_bytes().to_vec();
    body.extend(b"payload");
    a.extend(member(&format!("#1/{}", long.len()), &body));
    a.extend(member("tool/", b"#!/bin/sh\n"));
    let mut blob = noise(1, 777);
    blob.extend(&a);
    blob.extend(vec![0xffu8; 1000]);
    let vfs = unpack(Bytes::from(blob));
    let l = fs_layer(&vfs, "ar");
    assert_eq!(l.offset, 777);
    assert_eq!(l.size, a.len() as u64);
    let t = l.tree.as_ref().unwrap();
    assert_eq!(t.read(&format!("/{long}")).as_deref(), Some(&b"payload"[..]));
    let n = t.get("/tool").unwrap();
    assert_eq!((n.mode, n.uid, n.gid, n.mtime), (0o755, 1000, 100, 1_700_000_000));
    assert!(matches!(n.kind, NodeKind::File(_)));
}

#[test]
fn truncated_and_damaged_archives() {
    let (_t, img) = gnu_archive();
    let vfs = unpack(Bytes::copy_from_slice(&img[..img.len() - 100]));
    assert!(read_problems(&vfs).iter().any(|p| p.message.contains("truncated")), "{:?}", read_problems(&vfs));
    hostile(&img, "ar");
}
