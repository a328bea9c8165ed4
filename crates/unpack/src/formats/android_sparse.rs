//! Android sparse images (`simg`, magic `0xed26ff3a` little-endian), expanded to the raw image they encode.
//!
//! Vendors: every Android device and many Android-derived IoT products (set-top boxes, smart displays,
//! Qualcomm/MediaTek/Rockchip/Amlogic boards): `system.img`, `vendor.img`, `userdata.img`, `cache.img` as
//! flashed by `fastboot`, and OTA/factory packages; also some non-Android embedded Linux boards whose flashing
//! tools reuse the format (NXP `uuu`, Yocto `.simg`).
//! References: AOSP `system/core/libsparse/sparse_format.h` and `sparse_read.cpp` (the format: a file header,
//! then chunk headers each followed by their data); the `img2simg`/`simg2img` tools of Debian's
//! `android-sdk-libsparse-utils`, used for the fixtures.
//!
//! Layout (all little-endian): a file header of `file_hdr_sz` bytes (28 in every known writer): magic, major
//! version 1, minor version, `file_hdr_sz`, `chunk_hdr_sz` (12), block size (a multiple of 4), total blocks
//! of the expanded image, total chunks, and an optional CRC32 of the expanded image. Each chunk header is
//! `chunk_type:16 reserved:16 chunk_sz:32 total_sz:32` (`chunk_sz` in blocks of output, `total_sz` in bytes of
//! input, header included), followed by its data: RAW (`0xcac1`, `chunk_sz` blocks copied), FILL (`0xcac2`,
//! a 4-byte pattern repeated over `chunk_sz` blocks), DONT_CARE (`0xcac3`, no data; written as zeros here, as
//! `simg2img` does) and CRC32 (`0xcac4`, the CRC32 of all the output so far, checked).
//!
//! The output is one stream, `image`, the expanded image, which the engine identifies in turn (usually ext4,
//! sometimes squashfs, EROFS or a vendor container). The expanded size is `total blocks × block size`, a value
//! of the header and therefore hostile: it is held to the expansion limit of the sparse image's size
//! ([`crate::Budget::stream_limit`]) before anything is allocated, and the image is cut, with a problem, when
//! it would expand beyond it. A chunk that is truncated, of an unknown type or inconsistent with its sizes is
//! reported and ends the reading; the blocks not written read as zeros up to the declared size, so that the
//! file system inside keeps its geometry.
//!
//! No crate is used: `android-sparse-image` gives the header structs only and refuses the larger header
//! sizes that libsparse accepts; `android-sparse` expands through `io::Read`/`io::Write` with no way to bound
//! the output by the unpack budget. The format is a few fields.
//!
//! Without this format a sparse image of an ext4 file system is misread as a truncated ext (its first RAW
//! chunk holds the superblock 28 + 12 bytes in, where the ext magic search finds it).

use bytes::Bytes;

use crate::format::read::{le16, le32};
use crate::format::{Ctx, Extracted, Format, FormatError, Identified, Magic, Stream};

/// The Android sparse image format.
pub struct AndroidSparse;

/// The magic, little-endian.
pub const MAGIC: u32 = 0xed26_ff3a;
/// Size of the file header as written by libsparse.
pub const FILE_HDR_LEN: usize = 28;
/// Size of a chunk header as written by libsparse.
pub const CHUNK_HDR_LEN: usize = 12;

/// A chunk's type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChunkType {
    /// Data copied to the output.
    Raw,
    /// A 4-byte pattern repeated.
    Fill,
    /// Blocks not written (zeros here).
    DontCare,
    /// The CRC32 of the output so far.
    Crc32,
}

impl ChunkType {
    /// The type of a stored `chunk_type`.
    pub fn from_u16(v: u16) -> Option<ChunkType> {
        Some(match v {
            0xcac1 => ChunkType::Raw,
            0xcac2 => ChunkType::Fill,
            0xcac3 => ChunkType::DontCare,
            0xcac4 => ChunkType::Crc32,
            _ => return None,
        })
    }
}

/// The file header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// Major version (1).
    pub major: u16,
    /// Minor version.
    pub minor: u16,
    /// Size of this header in bytes (at least 28).
    pub file_hdr_sz: u16,
    /// Size of a chunk header in bytes (at least 12).
    pub chunk_hdr_sz: u16,
    /// Block size in bytes.
    pub blk_sz: u32,
    /// Blocks of the expanded image.
    pub total_blks: u32,
    /// Chunks in the sparse image.
    pub total_chunks: u32,
    /// CRC32 of the expanded image, 0 when not given.
    pub image_checksum: u32,
}

impl Header {
    /// Parse and validate the header at the start of `d`.
    pub fn parse(d: &[u8]) -> Option<Header> {
        if le32(d, 0)? != MAGIC {
            return None;
        }
        let h = Header {
            major: le16(d, 4)?,
            minor: le16(d, 6)?,
            file_hdr_sz: le16(d, 8)?,
            chunk_hdr_sz: le16(d, 10)?,
            blk_sz: le32(d, 12)?,
            total_blks: le32(d, 16)?,
            total_chunks: le32(d, 20)?,
            image_checksum: le32(d, 24)?,
        };
        let ok = h.major == 1
            && (h.file_hdr_sz as usize) >= FILE_HDR_LEN
            && (h.chunk_hdr_sz as usize) >= CHUNK_HDR_LEN
            && h.blk_sz >= 4
            && h.blk_sz.is_multiple_of(4)
            && h.total_chunks > 0;
        ok.then_some(h)
    }

    /// Bytes of the expanded image as declared (`total_blks × blk_sz`).
    pub fn expanded_size(&self) -> u64 {
        self.total_blks as u64 * self.blk_sz as u64
    }
}

/// One chunk header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chunk {
    /// The stored type.
    pub raw_type: u16,
    /// Output size in blocks.
    pub chunk_sz: u32,
    /// Input size in bytes, the header included.
    pub total_sz: u32,
}

impl Chunk {
    /// Parse the chunk header at `off`.
    pub fn parse(d: &[u8], off: usize) -> Option<Chunk> {
        Some(Chunk {
            raw_type: le16(d, off)?,
            chunk_sz: le32(d, off.checked_add(4)?)?,
            total_sz: le32(d, off.checked_add(8)?)?,
        })
    }
}

/// Walk the chunk headers (without their data) and give the end of the last chunk, or of the header of the
/// first chunk that cannot be read (so that extraction sees it and reports it).
fn sparse_len(d: &[u8], h: &Header) -> u64 {
    let mut off = h.file_hdr_sz as u64;
    for _ in 0..h.total_chunks {
        let Some(c) = usize::try_from(off).ok().and_then(|o| Chunk::parse(d, o)) else { break };
        if ChunkType::from_u16(c.raw_type).is_none() || (c.total_sz as u64) < h.chunk_hdr_sz as u64 {
            return off + h.chunk_hdr_sz as u64;
        }
        off += c.total_sz as u64;
    }
    off.min(d.len() as u64)
}

impl Format for AndroidSparse {
    fn name(&self) -> &'static str {
        "android-sparse"
    }
    fn magics(&self) -> &'static [Magic] {
        &[Magic { bytes: &[0x3a, 0xff, 0x26, 0xed], offset: 0 }]
    }
    fn identify(&self, d: &[u8]) -> Option<Identified> {
        let h = Header::parse(d)?;
        // the first chunk must have a known type
        let first = Chunk::parse(d, h.file_hdr_sz as usize)?;
        ChunkType::from_u16(first.raw_type)?;
        Some(Identified {
            size: Some(sparse_len(d, &h)),
            description: format!(
                "android sparse image v{}.{}, {} chunks, {} blocks of {} bytes",
                h.major, h.minor, h.total_chunks, h.total_blks, h.blk_sz
            ),
        })
    }

    fn extract(&self, data: &Bytes, ctx: &mut Ctx) -> Result<Extracted, FormatError> {
        let h = Header::parse(data).ok_or_else(|| FormatError::Invalid("no android sparse header".into()))?;
        let declared = h.expanded_size();
        let limit = ctx.budget().stream_limit(data.len());
        let cap = if declared > limit {
            ctx.problem(
                None,
                format!("expanded size {declared} bytes exceeds the limit ({limit} bytes): image cut (possible bomb)"),
            );
            limit
        } else {
            declared
        };
        let cap =
            usize::try_from(cap).map_err(|_| FormatError::Limit("expanded size beyond the address space".into()))?;
        let mut out: Vec<u8> = Vec::new();
        out.try_reserve_exact(cap)
            .map_err(|_| FormatError::Limit(format!("cannot allocate {cap} bytes for the expanded image")))?;
        let blk = h.blk_sz as u64;
        let hdr = h.chunk_hdr_sz as u64;
        let mut crc = crc32fast::Hasher::new();
        let mut off = h.file_hdr_sz as usize;
        let mut blocks: u64 = 0;
        let mut complete = false;
        let mut cut = false;
        'chunks: for i in 0..h.total_chunks {
            if let Err(e) = ctx.budget().check_time() {
                ctx.problem(None, e);
                break;
            }
            let Some(c) = Chunk::parse(data, off) else {
                ctx.problem(
                    None,
                    format!("chunk {i} of {}: header at {off:#x} past the end (truncated)", h.total_chunks),
                );
                break;
            };
            let Some(kind) = ChunkType::from_u16(c.raw_type) else {
                ctx.problem(None, format!("chunk {i} at {off:#x}: unknown type {:#06x}; reading stops", c.raw_type));
                break;
            };
            let body_len = (c.total_sz as u64).checked_sub(hdr);
            let want_body = match kind {
                ChunkType::Raw => c.chunk_sz as u64 * blk,
                ChunkType::Fill | ChunkType::Crc32 => 4,
                ChunkType::DontCare => 0,
            };
            if body_len != Some(want_body) {
                ctx.problem(
                    None,
                    format!(
                        "chunk {i} at {off:#x} ({kind:?}): total size {} does not match {} blocks of {blk} bytes; \
                         reading stops",
                        c.total_sz, c.chunk_sz
                    ),
                );
                break;
            }
            let body_start = off as u64 + hdr;
            if kind != ChunkType::Raw && off as u64 + c.total_sz as u64 > data.len() as u64 {
                // a raw chunk's missing data reads as zeros below; any other chunk must be whole
                ctx.problem(
                    None,
                    format!("chunk {i} at {off:#x} ({kind:?}): runs past the end of the image (truncated)"),
                );
                break;
            }
            let out_len = if kind == ChunkType::Crc32 { 0 } else { c.chunk_sz as u64 * blk };
            if blocks.saturating_add(c.chunk_sz as u64) > h.total_blks as u64 && kind != ChunkType::Crc32 {
                ctx.problem(None, format!("chunk {i} at {off:#x} runs past the declared {} blocks; cut", h.total_blks));
            }
            // what of this chunk's output fits under the cap (and the declared size)
            let room = (cap as u64).saturating_sub(out.len() as u64);
            let n = out_len.min(room) as usize;
            if (n as u64) < out_len {
                cut = true;
            }
            let start = out.len();
            match kind {
                ChunkType::Raw => {
                    let src = usize::try_from(body_start).ok().and_then(|s| data.get(s..)).unwrap_or(&[]);
                    let have = src.len().min(n);
                    out.extend_from_slice(&src[..have]);
                    out.resize(start + n, 0);
                    if (src.len() as u64) < out_len {
                        ctx.problem(
                            None,
                            format!(
                                "chunk {i} at {off:#x}: raw data truncated ({} of {out_len} bytes); the rest reads as zeros",
                                src.len()
                            ),
                        );
                        break 'chunks;
                    }
                }
                ChunkType::Fill => {
                    let Some(pat) = usize::try_from(body_start).ok().and_then(|s| data.get(s..)?.get(..4)) else {
                        ctx.problem(None, format!("chunk {i} at {off:#x}: fill value truncated"));
                        break;
                    };
                    let pat: [u8; 4] = [pat[0], pat[1], pat[2], pat[3]];
                    out.extend(pat.iter().copied().cycle().take(n));
                }
                ChunkType::DontCare => out.resize(start + n, 0),
                ChunkType::Crc32 => {
                    let Some(want) = usize::try_from(body_start).ok().and_then(|s| le32(data, s)) else {
                        ctx.problem(None, format!("chunk {i} at {off:#x}: CRC32 value truncated"));
                        break;
                    };
                    if !cut && crc.clone().finalize() != want {
                        ctx.problem(None, format!("chunk {i} at {off:#x}: CRC32 of the data so far does not match"));
                    }
                }
            }
            crc.update(&out[start..]);
            if kind != ChunkType::Crc32 {
                blocks = blocks.saturating_add(c.chunk_sz as u64);
            }
            off = off.saturating_add(c.total_sz as usize);
            if i + 1 == h.total_chunks {
                complete = true;
            }
            if cut {
                break;
            }
        }
        if complete && blocks < h.total_blks as u64 {
            ctx.problem(None, format!("the chunks cover {blocks} of {} blocks; the rest reads as zeros", h.total_blks));
        }
        if complete
            && !cut
            && blocks == h.total_blks as u64
            && h.image_checksum != 0
            && crc.finalize() != h.image_checksum
        {
            ctx.problem(None, "image CRC32 of the header does not match the expanded image");
        }
        // blocks not written (a truncated image) read as zeros up to the declared size
        out.resize(cap, 0);
        ctx.budget().charge_bytes(out.len() as u64).map_err(FormatError::Limit)?;
        let n = out.len();
        Ok(Extracted::streams(vec![Stream {
            description: String::new(),
            name: "image".into(),
            offset: 0,
            data: Bytes::from(out),
        }])
        .with_consumed(off as u64)
        .with_description(format!(
            "android sparse image v{}.{}, {} chunks, {} blocks of {} bytes, {n} bytes expanded",
            h.major, h.minor, h.total_chunks, h.total_blks, h.blk_sz
        )))
    }
}
