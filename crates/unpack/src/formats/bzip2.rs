//! bzip2 streams.
//!
//! Vendors: older tarballs and update bundles. Reference: the bzip2 format as implemented by bzip2 1.0.
//! Limitations: one stream per layer.

use bytes::Bytes;

use crate::decompress;
use crate::format::{Ctx, Extracted, Format, FormatError, Identified, Magic};

/// The bzip2 format.
pub struct Bzip2;

impl Format for Bzip2 {
    fn name(&self) -> &'static str {
        "bzip2"
    }
    fn magics(&self) -> &'static [Magic] {
        &[Magic { bytes: b"BZh", offset: 0 }]
    }
    fn identify(&self, d: &[u8]) -> Option<Identified> {
        // block size digit, then the block magic (pi) or end-of-stream magic (sqrt pi)
        let level = *d.get(3)?;
        let m = d.get(4..10)?;
        ((b'1'..=b'9').contains(&level)
            && (m == [0x31, 0x41, 0x59, 0x26, 0x53, 0x59] || m == [0x17, 0x72, 0x45, 0x38, 0x50, 0x90]))
        .then(Identified::default)
    }
    fn extract(&self, data: &Bytes, ctx: &mut Ctx) -> Result<Extracted, FormatError> {
        super::stream::extract("bzip2", data, ctx, decompress::bzip2)
    }
}
