//! cramfs, the compressed ROM file system, little- and big-endian.
//!
//! Vendors: older embedded Linux boards with small NOR flash: Linksys/Cisco, Axis and D-Link cameras,
//! Motorola/Arris set-top boxes, many MIPS big-endian devices (Broadcom BCM63xx DSL routers, older
//! Realtek/TI), ARM boards running kernels before squashfs entered mainline.
//! References: Linux `include/uapi/linux/cramfs_fs.h`, `fs/cramfs/inode.c`, `Documentation/filesystems/
//! cramfs.rst`; util-linux `disk-utils/mkfs.cramfs.c` and `fsck.cramfs.c`; `cramfsswap` (byte-order
//! conversion, which also reverses the bit-field order of each inode word).
//!
//! Layout: a 76-byte superblock (magic 0x28cd3d45 in the file system's byte order, total size, flags,
//! the signature "Compressed ROMFS", fsid with CRC32/edition/blocks/files, a name) ending with the root
//! inode. An inode is three words: `mode:16 uid:16`, `size:24 gid:8`, `namelen:6 offset:26` (offset and
//! name length in 4-byte units); on big-endian file systems the bit fields are allocated from the most
//! significant bit. A directory's offset points at its entries (inode + padded name), a file's at an array
//! of block end pointers followed by zlib blocks of one page each; symlinks store the target as one block;
//! devices keep the old 16-bit device number in `size`. With FSID version 2 the superblock holds the CRC32
//! of the whole image (computed with the CRC field zeroed), which is checked. An image padded by 512 bytes
//! for a boot loader (`mkfs.cramfs -p`) is recognised by the magic at offset 512. A file bigger than
//! [`crate::ondemand::EAGER_MAX`] is decoded on demand (only its first block while the tree is built);
//! smaller files are decoded at once, in parallel. Missing blocks and holes read as zeros, so a file is
//! held to the expansion limit of the bytes it occupies (pointer table and blocks), not only the per-file
//! limit.
//!
//! Limitations: the block size is not stored; it is detected from the first multi-block file among 4, 8,
//! 16, 32 and 64 KiB (default 4 KiB). The extended block pointers of newer kernels (direct pointers for
//! XIP) are read for the `uncompressed` flag only; direct pointers are reported and skipped. Files carry no
//! mtime (0), and gid is only 8 bits wide, as in the format itself.

use bytes::Bytes;
use fwassure_model::{Node, NodeKind, Tree};
use std::collections::BTreeSet;

use crate::decompress;
use crate::format::read::Endian;
use crate::format::{Ctx, Extracted, Format, FormatError, Identified, Magic};
use crate::ondemand::{Damage, Entry, Layout, Plan};

/// The cramfs format.
pub struct Cramfs;

const MAGIC: u32 = 0x28cd_3d45;
const SIGNATURE: &[u8; 16] = b"Compressed ROMFS";
const SB_LEN: usize = 76;
const FLAG_FSID_V2: u32 = 0x1;
const FLAG_HOLES: u32 = 0x100;
const FLAG_EXT_BLOCK_POINTERS: u32 = 0x800;
const BLK_UNCOMPRESSED: u32 = 1 << 31;
const BLK_DIRECT: u32 = 1 << 30;
const MAX_DEPTH: usize = 64;

/// One inode as stored (12 bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Inode {
    /// `st_mode`.
    pub mode: u16,
    /// Owner (16 bits).
    pub uid: u16,
    /// Size in bytes (24 bits; the device number for devices).
    pub size: u32,
    /// Group (8 bits).
    pub gid: u8,
    /// Name length in 4-byte units.
    pub namelen: u8,
    /// Data offset in 4-byte units.
    pub offset: u32,
}

impl Inode {
    /// Parse the inode at `off`, unpacking the bit fields in the order of byte order `e`.
    pub fn parse(d: &[u8], off: usize, e: Endian) -> Option<Inode> {
        let (w0, w1, w2) = (e.u32(d, off)?, e.u32(d, off + 4)?, e.u32(d, off + 8)?);
        Some(match e {
            Endian::Little => Inode {
                mode: w0 as u16,
                uid: (w0 >> 16) as u16,
                size: w1 & 0xff_ffff,
                gid: (w1 >> 24) as u8,
                namelen: (w2 & 0x3f) as u8,
                offset: w2 >> 6,
            },
            Endian::Big => Inode {
                mode: (w0 >> 16) as u16,
                uid: w0 as u16,
                size: w1 >> 8,
                gid: w1 as u8,
                namelen: (w2 >> 26) as u8,
                offset: w2 & 0x03ff_ffff,
            },
        })
    }
}

/// The superblock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Super {
    /// Byte order.
    pub endian: Endian,
    /// Bytes before the superblock (0, or 512 for a boot-loader pad).
    pub base: usize,
    /// Image size in bytes, counted from the start of the structure.
    pub size: u32,
    /// Feature flags.
    pub flags: u32,
    /// CRC32 of the image (FSID version 2).
    pub crc: u32,
    /// Edition.
    pub edition: u32,
    /// Number of files.
    pub files: u32,
    /// Volume name.
    pub name: String,
    /// The root directory.
    pub root: Inode,
}

impl Super {
    /// Parse the superblock at the start of `d` (or 512 bytes in).
    pub fn parse(d: &[u8]) -> Option<Super> {
        for base in [0usize, 512] {
            let e = match d.get(base..base + 4)? {
                [0x45, 0x3d, 0xcd, 0x28] => Endian::Little,
                [0x28, 0xcd, 0x3d, 0x45] => Endian::Big,
                _ => continue,
            };
            if d.get(base + 16..base + 32)? != SIGNATURE || e.u32(d, base)? != MAGIC {
                continue;
            }
            let root = Inode::parse(d, base + 64, e)?;
            // when padded, the root directory's entries follow the superblock (offsets count from byte 0)
            if base == 512 && root.size != 0 && root.offset as usize * 4 != 512 + SB_LEN {
                continue;
            }
            return Some(Super {
                endian: e,
                base,
                size: e.u32(d, base + 4)?,
                flags: e.u32(d, base + 8)?,
                crc: e.u32(d, base + 32)?,
                edition: e.u32(d, base + 36)?,
                files: e.u32(d, base + 44)?,
                name: crate::format::read::cstr(d.get(base + 48..base + 64)?),
                root,
            });
        }
        None
    }

    /// Whether the image CRC matches (only meaningful with FSID version 2).
    pub fn crc_ok(&self, d: &[u8]) -> bool {
        // the CRC runs from the superblock (after a boot pad) to the end of the image
        let Some(img) = d.get(self.base..self.size as usize).filter(|i| i.len() >= 36) else { return false };
        let at = 32;
        let mut h = crc32fast::Hasher::new();
        h.update(&img[..at]);
        h.update(&[0; 4]);
        h.update(&img[at + 4..]);
        h.finalize() == self.crc
    }
}

struct Reader<'a> {
    d: &'a [u8],
    sb: Super,
    blksize: usize,
    visited: BTreeSet<u32>,
    /// Entries in walk order, inserted once the files' data is planned: (path, node, index in `plan`).
    entries: Vec<Entry>,
    plan: Plan<FileBlocks>,
    /// Bytes left in the unpack budget for the files planned so far.
    remaining: u64,
}

/// Where a file's blocks are: an array of block end pointers at `base` (one per block of the file's
/// `size`), then the blocks, back to back.
struct FileBlocks {
    base: usize,
    size: usize,
    blksize: usize,
    endian: Endian,
    ext: bool,
    holes: bool,
}

impl FileBlocks {
    /// Bytes the file occupies in the image: its pointer table and blocks (up to the last block's end).
    fn stored(&self, d: &[u8]) -> usize {
        let blocks = self.size.div_ceil(self.blksize);
        let Some(last) = blocks.checked_sub(1).and_then(|i| self.endian.u32(d, self.base.saturating_add(i * 4))) else {
            return 0;
        };
        let end = if self.ext { last & 0x3fff_ffff } else { last } as usize;
        end.min(d.len()).saturating_sub(self.base)
    }
}

impl Layout for FileBlocks {
    /// The blocks that hold the first `n` bytes, decoded; an unreadable block as zeros.
    fn read(&self, d: &[u8], n: u64) -> (Vec<u8>, Option<String>) {
        let n = n as usize;
        let blocks = self.size.div_ceil(self.blksize);
        let mut out = Vec::with_capacity(n.min(1 << 24));
        let mut prev_end = self.base.saturating_add(blocks.saturating_mul(4));
        let mut damage = Damage::default();
        for i in 0..blocks {
            if out.len() >= n {
                break;
            }
            let want = self.blksize.min(n - out.len());
            let Some(ptr) = self.endian.u32(d, self.base + i * 4) else {
                damage.add(|| "block pointers run past the image".into());
                break;
            };
            let (uncompressed, end) = if self.ext {
                if ptr & BLK_DIRECT != 0 {
                    damage.add(|| "direct block pointers (XIP) are not supported".into());
                    break;
                }
                (ptr & BLK_UNCOMPRESSED != 0, (ptr & 0x3fff_ffff) as usize)
            } else {
                (false, ptr as usize)
            };
            let start = prev_end;
            prev_end = end;
            let block = match d.get(start..end) {
                Some([]) if self.holes || self.ext => Ok(vec![0; want]),
                Some(b) if uncompressed => Ok(b[..b.len().min(want)].to_vec()),
                // a block decodes to a whole page even when only its head is wanted
                Some(b) => {
                    let full = self.blksize.min(self.size - i * self.blksize);
                    decompress::inflate_block(b, full, true)
                        .map_or_else(|| decompress::zlib(b, full as u64).map(|o| o.data), Ok)
                }
                None => Err(FormatError::Truncated(format!("block {i} at {start:#x}..{end:#x} outside the image"))),
            };
            match block {
                Ok(mut b) => {
                    b.resize(want, 0);
                    out.extend_from_slice(&b);
                }
                Err(err) => {
                    damage.add(|| format!("block {i}: {err}"));
                    out.resize(out.len() + want, 0);
                }
            }
        }
        out.resize(n, 0);
        (out, damage.message("blocks"))
    }
}

impl Reader<'_> {
    fn nblocks(&self, size: usize, blksize: usize) -> usize {
        size.div_ceil(blksize)
    }

    /// Guess the block size from the first file larger than one 4 KiB page.
    fn detect_blksize(&mut self, start: usize, len: usize, depth: usize) -> Option<usize> {
        if depth > MAX_DEPTH {
            return None;
        }
        let e = self.sb.endian;
        let mut off = start;
        while off + 12 <= start + len {
            let ino = Inode::parse(self.d, off, e)?;
            let next = off + 12 + ino.namelen as usize * 4;
            let data = ino.offset as usize * 4;
            match ino.mode as u32 & 0o170000 {
                0o040000 if data > off && ino.size > 0 => {
                    if let Some(b) = self.detect_blksize(data, ino.size as usize, depth + 1) {
                        return Some(b);
                    }
                }
                0o100000 if ino.size > 4096 && data > 0 => {
                    for bs in [4096usize, 8192, 16384, 32768, 65536] {
                        let n = self.nblocks(ino.size as usize, bs);
                        let Some(first_end) = e.u32(self.d, data) else { break };
                        let begin = data + n * 4;
                        let end = (first_end & 0x3fff_ffff) as usize;
                        if end <= begin || end > self.d.len() {
                            continue;
                        }
                        let want = bs.min(ino.size as usize);
                        if decompress::zlib(&self.d[begin..end], want as u64 + 1).is_ok_and(|o| o.data.len() == want) {
                            return Some(bs);
                        }
                    }
                }
                _ => {}
            }
            off = next;
        }
        None
    }

    /// Where a file's (or symlink's) blocks are.
    fn file(&self, ino: &Inode) -> FileBlocks {
        FileBlocks {
            base: ino.offset as usize * 4,
            size: ino.size as usize,
            blksize: self.blksize,
            endian: self.sb.endian,
            ext: self.sb.flags & FLAG_EXT_BLOCK_POINTERS != 0,
            holes: self.sb.flags & FLAG_HOLES != 0,
        }
    }

    fn walk(&mut self, start: usize, len: usize, dir: &str, ctx: &mut Ctx, depth: usize) {
        if ctx.too_deep(dir, depth, MAX_DEPTH) {
            return;
        }
        let e = self.sb.endian;
        let end = start.saturating_add(len);
        if end > self.d.len() {
            ctx.problem(Some(dir), "directory entries run past the image");
        }
        let mut off = start;
        while off + 12 <= end.min(self.d.len()) {
            let Some(ino) = Inode::parse(self.d, off, e) else { break };
            let name_len = ino.namelen as usize * 4;
            let Some(raw) = self.d.get(off + 12..off + 12 + name_len) else {
                ctx.problem(Some(dir), "entry name runs past the image");
                break;
            };
            off += 12 + name_len;
            let name = crate::format::read::cstr(raw);
            if name.is_empty() {
                ctx.problem(Some(dir), "entry with an empty name skipped");
                continue;
            }
            let path = format!("{}/{}", dir.trim_end_matches('/'), name);
            let perm = ino.mode as u32 & 0o7777;
            let data = ino.offset as usize * 4;
            let mut planned = None;
            let kind = match ino.mode as u32 & 0o170000 {
                0o040000 => NodeKind::Dir,
                0o120000 => {
                    let (t, err) = self.file(&ino).read(self.d, (ino.size as u64).min(4096));
                    if let Some(err) = err {
                        ctx.problem(Some(&path), err);
                    }
                    NodeKind::Symlink(String::from_utf8_lossy(&t).into_owned())
                }
                0o020000 => NodeKind::CharDevice { major: (ino.size >> 8) & 0xff, minor: ino.size & 0xff },
                0o060000 => NodeKind::BlockDevice { major: (ino.size >> 8) & 0xff, minor: ino.size & 0xff },
                0o010000 => NodeKind::Fifo,
                0o140000 => NodeKind::Socket,
                _ => {
                    // holes expand to zeros: the expansion limit applies to what the file stores
                    let file = self.file(&ino);
                    let limit = ctx.budget().stream_limit_within(file.stored(self.d), self.remaining);
                    let size = if ino.size as u64 > limit {
                        ctx.problem(Some(&path), format!("size {} exceeds the limit; cut", ino.size));
                        limit
                    } else {
                        ino.size as u64
                    };
                    self.remaining -= size;
                    planned = Some(self.plan.add(file, size));
                    NodeKind::File(Bytes::new().into())
                }
            };
            let is_dir = kind == NodeKind::Dir;
            let node = Node { kind, mode: perm, uid: ino.uid as u32, gid: ino.gid as u32, mtime: 0 };
            self.entries.push((path.clone(), node, planned));
            if is_dir && ino.size > 0 {
                if !self.visited.insert(ino.offset) {
                    ctx.problem(Some(&path), "directory entries already read elsewhere (loop); skipped");
                    continue;
                }
                let (norm, _) = fwassure_model::vfs::normalize_path(&path);
                self.walk(data, ino.size as usize, &norm, ctx, depth + 1);
            }
        }
    }
}

impl Format for Cramfs {
    fn name(&self) -> &'static str {
        "cramfs"
    }
    fn magics(&self) -> &'static [Magic] {
        &[
            Magic { bytes: &[0x45, 0x3d, 0xcd, 0x28], offset: 0 },
            Magic { bytes: &[0x28, 0xcd, 0x3d, 0x45], offset: 0 },
            Magic { bytes: &[0x45, 0x3d, 0xcd, 0x28], offset: 512 },
            Magic { bytes: &[0x28, 0xcd, 0x3d, 0x45], offset: 512 },
        ]
    }
    fn identify(&self, d: &[u8]) -> Option<Identified> {
        let sb = Super::parse(d)?;
        if (sb.size as usize) < sb.base + SB_LEN || sb.root.mode as u32 & 0o170000 != 0o040000 {
            return None;
        }
        let order = if sb.endian == Endian::Little { "le" } else { "be" };
        Some(Identified {
            size: Some(sb.size as u64),
            description: format!("cramfs {order}, {:?}, {} files, {} bytes", sb.name, sb.files, sb.size),
        })
    }

    fn extract(&self, data: &Bytes, ctx: &mut Ctx) -> Result<Extracted, FormatError> {
        let sb = Super::parse(data).ok_or_else(|| FormatError::Invalid("no cramfs superblock".into()))?;
        if sb.flags & FLAG_FSID_V2 != 0 && (sb.size as usize) <= data.len() && !sb.crc_ok(data) {
            ctx.problem(None, "image CRC32 does not match the superblock");
        }
        let unknown = sb.flags & !0xf03;
        if unknown != 0 {
            ctx.problem(None, format!("unknown feature flags {unknown:#x}; reading anyway"));
        }
        let mut r = Reader {
            d: data,
            sb: sb.clone(),
            blksize: 4096,
            visited: BTreeSet::new(),
            entries: Vec::new(),
            plan: Plan::new("cramfs", data.clone()),
            remaining: ctx.budget().layer_limit(data.len()),
        };
        let root = sb.root;
        let root_dir = root.offset as usize * 4;
        r.blksize = r.detect_blksize(root_dir, root.size as usize, 0).unwrap_or(4096);
        let mut tree = Tree::new();
        let root_node = Node {
            kind: NodeKind::Dir,
            mode: root.mode as u32 & 0o7777,
            uid: root.uid as u32,
            gid: root.gid as u32,
            mtime: 0,
        };
        ctx.insert(&mut tree, "/", root_node)?;
        r.visited.insert(root.offset);
        if root.size > 0 {
            r.walk(root_dir, root.size as usize, "/", ctx, 0);
        }
        let Reader { blksize, entries, plan, .. } = r;
        plan.insert_into(entries, &mut tree, ctx);
        let order = if sb.endian == Endian::Little { "le" } else { "be" };
        Ok(Extracted::tree(tree).with_description(format!(
            "cramfs {order}, {:?}, edition {}, {} files, block size {}",
            sb.name, sb.edition, sb.files, blksize
        )))
    }
}
