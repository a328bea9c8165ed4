//! tar archives: ustar, GNU and pax (long names, pax headers), plain; compressed tarballs arrive here
//! through the gzip/xz/bzip2/zstd stream layers.
//!
//! Vendors: OpenWrt sysupgrade images (tar of kernel + root), Yocto and Buildroot rootfs tarballs, update
//! bundles of cameras and NAS.
//! Reference: POSIX.1-2001 pax / ustar, GNU tar manual "Basic Tar Format". Parsing by the `tar` crate
//! (entries are walked, never unpacked to disk). Limitations: sparse GNU members keep their stored data.

use bytes::Bytes;
use fwassure_model::{Node, NodeKind, Tree};

use crate::format::{Ctx, Extracted, Format, FormatError, Identified, Magic};

/// The tar format.
pub struct Tar;

fn header_checksum_ok(h: &[u8]) -> bool {
    let Some(h) = h.get(..512) else { return false };
    let stored = std::str::from_utf8(&h[148..156]).ok().map(|s| s.trim_matches(|c: char| c == '\0' || c == ' '));
    let Some(stored) = stored.and_then(|s| u32::from_str_radix(s, 8).ok()) else {
        return false;
    };
    let sum: u32 = h.iter().enumerate().map(|(i, &b)| if (148..156).contains(&i) { 32 } else { b as u32 }).sum();
    sum == stored
}

impl Format for Tar {
    fn name(&self) -> &'static str {
        "tar"
    }
    fn magics(&self) -> &'static [Magic] {
        &[Magic { bytes: b"ustar", offset: 257 }]
    }
    fn identify(&self, d: &[u8]) -> Option<Identified> {
        header_checksum_ok(d).then(Identified::default)
    }
    fn extract(&self, data: &Bytes, ctx: &mut Ctx) -> Result<Extracted, FormatError> {
        let mut ar = tar::Archive::new(std::io::Cursor::new(&data[..]));
        let mut tree = Tree::new();
        let mut count = 0u64;
        let mut end = 0u64;
        let entries = ar.entries().map_err(|e| FormatError::Invalid(format!("tar: {e}")))?;
        for entry in entries {
            let e = match entry {
                Ok(e) => e,
                Err(e) => {
                    ctx.problem(None, format!("tar entry unreadable: {e}; archive ends there"));
                    break;
                }
            };
            let path = String::from_utf8_lossy(&e.path_bytes()).into_owned();
            let h = e.header();
            let mode = h.mode().unwrap_or(0o644) & 0o7777;
            let uid = h.uid().unwrap_or(0) as u32;
            let gid = h.gid().unwrap_or(0) as u32;
            let mtime = h.mtime().unwrap_or(0) as i64;
            let start = e.raw_file_position() as usize;
            let size = e.size() as usize;
            end = end.max((start + size).div_ceil(512) as u64 * 512);
            let link = || e.link_name_bytes().map(|l| String::from_utf8_lossy(&l).into_owned()).unwrap_or_default();
            let et = h.entry_type();
            let kind = if et.is_dir() {
                NodeKind::Dir
            } else if et.is_symlink() {
                NodeKind::Symlink(link())
            } else if et.is_hard_link() {
                NodeKind::HardLink(fwassure_model::vfs::normalize_path(&link()).0)
            } else if et.is_character_special() {
                NodeKind::CharDevice {
                    major: h.device_major().ok().flatten().unwrap_or(0),
                    minor: h.device_minor().ok().flatten().unwrap_or(0),
                }
            } else if et.is_block_special() {
                NodeKind::BlockDevice {
                    major: h.device_major().ok().flatten().unwrap_or(0),
                    minor: h.device_minor().ok().flatten().unwrap_or(0),
                }
            } else if et.is_fifo() {
                NodeKind::Fifo
            } else if et.is_file() || et.is_contiguous() || et.is_gnu_sparse() {
                match data.get(start..start + size) {
                    Some(_) => NodeKind::File(data.slice(start..start + size).into()),
                    None => {
                        ctx.problem(Some(&path), "member data truncated");
                        NodeKind::File(data.slice(start.min(data.len())..).into())
                    }
                }
            } else {
                continue;
            };
            count += 1;
            ctx.insert(&mut tree, &path, Node { kind, mode, uid, gid, mtime })?;
        }
        if count == 0 {
            return Err(FormatError::Invalid("no tar members".into()));
        }
        Ok(Extracted::tree(tree)
            .with_consumed((end + 1024).min(data.len() as u64))
            .with_description(format!("tar, {count} members")))
    }
}
