//! Vendor LZMA and squashfs variants: squashfs 4.0 whose lzma blocks carry a 5-byte header or none (TP-Link,
//! D-Link SEAMA), AVM's big-endian squashfs 4.0 with little-endian metadata lengths, and lzma-alone streams
//! with property bytes other than the usual 0x5d.
//!
//! The fixtures are built here: squashfs images by `mksquashfs -comp lzma` (squashfs-tools' 13-byte header)
//! whose blocks are then written again in the vendor layouts by backhand's writer with an lzma-rust2
//! encoder, AVM images by backhand's writer, and lzma streams by lzma-rust2's encoder. The real firmware
//! samples of `../shared/realfw` (when present) are read too and compared with the peer tool's files.

use crate::common;

use std::collections::HashSet;
use std::fs;
use std::io::{Read, Write};
use std::path::PathBuf;

use backhand::compression::{CompressionAction, CompressionOptions, Compressor};
use backhand::kind::{Kind, AVM_BE_V4_0, BE_V4_0, LE_V4_0};
use backhand::{BackhandError, FilesystemCompressor, FilesystemReader, FilesystemWriter, NodeHeader};
use bytes::Bytes;
use common::*;
use fwassure_model::Vfs;
use sha2::{Digest, Sha256};

// ---------------------------------------------------------------- real samples

/// The problems of the layers (the image-wide ones, such as "no root filesystem found" for a fixture that
/// is not a whole device, are not about the format read).
fn layer_problems(vfs: &Vfs) -> Vec<String> {
    vfs.layers.iter().flat_map(|l| l.problems.iter().map(|p| p.message.clone())).collect()
}

/// The real firmware samples, when present (`FWASSURE_REALFW` or `../shared/realfw` of the workspace).
fn realfw() -> Option<PathBuf> {
    let dir = std::env::var_os("FWASSURE_REALFW").map(PathBuf::from).unwrap_or_else(|| {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/realfw").components().collect()
    });
    let dir = if dir.is_dir() { dir } else { PathBuf::from("/work/shared/realfw") };
    dir.join("images").is_dir().then_some(dir)
}

/// sha256 (hex) of every regular file of every tree, and of every decompressed stream (a layer without a
/// tree), as an extraction writes them.
fn produced(vfs: &Vfs) -> HashSet<String> {
    let hex = |b: &[u8]| Sha256::digest(b).iter().map(|x| format!("{x:02x}")).collect::<String>();
    let mut out = HashSet::new();
    for l in &vfs.layers {
        match &l.tree {
            Some(t) => {
                for (_, _, d) in t.files() {
                    if let Ok(b) = d.read() {
                        out.insert(hex(&b));
                    }
                }
            }
            None if l.parent.is_some() => {
                out.insert(hex(&l.data));
            }
            None => {}
        }
    }
    out
}

/// Unpack a real sample and count the peer's files whose path starts with a region of `format` (its
/// extraction directory `START-END.FORMAT_extract`; all files when `None`) that we produced too: (found,
/// peer's).
fn peer_files_found(name: &str, format: Option<&str>) -> Option<(usize, usize)> {
    let dir = realfw()?;
    let image = dir.join("images").join(name);
    let peer = fs::read_to_string(dir.join("peer").join(format!("{name}.tsv"))).ok()?;
    let vfs = fwassure_unpack::unpack(Bytes::from(fs::read(image).ok()?));
    let ours = produced(&vfs);
    let wanted: Vec<&str> = peer
        .lines()
        .filter_map(|l| {
            let mut f = l.split('\t');
            let (sha, _, path) = (f.next()?, f.next()?, f.next()?);
            let top = path.split('/').next()?;
            format.is_none_or(|f| top.contains(&format!(".{f}"))).then_some(sha)
        })
        .collect();
    let found = wanted.iter().filter(|s| ours.contains(**s)).count();
    Some((found, wanted.len()))
}

#[test]
fn real_vendor_lzma_squashfs_images_are_read() {
    for name in ["tplink_wr940nv4_us_160617.bin", "dlink_dir600l_b1_fw2.17_seama.bin"] {
        let Some((found, peer)) = peer_files_found(name, Some("squashfs_v4_le")) else {
            eprintln!("note: real sample {name} not found; skipped");
            continue;
        };
        eprintln!("{name}: {found}/{peer} of the peer's squashfs files");
        assert!(peer > 100 && found * 100 >= peer * 95, "{name}: only {found} of the peer's {peer} squashfs files");
    }
}

#[test]
fn real_avm_squashfs_is_read() {
    let Some((found, peer)) = peer_files_found("avm_be.sqfs4", None) else {
        eprintln!("note: real sample avm_be.sqfs4 not found; skipped");
        return;
    };
    assert!(peer > 0 && found == peer, "avm_be.sqfs4: {found} of the peer's {peer} files");
}

#[test]
fn real_lzma_streams_with_other_property_bytes_are_found() {
    let Some((found, peer)) = peer_files_found("tplink_wr702n.fw", Some("lzma")) else {
        eprintln!("note: real sample tplink_wr702n.fw not found; skipped");
        return;
    };
    eprintln!("tplink_wr702n.fw: {found}/{peer} of the peer's lzma streams");
    assert!(peer > 100 && found * 100 >= peer * 95, "only {found} of the peer's {peer} lzma streams");
}

// ---------------------------------------------------------------- squashfs 4.0 with vendor lzma blocks

/// How a [`Rewriter`] writes each lzma block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    /// Properties byte, u32 dictionary size, then the raw stream with an end marker (TP-Link, D-Link).
    Props5,
    /// The raw stream alone (lc=3 lp=0 pb=2), with or without an end marker.
    Raw { end_marker: bool },
}

/// A backhand compression action that reads the lzma blocks squashfs-tools writes (13-byte lzma-alone
/// header) with lzma-rust2, and writes each block again in a vendor layout with lzma-rust2's raw encoder.
struct Rewriter {
    layout: Layout,
    /// lc, lp, pb of the blocks written.
    lclppb: (u32, u32, u32),
    /// The dictionary size the 5-byte header declares (vendors declare far more than a block needs).
    declared_dict: u32,
}

impl Rewriter {
    /// One block in this layout.
    fn encode(&self, data: &[u8]) -> Vec<u8> {
        let (lc, lp, pb) = self.lclppb;
        let mut opts = lzma_rust2::LzmaOptions::with_preset(6);
        (opts.lc, opts.lp, opts.pb, opts.dict_size) = (lc, lp, pb, 1 << 20);
        let mut out = Vec::new();
        let end_marker = match self.layout {
            Layout::Props5 => {
                out.push(opts.get_props());
                out.extend_from_slice(&self.declared_dict.to_le_bytes());
                true
            }
            Layout::Raw { end_marker } => end_marker,
        };
        let mut w = lzma_rust2::LzmaWriter::new_no_header(out, &opts, end_marker).unwrap();
        w.write_all(data).unwrap();
        w.finish().unwrap()
    }
}

impl CompressionAction for Rewriter {
    type Error = BackhandError;
    type Compressor = Compressor;
    type FilesystemCompressor = FilesystemCompressor;
    type SuperBlock = backhand::SuperBlock;

    fn decompress(&self, bytes: &[u8], out: &mut Vec<u8>, compressor: Compressor) -> Result<(), BackhandError> {
        assert_eq!(compressor, Compressor::Lzma, "the source image is lzma");
        let mut r = lzma_rust2::LzmaReader::new_mem_limit(bytes, u32::MAX, None)?;
        r.read_to_end(out)?;
        Ok(())
    }

    fn compress(&self, bytes: &[u8], _: FilesystemCompressor, _: u32) -> Result<Vec<u8>, BackhandError> {
        Ok(self.encode(bytes))
    }
}

static TPLINK_STYLE: Rewriter = Rewriter { layout: Layout::Props5, lclppb: (1, 2, 2), declared_dict: 16 << 20 };
static PROPS5_DEFAULT: Rewriter = Rewriter { layout: Layout::Props5, lclppb: (3, 0, 2), declared_dict: 8 << 20 };
static PROPS5_LC0: Rewriter = Rewriter { layout: Layout::Props5, lclppb: (0, 0, 0), declared_dict: 1 << 16 };
static RAW_MARKED: Rewriter =
    Rewriter { layout: Layout::Raw { end_marker: true }, lclppb: (3, 0, 2), declared_dict: 0 };
/// Reads the source image only.
static READER: Rewriter = Rewriter { layout: Layout::Props5, lclppb: (3, 0, 2), declared_dict: 0 };

/// `mksquashfs -comp lzma` of the fixture tree (squashfs-tools' 13-byte header blocks).
fn mksquashfs_lzma(fx: &Fixture, extra: &str) -> Vec<u8> {
    need("mksquashfs", "squashfs-tools");
    let img = fx.work.join("lzma.sqfs");
    sh(
        &fx.work,
        &format!("mksquashfs {} {} -noappend -quiet -no-progress -comp lzma {extra}", fx.src.display(), img.display()),
    );
    fs::read(img).unwrap()
}

/// `image` (squashfs-tools lzma) written again by backhand's writer in `endian`'s kind, each block (metadata,
/// data, fragments) encoded by `rewriter`.
fn rewrite(image: &[u8], rewriter: &'static Rewriter, big_endian: bool) -> Vec<u8> {
    let source = FilesystemReader::from_reader_with_offset_and_kind(
        std::io::Cursor::new(image.to_vec()),
        0,
        Kind::new_v4_with_const(&READER, LE_V4_0),
    )
    .unwrap();
    let mut w = FilesystemWriter::from_fs_reader(&source).unwrap();
    w.set_kind(Kind::new_v4_with_const(rewriter, if big_endian { BE_V4_0 } else { LE_V4_0 }));
    // other compression options than the source's, so that backhand encodes every block again (it copies
    // the blocks of a source that matches); the rewriter writes no options to the image
    w.set_compressor(FilesystemCompressor::new(Compressor::Lzma, Some(CompressionOptions::Lzma)).unwrap());
    let mut out = std::io::Cursor::new(Vec::new());
    if let Err(e) = w.write(&mut out) {
        panic!("backhand writer: {e:?}");
    }
    out.into_inner()
}

/// The compressor id and the first bytes of the inode table's first metadata block (after its 2-byte length).
fn first_block_head(img: &[u8]) -> (u16, &[u8]) {
    let le = &img[..4] == b"hsqs";
    let u16_at =
        |o: usize| if le { u16::from_le_bytes([img[o], img[o + 1]]) } else { u16::from_be_bytes([img[o], img[o + 1]]) };
    let table = u64::from_le_bytes(img[64..72].try_into().unwrap());
    let table = if le { table } else { table.swap_bytes() } as usize;
    (u16_at(20), &img[table + 2..table + 12])
}

/// Unpack `img` and compare its squashfs tree with the fixture's source, with no problem; returns the
/// layer's description.
fn check_rewritten(fx: &Fixture, img: &[u8], what: &str) -> String {
    let vfs = fwassure_unpack::unpack(Bytes::copy_from_slice(img));
    let l = fs_layer(&vfs, "squashfs");
    // backhand's writer keeps what squashfs holds; hard links become files of the same content
    let n = assert_matches(&fx.src, l.tree.as_ref().unwrap(), Keeps::ALL, fx.caps, what);
    assert!(n > 20, "{what}: compared only {n} entries");
    assert!(layer_problems(&vfs).is_empty(), "{what}: {:?}", vfs.all_problems());
    read_every_file(&vfs);
    l.description.clone()
}

#[test]
fn squashfs_lzma_blocks_with_a_5_byte_header_are_read() {
    let fx = fixture();
    let source = mksquashfs_lzma(&fx, "");
    for (rewriter, props) in [(&TPLINK_STYLE, 0x6d), (&PROPS5_DEFAULT, 0x5d), (&PROPS5_LC0, 0x00)] {
        for big_endian in [false, true] {
            let img = rewrite(&source, rewriter, big_endian);
            let (comp, head) = first_block_head(&img);
            assert_eq!((comp, head[0], head[5]), (2, props, 0), "lzma, the props byte, then the range coder");
            assert_eq!(u32::from_le_bytes(head[1..5].try_into().unwrap()), rewriter.declared_dict);
            let what = format!("5-byte lzma, props {props:#04x}, big-endian {big_endian}");
            let d = check_rewritten(&fx, &img, &what);
            assert!(d.contains("lzma (5-byte lzma header)"), "{what}: {d}");
        }
    }
}

#[test]
fn squashfs_lzma_blocks_without_a_header_are_read() {
    let fx = fixture();
    let source = mksquashfs_lzma(&fx, "-b 64K");
    // (a raw stream without an end marker is ambiguous in its last bytes: after the flush the decoder reads
    // zero literals until it runs out of input, as a vendor kernel would; data blocks are cut to their
    // size, but a table's last metadata block may gain a byte, so that variant is not a fixture)
    let rewriter = &RAW_MARKED;
    let img = rewrite(&source, rewriter, false);
    let (_, head) = first_block_head(&img);
    assert_eq!(head[0], 0, "the range coder's first byte");
    let what = format!("raw lzma {:?}", rewriter.layout);
    let d = check_rewritten(&fx, &img, &what);
    assert!(d.contains("lzma (raw lzma)"), "{what}: {d}");
}

#[test]
fn squashfs_tools_lzma_is_still_read_as_it_was() {
    let fx = fixture();
    let img = mksquashfs_lzma(&fx, "-b 4096");
    let d = check_rewritten(&fx, &img, "mksquashfs -comp lzma -b 4096");
    assert!(d.contains(", lzma, "), "{d}");
}

#[test]
fn hostile_5_byte_lzma_squashfs() {
    let fx = fixture();
    let img = rewrite(&mksquashfs_lzma(&fx, "-b 4096"), &TPLINK_STYLE, false);
    hostile(&img, "squashfs");
    // a block that does not decode is a problem, never a silently short file
    let mut bad = img.clone();
    let (comp, head) = first_block_head(&bad);
    assert_eq!((comp, head[0]), (2, 0x6d));
    // the first compressed data block (incompressible files are stored as they are): its 5-byte header
    // (props 0x6d, 16 MiB dictionary) then damage
    let header = [0x6d, 0, 0, 0, 1, 0];
    let at = bad.windows(6).position(|w| w == header).expect("a compressed block");
    let inode_table = u64::from_le_bytes(bad[64..72].try_into().unwrap()) as usize;
    assert!(at < inode_table, "a data block");
    for b in &mut bad[at + 8..at + 40] {
        *b ^= 0x5a;
    }
    let vfs = fwassure_unpack::unpack(Bytes::from(bad));
    let read_problems = read_every_file(&vfs);
    assert!(problem_count(&vfs) + read_problems > 0, "a damaged first data block went unnoticed");
}

// ---------------------------------------------------------------- AVM big-endian squashfs 4.0

/// AVM's big-endian images cannot be made by squashfs-tools; backhand's writer writes them (metadata
/// lengths little-endian, everything else big-endian) from a `mksquashfs -comp gzip` image of the fixture.
fn avm_image(fx: &Fixture) -> Vec<u8> {
    need("mksquashfs", "squashfs-tools");
    let src = fx.work.join("gzip.sqfs");
    sh(
        &fx.work,
        &format!("mksquashfs {} {} -noappend -quiet -no-progress -comp gzip", fx.src.display(), src.display()),
    );
    let source = FilesystemReader::from_reader(std::io::Cursor::new(fs::read(src).unwrap())).unwrap();
    let mut w = FilesystemWriter::from_fs_reader(&source).unwrap();
    w.set_kind(Kind::from_const(AVM_BE_V4_0).unwrap());
    w.set_compressor(FilesystemCompressor::new(Compressor::Gzip, None).unwrap());
    let mut out = std::io::Cursor::new(Vec::new());
    if let Err(e) = w.write(&mut out) {
        panic!("backhand AVM writer: {e:?}");
    }
    out.into_inner()
}

#[test]
fn avm_big_endian_squashfs_is_read() {
    let fx = fixture();
    let img = avm_image(&fx);
    assert_eq!(&img[..4], b"sqsh");
    let inode_table = u64::from_be_bytes(img[64..72].try_into().unwrap()) as usize;
    let len = u16::from_le_bytes([img[inode_table], img[inode_table + 1]]);
    assert!(len & 0x7fff <= 8192, "the first metadata length is little-endian");
    let d = check_rewritten(&fx, &img, "AVM big-endian");
    assert!(d.contains("be (AVM"), "{d}");
    hostile(&img, "squashfs");
}

#[test]
fn a_small_avm_image_by_hand_is_read() {
    // a few files, all in one metadata block each: the chain test must still tell the byte order
    let mut w = FilesystemWriter::default();
    w.set_kind(Kind::from_const(AVM_BE_V4_0).unwrap());
    w.set_compressor(FilesystemCompressor::new(Compressor::Gzip, None).unwrap());
    let h = NodeHeader::new(0o644, 0, 0, 1_700_000_000);
    w.push_file(std::io::Cursor::new(b"one\n".to_vec()), "a", h).unwrap();
    w.push_dir("d", NodeHeader::new(0o755, 0, 0, 0)).unwrap();
    w.push_file(std::io::Cursor::new(noise(3, 70_000)), "d/b", h).unwrap();
    let mut out = std::io::Cursor::new(Vec::new());
    if let Err(e) = w.write(&mut out) {
        panic!("backhand AVM writer: {e:?}");
    }
    let vfs = fwassure_unpack::unpack(Bytes::from(out.into_inner()));
    let t = fs_layer(&vfs, "squashfs").tree.as_ref().unwrap();
    assert_eq!(t.read("/a").as_deref(), Some(&b"one\n"[..]));
    assert_eq!(t.read("/d/b").as_deref(), Some(&noise(3, 70_000)[..]));
    assert!(layer_problems(&vfs).is_empty(), "{:?}", vfs.all_problems());
}

// ---------------------------------------------------------------- lzma-alone streams, any properties byte

/// Text-like data an encoder compresses well, different for each seed.
fn compressible(seed: u64, n: usize) -> Vec<u8> {
    let words: Vec<Vec<u8>> =
        noise(seed, 64 * 8).chunks(8).map(|c| c.iter().map(|b| b'a' + b % 26).collect()).collect();
    let picks = noise(seed + 1, n);
    let mut out = Vec::with_capacity(n + 16);
    let mut i = 0;
    while out.len() < n {
        out.extend_from_slice(&words[picks[i % picks.len()] as usize % words.len()]);
        out.push(if i % 11 == 10 { b'\n' } else { b' ' });
        i += 1;
    }
    out.truncate(n);
    out
}

/// An lzma-alone stream of `data` (lc, lp, pb as given) with the header's dictionary size `declared`, the
/// uncompressed size recorded or not (then ended by an end marker).
fn lzma_alone(data: &[u8], (lc, lp, pb): (u32, u32, u32), declared: u32, size_known: bool) -> Vec<u8> {
    let mut opts = lzma_rust2::LzmaOptions::with_preset(6);
    (opts.lc, opts.lp, opts.pb, opts.dict_size) = (lc, lp, pb, declared.min(1 << 20));
    let size = size_known.then_some(data.len() as u64);
    let mut w = lzma_rust2::LzmaWriter::new_use_header(Vec::new(), &opts, size).unwrap();
    w.write_all(data).unwrap();
    let mut out = w.finish().unwrap();
    // the encoder's window is 1 MiB; the header may declare more (matches never reach that far)
    out[1..5].copy_from_slice(&declared.to_le_bytes());
    out
}

/// The decompressed stream of a stream layer: its child layer's bytes.
fn decoded(vfs: &Vfs, l: &fwassure_model::Layer) -> Bytes {
    let child = vfs.layers.iter().find(|c| c.parent.as_deref() == Some(l.id.as_str())).expect("a payload layer");
    child.data.clone()
}

/// (lc, lp, pb), declared dictionary, size recorded: the property bytes of VxWorks images (0x5a, 0x6e), the
/// common 0x5d, and the format's extremes.
const STREAMS: &[((u32, u32, u32), u32, bool)] = &[
    ((0, 0, 2), 8 << 20, true),
    ((2, 2, 2), 8 << 20, true),
    ((3, 0, 2), 1 << 16, false),
    ((0, 2, 0), 3 << 20, true),
    ((4, 0, 2), 1 << 12, false),
    ((1, 3, 4), 1 << 26, true),
    ((8, 4, 4), 3 << 11, false),
    ((0, 0, 0), 1 << 24, true),
];

#[test]
fn lzma_streams_with_any_properties_byte_are_found_between_other_data() {
    let mut blob = noise(1, 1001);
    let mut want = Vec::new();
    for (i, &(lclppb, dict, known)) in STREAMS.iter().enumerate() {
        let data = compressible(10 + i as u64, 3000 + 7000 * i);
        let packed = lzma_alone(&data, lclppb, dict, known);
        want.push((blob.len() as u64, packed[0], data));
        blob.extend_from_slice(&packed);
        blob.extend_from_slice(&noise(100 + i as u64, 37 + 61 * i)); // unaligned gaps of other data
    }
    let vfs = fwassure_unpack::unpack(Bytes::from(blob));
    let found: Vec<_> = vfs.layers.iter().filter(|l| l.format == "lzma").collect();
    assert_eq!(
        found.iter().map(|l| l.offset).collect::<Vec<_>>(),
        want.iter().map(|w| w.0).collect::<Vec<_>>(),
        "one lzma layer per stream, at its offset; problems {:?}",
        vfs.all_problems()
    );
    for (l, (off, props, data)) in found.iter().zip(&want) {
        assert!(decoded(&vfs, l) == data[..], "stream at {off} (props {props:#04x}) decodes to its data");
    }
    assert!(layer_problems(&vfs).is_empty(), "{:?}", vfs.all_problems());
}

#[test]
fn a_small_stream_with_a_rare_properties_byte_is_a_whole_file_too() {
    // 641 bytes, as the VxWorks images hold by the hundred: shorter than the probe
    let data = compressible(7, 641);
    let packed = lzma_alone(&data, (0, 0, 2), 8 << 20, true);
    assert_eq!((packed[0], &packed[1..5]), (0x5a, &[0, 0, 0x80, 0][..]));
    let vfs = fwassure_unpack::unpack(Bytes::from(packed));
    let l = vfs.layers.iter().find(|l| l.format == "lzma").expect("an lzma layer");
    assert!(decoded(&vfs, l) == data[..]);
}

#[test]
fn binary_data_full_of_dictionary_sizes_is_no_lzma() {
    // big-endian words 1 (00 00 00 01 = 16 MiB little-endian), 4096, 65536 and 8 MiB in zero-filled tables,
    // as MIPS big-endian binaries and flash dumps hold them, between runs of zeros and noise
    let mut blob = Vec::new();
    for i in 0..20_000u32 {
        let word: u32 = [1, 4096, 65536, 8 << 20, 3 << 20][(i % 5) as usize];
        blob.extend_from_slice(&(i % 7).to_be_bytes()[3..]);
        blob.extend_from_slice(&word.to_be_bytes());
        blob.extend_from_slice(&word.to_le_bytes());
        blob.extend_from_slice(&[0u8; 9][..(i % 9) as usize]);
        if i % 97 == 0 {
            blob.extend_from_slice(&noise(u64::from(i), 300));
        }
        if i % 501 == 0 {
            blob.extend_from_slice(&[0u8; 5000]);
        }
    }
    let vfs = fwassure_unpack::unpack(Bytes::from(blob));
    let lzma: Vec<_> = vfs.layers.iter().filter(|l| l.format == "lzma").map(|l| (l.offset, l.data.len())).collect();
    assert!(lzma.is_empty(), "false lzma streams: {lzma:?}");
}

#[test]
fn hostile_lzma_streams_with_rare_properties() {
    let data = compressible(3, 200_000);
    for (lclppb, dict, known) in [((2, 2, 2), 8 << 20, true), ((0, 0, 2), 1 << 16, false)] {
        let packed = lzma_alone(&data, lclppb, dict, known);
        hostile(&packed, "lzma");
    }
}

#[test]
fn xz_tool_lzma_streams_with_other_properties_are_found() {
    // an independent encoder: xz-utils' .lzma writer, properties and dictionary sizes as vendors use them
    need("xz", "xz-utils");
    let dir = tempfile::tempdir().unwrap();
    let data = compressible(21, 50_000);
    fs::write(dir.path().join("data"), &data).unwrap();
    for (opts, props) in
        [("lc=0,lp=0,pb=2,dict=8MiB", 0x5a), ("lc=2,lp=2,pb=2,dict=3MiB", 0x6e), ("lc=1,lp=3,pb=0,dict=64KiB", 0x1c)]
    {
        sh(dir.path(), &format!("xz --format=lzma --lzma1=preset=6,{opts} -c data > out.lzma"));
        let packed = fs::read(dir.path().join("out.lzma")).unwrap();
        assert_eq!(packed[0], props, "{opts}");
        let mut blob = noise(5, 333);
        blob.extend_from_slice(&packed);
        blob.extend_from_slice(&noise(6, 100));
        let vfs = fwassure_unpack::unpack(Bytes::from(blob));
        let l = vfs.layers.iter().find(|l| l.format == "lzma").unwrap_or_else(|| panic!("{opts}: no lzma layer"));
        assert_eq!(l.offset, 333, "{opts}");
        assert!(decoded(&vfs, l) == data[..], "{opts}");
    }
}
