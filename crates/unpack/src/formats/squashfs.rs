//! SquashFS 4.0, little- and big-endian, with gzip, lzma, lzo, xz, lz4 and zstd compression.
//!
//! Vendors: the most common read-only rootfs of Linux-based routers, cameras, NAS and set-top boxes
//! (OpenWrt, DD-WRT, Ubiquiti, TP-Link, Netgear …); big-endian on older MIPS and PowerPC devices.
//! Reference: the squashfs 4.0 on-disk format (kernel `Documentation/filesystems/squashfs.rst`,
//! squashfs-tools). Parsing by the `backhand` crate, with our own bounded decompressors (no C, no GPL).
//!
//! # Vendor variants
//! * **LZMA blocks** (compressor id 2). squashfs-tools writes each block as an lzma-alone stream with its
//!   13-byte header (properties, dictionary size, uncompressed size). TP-Link's and D-Link's (SEAMA) build
//!   tools write a 5-byte header (properties, dictionary size: e.g. `6d 00 00 00 01`, lc=1 lp=2 pb=2 and a
//!   16 MiB dictionary) and a stream ending with an end marker; others write the raw stream alone at the
//!   SDK's default lc=3 lp=0 pb=2. The layout is found once per image, from its first compressed metadata
//!   block (the 13-byte header only when its size is plausible and the block decodes to it, then the 5-byte
//!   header, then none) and used for every block; any properties byte is read. A stream without a size
//!   ends at its end marker; one without a marker either is read, as a vendor kernel reads it, to the end
//!   of the block's bytes (the range coder's flush may then add zero bytes: harmless past a data block's
//!   size, fatal at the end of a metadata table).
//! * **AVM** (Fritz!Box) big-endian images write metadata block lengths little-endian (as backhand's
//!   `AVM_BE_V4_0` kind reads them). A big-endian image is read so when its inode table's chain of
//!   metadata blocks ends at the directory table with little-endian lengths and not with big-endian ones.
//!
//! Squashfs 1.x–3.x and their vendor variants are read by [`crate::formats::squashfs_legacy`]; this
//! format claims major 4 only. Limitations: an image whose LZMA blocks use different layouts in different
//! blocks is read with the first block's layout (the others are problems); a bad inode or block is a
//! problem and the rest of the tree is kept.

use std::io::{Cursor, Read};
use std::sync::Arc;

use backhand::compression::{CompressionAction, Compressor};
use backhand::kind::{Kind, AVM_BE_V4_0, BE_V4_0, LE_V4_0};
use backhand::{BackhandError, FilesystemReader, InnerNode, SquashfsFileReader};
use bytes::Bytes;
use fwassure_model::{Node, NodeKind, Tree};

use crate::decompress;
use crate::format::read::{self, Endian};
use crate::format::{Ctx, Extracted, Format, FormatError, Identified, Magic};
use crate::ondemand::{Entry, Layout, Plan};

/// The squashfs format.
pub struct Squashfs;

/// Superblock fields used to validate a candidate and to read its tables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuperBlock {
    /// Byte order.
    pub endian: Endian,
    /// Number of inodes.
    pub inode_count: u32,
    /// Data block size.
    pub block_size: u32,
    /// Compressor id (1 gzip, 2 lzma, 3 lzo, 4 xz, 5 lz4, 6 zstd).
    pub compressor: u16,
    /// Bytes used by the archive.
    pub bytes_used: u64,
    /// Where the inode table starts: its first metadata block.
    pub inode_table: u64,
    /// Where the directory table starts (the inode table ends there).
    pub dir_table: u64,
}

impl SuperBlock {
    /// Parse and validate a 4.0 superblock.
    pub fn parse(d: &[u8]) -> Option<SuperBlock> {
        let endian = match d.get(0..4)? {
            b"hsqs" => Endian::Little,
            b"sqsh" => Endian::Big,
            _ => return None,
        };
        let block_size = endian.u32(d, 12)?;
        let block_log = endian.u16(d, 22)?;
        let (major, minor) = (endian.u16(d, 28)?, endian.u16(d, 30)?);
        let compressor = endian.u16(d, 20)?;
        let bytes_used = endian.u64(d, 40)?;
        let ok = major == 4
            && minor == 0
            && block_size.is_power_of_two()
            && (4096..=(1 << 20)).contains(&block_size)
            && 1u32.checked_shl(block_log as u32) == Some(block_size)
            && (1..=6).contains(&compressor)
            && bytes_used >= 96;
        ok.then_some(SuperBlock {
            endian,
            inode_count: endian.u32(d, 4)?,
            block_size,
            compressor,
            bytes_used,
            inode_table: endian.u64(d, 64)?,
            dir_table: endian.u64(d, 72)?,
        })
    }
}

/// `squashfs 4.0 le, xz, block 128 KiB, 42 inodes`; `be (AVM)` for big-endian images with little-endian
/// metadata lengths, and the layout of lzma blocks when it is not squashfs-tools'.
fn describe(sb: &SuperBlock, avm: bool, lzma: Option<LzmaLayout>) -> String {
    let endian = match (sb.endian, avm) {
        (Endian::Little, _) => "le",
        (Endian::Big, false) => "be",
        (Endian::Big, true) => "be (AVM, little-endian metadata lengths)",
    };
    let comp = match lzma {
        Some(l @ (LzmaLayout::Props | LzmaLayout::Raw)) => format!("lzma ({})", l.name()),
        _ => compressor_name(sb.compressor).to_string(),
    };
    format!("squashfs 4.0 {endian}, {comp}, block {} KiB, {} inodes", sb.block_size / 1024, sb.inode_count)
}

fn compressor_name(c: u16) -> &'static str {
    ["none", "gzip", "lzma", "lzo", "xz", "lz4", "zstd"].get(c as usize).copied().unwrap_or("unknown")
}

/// How the LZMA blocks (compressor id 2) of one image are laid out. squashfs-tools writes the first; vendor
/// kernels and their build tools the others. Found once per image from its first compressed metadata block
/// ([`lzma_layout`]) and kept for every block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LzmaLayout {
    /// The 13-byte lzma-alone header (properties byte, u32 dictionary size, u64 uncompressed size), then
    /// the raw stream: squashfs-tools' `lzma` compressor.
    Alone,
    /// A 5-byte header (properties byte, u32 dictionary size) and the raw stream, with no uncompressed size:
    /// it ends with an end marker or with the block (TP-Link, D-Link SEAMA images).
    Props,
    /// The raw stream alone, with the LZMA SDK's default properties lc=3 lp=0 pb=2; it ends with an end
    /// marker or with the block.
    Raw,
}

impl LzmaLayout {
    fn name(self) -> &'static str {
        match self {
            LzmaLayout::Alone => "lzma-alone header",
            LzmaLayout::Props => "5-byte lzma header",
            LzmaLayout::Raw => "raw lzma",
        }
    }
}

/// Decompression with our bounded, pure-Rust decoders, for an image whose LZMA blocks (if any) are laid out
/// as `lzma` says. backhand holds a `'static` reference, so there is one static value per layout
/// ([`decoders`]).
struct Decoders {
    lzma: LzmaLayout,
}

static DECODERS_ALONE: Decoders = Decoders { lzma: LzmaLayout::Alone };
static DECODERS_PROPS: Decoders = Decoders { lzma: LzmaLayout::Props };
static DECODERS_RAW: Decoders = Decoders { lzma: LzmaLayout::Raw };

/// The decoders for images whose LZMA blocks are laid out as `layout`.
fn decoders(layout: LzmaLayout) -> &'static Decoders {
    match layout {
        LzmaLayout::Alone => &DECODERS_ALONE,
        LzmaLayout::Props => &DECODERS_PROPS,
        LzmaLayout::Raw => &DECODERS_RAW,
    }
}

/// Largest block a squashfs 4.0 archive can hold.
const MAX_BLOCK: usize = 1 << 20;

/// Largest uncompressed metadata block.
const METADATA_SIZE: usize = 8192;

/// The LZMA SDK's default properties byte: lc=3 lp=0 pb=2.
const LZMA_DEFAULT_PROPS: u8 = 0x5d;

/// Decode one LZMA block laid out as `layout` to at most `bound` bytes. A stream without an uncompressed
/// size ends at its end marker or, as vendor kernels decode it, where its bytes end: decoding stops there
/// (running out of input, or at `bound`), and what came before is the block; the range coder's flush
/// decodes as up to a few zero literals before that, which cannot be told from data. `Ok(None)` when the
/// output would exceed `bound`.
fn lzma_block(bytes: &[u8], layout: LzmaLayout, bound: usize) -> Result<Option<Vec<u8>>, String> {
    use crate::lzma2::decode_lzma;
    let bound64 = bound as u64;
    let (props, dict, raw, size) = match layout {
        LzmaLayout::Alone => {
            let size = read::le64(bytes, 5).ok_or("lzma block shorter than its 13-byte header")?;
            if size != u64::MAX && size > bound64 {
                return Ok(None);
            }
            (bytes[0], read::le32(bytes, 1).unwrap_or(0), &bytes[13..], Some(size).filter(|&s| s != u64::MAX))
        }
        LzmaLayout::Props => {
            let dict = read::le32(bytes, 1).ok_or("lzma block shorter than its 5-byte header")?;
            (bytes[0], dict, &bytes[5..], None)
        }
        LzmaLayout::Raw => (LZMA_DEFAULT_PROPS, MAX_BLOCK as u32, bytes, None),
    };
    // the dictionary size only bounds match distances: a block is decoded on its own, so no match reaches
    // further back than the block's output, whatever the header declares
    let o = decode_lzma(raw, props, dict.min(MAX_BLOCK as u32), size, bound64);
    // a stream without a size or end marker: the decoder reads the flush bytes and stops, on an error or
    // at the bound, only when all the block's bytes (but at most the last) are read
    let ended_with_block = size.is_none() && !o.data.is_empty() && o.consumed.saturating_add(1) >= raw.len() as u64;
    match (o.error, o.truncated) {
        (None, false) => Ok(Some(o.data)),
        _ if ended_with_block => Ok(Some(o.data)),
        (_, true) => Ok(None),
        (Some(e), false) => Err(format!("lzma ({}): {e}", layout.name())),
    }
}

/// How the LZMA blocks of an image are laid out, from its first compressed metadata block (the inode
/// table's, else the directory table's): the 13-byte header when its size is plausible and the block
/// decodes to it, else the 5-byte header, else no header. `None` when no layout decodes that block, or
/// no compressed metadata block is found.
fn lzma_layout(data: &[u8], sb: &SuperBlock, meta: Endian) -> Option<LzmaLayout> {
    let block = [sb.inode_table, sb.dir_table].into_iter().find_map(|start| {
        let start = usize::try_from(start).ok()?;
        let h = meta.u16(data, start)?;
        let len = usize::from(h & 0x7fff);
        (h & 0x8000 == 0 && (1..=METADATA_SIZE).contains(&len)).then(|| data.get(start + 2..start + 2 + len))?
    })?;
    let decodes = |layout| matches!(lzma_block(block, layout, METADATA_SIZE), Ok(Some(d)) if !d.is_empty());
    let alone_header = block.len() > 13
        && block[0] < 225
        && block[13] == 0
        && read::le64(block, 5).is_some_and(|s| s == u64::MAX || (1..=METADATA_SIZE as u64).contains(&s));
    if alone_header && decodes(LzmaLayout::Alone) {
        return Some(LzmaLayout::Alone);
    }
    if block.len() > 5 && block[0] < 225 && block[5] == 0 && decodes(LzmaLayout::Props) {
        return Some(LzmaLayout::Props);
    }
    (block.first() == Some(&0) && decodes(LzmaLayout::Raw)).then_some(LzmaLayout::Raw)
}

/// Whether the metadata blocks from `start` follow one another, read with lengths in byte order `e`, to end
/// exactly at `end` (the inode table runs up to the directory table), or, when the table bounds are not
/// usable, whether the first length is plausible.
fn metadata_chain_fits(data: &[u8], start: u64, end: u64, e: Endian) -> bool {
    let plausible = |pos: u64| {
        usize::try_from(pos)
            .ok()
            .and_then(|p| e.u16(data, p))
            .map(|h| u64::from(h & 0x7fff))
            .filter(|len| (1..=METADATA_SIZE as u64).contains(len))
    };
    if start >= end || end > data.len() as u64 {
        return plausible(start).is_some();
    }
    let mut pos = start;
    // each block takes at least 3 bytes: the walk ends
    while pos < end {
        match plausible(pos) {
            Some(len) => pos += 2 + len,
            None => return false,
        }
    }
    pos == end
}

/// The byte order of metadata block lengths: the superblock's, except in AVM's (Fritz!Box) big-endian
/// images, whose lengths are little-endian (the inode table's chain of blocks tells which).
fn metadata_endian(data: &[u8], sb: &SuperBlock) -> Endian {
    if sb.endian == Endian::Big
        && !metadata_chain_fits(data, sb.inode_table, sb.dir_table, Endian::Big)
        && metadata_chain_fits(data, sb.inode_table, sb.dir_table, Endian::Little)
    {
        return Endian::Little;
    }
    sb.endian
}

impl CompressionAction for Decoders {
    type Error = BackhandError;
    type Compressor = Compressor;
    type FilesystemCompressor = backhand::FilesystemCompressor;
    type SuperBlock = backhand::SuperBlock;

    fn decompress(&self, bytes: &[u8], out: &mut Vec<u8>, compressor: Compressor) -> Result<(), BackhandError> {
        let bad = |e: FormatError| BackhandError::UnsupportedCompression(e.to_string());
        let too_big = || BackhandError::UnsupportedCompression(format!("block larger than {MAX_BLOCK} bytes"));
        // backhand reserves the block size (a data block's largest output) before it asks, so the room in
        // `out` is the likely bound; metadata blocks (at most 8 KiB) may come with less. A block that does not
        // fit the likely bound is decoded again with the format's largest block size.
        let likely = match out.capacity() - out.len() {
            room if room >= 8192 => room.min(MAX_BLOCK),
            _ => MAX_BLOCK,
        };
        let max = MAX_BLOCK as u64;
        let data = match compressor {
            Compressor::Uncompressed => {
                out.extend_from_slice(bytes);
                return Ok(());
            }
            Compressor::Gzip if decompress::inflate_block_into(bytes, out, likely, true) => return Ok(()),
            Compressor::Gzip => decompress::zlib(bytes, max).map_err(bad)?.data,
            Compressor::Xz => decompress::xz(bytes, max).map_err(bad)?.data,
            Compressor::Lzma => match lzma_block(bytes, self.lzma, likely) {
                Ok(Some(d)) => d,
                Ok(None) if likely < MAX_BLOCK => match lzma_block(bytes, self.lzma, MAX_BLOCK) {
                    Ok(Some(d)) => d,
                    Ok(None) => return Err(too_big()),
                    Err(e) => return Err(BackhandError::UnsupportedCompression(e)),
                },
                Ok(None) => return Err(too_big()),
                Err(e) => return Err(BackhandError::UnsupportedCompression(e)),
            },
            Compressor::Zstd => decompress::zstd_frame(bytes, max).map_err(bad)?,
            Compressor::Lz4 => decompress::lz4_block(bytes, likely)
                .or_else(|_| decompress::lz4_block(bytes, MAX_BLOCK))
                .map_err(bad)?,
            Compressor::Lzo => decompress::lzo_block(bytes, likely)
                .or_else(|_| decompress::lzo_block(bytes, MAX_BLOCK))
                .map_err(bad)?,
        };
        if out.is_empty() {
            *out = data;
        } else {
            out.extend_from_slice(&data);
        }
        Ok(())
    }

    fn compress(&self, _: &[u8], _: backhand::FilesystemCompressor, _: u32) -> Result<Vec<u8>, BackhandError> {
        Err(BackhandError::UnsupportedCompression("fwassure only reads squashfs".into()))
    }
}

impl Format for Squashfs {
    fn name(&self) -> &'static str {
        "squashfs"
    }
    fn magics(&self) -> &'static [Magic] {
        &[Magic { bytes: b"hsqs", offset: 0 }, Magic { bytes: b"sqsh", offset: 0 }]
    }
    fn identify(&self, d: &[u8]) -> Option<Identified> {
        let sb = SuperBlock::parse(d)?;
        Some(Identified { size: Some(sb.bytes_used), description: describe(&sb, false, None) })
    }

    fn extract(&self, data: &Bytes, ctx: &mut Ctx) -> Result<Extracted, FormatError> {
        let sb = SuperBlock::parse(data).ok_or_else(|| FormatError::Invalid("bad squashfs superblock".into()))?;
        let meta = metadata_endian(data, &sb);
        let inner = match (sb.endian, meta) {
            (Endian::Little, _) => LE_V4_0,
            (Endian::Big, Endian::Big) => BE_V4_0,
            (Endian::Big, Endian::Little) => AVM_BE_V4_0,
        };
        let mut description = describe(&sb, meta != sb.endian, None);
        let layout = if sb.compressor == 2 {
            let found = lzma_layout(data, &sb, meta);
            if found.is_none() {
                ctx.problem(
                    None,
                    "no known lzma block layout decodes the first metadata block; read as squashfs-tools writes it",
                );
            }
            let layout = found.unwrap_or(LzmaLayout::Alone);
            description = describe(&sb, meta != sb.endian, Some(layout));
            layout
        } else {
            LzmaLayout::Alone
        };
        let dec = decoders(layout);
        let kind = Kind::new_v4_with_const(dec, inner);
        let fs = FilesystemReader::from_reader_with_offset_and_kind(Cursor::new(data.clone()), 0, kind)
            .map_err(|e| FormatError::Invalid(format!("squashfs: {e}")))?;
        let fs = Arc::new(fs);
        // files past the size or byte budget are skipped exactly as a sequential walk would skip them; the
        // others go to a Plan: files of one block or less are decoded at once, in parallel (reading a head
        // decodes a whole block anyway), bigger ones keep their head and are read again when the content
        // pass asks for them, so that the image's files are never all held decoded at once
        let block_size = u64::from(sb.block_size);
        let mut remaining = ctx.budget().layer_limit(data.len());
        let mut plan = Plan::new("squashfs", data.clone()).eager_up_to(block_size);
        let mut entries: Vec<Entry> = Vec::new();
        for node in fs.files() {
            let path = node.fullpath.to_string_lossy().into_owned();
            let h = node.header;
            let mut planned = None;
            let kind = match &node.inner {
                InnerNode::Dir(_) => NodeKind::Dir,
                InnerNode::Symlink(s) => NodeKind::Symlink(s.link.to_string_lossy().into_owned()),
                InnerNode::CharacterDevice(d) => {
                    NodeKind::CharDevice { major: dev_major(d.device_number), minor: dev_minor(d.device_number) }
                }
                InnerNode::BlockDevice(d) => {
                    NodeKind::BlockDevice { major: dev_major(d.device_number), minor: dev_minor(d.device_number) }
                }
                InnerNode::NamedPipe => NodeKind::Fifo,
                InnerNode::Socket => NodeKind::Socket,
                InnerNode::File(f) => {
                    let len = f.file_len() as u64;
                    // sparse blocks read as zeros: a file is held to the expansion limit of the bytes it
                    // stores (its blocks, plus at most one block for its fragment)
                    let limit = ctx.budget().stream_limit_within(stored_bytes(f, sb.block_size), remaining);
                    if len <= limit {
                        remaining -= len;
                        let layout = SquashFile { fs: fs.clone(), file: f.clone(), block_size, decoders: dec };
                        planned = Some(plan.add(layout, len));
                    } else {
                        ctx.problem(
                            Some(&path),
                            format!("file of {len} bytes exceeds the size or expansion limit; content skipped"),
                        );
                    }
                    NodeKind::File(Bytes::new().into())
                }
            };
            let n = Node { kind, mode: h.permissions as u32 & 0o7777, uid: h.uid, gid: h.gid, mtime: h.mtime as i64 };
            entries.push((path, n, planned));
        }
        let mut tree = Tree::new();
        plan.insert_into(entries, &mut tree, ctx);
        Ok(Extracted::tree(tree).with_consumed(sb.bytes_used).with_description(description))
    }
}

/// Bytes a file's data occupies in the image: its blocks, and one block for a fragment (its share of the
/// fragment block is not recorded).
fn stored_bytes(f: &SquashfsFileReader, block_size: u32) -> usize {
    let (blocks, frag) = match f {
        SquashfsFileReader::Basic(b) => (&b.block_sizes, b.frag_index),
        SquashfsFileReader::Extended(e) => (&e.block_sizes, e.frag_index),
    };
    let stored: usize = blocks.iter().map(|b| b.size() as usize).sum();
    stored.saturating_add(if frag == u32::MAX { 0 } else { block_size as usize })
}

/// The first data block of a file that has one, decoded (a file's first bytes, without the read-ahead of
/// backhand's reader). An error leaves the caller to the general reader.
fn first_block(
    fs: &FilesystemReader<'_>,
    dec: &Decoders,
    data: &[u8],
    f: &SquashfsFileReader,
    block_size: u64,
) -> Result<Vec<u8>, String> {
    let (start, first) = match f {
        SquashfsFileReader::Basic(b) => (b.blocks_start as u64, b.block_sizes.first()),
        SquashfsFileReader::Extended(e) => (e.blocks_start, e.block_sizes.first()),
    };
    let first = first.ok_or("no data block")?;
    let size = first.size() as u64;
    if size == 0 || size > block_size {
        return Err("sparse or oversized first block".into());
    }
    let end = start.checked_add(size).filter(|&e| e <= data.len() as u64).ok_or("block past the end")?;
    let bytes = &data[start as usize..end as usize];
    if first.uncompressed() {
        return Ok(bytes.to_vec());
    }
    let compressor = fs.compressor.ok_or("no compressor recorded")?;
    let mut out = Vec::with_capacity(block_size as usize);
    dec.decompress(bytes, &mut out, compressor.into()).map_err(|e| e.to_string())?;
    if out.len() as u64 > block_size {
        return Err("block larger than the block size".into());
    }
    Ok(out)
}

/// One file of a squashfs layer: the archive's reader and the file's inode.
struct SquashFile {
    fs: Arc<FilesystemReader<'static>>,
    file: SquashfsFileReader,
    block_size: u64,
    /// The image's decoders (its lzma block layout).
    decoders: &'static Decoders,
}

impl Layout for SquashFile {
    fn read(&self, layer: &[u8], n: u64) -> (Vec<u8>, Option<String>) {
        if n <= self.block_size {
            // a head, or a file of one block: from its first block alone (backhand's reader decodes
            // several blocks ahead)
            if let Ok(mut b) = first_block(&self.fs, self.decoders, layer, &self.file, self.block_size) {
                if b.len() as u64 >= n {
                    b.truncate(n as usize);
                    return (b, None);
                }
            }
        }
        let mut buf = Vec::with_capacity(n as usize);
        let err = match self.fs.file(&self.file).reader_checked().map(|r| r.take(n).read_to_end(&mut buf)) {
            Ok(Ok(_)) => return (buf, None),
            Ok(Err(e)) => e.to_string(),
            Err(e) => format!("{e:?}"),
        };
        (buf, Some(err))
    }
}

/// Major number of a Linux `new_encode_dev` device number.
fn dev_major(d: u32) -> u32 {
    (d & 0xfff00) >> 8
}
/// Minor number of a Linux `new_encode_dev` device number.
fn dev_minor(d: u32) -> u32 {
    (d & 0xff) | ((d >> 12) & 0xfff00)
}
