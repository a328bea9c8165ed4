//! Realtek SDK image chunks (`cvimg`): the 16-byte headers in front of the kernel, root file system and web
//! pages of Realtek RTL819x/RTL8196/RTL8197 router firmware.
//!
//! Vendors: routers on Realtek SoCs sold by TP-Link (some), Tenda, Netis, Edimax, TRENDnet, D-Link (DIR-600
//! rev. C/D, DIR-605L), Zyxel, Belkin, Totolink, Comfast and many white-label devices.
//! References: Realtek SDK `boot/.../cvimg.c` and `apmib.h` (image signatures), OpenWrt
//! `firmware-utils/src/cvimg.c`; read for the layout only.
//!
//! Layout (big-endian): `signature[4] start_addr:u32 burn_addr:u32 len:u32`, then `len` bytes whose last
//! two are a checksum: the 16-bit big-endian word sum of all `len` bytes is 0 (web page chunks use an 8-bit
//! byte sum instead, also 0). Signatures: `cs6b`/`cs6c` kernel, `cr6b`/`cr6c` kernel followed by the root
//! file system, `r6br`/`r6cr` root file system, `w6bg`/`w6cg` web pages, `csys` system image. The start
//! address is a RAM address (0 or kseg0/kseg1) and the burn address a flash offset; both are checked for
//! plausibility since the 4-byte ASCII signatures alone are weak.
//!
//! Output: one stream per chunk (`kernel`, `rootfs`, `web`, `system`), the checksum bytes left out; an
//! image with several chunks gives one layer per chunk. Limitations: big-endian only (all known Realtek SDK
//! images are); a wrong checksum is a problem, not a rejection.

use bytes::Bytes;

use crate::format::read::be32;
use crate::format::{Ctx, Extracted, Format, FormatError, Identified, Magic};
use crate::formats::vendor::part;

/// The cvimg format.
pub struct Cvimg;

/// Header size.
pub const HDR: usize = 16;

/// Known signatures and the stream name of their payload.
pub const SIGNATURES: &[(&[u8; 4], &str)] = &[
    (b"cs6b", "kernel"),
    (b"cs6c", "kernel"),
    (b"cr6b", "kernel"),
    (b"cr6c", "kernel"),
    (b"r6br", "rootfs"),
    (b"r6cr", "rootfs"),
    (b"w6bg", "web"),
    (b"w6cg", "web"),
    (b"csys", "system"),
];

/// A parsed header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// Signature.
    pub signature: [u8; 4],
    /// RAM load address.
    pub start_addr: u32,
    /// Flash offset.
    pub burn_addr: u32,
    /// Payload length, checksum included.
    pub len: u32,
}

impl Header {
    /// Parse and sanity-check the header at the start of `d`.
    pub fn parse(d: &[u8]) -> Option<Header> {
        let signature: [u8; 4] = d.get(..4)?.try_into().ok()?;
        SIGNATURES.iter().find(|(s, _)| **s == signature)?;
        let h = Header { signature, start_addr: be32(d, 4)?, burn_addr: be32(d, 8)?, len: be32(d, 12)? };
        let ram_ok = h.start_addr == 0 || (0x8000_0000..0xc000_0000).contains(&h.start_addr);
        (ram_ok && h.burn_addr < 0x1000_0000 && (2..=0x1000_0000).contains(&h.len)).then_some(h)
    }
    /// Stream name of the payload.
    pub fn stream_name(&self) -> &'static str {
        SIGNATURES.iter().find(|(s, _)| **s == self.signature).map(|(_, n)| *n).unwrap_or("payload")
    }
}

/// The 16-bit big-endian word sum of `d` (an odd last byte counts as a high byte).
pub fn sum16(d: &[u8]) -> u16 {
    d.chunks(2).fold(0u16, |s, w| s.wrapping_add(u16::from_be_bytes([w[0], *w.get(1).unwrap_or(&0)])))
}

/// The 8-bit byte sum of `d`.
pub fn sum8(d: &[u8]) -> u8 {
    d.iter().fold(0u8, |s, &b| s.wrapping_add(b))
}

impl Format for Cvimg {
    fn name(&self) -> &'static str {
        "cvimg"
    }
    fn magics(&self) -> &'static [Magic] {
        &[
            Magic { bytes: b"cs6b", offset: 0 },
            Magic { bytes: b"cs6c", offset: 0 },
            Magic { bytes: b"cr6b", offset: 0 },
            Magic { bytes: b"cr6c", offset: 0 },
            Magic { bytes: b"r6br", offset: 0 },
            Magic { bytes: b"r6cr", offset: 0 },
            Magic { bytes: b"w6bg", offset: 0 },
            Magic { bytes: b"w6cg", offset: 0 },
            Magic { bytes: b"csys", offset: 0 },
        ]
    }
    fn identify(&self, d: &[u8]) -> Option<Identified> {
        let h = Header::parse(d)?;
        Some(Identified {
            size: Some(HDR as u64 + h.len as u64),
            description: format!(
                "Realtek image chunk {}, load {:#x}, flash {:#x}, {} bytes",
                String::from_utf8_lossy(&h.signature),
                h.start_addr,
                h.burn_addr,
                h.len
            ),
        })
    }
    fn extract(&self, data: &Bytes, ctx: &mut Ctx) -> Result<Extracted, FormatError> {
        let h = Header::parse(data).ok_or_else(|| FormatError::Invalid("no Realtek image header".into()))?;
        let len = h.len as usize;
        let signature = match data.get(HDR..HDR + len) {
            Some(p) if sum16(p) == 0 => "16-bit checksum, verified",
            Some(p) if sum8(p) == 0 => "8-bit checksum, verified",
            Some(_) => {
                ctx.problem(None, "Realtek image checksum does not match");
                "checksum, mismatch"
            }
            None => "checksum; not verified: chunk truncated",
        };
        // the payload without its 2-byte checksum
        let streams: Vec<_> = part(data, ctx, h.stream_name(), HDR as u64, len as u64 - 2).into_iter().collect();
        Ok(Extracted::streams(streams)
            .with_attribute("vendor", "Realtek SDK")
            .with_attribute("image_type", String::from_utf8_lossy(&h.signature).into_owned())
            .with_attribute("signature", signature))
    }
}
