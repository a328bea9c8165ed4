//! ZIP archives, read in memory with the `zip` crate (stored, deflate, deflate64, bzip2, lzma entries).
//!
//! Vendors: firmware update bundles of cameras, NAS and smart-home hubs (Hikvision, Synology `.pat`
//! companions, Ubiquiti, Sonoff/Tasmota OTA bundles), Android OTA packages, Java/Python application
//! payloads (`.jar`, `.apk`, wheels) inside root file systems, and vendor web UIs shipped as zips.
//! References: PKWARE APPNOTE.TXT 6.3.x (local headers, central directory, EOCD, ZIP64), Info-ZIP's
//! "extra field" notes for unix modes; <https://docs.rs/zip>.
//!
//! The archive is found by its first local header (`PK\x03\x04`); its extent is the end of the central
//! directory record (plus comment) whose central directory ends right before it, which also works for a
//! zip carved out of a larger image. Entries are walked from the central directory, never extracted to
//! disk: a stored entry is a view of the archive (its CRC checked), a compressed one up to 16 KiB is
//! decoded at once, a bigger one keeps its first 2 KiB and is decoded on demand
//! ([`crate::ondemand`]); an entry is cut to the stream limit (the expansion ratio limit applies per
//! entry), CRC errors are reported, and symlinks are recognised from the unix mode in the external
//! attributes.
//!
//! Limitations: encrypted entries (ZipCrypto, AES) and zstd/ppmd/xz entries are reported and skipped;
//! entries are taken from the central directory only (local headers not listed there are ignored);
//! timestamps are the DOS date/time taken as UTC.

use std::io::Cursor;
use std::sync::Arc;

use bytes::Bytes;
use fwassure_model::{Node, NodeKind, Tree};

use crate::decompress::read_bounded;
use crate::format::read::{le16, le32, le64};
use crate::format::{Ctx, Extracted, Format, FormatError, Identified, Magic};
use crate::ondemand::{Entry, Layout, Plan};

/// The archive, shared by the entries read on demand.
type Archive = ::zip::ZipArchive<Cursor<Bytes>>;

/// One entry of an archive.
struct Member {
    ar: Arc<Archive>,
    index: usize,
}

impl Layout for Member {
    /// The entry's first `n` bytes, through the zip crate (which checks the CRC of an entry read to its
    /// end); the layer's bytes are the archive's.
    fn read(&self, _layer: &[u8], n: u64) -> (Vec<u8>, Option<String>) {
        let mut ar = (*self.ar).clone();
        let mut f = match ar.by_index(self.index) {
            Ok(f) => f,
            Err(e) => return (Vec::new(), Some(format!("entry data unreadable: {e}"))),
        };
        let whole = n >= f.size();
        let (content, cut, err) = read_bounded(&mut f, n, Some(n));
        let err = match err {
            Some(e) => Some(format!("entry data unreadable: {e}")),
            None if cut && whole => Some(format!("entry data longer than the {n} bytes recorded; cut")),
            None => None,
        };
        (content, err)
    }
}

/// A stored entry's data (from `start`, known for stored entries only) as a view of the archive, when
/// it is whole (not cut by a limit) and lies inside the archive.
fn stored_view(data: &Bytes, start: Option<u64>, compressed: u64, len: u64) -> Option<Bytes> {
    let start = usize::try_from(start?).ok()?;
    let end = start.checked_add(usize::try_from(len).ok()?)?;
    (compressed == len && end <= data.len()).then(|| data.slice(start..end))
}

/// The zip format.
pub struct Zip;

const EOCD: &[u8] = b"PK\x05\x06";

/// Find the end of the archive starting at `d[0]`: the end of its EOCD record and comment.
fn extent(d: &[u8]) -> Option<usize> {
    for pos in memchr::memmem::find_iter(d, EOCD) {
        let (Some(cd_size), Some(cd_off), Some(comment)) = (le32(d, pos + 12), le32(d, pos + 16), le16(d, pos + 20))
        else {
            continue;
        };
        let end = pos + 22 + comment as usize;
        if cd_off == u32::MAX || cd_size == u32::MAX {
            // ZIP64: the locator sits right before the EOCD and points at the ZIP64 end record
            let Some(loc) = pos.checked_sub(20) else { continue };
            if d.get(loc..loc + 4) != Some(b"PK\x06\x07") {
                continue;
            }
            let Some(z) = le64(d, loc + 8).and_then(|z| usize::try_from(z).ok()) else { continue };
            if d.get(z..z.saturating_add(4)) != Some(b"PK\x06\x06") {
                continue;
            }
            let (Some(size), Some(off)) = (le64(d, z + 40), le64(d, z + 48)) else { continue };
            if off.checked_add(size) == Some(z as u64) {
                return Some(end.min(d.len()));
            }
        } else if cd_off as u64 + cd_size as u64 == pos as u64 {
            return Some(end.min(d.len()));
        }
    }
    None
}

/// Seconds since the epoch of a DOS date/time (taken as UTC).
fn epoch(dt: &::zip::DateTime) -> i64 {
    let (y, m, d) = (dt.year() as i64, dt.month() as i64, dt.day() as i64);
    // days from civil (Howard Hinnant's algorithm)
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    days * 86_400 + dt.hour() as i64 * 3600 + dt.minute() as i64 * 60 + dt.second() as i64
}

impl Format for Zip {
    fn name(&self) -> &'static str {
        "zip"
    }
    fn magics(&self) -> &'static [Magic] {
        &[Magic { bytes: b"PK\x03\x04", offset: 0 }]
    }
    fn identify(&self, d: &[u8]) -> Option<Identified> {
        // a plausible first local header: version needed below 100, a name
        if le16(d, 4)? > 100 || le16(d, 26)? == 0 {
            return None;
        }
        let end = extent(d)?;
        Some(Identified { size: Some(end as u64), description: format!("zip archive, {end} bytes") })
    }

    fn extract(&self, data: &Bytes, ctx: &mut Ctx) -> Result<Extracted, FormatError> {
        let mut ar =
            ::zip::ZipArchive::new(Cursor::new(data.clone())).map_err(|e| FormatError::Invalid(format!("zip: {e}")))?;
        let shared = Arc::new(ar.clone());
        let mut tree = Tree::new();
        let mut skipped = 0u64;
        // entries in archive order; a file's data is read (or planned) once the walk is done
        let mut entries: Vec<Entry> = Vec::new();
        let mut plan = Plan::new("zip", data.clone());
        let mut remaining = ctx.budget().layer_limit(data.len());
        for i in 0..ar.len() {
            let f = match ar.by_index_raw(i) {
                Ok(f) => f,
                Err(e) => {
                    skipped += 1;
                    ctx.problem(None, format!("entry {i}: {e}; skipped"));
                    continue;
                }
            };
            let name = match f.name() {
                Ok(n) => n.into_owned(),
                Err(e) => {
                    skipped += 1;
                    ctx.problem(None, format!("entry {i}: bad name ({e}); skipped"));
                    continue;
                }
            };
            let mtime = f.last_modified().map(|t| epoch(&t)).unwrap_or(0);
            let mode = f.unix_mode();
            let (is_dir, is_link) = (f.is_dir(), f.is_symlink());
            if f.encrypted() {
                skipped += 1;
                ctx.problem(Some(&name), "encrypted entry; skipped");
                continue;
            }
            let (compressed, announced, crc) = (f.compressed_size(), f.size(), f.crc32());
            let start = f.data_start().filter(|_| f.compression() == ::zip::CompressionMethod::Stored);
            drop(f);
            let mut planned = None;
            let kind = if is_dir {
                NodeKind::Dir
            } else if is_link {
                let (target, err) = Member { ar: shared.clone(), index: i }.read(&[], 4096);
                if let Some(e) = err {
                    ctx.problem(Some(&name), e);
                }
                NodeKind::Symlink(String::from_utf8_lossy(&target).into_owned())
            } else {
                let limit = ctx.budget().stream_limit(compressed as usize).min(remaining);
                let len = if announced > limit {
                    ctx.problem(Some(&name), format!("entry cut at the {limit}-byte limit (claims {announced} bytes)"));
                    limit
                } else {
                    announced
                };
                remaining -= len;
                match stored_view(data, start, compressed, len) {
                    // a stored entry is a view of the archive
                    Some(view) => {
                        if crc32fast::hash(&view) != crc {
                            ctx.problem(Some(&name), "entry data unreadable: CRC mismatch");
                        }
                        NodeKind::File(view.into())
                    }
                    None => {
                        planned = Some(plan.add(Member { ar: shared.clone(), index: i }, len));
                        NodeKind::File(Bytes::new().into())
                    }
                }
            };
            let perm = mode.map(|m| m & 0o7777).unwrap_or(match kind {
                NodeKind::Dir => 0o755,
                NodeKind::Symlink(_) => 0o777,
                _ => 0o644,
            });
            entries.push((name, Node { kind, mode: perm, uid: 0, gid: 0, mtime }, planned));
        }
        plan.insert_into(entries, &mut tree, ctx);
        if skipped > 0 && tree.is_empty() {
            return Err(FormatError::Invalid(format!("no readable entry among {}", ar.len())));
        }
        let n = ar.len();
        Ok(Extracted::tree(tree).with_description(format!("zip archive, {n} entries")))
    }
}
