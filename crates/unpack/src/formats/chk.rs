//! Netgear `.chk` firmware headers (magic 0x2A23245E, big-endian).
//!
//! Vendors: Netgear routers and access points (WNR, WNDR, R-series, DGN, DM), usually in front of a
//! Broadcom TRX image or a uImage kernel and a squashfs root file system; OpenWrt factory images for them.
//! References: OpenWrt `firmware-utils/src/mkchkimg.c` (the writer) and the kernel's `mtdsplit` parsers;
//! read for the layout only.
//!
//! Layout: `magic header_len reserved[8] kernel_chksum rootfs_chksum kernel_len rootfs_len image_chksum
//! header_chksum` (40 bytes, big-endian) then the board id (`U12H139T00_NETGEAR` …) up to `header_len`.
//! `reserved[0]` is the region, `reserved[1..8]` the firmware version bytes. The kernel (`kernel_len`
//! bytes) follows the header, then the rootfs (`rootfs_len` bytes, often 0 when the kernel part is a whole
//! TRX image). Checksums are Netgear's Fletcher-like pair (`c0` sums the bytes, `c1` sums `c0`, both
//! folded to 16 bits, `c1 << 16 | c0`): over the kernel, the rootfs, both together, and the header with
//! its checksum field zeroed. Mismatches are problems, not rejections.
//!
//! Limitations: none known for the header; what the kernel and rootfs parts hold is unpacked in turn.

use bytes::Bytes;

use crate::format::read::be32;
use crate::format::{Ctx, Extracted, Format, FormatError, Identified, Magic};
use crate::formats::vendor::{part, text_field};

/// The Netgear CHK format.
pub struct Chk;

/// The magic number.
pub const MAGIC: u32 = 0x2a23_245e;
/// Size of the fixed part of the header.
pub const FIXED: usize = 40;

/// Netgear's checksum of the concatenation of `parts`.
pub fn checksum(parts: &[&[u8]]) -> u32 {
    let (mut c0, mut c1) = (0u32, 0u32);
    for p in parts {
        for &b in *p {
            c0 = c0.wrapping_add(b as u32);
            c1 = c1.wrapping_add(c0);
        }
    }
    let fold = |c: u32| {
        let b = (c & 0xffff) + (c >> 16);
        ((b >> 16) + b) & 0xffff
    };
    (fold(c1) << 16) | fold(c0)
}

/// A parsed header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// Header length, board id included.
    pub header_len: u32,
    /// Region byte.
    pub region: u8,
    /// Version bytes.
    pub version: [u8; 7],
    /// Kernel checksum.
    pub kernel_chksum: u32,
    /// Rootfs checksum.
    pub rootfs_chksum: u32,
    /// Kernel length.
    pub kernel_len: u32,
    /// Rootfs length.
    pub rootfs_len: u32,
    /// Checksum of kernel and rootfs together.
    pub image_chksum: u32,
    /// Checksum of the header.
    pub header_chksum: u32,
    /// Board id.
    pub board_id: String,
}

impl Header {
    /// Parse the header at the start of `d`.
    pub fn parse(d: &[u8]) -> Option<Header> {
        if be32(d, 0)? != MAGIC {
            return None;
        }
        let header_len = be32(d, 4)?;
        if !(FIXED as u32..=1024).contains(&header_len) {
            return None;
        }
        Some(Header {
            header_len,
            region: *d.get(8)?,
            version: d.get(9..16)?.try_into().ok()?,
            kernel_chksum: be32(d, 16)?,
            rootfs_chksum: be32(d, 20)?,
            kernel_len: be32(d, 24)?,
            rootfs_len: be32(d, 28)?,
            image_chksum: be32(d, 32)?,
            header_chksum: be32(d, 36)?,
            board_id: text_field(d.get(FIXED..header_len as usize)?)?,
        })
    }
    /// Total size: header, kernel and rootfs.
    pub fn total(&self) -> u64 {
        self.header_len as u64 + self.kernel_len as u64 + self.rootfs_len as u64
    }
    /// The version as Netgear writes it (`V1.0.4.50_1.0.50`).
    pub fn version_string(&self) -> String {
        let v = &self.version;
        format!("V{}.{}.{}.{}_{}.{}.{}", v[0], v[1], v[2], v[3], v[4], v[5], v[6])
    }
}

impl Format for Chk {
    fn name(&self) -> &'static str {
        "chk"
    }
    fn magics(&self) -> &'static [Magic] {
        &[Magic { bytes: &[0x2a, 0x23, 0x24, 0x5e], offset: 0 }]
    }
    fn identify(&self, d: &[u8]) -> Option<Identified> {
        let h = Header::parse(d)?;
        (h.kernel_len != 0).then(|| Identified {
            size: Some(h.total()),
            description: format!("Netgear CHK, board {}, {}", h.board_id, h.version_string()),
        })
    }
    fn extract(&self, data: &Bytes, ctx: &mut Ctx) -> Result<Extracted, FormatError> {
        let h = Header::parse(data).ok_or_else(|| FormatError::Invalid("no CHK header".into()))?;
        let hl = h.header_len as usize;
        let (k0, k1) = (hl, hl.saturating_add(h.kernel_len as usize));
        let r1 = k1.saturating_add(h.rootfs_len as usize);
        let mut bad = Vec::new();
        if let Some(hdr) = data.get(..hl) {
            let mut copy = hdr.to_vec();
            copy[36..40].fill(0);
            if checksum(&[&copy]) != h.header_chksum {
                bad.push("header");
            }
        }
        let signature = match (data.get(k0..k1), data.get(k1..r1)) {
            (Some(k), Some(r)) => {
                if checksum(&[k]) != h.kernel_chksum {
                    bad.push("kernel");
                }
                if h.rootfs_len != 0 && checksum(&[r]) != h.rootfs_chksum {
                    bad.push("rootfs");
                }
                if checksum(&[k, r]) != h.image_chksum {
                    bad.push("image");
                }
                if bad.is_empty() {
                    "netgear checksums, verified".to_string()
                } else {
                    ctx.problem(None, format!("Netgear CHK checksum mismatch: {}", bad.join(", ")));
                    format!("netgear checksums, mismatch ({})", bad.join(", "))
                }
            }
            _ => "netgear checksums; not verified: image truncated".to_string(),
        };
        let mut streams = Vec::new();
        streams.extend(part(data, ctx, "kernel", k0 as u64, h.kernel_len as u64));
        streams.extend(part(data, ctx, "rootfs", k1 as u64, h.rootfs_len as u64));
        Ok(Extracted::streams(streams)
            .with_attribute("vendor", "Netgear")
            .with_attribute("product", h.board_id.clone())
            .with_attribute("version", h.version_string())
            .with_attribute("target", format!("region {}", h.region))
            .with_attribute("signature", signature)
            .with_description(format!("Netgear CHK, board {}, {}", h.board_id, h.version_string())))
    }
}
