//! gzip (RFC 1952) streams.
//!
//! Vendors: everywhere — compressed kernels, initramfs (`.cpio.gz`), tarballs, web assets.
//! Reference: RFC 1952. Limitations: one member per layer (a following member is carved separately).

use bytes::Bytes;

use crate::decompress;
use crate::format::{Ctx, Extracted, Format, FormatError, Identified, Magic};

/// The gzip format.
pub struct Gzip;

impl Format for Gzip {
    fn name(&self) -> &'static str {
        "gzip"
    }
    fn magics(&self) -> &'static [Magic] {
        &[Magic { bytes: &[0x1f, 0x8b, 0x08], offset: 0 }]
    }
    fn identify(&self, d: &[u8]) -> Option<Identified> {
        let flags = *d.get(3)?;
        // reserved flag bits must be zero; extra-flags byte is 0, 2 or 4
        if flags & 0xe0 != 0 || !matches!(d.get(8)?, 0 | 2 | 4) || *d.get(9)? > 13 && *d.get(9)? != 255 {
            return None;
        }
        Some(Identified { size: None, description: String::new() })
    }
    fn extract(&self, data: &Bytes, ctx: &mut Ctx) -> Result<Extracted, FormatError> {
        super::stream::extract("gzip", data, ctx, decompress::gzip)
    }
}
