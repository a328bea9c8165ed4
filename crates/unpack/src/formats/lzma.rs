//! LZMA "alone" streams (`.lzma`, 13-byte header).
//!
//! Vendors: older routers (TP-Link, D-Link, Broadcom CFE images) compress kernels with lzma-alone; VxWorks
//! images (TP-Link TL-WR702N …) hold hundreds of small lzma-alone streams with property bytes such as 0x5a
//! (lc=0 lp=0 pb=2) and 0x6e (lc=2 lp=2 pb=2) and 8 MiB dictionaries.
//! Reference: the LZMA SDK `lzma.txt` (header: properties byte `(pb * 5 + lp) * 9 + lc`, u32 dictionary
//! size, u64 uncompressed size or all ones when unknown, all little-endian) and `lzma-specification.txt`.
//! Decoded by our own LZMA decoder ([`crate::lzma2`]), whose output is its dictionary (lzma-rust2 words the
//! error of a stream it refuses).
//!
//! # Finding streams
//! The header has no magic number, so a candidate is found in two ways:
//! * the properties byte of nearly every encoder (0x5d: lc=3 lp=0 pb=2; also 0x6d and 0x6c) followed by the
//!   two low bytes of a dictionary size that is a multiple of 64 KiB;
//! * any properties byte, with the dictionary size at offset 1 anchoring the match: a power of two
//!   (4 KiB–64 MiB) or three times one (6 KiB–48 MiB), what encoders write (`lzma -d N`, the SDK's `-d`,
//!   xz presets).
//!
//! Each candidate is then checked strictly ([`Header::parse`], then a probe): a valid properties byte
//! (lc<=8, lp<=4, pb<=4), a plausible dictionary size, an uncompressed size that is unknown or at most 4 GiB,
//! a range coder whose first byte is 0 and whose first code (the next 4 bytes) is not 0 (zero-filled data
//! decodes as zeros, and ends "cleanly" at any declared size), and the first [`PROBE_OUTPUT`] bytes (or the
//! whole stream, when shorter) decode without error.
//!
//! Limitations: a stream with another dictionary size (not a multiple of 64 KiB with the common properties,
//! not one of the anchored sizes with the others) is not found by the scan; a stream damaged within its
//! first bytes is not taken.
//!
//! # Example
//! ```
//! use fwassure_unpack::formats::lzma::Header;
//! // props 0x6e (lc=2 lp=2 pb=2), 8 MiB dictionary, 698624 bytes
//! let h = Header::parse(&[0x6e, 0, 0, 0x80, 0, 0x00, 0xa9, 0x0a, 0, 0, 0, 0, 0, 0]).unwrap();
//! assert_eq!((h.lc, h.lp, h.pb, h.dict_size, h.size), (2, 2, 2, 8 << 20, Some(698_624)));
//! ```

use bytes::Bytes;

use crate::decompress;
use crate::format::read::{le32, le64};
use crate::format::{Ctx, Extracted, Format, FormatError, Identified, Magic};
use crate::lzma2::LzmaError;

/// The lzma-alone format.
pub struct Lzma;

/// Length of the lzma-alone header.
pub const HEADER_LEN: usize = 13;

/// Output the identification probe decodes (the whole stream when it is shorter).
pub const PROBE_OUTPUT: u64 = 1024;

/// Input the probe may read: far more than [`PROBE_OUTPUT`] bytes of output need, even from incompressible
/// data.
const PROBE_INPUT: usize = 8192;

/// Largest uncompressed size a candidate may declare.
const MAX_SIZE: u64 = 4 << 30;

/// A validated lzma-alone header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    /// The properties byte, `(pb * 5 + lp) * 9 + lc`.
    pub props: u8,
    /// Literal context bits (0–8).
    pub lc: u8,
    /// Literal position bits (0–4).
    pub lp: u8,
    /// Position bits (0–4).
    pub pb: u8,
    /// Dictionary size.
    pub dict_size: u32,
    /// Uncompressed size; `None` when unknown (all ones: the stream ends with an end marker).
    pub size: Option<u64>,
}

impl Header {
    /// Parse and validate the 13-byte header at the start of `d`: a valid properties byte, a dictionary of
    /// 4 KiB–256 MiB that is a power of two, three times one, or a multiple of 64 KiB, an uncompressed size
    /// unknown or 1 byte–4 GiB, and a 0 as the first byte of the range coder.
    pub fn parse(d: &[u8]) -> Option<Header> {
        let props = *d.first()?;
        if props >= 9 * 5 * 5 {
            return None;
        }
        let dict_size = le32(d, 1)?;
        let size = le64(d, 5)?;
        if !(4096..=(256 << 20)).contains(&dict_size) || !plausible_dict(dict_size) && dict_size % (1 << 16) != 0 {
            return None;
        }
        if size != u64::MAX && (size == 0 || size > MAX_SIZE) {
            return None;
        }
        if *d.get(HEADER_LEN)? != 0 {
            return None;
        }
        Some(Header {
            props,
            lc: props % 9,
            lp: props / 9 % 5,
            pb: props / 45,
            dict_size,
            size: (size != u64::MAX).then_some(size),
        })
    }
}

/// A power of two, or three times one: the dictionary sizes encoders write.
fn plausible_dict(d: u32) -> bool {
    d.is_power_of_two() || d.is_multiple_of(3) && (d / 3).is_power_of_two()
}

/// Whether the stream after `h` starts as an LZMA stream does: the range coder's next bytes are not a run
/// of zeros, and its first [`PROBE_OUTPUT`] bytes (or all of it, when shorter) decode without error.
fn probe(d: &[u8], h: &Header) -> bool {
    let Some(body) = d.get(HEADER_LEN..) else { return false };
    // a first code of 0 decodes zero-filled data as zero literals, and a declared size ends it "cleanly";
    // a real stream's first code is 0 only when it starts with some 32 bits of 0 decisions (literal zero
    // bytes without the matches an encoder takes for a run of zeros)
    if body.get(1..5).is_none_or(|b| b == [0, 0, 0, 0]) {
        return false;
    }
    let window = &body[..body.len().min(PROBE_INPUT)];
    let o = crate::lzma2::decode_lzma(window, h.props, h.dict_size, h.size, PROBE_OUTPUT);
    match o.error {
        None => !o.data.is_empty(),
        // the probe's window ended, not the stream
        Some(LzmaError::InputTruncated) => window.len() < body.len() && !o.data.is_empty(),
        Some(_) => false,
    }
}

/// A dictionary-size magic at offset 1 (the bytes of `$d` little-endian).
macro_rules! dict_magic {
    ($($d:expr),* $(,)?) => {
        [$(Magic {
            bytes: &[($d & 0xff) as u8, ($d >> 8 & 0xff) as u8, ($d >> 16 & 0xff) as u8, ($d >> 24 & 0xff) as u8],
            offset: 1,
        }),*]
    };
}

/// The magics: the three common properties bytes with the low bytes of a 64 KiB multiple, then the
/// dictionary sizes 2^12–2^26 and 3·2^11–3·2^24 at offset 1. Larger dictionaries (which a device would
/// need the memory for) are left out of the anchors: `00 00 00 08` (128 MiB) alone matches every few
/// hundred bytes of x86 code.
static MAGICS: [Magic; 32] = {
    let props = [
        Magic { bytes: &[0x5d, 0x00, 0x00], offset: 0 },
        Magic { bytes: &[0x6d, 0x00, 0x00], offset: 0 },
        Magic { bytes: &[0x6c, 0x00, 0x00], offset: 0 },
    ];
    let pow2 = dict_magic![
        1 << 12,
        1 << 13,
        1 << 14,
        1 << 15,
        1 << 16,
        1 << 17,
        1 << 18,
        1 << 19,
        1 << 20,
        1 << 21,
        1 << 22,
        1 << 23,
        1 << 24,
        1 << 25,
        1 << 26,
    ];
    let pow2x3 = dict_magic![
        3 << 11,
        3 << 12,
        3 << 13,
        3 << 14,
        3 << 15,
        3 << 16,
        3 << 17,
        3 << 18,
        3 << 19,
        3 << 20,
        3 << 21,
        3 << 22,
        3 << 23,
        3 << 24,
    ];
    let mut all = [props[0]; 32];
    let mut i = 0;
    while i < 32 {
        all[i] = if i < 3 {
            props[i]
        } else if i < 18 {
            pow2[i - 3]
        } else {
            pow2x3[i - 18]
        };
        i += 1;
    }
    all
};

impl Format for Lzma {
    fn name(&self) -> &'static str {
        "lzma"
    }
    fn magics(&self) -> &'static [Magic] {
        &MAGICS
    }
    fn identify(&self, d: &[u8]) -> Option<Identified> {
        let h = Header::parse(d)?;
        probe(d, &h).then(Identified::default)
    }
    fn extract(&self, data: &Bytes, ctx: &mut Ctx) -> Result<Extracted, FormatError> {
        super::stream::extract("lzma", data, ctx, decompress::lzma_alone)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_magics_are_the_dictionary_sizes() {
        assert_eq!(MAGICS[3].bytes, &[0x00, 0x10, 0x00, 0x00]);
        assert_eq!(MAGICS[14].bytes, &[0x00, 0x00, 0x80, 0x00], "8 MiB");
        assert_eq!(MAGICS[17].bytes, &[0x00, 0x00, 0x00, 0x04], "64 MiB");
        assert_eq!(MAGICS[18].bytes, &[0x00, 0x18, 0x00, 0x00], "6 KiB");
        assert_eq!(MAGICS[31].bytes, &[0x00, 0x00, 0x00, 0x03], "48 MiB");
        assert!(MAGICS[3..].iter().all(|m| m.offset == 1 && plausible_dict(le32(m.bytes, 0).unwrap())));
    }

    #[test]
    fn headers_are_checked() {
        let h = |p: u8, dict: u32, size: u64| {
            let mut v = vec![p];
            v.extend_from_slice(&dict.to_le_bytes());
            v.extend_from_slice(&size.to_le_bytes());
            v.push(0);
            Header::parse(&v)
        };
        assert!(h(0x5d, 1 << 23, u64::MAX).is_some_and(|h| h.size.is_none() && (h.lc, h.lp, h.pb) == (3, 0, 2)));
        assert!(h(0x5a, 3 << 20, 100).is_some());
        assert!(h(0x5d, 5 << 16, 100).is_some(), "a multiple of 64 KiB");
        assert!(h(225, 1 << 23, 100).is_none(), "properties byte out of range");
        assert!(h(0x5d, 1 << 11, 100).is_none(), "dictionary below 4 KiB");
        assert!(h(0x5d, 1 << 29, 100).is_none(), "dictionary above 256 MiB");
        assert!(h(0x5d, 5000, 100).is_none(), "odd dictionary size");
        assert!(h(0x5d, 1 << 23, 0).is_none(), "empty stream");
        assert!(h(0x5d, 1 << 23, 5 << 30).is_none(), "over 4 GiB");
    }
}
