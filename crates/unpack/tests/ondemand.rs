//! Files read on demand: every format that keeps big files compressed until the content pass reads them
//! (squashfs, UBIFS, JFFS2 in both byte orders, cramfs in both byte orders) gives the same contents as the
//! source, keeps a big file lazy and a small one in memory, keeps the head, finds a nested image from the
//! head alone, and lets the content pass read every file without a problem.
//! Needs squashfs-tools, mtd-utils, util-linux and gzip.

use crate::common;

use std::fs;
use std::path::Path;

use bytes::Bytes;
use common::*;
use fwassure_model::{FileData, NodeKind};
use fwassure_unpack::{unpack_with, Limits};

/// The source tree: a big file of many blocks, a small one, and a gzip'd payload bigger than the
/// in-memory threshold.
fn source(dir: &Path) -> (std::path::PathBuf, Vec<u8>) {
    need("gzip", "gzip");
    let src = dir.join("src");
    fs::create_dir_all(src.join("lib")).unwrap();
    let big = numbered_lines(6000); // ~340 KiB
    fs::write(src.join("lib/big.bin"), &big).unwrap();
    fs::write(src.join("small.conf"), b"key=value\n").unwrap();
    fs::write(src.join("payload"), noise(7, 64 << 10)).unwrap();
    sh(dir, "gzip -9 -n -k src/payload && mv src/payload.gz src/update.gz && rm src/payload");
    (src, big)
}

/// Unpack `image` and check the on-demand behaviour of its `format` layer.
fn check_on_demand(image: Vec<u8>, format: &str, big: &[u8], src: &Path) {
    let gz_len = fs::metadata(src.join("update.gz")).unwrap().len();
    let vfs = unpack_with(Bytes::from(image), &Limits::default());
    let t = tree_of(&vfs, format);
    let data = |p: &str| -> FileData {
        match &t.get(p).unwrap_or_else(|| panic!("{format}: {p} missing")).kind {
            NodeKind::File(d) => d.clone(),
            k => panic!("{format}: {p}: {k:?}"),
        }
    };
    assert!(data("/lib/big.bin").is_lazy(), "{format}: a big file is read on demand");
    assert!(!data("/small.conf").is_lazy(), "{format}: a small file is read at once");
    assert_eq!(data("/small.conf").read().unwrap(), Bytes::from_static(b"key=value\n"));
    assert_eq!(data("/lib/big.bin").len(), big.len() as u64);
    assert_eq!(data("/lib/big.bin").read().unwrap(), Bytes::copy_from_slice(big), "{format}: content");
    assert_eq!(&data("/lib/big.bin").head(14).unwrap()[..], &big[..14], "{format}: the head is kept");
    assert!(data("/update.gz").is_lazy(), "{format}: the payload is read on demand");
    let nested = vfs.layers.iter().find(|l| l.format == "gzip").expect("the nested gzip is unpacked");
    assert_eq!(nested.source_path.as_deref(), Some("/update.gz"), "{format}");
    assert_eq!(nested.size, gz_len, "{format}: the whole payload is read once the head matches");
    let payload = vfs.layers.iter().find(|l| l.parent.as_deref() == Some(nested.id.as_str())).expect("payload");
    assert_eq!(payload.size, 64 << 10, "{format}: the payload is decompressed");
    let scanned = vfs.scan_files(|f| (f.path.to_string(), f.data.len()));
    assert!(scanned.problems.is_empty(), "{format}: {:?}", scanned.problems);
    let got = scanned.results.iter().find(|(e, _)| e.layer.format == format && e.path == "/lib/big.bin").unwrap();
    assert_eq!(got.1 .1, big.len(), "{format}: the content pass reads the whole file");
}

/// Build an image of the source tree with each command (run next to `src`, writing `img`) and check it.
fn check_built(format: &str, (tool, package): (&str, &str), commands: &[String]) {
    need(tool, package);
    let dir = tempfile::tempdir().unwrap();
    let (src, big) = source(dir.path());
    for cmd in commands {
        sh(dir.path(), &format!("rm -f img && {cmd}"));
        check_on_demand(fs::read(dir.path().join("img")).unwrap(), format, &big, &src);
    }
}

#[test]
fn squashfs_reads_big_files_on_demand() {
    let cmds = ["gzip", "zstd"].map(|c| format!("mksquashfs src img -noappend -quiet -no-progress -comp {c} -b 4096"));
    check_built("squashfs", ("mksquashfs", "squashfs-tools"), &cmds);
}

#[test]
fn ubifs_reads_big_files_on_demand() {
    let cmds = ["lzo", "zlib", "zstd"].map(|c| format!("mkfs.ubifs -q -r src -m 2048 -e 126976 -c 100 -x {c} -o img"));
    check_built("ubifs", ("mkfs.ubifs", "mtd-utils"), &cmds);
}

#[test]
fn jffs2_reads_big_files_on_demand() {
    let cmds = ["-l", "-b"].map(|order| format!("mkfs.jffs2 -r src -o img {order} -e 64KiB -p"));
    check_built("jffs2", ("mkfs.jffs2", "mtd-utils"), &cmds);
}

#[test]
fn cramfs_reads_big_files_on_demand() {
    let cmds = ["little", "big"].map(|order| format!("mkfs.cramfs -N {order} src img"));
    check_built("cramfs", ("mkfs.cramfs", "util-linux"), &cmds);
}

#[test]
fn ext2_fragmented_files_are_gathered_on_demand() {
    // 1 KiB blocks: every file past 12 blocks has indirect blocks between its data runs, so it is not one
    // slice of the image; it is gathered from its runs when read
    let cmds = ["ext2", "ext3"].map(|rev| format!("mke2fs -q -F -t {rev} -b 1024 -d src img 4M"));
    check_built("ext", ("mke2fs", "e2fsprogs"), &cmds);
}
