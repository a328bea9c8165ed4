//! OLE2 compound files (Microsoft Compound File Binary, "structured storage"): a small FAT filesystem in a
//! file, holding storages (folders) and streams (files).
//!
//! Vendors: Windows `Thumbs.db` thumbnail caches left in web-UI folders of router images, legacy Office
//! documents and `.msi` installers shipped in vendor download bundles, and some vendors' configuration
//! exports.
//! Reference: [MS-CFB] (a 512-byte header with signature `D0 CF 11 E0 A1 B1 1A E1`, byte-order mark
//! `FE FF` at offset 28, sector shift 9 or 12 for versions 3 and 4; the FAT, the mini FAT for streams under
//! 4096 bytes, and a red-black tree of 128-byte directory entries). Parsing is done by the `cfb` crate (pure
//! Rust), which validates the sector chains; each stream is read through our budget (its bytes are charged,
//! and a stream is cut at the budget's stream limit with a problem).
//! Limitations: the extent of a compound file found inside a larger blob is not computed (the format has no
//! total size field): it claims the rest of its input. Entry times and CLSIDs are not kept. Stream names
//! keep their control characters out (`\u{5}SummaryInformation` becomes `SummaryInformation`).
//!
//! ```
//! use fwassure_unpack::{format::Format, formats::ole::Ole};
//! let mut header = vec![0u8; 512];
//! header[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
//! header[26] = 3; // major version 3
//! header[28..30].copy_from_slice(&[0xFE, 0xFF]); // little-endian byte order mark
//! header[30] = 9; // 512-byte sectors
//! header[32] = 6; // 64-byte mini sectors
//! assert!(Ole.identify(&header).is_some());
//! header[30] = 12; // version 3 files have 512-byte sectors only
//! assert!(Ole.identify(&header).is_none());
//! ```

use std::io::{Cursor, Read};

use bytes::Bytes;
use fwassure_model::{Node, NodeKind, Tree};

use crate::format::{Ctx, Extracted, Format, FormatError, Identified, Magic};

/// The OLE2 compound file format.
pub struct Ole;

const SIGNATURE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// The header fields that identify a compound file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Header {
    /// Major version: 3 (512-byte sectors) or 4 (4096-byte sectors).
    major: u16,
    /// log2 of the sector size.
    sector_shift: u16,
    /// log2 of the mini-stream sector size (always 6).
    mini_shift: u16,
}

impl Header {
    fn parse(d: &[u8]) -> Option<Header> {
        if d.get(..8)? != SIGNATURE || d.get(28..30)? != [0xFE, 0xFF] {
            return None;
        }
        let le16 = |at: usize| -> Option<u16> { Some(u16::from_le_bytes(d.get(at..at + 2)?.try_into().ok()?)) };
        let h = Header { major: le16(26)?, sector_shift: le16(30)?, mini_shift: le16(32)? };
        let valid = matches!((h.major, h.sector_shift), (3, 9) | (4, 12)) && h.mini_shift == 6;
        valid.then_some(h)
    }
}

/// A stream or storage name as a path component: control characters (the `\u{1}`/`\u{5}` prefixes of
/// property-set streams) dropped, slashes replaced.
fn component(name: &str) -> String {
    let n: String = name.chars().filter(|c| !c.is_control()).map(|c| if c == '/' { '_' } else { c }).collect();
    if n.is_empty() {
        "_".to_string()
    } else {
        n
    }
}

impl Format for Ole {
    fn name(&self) -> &'static str {
        "ole"
    }
    fn magics(&self) -> &'static [Magic] {
        &[Magic { bytes: SIGNATURE, offset: 0 }]
    }
    fn identify(&self, d: &[u8]) -> Option<Identified> {
        let h = Header::parse(d)?;
        Some(Identified {
            size: None,
            description: format!("OLE2 compound file, version {}, {}-byte sectors", h.major, 1u32 << h.sector_shift),
        })
    }
    fn extract(&self, data: &Bytes, ctx: &mut Ctx) -> Result<Extracted, FormatError> {
        let h = Header::parse(data).ok_or_else(|| FormatError::Invalid("not an OLE2 compound file".into()))?;
        let mut comp = cfb::CompoundFile::open(Cursor::new(data.as_ref()))
            .map_err(|e| FormatError::Invalid(format!("OLE2 compound file: {e}")))?;
        // the entries first (the walk borrows the file), then each stream read through the budget
        let entries: Vec<(std::path::PathBuf, bool, u64)> =
            comp.walk().map(|e| (e.path().to_path_buf(), e.is_stream(), e.len())).collect();
        let mut tree = Tree::new();
        let (mut streams, mut storages) = (0u64, 0u64);
        for (path, is_stream, len) in entries {
            let rel: Vec<String> =
                path.iter().filter_map(|c| c.to_str()).filter(|c| *c != "/").map(component).collect();
            if rel.is_empty() {
                continue; // the root storage
            }
            let name = rel.join("/");
            if !is_stream {
                storages += 1;
                ctx.insert(&mut tree, &name, Node::new(NodeKind::Dir, 0o755))?;
                continue;
            }
            let limit = ctx.budget().stream_limit(data.len());
            let mut buf = Vec::new();
            let read = comp.open_stream(&path).and_then(|s| s.take(limit).read_to_end(&mut buf));
            if let Err(e) = read {
                ctx.problem(Some(&name), format!("OLE2 stream does not read: {e}"));
                continue;
            }
            if (buf.len() as u64) < len {
                ctx.problem(Some(&name), format!("OLE2 stream cut at {} of {len} bytes: stream limit", buf.len()));
            }
            streams += 1;
            ctx.insert(&mut tree, &name, Node::file(buf))?;
        }
        if streams == 0 && storages == 0 {
            return Err(FormatError::Invalid("OLE2 compound file holds no entries".into()));
        }
        Ok(Extracted::tree(tree).with_consumed(data.len() as u64).with_description(format!(
            "OLE2 compound file, version {}, {} streams in {} storages",
            h.major, streams, storages
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Budget;
    use std::io::Write;

    /// A compound file as the `cfb` crate writes it: a stream at the root, one in a storage, and a
    /// property-set stream name with its control-character prefix.
    fn sample() -> Vec<u8> {
        let mut c = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
        c.create_stream("/Catalog").unwrap().write_all(b"\x10\x00\x07\x00catalog!").unwrap();
        c.create_storage("/web/").unwrap();
        c.create_stream("/web/index.htm").unwrap().write_all(&b"<html>admin</html>".repeat(400)).unwrap();
        c.create_stream("/\u{5}SummaryInformation").unwrap().write_all(b"props").unwrap();
        c.flush().unwrap();
        c.into_inner().into_inner()
    }

    #[test]
    fn streams_and_storages_become_a_tree() {
        let d = Bytes::from(sample());
        let id = Ole.identify(&d).expect("identified");
        assert!(id.description.contains("version 4"), "{}", id.description);
        let budget = Budget::new(crate::Limits::default());
        let mut ctx = Ctx::new(&budget);
        let e = Ole.extract(&d, &mut ctx).unwrap();
        let crate::Output::Tree(t) = e.output else { panic!("a tree") };
        assert_eq!(t.read("/Catalog").unwrap().as_ref(), b"\x10\x00\x07\x00catalog!");
        assert_eq!(t.read("/web/index.htm").unwrap().len(), 18 * 400);
        assert_eq!(t.read("/SummaryInformation").unwrap().as_ref(), b"props");
        let problems = ctx.take_problems();
        assert!(problems.is_empty(), "{problems:?}");
    }

    #[test]
    fn hostile_variants_fail_cleanly() {
        let d = sample();
        // truncated: the header only, then half the file
        for cut in [512, d.len() / 2] {
            let b = Bytes::copy_from_slice(&d[..cut]);
            let budget = Budget::new(crate::Limits::default());
            let _ = Ole.extract(&b, &mut Ctx::new(&budget));
        }
        // every byte of the header and the first directory sector flipped in turn
        for i in (0..d.len().min(2048)).step_by(3) {
            let mut x = d.clone();
            x[i] ^= 0xA5;
            let b = Bytes::from(x);
            let budget = Budget::new(crate::Limits::default());
            let mut ctx = Ctx::new(&budget);
            if let Ok(e) = Ole.extract(&b, &mut ctx) {
                if let crate::Output::Tree(t) = e.output {
                    assert!(t.data_bytes() <= b.len() as u64 * 64, "bounded output");
                }
            }
        }
        // a wrong byte-order mark or sector size is not a compound file
        let mut x = d.clone();
        x[28] = 0xFF;
        assert!(Ole.identify(&x).is_none());
    }
}
