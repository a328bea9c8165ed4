//! JFFS2, the Journalling Flash File System v2, little- and big-endian.
//!
//! Vendors: NOR-flash devices of the 2000s–2010s (Broadcom/Atheros routers' config partitions, DD-WRT and
//! OpenWrt `rootfs_data`, Hikvision/Dahua cameras, set-top boxes, industrial controllers); big-endian on MIPS BE
//! and PowerPC boards.
//! References: Linux `include/uapi/linux/jffs2.h` (node layouts), `fs/jffs2/scan.c`, `readinode.c`,
//! `compr_rtime.c`; mtd-utils `mkfs.jffs2.c`; OpenWrt's `compr_lzma.c` (raw LZMA, lc=0 lp=0 pb=0, no header,
//! known output size).
//!
//! The image is a log of nodes, each starting with the magic 0x1985 (in the file system's byte order) on a
//! 4-byte boundary. Nodes are read in order: header CRC (over the first 8 bytes), node CRC and data/name
//! CRCs (JFFS2 CRC32: the kernel's `crc32(0, …)`, without the usual pre- and post-inversion) are checked;
//! nodes with a bad CRC or cleared `ACCURATE` bit (obsoleted on NOR flash) are skipped. For each inode the
//! node with the newest version gives the metadata, and data nodes are applied in version order, so later
//! writes overwrite earlier ones; each (parent, name) dirent keeps its newest version, and a dirent to
//! inode 0 deletes the name. Erased flash (0xFF) and zero padding are skipped; the structure's extent ends
//! with the last valid node. A file bigger than [`crate::ondemand::EAGER_MAX`] keeps its list of data nodes
//! and is assembled on demand (only the nodes under its first 2 KiB while the tree is built); smaller files
//! are assembled at once, in parallel. Holes read as zeros, so a file is held to the expansion limit of
//! the bytes its nodes store, not only the per-file limit.
//!
//! Limitations: rubin/dynrubin compressed nodes (never enabled by default) and xattr nodes are not read
//! (the former become a problem); summary nodes are ignored (they only speed up mounting); an image that
//! mixes byte orders is read in the order of its first node; non-reachable (orphan) inodes are dropped.

use bytes::Bytes;
use fwassure_model::{Node, NodeKind, Tree};
use std::collections::{BTreeMap, BTreeSet};

use crate::decompress;
use crate::format::read::Endian;
use crate::format::{Ctx, Extracted, Format, FormatError, Identified, Magic};
use crate::ondemand::{Damage, Entry, Layout, Plan};

/// The JFFS2 format.
pub struct Jffs2;

const MAGIC: u16 = 0x1985;
const NODE_ACCURATE: u16 = 0x2000;
const NODETYPE_DIRENT: u16 = 0xe001;
const NODETYPE_INODE: u16 = 0xe002;
const COMMON_LEN: usize = 12;
const DIRENT_LEN: usize = 40;
const INODE_LEN: usize = 68;
/// Largest data a single node may expand to (kernel pages are at most 64 KiB; allow some slack).
const MAX_NODE_DSIZE: u32 = 1 << 20;
/// Non-node, non-padding bytes tolerated between two nodes before the file system is taken to end.
const MAX_GARBAGE: usize = 64 * 1024;

/// JFFS2's CRC32: reflected polynomial 0xEDB88320, seed 0, no final inversion (Linux `crc32(0, …)`).
pub fn crc(data: &[u8]) -> u32 {
    let mut h = crc32fast::Hasher::new_with_initial(0xffff_ffff);
    h.update(data);
    !h.finalize()
}

/// The 12-byte header every node starts with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommonHeader {
    /// Node type (`0xe001` dirent, `0xe002` inode, `0x2003` clean marker, `0x2004` padding …).
    pub nodetype: u16,
    /// Total node length, header included.
    pub totlen: u32,
    /// CRC of the first 8 bytes.
    pub hdr_crc: u32,
}

impl CommonHeader {
    /// Parse the header at `off` in byte order `e`; `None` unless the magic is there.
    pub fn parse(d: &[u8], off: usize, e: Endian) -> Option<CommonHeader> {
        if e.u16(d, off)? != MAGIC {
            return None;
        }
        Some(CommonHeader { nodetype: e.u16(d, off + 2)?, totlen: e.u32(d, off + 4)?, hdr_crc: e.u32(d, off + 8)? })
    }
    /// Whether the header CRC matches (the bytes at `off` hold the header).
    pub fn crc_ok(&self, d: &[u8], off: usize) -> bool {
        d.get(off..off + 8).is_some_and(|h| crc(h) == self.hdr_crc)
    }
}

/// A directory entry node (`struct jffs2_raw_dirent`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawDirent {
    /// Parent directory inode.
    pub pino: u32,
    /// Version: the highest one for a (parent, name) wins.
    pub version: u32,
    /// Target inode (0: the name was deleted).
    pub ino: u32,
    /// Modification/creation time of the entry.
    pub mctime: u32,
    /// Name length.
    pub nsize: u8,
    /// `DT_*` type of the target.
    pub dtype: u8,
    /// CRC of the first 32 bytes.
    pub node_crc: u32,
    /// CRC of the name.
    pub name_crc: u32,
}

impl RawDirent {
    /// Parse the dirent at `off`.
    pub fn parse(d: &[u8], off: usize, e: Endian) -> Option<RawDirent> {
        Some(RawDirent {
            pino: e.u32(d, off + 12)?,
            version: e.u32(d, off + 16)?,
            ino: e.u32(d, off + 20)?,
            mctime: e.u32(d, off + 24)?,
            nsize: *d.get(off + 28)?,
            dtype: *d.get(off + 29)?,
            node_crc: e.u32(d, off + 32)?,
            name_crc: e.u32(d, off + 36)?,
        })
    }
}

/// An inode (data) node (`struct jffs2_raw_inode`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawInode {
    /// Inode number.
    pub ino: u32,
    /// Version: metadata of the highest version wins; data is applied in version order.
    pub version: u32,
    /// `st_mode`.
    pub mode: u32,
    /// Owner.
    pub uid: u16,
    /// Group.
    pub gid: u16,
    /// File size after this write.
    pub isize: u32,
    /// Modification time.
    pub mtime: u32,
    /// Where this node's data goes in the file.
    pub offset: u32,
    /// Stored (compressed) data length.
    pub csize: u32,
    /// Uncompressed data length.
    pub dsize: u32,
    /// Compressor id (0 none, 1 zero, 2 rtime, 3 rubinmips, 4 copy, 5 dynrubin, 6 zlib, 7 lzo, 8 lzma).
    pub compr: u8,
    /// CRC of the stored data.
    pub data_crc: u32,
    /// CRC of the first 60 bytes.
    pub node_crc: u32,
}

impl RawInode {
    /// Parse the inode node at `off`.
    pub fn parse(d: &[u8], off: usize, e: Endian) -> Option<RawInode> {
        Some(RawInode {
            ino: e.u32(d, off + 12)?,
            version: e.u32(d, off + 16)?,
            mode: e.u32(d, off + 20)?,
            uid: e.u16(d, off + 24)?,
            gid: e.u16(d, off + 26)?,
            isize: e.u32(d, off + 28)?,
            mtime: e.u32(d, off + 36)?,
            offset: e.u32(d, off + 44)?,
            csize: e.u32(d, off + 48)?,
            dsize: e.u32(d, off + 52)?,
            compr: *d.get(off + 56)?,
            data_crc: e.u32(d, off + 60)?,
            node_crc: e.u32(d, off + 64)?,
        })
    }
}

/// Decompress JFFS2's "rtime" run-length coding into exactly `dsize` bytes.
pub fn rtime(input: &[u8], dsize: usize) -> Result<Vec<u8>, FormatError> {
    let mut out = Vec::with_capacity(dsize);
    let mut positions = [0usize; 256];
    let mut pos = 0;
    while out.len() < dsize {
        let (Some(&value), Some(&repeat)) = (input.get(pos), input.get(pos + 1)) else {
            return Err(FormatError::Decompress("rtime: input ends early".into()));
        };
        pos += 2;
        out.push(value);
        let back = positions[value as usize];
        positions[value as usize] = out.len();
        for i in 0..repeat as usize {
            if out.len() >= dsize {
                break;
            }
            let b = out[back + i]; // back + i < out.len(): positions only hold past lengths
            out.push(b);
        }
    }
    Ok(out)
}

fn detect_endian(d: &[u8]) -> Option<Endian> {
    match d.get(0..2)? {
        [0x85, 0x19] => Some(Endian::Little),
        [0x19, 0x85] => Some(Endian::Big),
        _ => None,
    }
}

/// The newest metadata and all data nodes of one inode.
#[derive(Default)]
struct InodeInfo {
    meta: Option<RawInode>,
    /// (version, node offset, parsed node)
    data: Vec<(u32, usize, RawInode)>,
}

/// The result of scanning the node log.
struct Scan {
    inodes: BTreeMap<u32, InodeInfo>,
    /// (parent, name) -> (version, target ino, dtype)
    dirents: BTreeMap<(u32, Vec<u8>), (u32, u32, u8)>,
    end: usize,
    nodes: u64,
}

fn scan(d: &[u8], e: Endian, ctx: &mut Ctx) -> Scan {
    let mut s = Scan { inodes: BTreeMap::new(), dirents: BTreeMap::new(), end: 0, nodes: 0 };
    let magic = match e {
        Endian::Little => [0x85, 0x19],
        Endian::Big => [0x19, 0x85],
    };
    let mut off = 0usize;
    let mut bad_hdr = 0u64;
    // offset where the current run of unexplained bytes started
    let mut garbage_from: Option<usize> = None;
    while off + COMMON_LEN <= d.len() {
        let Some(h) = CommonHeader::parse(d, off, e).filter(|h| h.crc_ok(d, off)) else {
            if d.get(off..off + 2) == Some(&magic) {
                bad_hdr += 1;
            }
            // erased flash or padding: skip a word; anything else counts as garbage
            let word = &d[off..off + 4];
            if word.iter().all(|&b| b == 0xff) || word.iter().all(|&b| b == 0) {
                garbage_from = None;
            } else {
                let g = *garbage_from.get_or_insert(off);
                if off - g > MAX_GARBAGE {
                    break;
                }
            }
            off += 4;
            continue;
        };
        garbage_from = None;
        let totlen = h.totlen as usize;
        if totlen < COMMON_LEN {
            ctx.problem(None, format!("node at {off:#x} has impossible length {totlen}"));
            off += 4;
            continue;
        }
        let Some(end) = off.checked_add(totlen).filter(|&x| x <= d.len()) else {
            ctx.problem(None, format!("node at {off:#x} runs past the end of the image ({totlen} bytes): truncated"));
            break;
        };
        s.nodes += 1;
        s.end = end;
        let next = (end + 3) & !3;
        if h.nodetype & NODE_ACCURATE == 0 {
            off = next; // obsoleted node
            continue;
        }
        match h.nodetype {
            NODETYPE_DIRENT => read_dirent(d, off, totlen, e, &mut s, ctx),
            NODETYPE_INODE => read_inode(d, off, totlen, e, &mut s, ctx),
            _ => {} // clean markers, padding, summaries, xattrs
        }
        off = next;
    }
    if bad_hdr > 0 {
        ctx.problem(None, format!("{bad_hdr} node headers with a bad CRC skipped"));
    }
    s
}

fn read_dirent(d: &[u8], off: usize, totlen: usize, e: Endian, s: &mut Scan, ctx: &mut Ctx) {
    let Some(rd) = RawDirent::parse(d, off, e).filter(|_| totlen >= DIRENT_LEN) else {
        ctx.problem(None, format!("dirent node at {off:#x} too short"));
        return;
    };
    if crc(&d[off..off + 32]) != rd.node_crc {
        ctx.problem(None, format!("dirent node at {off:#x}: node CRC mismatch; skipped"));
        return;
    }
    let name_end = off + DIRENT_LEN + rd.nsize as usize;
    let Some(name) = d.get(off + DIRENT_LEN..name_end).filter(|_| name_end <= off + totlen) else {
        ctx.problem(None, format!("dirent node at {off:#x}: name runs past the node"));
        return;
    };
    if crc(name) != rd.name_crc {
        ctx.problem(None, format!("dirent node at {off:#x}: name CRC mismatch; skipped"));
        return;
    }
    if name.is_empty() {
        return;
    }
    let key = (rd.pino, name.to_vec());
    let newer = s.dirents.get(&key).is_none_or(|&(v, _, _)| rd.version >= v);
    if newer {
        s.dirents.insert(key, (rd.version, rd.ino, rd.dtype));
    }
}

fn read_inode(d: &[u8], off: usize, totlen: usize, e: Endian, s: &mut Scan, ctx: &mut Ctx) {
    let Some(ri) = RawInode::parse(d, off, e).filter(|_| totlen >= INODE_LEN) else {
        ctx.problem(None, format!("inode node at {off:#x} too short"));
        return;
    };
    if crc(&d[off..off + 60]) != ri.node_crc {
        ctx.problem(None, format!("inode node at {off:#x}: node CRC mismatch; skipped"));
        return;
    }
    let data_end = off + INODE_LEN + ri.csize as usize;
    let Some(payload) = d.get(off + INODE_LEN..data_end).filter(|_| data_end <= off + totlen) else {
        ctx.problem(None, format!("inode {} node at {off:#x}: data runs past the node", ri.ino));
        return;
    };
    if ri.csize > 0 && crc(payload) != ri.data_crc {
        ctx.problem(None, format!("inode {} node at {off:#x}: data CRC mismatch; skipped", ri.ino));
        return;
    }
    let info = s.inodes.entry(ri.ino).or_default();
    if info.meta.as_ref().is_none_or(|m| ri.version >= m.version) {
        info.meta = Some(ri.clone());
    }
    if ri.dsize > 0 {
        info.data.push((ri.version, off, ri));
    }
}

/// Decompress one data node's payload into exactly `dsize` bytes.
fn node_data(d: &[u8], off: usize, ri: &RawInode) -> Result<Vec<u8>, FormatError> {
    if ri.dsize > MAX_NODE_DSIZE {
        return Err(FormatError::Limit(format!("node claims {} bytes of data", ri.dsize)));
    }
    let dsize = ri.dsize as usize;
    let input = d.get(off + INODE_LEN..off + INODE_LEN + ri.csize as usize).unwrap_or(&[]);
    let mut out = match ri.compr {
        0 | 4 => input.to_vec(),
        1 => vec![0; dsize],
        2 => rtime(input, dsize)?,
        6 => match decompress::inflate_block(input, dsize, true) {
            Some(out) => out,
            None => decompress::zlib(input, dsize as u64)?.data,
        },
        7 => decompress::lzo_block(input, dsize)?,
        8 => decompress::lzma_raw(input, 0, 0x2000, Some(dsize as u64), dsize as u64)?,
        3 | 5 => return Err(FormatError::Unsupported("rubin compression".into())),
        c => return Err(FormatError::Unsupported(format!("compressor id {c}"))),
    };
    if out.len() != dsize {
        if out.len() < dsize && ri.compr != 0 {
            return Err(FormatError::Decompress(format!("{} of {} bytes decoded", out.len(), dsize)));
        }
        out.resize(dsize, 0);
    }
    Ok(out)
}

/// A file's (or symlink's) data nodes in the order they apply: version, then position.
struct FileNodes(Vec<(usize, RawInode)>);

impl FileNodes {
    fn of(info: &InodeInfo) -> Self {
        let mut nodes: Vec<&(u32, usize, RawInode)> = info.data.iter().collect();
        nodes.sort_by_key(|(v, off, _)| (*v, *off));
        FileNodes(nodes.into_iter().map(|(_, off, ri)| (*off, ri.clone())).collect())
    }
}

impl Layout for FileNodes {
    /// The first `n` bytes of the content, newest node last; holes as zeros.
    fn read(&self, d: &[u8], n: u64) -> (Vec<u8>, Option<String>) {
        let mut out = vec![0u8; n as usize];
        let mut damage = Damage::default();
        for (off, ri) in &self.0 {
            let start = ri.offset as u64;
            if start >= n {
                continue;
            }
            match node_data(d, *off, ri) {
                Ok(chunk) => {
                    let end = (start + chunk.len() as u64).min(n) as usize;
                    let start = start as usize;
                    out[start..end].copy_from_slice(&chunk[..end - start]);
                }
                Err(e) => damage.add(|| format!("data node at {off:#x}: {e}")),
            }
        }
        (out, damage.message("data nodes"))
    }
}

/// A directory entry: name, target inode, `DT_*` type.
type Child<'a> = (&'a [u8], u32, u8);

/// End of the data the nodes of an inode cover.
fn extent(info: &InodeInfo) -> u64 {
    info.data.iter().map(|(_, _, ri)| ri.offset as u64 + ri.dsize as u64).max().unwrap_or(0)
}

fn dt_name(t: u8) -> &'static str {
    match t {
        4 => "directory",
        _ => "entry",
    }
}

impl Format for Jffs2 {
    fn name(&self) -> &'static str {
        "jffs2"
    }
    fn magics(&self) -> &'static [Magic] {
        &[
            // clean marker, dirent and inode as the first node, in both byte orders
            Magic { bytes: &[0x85, 0x19, 0x03, 0x20], offset: 0 },
            Magic { bytes: &[0x85, 0x19, 0x01, 0xe0], offset: 0 },
            Magic { bytes: &[0x85, 0x19, 0x02, 0xe0], offset: 0 },
            Magic { bytes: &[0x19, 0x85, 0x20, 0x03], offset: 0 },
            Magic { bytes: &[0x19, 0x85, 0xe0, 0x01], offset: 0 },
            Magic { bytes: &[0x19, 0x85, 0xe0, 0x02], offset: 0 },
        ]
    }
    fn identify(&self, d: &[u8]) -> Option<Identified> {
        let e = detect_endian(d)?;
        let h = CommonHeader::parse(d, 0, e)?;
        if !h.crc_ok(d, 0) || (h.totlen as usize) < COMMON_LEN {
            return None;
        }
        let order = if e == Endian::Little { "little" } else { "big" };
        Some(Identified { size: None, description: format!("jffs2 {order}-endian") })
    }

    fn extract(&self, data: &Bytes, ctx: &mut Ctx) -> Result<Extracted, FormatError> {
        let e = detect_endian(data).ok_or_else(|| FormatError::Invalid("no JFFS2 node magic".into()))?;
        let s = scan(data, e, ctx);
        if s.nodes == 0 {
            return Err(FormatError::Invalid("no valid JFFS2 node".into()));
        }
        let mut children: BTreeMap<u32, Vec<Child>> = BTreeMap::new();
        for ((pino, name), &(_, ino, dtype)) in &s.dirents {
            if ino != 0 {
                children.entry(*pino).or_default().push((name, ino, dtype));
            }
        }
        let mut tree = Tree::new();
        let mut first_path: BTreeMap<u32, String> = BTreeMap::new();
        let mut visited_dirs: BTreeSet<u32> = BTreeSet::from([1]);
        let mut stack: Vec<(u32, String)> = vec![(1, String::new())];
        let mut files = 0u64;
        // entries in walk order, inserted once the files' data is planned: (path, node, index in `plan`)
        let mut entries: Vec<Entry> = Vec::new();
        let mut plan = Plan::new("jffs2", data.clone());
        let mut remaining = ctx.budget().layer_limit(data.len());
        while let Some((dir, dpath)) = stack.pop() {
            let Some(kids) = children.get(&dir) else { continue };
            for &(name, ino, dtype) in kids {
                let name = String::from_utf8_lossy(name);
                let path = format!("{dpath}/{name}");
                let Some(meta) = s.inodes.get(&ino).and_then(|i| i.meta.as_ref()) else {
                    ctx.problem(Some(&path), format!("{} points to inode {ino}, which has no node", dt_name(dtype)));
                    continue;
                };
                let info = &s.inodes[&ino];
                let perm = meta.mode & 0o7777;
                let fmt = meta.mode & 0o170000;
                if let Some(first) = first_path.get(&ino) {
                    if fmt == 0o040000 {
                        ctx.problem(Some(&path), format!("directory inode {ino} linked twice (loop); skipped"));
                    } else {
                        let (norm, _) = fwassure_model::vfs::normalize_path(first);
                        entries.push((path, Node::new(NodeKind::HardLink(norm), perm), None));
                    }
                    continue;
                }
                let kind = match fmt {
                    0o040000 => {
                        if visited_dirs.insert(ino) {
                            stack.push((ino, path.clone()));
                        } else {
                            ctx.problem(Some(&path), format!("directory inode {ino} is its own ancestor; skipped"));
                            continue;
                        }
                        NodeKind::Dir
                    }
                    0o120000 => {
                        let len = if meta.isize > 0 { meta.isize as u64 } else { extent(info) };
                        let (t, err) = FileNodes::of(info).read(data, len.min(4096));
                        if let Some(err) = err {
                            ctx.problem(Some(&path), err);
                        }
                        NodeKind::Symlink(String::from_utf8_lossy(&t).into_owned())
                    }
                    0o020000 | 0o060000 => {
                        // the newest data node holds the old 16-bit or the new 32-bit device encoding
                        let newest = info.data.iter().max_by_key(|(v, o, _)| (*v, *o));
                        let raw = newest.and_then(|(_, o, ri)| node_data(data, *o, ri).ok()).unwrap_or_default();
                        let (major, minor) = if raw.len() >= 4 {
                            let v = e.u32(&raw, 0).unwrap_or(0);
                            ((v & 0xfff00) >> 8, (v & 0xff) | ((v >> 12) & 0xfff00))
                        } else {
                            let v = e.u16(&raw, 0).unwrap_or(0) as u32;
                            (v >> 8, v & 0xff)
                        };
                        if fmt == 0o020000 {
                            NodeKind::CharDevice { major, minor }
                        } else {
                            NodeKind::BlockDevice { major, minor }
                        }
                    }
                    0o010000 => NodeKind::Fifo,
                    0o140000 => NodeKind::Socket,
                    _ => {
                        // holes and zero nodes expand to zeros: the expansion limit applies to what the
                        // file's nodes store
                        let stored: usize = info.data.iter().map(|(_, _, ri)| INODE_LEN + ri.csize as usize).sum();
                        let limit = ctx.budget().stream_limit_within(stored, remaining);
                        let size = if meta.isize as u64 > limit {
                            ctx.problem(Some(&path), format!("size {} exceeds the limit; cut", meta.isize));
                            limit
                        } else {
                            meta.isize as u64
                        };
                        remaining -= size;
                        files += 1;
                        first_path.insert(ino, path.clone());
                        let node = Node::new(NodeKind::File(Bytes::new().into()), perm);
                        let node =
                            Node { uid: meta.uid as u32, gid: meta.gid as u32, mtime: meta.mtime as i64, ..node };
                        entries.push((path, node, Some(plan.add(FileNodes::of(info), size))));
                        continue;
                    }
                };
                first_path.insert(ino, path.clone());
                let node =
                    Node { kind, mode: perm, uid: meta.uid as u32, gid: meta.gid as u32, mtime: meta.mtime as i64 };
                entries.push((path, node, None));
            }
        }
        plan.insert_into(entries, &mut tree, ctx);
        let order = if e == Endian::Little { "le" } else { "be" };
        Ok(Extracted::tree(tree)
            .with_consumed(s.end as u64)
            .with_description(format!("jffs2 {order}, {} nodes, {files} files", s.nodes)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_matches_kernel_convention() {
        // crc32(0, "123456789") without inversions, as the kernel computes it
        assert_eq!(crc(b""), 0);
        assert_eq!(crc(b"123456789"), 0x2dfd_2d88);
    }

    #[test]
    fn rtime_roundtrip_sample() {
        // "aaaa": 'a' then repeat 0 (no earlier 'a'), 'a' again with repeat 2 copies from position 1
        assert_eq!(rtime(&[b'a', 0, b'a', 2], 4).unwrap(), b"aaaa");
        assert!(rtime(b"a", 4).is_err());
    }
}
