//! Shared helpers for the format fixture tests: build a sample directory, run fixture-building tools,
//! compare an extracted tree with the directory, and feed hostile variants to the engine.
#![allow(dead_code)]

use bytes::Bytes;
use fwassure_model::{NodeKind, Tree, Vfs};
use fwassure_unpack::{unpack_with, Limits};
use std::path::Path;
use std::process::Command;
use std::time::Duration;

/// Fail with a clear message when a fixture tool is missing.
pub fn require_tool(bin: &str, apt_package: &str) {
    let found =
        std::env::var_os("PATH").map(|p| std::env::split_paths(&p).any(|d| d.join(bin).is_file())).unwrap_or(false)
            || Path::new("/usr/sbin").join(bin).is_file()
            || Path::new("/sbin").join(bin).is_file();
    assert!(
        found,
        "fixture tool `{bin}` not found: install the Debian package `{apt_package}` (apt-get install -y {apt_package})"
    );
}

/// Run a command, panicking with its stderr when it fails.
pub fn run(cmd: &mut Command) {
    let mut c = cmd;
    if let Some(p) = std::env::var_os("PATH") {
        let mut paths: Vec<_> = std::env::split_paths(&p).collect();
        paths.push("/usr/sbin".into());
        paths.push("/sbin".into());
        c = c.env("PATH", std::env::join_paths(paths).unwrap());
    }
    let out = c.output().unwrap_or_else(|e| panic!("cannot run {c:?}: {e}"));
    assert!(out.status.success(), "{c:?} failed: {}", String::from_utf8_lossy(&out.stderr));
}

/// Deterministic pseudo-random bytes (xorshift64).
pub struct XorShift(pub u64);
impl XorShift {
    /// Next value.
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    /// `n` bytes.
    pub fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next() as u8).collect()
    }
}

/// Populate `dir` with a small but varied tree: text and incompressible files, a multi-block file,
/// an empty file, nested directories, a relative and an absolute symlink, a hard link (when `hardlink`).
pub fn sample_tree(dir: &Path, hardlink: bool) {
    let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
    std::fs::create_dir_all(dir.join("etc/init.d")).unwrap();
    std::fs::create_dir_all(dir.join("usr/lib/deep/er")).unwrap();
    std::fs::create_dir_all(dir.join("empty-dir")).unwrap();
    std::fs::write(dir.join("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534::/:/bin/false\n")
        .unwrap();
    std::fs::write(dir.join("etc/init.d/rcS"), "#!/bin/sh\nmount -a\n".repeat(50)).unwrap();
    let mut big = Vec::new();
    for i in 0..20_000u32 {
        big.extend_from_slice(format!("line {i} of a compressible file\n").as_bytes());
    }
    std::fs::write(dir.join("usr/lib/big.txt"), &big).unwrap();
    std::fs::write(dir.join("usr/lib/random.bin"), rng.bytes(70_000)).unwrap();
    std::fs::write(dir.join("usr/lib/deep/er/small"), b"x").unwrap();
    std::fs::write(dir.join("empty"), b"").unwrap();
    std::os::unix::fs::symlink("../usr/lib/big.txt", dir.join("etc/big-link")).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", dir.join("abs-link")).unwrap();
    if hardlink {
        std::fs::hard_link(dir.join("etc/passwd"), dir.join("usr/passwd-hard")).unwrap();
    }
}

/// Check that every file, directory and symlink under `dir` is in `tree` with the same content.
pub fn assert_tree_matches(dir: &Path, tree: &Tree) {
    fn walk(root: &Path, cur: &Path, tree: &Tree, n: &mut usize) {
        let mut entries: Vec<_> = std::fs::read_dir(cur).unwrap().map(|e| e.unwrap().path()).collect();
        entries.sort();
        for p in entries {
            let rel = format!("/{}", p.strip_prefix(root).unwrap().to_string_lossy());
            let meta = std::fs::symlink_metadata(&p).unwrap();
            let node = tree.get(&rel).unwrap_or_else(|| panic!("{rel} missing from the extracted tree"));
            *n += 1;
            if meta.file_type().is_symlink() {
                let t = std::fs::read_link(&p).unwrap();
                assert_eq!(node.kind, NodeKind::Symlink(t.to_string_lossy().into_owned()), "{rel}");
            } else if meta.is_dir() {
                assert_eq!(node.kind, NodeKind::Dir, "{rel}");
                walk(root, &p, tree, n);
            } else if meta.is_file() {
                let want = std::fs::read(&p).unwrap();
                let got = tree.read(&rel).unwrap_or_else(|| panic!("{rel} is not readable: {:?}", node.kind));
                assert_eq!(got.len(), want.len(), "{rel} size");
                assert!(got[..] == want[..], "{rel} content differs");
            }
        }
    }
    let mut n = 0;
    walk(dir, dir, tree, &mut n);
    assert!(n >= 10, "only {n} entries compared");
}

/// Limits for hostile runs: small enough to stay fast.
pub fn hostile_limits() -> Limits {
    Limits { max_depth: 3, time_budget: Duration::from_secs(20), max_total_bytes: 256 << 20, ..Limits::default() }
}

/// The first layer of `format` with a tree.
pub fn tree_of<'a>(vfs: &'a Vfs, format: &str) -> &'a Tree {
    vfs.layers.iter().find(|l| l.format == format && l.tree.is_some()).and_then(|l| l.tree.as_ref()).unwrap_or_else(
        || {
            let fmts: Vec<_> = vfs.layers.iter().map(|l| (l.format.clone(), l.problems.clone())).collect();
            panic!("no {format} tree layer; layers: {fmts:?}; problems: {:?}", vfs.problems)
        },
    )
}

/// All problems of a VFS (layers and global).
pub fn problem_count(vfs: &Vfs) -> usize {
    vfs.problems.len() + vfs.layers.iter().map(|l| l.problems.len()).sum::<usize>()
}

/// What layers of `format` yielded: their regular files plus their child layers (streams).
pub fn files_in(vfs: &Vfs, format: &str) -> usize {
    vfs.layers
        .iter()
        .filter(|l| l.format == format)
        .map(|l| l.file_count() + vfs.layers.iter().filter(|c| c.parent.as_deref() == Some(l.id.as_str())).count())
        .sum()
}

/// Truncate at every 1/16th and flip bits in 200 seeded variants; the engine must not panic, and a
/// truncated image must either record a problem or yield fewer files of `format` than the whole one.
pub fn hostile(image: &[u8], format: &str) {
    let full = unpack_with(Bytes::copy_from_slice(image), &hostile_limits());
    let full_files = files_in(&full, format);
    assert!(full.layers.iter().any(|l| l.format == format), "the intact image is not read as {format}");
    for k in 1..16 {
        let cut = image.len() * k / 16;
        let vfs = unpack_with(Bytes::copy_from_slice(&image[..cut]), &hostile_limits());
        let files = files_in(&vfs, format);
        if image[cut..].iter().all(|&b| b == 0 || b == 0xff) {
            continue; // only padding was cut
        }
        assert!(
            problem_count(&vfs) > 0 || files < full_files,
            "truncation at {k}/16 ({cut} bytes) went unnoticed: {files} files, no problem"
        );
    }
    let mut rng = XorShift(0x1234_5678_9abc_def1);
    let mut noticed = 0;
    for _ in 0..200 {
        let mut v = image.to_vec();
        let flips = 1 + (rng.next() % 8) as usize;
        for _ in 0..flips {
            let pos = (rng.next() % v.len() as u64) as usize;
            v[pos] ^= 1 << (rng.next() % 8);
        }
        let vfs = unpack_with(Bytes::from(v), &hostile_limits());
        if problem_count(&vfs) > 0 || files_in(&vfs, format) != full_files {
            noticed += 1;
        }
    }
    // flips in padding or file data of formats without data checksums can pass silently, but not all of them
    assert!(noticed > 0, "none of 200 bit-flipped variants was noticed");
}
