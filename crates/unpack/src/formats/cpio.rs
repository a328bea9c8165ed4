//! cpio archives: newc (`070701`), crc (`070702`) and portable ASCII odc (`070707`).
//!
//! Vendors: Linux initramfs (always newc), Android ramdisks, some update bundles (odc from old tools).
//! Reference: `man 5 cpio` (GNU cpio), kernel `Documentation/driver-api/early-userspace/buffer-format.rst`.
//! Limitations: the old binary format (`0o070707` as a 16-bit word) is not read; a hard link with data
//! stored on the last member only is resolved as in the newc convention.

use bytes::Bytes;
use fwassure_model::{Node, NodeKind, Tree};
use std::collections::BTreeMap;

use crate::format::{Ctx, Extracted, Format, FormatError, Identified, Magic};

/// The cpio format.
pub struct Cpio;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Variant {
    Newc,
    Odc,
}

/// One parsed member header.
#[derive(Debug, Clone)]
struct Member {
    ino: u64,
    mode: u32,
    uid: u32,
    gid: u32,
    nlink: u32,
    mtime: i64,
    size: usize,
    rdev_major: u32,
    rdev_minor: u32,
    dev: u64,
    name: String,
    data_start: usize,
    next: usize,
}

fn hex(d: &[u8]) -> Option<u64> {
    u64::from_str_radix(std::str::from_utf8(d).ok()?, 16).ok()
}
fn oct(d: &[u8]) -> Option<u64> {
    u64::from_str_radix(std::str::from_utf8(d).ok()?, 8).ok()
}
fn align4(n: usize) -> usize {
    (n + 3) & !3
}

fn parse(d: &[u8], off: usize) -> Option<(Variant, Member)> {
    let h = d.get(off..)?;
    match h.get(0..6)? {
        b"070701" | b"070702" => {
            let f = |i: usize| hex(h.get(6 + i * 8..14 + i * 8)?);
            let namesize = f(11)? as usize;
            let size = f(6)? as usize;
            let name_start = off + 110;
            let name_end = name_start.checked_add(namesize)?;
            let name_bytes = d.get(name_start..name_end.checked_sub(1)?)?;
            let data_start = align4(name_end);
            let next = align4(data_start.checked_add(size)?);
            Some((
                Variant::Newc,
                Member {
                    ino: f(0)?,
                    mode: f(1)? as u32,
                    uid: f(2)? as u32,
                    gid: f(3)? as u32,
                    nlink: f(4)? as u32,
                    mtime: f(5)? as i64,
                    size,
                    dev: (f(7)? << 32) | f(8)?,
                    rdev_major: f(9)? as u32,
                    rdev_minor: f(10)? as u32,
                    name: String::from_utf8_lossy(name_bytes).into_owned(),
                    data_start,
                    next,
                },
            ))
        }
        b"070707" => {
            let f = |a: usize, n: usize| oct(h.get(a..a + n)?);
            let namesize = f(59, 6)? as usize;
            let size = f(65, 11)? as usize;
            let name_start = off + 76;
            let name_end = name_start.checked_add(namesize)?;
            let name_bytes = d.get(name_start..name_end.checked_sub(1)?)?;
            let rdev = f(42, 6)?;
            Some((
                Variant::Odc,
                Member {
                    dev: f(6, 6)?,
                    ino: f(12, 6)?,
                    mode: f(18, 6)? as u32,
                    uid: f(24, 6)? as u32,
                    gid: f(30, 6)? as u32,
                    nlink: f(36, 6)? as u32,
                    rdev_major: (rdev >> 8) as u32,
                    rdev_minor: (rdev & 0xff) as u32,
                    mtime: f(48, 11)? as i64,
                    size,
                    name: String::from_utf8_lossy(name_bytes).into_owned(),
                    data_start: name_end,
                    next: name_end.checked_add(size)?,
                },
            ))
        }
        _ => None,
    }
}

impl Format for Cpio {
    fn name(&self) -> &'static str {
        "cpio"
    }
    fn magics(&self) -> &'static [Magic] {
        &[
            Magic { bytes: b"070701", offset: 0 },
            Magic { bytes: b"070702", offset: 0 },
            Magic { bytes: b"070707", offset: 0 },
        ]
    }
    fn identify(&self, d: &[u8]) -> Option<Identified> {
        let (v, m) = parse(d, 0)?;
        // the first member must be sane: a name, and data inside the buffer or just past it
        if m.name.is_empty() || m.name.len() > 4096 {
            return None;
        }
        Some(Identified {
            size: None,
            description: format!("cpio {}", if v == Variant::Newc { "newc" } else { "odc" }),
        })
    }

    fn extract(&self, data: &Bytes, ctx: &mut Ctx) -> Result<Extracted, FormatError> {
        let mut tree = Tree::new();
        let mut off = 0usize;
        let mut count = 0u64;
        // (dev, ino) -> first path, for hard links
        let mut links: BTreeMap<(u64, u64), String> = BTreeMap::new();
        let mut variant = "cpio";
        loop {
            let Some((v, m)) = parse(data, off) else {
                if off < data.len() && !data[off..].iter().all(|&b| b == 0) {
                    ctx.problem(None, format!("bad or truncated member header at offset {off}; archive ends there"));
                }
                break;
            };
            variant = if v == Variant::Newc { "cpio newc" } else { "cpio odc" };
            if m.name == "TRAILER!!!" {
                off = m.next;
                break;
            }
            let Some(content) = data.get(m.data_start..m.data_start + m.size) else {
                ctx.problem(Some(&m.name), "member data truncated");
                break;
            };
            let perm = m.mode & 0o7777;
            let kind = match m.mode & 0o170000 {
                0o040000 => NodeKind::Dir,
                0o120000 => NodeKind::Symlink(String::from_utf8_lossy(content).into_owned()),
                0o020000 => NodeKind::CharDevice { major: m.rdev_major, minor: m.rdev_minor },
                0o060000 => NodeKind::BlockDevice { major: m.rdev_major, minor: m.rdev_minor },
                0o010000 => NodeKind::Fifo,
                0o140000 => NodeKind::Socket,
                _ => {
                    let key = (m.dev, m.ino);
                    let (norm, _) = fwassure_model::vfs::normalize_path(&m.name);
                    if m.nlink > 1 && m.ino != 0 {
                        if let Some(first) = links.get(&key).cloned() {
                            if m.size > 0 {
                                // newc stores the data with the last link: give it to every earlier name too
                                let f = Node {
                                    kind: NodeKind::File(data.slice(m.data_start..m.data_start + m.size).into()),
                                    mode: perm,
                                    uid: m.uid,
                                    gid: m.gid,
                                    mtime: m.mtime,
                                };
                                ctx.insert(&mut tree, &first, f)?;
                                NodeKind::HardLink(first)
                            } else {
                                NodeKind::HardLink(first)
                            }
                        } else {
                            links.insert(key, norm);
                            NodeKind::File(data.slice(m.data_start..m.data_start + m.size).into())
                        }
                    } else {
                        NodeKind::File(data.slice(m.data_start..m.data_start + m.size).into())
                    }
                }
            };
            count += 1;
            ctx.insert(&mut tree, &m.name, Node { kind, mode: perm, uid: m.uid, gid: m.gid, mtime: m.mtime })?;
            off = m.next;
            if off >= data.len() {
                ctx.problem(None, "archive ends without a TRAILER!!! member");
                break;
            }
        }
        if count == 0 {
            return Err(FormatError::Invalid("no cpio members".into()));
        }
        Ok(Extracted::tree(tree)
            .with_consumed(off.min(data.len()) as u64)
            .with_description(format!("{variant}, {count} members")))
    }
}
