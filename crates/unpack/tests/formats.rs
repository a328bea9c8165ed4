//! Fixture tests: images built by the real Debian tools (squashfs-tools, e2fsprogs, cpio, tar, xz-utils,
//! zstd, lz4, bzip2, gzip, u-boot-tools) from one source tree, read back by fwassure-unpack and compared
//! entry by entry with the source (paths, kinds, sizes, contents, modes, owners, symlink targets, devices).

use crate::common;

use std::fs;
use std::path::Path;

use bytes::Bytes;
use common::*;
use fwassure_unpack::formats::REGISTRY;
use fwassure_unpack::{unpack_with, Limits};

/// Formats with fixture tests, and the test file that holds them. Every format of the registry must be
/// listed here (checked by `every_format_has_fixture_tests`).
const FIXTURES: &[(&str, &str)] = &[
    ("uimage", "formats.rs"),
    ("squashfs", "formats.rs"),
    ("ext", "formats.rs"),
    ("cpio", "formats.rs"),
    ("tar", "formats.rs"),
    ("ar", "ar.rs"),
    ("gzip", "formats.rs"),
    ("xz", "formats.rs"),
    ("lzma", "formats.rs"),
    ("zstd", "formats.rs"),
    ("lz4", "formats.rs"),
    ("bzip2", "formats.rs"),
    // formats added by the other unpack helpers, with their own fixture files
    ("fit", "fit.rs"),
    ("trx", "trx.rs"),
    ("jffs2", "jffs2.rs"),
    ("cramfs", "cramfs.rs"),
    ("romfs", "romfs.rs"),
    ("zip", "zip.rs"),
    ("ubi", "ubi.rs"),
    ("ubifs", "ubi.rs"),
    ("programstore", "rtos.rs"),
    ("zigbee-ota", "rtos.rs"),
    ("ikea-ngis", "rtos.rs"),
    ("esp", "rtos.rs"),
    ("mcuboot", "rtos.rs"),
    ("android-sparse", "android_sparse.rs"),
    ("yaffs2", "yaffs2.rs"),
    ("7z", "sevenzip.rs"),
    ("rar", "rar.rs"),
    ("ros", "ros.rs"),
    // vendor container headers, with their fixtures in one file
    ("tplink", "vendor.rs"),
    ("seama", "vendor.rs"),
    ("wrgg", "vendor.rs"),
    ("arcadyan", "vendor.rs"),
    ("chk", "vendor.rs"),
    ("cvimg", "vendor.rs"),
    ("ubnt", "vendor.rs"),
    ("dlink-encrypted", "vendor.rs"),
    ("dji", "vendor.rs"),
    ("buffalo", "vendor.rs"),
    ("ole", "ole.rs"),
];

#[test]
fn every_format_has_fixture_tests() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut missing = Vec::new();
    for f in REGISTRY {
        match FIXTURES.iter().find(|(n, _)| *n == f.name()) {
            None => missing.push(format!("{} (not listed in FIXTURES)", f.name())),
            Some((n, file)) => {
                let text = fs::read_to_string(dir.join(file)).unwrap_or_default();
                if !text.contains(&format!("\"{n}\"")) || !text.contains("#[test]") {
                    missing.push(format!("{n} (listed in {file}, which has no test naming it)"));
                }
            }
        }
    }
    assert!(missing.is_empty(), "formats without fixture tests: {missing:?}");
}

// ---------------------------------------------------------------- squashfs

fn mksquashfs(fx: &Fixture, comp: &str, extra: &str) -> std::path::PathBuf {
    need("mksquashfs", "squashfs-tools");
    let img = fx.work.join(format!("{comp}.sqfs"));
    sh(
        &fx.work,
        &format!(
            "mksquashfs {} {} -noappend -quiet -no-progress -comp {comp} {extra}",
            fx.src.display(),
            img.display()
        ),
    );
    img
}

#[test]
fn squashfs_all_compressors() {
    let fx = fixture();
    for comp in ["gzip", "xz", "lzo", "lz4", "zstd", "lzma"] {
        let img = mksquashfs(&fx, comp, "");
        check_image(&fx, &img, "squashfs", &["squashfs"], Keeps::ALL, &[]);
    }
}

#[test]
fn squashfs_block_sizes_and_options() {
    let fx = fixture();
    // small blocks, no fragments, uncompressed data / inodes, lz4 high compression, xz with bcj filter
    for (comp, extra) in [
        ("gzip", "-b 4096 -no-fragments"),
        ("gzip", "-b 1M -noI -noD -noF"),
        ("lz4", "-Xhc"),
        ("xz", "-Xbcj x86 -b 64K"),
        ("zstd", "-Xcompression-level 19 -always-use-fragments"),
    ] {
        let img = mksquashfs(&fx, comp, extra);
        check_image(&fx, &img, "squashfs", &["squashfs"], Keeps::ALL, &[]);
    }
}

/// Big-endian squashfs 4.0 cannot be made by modern squashfs-tools (they write the host byte order and
/// have no option for the other), so the big-endian fixture is written by the `backhand` crate's writer
/// (an independent implementation from our reader's decompressors and the engine) with gzip blocks.
#[test]
fn squashfs_big_endian() {
    use backhand::compression::Compressor;
    use backhand::kind::{Kind, BE_V4_0};
    use backhand::{FilesystemCompressor, FilesystemWriter, NodeHeader};
    let mut w = FilesystemWriter::default();
    w.set_kind(Kind::from_const(BE_V4_0).unwrap());
    w.set_compressor(FilesystemCompressor::new(Compressor::Gzip, None).unwrap());
    let h = |mode: u16, uid: u32| NodeHeader::new(mode, uid, uid + 1, 1_700_000_000);
    let big = noise(9, 200_000);
    w.push_dir("etc", h(0o755, 0)).unwrap();
    w.push_file(std::io::Cursor::new(b"root:x:0:0\n".to_vec()), "etc/passwd", h(0o644, 0)).unwrap();
    w.push_file(std::io::Cursor::new(big.clone()), "etc/big.bin", h(0o4755, 1000)).unwrap();
    w.push_symlink("passwd", "etc/pw", h(0o777, 0)).unwrap();
    w.push_char_device(0x0103, "etc/null", h(0o666, 0)).unwrap();
    let mut out = std::io::Cursor::new(Vec::new());
    if let Err(e) = w.write(&mut out) {
        panic!("backhand BE writer: {e:?}");
    }
    let img = out.into_inner();
    assert_eq!(&img[..4], b"sqsh", "backhand wrote a big-endian superblock");
    let vfs = fwassure_unpack::unpack(Bytes::from(img));
    let l = fs_layer(&vfs, "squashfs");
    assert!(l.description.contains(" be,"), "description {:?}", l.description);
    let t = l.tree.as_ref().unwrap();
    assert_eq!(t.read("/etc/passwd").as_deref(), Some(&b"root:x:0:0\n"[..]));
    assert_eq!(t.read("/etc/big.bin").as_deref(), Some(&big[..]));
    let n = t.get("/etc/big.bin").unwrap();
    assert_eq!((n.mode, n.uid, n.gid, n.mtime), (0o4755, 1000, 1001, 1_700_000_000));
    assert_eq!(t.get("/etc/pw").unwrap().kind, fwassure_model::NodeKind::Symlink("passwd".into()));
    assert_eq!(t.get("/etc/null").unwrap().kind, fwassure_model::NodeKind::CharDevice { major: 1, minor: 3 });
    assert!(read_problems(&vfs).is_empty(), "{:?}", read_problems(&vfs));
}

// ---------------------------------------------------------------- ext2/3/4

#[test]
fn ext2_ext3_ext4() {
    need("mke2fs", "e2fsprogs");
    let fx = fixture();
    // ext4-view does not expose device numbers: kinds, modes and owners are compared, not major/minor
    let keeps = Keeps { devnums: false, ..Keeps::ALL };
    for (t, bs) in [("ext2", 1024), ("ext3", 1024), ("ext4", 4096), ("ext4", 1024)] {
        let img = fx.work.join(format!("{t}-{bs}.img"));
        sh(&fx.work, &format!("mke2fs -q -F -t {t} -b {bs} -d {} {} 8M", fx.src.display(), img.display()));
        let vfs = unpack_file(&img);
        let l = fs_layer(&vfs, "ext");
        assert!(l.description.starts_with(t), "{t}: description {:?}", l.description);
        check_image(&fx, &img, "ext", &["ext"], keeps, &["/lost+found"]);
    }
}

#[test]
fn ext4_contiguous_files_share_the_image_bytes() {
    need("mke2fs", "e2fsprogs");
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src");
    fs::create_dir_all(src.join("bin")).unwrap();
    let big: Vec<u8> = (0..300_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    fs::write(src.join("bin/big"), &big).unwrap();
    fs::write(src.join("bin/second"), &big[..100_000]).unwrap();
    fs::write(src.join("small"), b"tiny").unwrap();
    let img = dir.path().join("e4.img");
    sh(dir.path(), &format!("mke2fs -q -F -t ext4 -b 4096 -d {} {} 8M", src.display(), img.display()));
    let vfs = unpack_file(&img);
    let l = fs_layer(&vfs, "ext");
    let t = l.tree.as_ref().unwrap();
    let inside = |b: &Bytes| {
        let (start, end) = (l.data.as_ptr() as usize, l.data.as_ptr() as usize + l.data.len());
        (start..end).contains(&(b.as_ptr() as usize))
    };
    let read = |p: &str| t.read(p).unwrap();
    assert!(read("/bin/big") == big[..] && inside(&read("/bin/big")), "a contiguous file is a view of the image");
    assert!(read("/bin/second") == big[..100_000] && inside(&read("/bin/second")));
    assert!(&read("/small")[..] == b"tiny" && !inside(&read("/small")), "small files stay copies");
}

// ---------------------------------------------------------------- cpio

#[test]
fn cpio_newc_crc_odc() {
    need("cpio", "cpio");
    let fx = fixture();
    for (fmt, list) in [
        ("newc", "find ."),
        ("crc", "find . -mindepth 1 -printf '%P\\n'"),
        ("odc", "find . -mindepth 1"),
        ("newc", "find . -depth"),
    ] {
        let img = fx.work.join(format!("{fmt}.cpio"));
        sh(&fx.src, &format!("{list} | LC_ALL=C sort | cpio --quiet -o -H {fmt} > {}", img.display()));
        check_image(&fx, &img, "cpio", &["cpio"], Keeps::ALL, &[]);
    }
}

// ---------------------------------------------------------------- tar

#[test]
fn tar_ustar_gnu_pax() {
    need("tar", "tar");
    let fx = fixture();
    for fmt in ["ustar", "gnu", "pax"] {
        let img = fx.work.join(format!("{fmt}.tar"));
        sh(&fx.src, &format!("tar --format={fmt} -cf {} .", img.display()));
        let bytes = fs::read(&img).unwrap();
        let has = |s: &[u8]| bytes.windows(s.len()).any(|w| w == s);
        match fmt {
            "gnu" => assert!(has(b"././@LongLink"), "gnu tar without a long-name member: fixture does not test it"),
            "pax" => assert!(has(b"path="), "pax tar without a path record: fixture does not test it"),
            _ => {}
        }
        check_image(&fx, &img, "tar", &["tar"], Keeps::ALL, &[]);
    }
}

// ---------------------------------------------------------------- compressed streams around archives

#[test]
fn compressed_tar_and_cpio() {
    let fx = fixture();
    need("tar", "tar");
    need("cpio", "cpio");
    let tar = fx.work.join("a.tar");
    let cpio = fx.work.join("a.cpio");
    sh(&fx.src, &format!("tar --format=gnu -cf {} .", tar.display()));
    sh(&fx.src, &format!("find . | cpio --quiet -o -H newc > {}", cpio.display()));
    for (format, tool, package, cmd) in [
        ("gzip", "gzip", "gzip", "gzip -9 -c"),
        ("xz", "xz", "xz-utils", "xz -c --check=crc32"),
        ("xz", "xz", "xz-utils", "xz -c --check=sha256 -0"),
        ("lzma", "xz", "xz-utils", "xz --format=lzma -c"),
        ("lzma", "lzma", "xz-utils", "lzma -c -9"),
        ("zstd", "zstd", "zstd", "zstd -q -c -19"),
        ("lz4", "lz4", "lz4", "lz4 -q -c"),
        ("lz4", "lz4", "lz4", "lz4 -q -c --content-size -B4"),
        ("bzip2", "bzip2", "bzip2", "bzip2 -c"),
    ] {
        need(tool, package);
        for (inner, src) in [("tar", &tar), ("cpio", &cpio)] {
            let img = fx.work.join(format!("{inner}.{format}"));
            sh(&fx.work, &format!("{cmd} < {} > {}", src.display(), img.display()));
            check_image(&fx, &img, inner, &[format, inner], Keeps::ALL, &[]);
        }
    }
}

// ---------------------------------------------------------------- uImage and carving

#[test]
fn uimage_single_multi_and_compressed() {
    need("mkimage", "u-boot-tools");
    let fx = fixture();
    let sqfs = mksquashfs(&fx, "xz", "");
    let kernel = fx.work.join("kernel.bin");
    fs::write(&kernel, noise(7, 150_001)).unwrap();
    let cpio = fx.work.join("a.cpio");
    sh(&fx.src, &format!("find . | cpio --quiet -o -H newc > {}", cpio.display()));
    let mk = |args: &str, out: &str| {
        let img = fx.work.join(out);
        sh(
            &fx.work,
            &format!(
                "mkimage -A mips -O linux -a 0x80000000 -e 0x80000000 -n fixture {args} {} > /dev/null",
                img.display()
            ),
        );
        img
    };
    // single-file: a filesystem image
    let img = mk(&format!("-T filesystem -C none -d {}", sqfs.display()), "single.uimg");
    check_image(&fx, &img, "squashfs", &["uimage", "squashfs"], Keeps::ALL, &[]);

    // multi-file: kernel + rootfs (odd-sized kernel exercises the 4-byte padding)
    let img = mk(&format!("-T multi -C none -d {}:{}", kernel.display(), sqfs.display()), "multi.uimg");
    let vfs = unpack_file(&img);
    let l0 = &vfs.layers[0];
    assert_eq!(l0.format, "uimage");
    let kids: Vec<_> = vfs.layers.iter().filter(|l| l.parent.as_deref() == Some("L0")).collect();
    assert_eq!(kids.len(), 2, "two parts: {:?}", vfs.layers.iter().map(|l| (&l.id, &l.format)).collect::<Vec<_>>());
    assert_eq!(kids[0].data.len(), 150_001);
    assert_eq!(kids[0].data[..], fs::read(&kernel).unwrap()[..]);
    check_image(&fx, &img, "squashfs", &["uimage", "squashfs"], Keeps::ALL, &[]);

    // compressed payloads: the header says gzip/bzip2/lzma/lz4/zstd, the payload is a compressed cpio
    for (c, cmd) in [
        ("gzip", "gzip -9 -c"),
        ("bzip2", "bzip2 -c"),
        ("lzma", "lzma -c"),
        ("lz4", "lz4 -q -c"),
        ("zstd", "zstd -q -c"),
    ] {
        let z = fx.work.join(format!("ramdisk.{c}"));
        sh(&fx.work, &format!("{cmd} < {} > {}", cpio.display(), z.display()));
        let img = mk(&format!("-T ramdisk -C {c} -d {}", z.display()), &format!("{c}.uimg"));
        check_image(&fx, &img, "cpio", &["uimage", "cpio"], Keeps::ALL, &[]);
    }
}

#[test]
fn concatenated_image_is_carved() {
    need("mkimage", "u-boot-tools");
    let fx = fixture();
    let sqfs = mksquashfs(&fx, "lz4", "-Xhc");
    let kernel = fx.work.join("kernel.bin");
    fs::write(&kernel, noise(11, 100_000)).unwrap();
    let uimg = fx.work.join("kernel.uimg");
    sh(
        &fx.work,
        &format!(
            "mkimage -A arm -O linux -T kernel -C none -a 0 -e 0 -n k -d {} {} > /dev/null",
            kernel.display(),
            uimg.display()
        ),
    );
    let mut img = fs::read(&uimg).unwrap();
    img.resize(0x40000, 0xff);
    let sq = fs::read(&sqfs).unwrap();
    img.extend_from_slice(&sq);
    img.resize(img.len().div_ceil(0x10000) * 0x10000, 0xff);
    let path = fx.work.join("flash.bin");
    fs::write(&path, &img).unwrap();
    let vfs = unpack_file(&path);
    assert_eq!(vfs.layers[0].format, "raw");
    let u = vfs.layers.iter().find(|l| l.format == "uimage").expect("uimage carved");
    assert_eq!((u.offset, u.size), (0, 64 + 100_000));
    let s = fs_layer(&vfs, "squashfs");
    let bytes_used = u64::from_le_bytes(sq[40..48].try_into().unwrap());
    assert_eq!((s.offset, s.size), (0x40000, bytes_used), "squashfs carved at its offset with its size");
    check_image(&fx, &path, "squashfs", &["raw", "squashfs"], Keeps::ALL, &[]);
}

#[test]
fn nested_archive_inside_a_filesystem_is_unpacked() {
    need("tar", "tar");
    let fx = fixture();
    // a gzip'd tarball stored as a file inside a squashfs: the engine recurses into it
    let inner = fx.work.join("inner");
    fs::create_dir_all(&inner).unwrap();
    fs::write(inner.join("payload.txt"), b"nested payload\n").unwrap();
    sh(&fx.src, &format!("tar -C {} -czf update.tar.gz payload.txt", inner.display()));
    let img = mksquashfs(&fx, "gzip", "");
    let vfs = unpack_file(&img);
    let t = fs_layer(&vfs, "tar");
    assert_eq!(chain(&vfs, t), ["squashfs", "gzip", "tar"]);
    assert_eq!(vfs.layer(t.parent.as_deref().unwrap()).unwrap().source_path.as_deref(), Some("/update.tar.gz"));
    assert_eq!(t.tree.as_ref().unwrap().read("/payload.txt").as_deref(), Some(&b"nested payload\n"[..]));
}

#[test]
fn regions_across_scan_chunks_are_all_carved() {
    // the carving scan reads 256 KiB chunks and resumes after each region found: a region whose magic
    // lies in the next chunk (tar's `ustar` at +257), a region spanning chunks, and a region that starts
    // right where the previous one ends must all be found at their offsets
    need("tar", "tar");
    need("gzip", "gzip");
    let fx = fixture();
    fs::write(fx.work.join("a.bin"), noise(21, 700_000)).unwrap();
    fs::write(fx.work.join("b.txt"), b"second stream\n").unwrap();
    sh(&fx.work, "tar -cf t.tar b.txt && gzip -1 -c -n a.bin > a.gz && gzip -9 -c -n b.txt > b.gz");
    let tar = fs::read(fx.work.join("t.tar")).unwrap();
    let (a, b) = (fs::read(fx.work.join("a.gz")).unwrap(), fs::read(fx.work.join("b.gz")).unwrap());
    let chunk = 256 << 10;
    let mut img = noise(22, chunk - 100);
    let tar_at = img.len();
    img.extend_from_slice(&tar);
    img.extend_from_slice(&noise(23, 2 * chunk - img.len() - 50));
    let a_at = img.len();
    img.extend_from_slice(&a);
    let b_at = img.len();
    img.extend_from_slice(&b);
    img.extend_from_slice(&noise(24, 1000));
    let path = fx.work.join("flash.bin");
    fs::write(&path, &img).unwrap();
    let vfs = unpack_file(&path);
    let carved: Vec<(&str, u64, u64)> = vfs
        .layers
        .iter()
        .filter(|l| l.parent.as_deref() == Some("L0"))
        .map(|l| (l.format.as_str(), l.offset, l.size))
        .collect();
    // tar's region ends after its two zero blocks (2 KiB); GNU tar pads the file to a 10 KiB record
    let expect =
        [("tar", tar_at as u64, 2048), ("gzip", a_at as u64, a.len() as u64), ("gzip", b_at as u64, b.len() as u64)];
    assert_eq!(carved, expect);
    let t = tree_of(&vfs, "tar");
    assert_eq!(t.read("/b.txt").as_deref(), Some(&b"second stream\n"[..]));
}

#[test]
fn unpack_for_analysis_matches_unpack_then_release() {
    // a raw container holding a gzip'd tar and a bare gzip stream: the early release must give the same
    // layers, trees and kept bytes as unpacking everything and releasing at the end
    need("tar", "tar");
    need("gzip", "gzip");
    let fx = fixture();
    fs::write(fx.work.join("k.bin"), noise(31, 5000)).unwrap();
    sh(&fx.src, &format!("tar -cf - . | gzip -n > {}/t.tgz", fx.work.display()));
    sh(&fx.work, "gzip -n -c k.bin > k.gz");
    let mut img = noise(32, 4096);
    img.extend_from_slice(&fs::read(fx.work.join("t.tgz")).unwrap());
    img.extend_from_slice(&noise(33, 4096));
    img.extend_from_slice(&fs::read(fx.work.join("k.gz")).unwrap());
    let img = Bytes::from(img);
    let limits = fwassure_unpack::Limits::default();
    let mut full = fwassure_unpack::unpack_with(img.clone(), &limits);
    full.release_container_data();
    let early = fwassure_unpack::unpack_for_analysis(img, &limits);
    let describe = |v: &fwassure_model::Vfs| -> Vec<String> {
        v.layers
            .iter()
            .map(|l| {
                let files: Vec<String> =
                    l.tree.iter().flat_map(|t| t.files().map(|(p, _, b)| format!("{p}:{}", b.len()))).collect();
                format!("{} {:?} {} {} {} data={} {files:?}", l.id, l.parent, l.format, l.offset, l.size, l.data.len())
            })
            .collect()
    };
    assert_eq!(describe(&early), describe(&full));
    assert!(early.layers.iter().any(|l| l.format == "tar"), "the tar is unpacked: {:?}", describe(&early));
    assert!(early.layers.iter().any(|l| l.format == "gzip" && l.data.is_empty()), "container bytes released");
    assert!(early.layers.iter().any(|l| l.data.len() == 5000), "the leaf payload keeps its bytes");
    let tree = fs_layer(&early, "tar").tree.as_ref().unwrap();
    assert!(assert_matches(&fx.src, tree, Keeps::ALL, fx.caps, "tar.gz (early release)") > 20);
}

/// (The on-demand reading of every format is covered by `tests/ondemand.rs`.)
#[test]
fn squashfs_damaged_block_past_the_head_is_reported_by_the_content_pass() {
    need("mksquashfs", "squashfs-tools");
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src");
    fs::create_dir_all(src.join("lib")).unwrap();
    let big = numbered_lines(6000); // ~360 KiB: many 4 KiB blocks
    fs::write(src.join("lib/big.bin"), &big).unwrap();
    let img = dir.path().join("img.sqfs");
    sh(dir.path(), &format!("mksquashfs src {} -noappend -quiet -no-progress -comp gzip -b 4096", img.display()));
    let image = fs::read(&img).unwrap();

    // a damaged block past the head: the tree is read, and the content pass reports the file
    let sb_end = 96;
    let mut bad = image;
    let at = sb_end + 4096; // past big.bin's first block (under 4 KiB compressed), inside its next ones
    for b in &mut bad[at..at + 64] {
        *b ^= 0x5a;
    }
    let vfs = unpack_with(Bytes::from(bad), &Limits::default());
    let t = tree_of(&vfs, "squashfs");
    assert!(t.get("/lib/big.bin").is_some(), "the tree survives a bad data block");
    let scanned = vfs.scan_files(|f| f.data.len());
    let p = scanned.problems.iter().find(|p| p.path.as_deref() == Some("/lib/big.bin")).expect("a read problem");
    assert!(p.message.starts_with("file data unreadable"), "{}", p.message);
    let got = scanned.results.iter().find(|(e, _)| e.path == "/lib/big.bin").unwrap().1;
    assert!(got < big.len(), "only what could be read is kept: {got}");

    // a damaged first block (the head): the file stays in the tree, and its damage is reported once, when
    // the content pass reads it, not also at unpack
    let mut bad = fs::read(&img).unwrap();
    for b in &mut bad[sb_end + 16..sb_end + 80] {
        *b ^= 0x5a;
    }
    let vfs = unpack_with(Bytes::from(bad), &Limits::default());
    assert!(tree_of(&vfs, "squashfs").get("/lib/big.bin").is_some(), "the tree survives a bad first block");
    let at_unpack = read_problems(&vfs).into_iter().filter(|p| p.path.as_deref() == Some("/lib/big.bin")).count();
    assert_eq!(at_unpack, 0, "a read-on-demand file's damage is reported when it is read");
    let scanned = vfs.scan_files(|f| f.data.len());
    let reported: Vec<_> = scanned.problems.iter().filter(|p| p.path.as_deref() == Some("/lib/big.bin")).collect();
    assert_eq!(reported.len(), 1, "{reported:?}");
    assert!(reported[0].message.starts_with("file data unreadable"), "{}", reported[0].message);
}
