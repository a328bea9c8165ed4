//! 7z fixtures built by 7-Zip (`7zz`, Debian package `7zip`): LZMA2 solid and non-solid, LZMA, copy, PPMd,
//! bzip2, several solid blocks, symlinks, empty files and directories, encrypted entries and headers, a
//! bomb, plus hostile variants.

use crate::common;

use bytes::Bytes;
use common::*;
use fwassure_model::NodeKind;
use fwassure_unpack::{unpack, unpack_with, Limits};
use std::path::Path;
use std::process::Command;

/// `7zz a ARGS out.7z .` over `root`.
fn pack(root: &Path, out: &Path, args: &[&str]) -> Vec<u8> {
    require_tool("7zz", "7zip");
    run(Command::new("7zz").current_dir(root).args(["a", "-bd", "-bso0", "-t7z", "-snl"]).args(args).arg(out).arg("."));
    std::fs::read(out).unwrap()
}

fn build(args: &[&str]) -> (tempfile::TempDir, Vec<u8>) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("root");
    sample_tree(&root, false);
    std::fs::write(root.join("usr/lib/deep/empty-too"), b"").unwrap();
    let img = pack(&root, &tmp.path().join("a.7z"), args);
    (tmp, img)
}

fn check(args: &[&str]) -> Vec<u8> {
    let (tmp, img) = build(args);
    assert_eq!(&img[..6], b"7z\xBC\xAF\x27\x1C");
    let vfs = unpack(Bytes::from(img.clone()));
    let l = vfs.layers.iter().find(|l| l.format == "7z").unwrap_or_else(|| panic!("{args:?}: no 7z layer"));
    assert_eq!((l.offset, l.size), (0, img.len() as u64));
    assert!(l.problems.is_empty(), "{args:?}: {:?}", l.problems);
    let t = tree_of(&vfs, "7z");
    assert_tree_matches(&tmp.path().join("root"), t);
    assert_eq!(t.get("/empty-dir").unwrap().kind, NodeKind::Dir);
    // modes come from the unix extension of the attributes
    use std::os::unix::fs::PermissionsExt;
    let want = std::fs::metadata(tmp.path().join("root/etc/passwd")).unwrap().permissions().mode() & 0o7777;
    assert_eq!(t.get("/etc/passwd").unwrap().mode, want);
    assert!(t.get("/etc/passwd").unwrap().mtime > 1_600_000_000);
    assert_eq!(read_every_file(&vfs), 0);
    img
}

#[test]
fn lzma2_solid() {
    check(&["-m0=lzma2", "-ms=on"]);
}

#[test]
fn lzma2_non_solid() {
    check(&["-m0=lzma2", "-ms=off"]);
}

#[test]
fn lzma() {
    check(&["-m0=lzma", "-ms=on"]);
}

#[test]
fn copy() {
    check(&["-m0=copy"]);
}

#[test]
fn ppmd_and_bzip2() {
    check(&["-m0=ppmd"]);
    check(&["-m0=bzip2", "-ms=off"]);
}

#[test]
fn several_solid_blocks() {
    // one solid block per 2 files
    check(&["-m0=lzma2", "-ms=2f"]);
}

#[test]
fn carved_from_an_image() {
    let (tmp, img) = build(&["-m0=lzma2"]);
    let mut blob = b"vendor header ".repeat(70);
    let at = blob.len();
    blob.extend_from_slice(&img);
    blob.extend_from_slice(&[0xff; 5000]);
    let vfs = unpack(Bytes::from(blob));
    let l = vfs.layers.iter().find(|l| l.format == "7z").unwrap();
    assert_eq!((l.offset, l.size), (at as u64, img.len() as u64));
    assert_tree_matches(&tmp.path().join("root"), l.tree.as_ref().unwrap());
}

#[test]
fn a_big_file_alone_in_its_block_is_read_on_demand() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("root");
    std::fs::create_dir_all(&root).unwrap();
    let big = numbered_lines(5000);
    std::fs::write(root.join("big.txt"), &big).unwrap();
    std::fs::write(root.join("small.txt"), b"tiny").unwrap();
    let img = pack(&root, &tmp.path().join("a.7z"), &["-m0=lzma2", "-ms=off"]);
    let vfs = unpack(Bytes::from(img));
    let t = tree_of(&vfs, "7z");
    let data = |p: &str| match &t.get(p).unwrap().kind {
        NodeKind::File(d) => d.clone(),
        k => panic!("{p}: {k:?}"),
    };
    assert!(data("/big.txt").is_lazy() && !data("/small.txt").is_lazy());
    assert_eq!(data("/big.txt").read().unwrap(), Bytes::from(big));
    assert_eq!(&data("/small.txt").read().unwrap()[..], b"tiny");
    assert_eq!(read_every_file(&vfs), 0);
}

#[test]
fn encrypted_entries_are_reported_and_the_rest_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("root");
    std::fs::create_dir_all(root.join("plain")).unwrap();
    std::fs::write(root.join("plain/readme.txt"), b"hello\n").unwrap();
    let out = tmp.path().join("a.7z");
    pack(&root, &out, &["-m0=lzma2"]);
    // a second, encrypted file added to the same archive (7-Zip keeps the first block as it was)
    let root2 = tmp.path().join("root2");
    std::fs::create_dir_all(&root2).unwrap();
    std::fs::write(root2.join("secret.txt"), b"password=hunter2\n".repeat(10)).unwrap();
    let img = pack(&root2, &out, &["-m0=lzma2", "-pSECRET", "-mhe=off"]);
    let vfs = unpack(Bytes::from(img));
    let l = vfs.layers.iter().find(|l| l.format == "7z").unwrap();
    let t = l.tree.as_ref().unwrap();
    assert_eq!(t.read("/plain/readme.txt").as_deref(), Some(&b"hello\n"[..]));
    assert!(t.get("/secret.txt").is_none());
    assert!(l.problems.iter().any(|p| p.message.contains("encrypted")), "{:?}", l.problems);
}

#[test]
fn encrypted_header_is_an_error_saying_so() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("root");
    std::fs::create_dir_all(&root).unwrap();
    std::fs::write(root.join("secret.txt"), b"password=hunter2\n").unwrap();
    let img = pack(&root, &tmp.path().join("a.7z"), &["-pSECRET", "-mhe=on"]);
    let vfs = unpack(Bytes::from(img));
    let problems = vfs.all_problems();
    assert!(problems.iter().any(|p| p.message.contains("encrypted")), "{problems:?}");
}

#[test]
fn bomb_is_bounded() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("root");
    std::fs::create_dir_all(&root).unwrap();
    let f = std::fs::File::create(root.join("a-bomb")).unwrap();
    f.set_len(256 << 20).unwrap();
    std::fs::write(root.join("0-first"), b"before the bomb").unwrap();
    std::fs::write(root.join("z-last"), b"after the bomb").unwrap();
    for solid in ["-ms=on", "-ms=off"] {
        let img = pack(&root, &tmp.path().join(format!("bomb{solid}.7z")), &["-m0=lzma2", solid]);
        assert!(img.len() < 100_000, "{}", img.len());
        let limits = Limits { max_ratio: 10, ratio_floor_bytes: 1 << 20, ..Limits::default() };
        let start = std::time::Instant::now();
        let vfs = unpack_with(Bytes::from(img), &limits);
        assert!(start.elapsed().as_secs() < 20);
        let l = vfs.layers.iter().find(|l| l.format == "7z").unwrap();
        let t = l.tree.as_ref().unwrap();
        // the first file spent 15 bytes of the allowance
        assert_eq!(t.read("/a-bomb").unwrap().len(), (1 << 20) - 15, "{solid}");
        assert!(l.problems.iter().any(|p| p.message.contains("limit")), "{solid}: {:?}", l.problems);
        assert_eq!(t.read("/0-first").as_deref(), Some(&b"before the bomb"[..]));
        // the solid block stops at the cut: the file after the bomb is said to be lost; in a non-solid
        // archive the bomb spent the layer's allowance, so the file after it is cut to nothing, and said so
        let after = if solid == "-ms=on" { "not decoded" } else { "entry cut" };
        assert!(
            l.problems
                .iter()
                .any(|p| p.message.contains(after) && p.path.as_deref().is_some_and(|p| p.contains("z-last"))),
            "{solid}: {:?}",
            l.problems
        );
    }
}

#[test]
fn truncated_archive_is_reported() {
    let (_t, img) = build(&["-m0=lzma2"]);
    let vfs = unpack(Bytes::copy_from_slice(&img[..img.len() / 2]));
    let problems = vfs.all_problems();
    assert!(problems.iter().any(|p| p.message.contains("7z")), "{problems:?}");
}

#[test]
fn hostile_images() {
    let (_t, img) = build(&["-m0=lzma2", "-ms=on"]);
    hostile(&img, "7z");
    let (_t, img) = build(&["-m0=copy"]);
    hostile(&img, "7z");
    let (_t, img) = build(&["-m0=lzma", "-ms=off"]);
    hostile(&img, "7z");
}

#[test]
fn ros_sample_web_ui() {
    // the real sample, when the shared folder is there: the 7z inside the ROS container is read whole
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/realfw/images/ros_switch_test.ros");
    let Ok(img) = std::fs::read(&p) else {
        eprintln!("{} absent; skipped", p.display());
        return;
    };
    let vfs = unpack(Bytes::from(img));
    let l = vfs.layers.iter().find(|l| l.format == "7z").expect("a 7z layer");
    assert!(l.problems.is_empty(), "{:?}", l.problems);
    assert!(l.file_count() > 300, "{}", l.file_count());
}
