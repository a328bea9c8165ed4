//! Arcadyan firmware obfuscation: an LZMA kernel image whose first bytes are shuffled so that no tool
//! recognises it.
//!
//! Vendors: routers made by Arcadyan, sold as Linksys WRT120N, Belkin, Telekom Speedport, Vodafone
//! EasyBox, O2 and others (VxWorks/eCos and Linux builds).
//! References: Craig Heffner, "Reversing the WRT120N's Firmware Obfuscation" (devttys0, 2014), and the
//! binwalk documentation of its Arcadyan deobfuscator (v2 plugin, v3 `arcadyan` extractor); the scheme is
//! public and simple, so it is reversed here.
//!
//! The scheme: after a 4-byte prefix (a little-endian BCD build date such as `0x20110530`), the 32-byte
//! block at offset 4 and the 32-byte block at 0x68 are swapped, and the block that ends up at offset 4 has
//! each byte's nibbles swapped and each pair of bytes swapped. Reversed, an LZMA stream (properties 0x5d)
//! starts at offset 4. The obfuscated image is recognised by the bytes `00 d5 08 00` at 0x68, which
//! become the LZMA properties and dictionary size once reversed; the LZMA header's uncompressed size must be
//! plausible too, and the stream must start to decode (its first 4 KiB, from the first 64 KiB of input), so
//! that four bytes that happen to match inside other data do not claim the rest of it.
//!
//! Output: one `payload` stream, the deobfuscated bytes from offset 4 to the end (the LZMA kernel and
//! whatever follows it), unpacked by the engine in turn. The layer's `encrypted` attribute names the
//! scheme. Limitations: only this one obfuscation; Arcadyan's AES-encrypted images are not recognised.

use bytes::Bytes;

use crate::decompress;
use crate::format::read::le64;
use crate::format::{Ctx, Extracted, Format, FormatError, Identified, Magic, Stream};

/// The Arcadyan obfuscation.
pub struct Arcadyan;

const BLOCK: usize = 32;
const B1: usize = 4;
const B2: usize = 0x68;
const MIN_LEN: usize = B2 + BLOCK + 64;

/// Reverse the obfuscation of `d` (at least [`B2`] + 32 bytes): the result has an LZMA stream at offset 4.
pub fn deobfuscate(d: &[u8]) -> Option<Vec<u8>> {
    let mut out = d.to_vec();
    let b1: [u8; BLOCK] = d.get(B1..B1 + BLOCK)?.try_into().ok()?;
    let b2: [u8; BLOCK] = d.get(B2..B2 + BLOCK)?.try_into().ok()?;
    out.get_mut(B2..B2 + BLOCK)?.copy_from_slice(&b1);
    let first = out.get_mut(B1..B1 + BLOCK)?;
    for (i, chunk) in b2.chunks_exact(2).enumerate() {
        // nibble swap of each byte, then swap the bytes of each pair
        first[2 * i] = chunk[1].rotate_left(4);
        first[2 * i + 1] = chunk[0].rotate_left(4);
    }
    Some(out)
}

/// The obfuscation applied to `d` (the inverse of [`deobfuscate`]), for building test images.
pub fn obfuscate(d: &[u8]) -> Option<Vec<u8>> {
    let mut out = d.to_vec();
    let first: [u8; BLOCK] = d.get(B1..B1 + BLOCK)?.try_into().ok()?;
    let b2: [u8; BLOCK] = d.get(B2..B2 + BLOCK)?.try_into().ok()?;
    let mut shuffled = [0u8; BLOCK];
    for (i, chunk) in first.chunks_exact(2).enumerate() {
        shuffled[2 * i] = chunk[1].rotate_left(4);
        shuffled[2 * i + 1] = chunk[0].rotate_left(4);
    }
    out.get_mut(B2..B2 + BLOCK)?.copy_from_slice(&shuffled);
    out.get_mut(B1..B1 + BLOCK)?.copy_from_slice(&b2);
    Some(out)
}

/// The deobfuscated LZMA header (13 bytes at offset 4) is plausible: properties below 225, a dictionary
/// of 4 KiB to 1 GiB, an uncompressed size that is unknown or below 4 GiB.
fn plausible(d: &[u8]) -> bool {
    let Some(h) = deobfuscate(d.get(..B2 + BLOCK).unwrap_or(&[])) else { return false };
    let Some(&props) = h.get(B1) else { return false };
    let dict = h.get(B1 + 1..B1 + 5).and_then(|b| b.try_into().ok()).map(u32::from_le_bytes).unwrap_or(0);
    let size = le64(&h, B1 + 5).unwrap_or(0);
    props < 225 && (4096..=1 << 30).contains(&dict) && (size == u64::MAX || size < 1 << 32)
}

/// The 4-byte prefix read as a BCD date (`YYYYMMDD`, little-endian), when it is one.
fn build_date(d: &[u8]) -> Option<String> {
    let v = u32::from_le_bytes(d.get(..4)?.try_into().ok()?);
    let s = format!("{v:08x}");
    let ok = s.bytes().all(|c| c.is_ascii_digit());
    let (y, m, day) = (s.get(..4)?, s.get(4..6)?, s.get(6..8)?);
    (ok && ("1990".."2100").contains(&y) && ("01"..="12").contains(&m) && ("01"..="31").contains(&day))
        .then(|| format!("{y}-{m}-{day}"))
}

impl Format for Arcadyan {
    fn name(&self) -> &'static str {
        "arcadyan"
    }
    fn magics(&self) -> &'static [Magic] {
        &[Magic { bytes: &[0x00, 0xd5, 0x08, 0x00], offset: B2 }]
    }
    fn identify(&self, d: &[u8]) -> Option<Identified> {
        if d.len() < MIN_LEN || !plausible(d) {
            return None;
        }
        // the magic is 4 bytes: the LZMA stream must also start to decode (from a bounded head, to 4 KiB)
        let clear = deobfuscate(d.get(..d.len().min(64 << 10))?)?;
        let dec = decompress::lzma_alone(clear.get(B1..)?, 4096).ok()?;
        if dec.data.is_empty() || (dec.error.is_some() && dec.data.len() < 4096) {
            return None;
        }
        Some(Identified { size: Some(d.len() as u64), description: "Arcadyan obfuscated firmware (LZMA)".into() })
    }
    fn extract(&self, data: &Bytes, ctx: &mut Ctx) -> Result<Extracted, FormatError> {
        if data.len() < MIN_LEN {
            return Err(FormatError::Truncated(format!(
                "{} bytes, an obfuscated image has at least {MIN_LEN}",
                data.len()
            )));
        }
        ctx.budget().charge_bytes(data.len() as u64).map_err(FormatError::Limit)?;
        let clear = deobfuscate(data).ok_or_else(|| FormatError::Truncated("obfuscated blocks".into()))?;
        let payload = Bytes::from(clear).slice(B1..);
        let mut e = Extracted::streams(vec![Stream {
            description: String::new(),
            name: "payload".into(),
            offset: B1 as u64,
            data: payload,
        }])
        .with_attribute("vendor", "Arcadyan")
        .with_attribute("encrypted", "arcadyan-obfuscation (block swap, nibble and byte swap); reversed")
        .with_attribute("signature", "none");
        let mut description = "Arcadyan obfuscated firmware, deobfuscated".to_string();
        if let Some(date) = build_date(data) {
            description.push_str(&format!(", build date {date}"));
            e = e.with_attribute("version", format!("build {date}"));
        }
        Ok(e.with_description(description))
    }
}
