//! D-Link "WRG" and "WRGG03" firmware headers (Alpha Networks), in either byte order.
//!
//! Vendors: D-Link DIR-300 A1, DIR-400, DAP-1522, DIR-615 C1 (WRG, magic 0x20040220), DAP-2553/2695,
//! DIR-685 (WRGG03, magic 0x20080321); the images are named after the board, e.g. `wrgg19_c_dlwbr_dir300`.
//! References: OpenWrt `firmware-utils/src/mkwrgimg.c`, `mkwrggimg.c` and the kernel's
//! `mtdsplit_wrgg.c`; read for the layout only.
//!
//! Layout: a 32-byte board signature, the magic twice (little-endian on most boards, big-endian with the
//! tools' `-b`), then for WRG `size:u32 offset:u32 devname[32] digest[16]` (96 bytes), for WRGG03
//! `version[16] model[16] flag[2] reserve[2] buildno[16] size offset devname[32] digest[16]` (160 bytes).
//! The image (`size` bytes, usually an LZMA kernel followed by the root file system) follows the header.
//! Its MD5 digest covers the `offset` field, `devname` and the image. Vendors have written `size` in the
//! other byte order than the magic, so the order in which `size` fits the data is taken.
//!
//! Limitations: the header gives no kernel/rootfs split; the image is one `firmware` stream and the
//! engine carves what is inside it.

use bytes::Bytes;

use crate::format::read::{be32, le32, Endian};
use crate::format::{Ctx, Extracted, Format, FormatError, Identified, Magic};
use crate::formats::vendor::{md5, part, text_field};

/// The WRG / WRGG03 format.
pub struct Wrgg;

/// Magic of the WRG header.
pub const WRG_MAGIC: u32 = 0x2004_0220;
/// Magic of the WRGG03 header.
pub const WRGG03_MAGIC: u32 = 0x2008_0321;

/// A parsed header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// True for WRGG03 (160-byte header), false for WRG (96 bytes).
    pub wrgg03: bool,
    /// Byte order of the magic.
    pub endian: Endian,
    /// Board signature.
    pub signature: String,
    /// Firmware version (WRGG03).
    pub version: String,
    /// Model (WRGG03).
    pub model: String,
    /// Image size.
    pub size: u32,
    /// Device name (`/dev/mtdblock/2`).
    pub devname: String,
    /// Offset of the `offset` field (start of the digested header part).
    pub offset_at: usize,
    /// The stored digest.
    pub digest: [u8; 16],
}

impl Header {
    /// Header length: 160 bytes for WRGG03, 96 for WRG.
    pub fn header_len(&self) -> usize {
        if self.wrgg03 {
            160
        } else {
            96
        }
    }
    /// Parse the header at the start of `d` (which runs to the end of the data, to pick `size`'s order).
    pub fn parse(d: &[u8]) -> Option<Header> {
        let (wrgg03, endian) = match (le32(d, 32)?, be32(d, 32)?) {
            (WRG_MAGIC, _) => (false, Endian::Little),
            (_, WRG_MAGIC) => (false, Endian::Big),
            (WRGG03_MAGIC, _) => (true, Endian::Little),
            (_, WRGG03_MAGIC) => (true, Endian::Big),
            _ => return None,
        };
        if endian.u32(d, 36)? != endian.u32(d, 32)? {
            return None;
        }
        let signature = text_field(d.get(..32)?)?;
        let (size_at, hlen) = if wrgg03 { (112, 160) } else { (40, 96) };
        // `size` in the magic's byte order, else the other one, whichever fits the data
        let other = if endian == Endian::Little { Endian::Big } else { Endian::Little };
        let fits = |s: u32| (s as u64) + hlen as u64 <= d.len() as u64;
        let (a, b) = (endian.u32(d, size_at)?, other.u32(d, size_at)?);
        let size = if fits(a) || !fits(b) { a } else { b };
        let devname = text_field(d.get(size_at + 8..size_at + 40)?)?;
        Some(Header {
            wrgg03,
            endian,
            signature,
            version: if wrgg03 { text_field(d.get(40..56)?)? } else { String::new() },
            model: if wrgg03 { text_field(d.get(56..72)?)? } else { String::new() },
            size,
            devname,
            offset_at: size_at + 4,
            digest: d.get(size_at + 40..size_at + 56)?.try_into().ok()?,
        })
    }
}

impl Format for Wrgg {
    fn name(&self) -> &'static str {
        "wrgg"
    }
    fn magics(&self) -> &'static [Magic] {
        &[
            Magic { bytes: &[0x20, 0x02, 0x04, 0x20, 0x20, 0x02, 0x04, 0x20], offset: 32 },
            Magic { bytes: &[0x20, 0x04, 0x02, 0x20, 0x20, 0x04, 0x02, 0x20], offset: 32 },
            Magic { bytes: &[0x21, 0x03, 0x08, 0x20, 0x21, 0x03, 0x08, 0x20], offset: 32 },
            Magic { bytes: &[0x20, 0x08, 0x03, 0x21, 0x20, 0x08, 0x03, 0x21], offset: 32 },
        ]
    }
    fn identify(&self, d: &[u8]) -> Option<Identified> {
        let h = Header::parse(d)?;
        Some(Identified {
            size: Some(h.header_len() as u64 + h.size as u64),
            description: format!(
                "D-Link {} header, board {}, {} bytes",
                if h.wrgg03 { "WRGG03" } else { "WRG" },
                h.signature,
                h.size
            ),
        })
    }
    fn extract(&self, data: &Bytes, ctx: &mut Ctx) -> Result<Extracted, FormatError> {
        let h = Header::parse(data).ok_or_else(|| FormatError::Invalid("no WRG header".into()))?;
        let hlen = h.header_len();
        let signature = match (data.get(h.offset_at..h.offset_at + 36), data.get(hlen..hlen + h.size as usize)) {
            (Some(fields), Some(image)) => {
                if md5(&[fields, image]) == h.digest {
                    "md5 checksum, verified"
                } else {
                    ctx.problem(None, "WRG header MD5 does not match the image");
                    "md5 checksum, mismatch"
                }
            }
            _ => "md5 checksum; not verified: image truncated",
        };
        let streams: Vec<_> = part(data, ctx, "firmware", hlen as u64, h.size as u64).into_iter().collect();
        let mut e = Extracted::streams(streams)
            .with_attribute("vendor", "D-Link")
            .with_attribute("target", h.signature.clone())
            .with_attribute("signature", signature);
        if h.wrgg03 {
            e = e.with_attribute("version", h.version.clone()).with_attribute("product", h.model.clone());
        }
        Ok(e.with_description(format!(
            "D-Link {} header ({}), board {}, device {}",
            if h.wrgg03 { "WRGG03" } else { "WRG" },
            if h.endian == Endian::Little { "little-endian" } else { "big-endian" },
            h.signature,
            h.devname
        )))
    }
}
