//! UBIFS, the flash filesystem that runs on UBI volumes.
//!
//! Vendors: the rootfs or data partition of most NAND-based Linux devices (OpenWrt NAND targets, Xiaomi and
//! Netgear routers, IP cameras, industrial gateways, TI/NXP/Microchip reference boards). Found inside a UBI
//! volume (see [`super::ubi`]) or as a bare `mkfs.ubifs` image (LEBs back to back).
//!
//! Layout: a sequence of logical eraseblocks (LEBs) holding 8-byte aligned nodes; every node starts with a
//! 24-byte little-endian common header (magic `0x06101831`, CRC-32 of the rest of the node, sequence number,
//! length, type). LEB 0 holds the superblock node, LEBs 1 and 2 the master node copies (the one with the
//! highest sequence number wins), which point to the root of the index: a B+tree of index nodes whose
//! branches `(lnum, offs, len, key)` lead to the leaf nodes — inode nodes, directory entries, extended
//! attribute entries and data nodes (one per 4 KiB block, compressed with none, LZO, zlib or zstd). Nodes
//! written after the last commit are in the journal: the log (from LEB 3) lists "buds" whose nodes are
//! replayed on top of the index.
//!
//! Reference: Linux `fs/ubifs/ubifs-media.h`, `fs/ubifs/replay.c`, `fs/ubifs/compress.c` (the "zlib"
//! compressor is the kernel crypto `deflate`, i.e. raw deflate without the zlib header), the "UBIFS design"
//! white paper (A. Hunter) and <http://www.linux-mtd.infradead.org/doc/ubifs.html>.
//!
//! What is done: superblock and master validation, the index walk (bounds-checked, CRC-checked, a visited
//! set and strictly decreasing index levels so that cycles and self-references end), a simple journal
//! replay (log from the master's `log_lnum`, buds scanned node by node; the highest sequence number wins
//! per key, deletion entries and zero-link inodes remove, truncation nodes drop data beyond the new size),
//! the tree with names, modes, uid/gid, mtime, symlink targets, device numbers, hard links (the
//! alphabetically first path is the file, the others are [`NodeKind::HardLink`]s) and sparse holes as zeros.
//! A file bigger than [`crate::ondemand::EAGER_MAX`] keeps its data-node list and is decoded on demand
//! (only its first block while the tree is built); smaller files are decoded at once, in parallel.
//!
//! Limitations: encrypted files (fscrypt, `UBIFS_CRYPT_FL`) are listed without content and encrypted names
//! are kept as stored; authenticated images (`UBIFS_FLG_AUTHENTICATION`) are read without checking their
//! HMACs and hashes (the branch layout is handled, but no fixture covers it); extended attributes are not
//! exposed; orphans are not processed; power-cut recovery of half-written buds stops at the first corrupt
//! node of a bud rather than recovering what the kernel would. A file is cut to the per-file/stream limit
//! (a sparse file may expand to at most the budget's ratio of its stored data) with a problem.

use std::collections::{BTreeMap, BTreeSet};

use bytes::Bytes;
use fwassure_model::{Node, NodeKind, Tree};

use crate::decompress;
use crate::format::read::{le16, le32, le64};
use crate::format::{Ctx, Extracted, Format, FormatError, Identified, Magic};
use crate::formats::ubi::crc;
use crate::ondemand::{Damage, Entry, Layout, Plan};

/// The UBIFS format.
pub struct Ubifs;

const MAGIC: [u8; 4] = 0x0610_1831u32.to_le_bytes();
const CH: usize = 24;
const BLOCK: usize = 4096;
const ROOT_INO: u64 = 1;
const LOG_LNUM: u32 = 3;
/// Deepest index considered (the kernel allows 512 levels; real trees have fewer than 10).
const MAX_LEVEL: u16 = 64;

const INO_NODE: u8 = 0;
const DATA_NODE: u8 = 1;
const DENT_NODE: u8 = 2;
const XENT_NODE: u8 = 3;
const TRUN_NODE: u8 = 4;
const PAD_NODE: u8 = 5;
const SB_NODE: u8 = 6;
const MST_NODE: u8 = 7;
const REF_NODE: u8 = 8;
const IDX_NODE: u8 = 9;
const CS_NODE: u8 = 10;

const INO_SZ: usize = 160;
const DATA_SZ: usize = 48;
const DENT_SZ: usize = 56;
const SB_SZ: usize = 4096;
const MST_SZ: usize = 512;

const CRYPT_FL: u32 = 0x40;
const XATTR_FL: u32 = 0x20;
const FLG_ENCRYPTION: u32 = 0x10;
const FLG_AUTHENTICATION: u32 = 0x20;

/// The superblock fields used here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuperBlock {
    /// Filesystem flags.
    pub flags: u32,
    /// Minimal I/O unit.
    pub min_io_size: u32,
    /// LEB size.
    pub leb_size: u32,
    /// LEBs in use.
    pub leb_cnt: u32,
    /// Log LEBs (from LEB 3).
    pub log_lebs: u32,
    /// On-flash format version.
    pub fmt_version: u32,
    /// Default compressor (0 none, 1 lzo, 2 zlib, 3 zstd).
    pub default_compr: u16,
    /// Hash algorithm of authenticated images (Linux `enum hash_algo`).
    pub hash_algo: u16,
}

impl SuperBlock {
    /// Parse and validate the superblock node at the start of `d`. The CRC is checked by
    /// [`SuperBlock::crc_ok`]: a superblock with sane fields but a bad CRC is still read (with a problem).
    pub fn parse(d: &[u8]) -> Option<SuperBlock> {
        let n = d.get(..SB_SZ)?;
        if n[..4] != MAGIC || n[20] != SB_NODE || le32(n, 16)? as usize != SB_SZ {
            return None;
        }
        let sb = SuperBlock {
            flags: le32(n, 28)?,
            min_io_size: le32(n, 32)?,
            leb_size: le32(n, 36)?,
            leb_cnt: le32(n, 40)?,
            log_lebs: le32(n, 56)?,
            fmt_version: le32(n, 80)?,
            default_compr: le16(n, 84)?,
            hash_algo: le16(n, 256)?,
        };
        let ok = n[27] == 0 // simple key format
            && (15 * 1024..=(4 << 20)).contains(&sb.leb_size)
            && sb.log_lebs >= 2
            && sb.leb_cnt > LOG_LNUM + sb.log_lebs
            && sb.min_io_size >= 1
            && sb.min_io_size <= sb.leb_size
            && (1..=64).contains(&sb.fmt_version);
        ok.then_some(sb)
    }
}

impl SuperBlock {
    /// Whether the superblock node's CRC is right.
    pub fn crc_ok(d: &[u8]) -> bool {
        node_at(d, 0).is_ok()
    }
}

fn compr_name(c: u16) -> &'static str {
    ["none", "lzo", "zlib", "zstd"].get(c as usize).copied().unwrap_or("unknown")
}

/// Size of a hash in the branches of authenticated images, by Linux `enum hash_algo`.
fn hash_len(algo: u16) -> Option<usize> {
    Some(match algo {
        0 | 1 => 16,   // md4, md5
        2 | 3 => 20,   // sha1, rmd160
        4 => 32,       // sha256
        5 => 48,       // sha384
        6 => 64,       // sha512
        7 => 28,       // sha224
        8 => 16,       // rmd128
        9 => 32,       // rmd256
        10 => 40,      // rmd320
        11..=13 => 32, // wp256, wp384 (truncated), tgr
        17 | 18 => 32, // sm3, streebog256
        19 => 64,      // streebog512
        _ => return None,
    })
}

/// The node at `off` of `d`: magic, length and CRC checked. Returns the node bytes.
fn node_at(d: &[u8], off: usize) -> Result<&[u8], String> {
    let h = d.get(off..off.checked_add(CH).ok_or("offset overflow")?).ok_or("node header past the end")?;
    if h[..4] != MAGIC {
        return Err("no node magic".into());
    }
    let len = le32(h, 16).unwrap_or(0) as usize;
    if len < CH {
        return Err(format!("node length {len} too small"));
    }
    let n = d.get(off..off.checked_add(len).ok_or("length overflow")?).ok_or("node runs past the end")?;
    if crc(&n[8..]) != le32(n, 4).unwrap_or(0) {
        return Err("node CRC mismatch".into());
    }
    Ok(n)
}

fn align8(n: usize) -> usize {
    (n + 7) & !7
}

/// An inode.
#[derive(Debug, Clone)]
struct Inode {
    sqnum: u64,
    size: u64,
    mtime: i64,
    nlink: u32,
    uid: u32,
    gid: u32,
    mode: u32,
    flags: u32,
    data: Vec<u8>,
}

/// A directory entry.
#[derive(Debug, Clone)]
struct Dent {
    sqnum: u64,
    inum: u64,
}

/// Where a data node sits.
#[derive(Debug, Clone, Copy)]
struct DataRef {
    sqnum: u64,
    pos: usize,
    len: usize,
}

/// Everything collected from the index and the journal: the newest entry per key.
#[derive(Default)]
struct Entries {
    inodes: BTreeMap<u64, Inode>,
    dents: BTreeMap<(u64, Vec<u8>), Dent>,
    data: BTreeMap<(u64, u32), DataRef>,
    truns: Vec<(u64, u64, u64)>, // (inum, sqnum, new_size)
}

/// A mounted (read-only) view of the volume.
struct Fs<'a> {
    d: &'a [u8],
    /// The same bytes, shared with the files read on demand.
    layer: &'a Bytes,
    leb_size: usize,
    branch_sz: usize,
}

impl<'a> Fs<'a> {
    fn leb(&self, lnum: u32) -> &'a [u8] {
        let start = (lnum as usize).saturating_mul(self.leb_size).min(self.d.len());
        let end = start.saturating_add(self.leb_size).min(self.d.len());
        &self.d[start..end]
    }

    /// The node at (lnum, offs): bounds, alignment, magic and CRC checked. Returns its absolute position too.
    fn node(&self, lnum: u32, offs: u32) -> Result<(usize, &'a [u8]), String> {
        let offs = offs as usize;
        if !offs.is_multiple_of(8) {
            return Err(format!("{lnum}:{offs}: unaligned node offset"));
        }
        let leb = self.leb(lnum);
        if leb.is_empty() {
            return Err(format!("{lnum}:{offs}: LEB outside the volume"));
        }
        node_at(leb, offs).map(|n| (lnum as usize * self.leb_size + offs, n)).map_err(|e| format!("{lnum}:{offs}: {e}"))
    }

    /// Valid nodes of a LEB from `from`, in order. Padding nodes and `0xCE` padding are skipped; a corrupt
    /// region is stepped over 8 bytes at a time (`stop_at_corrupt` ends the scan there instead, as in a bud).
    fn scan(&self, lnum: u32, from: usize, stop_at_corrupt: bool) -> (Vec<(usize, &'a [u8])>, bool) {
        let leb = self.leb(lnum);
        let mut out = Vec::new();
        let mut off = align8(from);
        let mut corrupt = false;
        // where the erased (all 0xff) tail of the LEB starts: found once, not at every corrupt offset
        let erased_from = leb.len() - leb.iter().rev().take_while(|&&b| b == 0xff).count();
        while off + CH <= leb.len() {
            match node_at(leb, off) {
                Ok(n) => {
                    let mut next = off + align8(n.len());
                    if n[20] == PAD_NODE {
                        next = next.saturating_add(le32(n, 24).unwrap_or(0) as usize);
                        next = align8(next);
                    } else {
                        out.push((off, n));
                    }
                    off = next;
                }
                Err(_) => {
                    if off >= erased_from {
                        break;
                    }
                    if leb[off] != 0xce && leb[off] != 0xff {
                        corrupt = true;
                        if stop_at_corrupt {
                            break;
                        }
                    }
                    off += 8;
                }
            }
        }
        (out, corrupt)
    }
}

/// The master node fields used here.
#[derive(Debug, Clone, Copy)]
struct Master {
    sqnum: u64,
    cmt_no: u64,
    log_lnum: u32,
    root_lnum: u32,
    root_offs: u32,
    root_len: u32,
}

impl Entries {
    /// Take one leaf node (from the index or a bud); the highest sequence number per key wins.
    fn leaf(&mut self, pos: usize, n: &[u8]) -> Result<(), String> {
        let sqnum = le64(n, 8).unwrap_or(0);
        let k0 = le32(n, 24).unwrap_or(0) as u64;
        let k1 = le32(n, 28).unwrap_or(0);
        let ktype = (k1 >> 29) as u8;
        match n[20] {
            INO_NODE if n.len() >= INO_SZ && ktype == INO_NODE => {
                let f = |o| le32(n, o).unwrap_or(0);
                let dlen = (f(112) as usize).min(n.len() - INO_SZ);
                let ino = Inode {
                    sqnum,
                    size: le64(n, 48).unwrap_or(0),
                    mtime: le64(n, 72).unwrap_or(0) as i64,
                    nlink: f(92),
                    uid: f(96),
                    gid: f(100),
                    mode: f(104),
                    flags: f(108),
                    data: n[INO_SZ..INO_SZ + dlen].to_vec(),
                };
                if self.inodes.get(&k0).is_none_or(|o| o.sqnum < sqnum) {
                    self.inodes.insert(k0, ino);
                }
            }
            DENT_NODE if n.len() >= DENT_SZ && ktype == DENT_NODE => {
                let nlen = le16(n, 50).unwrap_or(0) as usize;
                let name = n.get(DENT_SZ..DENT_SZ + nlen).ok_or("directory entry name past the node")?.to_vec();
                let inum = le64(n, 40).unwrap_or(0);
                let key = (k0, name);
                if self.dents.get(&key).is_none_or(|o| o.sqnum < sqnum) {
                    self.dents.insert(key, Dent { sqnum, inum });
                }
            }
            DATA_NODE if n.len() >= DATA_SZ && ktype == DATA_NODE => {
                let key = (k0, k1 & 0x1fff_ffff);
                if self.data.get(&key).is_none_or(|o| o.sqnum < sqnum) {
                    self.data.insert(key, DataRef { sqnum, pos, len: n.len() });
                }
            }
            XENT_NODE => {}
            TRUN_NODE if n.len() >= 56 => {
                self.truns.push((k0, sqnum, le64(n, 48).unwrap_or(0)));
            }
            t => return Err(format!("unexpected node type {t} (key type {ktype}) as a leaf")),
        }
        Ok(())
    }

    /// Apply deletions: zero-link inodes, deletion entries, truncations.
    fn settle(&mut self) {
        self.inodes.retain(|_, i| i.nlink > 0);
        self.dents.retain(|_, d| d.inum != 0);
        for &(inum, sqnum, new_size) in &self.truns {
            let first = new_size.div_ceil(BLOCK as u64).min(u32::MAX as u64) as u32;
            let gone: Vec<(u64, u32)> = self
                .data
                .range((inum, first)..=(inum, u32::MAX))
                .filter(|(_, r)| r.sqnum < sqnum)
                .map(|(k, _)| *k)
                .collect();
            for k in gone {
                self.data.remove(&k);
            }
        }
    }
}

fn find_master(fs: &Fs, ctx: &mut Ctx) -> Option<Master> {
    let mut best: Option<Master> = None;
    for lnum in [1u32, 2] {
        let (nodes, corrupt) = fs.scan(lnum, 0, false);
        if corrupt {
            ctx.problem(None, format!("master LEB {lnum} holds corrupt data"));
        }
        for (_, n) in nodes {
            if n[20] != MST_NODE || n.len() < MST_SZ {
                continue;
            }
            let m = Master {
                sqnum: le64(n, 8).unwrap_or(0),
                cmt_no: le64(n, 32).unwrap_or(0),
                log_lnum: le32(n, 44).unwrap_or(0),
                root_lnum: le32(n, 48).unwrap_or(0),
                root_offs: le32(n, 52).unwrap_or(0),
                root_len: le32(n, 56).unwrap_or(0),
            };
            if best.is_none_or(|b| b.sqnum < m.sqnum) {
                best = Some(m);
            }
        }
    }
    best
}

/// Walk the index from the master's root; leaves go into `e`.
fn walk_index(fs: &Fs, m: &Master, e: &mut Entries, ctx: &mut Ctx) {
    let mut visited: BTreeSet<(u32, u32)> = BTreeSet::new();
    // (lnum, offs, len, level of the parent index node; None for the root)
    let mut stack: Vec<(u32, u32, u32, Option<u16>)> = vec![(m.root_lnum, m.root_offs, m.root_len, None)];
    let mut reported = 0usize;
    let mut report = |ctx: &mut Ctx, msg: String| {
        reported += 1;
        if reported <= 50 {
            ctx.problem(None, format!("index: {msg}"));
        } else if reported == 51 {
            ctx.problem(None, "index: more problems not listed");
        }
    };
    let mut steps = 0u64;
    while let Some((lnum, offs, len, parent_level)) = stack.pop() {
        steps += 1;
        if steps.is_multiple_of(4096) {
            if let Err(msg) = ctx.budget().check_time() {
                ctx.problem(None, msg);
                return;
            }
        }
        if !visited.insert((lnum, offs)) {
            report(ctx, format!("node {lnum}:{offs} referenced more than once (cycle or shared subtree); skipped"));
            continue;
        }
        let (pos, n) = match fs.node(lnum, offs) {
            Ok(x) => x,
            Err(msg) => {
                report(ctx, format!("{msg}; subtree lost"));
                continue;
            }
        };
        if n.len() != len as usize {
            report(ctx, format!("node {lnum}:{offs} is {} bytes, the branch says {len}", n.len()));
        }
        if n[20] != IDX_NODE {
            if parent_level.is_none() {
                report(ctx, format!("root {lnum}:{offs} is not an index node"));
                continue;
            }
            if parent_level != Some(0) {
                report(ctx, format!("leaf {lnum}:{offs} under an index node of level > 0"));
            }
            if let Err(msg) = e.leaf(pos, n) {
                report(ctx, format!("{lnum}:{offs}: {msg}"));
            }
            continue;
        }
        let child_cnt = le16(n, 24).unwrap_or(0) as usize;
        let level = le16(n, 26).unwrap_or(0);
        if level > MAX_LEVEL {
            report(ctx, format!("index node {lnum}:{offs} has level {level}; skipped"));
            continue;
        }
        if let Some(pl) = parent_level {
            if level >= pl {
                report(ctx, format!("index node {lnum}:{offs} of level {level} under level {pl} (cycle); skipped"));
                continue;
            }
        }
        for i in 0..child_cnt {
            let b = 28 + i * fs.branch_sz;
            let (Some(bl), Some(bo), Some(blen)) = (le32(n, b), le32(n, b + 4), le32(n, b + 8)) else {
                report(ctx, format!("index node {lnum}:{offs}: branch {i} past the node"));
                break;
            };
            if b + fs.branch_sz > n.len() {
                report(ctx, format!("index node {lnum}:{offs}: branch {i} past the node"));
                break;
            }
            stack.push((bl, bo, blen, Some(level)));
        }
    }
}

/// Replay the journal: the log from the master's `log_lnum` lists the buds written since the last commit.
fn replay(fs: &Fs, sb: &SuperBlock, m: &Master, e: &mut Entries, ctx: &mut Ctx) {
    let (first, last) = (LOG_LNUM, LOG_LNUM + sb.log_lebs - 1);
    if !(first..=last).contains(&m.log_lnum) {
        ctx.problem(None, format!("journal: log LEB {} outside the log area; not replayed", m.log_lnum));
        return;
    }
    let mut lnum = m.log_lnum;
    let mut cs_sqnum = None;
    let mut buds: Vec<(u32, u32)> = Vec::new();
    'log: for _ in 0..sb.log_lebs {
        let (nodes, _) = fs.scan(lnum, 0, true);
        let Some((_, head)) = nodes.first() else { break };
        match cs_sqnum {
            None => {
                if head[20] != CS_NODE || le64(head, 24) != Some(m.cmt_no) {
                    ctx.problem(None, "journal: log does not start with this commit's start node; not replayed");
                    return;
                }
                cs_sqnum = le64(head, 8);
            }
            Some(cs) => {
                if le64(head, 8).unwrap_or(0) < cs {
                    break;
                }
            }
        }
        for (i, (_, n)) in nodes.iter().enumerate() {
            match n[20] {
                REF_NODE if n.len() >= 36 => {
                    buds.push((le32(n, 24).unwrap_or(0), le32(n, 28).unwrap_or(0)));
                }
                CS_NODE if i == 0 => {}
                CS_NODE => break 'log,
                _ => {}
            }
        }
        lnum = if lnum >= last { first } else { lnum + 1 };
    }
    let bud_set: BTreeSet<(u32, u32)> = buds.into_iter().collect();
    let mut bad = 0usize;
    for (lnum, offs) in bud_set {
        if lnum as u64 >= sb.leb_cnt as u64 || lnum <= last {
            bad += 1;
            continue;
        }
        let (nodes, corrupt) = fs.scan(lnum, offs as usize, true);
        if corrupt {
            ctx.problem(None, format!("journal: bud LEB {lnum} ends in corrupt data (unclean power cut?)"));
        }
        for (off, n) in nodes {
            if matches!(n[20], INO_NODE | DATA_NODE | DENT_NODE | XENT_NODE | TRUN_NODE) {
                let pos = lnum as usize * fs.leb_size + off;
                if let Err(msg) = e.leaf(pos, n) {
                    ctx.problem(None, format!("journal: {lnum}:{off}: {msg}"));
                }
            }
        }
    }
    if bad > 0 {
        ctx.problem(None, format!("journal: {bad} references to LEBs outside the main area ignored"));
    }
}

/// Linux `new_decode_dev` of a device node's data.
fn device(data: &[u8]) -> (u32, u32) {
    let d = match data.len() {
        4 => le32(data, 0).unwrap_or(0),
        8 => le64(data, 0).unwrap_or(0) as u32,
        _ => 0,
    };
    ((d & 0xfff00) >> 8, (d & 0xff) | ((d >> 12) & 0xfff00))
}

impl Fs<'_> {
    /// Bytes a file's data nodes store, the input of its expansion limit.
    fn stored(e: &Entries, inum: u64) -> usize {
        e.data.range((inum, 0)..=(inum, u32::MAX)).map(|(_, r)| r.len).sum()
    }
}

/// Where a regular file's data nodes are: (block number, node position, node length), by block.
struct FileBlocks(Vec<(u32, usize, usize)>);

impl FileBlocks {
    fn of(e: &Entries, inum: u64) -> Self {
        FileBlocks(e.data.range((inum, 0)..=(inum, u32::MAX)).map(|(&(_, blk), r)| (blk, r.pos, r.len)).collect())
    }
}

impl Layout for FileBlocks {
    /// The data nodes by block, holes as zeros, up to `n` bytes.
    fn read(&self, d: &[u8], n: u64) -> (Vec<u8>, Option<String>) {
        let size = n as usize;
        let mut out = vec![0u8; size];
        let mut damage = Damage::default();
        for &(blk, pos, len) in &self.0 {
            let start = blk as usize * BLOCK;
            if start >= size {
                break;
            }
            let Some(n) = d.get(pos..pos + len) else { continue };
            let dsize = le32(n, 40).unwrap_or(0) as usize;
            let ctype = le16(n, 44).unwrap_or(0);
            let payload = &n[DATA_SZ..];
            let dec = match ctype {
                0 => Ok(payload.to_vec()),
                1 => decompress::lzo_block(payload, BLOCK),
                2 => decompress::inflate_block(payload, BLOCK, false)
                    .map_or_else(|| decompress::deflate(payload, BLOCK as u64).map(|d| d.data), Ok),
                3 => decompress::zstd_frame(payload, BLOCK as u64),
                c => Err(FormatError::Unsupported(format!("compressor {c}"))),
            };
            match dec {
                Ok(b) => {
                    if b.len() != dsize || dsize > BLOCK {
                        damage.add(|| format!("block {blk}: {} bytes decoded, node says {dsize}", b.len()));
                    }
                    let m = b.len().min(size - start).min(BLOCK);
                    out[start..start + m].copy_from_slice(&b[..m]);
                }
                Err(err) => damage.add(|| format!("block {blk}: {err}")),
            }
        }
        (out, damage.message("data blocks"))
    }
}

impl Format for Ubifs {
    fn name(&self) -> &'static str {
        "ubifs"
    }
    fn magics(&self) -> &'static [Magic] {
        &[Magic { bytes: &MAGIC, offset: 0 }]
    }
    fn identify(&self, d: &[u8]) -> Option<Identified> {
        let sb = SuperBlock::parse(d)?;
        let size = (sb.leb_cnt as u64 * sb.leb_size as u64).min(d.len() as u64);
        Some(Identified {
            size: Some(size),
            description: format!(
                "UBIFS v{}, {}, LEB {}, {} LEBs",
                sb.fmt_version,
                compr_name(sb.default_compr),
                sb.leb_size,
                sb.leb_cnt
            ),
        })
    }

    fn extract(&self, data: &Bytes, ctx: &mut Ctx) -> Result<Extracted, FormatError> {
        let sb = SuperBlock::parse(data).ok_or_else(|| FormatError::Invalid("bad UBIFS superblock".into()))?;
        if !SuperBlock::crc_ok(data) {
            ctx.problem(None, "superblock CRC mismatch; its fields look sane and are used");
        }
        let mut branch_sz = 12 + 8;
        if sb.flags & FLG_AUTHENTICATION != 0 {
            let h = hash_len(sb.hash_algo)
                .ok_or_else(|| FormatError::Unsupported(format!("authenticated, hash algorithm {}", sb.hash_algo)))?;
            branch_sz += h;
            ctx.problem(None, "authenticated UBIFS: HMACs and hashes are not verified");
        }
        if sb.flags & FLG_ENCRYPTION != 0 {
            ctx.problem(None, "UBIFS with encryption enabled: encrypted files and names cannot be read");
        }
        let fs = Fs { d: data, layer: data, leb_size: sb.leb_size as usize, branch_sz };
        let m = find_master(&fs, ctx).ok_or_else(|| FormatError::Invalid("no valid UBIFS master node".into()))?;
        let mut e = Entries::default();
        walk_index(&fs, &m, &mut e, ctx);
        replay(&fs, &sb, &m, &mut e, ctx);
        e.settle();
        let tree = build_tree(&fs, &e, ctx);
        let files = tree.len();
        Ok(Extracted::tree(tree)
            .with_consumed((sb.leb_cnt as u64 * sb.leb_size as u64).min(data.len() as u64))
            .with_description(format!(
                "UBIFS v{}, {}, LEB {}, {} LEBs, {} inodes, {} entries",
                sb.fmt_version,
                compr_name(sb.default_compr),
                sb.leb_size,
                sb.leb_cnt,
                e.inodes.len(),
                files
            )))
    }
}

/// Build the tree from the root inode down.
fn build_tree(fs: &Fs, e: &Entries, ctx: &mut Ctx) -> Tree {
    let mut tree = Tree::new();
    let mut children: BTreeMap<u64, Vec<(&[u8], u64)>> = BTreeMap::new();
    for ((parent, name), d) in &e.dents {
        children.entry(*parent).or_default().push((name, d.inum));
    }
    // (path, inum) of every reachable entry, directories visited once
    let mut entries: Vec<(String, u64)> = Vec::new();
    let mut seen_dirs: BTreeSet<u64> = BTreeSet::from([ROOT_INO]);
    let mut todo: Vec<(String, u64)> = vec![(String::new(), ROOT_INO)];
    while let Some((dir, dinum)) = todo.pop() {
        for (name, inum) in children.get(&dinum).map(Vec::as_slice).unwrap_or(&[]) {
            let name = String::from_utf8_lossy(name);
            if name.is_empty() || name == "." || name == ".." || name.contains('/') || name.contains('\0') {
                ctx.problem(Some(&dir), format!("invalid entry name {name:?}; skipped"));
                continue;
            }
            let path = format!("{dir}/{name}");
            let is_dir = e.inodes.get(inum).is_some_and(|i| i.mode & 0o170000 == 0o040000);
            if is_dir {
                if !seen_dirs.insert(*inum) {
                    ctx.problem(Some(&path), format!("directory inode {inum} linked more than once; not descended"));
                    continue;
                }
                todo.push((path.clone(), *inum));
            }
            entries.push((path, *inum));
        }
    }
    if let Some(root) = e.inodes.get(&ROOT_INO) {
        let _ = tree.insert(
            "/",
            Node { kind: NodeKind::Dir, mode: root.mode & 0o7777, uid: root.uid, gid: root.gid, mtime: root.mtime },
        );
    } else {
        ctx.problem(None, "root inode missing");
    }
    entries.sort();
    let mut first_path: BTreeMap<u64, String> = BTreeMap::new();
    let mut missing = 0usize;
    // nodes in path order; regular files get their content from the plan after the walk, with the byte
    // budget spent in path order as a sequential read would spend it
    let mut nodes: Vec<Entry> = Vec::new();
    let mut plan = Plan::new("ubifs", fs.layer.clone());
    let mut remaining = ctx.budget().layer_limit(fs.d.len());
    for (path, inum) in entries {
        let Some(ino) = e.inodes.get(&inum) else {
            missing += 1;
            if missing <= 20 {
                ctx.problem(Some(&path), format!("inode {inum} missing; entry skipped"));
            }
            continue;
        };
        if ino.flags & XATTR_FL != 0 {
            ctx.problem(Some(&path), "entry points to an extended-attribute inode; skipped");
            continue;
        }
        let kind = match ino.mode & 0o170000 {
            0o040000 => NodeKind::Dir,
            0o120000 => NodeKind::Symlink(String::from_utf8_lossy(&ino.data).into_owned()),
            0o020000 => {
                let (major, minor) = device(&ino.data);
                NodeKind::CharDevice { major, minor }
            }
            0o060000 => {
                let (major, minor) = device(&ino.data);
                NodeKind::BlockDevice { major, minor }
            }
            0o010000 => NodeKind::Fifo,
            0o140000 => NodeKind::Socket,
            t => {
                if t != 0o100000 {
                    ctx.problem(Some(&path), format!("unknown file type {t:o}; read as a regular file"));
                }
                if let Some(first) = first_path.get(&inum) {
                    NodeKind::HardLink(first.clone())
                } else {
                    first_path.insert(inum, path.clone());
                    if ino.flags & CRYPT_FL != 0 {
                        ctx.problem(Some(&path), "encrypted file: content not readable");
                        NodeKind::File(Bytes::new().into())
                    } else {
                        let limit = ctx.budget().stream_limit_within(Fs::stored(e, inum), remaining);
                        let size = if ino.size > limit {
                            ctx.problem(
                                Some(&path),
                                format!("file of {} bytes cut to {limit} bytes (size/expansion limit)", ino.size),
                            );
                            limit
                        } else {
                            ino.size
                        };
                        remaining -= size;
                        let node = Node::new(NodeKind::File(Bytes::new().into()), ino.mode & 0o7777);
                        let node = Node { uid: ino.uid, gid: ino.gid, mtime: ino.mtime, ..node };
                        nodes.push((path, node, Some(plan.add(FileBlocks::of(e, inum), size))));
                        continue;
                    }
                }
            }
        };
        nodes.push((path, Node { kind, mode: ino.mode & 0o7777, uid: ino.uid, gid: ino.gid, mtime: ino.mtime }, None));
    }
    plan.insert_into(nodes, &mut tree, ctx);
    if missing > 20 {
        ctx.problem(None, format!("{missing} entries point to missing inodes"));
    }
    tree
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn device_numbers_decode_new_encoding() {
        // major 1, minor 3 (/dev/null): new_encode_dev = 0x103
        assert_eq!(device(&0x103u32.to_le_bytes()), (1, 3));
        // major 4, minor 300: (300 & 0xff) | (4 << 8) | ((300 & !0xff) << 12)
        let enc: u32 = (300 & 0xff) | (4 << 8) | ((300 & !0xff) << 12);
        assert_eq!(device(&(enc as u64).to_le_bytes()), (4, 300));
        assert_eq!(device(b"xyz"), (0, 0));
    }

    #[test]
    fn scanning_a_corrupt_leb_is_linear() {
        // 8 MiB of garbage ending in erased flash: each corrupt offset used to test the rest of the LEB for
        // 0xff (quadratic: hours for this LEB); now the erased tail is found once
        let mut leb = vec![0x5au8; 8 << 20];
        leb.extend_from_slice(&[0xff; 4096]);
        let data = Bytes::from(leb);
        let fs = Fs { d: &data, layer: &data, leb_size: data.len(), branch_sz: 20 };
        let (nodes, corrupt) = fs.scan(0, 0, false);
        assert!(nodes.is_empty() && corrupt);
    }

    #[test]
    fn node_at_checks_bounds_and_crc() {
        let mut n = vec![0u8; 32];
        n[..4].copy_from_slice(&MAGIC);
        n[16..20].copy_from_slice(&32u32.to_le_bytes());
        let c = crc(&n[8..]);
        n[4..8].copy_from_slice(&c.to_le_bytes());
        assert!(node_at(&n, 0).is_ok());
        assert!(node_at(&n[..31], 0).is_err());
        assert!(node_at(&n, 8).is_err());
        assert!(node_at(&n, usize::MAX - 3).is_err());
        n[30] ^= 1;
        assert!(node_at(&n, 0).is_err());
    }
}
