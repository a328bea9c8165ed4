//! romfs, the tiny read-only ROM file system (`-rom1fs-`, big-endian).
//!
//! Vendors: uClinux and no-MMU boards (Blackfin, ColdFire, ARM7, early Moxa/Digi serial servers), initial
//! ramdisks of some NAS and camera boot loaders, eCos-based devices, and ST/NXP microcontroller Linux ports.
//! References: Linux `Documentation/filesystems/romfs.rst`, `include/uapi/linux/romfs_fs.h`,
//! `fs/romfs/super.c`; `genromfs` (the usual builder).
//!
//! Layout: a superblock (`-rom1fs-`, full size, checksum, NUL-padded volume name) followed by file headers on
//! 16-byte boundaries. Each header holds `next` (offset of the next header in the same directory, its low
//! four bits being the type and the executable flag), `spec.info` (first entry for directories, target
//! header for hard links, `major << 16 | minor` for devices), the size and a checksum, then the padded name
//! and the data. The checksums (the big-endian u32 words sum to zero: superblock over the first 512
//! bytes, headers over header and name) are checked and mismatches reported. Directories hold `.` and `..`
//! hard links, which are skipped; other hard links become [`NodeKind::HardLink`].
//!
//! Limitations: romfs stores no owner, group, time or permission bits; files are mode 0644 (0755 when the
//! executable flag is set), directories 0755, owned by root, mtime 0.

use bytes::Bytes;
use fwassure_model::{Node, NodeKind, Tree};
use std::collections::{BTreeMap, BTreeSet};

use crate::format::read::be32;
use crate::format::{Ctx, Extracted, Format, FormatError, Identified, Magic};

/// The romfs format.
pub struct Romfs;

const MAX_DEPTH: usize = 64;

/// One file header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileHeader {
    /// Offset of the next header in the directory (0 at the end).
    pub next: u32,
    /// Type: 0 hard link, 1 directory, 2 file, 3 symlink, 4 block device, 5 char device, 6 socket, 7 fifo.
    pub kind: u8,
    /// Executable flag.
    pub exec: bool,
    /// Type-specific information.
    pub spec: u32,
    /// Data size.
    pub size: u32,
    /// Header checksum.
    pub checksum: u32,
    /// Name.
    pub name: String,
    /// Offset of the data (after the padded name).
    pub data: usize,
    /// Whether the checksum over header and name is right.
    pub checksum_ok: bool,
}

fn pad16(n: usize) -> usize {
    n.saturating_add(15) & !15
}

/// Sum of big-endian u32 words (zero when a romfs checksum is right).
fn word_sum(d: &[u8]) -> u32 {
    d.chunks(4).fold(0u32, |s, c| {
        let mut w = [0u8; 4];
        w[..c.len()].copy_from_slice(c);
        s.wrapping_add(u32::from_be_bytes(w))
    })
}

impl FileHeader {
    /// Parse the header at `off`.
    pub fn parse(d: &[u8], off: usize) -> Option<FileHeader> {
        let next = be32(d, off)?;
        let name_area = d.get(off + 16..)?;
        let nul = name_area.iter().take(4096).position(|&b| b == 0)?;
        let name_end = off + 16 + pad16(nul + 1);
        Some(FileHeader {
            next: next & !15,
            kind: (next & 7) as u8,
            exec: next & 8 != 0,
            spec: be32(d, off + 4)?,
            size: be32(d, off + 8)?,
            checksum: be32(d, off + 12)?,
            name: String::from_utf8_lossy(&name_area[..nul]).into_owned(),
            data: name_end,
            checksum_ok: d.get(off..name_end).is_some_and(|h| word_sum(h) == 0),
        })
    }
}

struct Walker<'a> {
    d: &'a Bytes,
    seen: BTreeSet<usize>,
    /// header offset -> path, for hard links
    paths: BTreeMap<usize, String>,
    /// (link path, target header)
    links: Vec<(String, usize, u32)>,
    bad_checksums: u64,
}

impl Walker<'_> {
    fn dir(
        &mut self,
        first: usize,
        dir: &str,
        tree: &mut Tree,
        ctx: &mut Ctx,
        depth: usize,
    ) -> Result<(), FormatError> {
        if ctx.too_deep(dir, depth, MAX_DEPTH) {
            return Ok(());
        }
        let mut off = first;
        while off != 0 {
            if !self.seen.insert(off) {
                ctx.problem(Some(dir), format!("header at {off:#x} reached twice (loop); directory ends here"));
                break;
            }
            let Some(h) = FileHeader::parse(self.d, off) else {
                ctx.problem(Some(dir), format!("file header at {off:#x} runs past the image"));
                break;
            };
            if !h.checksum_ok {
                self.bad_checksums += 1;
            }
            let path = format!("{}/{}", dir.trim_end_matches('/'), h.name);
            let this = off;
            off = h.next as usize;
            if (h.name == "." || h.name == "..") && h.kind <= 1 {
                continue;
            }
            if h.name.is_empty() {
                ctx.problem(Some(dir), format!("entry with an empty name at {this:#x} skipped"));
                continue;
            }
            let end = h.data.saturating_add(h.size as usize);
            let data = (h.data <= end && end <= self.d.len()).then(|| self.d.slice(h.data..end));
            let perm = match h.kind {
                1 => 0o755,
                3 => 0o777,
                _ if h.exec => 0o755,
                _ => 0o644,
            };
            let kind = match h.kind {
                0 => {
                    self.links.push((path, h.spec as usize & !15, perm));
                    continue;
                }
                1 => NodeKind::Dir,
                2 | 3 => {
                    let Some(data) = data else {
                        ctx.problem(Some(&path), format!("data ({} bytes) runs past the image", h.size));
                        continue;
                    };
                    if h.kind == 3 {
                        NodeKind::Symlink(String::from_utf8_lossy(&data).into_owned())
                    } else {
                        // a view of the image: romfs stores files uncompressed
                        NodeKind::File(data.into())
                    }
                }
                4 => NodeKind::BlockDevice { major: h.spec >> 16, minor: h.spec & 0xffff },
                5 => NodeKind::CharDevice { major: h.spec >> 16, minor: h.spec & 0xffff },
                6 => NodeKind::Socket,
                _ => NodeKind::Fifo,
            };
            let is_dir = kind == NodeKind::Dir;
            ctx.insert(tree, &path, Node::new(kind, perm))?;
            let (norm, _) = fwassure_model::vfs::normalize_path(&path);
            self.paths.insert(this, norm.clone());
            if is_dir {
                self.dir(h.spec as usize & !15, &norm, tree, ctx, depth + 1)?;
            }
        }
        Ok(())
    }
}

/// Parse the superblock: full size, volume name, offset of the first file header.
fn superblock(d: &[u8]) -> Option<(u32, String, usize)> {
    if d.get(0..8)? != b"-rom1fs-" {
        return None;
    }
    let size = be32(d, 8)?;
    let area = d.get(16..)?;
    let nul = area.iter().take(1024).position(|&b| b == 0)?;
    Some((size, String::from_utf8_lossy(&area[..nul]).into_owned(), 16 + pad16(nul + 1)))
}

impl Format for Romfs {
    fn name(&self) -> &'static str {
        "romfs"
    }
    fn magics(&self) -> &'static [Magic] {
        &[Magic { bytes: b"-rom1fs-", offset: 0 }]
    }
    fn identify(&self, d: &[u8]) -> Option<Identified> {
        let (size, name, first) = superblock(d)?;
        if (size as usize) < first {
            return None;
        }
        Some(Identified { size: Some(size as u64), description: format!("romfs {name:?}, {size} bytes") })
    }

    fn extract(&self, data: &Bytes, ctx: &mut Ctx) -> Result<Extracted, FormatError> {
        let (size, name, first) = superblock(data).ok_or_else(|| FormatError::Invalid("no romfs superblock".into()))?;
        if word_sum(&data[..data.len().min(512).min(size as usize)]) != 0 {
            ctx.problem(None, "superblock checksum mismatch");
        }
        let mut tree = Tree::new();
        let mut w =
            Walker { d: data, seen: BTreeSet::new(), paths: BTreeMap::new(), links: Vec::new(), bad_checksums: 0 };
        // the first header is the root directory; its spec.info points at its first entry
        let root = FileHeader::parse(data, first)
            .ok_or_else(|| FormatError::Truncated("root directory header runs past the image".into()))?;
        if root.kind != 1 {
            return Err(FormatError::Invalid(format!("first header is of type {}, not a directory", root.kind)));
        }
        // (the root's entry list starts with its own "." header, so `first` is not marked as seen here)
        w.paths.insert(first, "/".into());
        w.dir(root.spec as usize & !15, "/", &mut tree, ctx, 0)?;
        for (path, target, perm) in std::mem::take(&mut w.links) {
            match w.paths.get(&target) {
                Some(t) if tree.get(t).is_some_and(|n| n.kind != NodeKind::Dir) => {
                    ctx.insert(&mut tree, &path, Node::new(NodeKind::HardLink(t.clone()), perm))?;
                }
                Some(_) => ctx.problem(Some(&path), "hard link to a directory skipped"),
                None => ctx.problem(Some(&path), format!("hard link to unknown header {target:#x}")),
            }
        }
        if w.bad_checksums > 0 {
            ctx.problem(None, format!("{} file headers with a bad checksum", w.bad_checksums));
        }
        let files = tree.files().count();
        Ok(Extracted::tree(tree).with_description(format!("romfs {name:?}, {files} files")))
    }
}
