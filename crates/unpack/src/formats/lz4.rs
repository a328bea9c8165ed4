//! lz4 frame format.
//!
//! Vendors: some kernels and initramfs images, Android boot images.
//! Reference: the LZ4 frame format description 1.6.x. Limitations: the legacy frame (`0x184C2102`) is
//! not read.

use bytes::Bytes;

use crate::decompress;
use crate::format::{Ctx, Extracted, Format, FormatError, Identified, Magic};

/// The lz4 frame format.
pub struct Lz4;

impl Format for Lz4 {
    fn name(&self) -> &'static str {
        "lz4"
    }
    fn magics(&self) -> &'static [Magic] {
        &[Magic { bytes: &[0x04, 0x22, 0x4d, 0x18], offset: 0 }]
    }
    fn identify(&self, d: &[u8]) -> Option<Identified> {
        let flg = *d.get(4)?;
        let bd = *d.get(5)?;
        // version 01, reserved bits zero, block max size 4..7
        (flg >> 6 == 1 && flg & 0x02 == 0 && bd & 0x8f == 0 && (4..=7).contains(&(bd >> 4))).then(Identified::default)
    }
    fn extract(&self, data: &Bytes, ctx: &mut Ctx) -> Result<Extracted, FormatError> {
        super::stream::extract("lz4", data, ctx, decompress::lz4_frame)
    }
}
