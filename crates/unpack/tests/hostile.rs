//! The hostile-image corpus, built by the tests: path traversal, absolute names, symlink loops and
//! escapes, decompression bombs (flat and nested), truncated and bit-flipped images of every format,
//! bogus and self-referencing structures, and nesting beyond the depth limit.
//!
//! Every case asserts: no panic, bounded output (the limits hold), a problem record where something was
//! refused or lost, and that writing the result with [`Sink`] puts nothing outside the output folder.

use crate::common;

use std::fs;
use std::io::Write;
use std::path::Path;
use std::time::Duration;

use bytes::Bytes;
use common::*;
use fwassure_model::{NodeKind, Vfs};
use fwassure_unpack::sink::Sink;
use fwassure_unpack::{unpack_with, Limits};

fn small_limits() -> Limits {
    Limits {
        max_depth: 8,
        max_total_bytes: 64 << 20,
        max_files: 50_000,
        max_layers: 256,
        max_stream_bytes: 32 << 20,
        max_ratio: 100,
        ratio_floor_bytes: 4 << 20,
        time_budget: Duration::from_secs(30),
        max_failed_candidates: 256,
    }
}

/// Unpack under `limits`, checking the invariants that hold for every input.
fn unpack_checked(data: Vec<u8>, limits: &Limits, what: &str) -> Vfs {
    let len = data.len() as u64;
    let r = std::panic::catch_unwind(|| unpack_with(Bytes::from(data), limits));
    let vfs = r.unwrap_or_else(|_| panic!("{what}: unpack panicked"));
    // bounded output: decompressed layers and tree data stay within the total limit
    let produced: u64 = vfs
        .layers
        .iter()
        .filter(|l| l.offset == 0 && l.parent.is_some() && l.source_path.is_none())
        .map(|l| l.data.len() as u64)
        .sum();
    assert!(
        vfs.unpacked_bytes() <= limits.max_total_bytes + len && produced <= limits.max_total_bytes + len,
        "{what}: output {} / {produced} bytes exceeds the limit {}",
        vfs.unpacked_bytes(),
        limits.max_total_bytes
    );
    assert!(vfs.layers.len() <= limits.max_layers + 1, "{what}: {} layers", vfs.layers.len());
    read_every_file(&vfs);
    for l in &vfs.layers {
        if let Some(t) = &l.tree {
            for (p, _) in t.iter() {
                assert!(p.starts_with('/') && !p.split('/').any(|c| c == ".."), "{what}: bad tree path {p:?}");
            }
        }
    }
    vfs
}

/// Write every layer as `fwassure extract` does, into `base/out`, and assert nothing appeared outside
/// `out` and no written symlink leads outside its layer folder.
fn extract_safely(vfs: &Vfs, what: &str) -> Vec<String> {
    let base = tempfile::tempdir().unwrap();
    let out = base.path().join("out");
    let sink = Sink::new(&out).unwrap();
    let mut skipped = Vec::new();
    for l in &vfs.layers {
        let folder = format!("{}-{}", l.id, l.format);
        match &l.tree {
            Some(t) => skipped.extend(sink.write_tree(&folder, t).unwrap().skipped),
            None => {
                sink.write_blob(&folder, "data.bin", &l.data).unwrap();
            }
        }
    }
    let outside: Vec<_> = fs::read_dir(base.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(
        outside,
        vec![std::ffi::OsString::from("out")],
        "{what}: something was written outside the output folder"
    );
    // every symlink stays inside its layer folder (checked lexically, without following anything)
    let mut stack = vec![out.clone()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            let m = fs::symlink_metadata(&p).unwrap();
            if m.file_type().is_symlink() {
                let t = fs::read_link(&p).unwrap();
                assert!(t.is_relative(), "{what}: absolute symlink {} -> {}", p.display(), t.display());
                let layer_dir = out.join(p.strip_prefix(&out).unwrap().components().next().unwrap());
                let mut depth: i64 = p.parent().unwrap().strip_prefix(&layer_dir).unwrap().components().count() as i64;
                for c in t.components() {
                    match c {
                        std::path::Component::ParentDir => depth -= 1,
                        std::path::Component::Normal(_) => depth += 1,
                        _ => {}
                    }
                    assert!(depth >= 0, "{what}: symlink {} -> {} leaves its layer folder", p.display(), t.display());
                }
            } else if m.is_dir() {
                stack.push(p);
            }
        }
    }
    skipped
}

// ---------------------------------------------------------------- hand-built archives

fn tar_entry(name: &str, typ: u8, link: &str, data: &[u8]) -> Vec<u8> {
    let mut h = vec![0u8; 512];
    h[..name.len().min(100)].copy_from_slice(&name.as_bytes()[..name.len().min(100)]);
    h[100..108].copy_from_slice(b"0000644\0");
    h[108..116].copy_from_slice(b"0000000\0");
    h[116..124].copy_from_slice(b"0000000\0");
    h[124..136].copy_from_slice(format!("{:011o}\0", data.len()).as_bytes());
    h[136..148].copy_from_slice(b"00000000000\0");
    h[148..156].copy_from_slice(b"        ");
    h[156] = typ;
    h[157..157 + link.len()].copy_from_slice(link.as_bytes());
    h[257..263].copy_from_slice(b"ustar\0");
    h[263..265].copy_from_slice(b"00");
    let sum: u32 = h.iter().map(|&b| b as u32).sum();
    h[148..156].copy_from_slice(format!("{sum:06o}\0 ").as_bytes());
    h.extend_from_slice(data);
    h.resize(h.len().div_ceil(512) * 512, 0);
    h
}

fn cpio_entry(name: &str, mode: u32, data: &[u8], ino: u32) -> Vec<u8> {
    let namesize = name.len() + 1;
    let mut v = format!(
        "070701{ino:08x}{mode:08x}{:08x}{:08x}{:08x}{:08x}{:08x}{:08x}{:08x}{:08x}{:08x}{namesize:08x}{:08x}",
        0,
        0,
        1,
        0,
        data.len(),
        0,
        0,
        0,
        0,
        0
    )
    .into_bytes();
    v.extend_from_slice(name.as_bytes());
    v.push(0);
    v.resize(v.len().div_ceil(4) * 4, 0);
    v.extend_from_slice(data);
    v.resize(v.len().div_ceil(4) * 4, 0);
    v
}

fn cpio_end(mut v: Vec<u8>) -> Vec<u8> {
    v.extend(cpio_entry("TRAILER!!!", 0, b"", 0));
    v.resize(v.len().div_ceil(512) * 512, 0);
    v
}

/// Traversal names, absolute names, link escapes, loops and writes through links — as tar and as cpio.
fn traversal_entries() -> Vec<(&'static str, char, &'static str)> {
    vec![
        ("../../evil-dotdot", 'f', ""),
        ("/abs-name", 'f', ""),
        ("a/../../../evil-mid", 'f', ""),
        ("..\\..\\evil-backslash", 'f', ""),
        ("up", 'l', "../../../../../../tmp"),
        ("up/through-link", 'f', ""),
        ("abs-link", 'l', "/etc/passwd"),
        ("etc/deep-escape", 'l', "../../../../../../../../etc/shadow"),
        ("loop1", 'l', "loop2"),
        ("loop2", 'l', "loop1"),
        ("self", 'l', "self"),
        ("ok/file", 'f', ""),
        ("ok/link", 'l', "file"),
    ]
}

fn check_traversal(vfs: &Vfs, format: &str) {
    let l = fs_layer(vfs, format);
    let t = l.tree.as_ref().unwrap();
    // escaping names are kept inside the root and recorded
    assert!(t.get("/evil-dotdot").is_some() && t.get("/abs-name").is_some() && t.get("/evil-mid").is_some());
    let msgs: Vec<_> = l.problems.iter().map(|p| p.message.clone()).collect();
    assert!(msgs.iter().any(|m| m.contains("escapes the root")), "{format}: no traversal problem recorded: {msgs:?}");
    // loops and self links end
    assert!(t.resolve("/loop1").is_none() && t.resolve("/self").is_none());
    assert_eq!(t.read("/ok/link").as_deref(), Some(&b"data"[..]));
    // an absolute link resolves inside the layer, never to the host
    assert!(t.read("/abs-link").is_none());
    // an absolute link and one climbing past the root are written as the device sees them: relative links
    // to the same place inside the layer folder (extract_safely checks that no written link leaves it)
    let skipped = extract_safely(vfs, format);
    for s in ["/abs-link", "/etc/deep-escape"] {
        assert!(!skipped.iter().any(|k| k.starts_with(s)), "{format}: {s} was not written: {skipped:?}");
    }
}

#[test]
fn tar_traversal_and_link_escapes() {
    let mut tar = Vec::new();
    for (name, kind, link) in traversal_entries() {
        tar.extend(match kind {
            'f' => tar_entry(name, b'0', "", b"data"),
            _ => tar_entry(name, b'2', link, b""),
        });
    }
    tar.extend(tar_entry("hard-escape", b'1', "../../../etc/passwd", b""));
    tar.extend(vec![0u8; 1024]);
    let vfs = unpack_checked(tar, &small_limits(), "tar traversal");
    check_traversal(&vfs, "tar");
}

#[test]
fn cpio_traversal_and_link_escapes() {
    let mut c = Vec::new();
    for (i, (name, kind, link)) in traversal_entries().into_iter().enumerate() {
        c.extend(match kind {
            'f' => cpio_entry(name, 0o100644, b"data", i as u32 + 1),
            _ => cpio_entry(name, 0o120777, link.as_bytes(), i as u32 + 1),
        });
    }
    let vfs = unpack_checked(cpio_end(c), &small_limits(), "cpio traversal");
    check_traversal(&vfs, "cpio");
}

#[test]
fn squashfs_with_traversal_symlinks_is_extracted_safely() {
    need("mksquashfs", "squashfs-tools");
    let d = tempfile::tempdir().unwrap();
    let src = d.path().join("src");
    fs::create_dir_all(src.join("etc")).unwrap();
    fs::write(src.join("etc/passwd"), b"root:x:0:0\n").unwrap();
    for (at, to) in [("escape", "../../../../../../etc"), ("abs", "/etc/passwd"), ("l1", "l2"), ("l2", "l1")] {
        std::os::unix::fs::symlink(to, src.join(at)).unwrap();
    }
    let img = d.path().join("x.sqfs");
    sh(d.path(), &format!("mksquashfs {} {} -noappend -quiet -no-progress", src.display(), img.display()));
    let vfs = unpack_checked(fs::read(&img).unwrap(), &small_limits(), "squashfs links");
    let t = fs_layer(&vfs, "squashfs").tree.as_ref().unwrap();
    assert_eq!(t.read("/escape/passwd").as_deref(), Some(&b"root:x:0:0\n"[..]), "escape resolves inside the layer");
    assert!(t.resolve("/l1").is_none());
    // the escaping and the absolute link are written relative, inside the layer folder; the loop is written
    // as the loop it is (extract_safely checks that no written link leaves the layer folder)
    let skipped = extract_safely(&vfs, "squashfs links");
    assert!(skipped.is_empty(), "{skipped:?}");
}

// ---------------------------------------------------------------- decompression bombs

fn zeros_through(cmd: &str, gib: u64, package: &str) -> Vec<u8> {
    need(cmd.split_whitespace().next().unwrap(), package);
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("head -c {} /dev/zero | {cmd}", gib << 30))
        .output()
        .unwrap();
    assert!(out.status.success(), "{cmd}: {}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

fn assert_bomb_stopped(vfs: &Vfs, limit: u64, what: &str) {
    let biggest = vfs.layers.iter().map(|l| l.data.len() as u64).max().unwrap_or(0);
    assert!(biggest <= limit, "{what}: a layer of {biggest} bytes passed the limit {limit}");
    let probs = read_problems(vfs);
    assert!(
        probs.iter().any(|p| p.message.contains("limit") || p.message.contains("bomb")),
        "{what}: no problem recorded for the bomb: {probs:?}"
    );
}

#[test]
fn decompression_bombs_are_bounded() {
    let limits = small_limits();
    for (cmd, gib, pkg) in [("gzip -1", 2, "gzip"), ("xz -0 -T1", 1, "xz-utils"), ("zstd -q -1", 4, "zstd")] {
        let bomb = zeros_through(cmd, gib, pkg);
        let n = bomb.len() as u64;
        let vfs = unpack_checked(bomb.clone(), &limits, cmd);
        let cap = (n * limits.max_ratio).max(limits.ratio_floor_bytes).min(limits.max_stream_bytes);
        assert_bomb_stopped(&vfs, cap, cmd);
        // default limits too: the stream stops at the ratio limit, far below the GiBs claimed
        let vfs = unpack_checked(bomb, &Limits::default(), cmd);
        let d = Limits::default();
        assert_bomb_stopped(&vfs, (n * d.max_ratio).max(d.ratio_floor_bytes), cmd);
        let _ = extract_safely(&vfs, cmd);
    }
}

fn gz(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

#[test]
fn nested_bombs_are_bounded() {
    // gzip(gzip(gzip(1 GiB of zeros))): each level is small, the total is charged against one budget
    let inner = zeros_through("gzip -9", 1, "gzip");
    let mut b = gz(&gz(&inner));
    let limits = small_limits();
    let vfs = unpack_checked(b.clone(), &limits, "nested gzip bomb");
    assert_bomb_stopped(&vfs, limits.max_stream_bytes, "nested gzip bomb");
    // many bombs in one archive: the total budget stops them
    let mut tar = Vec::new();
    for i in 0..40 {
        tar.extend(tar_entry(&format!("bomb{i}.gz"), b'0', "", &inner));
    }
    tar.extend(vec![0u8; 1024]);
    let vfs = unpack_checked(tar, &limits, "archive of bombs");
    let total: u64 = vfs.layers.iter().filter(|l| l.format == "gzip").map(|l| l.data.len() as u64).sum();
    assert!(total > 0);
    assert!(
        read_problems(&vfs).iter().any(|p| p.message.contains("limit")),
        "archive of bombs: no limit problem recorded"
    );
    b.truncate(b.len() / 2);
    let _ = unpack_checked(b, &limits, "truncated nested bomb");
}

#[test]
fn nesting_beyond_max_depth_is_cut() {
    let mut data = b"innermost payload that is not a format".to_vec();
    for _ in 0..14 {
        data = gz(&data);
    }
    let limits = small_limits();
    let vfs = unpack_checked(data, &limits, "deep gzip");
    let depth = |l: &fwassure_model::Layer| {
        let mut d = 0;
        let mut cur = l;
        while let Some(p) = cur.parent.as_deref().and_then(|id| vfs.layer(id)) {
            d += 1;
            cur = p;
        }
        d
    };
    let max = vfs.layers.iter().map(depth).max().unwrap();
    assert!(max <= limits.max_depth + 1, "layers nested {max} deep, limit {}", limits.max_depth);
    assert!(
        read_problems(&vfs).iter().any(|p| p.message.contains("depth limit")),
        "no depth-limit problem: {:?}",
        read_problems(&vfs)
    );
}

// ---------------------------------------------------------------- bogus structures

#[test]
fn bogus_and_overflowing_headers() {
    let limits = small_limits();
    // cpio: sizes and name sizes near u64/usize overflow
    let mut c = b"070701".to_vec();
    for v in [1u64, 0o100644, 0, 0, 1, 0, 0xffff_ffff, 0, 0, 0, 0, 0xffff_ffff, 0] {
        c.extend_from_slice(format!("{v:08x}").as_bytes());
    }
    c.extend_from_slice(b"name\0\0");
    c.extend(vec![0x41; 600]);
    let _ = unpack_checked(c.clone(), &limits, "cpio huge sizes");
    let mut odc = b"070707".to_vec();
    odc.extend_from_slice(b"000001000001100644000000000000000001000000000000000000000007777777777777777");
    odc.extend_from_slice(b"name\0");
    let _ = unpack_checked(odc, &limits, "odc huge sizes");
    // tar: base-256 and octal sizes far past the data
    let mut t = tar_entry("big", b'0', "", b"");
    t[124..136].copy_from_slice(b"77777777777\0");
    let sum: u32 = t[..512].iter().enumerate().map(|(i, &b)| if (148..156).contains(&i) { 32 } else { b as u32 }).sum();
    t[148..156].copy_from_slice(format!("{sum:06o}\0 ").as_bytes());
    t.extend(vec![0x42; 2048]);
    let vfs = unpack_checked(t, &limits, "tar huge size");
    assert!(!read_problems(&vfs).is_empty(), "tar huge size: no problem recorded");
    // uImage multi with huge part sizes, and a header claiming 4 GiB
    let mut parts = Vec::new();
    for s in [0xffff_fff0u32, 0x7fff_ffff, 16, 0] {
        parts.extend_from_slice(&s.to_be_bytes());
    }
    parts.extend(noise(5, 256));
    for payload in [parts.clone(), noise(6, 64)] {
        let mut h = vec![0u8; 64];
        h[..4].copy_from_slice(&0x2705_1956u32.to_be_bytes());
        let claimed = if payload.len() == 64 { u32::MAX - 64 } else { payload.len() as u32 };
        h[12..16].copy_from_slice(&claimed.to_be_bytes());
        h[24..28].copy_from_slice(&crc32fast::hash(&payload).to_be_bytes());
        h[28] = 5;
        h[29] = 5;
        h[30] = if payload.len() == 64 { 2 } else { 4 };
        let crc = crc32fast::hash(&h);
        h[4..8].copy_from_slice(&crc.to_be_bytes());
        h.extend(payload);
        let vfs = unpack_checked(h, &limits, "uimage huge sizes");
        assert!(!read_problems(&vfs).is_empty(), "uimage huge sizes: no problem recorded");
    }
}

/// A gzip squashfs of the source tree, by mksquashfs.
fn gzip_squashfs() -> Vec<u8> {
    need("mksquashfs", "squashfs-tools");
    let d = tempfile::tempdir().unwrap();
    let src = d.path().join("src");
    source_tree(&src);
    let img = d.path().join("x.sqfs");
    sh(d.path(), &format!("mksquashfs {} {} -noappend -quiet -no-progress -comp gzip", src.display(), img.display()));
    fs::read(&img).unwrap()
}

#[test]
fn squashfs_with_bogus_tables() {
    let good = gzip_squashfs();
    let limits = small_limits();
    let len = good.len() as u64;
    // table pointers (inode 64, directory 72, fragment 80, export 88, id 48, xattr 56) aimed at the
    // superblock itself, at the end, past the end, and at each other; bytes_used (40) huge or tiny
    let fields = [40usize, 48, 56, 64, 72, 80, 88];
    let values = [0u64, 8, 96, len - 8, len, len + 1, u64::MAX, u64::MAX - 1, 1 << 40];
    let mut n = 0;
    for &f in &fields {
        for &v in &values {
            let mut b = good.clone();
            b[f..f + 8].copy_from_slice(&v.to_le_bytes());
            let vfs = unpack_checked(b, &limits, &format!("squashfs field {f} = {v:#x}"));
            let sq = vfs.layers.iter().find(|l| l.format == "squashfs");
            if let Some(l) = sq {
                let complete = l.tree.as_ref().is_some_and(|t| t.files().count() >= 10);
                assert!(
                    complete || !read_problems(&vfs).is_empty(),
                    "squashfs field {f} = {v:#x}: content lost without a problem"
                );
            }
            n += 1;
        }
    }
    // inode and block counts
    for (f, v) in [(4usize, u32::MAX), (4, 0), (16, u32::MAX), (24, u32::MAX)] {
        let mut b = good.clone();
        b[f..f + 4].copy_from_slice(&v.to_le_bytes());
        let _ = unpack_checked(b, &limits, &format!("squashfs u32 field {f} = {v:#x}"));
        n += 1;
    }
    assert!(n > 60);
}

// ---------------------------------------------------------------- truncated and bit-flipped images

struct XorShift(u64);
impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Small images of every format, built by the real tools.
fn small_images(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let src = dir.join("src");
    fs::create_dir_all(src.join("etc")).unwrap();
    fs::create_dir_all(src.join("bin")).unwrap();
    fs::write(src.join("etc/passwd"), b"root:x:0:0:root:/root:/bin/sh\n").unwrap();
    fs::write(src.join("etc/numbers"), (0..3000).map(|i| format!("{i}\n")).collect::<String>()).unwrap();
    fs::write(src.join("bin/busybox"), noise(4, 9000)).unwrap();
    std::os::unix::fs::symlink("busybox", src.join("bin/sh")).unwrap();
    let mut v = Vec::new();
    let mut add = |name: &str, script: String| {
        sh(dir, &script);
        v.push((name.to_string(), fs::read(dir.join("out.img")).unwrap()));
    };
    let s = src.display();
    need("mksquashfs", "squashfs-tools");
    need("mke2fs", "e2fsprogs");
    need("cpio", "cpio");
    need("mkimage", "u-boot-tools");
    for c in ["gzip", "xz", "lzo", "lz4", "zstd", "lzma"] {
        add(
            &format!("squashfs-{c}"),
            format!("mksquashfs {s} out.img -b 4096 -comp {c} -noappend -quiet -no-progress"),
        );
    }
    add("ext2", format!("mke2fs -q -F -t ext2 -N 32 -b 1024 -d {s} out.img 256K"));
    add("ext4", format!("mke2fs -q -F -t ext4 -O ^has_journal -N 32 -b 1024 -d {s} out.img 512K"));
    for f in ["newc", "crc", "odc"] {
        add(&format!("cpio-{f}"), format!("cd {s} && find . | cpio --quiet -o -H {f} > ../out.img"));
    }
    for f in ["ustar", "gnu", "pax"] {
        add(&format!("tar-{f}"), format!("tar -C {s} --format={f} -cf out.img ."));
    }
    for (n, cmd) in [
        ("gzip", "gzip -c"),
        ("xz", "xz -c"),
        ("lzma", "lzma -c"),
        ("zstd", "zstd -q -c"),
        ("lz4", "lz4 -q -c"),
        ("bzip2", "bzip2 -c"),
    ] {
        add(&format!("{n}-tar"), format!("tar -C {s} -cf a.tar . && {cmd} < a.tar > out.img"));
    }
    add("uimage-squashfs", format!("mksquashfs {s} a.sqfs -comp xz -noappend -quiet -no-progress && mkimage -A arm -O linux -T filesystem -C none -a 0 -e 0 -n x -d a.sqfs out.img >/dev/null"));
    add("uimage-multi", "head -c 5001 /dev/urandom > k && mkimage -A arm -O linux -T multi -C none -a 0 -e 0 -n x -d k:a.sqfs out.img >/dev/null".to_string());
    add("uimage-gzip", format!("tar -C {s} -cf a.tar . && gzip -c a.tar > a.gz && mkimage -A arm -O linux -T ramdisk -C gzip -a 0 -e 0 -n x -d a.gz out.img >/dev/null"));
    v
}

#[test]
fn truncated_and_bit_flipped_images() {
    let d = tempfile::tempdir().unwrap();
    let images = small_images(d.path());
    let limits = Limits { time_budget: Duration::from_secs(10), ..small_limits() };
    let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
    let mut variants = 0;
    let mut silent = Vec::new();
    for (name, good) in &images {
        let reference = unpack_checked(good.clone(), &limits, name);
        assert!(
            read_problems(&reference).is_empty(),
            "{name}: clean image has problems {:?}",
            read_problems(&reference)
        );
        let ref_files: usize = reference.layers.iter().map(|l| l.file_count()).sum();
        assert!(ref_files >= 3, "{name}: reference unpack found {ref_files} files");
        for i in 0..60 {
            let mut b = good.clone();
            let kind = i % 4;
            match kind {
                0 => b.truncate(rng.below(b.len())),
                1 => {
                    for _ in 0..1 + rng.below(8) {
                        let p = rng.below(b.len());
                        b[p] ^= 1 << rng.below(8);
                    }
                }
                2 => {
                    // a run of garbage somewhere in the first 4 KiB (headers and tables)
                    let p = rng.below(b.len().min(4096));
                    for k in p..(p + 1 + rng.below(32)).min(b.len()) {
                        b[k] = rng.next() as u8;
                    }
                }
                _ => {
                    let p = rng.below(b.len());
                    let q = (p + 1 + rng.below(4096)).min(b.len());
                    b.drain(p..q);
                }
            }
            let what = format!("{name} variant {i}");
            let vfs = unpack_checked(b, &limits, &what);
            // a truncated image that lost files must say so
            let files: usize = vfs.layers.iter().map(|l| l.file_count()).sum();
            if kind == 0 && files < ref_files && read_problems(&vfs).is_empty() {
                silent.push(format!("{what}: {files} of {ref_files} files, no problem"));
            }
            if i % 15 == 0 {
                let _ = extract_safely(&vfs, &what);
            }
            variants += 1;
        }
    }
    assert!(variants >= 1000, "{variants} variants");
    assert!(silent.is_empty(), "truncation lost files silently:\n  {}", silent.join("\n  "));
}

#[test]
fn devices_are_recorded_never_created() {
    let mut c = Vec::new();
    let mut e = cpio_entry("dev/sda", 0o060660, b"", 1);
    // rdevmajor 8, rdevminor 0 (fields 10 and 11 of the header)
    e[6 + 9 * 8..6 + 10 * 8].copy_from_slice(b"00000008");
    c.extend(e);
    c.extend(cpio_entry("dev/fifo", 0o010644, b"", 2));
    let vfs = unpack_checked(cpio_end(c), &small_limits(), "devices");
    let t = fs_layer(&vfs, "cpio").tree.as_ref().unwrap();
    assert_eq!(t.get("/dev/sda").unwrap().kind, NodeKind::BlockDevice { major: 8, minor: 0 });
    assert!(extract_safely(&vfs, "devices").is_empty());
    // written as empty regular files, never as a device or a fifo
    let d = tempfile::tempdir().unwrap();
    let rep = Sink::new(d.path()).unwrap().write_tree("L1-cpio", t).unwrap();
    assert_eq!(rep.specials, 2);
    for name in ["dev/sda", "dev/fifo"] {
        let m = fs::symlink_metadata(d.path().join("L1-cpio").join(name)).unwrap();
        assert!(m.file_type().is_file() && m.len() == 0, "{name}: {m:?}");
    }
}

#[test]
fn sparse_squashfs_files_are_held_to_the_expansion_limit() {
    // a 64 MiB file of sparse blocks stores nothing: it may not expand past the ratio floor; a small real
    // file next to it is read
    need("mksquashfs", "squashfs-tools");
    let d = tempfile::tempdir().unwrap();
    let src = d.path().join("src");
    fs::create_dir_all(&src).unwrap();
    fs::File::create(src.join("sparse.img")).unwrap().set_len(64 << 20).unwrap();
    fs::write(src.join("real"), noise(3, 100_000)).unwrap();
    let img = d.path().join("x.sqfs");
    sh(d.path(), &format!("mksquashfs {} {} -noappend -quiet -no-progress -comp gzip", src.display(), img.display()));
    let image = fs::read(&img).unwrap();
    assert!(image.len() < 1 << 20);
    let vfs = unpack_checked(image, &small_limits(), "sparse squashfs");
    let t = tree_of(&vfs, "squashfs");
    assert_eq!(t.read("/real").unwrap().len(), 100_000);
    assert_eq!(t.get("/sparse.img").unwrap().size(), 0, "the sparse file's content is skipped");
    let p = read_problems(&vfs);
    assert!(p.iter().any(|p| p.path.as_deref() == Some("/sparse.img") && p.message.contains("expansion")), "{p:?}");
}

/// A 4 MiB blob of overlapping squashfs superblocks (a real superblock every KiB, each claiming the rest of
/// the blob, its tables pointing into the other superblocks): the candidates that fail do not become layers,
/// at most `max_failed_candidates` are tried, and the output stays proportional to the input.
#[test]
fn overlapping_superblock_storm_is_bounded() {
    let good = gzip_squashfs();
    let size = 4usize << 20;
    let mut storm = vec![0u8; size];
    for at in (0..size - 96).step_by(1024) {
        let mut sb = good[..96].to_vec();
        sb[40..48].copy_from_slice(&((size - at) as u64).to_le_bytes());
        storm[at..at + 96].copy_from_slice(&sb);
    }
    let limits = Limits { max_failed_candidates: 256, ..small_limits() };
    let vfs = unpack_checked(storm, &limits, "superblock storm");
    assert!(vfs.layers.len() <= 8, "{} layers", vfs.layers.len());
    assert!(!read_problems(&vfs).is_empty(), "the failed candidates are said");
    let written: u64 = vfs.layers.iter().map(|l| l.data.len() as u64).sum::<u64>() + vfs.unpacked_bytes();
    assert!(written <= 3 * size as u64, "{written} bytes of output for a 4 MiB input");
    extract_safely(&vfs, "superblock storm");
}
