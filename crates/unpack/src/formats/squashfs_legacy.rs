//! SquashFS 1.x, 2.x and 3.x, little- and big-endian, zlib and the vendors' LZMA forms.
//!
//! Vendors: the read-only rootfs of most routers and access points built before ~2012 (kernels 2.4 and
//! 2.6 before squashfs 4.0 entered mainline): D-Link and Alpha Networks, DD-WRT, Huawei and other
//! Broadcom/Realtek/Ralink SDK builds, TP-Link, Linksys, Netgear. Big-endian on MIPS big-endian boards.
//! References: squashfs-tools 1.x–3.x `squashfs_fs.h` (the packed structures and the `SQUASHFS_SWAP_*`
//! bit positions, which describe the big-endian layouts), Linux 2.6 `fs/squashfs` (3.x), the notes of
//! sasquatch and unblob's squashfs handlers on the vendor magics and LZMA forms. Written from those
//! descriptions; no code taken.
//!
//! Layout: a superblock (63 bytes for majors 1 and 2, 119 for 3) whose magic sets the byte order;
//! an inode table and a directory table made of metadata blocks (a 2-byte length, bit 15 set when the
//! block is stored, then at most 8 KiB), a fragment table (an index of table-block offsets, then entries
//! of 8 bytes in 2.x and 16 in 3.x), uid and gid tables of u32, and the data blocks of files (a list of
//! compressed sizes after the inode, bit 24 set when stored — bit 15 of a u16 in 1.x; size 0 is a
//! sparse block of zeros). Inodes and directory entries are bit fields packed from the least significant
//! bit on little-endian images and from the most significant bit on big-endian ones: both are read here
//! as a stream of bits at the positions `squashfs_fs.h` gives. An inode reference is the table-block
//! offset shifted left by 16 plus the offset in the decoded block.
//!
//! Magics: `hsqs`/`sqsh` (standard, le/be), `shsq`/`qshs` (Broadcom's LZMA squashfs), `hsqt`/`tqsh`
//! (DD-WRT), `zlqs`/`sqlz` (other non-standard builds); only majors 1 to 3 are claimed (4.0 is
//! [`crate::formats::squashfs`]). The compressor is not recorded before 4.0: it is found by probing the
//! first compressed block and then kept (a block it refuses is tried with the others): zlib; LZMA "alone"
//! with a 13-byte header (sqlzma, Broadcom); 5 properties bytes and raw data (TP-Link and Broadcom
//! builds); 4 bytes `pb, lc, lp, fb` and raw data (DD-WRT, which picks the properties per block); the
//! marker `7zip` and raw data (D-Link/Alpha Networks); raw data without any header (lc=3, lp=0, pb=2).
//!
//! Files bigger than one block are read on demand ([`crate::ondemand::Plan`]); smaller ones are decoded
//! at once. A decoded fragment block is shared by the files it holds (a bounded cache).
//!
//! Limitations: hard links are listed once per name (as separate files); 1.x is read from the format
//! description alone (no sample seen); the extended directory index is skipped (directories are read in
//! full); a raw LZMA stream without an end marker that is the last of a table may decode a few bytes of
//! flush garbage past its true end, which nothing references.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Arc, Mutex, OnceLock};

use bytes::Bytes;
use fwassure_model::{Node, NodeKind, Tree};

use crate::decompress;
use crate::format::read::Endian;
use crate::format::{Ctx, Extracted, Format, FormatError, Identified, Magic};
use crate::lzma2::{decode_lzma, LzmaError};
use crate::ondemand::{Damage, Entry, Layout, Plan};

/// The squashfs 1.x–3.x format.
pub struct SquashfsLegacy;

/// Size of a decoded metadata block.
const META: usize = 8192;
/// Deepest directory nesting read.
const MAX_DEPTH: usize = 128;
/// Decoded fragment blocks kept for the files that share them.
const FRAG_CACHE: usize = 256;

/// Whose build wrote the image, as its magic says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vendor {
    /// `hsqs` / `sqsh`.
    Standard,
    /// `shsq` / `qshs` (Broadcom's LZMA squashfs).
    Broadcom,
    /// `hsqt` / `tqsh`.
    DdWrt,
    /// `zlqs` / `sqlz`.
    Nonstandard,
}

/// The superblock, normalised over the three majors (offsets from the start of the file system).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Super {
    /// Byte order.
    pub endian: Endian,
    /// The magic's family.
    pub vendor: Vendor,
    /// 1, 2 or 3.
    pub major: u16,
    /// Minor version (some vendors put a marker here).
    pub minor: u16,
    /// Number of inodes.
    pub inodes: u32,
    /// Bytes used by the file system.
    pub bytes_used: u64,
    /// uid table.
    pub uid_start: u64,
    /// gid table.
    pub guid_start: u64,
    /// Inode table.
    pub inode_table_start: u64,
    /// Directory table.
    pub directory_table_start: u64,
    /// Fragment table index (2.x, 3.x).
    pub fragment_table_start: u64,
    /// Export table (3.x; `u64::MAX` when absent).
    pub lookup_table_start: u64,
    /// Number of fragments (2.x, 3.x).
    pub fragments: u32,
    /// Data block size.
    pub block_size: u32,
    /// Flags (bit 0 inodes stored, 1 data stored, 2 check markers, 3 fragments stored, 4 no fragments).
    pub flags: u8,
    /// Entries of the uid table.
    pub no_uids: u8,
    /// Entries of the gid table.
    pub no_guids: u8,
    /// Creation time.
    pub mkfs_time: u32,
    /// The root directory's inode reference.
    pub root_inode: u64,
}

impl Super {
    /// Parse and validate the superblock at the start of `d`.
    pub fn parse(d: &[u8]) -> Option<Super> {
        let (endian, vendor) = match d.get(0..4)? {
            b"hsqs" => (Endian::Little, Vendor::Standard),
            b"sqsh" => (Endian::Big, Vendor::Standard),
            b"shsq" => (Endian::Little, Vendor::Broadcom),
            b"qshs" => (Endian::Big, Vendor::Broadcom),
            b"hsqt" => (Endian::Little, Vendor::DdWrt),
            b"tqsh" => (Endian::Big, Vendor::DdWrt),
            b"zlqs" => (Endian::Little, Vendor::Nonstandard),
            b"sqlz" => (Endian::Big, Vendor::Nonstandard),
            _ => return None,
        };
        let e = endian;
        let major = e.u16(d, 28)?;
        if !(1..=3).contains(&major) {
            return None;
        }
        let block_log = e.u16(d, 34)?;
        let block_size = if major == 1 { e.u16(d, 32)? as u32 } else { e.u32(d, 51)? };
        let (lo, hi) = if major == 1 { (512, 32768) } else { (4096, 1 << 20) };
        if !block_size.is_power_of_two()
            || !(lo..=hi).contains(&block_size)
            || 1u32.checked_shl(block_log as u32) != Some(block_size)
        {
            return None;
        }
        let u32at = |o| e.u32(d, o).map(u64::from);
        let sb = if major == 3 {
            Super {
                bytes_used: e.u64(d, 63)?,
                uid_start: e.u64(d, 71)?,
                guid_start: e.u64(d, 79)?,
                inode_table_start: e.u64(d, 87)?,
                directory_table_start: e.u64(d, 95)?,
                fragment_table_start: e.u64(d, 103)?,
                lookup_table_start: e.u64(d, 111)?,
                fragments: e.u32(d, 55)?,
                ..Super::common(d, endian, vendor, major, block_size)?
            }
        } else {
            Super {
                bytes_used: u32at(8)?,
                uid_start: u32at(12)?,
                guid_start: u32at(16)?,
                inode_table_start: u32at(20)?,
                directory_table_start: u32at(24)?,
                fragment_table_start: if major == 2 { u32at(59)? } else { 0 },
                lookup_table_start: u64::MAX,
                fragments: if major == 2 { e.u32(d, 55)? } else { 0 },
                ..Super::common(d, endian, vendor, major, block_size)?
            }
        };
        let len = sb.header_len() as u64;
        let ok = sb.bytes_used > len
            && sb.inode_table_start >= len
            && sb.inode_table_start < sb.directory_table_start
            && sb.directory_table_start < sb.bytes_used
            && (sb.root_inode >> 16) < sb.directory_table_start - sb.inode_table_start
            && (sb.root_inode & 0xffff) < META as u64;
        ok.then_some(sb)
    }

    /// The fields every major shares.
    fn common(d: &[u8], e: Endian, vendor: Vendor, major: u16, block_size: u32) -> Option<Super> {
        Some(Super {
            endian: e,
            vendor,
            major,
            minor: e.u16(d, 30)?,
            inodes: e.u32(d, 4)?,
            bytes_used: 0,
            uid_start: 0,
            guid_start: 0,
            inode_table_start: 0,
            directory_table_start: 0,
            fragment_table_start: 0,
            lookup_table_start: u64::MAX,
            fragments: 0,
            block_size,
            flags: *d.get(36)?,
            no_uids: *d.get(37)?,
            no_guids: *d.get(38)?,
            mkfs_time: e.u32(d, 39)?,
            root_inode: e.u64(d, 43)?,
        })
    }

    /// The bytes the filesystem really spans: `bytes_used`, or the end of the id and fragment-index tables when
    /// a vendor's mksquashfs wrote them past it (D-Link/Alpha Networks squashfs 2.0 LZMA images record a
    /// `bytes_used` that stops a few hundred bytes before their uid table). Only tables that start within
    /// [`Super::TABLE_SLACK`] of `bytes_used` extend it, so a corrupt start cannot claim the rest of the parent.
    pub fn extent(&self) -> u64 {
        let idx = if self.major == 3 { 8 } else { 4 };
        let entry = if self.major == 3 { 16 } else { 8 };
        let frag_index = (self.fragments as u64 * entry).div_ceil(META as u64) * idx;
        [
            (self.uid_start, self.no_uids as u64 * 4),
            (self.guid_start, self.no_guids as u64 * 4),
            (if self.major > 1 && self.fragments > 0 { self.fragment_table_start } else { 0 }, frag_index),
        ]
        .into_iter()
        .filter(|&(start, _)| start >= self.bytes_used && start - self.bytes_used <= Self::TABLE_SLACK)
        .map(|(start, len)| start.saturating_add(len))
        .fold(self.bytes_used, u64::max)
    }

    /// How far past `bytes_used` a table may start and still count as part of the filesystem.
    pub const TABLE_SLACK: u64 = 64 * 1024;

    /// Bytes of the superblock.
    pub fn header_len(&self) -> usize {
        if self.major == 3 {
            119
        } else {
            63
        }
    }

    fn order(&self) -> &'static str {
        if self.endian == Endian::Little {
            "le"
        } else {
            "be"
        }
    }

    fn vendor_name(&self) -> &'static str {
        match self.vendor {
            Vendor::Standard => "",
            Vendor::Broadcom => " (Broadcom magic)",
            Vendor::DdWrt => " (DD-WRT magic)",
            Vendor::Nonstandard => " (non-standard magic)",
        }
    }
}

/// Bit fields of a packed structure: from the least significant bit of each byte on little-endian
/// images, from the most significant on big-endian ones (`squashfs_fs.h`'s `SQUASHFS_SWAP` positions).
#[derive(Clone, Copy)]
struct Bits<'a> {
    d: &'a [u8],
    e: Endian,
}

impl Bits<'_> {
    /// The `width`-bit field at bit `pos` (width at most 64).
    fn get(&self, pos: usize, width: u32) -> Option<u64> {
        let shift = pos % 8;
        let nbytes = (shift + width as usize).div_ceil(8);
        let bytes = self.d.get(pos / 8..pos / 8 + nbytes)?;
        let mask = if width == 64 { u64::MAX } else { (1u64 << width) - 1 };
        let v = match self.e {
            Endian::Little => {
                let v = bytes.iter().rev().fold(0u128, |a, &b| (a << 8) | b as u128);
                (v >> shift) as u64
            }
            Endian::Big => {
                let v = bytes.iter().fold(0u128, |a, &b| (a << 8) | b as u128);
                (v >> (nbytes * 8 - shift - width as usize)) as u64
            }
        };
        Some(v & mask)
    }
}

/// How compressed blocks are stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Codec {
    Zlib,
    LzmaAlone,
    LzmaDdwrt,
    Lzma7zip,
    LzmaProps5,
    LzmaRaw,
}

const CODECS: [Codec; 6] =
    [Codec::Zlib, Codec::LzmaAlone, Codec::LzmaDdwrt, Codec::Lzma7zip, Codec::LzmaProps5, Codec::LzmaRaw];

impl Codec {
    fn name(self) -> &'static str {
        match self {
            Codec::Zlib => "zlib",
            Codec::LzmaAlone => "lzma (13-byte header)",
            Codec::LzmaDdwrt => "lzma (DD-WRT per-block properties)",
            Codec::Lzma7zip => "lzma (7zip marker)",
            Codec::LzmaProps5 => "lzma (5-byte properties)",
            Codec::LzmaRaw => "lzma (raw, lc=3 lp=0 pb=2)",
        }
    }

    /// Decode one block of at most `max` bytes; `None` when this is not the block's form.
    fn decode(self, b: &[u8], max: usize) -> Option<Vec<u8>> {
        match self {
            Codec::Zlib => {
                if b.first().is_none_or(|&c| c & 0x0f != 8) {
                    return None;
                }
                decompress::inflate_block(b, max, true)
                    .or_else(|| decompress::zlib(b, max as u64).ok().filter(|o| o.error.is_none()).map(|o| o.data))
            }
            Codec::LzmaAlone => {
                let size = crate::format::read::le64(b, 5)?;
                let known = (size != u64::MAX).then_some(size);
                if known.is_some_and(|s| s > max as u64) {
                    return None;
                }
                lzma(b.get(13..)?, *b.first()?, max, known)
            }
            Codec::LzmaDdwrt => {
                let (pb, lc, lp) = (*b.first()?, *b.get(1)?, *b.get(2)?);
                if pb > 4 || lc > 8 || lp > 4 {
                    return None;
                }
                lzma(b.get(4..)?, (pb * 5 + lp) * 9 + lc, max, None)
            }
            Codec::Lzma7zip => lzma(b.strip_prefix(b"7zip")?, 0x5d, max, None),
            Codec::LzmaProps5 => lzma(b.get(5..)?, *b.first()?, max, None),
            Codec::LzmaRaw => lzma(b, 0x5d, max, None),
        }
    }
}

/// A raw LZMA1 stream of at most `max` bytes. A stream without an end marker ends where its input does:
/// accepted when the decoder ran out of input within its last few bytes (the range coder's flush).
fn lzma(input: &[u8], props: u8, max: usize, size: Option<u64>) -> Option<Vec<u8>> {
    if input.first() != Some(&0) || props >= 225 {
        return None;
    }
    let dict = max.clamp(4096, 1 << 24) as u32;
    let o = decode_lzma(input, props, dict, size, max as u64);
    let ok = match o.error {
        None => true,
        Some(LzmaError::InputTruncated) => size.is_none() && o.consumed + 8 >= input.len() as u64,
        Some(_) => false,
    };
    (ok && !o.data.is_empty()).then_some(o.data)
}

/// The compressor of one image: found on the first compressed block, then tried first.
#[derive(Default)]
struct Codecs {
    chosen: OnceLock<Codec>,
}

impl Codecs {
    /// Decode a block of at most `max` bytes; with `exact`, only an output of exactly that size counts.
    fn decode(&self, b: &[u8], max: usize, exact: Option<usize>) -> Result<Vec<u8>, String> {
        let fits = |o: &Vec<u8>| exact.is_none_or(|n| o.len() == n);
        if let Some(o) = self.chosen.get().and_then(|c| c.decode(b, max)).filter(fits) {
            return Ok(o);
        }
        for c in CODECS {
            if Some(&c) == self.chosen.get() {
                continue;
            }
            if let Some(o) = c.decode(b, max).filter(fits) {
                let _ = self.chosen.set(c);
                return Ok(o);
            }
        }
        Err(match self.chosen.get() {
            Some(c) => format!("{} block of {} bytes does not decode", c.name(), b.len()),
            None => format!("block of {} bytes decodes with none of the known compressors", b.len()),
        })
    }

    fn name(&self) -> &'static str {
        self.chosen.get().map_or("compressor unknown", |c| c.name())
    }
}

/// A metadata table decoded: its blocks back to back, and where each block (by its offset from the
/// table start) begins in `data`.
#[derive(Default)]
struct Table {
    data: Vec<u8>,
    at: BTreeMap<u64, usize>,
}

impl Table {
    /// The decoded bytes from a reference (`block` from the table start, `offset` in its decoded block).
    fn slice(&self, block: u64, offset: usize) -> Option<&[u8]> {
        let start = self.at.get(&block)?.checked_add(offset)?;
        self.data.get(start..)
    }
}

/// Read one metadata block at `off`: (decoded bytes, offset of the next block).
fn meta_block(d: &[u8], off: u64, sb: &Super, codecs: &Codecs) -> Result<(Vec<u8>, u64), String> {
    let o = usize::try_from(off).map_err(|_| "offset out of range".to_string())?;
    let h = sb.endian.u16(d, o).ok_or_else(|| format!("metadata block at {off:#x} is past the end"))?;
    let mut start = o + 2;
    if sb.flags & 4 != 0 && d.get(start) == Some(&0xff) {
        start += 1; // check-data marker byte
    }
    let len = match (h & 0x7fff) as usize {
        0 => 0x8000,
        n => n,
    };
    let raw = d.get(start..start + len).ok_or_else(|| format!("metadata block at {off:#x} runs past the end"))?;
    let out = if h & 0x8000 != 0 {
        raw.get(..raw.len().min(META)).unwrap_or_default().to_vec()
    } else {
        codecs.decode(raw, META, None).map_err(|e| format!("metadata block at {off:#x}: {e}"))?
    };
    Ok((out, (start + len) as u64))
}

/// Decode the table `[start, end)` block by block, at most `limit` decoded bytes.
fn read_table(d: &[u8], start: u64, end: u64, sb: &Super, codecs: &Codecs, limit: u64) -> (Table, Option<String>) {
    let mut t = Table::default();
    let mut off = start;
    while off < end {
        if t.data.len() as u64 + META as u64 > limit {
            return (t, Some("metadata exceeds the expansion limit; rest not read".into()));
        }
        match meta_block(d, off, sb, codecs) {
            Ok((b, next)) => {
                t.at.insert(off - start, t.data.len());
                t.data.extend_from_slice(&b);
                off = next;
            }
            Err(e) => return (t, Some(e)),
        }
    }
    (t, None)
}

/// What an inode is.
#[derive(Debug, Clone)]
enum Kind {
    Dir { block: u64, offset: usize, size: u64 },
    File(FileInfo),
    Symlink(String),
    Dev { char: bool, rdev: u32 },
    Fifo,
    Socket,
}

/// Where a regular file's data is.
#[derive(Debug, Clone)]
struct FileInfo {
    start: u64,
    size: u64,
    /// Fragment index, or `None`.
    fragment: Option<u32>,
    frag_offset: u32,
    /// Size words of the blocks.
    blocks: Vec<u32>,
}

struct Inode {
    kind: Kind,
    mode: u32,
    uid: u32,
    gid: u32,
    mtime: u32,
}

/// Reads inodes, directories and fragments of one image.
struct Reader {
    sb: Super,
    codecs: Arc<Codecs>,
    inodes: Table,
    dirs: Table,
    uids: Vec<u32>,
    gids: Vec<u32>,
    fragments: Vec<(u64, u32)>,
    /// Block-list entries that may still be parsed: inodes listed many times cannot make the walk
    /// quadratic in the image size.
    block_entries_left: std::cell::Cell<u64>,
}

impl Reader {
    /// Block size word of 1.x data blocks (u16, bit 15 stored) or 2.x/3.x (u32, bit 24 stored):
    /// (stored size, uncompressed).
    fn block_word(&self, w: u32) -> (u32, bool) {
        if self.sb.major == 1 {
            (w & 0x7fff, w & 0x8000 != 0)
        } else {
            (w & !(1 << 24), w & (1 << 24) != 0)
        }
    }

    fn inode(&self, r: u64) -> Result<Inode, String> {
        let d = self
            .inodes
            .slice(r >> 16, (r & 0xffff) as usize)
            .ok_or_else(|| format!("inode {r:#x} not in the inode table"))?;
        let b = Bits { d, e: self.sb.endian };
        let bad = || format!("inode {r:#x} runs past the inode table");
        let f = |pos: usize, w: u32| b.get(pos, w).ok_or_else(bad);
        let ty = f(0, 4)? as u8;
        let mode = f(4, 12)? as u32;
        let (uid_i, gid_i, none_gid) = match self.sb.major {
            1 => (f(16, 4)?, f(20, 4)?, 15),
            _ => (f(16, 8)?, f(24, 8)?, 255),
        };
        let uid = self.uids.get(uid_i as usize).copied().unwrap_or(0);
        let gid = if gid_i == none_gid { uid } else { self.gids.get(gid_i as usize).copied().unwrap_or(0) };
        let mut mtime = self.sb.mkfs_time;
        // (header bits, block list entry bits) of a regular file, for the block list that follows it
        let blocks_at = |bits: usize, n: u64, entry: u32| -> Result<Vec<u32>, String> {
            let count = usize::try_from(n).map_err(|_| bad())?;
            if count.saturating_mul(entry as usize / 8) > d.len() {
                return Err(format!("inode {r:#x}: block list of {n} entries runs past the inode table"));
            }
            let left = self.block_entries_left.get();
            if n > left {
                return Err(format!("inode {r:#x}: block lists exceed what the image can hold; not read"));
            }
            self.block_entries_left.set(left - n);
            (0..count).map(|i| f(bits + i * entry as usize, entry).map(|v| v as u32)).collect()
        };
        let bs = self.sb.block_size as u64;
        let nblocks = |size: u64, frag: Option<u32>| if frag.is_some() { size / bs } else { size.div_ceil(bs) };
        let frag_of = |v: u64| (v != 0xffff_ffff).then_some(v as u32);
        let kind = match (self.sb.major, ty) {
            (3, 1) => {
                mtime = f(32, 32)? as u32;
                Kind::Dir { size: f(128, 19)?, offset: f(147, 13)? as usize, block: f(160, 32)? }
            }
            (3, 8) => {
                mtime = f(32, 32)? as u32;
                Kind::Dir { size: f(128, 27)?, offset: f(155, 13)? as usize, block: f(168, 32)? }
            }
            (3, 2) | (3, 9) => {
                mtime = f(32, 32)? as u32;
                let (start, frag, off, size, hdr) = if ty == 2 {
                    (f(96, 64)?, frag_of(f(160, 32)?), f(192, 32)?, f(224, 32)?, 256)
                } else {
                    (f(128, 64)?, frag_of(f(192, 32)?), f(224, 32)?, f(256, 64)?, 320)
                };
                let blocks = blocks_at(hdr, nblocks(size, frag), 32)?;
                Kind::File(FileInfo { start, size, fragment: frag, frag_offset: off as u32, blocks })
            }
            (3, 3) => {
                mtime = f(32, 32)? as u32;
                let n = f(128, 16)? as usize;
                Kind::Symlink(String::from_utf8_lossy(d.get(18..18 + n).ok_or_else(bad)?).into_owned())
            }
            (3, 4) | (3, 5) => {
                mtime = f(32, 32)? as u32;
                Kind::Dev { char: ty == 5, rdev: f(128, 16)? as u32 }
            }
            (3, 6) | (3, 7) => {
                mtime = f(32, 32)? as u32;
                if ty == 6 {
                    Kind::Fifo
                } else {
                    Kind::Socket
                }
            }
            (2, 1) => {
                mtime = f(64, 32)? as u32;
                Kind::Dir { size: f(32, 19)?, offset: f(51, 13)? as usize, block: f(96, 24)? }
            }
            (2, 8) => {
                mtime = f(72, 32)? as u32;
                Kind::Dir { size: f(32, 27)?, offset: f(59, 13)? as usize, block: f(104, 24)? }
            }
            (2, 2) => {
                mtime = f(32, 32)? as u32;
                let (start, frag, off, size) = (f(64, 32)?, frag_of(f(96, 32)?), f(128, 32)?, f(160, 32)?);
                let blocks = blocks_at(192, nblocks(size, frag), 32)?;
                Kind::File(FileInfo { start, size, fragment: frag, frag_offset: off as u32, blocks })
            }
            (2, 3) => {
                let n = f(32, 16)? as usize;
                Kind::Symlink(String::from_utf8_lossy(d.get(6..6 + n).ok_or_else(bad)?).into_owned())
            }
            (2, 4) | (2, 5) => Kind::Dev { char: ty == 5, rdev: f(32, 16)? as u32 },
            (2, 6) => Kind::Fifo,
            (2, 7) => Kind::Socket,
            (1, 0) => {
                if f(24, 4)? == 7 {
                    Kind::Socket
                } else {
                    Kind::Fifo
                }
            }
            (1, 1) => {
                mtime = f(56, 32)? as u32;
                Kind::Dir { size: f(24, 19)?, offset: f(43, 13)? as usize, block: f(88, 24)? }
            }
            (1, 2) => {
                mtime = f(24, 32)? as u32;
                let (start, size) = (f(56, 32)?, f(88, 32)?);
                let blocks = blocks_at(120, size.div_ceil(bs), 16)?;
                Kind::File(FileInfo { start, size, fragment: None, frag_offset: 0, blocks })
            }
            (1, 3) => {
                let n = f(24, 16)? as usize;
                Kind::Symlink(String::from_utf8_lossy(d.get(5..5 + n).ok_or_else(bad)?).into_owned())
            }
            (1, 4) | (1, 5) => Kind::Dev { char: ty == 5, rdev: f(24, 16)? as u32 },
            _ => return Err(format!("inode {r:#x} has unknown type {ty}")),
        };
        Ok(Inode { kind, mode, uid, gid, mtime })
    }

    /// The entries of a directory: (name, inode reference).
    fn dir_entries(&self, block: u64, offset: usize, size: u64, dir: &str, ctx: &mut Ctx) -> Vec<(String, u64)> {
        let mut out = Vec::new();
        let Some(d) = self.dirs.slice(block, offset) else {
            ctx.problem(Some(dir), format!("directory at {block:#x}+{offset} not in the directory table"));
            return out;
        };
        let end = usize::try_from(size).unwrap_or(usize::MAX).min(d.len());
        if (size as usize) > d.len() + 3 {
            ctx.problem(Some(dir), "directory runs past the directory table");
        }
        let b = Bits { d, e: self.sb.endian };
        let v3 = self.sb.major == 3;
        let (hdr_len, ent_len) = if v3 { (9, 5) } else { (4, 3) };
        let mut pos = 0usize;
        'headers: while pos + hdr_len + ent_len <= end {
            let p = pos * 8;
            let (Some(count), Some(start)) = (b.get(p, 8), b.get(p + 8, if v3 { 32 } else { 24 })) else { break };
            pos += hdr_len;
            for _ in 0..=count {
                let q = pos * 8;
                let (Some(off), Some(len)) = (b.get(q, 13), b.get(q + 16, 8)) else { break 'headers };
                let name_at = pos + ent_len;
                let Some(raw) = d.get(name_at..name_at + len as usize + 1) else {
                    ctx.problem(Some(dir), "directory entry runs past the directory table");
                    return out;
                };
                pos = name_at + len as usize + 1;
                let name = String::from_utf8_lossy(raw).into_owned();
                if name.is_empty() || name == "." || name == ".." || name.contains('/') {
                    ctx.problem(Some(dir), format!("entry with the invalid name {name:?} skipped"));
                    continue;
                }
                out.push((name, (start << 16) | off));
                if pos > end {
                    break 'headers;
                }
            }
        }
        out
    }

    /// Bytes a file occupies in the image (its blocks, and at most a block for its fragment).
    fn stored(&self, f: &FileInfo) -> usize {
        let blocks: u64 = f.blocks.iter().map(|&w| self.block_word(w).0 as u64).sum();
        let frag = f.fragment.map_or(0, |_| self.sb.block_size as u64);
        usize::try_from(blocks + frag).unwrap_or(usize::MAX)
    }

    fn layout(&self, f: FileInfo, shared: &Arc<Shared>) -> Result<FileBlocks, String> {
        let fragment = match f.fragment {
            None => None,
            Some(i) => {
                let &(start, word) = self
                    .fragments
                    .get(i as usize)
                    .ok_or_else(|| format!("fragment {i} is not in the fragment table"))?;
                Some((i, start, word))
            }
        };
        Ok(FileBlocks { info: f, fragment, shared: shared.clone() })
    }
}

/// What the files of one image share: how blocks are compressed and the fragment blocks decoded so far.
struct Shared {
    codecs: Arc<Codecs>,
    block_size: usize,
    major: u16,
    frag_cache: Mutex<HashMap<u32, Arc<Vec<u8>>>>,
}

impl Shared {
    fn word(&self, w: u32) -> (usize, bool) {
        if self.major == 1 {
            ((w & 0x7fff) as usize, w & 0x8000 != 0)
        } else {
            ((w & !(1 << 24)) as usize, w & (1 << 24) != 0)
        }
    }

    /// A data block at `start` with size word `w`, decoded (`want`: its expected size when known).
    fn block(&self, d: &[u8], start: u64, w: u32, want: Option<usize>) -> Result<Vec<u8>, String> {
        let (len, stored) = self.word(w);
        let s = usize::try_from(start).map_err(|_| "block offset out of range".to_string())?;
        let raw =
            d.get(s..s.saturating_add(len)).ok_or_else(|| format!("block at {start:#x}+{len} is past the end"))?;
        if stored {
            return Ok(raw.get(..raw.len().min(self.block_size)).unwrap_or_default().to_vec());
        }
        self.codecs.decode(raw, want.unwrap_or(self.block_size), want)
    }

    fn fragment(&self, d: &[u8], i: u32, start: u64, w: u32) -> Result<Arc<Vec<u8>>, String> {
        if let Some(b) = self.frag_cache.lock().ok().and_then(|c| c.get(&i).cloned()) {
            return Ok(b);
        }
        let b = Arc::new(self.block(d, start, w, None)?);
        if let Ok(mut c) = self.frag_cache.lock() {
            if c.len() < FRAG_CACHE {
                c.insert(i, b.clone());
            }
        }
        Ok(b)
    }
}

/// One regular file: its blocks and fragment.
struct FileBlocks {
    info: FileInfo,
    /// (index, start, size word) of its fragment block.
    fragment: Option<(u32, u64, u32)>,
    shared: Arc<Shared>,
}

impl Layout for FileBlocks {
    fn read(&self, d: &[u8], n: u64) -> (Vec<u8>, Option<String>) {
        let n = n.min(self.info.size) as usize;
        let bs = self.shared.block_size;
        let mut out = Vec::with_capacity(n.min(1 << 24));
        let mut damage = Damage::default();
        let mut at = self.info.start;
        for (i, &w) in self.info.blocks.iter().enumerate() {
            if out.len() >= n {
                break;
            }
            let full = bs.min((self.info.size as usize).saturating_sub(i * bs));
            let want = full.min(n - out.len());
            let (len, _) = self.shared.word(w);
            if len == 0 {
                out.resize(out.len() + want, 0); // sparse
                continue;
            }
            match self.shared.block(d, at, w, Some(full)) {
                Ok(b) => {
                    out.extend_from_slice(b.get(..want.min(b.len())).unwrap_or_default());
                    if b.len() < want {
                        damage.add(|| format!("block {i} decodes to {} bytes, not {full}", b.len()));
                    }
                }
                Err(e) => damage.add(|| format!("block {i}: {e}")),
            }
            out.resize(out.len().max((i * bs + want).min(n)), 0);
            at = at.saturating_add(len as u64);
        }
        if out.len() < n {
            if let Some((idx, start, w)) = self.fragment {
                let want = n - out.len();
                match self.shared.fragment(d, idx, start, w) {
                    Ok(b) => {
                        let from = self.info.frag_offset as usize;
                        match b.get(from..from.saturating_add(want)) {
                            Some(part) => out.extend_from_slice(part),
                            None => damage.add(|| format!("tail runs past fragment block {idx}")),
                        }
                    }
                    Err(e) => damage.add(|| format!("fragment {idx}: {e}")),
                }
            } else if self.info.blocks.len() as u64 * (bs as u64) < self.info.size {
                damage.add(|| "file has fewer blocks than its size needs".into());
            }
        }
        out.resize(n, 0);
        (out, damage.message("blocks"))
    }
}

/// The uid or gid table: `n` u32 at `start`.
fn id_table(d: &[u8], start: u64, n: u8, e: Endian) -> Vec<u32> {
    let Ok(s) = usize::try_from(start) else { return Vec::new() };
    (0..n as usize).map_while(|i| e.u32(d, s.checked_add(i * 4)?)).collect()
}

/// The fragment table: (start, size word) per fragment.
fn fragment_table(d: &[u8], sb: &Super, codecs: &Codecs, ctx: &mut Ctx) -> Vec<(u64, u32)> {
    if sb.major == 1 || sb.fragments == 0 {
        return Vec::new();
    }
    let entry = if sb.major == 3 { 16 } else { 8 };
    // no more fragments than the image has room for
    let count = (sb.fragments as usize).min(d.len() / 2);
    let blocks = (count * entry).div_ceil(META);
    let idx = if sb.major == 3 { 8 } else { 4 };
    let mut out = Vec::with_capacity(count.min(1 << 16));
    for k in 0..blocks {
        let at = usize::try_from(sb.fragment_table_start).ok().and_then(|s| s.checked_add(k * idx));
        let off = at.and_then(|a| if sb.major == 3 { sb.endian.u64(d, a) } else { sb.endian.u32(d, a).map(u64::from) });
        let Some(off) = off else {
            ctx.problem(None, "fragment table index runs past the image");
            break;
        };
        let block = match meta_block(d, off, sb, codecs) {
            Ok((b, _)) => b,
            Err(e) => {
                ctx.problem(None, format!("fragment table: {e}"));
                break;
            }
        };
        let b = Bits { d: &block, e: sb.endian };
        for i in 0..META / entry {
            if out.len() >= count {
                break;
            }
            let p = i * entry * 8;
            let start = if sb.major == 3 { b.get(p, 64) } else { b.get(p, 32) };
            let (Some(start), Some(size)) = (start, b.get(p + if sb.major == 3 { 64 } else { 32 }, 32)) else { break };
            out.push((start, size as u32));
        }
    }
    if out.len() < count {
        ctx.problem(None, format!("{} of {} fragment entries read", out.len(), sb.fragments));
    }
    out
}

/// The end of the table that starts at `start`: the nearest later table start, or the image's end.
fn table_end(sb: &Super, start: u64, first_frag_block: Option<u64>) -> u64 {
    [
        Some(sb.directory_table_start),
        Some(sb.fragment_table_start),
        first_frag_block,
        Some(sb.lookup_table_start),
        Some(sb.uid_start),
        Some(sb.guid_start),
        Some(sb.extent()),
    ]
    .into_iter()
    .flatten()
    .filter(|&s| s > start && (sb.major > 1 || s != 0))
    .min()
    .unwrap_or(sb.extent())
}

impl Format for SquashfsLegacy {
    fn name(&self) -> &'static str {
        "squashfs"
    }
    fn magics(&self) -> &'static [Magic] {
        &[
            Magic { bytes: b"hsqs", offset: 0 },
            Magic { bytes: b"sqsh", offset: 0 },
            Magic { bytes: b"shsq", offset: 0 },
            Magic { bytes: b"qshs", offset: 0 },
            Magic { bytes: b"hsqt", offset: 0 },
            Magic { bytes: b"tqsh", offset: 0 },
            Magic { bytes: b"zlqs", offset: 0 },
            Magic { bytes: b"sqlz", offset: 0 },
        ]
    }
    fn identify(&self, d: &[u8]) -> Option<Identified> {
        let sb = Super::parse(d)?;
        Some(Identified {
            size: Some(sb.extent()),
            description: format!(
                "squashfs {}.{} {}{}, block {} KiB, {} inodes",
                sb.major,
                sb.minor,
                sb.order(),
                sb.vendor_name(),
                sb.block_size / 1024,
                sb.inodes
            ),
        })
    }

    fn extract(&self, data: &Bytes, ctx: &mut Ctx) -> Result<Extracted, FormatError> {
        let sb = Super::parse(data).ok_or_else(|| FormatError::Invalid("bad squashfs 1.x-3.x superblock".into()))?;
        let d: &[u8] = data;
        if sb.extent() > d.len() as u64 {
            ctx.problem(None, format!("image truncated: {} of {} bytes", d.len(), sb.extent()));
        }
        let codecs = Arc::new(Codecs::default());
        let limit = ctx.budget().layer_limit(d.len());
        // probe the compressor on the inode table's first block (the fragment table needs it too)
        let (inodes, err) = read_table(d, sb.inode_table_start, sb.directory_table_start, &sb, &codecs, limit);
        if let Some(e) = err {
            ctx.problem(None, format!("inode table: {e}"));
        }
        let fragments = fragment_table(d, &sb, &codecs, ctx);
        let first_frag_block = (sb.fragments > 0 && sb.major > 1)
            .then(|| {
                let s = usize::try_from(sb.fragment_table_start).ok()?;
                if sb.major == 3 {
                    sb.endian.u64(d, s)
                } else {
                    sb.endian.u32(d, s).map(u64::from)
                }
            })
            .flatten();
        let dir_end = table_end(&sb, sb.directory_table_start, first_frag_block);
        let (dirs, err) = read_table(d, sb.directory_table_start, dir_end, &sb, &codecs, limit);
        if let Some(e) = err {
            ctx.problem(None, format!("directory table: {e}"));
        }
        let r = Reader {
            uids: id_table(d, sb.uid_start, sb.no_uids, sb.endian),
            gids: id_table(d, sb.guid_start, sb.no_guids, sb.endian),
            sb: sb.clone(),
            codecs: codecs.clone(),
            inodes,
            dirs,
            fragments,
            block_entries_left: std::cell::Cell::new(d.len() as u64),
        };
        let shared = Arc::new(Shared {
            codecs: r.codecs.clone(),
            block_size: sb.block_size as usize,
            major: sb.major,
            frag_cache: Mutex::new(HashMap::new()),
        });
        let mut w = Walk {
            r: &r,
            shared,
            entries: Vec::new(),
            plan: Plan::new("squashfs", data.clone()).eager_up_to(sb.block_size as u64),
            remaining: limit,
            visited: BTreeSet::new(),
        };
        let mut tree = Tree::new();
        match r.inode(sb.root_inode) {
            Ok(root) => {
                let Kind::Dir { block, offset, size } = root.kind else {
                    return Err(FormatError::Invalid("the root inode is not a directory".into()));
                };
                let node = Node {
                    kind: NodeKind::Dir,
                    mode: root.mode,
                    uid: root.uid,
                    gid: root.gid,
                    mtime: root.mtime as i64,
                };
                ctx.insert(&mut tree, "/", node)?;
                w.visited.insert(sb.root_inode);
                w.dir(block, offset, size, "/", ctx, 0);
            }
            Err(e) => return Err(FormatError::Invalid(format!("root directory: {e}"))),
        }
        let Walk { entries, plan, .. } = w;
        plan.insert_into(entries, &mut tree, ctx);
        Ok(Extracted::tree(tree).with_consumed(sb.extent().min(d.len() as u64)).with_description(format!(
            "squashfs {}.{} {}{}, {}, block {} KiB, {} inodes",
            sb.major,
            sb.minor,
            sb.order(),
            sb.vendor_name(),
            codecs.name(),
            sb.block_size / 1024,
            sb.inodes
        )))
    }
}

/// The tree walk: entries in walk order, their file data planned.
struct Walk<'r> {
    r: &'r Reader,
    shared: Arc<Shared>,
    entries: Vec<Entry>,
    plan: Plan<FileBlocks>,
    remaining: u64,
    visited: BTreeSet<u64>,
}

impl Walk<'_> {
    fn dir(&mut self, block: u64, offset: usize, size: u64, dir: &str, ctx: &mut Ctx, depth: usize) {
        if ctx.too_deep(dir, depth, MAX_DEPTH) {
            return;
        }
        if ctx.budget().check_time().is_err() {
            ctx.problem(Some(dir), "time budget spent; directory not read");
            return;
        }
        for (name, iref) in self.r.dir_entries(block, offset, size, dir, ctx) {
            if self.entries.len() as u64 >= ctx.budget().limits().max_files {
                ctx.problem(Some(dir), "file count limit reached; rest of the directory not read");
                return;
            }
            let path = format!("{}/{}", dir.trim_end_matches('/'), name);
            let ino = match self.r.inode(iref) {
                Ok(i) => i,
                Err(e) => {
                    ctx.problem(Some(&path), e);
                    continue;
                }
            };
            let mut planned = None;
            let mut sub = None;
            let kind = match ino.kind {
                Kind::Dir { block, offset, size } => {
                    if self.visited.insert(iref) {
                        sub = Some((block, offset, size));
                    } else {
                        ctx.problem(Some(&path), "directory already listed (a loop); not read again");
                    }
                    NodeKind::Dir
                }
                Kind::Symlink(t) => NodeKind::Symlink(t),
                Kind::Dev { char, rdev } => {
                    let (major, minor) = (rdev >> 8, rdev & 0xff);
                    if char {
                        NodeKind::CharDevice { major, minor }
                    } else {
                        NodeKind::BlockDevice { major, minor }
                    }
                }
                Kind::Fifo => NodeKind::Fifo,
                Kind::Socket => NodeKind::Socket,
                Kind::File(f) => {
                    let limit = ctx.budget().stream_limit_within(self.r.stored(&f), self.remaining);
                    let len = f.size;
                    match self.r.layout(f, &self.shared) {
                        Ok(l) if len <= limit => {
                            self.remaining -= len;
                            planned = Some(self.plan.add(l, len));
                        }
                        Ok(_) => ctx.problem(
                            Some(&path),
                            format!("file of {len} bytes exceeds the size or expansion limit; content skipped"),
                        ),
                        Err(e) => ctx.problem(Some(&path), format!("{e}; content skipped")),
                    }
                    NodeKind::File(Bytes::new().into())
                }
            };
            let node = Node { kind, mode: ino.mode, uid: ino.uid, gid: ino.gid, mtime: ino.mtime as i64 };
            self.entries.push((path.clone(), node, planned));
            if let Some((b, o, s)) = sub {
                let (norm, _) = fwassure_model::vfs::normalize_path(&path);
                self.dir(b, o, s, &norm, ctx, depth + 1);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bits_le_and_be() {
        // a 3.x directory entry: offset 0x20, type 1, size 13, inode delta 0
        let le = Bits { d: &[0x20, 0x20, 0x0d, 0x00, 0x00], e: Endian::Little };
        assert_eq!((le.get(0, 13), le.get(13, 3), le.get(16, 8)), (Some(0x20), Some(1), Some(13)));
        // the same fields packed from the most significant bit
        let be = Bits { d: &[0x01, 0x01, 0x0d, 0x00, 0x00], e: Endian::Big };
        assert_eq!((be.get(0, 13), be.get(13, 3), be.get(16, 8)), (Some(0x20), Some(1), Some(13)));
        assert_eq!(be.get(36, 8), None);
        assert_eq!(le.get(0, 64), None);
    }
}
