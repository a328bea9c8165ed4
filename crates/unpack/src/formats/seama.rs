//! D-Link SEAMA containers (magic 0x5EA3A417, big-endian).
//!
//! Vendors: D-Link routers built on Alpha Networks / Ralink / Realtek / Qualcomm SDKs (DIR-600L, DIR-605L,
//! DIR-615, DIR-645, DIR-823, DIR-860L, DIR-869 …) and their OpenWrt factory images.
//! References: OpenWrt `firmware-utils/src/seama.c` and `seama.h`, the kernel's
//! `drivers/mtd/parsers/` "seama" splitter; read for the layout only.
//!
//! Layout: a 12-byte header `magic:u32 reserved:u16 metasize:u16 size:u32`; when `size` is non-zero the
//! MD5 digest of the image follows (16 bytes); then `metasize` bytes of NUL-separated `key=value` strings
//! (`signature=wrgn49_dlob_dir600b`, `dev=/dev/mtdblock/2`, `type=firmware` …), then `size` bytes of
//! image. A header with `size` 0 is a seal: its meta data (usually the board signature) describes the
//! SEAMA image that follows it, which becomes this layer's `payload` stream.
//!
//! Worked example (DIR-600L B1): seal with `signature=wrgn49_dlob_dir600b` → SEAMA at 0x2c, size 0x376020,
//! MD5, `dev=/dev/mtdblock/2 type=firmware` → image (LZMA kernel then squashfs root file system) at 0x6c.
//!
//! Attributes: `target` is the `signature=` value (the board the image is for), `image_type` the `type=`
//! value, `signature` says whether the MD5 matched. Limitations: the image is one stream; kernel and root
//! file system inside it are found by the engine's carving (the header gives no split).

use bytes::Bytes;

use crate::format::read::{be16, be32};
use crate::format::{Ctx, Extracted, Format, FormatError, Identified, Magic, Stream};
use crate::formats::vendor::md5;

/// The SEAMA format.
pub struct Seama;

/// The magic number.
pub const MAGIC: u32 = 0x5ea3_a417;

/// A parsed header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// Meta data size.
    pub metasize: u16,
    /// Image size (0 for a seal).
    pub size: u32,
    /// The image's MD5 (when `size` is non-zero).
    pub md5: Option<[u8; 16]>,
    /// The meta data's `key=value` strings.
    pub meta: Vec<String>,
}

impl Header {
    /// Parse the header at the start of `d`.
    pub fn parse(d: &[u8]) -> Option<Header> {
        if be32(d, 0)? != MAGIC {
            return None;
        }
        let metasize = be16(d, 6)?;
        let size = be32(d, 8)?;
        let md5 = if size != 0 { Some(d.get(12..28)?.try_into().ok()?) } else { None };
        let meta_at = Self::meta_at(size);
        let raw = d.get(meta_at..meta_at + metasize as usize)?;
        let meta: Vec<String> = raw
            .split(|&b| b == 0)
            .filter(|s| !s.is_empty())
            .map(|s| String::from_utf8_lossy(s).into_owned())
            .take(64)
            .collect();
        // meta data is text: a random match of the magic is not
        if raw.iter().any(|&b| b != 0 && !(0x20..0x7f).contains(&b)) {
            return None;
        }
        Some(Header { metasize, size, md5, meta })
    }
    fn meta_at(size: u32) -> usize {
        if size != 0 {
            28
        } else {
            12
        }
    }
    /// Offset of the image from the header's first byte.
    pub fn image_at(&self) -> usize {
        Self::meta_at(self.size) + self.metasize as usize
    }
    /// The value of meta key `key`.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.meta.iter().find_map(|m| m.strip_prefix(key).and_then(|r| r.strip_prefix('=')))
    }
}

impl Format for Seama {
    fn name(&self) -> &'static str {
        "seama"
    }
    fn magics(&self) -> &'static [Magic] {
        &[Magic { bytes: &[0x5e, 0xa3, 0xa4, 0x17], offset: 0 }]
    }
    fn identify(&self, d: &[u8]) -> Option<Identified> {
        let h = Header::parse(d)?;
        let at = h.image_at();
        let size = if h.size == 0 {
            // a seal wraps the SEAMA image that follows it, if one does
            match d.get(at..).and_then(Header::parse) {
                Some(inner) => at as u64 + inner.image_at() as u64 + inner.size as u64,
                None => at as u64,
            }
        } else {
            at as u64 + h.size as u64
        };
        Some(Identified { size: Some(size), description: format!("D-Link SEAMA, {}", h.meta.join(" ")) })
    }
    fn extract(&self, data: &Bytes, ctx: &mut Ctx) -> Result<Extracted, FormatError> {
        let h = Header::parse(data).ok_or_else(|| FormatError::Invalid("no SEAMA header".into()))?;
        let at = h.image_at();
        let mut streams = Vec::new();
        let signature;
        if h.size == 0 {
            signature = "none (seal)".to_string();
            if data.len() > at {
                streams.push(Stream {
                    description: String::new(),
                    name: "payload".into(),
                    offset: at as u64,
                    data: data.slice(at..),
                });
            }
        } else {
            let end = at.saturating_add(h.size as usize);
            let image = match data.get(at..end) {
                Some(_) => data.slice(at..end),
                None => {
                    ctx.problem(
                        None,
                        format!("SEAMA image truncated: {} of {} bytes", data.len().saturating_sub(at), h.size),
                    );
                    data.slice(at.min(data.len())..)
                }
            };
            signature = if image.len() != h.size as usize {
                "md5 checksum; not verified: image truncated".to_string()
            } else if Some(md5(&[&image])) == h.md5 {
                "md5 checksum, verified".to_string()
            } else {
                ctx.problem(None, "SEAMA image MD5 does not match the header");
                "md5 checksum, mismatch".to_string()
            };
            if !image.is_empty() {
                streams.push(Stream {
                    description: String::new(),
                    name: "image".into(),
                    offset: at as u64,
                    data: image,
                });
            }
        }
        let mut e = Extracted::streams(streams)
            .with_attribute("vendor", "D-Link")
            .with_attribute("signature", signature)
            .with_description(format!("D-Link SEAMA, {}", h.meta.join(" ")));
        if let Some(t) = h.get("signature") {
            e = e.with_attribute("target", t);
        }
        if let Some(t) = h.get("type") {
            e = e.with_attribute("image_type", t);
        }
        Ok(e)
    }
}
