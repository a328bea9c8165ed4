//! ZIP fixtures built by Info-ZIP `zip` (deflate, bzip2, stored; symlinks kept with -y), archives written
//! with the zip crate for traversal names and a decompression bomb, plus hostile variants.

use crate::common;

use bytes::Bytes;
use common::*;
use fwassure_model::NodeKind;
use fwassure_unpack::{unpack, unpack_with, Limits};
use std::io::Write;
use std::process::Command;

fn build(method: &str) -> (tempfile::TempDir, Vec<u8>) {
    require_tool("zip", "zip");
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("root");
    sample_tree(&root, false);
    let out = tmp.path().join("a.zip");
    run(Command::new("zip").current_dir(&root).args(["-q", "-r", "-y", "-Z", method]).arg(&out).arg("."));
    let img = std::fs::read(&out).unwrap();
    (tmp, img)
}

fn check(method: &str) -> Vec<u8> {
    let (tmp, img) = build(method);
    let vfs = unpack(Bytes::from(img.clone()));
    let t = tree_of(&vfs, "zip");
    assert_tree_matches(&tmp.path().join("root"), t);
    let l = vfs.layers.iter().find(|l| l.format == "zip").unwrap();
    assert!(l.problems.is_empty(), "{:?}", l.problems);
    // modes come from the unix attributes
    use std::os::unix::fs::PermissionsExt;
    let want = std::fs::metadata(tmp.path().join("root/etc/passwd")).unwrap().permissions().mode() & 0o7777;
    assert_eq!(t.get("/etc/passwd").unwrap().mode, want);
    img
}

#[test]
fn deflate() {
    check("deflate");
}

#[test]
fn bzip2() {
    check("bzip2");
}

#[test]
fn stored() {
    check("store");
}

#[test]
fn carved_from_an_image() {
    let (tmp, img) = build("deflate");
    let mut blob = vec![0u8; 1000];
    blob.extend_from_slice(&img);
    blob.extend_from_slice(&[0x42; 3000]);
    let vfs = unpack(Bytes::from(blob));
    let l = vfs.layers.iter().find(|l| l.format == "zip").unwrap();
    assert_eq!((l.offset, l.size), (1000, img.len() as u64));
    assert_tree_matches(&tmp.path().join("root"), l.tree.as_ref().unwrap());
}

fn crate_zip(entries: &[(&str, &[u8], Option<u32>)], method: zip::CompressionMethod) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, data, mode) in entries {
        let mut o = zip::write::SimpleFileOptions::default().compression_method(method);
        if let Some(m) = mode {
            o = o.unix_permissions(*m);
        }
        if mode.is_some_and(|m| m & 0o170000 == 0o120000) {
            w.add_symlink(*name, std::str::from_utf8(data).unwrap(), o).unwrap();
        } else {
            w.start_file(*name, o).unwrap();
            w.write_all(data).unwrap();
        }
    }
    w.finish().unwrap().into_inner()
}

#[test]
fn traversal_names_and_escaping_symlinks() {
    let img = crate_zip(
        &[
            ("../../x", b"evil", None),
            ("/etc/abs", b"absolute", None),
            ("link", b"../../../../etc/shadow", Some(0o120777)),
        ],
        zip::CompressionMethod::Stored,
    );
    let vfs = unpack(Bytes::from(img));
    let l = vfs.layers.iter().find(|l| l.format == "zip").unwrap();
    let t = l.tree.as_ref().unwrap();
    assert_eq!(t.read("/x").as_deref(), Some(&b"evil"[..]));
    assert_eq!(t.read("/etc/abs").as_deref(), Some(&b"absolute"[..]));
    assert_eq!(t.get("/link").unwrap().kind, NodeKind::Symlink("../../../../etc/shadow".into()));
    assert!(t.read("/link").is_none(), "an escaping link resolves to nothing outside the layer");
    assert!(l.problems.iter().any(|p| p.message.contains("escapes the root")), "{:?}", l.problems);
}

#[test]
fn bomb_is_bounded() {
    let zeros = vec![0u8; 32 << 20];
    let img = crate_zip(&[("bomb", &zeros, None)], zip::CompressionMethod::Deflated);
    assert!(img.len() < 200_000);
    let limits = Limits { max_ratio: 10, ratio_floor_bytes: 1 << 20, ..Limits::default() };
    let vfs = unpack_with(Bytes::from(img), &limits);
    let l = vfs.layers.iter().find(|l| l.format == "zip").unwrap();
    let t = l.tree.as_ref().unwrap();
    assert_eq!(t.read("/bomb").unwrap().len(), 1 << 20);
    assert!(l.problems.iter().any(|p| p.message.contains("limit")), "{:?}", l.problems);
}

#[test]
fn hostile_images() {
    let (_t, img) = build("deflate");
    hostile(&img, "zip");
    let (_t, img) = build("bzip2");
    hostile(&img, "zip");
}

#[test]
fn stored_entries_are_views_and_big_compressed_ones_are_read_on_demand() {
    let big: Vec<u8> = (0..6000).flat_map(|i| format!("line {i:08} of a deflated entry\n").into_bytes()).collect();
    let stored = crate_zip(&[("plain.bin", &big, None)], zip::CompressionMethod::Stored);
    let deflated =
        crate_zip(&[("big.txt", &big, None), ("small.txt", b"tiny", None)], zip::CompressionMethod::Deflated);
    let data = |vfs: &fwassure_model::Vfs, p: &str| match &tree_of(vfs, "zip").get(p).unwrap().kind {
        NodeKind::File(d) => d.clone(),
        k => panic!("{p}: {k:?}"),
    };

    let image = Bytes::from(stored.clone());
    let vfs = unpack(image.clone());
    let d = data(&vfs, "/plain.bin");
    let view = d.in_memory().expect("a stored entry is in memory");
    assert_eq!(&view[..], &big[..]);
    let at = stored.windows(16).position(|w| w == &big[..16]).unwrap();
    assert_eq!(view.as_ptr(), image[at..].as_ptr(), "a stored entry is a view of the archive, not a copy");
    assert_eq!(problem_count(&vfs), 0);

    let vfs = unpack(Bytes::from(deflated.clone()));
    assert!(data(&vfs, "/big.txt").is_lazy() && !data(&vfs, "/small.txt").is_lazy());
    assert_eq!(data(&vfs, "/big.txt").read().unwrap(), Bytes::from(big.clone()));
    assert_eq!(&data(&vfs, "/small.txt").read().unwrap()[..], b"tiny");
    assert!(vfs.scan_files(|f| f.data.len()).problems.is_empty());

    // damage: a flipped byte inside the stored entry is a CRC problem; inside the deflated one it is found by
    // the content pass (the zip crate checks the CRC at the end of the entry)
    let mut bad = stored;
    bad[at + 5000] ^= 1;
    let vfs = unpack(Bytes::from(bad));
    let l = vfs.layers.iter().find(|l| l.format == "zip").unwrap();
    assert!(l.problems.iter().any(|p| p.message.contains("CRC mismatch")), "{:?}", l.problems);
    let mut bad = deflated;
    let mid = 30 + "big.txt".len() + 2000; // inside big.txt's deflate stream, past its head
    bad[mid] ^= 0x55;
    let vfs = unpack(Bytes::from(bad));
    let scanned = vfs.scan_files(|f| f.data.len());
    let p = scanned.problems.iter().find(|p| p.path.as_deref() == Some("/big.txt"));
    assert!(p.is_some_and(|p| p.message.contains("unreadable")), "{:?}", scanned.problems);
}

#[test]
fn encrypted_entries_are_reported_and_skipped() {
    require_tool("zip", "zip");
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("secret.txt"), b"password=hunter2\n").unwrap();
    for method in ["store", "deflate"] {
        let out = tmp.path().join(format!("{method}.zip"));
        run(Command::new("zip")
            .current_dir(tmp.path())
            .args(["-q", "-P", "pw", "-Z", method])
            .arg(&out)
            .arg("secret.txt"));
        let vfs = unpack(Bytes::from(std::fs::read(&out).unwrap()));
        assert!(
            !vfs.layers.iter().any(|l| l.tree.as_ref().is_some_and(|t| t.get("/secret.txt").is_some())),
            "{method}"
        );
        let problems = vfs.all_problems();
        assert!(problems.iter().any(|p| p.message.contains("encrypted")), "{method}: {problems:?}");
    }
}
