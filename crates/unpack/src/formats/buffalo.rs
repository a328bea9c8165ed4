//! Buffalo firmware tags: the 160-byte header that Buffalo routers (AirStation WZR/WHR/WLI/BHR) expect in
//! front of a factory image, usually a TRX image or a uImage kernel with its root file system.
//!
//! References: OpenWrt `firmware-utils/src/buffalo-tag.c` and `buffalo-lib.h` (`struct buffalo_tag`,
//! `buffalo_crc`); read for the layout only.
//!
//! Layout (text fields NUL-padded, numbers big-endian): `product[32] brand[32] ver_major[8] ver_minor[8]
//! region_code[2] region_mask:u32 unknown[2] language[8] platform[8] hwv[4] hwv_val[4] unknown[24] len:u32
//! crc:u32 base1:u32 base2:u32 data_len:u32 flag:u8 unknown[3]`. `len` is the header and data together,
//! `data_len` the data's length. The CRC is POSIX `cksum` (CRC-32 with polynomial 0x04C11DB7, most
//! significant bit first, the length appended, inverted) of all `len` bytes with the `crc` field zero;
//! a mismatch is a problem, not a rejection. The brand field (`Buffalo`) is what identifies the tag.
//!
//! Output: one `firmware` stream, the `data_len` bytes after the header. Limitations: the tag variants
//! with several files (`buffalo_tag2`/`tag3`, for dual-image devices) and Buffalo's encrypted images
//! (`buffalo-enc`, a proprietary stream cipher) are not read; no real Buffalo sample was available here,
//! so the fixture written from the layout is the only check.

use bytes::Bytes;

use crate::format::read::be32;
use crate::format::{Ctx, Extracted, Format, FormatError, Identified, Magic};
use crate::formats::vendor::{part, text_field};

/// The Buffalo tag format.
pub struct Buffalo;

/// Header size.
pub const HDR: usize = 160;
const CRC_AT: usize = 140;

/// POSIX `cksum` CRC of `parts` concatenated (as Buffalo's `buffalo_crc`).
pub fn cksum(parts: &[&[u8]]) -> u32 {
    let step = |mut crc: u32, b: u8| {
        crc ^= (b as u32) << 24;
        for _ in 0..8 {
            crc = if crc & 0x8000_0000 != 0 { (crc << 1) ^ 0x04c1_1db7 } else { crc << 1 };
        }
        crc
    };
    let mut crc = 0u32;
    let mut len = 0u64;
    for p in parts {
        for &b in *p {
            crc = step(crc, b);
        }
        len += p.len() as u64;
    }
    while len != 0 {
        crc = step(crc, len as u8);
        len >>= 8;
    }
    !crc
}

/// A parsed tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// Product (`WZR-HP-G300NH`).
    pub product: String,
    /// Brand (`Buffalo`).
    pub brand: String,
    /// Version `major.minor`.
    pub version: String,
    /// Platform (`ath9k`, `bcm` …).
    pub platform: String,
    /// Language.
    pub language: String,
    /// Header and data length.
    pub len: u32,
    /// Stored CRC.
    pub crc: u32,
    /// Data length.
    pub data_len: u32,
}

impl Header {
    /// Parse and sanity-check the tag at the start of `d`.
    pub fn parse(d: &[u8]) -> Option<Header> {
        let brand = text_field(d.get(32..64)?)?;
        if !brand.to_ascii_lowercase().starts_with("buffalo") {
            return None;
        }
        let product = text_field(d.get(0..32)?)?;
        let major = text_field(d.get(64..72)?)?;
        let minor = text_field(d.get(72..80)?)?;
        let h = Header {
            product,
            brand,
            version: if minor.is_empty() { major } else { format!("{major}.{minor}") },
            platform: text_field(d.get(96..104)?)?,
            language: text_field(d.get(88..96)?)?,
            len: be32(d, 136)?,
            crc: be32(d, CRC_AT)?,
            data_len: be32(d, 152)?,
        };
        (!h.product.is_empty() && h.data_len != 0 && h.len as u64 == HDR as u64 + h.data_len as u64).then_some(h)
    }
}

impl Format for Buffalo {
    fn name(&self) -> &'static str {
        "buffalo"
    }
    fn magics(&self) -> &'static [Magic] {
        &[Magic { bytes: b"Buffalo\0", offset: 32 }, Magic { bytes: b"BUFFALO\0", offset: 32 }]
    }
    fn identify(&self, d: &[u8]) -> Option<Identified> {
        let h = Header::parse(d)?;
        Some(Identified {
            size: Some(h.len as u64),
            description: format!("Buffalo tag, {} {}, {} bytes", h.product, h.version, h.data_len),
        })
    }
    fn extract(&self, data: &Bytes, ctx: &mut Ctx) -> Result<Extracted, FormatError> {
        let h = Header::parse(data).ok_or_else(|| FormatError::Invalid("no Buffalo tag".into()))?;
        let signature = match (data.get(..CRC_AT), data.get(CRC_AT + 4..h.len as usize)) {
            (Some(_), Some(_)) if h.crc == 0 => "none (crc not set)",
            (Some(a), Some(b)) => {
                if cksum(&[a, &[0; 4], b]) == h.crc {
                    "cksum crc32, verified"
                } else {
                    ctx.problem(None, "Buffalo tag CRC does not match the image");
                    "cksum crc32, mismatch"
                }
            }
            _ => "cksum crc32; not verified: image truncated",
        };
        let streams: Vec<_> = part(data, ctx, "firmware", HDR as u64, h.data_len as u64).into_iter().collect();
        Ok(Extracted::streams(streams)
            .with_attribute("vendor", h.brand.clone())
            .with_attribute("product", h.product.clone())
            .with_attribute("version", h.version.clone())
            .with_attribute("hardware", h.platform.clone())
            .with_attribute("target", h.language.clone())
            .with_attribute("signature", signature)
            .with_description(format!("Buffalo tag, {} {}", h.product, h.version)))
    }
}
