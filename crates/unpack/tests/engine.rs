//! The carving engine on images built here: files of archives carved as the image is, a root filesystem
//! packed in an archive folder, the unclaimed regions of a carved layer, and the "no root filesystem"
//! problem.

use crate::common;

use bytes::Bytes;
use common::*;
use fwassure_model::{ByteClass, NodeKind, Vfs};
use fwassure_unpack::unpack;

fn tar(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    for (path, data) in entries {
        let mut h = tar::Header::new_gnu();
        h.set_size(data.len() as u64);
        h.set_mode(0o755);
        h.set_entry_type(tar::EntryType::Regular);
        b.append_data(&mut h, path, *data).unwrap();
    }
    b.into_inner().unwrap()
}

fn root_tar() -> Vec<u8> {
    tar(&[
        ("etc/passwd", b"root:x:0:0:root:/root:/bin/sh\n"),
        ("etc/inittab", b"ttyS0::askfirst:/bin/sh\n"),
        ("bin/busybox", &[0x7f, b'E', b'L', b'F', 1, 1, 1, 0]),
    ])
}

fn global_messages(vfs: &Vfs) -> Vec<String> {
    vfs.problems.iter().map(|p| p.message.clone()).collect()
}

#[test]
fn a_firmware_file_inside_an_archive_is_carved_as_the_image_is() {
    // a vendor download: a tar holding a .bin whose root filesystem sits behind an unknown 1000-byte header
    let mut fw = noise(1, 1000);
    fw.extend(gzip(&root_tar()));
    fw.extend(vec![0xffu8; 4096]);
    let download = tar(&[("Release Notes.txt", b"fixes\n"), ("fw/router_v1.bin", &fw)]);
    let vfs = unpack(Bytes::from(download));
    let carved =
        vfs.layers.iter().find(|l| l.source_path.as_deref() == Some("/fw/router_v1.bin")).expect("the .bin is carved");
    assert_eq!(carved.format, "raw");
    let gz = vfs.layers.iter().find(|l| l.format == "gzip" && l.parent.as_deref() == Some(&carved.id)).unwrap();
    assert_eq!(gz.offset, 1000);
    let inner = vfs.layers.iter().filter(|l| l.format == "tar").nth(1).expect("the root filesystem inside");
    assert!(inner.tree.as_ref().unwrap().get("/etc/inittab").is_some());
    // the header before the stream is unclaimed, the padding after it is padding
    assert_eq!(carved.unclaimed[0].offset, 0);
    assert_eq!(carved.unclaimed[0].size, 1000);
    assert_eq!(carved.unclaimed.last().unwrap().class, ByteClass::Padding);
    assert!(!global_messages(&vfs).iter().any(|m| m.starts_with("no root filesystem")), "{:?}", vfs.problems);
}

#[test]
fn files_with_nothing_inside_leave_no_layer_and_programs_are_not_carved() {
    // an ELF program that happens to carry a gzip stream, a small script with one, and a data file without any
    let mut elf = vec![0x7f, b'E', b'L', b'F', 2, 1, 1, 0];
    elf.extend(noise(2, 600));
    elf.extend(gzip(b"hello"));
    let mut script = b"#!/bin/sh\necho start\n".to_vec();
    script.extend(gzip(&root_tar()));
    let data = noise(3, 5000);
    let t = tar(&[("bin/prog", &elf), ("etc/init.sh", &script), ("etc/data.db", &data)]);
    let vfs = unpack(Bytes::from(t));
    assert_eq!(
        vfs.layers.len(),
        1,
        "{:?}",
        vfs.layers.iter().map(|l| (&l.id, &l.format, &l.source_path)).collect::<Vec<_>>()
    );
}

#[test]
fn a_root_filesystem_in_an_archive_folder_is_read_as_the_root() {
    let t = tar(&[
        ("README", b"how to flash\n"),
        ("squashfs-root/etc/passwd", b"root::0:0:root:/root:/bin/sh\n"),
        ("squashfs-root/etc/inittab", b"ttyS0::askfirst:/bin/sh\n"),
        ("squashfs-root/bin/busybox", b"\x7fELF"),
    ]);
    let vfs = unpack(Bytes::from(t));
    let l = &vfs.layers[0];
    let tree = l.tree.as_ref().unwrap();
    assert!(tree.get("/etc/inittab").is_some());
    assert!(tree.get("/bin/busybox").is_some());
    assert!(tree.get("/README").is_some(), "files beside the folder are kept");
    assert!(tree.get("/squashfs-root").is_none());
    assert!(l.description.contains("root filesystem in folder /squashfs-root"), "{}", l.description);
    assert!(!global_messages(&vfs).iter().any(|m| m.starts_with("no root filesystem")));
}

#[test]
fn an_archive_without_a_root_filesystem_says_so_first() {
    let vfs = unpack(Bytes::from(tar(&[("www/index.html", b"<html></html>"), ("www/app.js", b"1")])));
    let first = &vfs.problems[0].message;
    assert!(first.starts_with("no root filesystem found: 1 filesystem or archive layer (tar) with 2 files"), "{first}");
    let vfs = unpack(Bytes::from(noise(4, 300_000)));
    let msgs = global_messages(&vfs);
    assert!(msgs[0].starts_with("no root filesystem found: no filesystem or archive was read"), "{msgs:?}");
}

#[test]
fn unclaimed_high_entropy_is_a_problem_and_coverage_counts_padding_as_claimed() {
    // 128 KiB of noise (an encrypted kernel, say), a root filesystem tar, then erased flash
    let mut img = noise(5, 128 << 10);
    let rootfs = root_tar();
    img.extend(&rootfs);
    img.extend(vec![0xffu8; 64 << 10]);
    let vfs = unpack(Bytes::from(img.clone()));
    let l0 = &vfs.layers[0];
    assert_eq!(l0.format, "raw");
    assert_eq!(l0.unclaimed.len(), 2, "{:?}", l0.unclaimed);
    assert_eq!((l0.unclaimed[0].offset, l0.unclaimed[0].size), (0, 128 << 10));
    assert_eq!(l0.unclaimed[0].class, ByteClass::HighEntropy);
    assert_eq!(l0.unclaimed[1].class, ByteClass::Padding);
    let msg = l0.problems.iter().map(|p| p.message.as_str()).find(|m| m.starts_with("unknown high-entropy region"));
    assert_eq!(msg.unwrap().split(" (").next().unwrap(), "unknown high-entropy region, 128.0 KiB at 0x0");
    let want = 1.0 - (128u64 << 10) as f64 / img.len() as f64;
    assert!((l0.coverage().unwrap() - want).abs() < 1e-4);
    assert!(matches!(vfs.layers[1].tree.as_ref().unwrap().get("/etc/passwd").unwrap().kind, NodeKind::File(_)));
}

#[test]
fn a_bootloader_dump_is_described_by_its_banner() {
    let mut img = vec![0xffu8; 4096];
    img.extend(b"\0U-Boot 1.1.3 (Nov 19 2023 - 18:30:02)\0boot VxWorks\0");
    img.extend(noise(6, 20_000));
    let vfs = unpack(Bytes::from(img));
    assert_eq!(vfs.layers.len(), 1);
    assert_eq!(vfs.layers[0].attributes.get("bootloader").map(String::as_str), Some("U-Boot 1.1.3"));
    assert!(!vfs.layers[0].attributes.contains_key("os"), "a bare 'VxWorks' is no banner");
    let msgs = global_messages(&vfs);
    assert!(
        msgs.iter().any(|m| m == "no container or filesystem format found in the image; its bytes name U-Boot 1.1.3"),
        "{msgs:?}"
    );
}
