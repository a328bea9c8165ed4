//! zstd frames.
//!
//! Vendors: newer OpenWrt/Yocto images, Android, compressed kernels and initramfs.
//! Reference: RFC 8878. Consecutive frames (pzstd, `zstd -T` output, the blocks of a squashfs whose tables
//! are lost) decode as one stream, skipping skippable frames between them. Limitations: a skippable frame
//! is not carved on its own.

use bytes::Bytes;

use crate::decompress;
use crate::format::{Ctx, Extracted, Format, FormatError, Identified, Magic};

/// The zstd format.
pub struct Zstd;

impl Format for Zstd {
    fn name(&self) -> &'static str {
        "zstd"
    }
    fn magics(&self) -> &'static [Magic] {
        &[Magic { bytes: &[0x28, 0xb5, 0x2f, 0xfd], offset: 0 }]
    }
    fn identify(&self, d: &[u8]) -> Option<Identified> {
        // frame header descriptor: reserved bit 3 must be zero
        (*d.get(4)? & 0x08 == 0).then(Identified::default)
    }
    fn extract(&self, data: &Bytes, ctx: &mut Ctx) -> Result<Extracted, FormatError> {
        super::stream::extract("zstd", data, ctx, decompress::zstd)
    }
}
