//! xz streams.
//!
//! Vendors: OpenWrt and Yocto rootfs tarballs, initramfs (`.cpio.xz`), compressed kernels.
//! Reference: the .xz file format 1.1.0 (tukaani.org). A stream of one LZMA2 block (`xz -T1`, and xz before
//! 5.6) decodes with our own decoder ([`crate::lzma2`]) straight into one buffer that is also the dictionary,
//! so the output is held once; a multi-block stream (`xz -T0`, the default of xz 5.6) decodes on all cores
//! with lzma-rust2. Limitations: BCJ filters as lzma-rust2 supports.

use bytes::Bytes;

use crate::decompress;
use crate::format::{Ctx, Extracted, Format, FormatError, Identified, Magic};

/// The xz format.
pub struct Xz;

impl Format for Xz {
    fn name(&self) -> &'static str {
        "xz"
    }
    fn magics(&self) -> &'static [Magic] {
        &[Magic { bytes: &[0xfd, b'7', b'z', b'X', b'Z', 0x00], offset: 0 }]
    }
    fn identify(&self, d: &[u8]) -> Option<Identified> {
        // stream flags: first byte 0, second byte check type <= 0x0f
        (*d.get(6)? == 0 && *d.get(7)? <= 0x0f).then(Identified::default)
    }
    fn extract(&self, data: &Bytes, ctx: &mut Ctx) -> Result<Extracted, FormatError> {
        super::stream::extract("xz", data, ctx, decompress::xz)
    }
}
