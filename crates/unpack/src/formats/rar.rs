//! RAR archives, versions 1.5–4.x ("RAR 4") and 5.0+ ("RAR 5", also RAR 7), decoded in-process with the
//! pure-Rust `rars` crate (stored and compressed entries, solid archives, RAR 2.9 filters and PPMd).
//!
//! Vendors: firmware downloads of routers, cameras, DVR/NVR boxes and industrial devices are often shipped
//! as `.rar` (Hikvision/Dahua regional sites, Chinese ODMs, Tenda, Netis), and SFX installers carry a RAR
//! after a PE stub (carved out by its signature).
//! References: RARLAB's "RAR 5.0 archive format" technote (vint fields, header CRC32, header types 1–5,
//! extra records: file encryption, hashes, redirection); the RAR 4 technote (`TECHNOTE.TXT` of RAR 3.x/4.x:
//! marker block, 7-byte block header with CRC16-of-CRC32, `ADD_SIZE`/`PACK_SIZE`, file header flags);
//! <https://docs.rs/rars>.
//!
//! Layout (RAR 4): the marker `Rar!\x1a\x07\x00`, then blocks, each `HEAD_CRC:u16 HEAD_TYPE:u8
//! HEAD_FLAGS:u16 HEAD_SIZE:u16` (little-endian), followed by `ADD_SIZE:u32` when flag `0x8000` is set (a
//! file block always has it: its packed size, with a high word when flag `0x100` is set); the data follows
//! the header. Types: `0x73` main, `0x74` file, `0x7a` service, `0x7b` end of archive. (RAR 5): the
//! signature `Rar!\x1a\x07\x01\x00`, then blocks `CRC32:u32, size:vint, type:vint, flags:vint,
//! [extra size:vint], [data size:vint], …`; types 1 main, 2 file, 3 service, 4 encryption, 5 end of
//! archive. The archive's size is found by walking the block chain to the end-of-archive block (or to the
//! last whole block when there is none), without decoding anything; the main header's CRC must match.
//!
//! Reading: every member is listed (name, size, mode, times); directories and symlinks (RAR 5
//! redirections, RAR 4 unix entries whose mode says link) become nodes; the files are decoded at once, in
//! archive order, each cut before decoding to the stream limit of its packed size and to the layer limit
//! (a bomb stops at the limit and, in a solid archive, the members after it are reported lost). Encrypted
//! members are reported and skipped; an archive with encrypted headers (`-hp`) cannot be listed and is an
//! error saying so. Damaged members are reported with what was decoded of them; in a non-solid archive the
//! next member starts afresh.
//!
//! Limitations: files are held decoded in memory (no on-demand reading; the layer limit bounds them);
//! multi-volume sets are read volume by volume (a member split across volumes is reported); RAR 1.3
//! (`RE~^`) archives are read by the crate but not looked for; hard links and file copies of RAR 5 are
//! resolved only to an earlier member; times are the stored ones (DOS times of RAR 4 taken as UTC).
//!
//! ```
//! use fwassure_unpack::format::Format;
//! use fwassure_unpack::formats::rar::Rar;
//! // RAR 5: signature, a main header (CRC32, size 3, type 1, flags 0, archive flags 0), end of archive
//! let mut a = b"Rar!\x1a\x07\x01\x00".to_vec();
//! for body in [&[3u8, 1, 0, 0][..], &[3, 5, 0, 0]] {
//!     a.extend_from_slice(&crc32fast::hash(body).to_le_bytes());
//!     a.extend_from_slice(body);
//! }
//! assert_eq!(Rar.identify(&a).unwrap().size, Some(a.len() as u64));
//! ```

use std::io::Write;
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use fwassure_model::{Node, NodeKind, Tree};
use rars::{
    ArchiveMember, ArchiveMemberDetail, ArchiveReadOptions, ArchiveReader, AttrSource, ExtractionDecision,
    ExtractionErrorAction,
};

use crate::format::read::{le16, le32};
use crate::format::{Ctx, Extracted, Format, FormatError, Identified, Magic};

/// The RAR format.
pub struct Rar;

/// RAR 1.5–4.x marker block.
pub const MAGIC4: &[u8] = b"Rar!\x1a\x07\x00";
/// RAR 5.0+ signature.
pub const MAGIC5: &[u8] = b"Rar!\x1a\x07\x01\x00";

/// Most blocks walked to find the archive's end.
const MAX_BLOCKS: usize = 2_000_000;
/// Largest RAR 5/7 dictionary a member may ask for.
const DICTIONARY_LIMIT: u64 = 256 << 20;
/// Largest header area the parser may read.
const HEADER_BYTES_LIMIT: u64 = 64 << 20;

/// Which RAR generation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    /// RAR 1.5–4.x.
    Rar4,
    /// RAR 5.0 and later.
    Rar5,
}

/// What walking the block chain found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extent {
    /// Generation.
    pub version: Version,
    /// End of the end-of-archive block, or of the last whole block.
    pub size: u64,
    /// An end-of-archive block was found.
    pub ended: bool,
    /// The headers after the main one are encrypted (RAR 5 encryption header, RAR 4 main flag 0x80).
    pub encrypted_headers: bool,
    /// Blocks walked.
    pub blocks: usize,
}

/// A RAR 5 variable-length integer at `*pos` (7 bits per byte, at most 10 bytes).
fn vint(d: &[u8], pos: &mut usize) -> Option<u64> {
    let mut v = 0u64;
    for i in 0..10 {
        let b = *d.get(*pos)?;
        *pos += 1;
        v |= u64::from(b & 0x7f).checked_shl(7 * i)?;
        if b & 0x80 == 0 {
            return Some(v);
        }
    }
    None
}

/// Walk a RAR 5 block chain from after the signature.
fn extent5(d: &[u8]) -> Option<Extent> {
    let mut pos = MAGIC5.len();
    let mut ext =
        Extent { version: Version::Rar5, size: pos as u64, ended: false, encrypted_headers: false, blocks: 0 };
    while ext.blocks < MAX_BLOCKS {
        let start = pos;
        let crc = le32(d, pos)?;
        let mut p = pos + 4;
        let Some(size) = vint(d, &mut p) else { break };
        // a header is at most 2 MiB by the technote
        if size == 0 || size > 2 << 20 {
            break;
        }
        let Some(body_end) = p.checked_add(size as usize) else { break };
        let Some(body) = d.get(start + 4..body_end) else { break };
        if crc32fast::hash(body) != crc {
            if ext.blocks == 0 {
                return None; // the main header must be intact
            }
            break;
        }
        let Some(kind) = vint(d, &mut p) else { break };
        let Some(flags) = vint(d, &mut p) else { break };
        if flags & 1 != 0 && vint(d, &mut p).is_none() {
            break;
        }
        let data = if flags & 2 != 0 {
            match vint(d, &mut p) {
                Some(n) => n,
                None => break,
            }
        } else {
            0
        };
        if ext.blocks == 0 && kind != 1 && kind != 4 {
            return None; // the first block is the main header (or, with encrypted headers, the encryption one)
        }
        let Some(end) = (body_end as u64).checked_add(data) else { break };
        if end > d.len() as u64 {
            break;
        }
        pos = end as usize;
        ext.size = end;
        ext.blocks += 1;
        match kind {
            4 => {
                // every later header is encrypted: the archive runs to the end of what we have
                ext.encrypted_headers = true;
                ext.size = d.len() as u64;
                break;
            }
            5 => {
                ext.ended = true;
                break;
            }
            _ => {}
        }
    }
    (ext.blocks > 0).then_some(ext)
}

/// Walk a RAR 4 block chain from the marker block.
fn extent4(d: &[u8]) -> Option<Extent> {
    let mut pos = MAGIC4.len();
    let mut ext =
        Extent { version: Version::Rar4, size: pos as u64, ended: false, encrypted_headers: false, blocks: 0 };
    while ext.blocks < MAX_BLOCKS {
        let (Some(crc), Some(kind), Some(flags), Some(size)) =
            (le16(d, pos), d.get(pos + 2).copied(), le16(d, pos + 3), le16(d, pos + 5))
        else {
            break;
        };
        let size = size as usize;
        if size < 7 {
            break;
        }
        let Some(header) = d.get(pos..pos + size) else { break };
        // the main header's CRC covers the fixed 11 bytes from HEAD_TYPE (13 with the AV/encrypt fields);
        // other headers' CRC covers the whole header from HEAD_TYPE
        let ok = (crc32fast::hash(&header[2..]) & 0xffff) as u16 == crc
            || (kind == 0x73 && header.len() >= 13 && (crc32fast::hash(&header[2..13]) & 0xffff) as u16 == crc);
        if !ok {
            if ext.blocks == 0 {
                return None;
            }
            break;
        }
        if ext.blocks == 0 && kind != 0x73 {
            return None;
        }
        let mut add = 0u64;
        if kind == 0x74 || kind == 0x7a || flags & 0x8000 != 0 {
            let Some(low) = le32(d, pos + 7) else { break };
            add = low as u64;
            if (kind == 0x74 || kind == 0x7a) && flags & 0x100 != 0 {
                let Some(high) = le32(d, pos + 32) else { break };
                add |= (high as u64) << 32;
            }
        }
        let Some(end) = ((pos + size) as u64).checked_add(add) else { break };
        if end > d.len() as u64 {
            break;
        }
        if kind == 0x73 && flags & 0x80 != 0 {
            ext.encrypted_headers = true;
        }
        pos = end as usize;
        ext.size = end;
        ext.blocks += 1;
        if kind == 0x7b {
            ext.ended = true;
            break;
        }
    }
    (ext.blocks > 0).then_some(ext)
}

/// Find the archive's extent.
pub fn extent(d: &[u8]) -> Option<Extent> {
    if d.starts_with(MAGIC5) {
        extent5(d)
    } else if d.starts_with(MAGIC4) {
        extent4(d)
    } else {
        None
    }
}

/// A writer into a shared buffer that takes at most `cap` bytes and fails past them (stopping the decoder).
struct Capped {
    buf: Arc<Mutex<Vec<u8>>>,
    cap: u64,
}

impl Write for Capped {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        let mut buf = self.buf.lock().map_err(|_| std::io::Error::other("buffer lock poisoned"))?;
        let room = self.cap.saturating_sub(buf.len() as u64);
        if b.len() as u64 > room {
            let take = room as usize;
            buf.extend_from_slice(b.get(..take).unwrap_or_default());
            return Err(std::io::Error::other(CUT));
        }
        buf.extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The message of a [`Capped`] writer at its limit.
const CUT: &str = "output limit of the entry reached";

/// What became of one member.
#[derive(Default)]
struct Slot {
    /// Bytes it may be read to (set when it is extracted).
    cap: u64,
    /// Decoded data.
    buf: Arc<Mutex<Vec<u8>>>,
    /// Whether decoding was attempted.
    tried: bool,
    /// Decoding failed (message).
    error: Option<String>,
}

/// The unix mode of a member, when its attributes are unix ones.
fn unix_mode(m: &ArchiveMember) -> Option<u32> {
    (m.meta.attr_source() == AttrSource::Unix).then_some(m.meta.file_attr as u32)
}

/// The member's path: RAR 4 archives made on DOS/Windows separate with backslashes.
fn path_of(m: &ArchiveMember) -> String {
    let name =
        m.decoded_name(None).map(|n| String::from_utf8_lossy(&n).into_owned()).unwrap_or_else(|_| m.meta.name_lossy());
    if m.meta.attr_source() == AttrSource::Dos {
        name.replace('\\', "/")
    } else {
        name
    }
}

/// The member's mtime as unix seconds (DOS times taken as UTC).
fn mtime_of(m: &ArchiveMember) -> i64 {
    let Some(t) = m.meta.file_time else { return 0 };
    if m.meta.family == rars::ArchiveFamily::Rar50Plus {
        return t as i64;
    }
    let (y, mo, d) = (1980 + (t >> 25) as i64, ((t >> 21) & 15) as i64, ((t >> 16) & 31) as i64);
    let (h, mi, s) = (((t >> 11) & 31) as i64, ((t >> 5) & 63) as i64, ((t & 31) * 2) as i64);
    if !(1..=12).contains(&mo) || d == 0 {
        return 0;
    }
    // days from civil (Howard Hinnant's algorithm)
    let y = if mo <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((mo + 9) % 12) + 2) / 5 + d - 1;
    let days = era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468;
    days * 86_400 + h * 3600 + mi * 60 + s
}

/// The compression method, for problems: RAR 4's method byte (0x30 store … 0x35 best), RAR 5's level.
fn method_of(m: &ArchiveMember) -> String {
    match &m.detail {
        ArchiveMemberDetail::Rar15To40 { method, .. } => format!("method 0x{method:02x}"),
        ArchiveMemberDetail::Rar50Plus { compression_info, .. } => format!("method {}", (compression_info >> 7) & 7),
        _ => "RAR 1.3 method".into(),
    }
}

impl Format for Rar {
    fn name(&self) -> &'static str {
        "rar"
    }
    fn magics(&self) -> &'static [Magic] {
        &[Magic { bytes: MAGIC4, offset: 0 }, Magic { bytes: MAGIC5, offset: 0 }]
    }
    fn identify(&self, d: &[u8]) -> Option<Identified> {
        let e = extent(d)?;
        let v = if e.version == Version::Rar5 { "5" } else { "4" };
        let end = if e.ended { "" } else { ", no end-of-archive block" };
        Some(Identified { size: Some(e.size), description: format!("RAR {v} archive, {} bytes{end}", e.size) })
    }

    fn extract(&self, data: &Bytes, ctx: &mut Ctx) -> Result<Extracted, FormatError> {
        let e = extent(data).ok_or_else(|| FormatError::Invalid("rar: bad signature or main header".into()))?;
        let v = if e.version == Version::Rar5 { "RAR 5" } else { "RAR 4" };
        // RAR 5 always ends with an end-of-archive block; RAR 4 writers may leave it out
        if !e.ended && !e.encrypted_headers && e.version == Version::Rar5 {
            ctx.problem(None, format!("{v}: the block chain ends at {} without an end-of-archive block", e.size));
        }
        let options = ArchiveReadOptions::new()
            .with_max_header_count(MAX_BLOCKS as u64)
            .with_max_header_bytes(HEADER_BYTES_LIMIT);
        let ar = ArchiveReader::read_with_options(data, options).map_err(|err| {
            let kind = err.kind();
            if e.encrypted_headers || matches!(kind, rars::ErrorKind::PasswordRequired | rars::ErrorKind::BadPassword) {
                FormatError::Unsupported(format!("{v}: the headers are encrypted (password required); no entry listed"))
            } else {
                FormatError::Invalid(format!("{v}: {err}"))
            }
        })?;
        let members: Vec<ArchiveMember> = ar.members().collect();
        let solid = members.iter().any(ArchiveMember::is_solid);

        // plan each member's allowance from the header sizes, before anything is decoded
        let mut remaining = ctx.budget().layer_limit(data.len());
        let mut slots: Vec<Slot> = members.iter().map(|_| Slot::default()).collect();
        let mut encrypted = 0usize;
        for (m, slot) in members.iter().zip(slots.iter_mut()) {
            if m.meta.is_directory || m.meta.is_redirection {
                continue;
            }
            if m.meta.is_encrypted {
                encrypted += 1;
                continue;
            }
            let limit = ctx.budget().stream_limit(m.meta.packed_size.min(usize::MAX as u64) as usize).min(remaining);
            slot.cap = if m.meta.unpacked_size > limit {
                ctx.problem(
                    Some(&path_of(m)),
                    format!("entry cut at the {limit}-byte limit (claims {} bytes)", m.meta.unpacked_size),
                );
                limit
            } else {
                m.meta.unpacked_size
            };
            remaining -= slot.cap;
        }
        if encrypted > 0 {
            ctx.problem(None, format!("{v}: {encrypted} encrypted entries not unpacked (no password)"));
        }

        // decode in archive order
        let options = ArchiveReadOptions::new()
            .with_rar50_dictionary_size_limit(DICTIONARY_LIMIT)
            .with_max_total_output_bytes(ctx.budget().layer_limit(data.len()).saturating_add(1));
        let budget = ctx.budget();
        let slots = std::cell::RefCell::new(slots);
        let current = std::cell::Cell::new(usize::MAX);
        let mut timed_out = None;
        let outcome = ar.extract_with_control_and_errors(
            options,
            |m| {
                let i = current.get().wrapping_add(1);
                current.set(i);
                if let Err(e) = budget.check_time() {
                    timed_out = Some(e);
                    return Ok(ExtractionDecision::Stop);
                }
                let mut slots = slots.borrow_mut();
                let Some(slot) = slots.get_mut(i) else { return Ok(ExtractionDecision::Stop) };
                if m.meta.is_directory || m.meta.is_redirection || (m.meta.is_encrypted && !solid) {
                    return Ok(ExtractionDecision::Skip);
                }
                slot.tried = true;
                Ok(ExtractionDecision::Extract(Box::new(Capped { buf: slot.buf.clone(), cap: slot.cap })))
            },
            |_m, err| {
                if let Some(slot) = slots.borrow_mut().get_mut(current.get()) {
                    slot.error = Some(err.to_string());
                }
                Ok(if solid { ExtractionErrorAction::Abort } else { ExtractionErrorAction::Continue })
            },
        );
        let mut slots = slots.into_inner();
        let current = current.get();
        let visited = current.wrapping_add(1).min(members.len());
        if let Some(e) = timed_out {
            ctx.problem(None, format!("{e}; {} entries not decoded", members.len().saturating_sub(visited)));
        }
        if let Err(err) = &outcome {
            // a solid archive stops at the first failure; its message is on the member too
            let m = members.get(current).map(path_of).unwrap_or_default();
            if let Some(slot) = slots.get_mut(current).filter(|s| s.error.is_none()) {
                slot.error = Some(err.to_string());
            }
            let lost = members.len().saturating_sub(visited);
            if lost > 0 {
                ctx.problem(Some(&m), format!("{v}: extraction stopped here; {lost} later entries not decoded"));
            }
        }

        let mut entries: Vec<(String, Node)> = Vec::with_capacity(members.len());
        let mut files: std::collections::HashMap<String, Bytes> = std::collections::HashMap::new();
        for (m, slot) in members.iter().zip(slots.iter()) {
            let path = path_of(m);
            let mode = unix_mode(m);
            let mtime = mtime_of(m);
            let kind = if m.meta.is_directory {
                NodeKind::Dir
            } else if let ArchiveMemberDetail::Rar50Plus { redirection: Some(r), .. } = &m.detail {
                let target = String::from_utf8_lossy(&r.target_name).into_owned();
                match r.redirection_type {
                    1..=3 => NodeKind::Symlink(target.replace('\\', "/")),
                    _ => match files.get(&target) {
                        // a hard link or file copy of an earlier member
                        Some(d) => NodeKind::File(d.clone().into()),
                        None => {
                            ctx.problem(
                                Some(&path),
                                format!("link to {target:?}, which is not an earlier file; skipped"),
                            );
                            continue;
                        }
                    },
                }
            } else if m.meta.is_redirection {
                ctx.problem(Some(&path), "redirection without a target; skipped");
                continue;
            } else if m.meta.is_encrypted {
                continue;
            } else if !slot.tried {
                if m.meta.unpacked_size > 0 {
                    continue; // counted in the "not decoded" problem
                }
                NodeKind::File(Bytes::new().into())
            } else {
                let d = Bytes::from(std::mem::take(&mut *slot.buf.lock().unwrap_or_else(|p| p.into_inner())));
                if let Some(err) = &slot.error {
                    if !err.contains(CUT) {
                        let what = if m.meta.is_stored { "stored".to_string() } else { method_of(m) };
                        ctx.problem(
                            Some(&path),
                            format!("entry data unreadable ({what}): {err}; {} bytes kept", d.len()),
                        );
                    }
                }
                if mode.is_some_and(|md| md & 0o170000 == 0o120000) {
                    NodeKind::Symlink(String::from_utf8_lossy(&d).into_owned())
                } else {
                    files.insert(path.clone(), d.clone());
                    NodeKind::File(d.into())
                }
            };
            let perm = mode.map(|md| md & 0o7777).unwrap_or(match kind {
                NodeKind::Dir => 0o755,
                NodeKind::Symlink(_) => 0o777,
                _ => 0o644,
            });
            entries.push((path, Node { kind, mode: perm, uid: 0, gid: 0, mtime }));
        }
        let split = members.iter().filter(|m| m.meta.is_split_before || m.meta.is_split_after).count();
        if split > 0 {
            ctx.problem(None, format!("{v}: {split} entries continue in another volume (multi-volume set); cut"));
        }
        let listed = members.len();
        let read = entries.len();
        let mut tree = Tree::new();
        for (path, node) in entries {
            if let Err(err) = ctx.insert(&mut tree, &path, node) {
                ctx.problem(None, err.to_string());
                break;
            }
        }
        if read == 0 && listed > 0 {
            return Err(FormatError::Invalid(format!("{v}: no readable entry among {listed}")));
        }
        let s = if solid { "solid, " } else { "" };
        Ok(Extracted::tree(tree).with_description(format!("{v} archive, {s}{listed} entries")).with_consumed(e.size))
    }
}
