//! LZMA "alone" streams (`.lzma`, 13-byte header).
//!
//! Vendors: older routers (TP-Link, D-Link, Broadcom CFE images) compress kernels with lzma-alone.
//! Reference: the LZMA SDK `lzma.txt`. Decoded by our own LZMA decoder ([`crate::lzma2`]), whose output is its
//! dictionary (lzma-rust2 words the error of a stream it refuses). Limitations: only the common property bytes (lc+lp<=4, pb<=4) and
//! dictionary sizes 4 KiB–256 MiB are accepted as candidates, to avoid false positives.

use bytes::Bytes;

use crate::decompress;
use crate::format::read::{le32, le64};
use crate::format::{Ctx, Extracted, Format, FormatError, Identified, Magic};

/// The lzma-alone format.
pub struct Lzma;

impl Format for Lzma {
    fn name(&self) -> &'static str {
        "lzma"
    }
    fn magics(&self) -> &'static [Magic] {
        // props byte 0x5d (lc=3 lp=0 pb=2) is used by nearly every encoder; 0x6d and 0x6c also seen
        &[
            Magic { bytes: &[0x5d, 0x00, 0x00], offset: 0 },
            Magic { bytes: &[0x6d, 0x00, 0x00], offset: 0 },
            Magic { bytes: &[0x6c, 0x00, 0x00], offset: 0 },
        ]
    }
    fn identify(&self, d: &[u8]) -> Option<Identified> {
        let dict = le32(d, 1)?;
        let size = le64(d, 5)?;
        if !(4096..=(256 << 20)).contains(&dict) || !dict.is_power_of_two() && dict % (1 << 16) != 0 {
            return None;
        }
        // uncompressed size: known and plausible, or unknown (all ones)
        if size != u64::MAX && (size == 0 || size > (4u64 << 30)) {
            return None;
        }
        // the first range-coder byte is always 0
        (*d.get(13)? == 0).then(Identified::default)
    }
    fn extract(&self, data: &Bytes, ctx: &mut Ctx) -> Result<Extracted, FormatError> {
        super::stream::extract("lzma", data, ctx, decompress::lzma_alone)
    }
}
