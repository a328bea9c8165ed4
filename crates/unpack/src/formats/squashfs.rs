//! SquashFS 4.0, little- and big-endian, with gzip, lzma, lzo, xz, lz4 and zstd compression.
//!
//! Vendors: the most common read-only rootfs of Linux-based routers, cameras, NAS and set-top boxes
//! (OpenWrt, DD-WRT, Ubiquiti, TP-Link, Netgear …); big-endian on older MIPS and PowerPC devices.
//! Reference: the squashfs 4.0 on-disk format (kernel `Documentation/filesystems/squashfs.rst`,
//! squashfs-tools). Parsing by the `backhand` crate, with our own bounded decompressors (no C, no GPL).
//! Limitations: squashfs 1.x–3.x and vendor LZMA variants (e.g. with non-standard LZMA headers) are not
//! read; a bad inode or block is a problem and the rest of the tree is kept.

use std::io::{Cursor, Read};
use std::sync::Arc;

use backhand::compression::{CompressionAction, Compressor};
use backhand::kind::{Kind, BE_V4_0, LE_V4_0};
use backhand::{BackhandError, FilesystemReader, InnerNode, SquashfsFileReader};
use bytes::Bytes;
use fwassure_model::{FileData, FileSource, Node, NodeKind, ReadError, Tree};
use rayon::prelude::*;

use crate::decompress;
use crate::format::read::Endian;
use crate::format::{Ctx, Extracted, Format, FormatError, Identified, Magic};

/// The squashfs format.
pub struct Squashfs;

/// Superblock fields used to validate a candidate.
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
        ok.then_some(SuperBlock { endian, inode_count: endian.u32(d, 4)?, block_size, compressor, bytes_used })
    }
}

fn compressor_name(c: u16) -> &'static str {
    ["none", "gzip", "lzma", "lzo", "xz", "lz4", "zstd"].get(c as usize).copied().unwrap_or("unknown")
}

/// Decompression with our bounded, pure-Rust decoders.
#[derive(Clone, Copy)]
struct Decoders;

static DECODERS: Decoders = Decoders;

/// Largest block a squashfs 4.0 archive can hold.
const MAX_BLOCK: usize = 1 << 20;

impl CompressionAction for Decoders {
    type Error = BackhandError;
    type Compressor = Compressor;
    type FilesystemCompressor = backhand::FilesystemCompressor;
    type SuperBlock = backhand::SuperBlock;

    fn decompress(&self, bytes: &[u8], out: &mut Vec<u8>, compressor: Compressor) -> Result<(), BackhandError> {
        let bad = |e: FormatError| BackhandError::UnsupportedCompression(e.to_string());
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
            Compressor::Lzma => decompress::lzma_alone(bytes, max).map_err(bad)?.data,
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
        Some(Identified {
            size: Some(sb.bytes_used),
            description: format!(
                "squashfs 4.0 {}, {}, block {} KiB, {} inodes",
                if sb.endian == Endian::Little { "le" } else { "be" },
                compressor_name(sb.compressor),
                sb.block_size / 1024,
                sb.inode_count
            ),
        })
    }

    fn extract(&self, data: &Bytes, ctx: &mut Ctx) -> Result<Extracted, FormatError> {
        let sb = SuperBlock::parse(data).ok_or_else(|| FormatError::Invalid("bad squashfs superblock".into()))?;
        let inner = if sb.endian == Endian::Little { LE_V4_0 } else { BE_V4_0 };
        let kind = Kind::new_v4_with_const(&DECODERS, inner);
        let fs = FilesystemReader::from_reader_with_offset_and_kind(Cursor::new(data.clone()), 0, kind)
            .map_err(|e| FormatError::Invalid(format!("squashfs: {e}")))?;
        let fs = Arc::new(fs);
        // metadata first (sequential, cheap), then every file's blocks decompressed in parallel, then the tree
        // built in archive order; files past the size or byte budget are skipped exactly as a sequential walk
        // would skip them
        let nodes: Vec<_> = fs.files().collect();
        let mut remaining = ctx.budget().layer_limit(data.len());
        // sparse blocks read as zeros: a file is held to the expansion limit of the bytes it stores (its
        // blocks, plus at most one block for its fragment)
        let planned: Vec<Option<u64>> = nodes
            .iter()
            .map(|node| match &node.inner {
                InnerNode::File(f) => {
                    let len = f.file_len() as u64;
                    let limit = ctx.budget().stream_limit_within(stored_bytes(f, sb.block_size), remaining);
                    (len <= limit).then(|| {
                        remaining -= len;
                        len
                    })
                }
                _ => None,
            })
            .collect();
        // small files are read now; a bigger one keeps its first bytes and is read again when the content
        // pass asks for it, so that the image's files are never all held decoded at once
        // (reading a file's head decodes its whole first block: a file that fits in one block is read now)
        let eager_max = crate::ondemand::EAGER_MAX.max(sb.block_size as u64);
        // each file read on demand gets a key: its index in the source's inode list
        let mut lazy_files: Vec<SquashfsFileReader> = Vec::new();
        let keys: Vec<Option<u64>> = nodes
            .iter()
            .zip(&planned)
            .map(|(n, p)| match (&n.inner, p) {
                (InnerNode::File(f), Some(len)) if *len > eager_max => {
                    lazy_files.push(f.clone());
                    Some(lazy_files.len() as u64 - 1)
                }
                _ => None,
            })
            .collect();
        let contents: Vec<Option<(Bytes, Option<String>)>> = nodes
            .par_iter()
            .zip(planned.par_iter())
            .zip(keys.par_iter())
            .map(|((node, plan), key)| {
                let (InnerNode::File(f), Some(len)) = (&node.inner, plan) else { return None };
                let read = match key {
                    // only the first block: backhand's reader decodes several blocks ahead
                    Some(_) => first_block(&fs, data, f, sb.block_size as u64)
                        .map(|b| b.slice(..b.len().min(FileData::HEAD)))
                        .or_else(|_| read_file(&fs, f, *len, FileData::HEAD as u64)),
                    None => read_file(&fs, f, *len, *len),
                };
                Some(match read {
                    Ok(b) => (b, None),
                    Err(e) => (e.partial.clone(), Some(format!("file data unreadable: {e}"))),
                })
            })
            .collect();
        let source: Arc<dyn FileSource> = Arc::new(Source { fs: fs.clone(), files: lazy_files });
        let mut tree = Tree::new();
        for (((node, plan), content), key) in nodes.iter().zip(&planned).zip(contents).zip(&keys) {
            let path = node.fullpath.to_string_lossy().into_owned();
            let h = node.header;
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
                InnerNode::File(f) => match (plan, content) {
                    (Some(len), Some((buf, err))) => match (err, key) {
                        (Some(e), _) => {
                            ctx.problem(Some(&path), e);
                            NodeKind::File(buf.into())
                        }
                        (None, Some(k)) => NodeKind::File(FileData::lazy(source.clone(), *k, *len, buf)),
                        (None, None) => NodeKind::File(buf.into()),
                    },
                    _ => {
                        ctx.problem(
                            Some(&path),
                            format!(
                                "file of {} bytes exceeds the size or expansion limit; content skipped",
                                f.file_len()
                            ),
                        );
                        NodeKind::File(Bytes::new().into())
                    }
                },
            };
            let n = Node { kind, mode: h.permissions as u32 & 0o7777, uid: h.uid, gid: h.gid, mtime: h.mtime as i64 };
            if let Err(e) = ctx.insert(&mut tree, &path, n) {
                ctx.problem(None, e.to_string());
                break;
            }
        }
        Ok(Extracted::tree(tree).with_consumed(sb.bytes_used))
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
    data: &[u8],
    f: &SquashfsFileReader,
    block_size: u64,
) -> Result<Bytes, String> {
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
        return Ok(Bytes::copy_from_slice(bytes));
    }
    let compressor = fs.compressor.ok_or("no compressor recorded")?;
    let mut out = Vec::with_capacity(block_size as usize);
    DECODERS.decompress(bytes, &mut out, compressor.into()).map_err(|e| e.to_string())?;
    if out.len() as u64 > block_size {
        return Err("block larger than the block size".into());
    }
    Ok(Bytes::from(out))
}

/// The first `want` bytes (at most `len`) of a file.
fn read_file(fs: &FilesystemReader<'static>, f: &SquashfsFileReader, len: u64, want: u64) -> Result<Bytes, ReadError> {
    let mut buf = Vec::with_capacity(want.min(len) as usize);
    let err = match fs.file(f).reader_checked().map(|r| r.take(want.min(len)).read_to_end(&mut buf)) {
        Ok(Ok(_)) => return Ok(Bytes::from(buf)),
        Ok(Err(e)) => e.to_string(),
        Err(e) => format!("{e:?}"),
    };
    Err(ReadError { partial: Bytes::from(buf), message: err })
}

/// The files of one squashfs layer that are read on demand: the archive (over the layer's bytes) and
/// their inodes.
struct Source {
    fs: Arc<FilesystemReader<'static>>,
    files: Vec<SquashfsFileReader>,
}

impl std::fmt::Debug for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "squashfs source ({} files read on demand)", self.files.len())
    }
}

impl FileSource for Source {
    fn read(&self, key: u64, len: u64) -> Result<Bytes, ReadError> {
        self.read_head(key, len, len as usize)
    }
    fn read_head(&self, key: u64, len: u64, n: usize) -> Result<Bytes, ReadError> {
        let f = self
            .files
            .get(key as usize)
            .ok_or_else(|| ReadError { partial: Bytes::new(), message: format!("no file #{key} in this squashfs") })?;
        read_file(&self.fs, f, len, n as u64)
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
