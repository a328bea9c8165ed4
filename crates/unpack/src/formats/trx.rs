//! Broadcom TRX firmware containers, versions 1 and 2 (`HDR0`, little-endian).
//!
//! Vendors: Broadcom-based routers and access points: Linksys WRT54G/E-series, Asus RT-N/RT-AC, Netgear
//! WNR/R-series, Belkin, Buffalo, Tenda; also DD-WRT, Tomato and OpenWrt `bcm47xx`/`bcm53xx` images
//! (often behind a vendor header such as Netgear `.chk` or Linksys `.bin`, which are carved around).
//! References: Broadcom `include/trxhdr.h`; OpenWrt `firmware-utils/src/trx.c` and the kernel's
//! `drivers/mtd/parsers/parser_trx.c`.
//!
//! Header: magic `HDR0`, total length (header included), CRC32 over everything from the `flag_version`
//! field (offset 12) to the end, `flags:16 version:16`, then three (v1) or four (v2) partition offsets from
//! the start of the header; zero offsets are unused. Each partition runs to the next non-zero offset or to
//! the end. The CRC is Broadcom's (seed all ones, no final inversion); a mismatch is reported, not rejected.
//!
//! Limitations: partitions are emitted as streams `part-N` and identified by content (usually a
//! loader or LZMA kernel, then a squashfs/jffs2 root file system); the flags (`TRX_NO_HEADER`,
//! `TRX_GZ_FILES`) are only shown in the description.

use bytes::Bytes;

use crate::format::read::le32;
use crate::format::{Ctx, Extracted, Format, FormatError, Identified, Magic, Stream};

/// The TRX format.
pub struct Trx;

/// The parsed header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// Total length, header included.
    pub len: u32,
    /// Stored CRC32.
    pub crc: u32,
    /// Flags (low 16 bits of `flag_version`).
    pub flags: u16,
    /// Version: 1 or 2.
    pub version: u16,
    /// Partition offsets (3 for v1, 4 for v2), zeros included.
    pub offsets: Vec<u32>,
}

impl Header {
    /// Parse the header at the start of `d`.
    pub fn parse(d: &[u8]) -> Option<Header> {
        if d.get(0..4)? != b"HDR0" {
            return None;
        }
        let fv = le32(d, 12)?;
        let version = (fv >> 16) as u16;
        let n = match version {
            1 => 3,
            2 => 4,
            _ => return None,
        };
        let offsets = (0..n).map(|i| le32(d, 16 + 4 * i)).collect::<Option<Vec<_>>>()?;
        Some(Header { len: le32(d, 4)?, crc: le32(d, 8)?, flags: fv as u16, version, offsets })
    }
    /// Header size: 28 bytes for v1, 32 for v2.
    pub fn size(&self) -> usize {
        16 + 4 * self.offsets.len()
    }
}

/// TRX CRC32: the reflected CRC-32 with seed 0xffffffff and no final inversion.
pub fn crc(data: &[u8]) -> u32 {
    !crc32fast::hash(data)
}

impl Format for Trx {
    fn name(&self) -> &'static str {
        "trx"
    }
    fn magics(&self) -> &'static [Magic] {
        &[Magic { bytes: b"HDR0", offset: 0 }]
    }
    fn identify(&self, d: &[u8]) -> Option<Identified> {
        let h = Header::parse(d)?;
        let len = h.len as usize;
        if len < h.size() || h.offsets.iter().any(|&o| o != 0 && (o as usize) < h.size() || o as usize > len) {
            return None;
        }
        // at least one partition, and offsets in increasing order
        let used: Vec<u32> = h.offsets.iter().copied().filter(|&o| o != 0).collect();
        if used.is_empty() || used.windows(2).any(|w| w[0] >= w[1]) {
            return None;
        }
        Some(Identified {
            size: Some(h.len as u64),
            description: format!(
                "trx v{}, {} partitions, flags {:#x}, {} bytes",
                h.version,
                used.len(),
                h.flags,
                h.len
            ),
        })
    }
    fn extract(&self, data: &Bytes, ctx: &mut Ctx) -> Result<Extracted, FormatError> {
        let h = Header::parse(data).ok_or_else(|| FormatError::Invalid("no TRX header".into()))?;
        let len = (h.len as usize).min(data.len());
        match data.get(12..len) {
            Some(body) if len == h.len as usize => {
                if crc(body) != h.crc {
                    ctx.problem(None, "TRX CRC32 does not match the header");
                }
            }
            _ => ctx.problem(None, format!("TRX truncated: {} of {} bytes", data.len(), h.len)),
        }
        let used: Vec<usize> = h.offsets.iter().filter(|&&o| o != 0).map(|&o| o as usize).collect();
        let mut streams = Vec::new();
        for (i, &start) in used.iter().enumerate() {
            let end = used.get(i + 1).copied().unwrap_or(len).min(len);
            if start >= end {
                if start >= len {
                    ctx.problem(None, format!("partition {i} starts at {start:#x}, past the data"));
                }
                continue;
            }
            streams.push(Stream {
                description: String::new(),
                name: format!("part-{i}"),
                offset: start as u64,
                data: data.slice(start..end),
            });
        }
        Ok(Extracted::streams(streams))
    }
}
