//! Broadcom ProgramStore images: the firmware container of Broadcom BCM33xx/BCM338x/BCM3390 cable modems and
//! gateways, which run eCos (the cable-modem side) and load the decompressed image at a fixed address.
//!
//! Vendors: Netgear (CM500, CG3000 …), Cisco/Scientific Atlanta (EPC3008, EPC3925 …), Thomson/Technicolor
//! (TWG850, TWG870, TC7200, CGA4233 …), Sagemcom (F@st 3890), Arris, Ubee, Hitron, Askey; the files are
//! usually named `*_sto.bin`.
//! References: Broadcom's `ProgramStore` utility (`ProgramStore.h`, `BcmProgramHeader`, published in the
//! Broadcom `aeolus` repository) and the notes of bcm2-utils (`ps.h`), read for the layout only.
//!
//! Header (92 bytes, big-endian):
//!
//! | offset | field |
//! |---|---|
//! | 0 | signature (u16): a product id chosen by the vendor (Broadcom's default 0x3350) |
//! | 2 | control (u16): low byte compression (0 none, 1 LZ, 2 miniLZO, 3 reserved, 4 NRV2D99, 5 LZMA), high byte 1 = two images |
//! | 4, 6 | major, minor version (u16 each) |
//! | 8 | build time (u32, seconds since 1970) |
//! | 12 | total length of the payload after the header (u32) |
//! | 16 | load address (u32) |
//! | 20 | file name (48 bytes, NUL-terminated) |
//! | 68 | padding (8 bytes) |
//! | 76, 80 | lengths of the first and second image of a dual image (u32 each) |
//! | 84 | HCS (u16): CRC-16/CCITT (initial 0xffff) of bytes 0..84, inverted |
//! | 86 | reserved (u16) |
//! | 88 | CRC (u32): CRC-32 of the payload, most significant bit first (CRC-32/BZIP2) |
//!
//! An LZMA payload is the LZMA properties byte, the dictionary size (u32 little-endian) and the raw LZMA
//! stream, with neither uncompressed size nor end marker: it ends where the payload ends. A dual image holds
//! two such payloads, the second one ending the payload.
//!
//! The header has no magic number: a candidate is found by the control word (LZMA, miniLZO, NRV2D99 or LZ,
//! single or dual) and must have a printable NUL-padded file name, zero padding and a correct HCS, or, for an LZMA image, a header whose every field is
//! plausible (its HCS mismatch is then a problem). The payload CRC is checked (a mismatch is a problem).
//!
//! Limitations: uncompressed images (control 0) are not candidates (a zero control word is too common to
//! scan for); LZ and NRV2D99 payloads are kept compressed, with a problem. The decompressed image (an eCos
//! program, with its OpenSSL, SNMP and certificate data) is a stream `program` (`program-1`, `program-2` for
//! a dual image), identified and carved in turn.
//!
//! ```
//! use fwassure_unpack::formats::programstore::Header;
//! let mut h = [0u8; 92];
//! h[0..2].copy_from_slice(&0x3350u16.to_be_bytes());
//! h[3] = 5; // LZMA
//! h[20..26].copy_from_slice(b"cm.bin");
//! let hcs = fwassure_unpack::formats::programstore::hcs(&h[..84]);
//! h[84..86].copy_from_slice(&hcs.to_be_bytes());
//! let p = Header::parse(&h).unwrap();
//! assert_eq!((p.signature, p.compression(), p.filename.as_str()), (0x3350, 5, "cm.bin"));
//! assert!(p.hcs_ok(&h));
//! ```

use bytes::Bytes;

use crate::format::read::{be16, be32, cstr, le32};
use crate::format::{Ctx, Extracted, Format, FormatError, Identified, Magic, Stream};

/// The ProgramStore format.
pub struct ProgramStore;

/// Header size.
pub const HDR: usize = 92;

/// The parsed 92-byte header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// Product signature chosen by the vendor.
    pub signature: u16,
    /// Control word: compression in the low byte, dual-image flag in the high byte.
    pub control: u16,
    /// Major version.
    pub major: u16,
    /// Minor version.
    pub minor: u16,
    /// Build time, seconds since 1970.
    pub time: u32,
    /// Payload length after the header.
    pub length: u32,
    /// Load address.
    pub load: u32,
    /// File name.
    pub filename: String,
    /// First image length (dual images).
    pub length1: u32,
    /// Second image length (dual images).
    pub length2: u32,
    /// Stored header checksum.
    pub hcs: u16,
    /// Stored payload CRC.
    pub crc: u32,
}

impl Header {
    /// Parse the header at the start of `d` (no validation).
    pub fn parse(d: &[u8]) -> Option<Header> {
        Some(Header {
            signature: be16(d, 0)?,
            control: be16(d, 2)?,
            major: be16(d, 4)?,
            minor: be16(d, 6)?,
            time: be32(d, 8)?,
            length: be32(d, 12)?,
            load: be32(d, 16)?,
            filename: cstr(d.get(20..68)?),
            length1: be32(d, 76)?,
            length2: be32(d, 80)?,
            hcs: be16(d, 84)?,
            crc: be32(d, 88)?,
        })
    }
    /// Compression code (low byte of the control word).
    pub fn compression(&self) -> u8 {
        self.control as u8
    }
    /// Whether the image holds two programs.
    pub fn dual(&self) -> bool {
        self.control >> 8 == 1
    }
    /// Whether the stored HCS matches the header bytes `d`.
    pub fn hcs_ok(&self, d: &[u8]) -> bool {
        d.get(..84).is_some_and(|h| hcs(h) == self.hcs)
    }
}

/// The header checksum: CRC-16/CCITT (polynomial 0x1021, initial 0xffff, MSB first) of `d`, inverted.
pub fn hcs(d: &[u8]) -> u16 {
    let mut c: u16 = 0xffff;
    for &b in d {
        c ^= u16::from(b) << 8;
        for _ in 0..8 {
            c = if c & 0x8000 != 0 { (c << 1) ^ 0x1021 } else { c << 1 };
        }
    }
    !c
}

const fn crc32_msb_table() -> [u32; 256] {
    let mut t = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = (i as u32) << 24;
        let mut k = 0;
        while k < 8 {
            c = if c & 0x8000_0000 != 0 { (c << 1) ^ 0x04c1_1db7 } else { c << 1 };
            k += 1;
        }
        t[i] = c;
        i += 1;
    }
    t
}
static CRC32_MSB: [u32; 256] = crc32_msb_table();

/// The payload CRC: CRC-32 most significant bit first (polynomial 0x04c11db7, initial and final XOR
/// 0xffffffff; CRC-32/BZIP2).
pub fn crc32_msb(d: &[u8]) -> u32 {
    let mut c = 0xffff_ffffu32;
    for &b in d {
        c = (c << 8) ^ CRC32_MSB[((c >> 24) as u8 ^ b) as usize];
    }
    !c
}

/// Name of a compression code.
pub fn compression_name(c: u8) -> &'static str {
    match c {
        0 => "none",
        1 => "LZ",
        2 => "miniLZO",
        3 => "reserved",
        4 => "NRV2D99",
        5 => "LZMA",
        _ => "unknown",
    }
}

/// `YYYY-MM-DD HH:MM:SS UTC` of a Unix time (H. Hinnant's civil-from-days algorithm).
pub fn utc(ts: u64) -> String {
    let days = (ts / 86_400) as i64;
    let secs = ts % 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02} UTC", secs / 3600, secs / 60 % 60, secs % 60)
}

/// Whether an LZMA payload header (properties byte, dictionary size) is one an encoder writes.
fn lzma_props_ok(p: &[u8]) -> bool {
    let (Some(&props), Some(dict)) = (p.first(), le32(p, 1)) else { return false };
    props < 225 && (4096..=(1 << 30)).contains(&dict)
}

/// Whether every header field is plausible (used when the HCS does not match).
fn plausible(h: &Header, d: &[u8]) -> bool {
    let name = d.get(20..68).unwrap_or(&[]);
    let n = name.iter().position(|&b| b == 0).unwrap_or(name.len());
    h.compression() == 5
        && h.control >> 8 <= 1
        && (4..48).contains(&n)
        && name[..n].iter().all(|b| b.is_ascii_graphic())
        && name[n..].iter().all(|&b| b == 0)
        && d.get(68..76).is_some_and(|p| p.iter().all(|&b| b == 0))
        && h.length > 5
        && d.get(HDR..HDR + 5).is_some_and(lzma_props_ok)
}

impl Format for ProgramStore {
    fn name(&self) -> &'static str {
        "programstore"
    }
    fn magics(&self) -> &'static [Magic] {
        // the control word: LZMA, miniLZO, NRV2D99, LZ; single or dual image
        &[
            Magic { bytes: &[0x00, 0x05], offset: 2 },
            Magic { bytes: &[0x01, 0x05], offset: 2 },
            Magic { bytes: &[0x00, 0x02], offset: 2 },
            Magic { bytes: &[0x01, 0x02], offset: 2 },
            Magic { bytes: &[0x00, 0x04], offset: 2 },
            Magic { bytes: &[0x01, 0x04], offset: 2 },
            Magic { bytes: &[0x00, 0x01], offset: 2 },
            Magic { bytes: &[0x01, 0x01], offset: 2 },
        ]
    }
    fn identify(&self, d: &[u8]) -> Option<Identified> {
        // cheap checks first: the file name's last byte is NUL, the length is not zero
        if *d.get(67)? != 0 || d.len() < HDR {
            return None;
        }
        let h = Header::parse(d)?;
        // a file name of printable characters, NUL-padded, and zero padding: a 16-bit HCS alone matches too
        // often among the many control-word candidates of a big image
        let name = d.get(20..68)?;
        let n = name.iter().position(|&b| b == 0).unwrap_or(name.len());
        let name_ok = n >= 1 && name[..n].iter().all(|b| b.is_ascii_graphic()) && name[n..].iter().all(|&b| b == 0);
        if !name_ok || d.get(68..76)?.iter().any(|&b| b != 0) {
            return None;
        }
        if h.length == 0 || h.control >> 8 > 1 || !(h.hcs_ok(d) || plausible(&h, d)) {
            return None;
        }
        if h.dual() && h.length1.checked_add(h.length2).is_none_or(|n| n > h.length) {
            return None;
        }
        Some(Identified {
            size: Some(HDR as u64 + u64::from(h.length)),
            description: format!(
                "Broadcom ProgramStore {:?}, signature 0x{:04x}, {}{} compression, {} bytes",
                h.filename,
                h.signature,
                if h.dual() { "dual image, " } else { "" },
                compression_name(h.compression()),
                h.length
            ),
        })
    }
    fn extract(&self, data: &Bytes, ctx: &mut Ctx) -> Result<Extracted, FormatError> {
        let h = Header::parse(data).ok_or_else(|| FormatError::Truncated("ProgramStore header".into()))?;
        if !h.hcs_ok(data) {
            ctx.problem(None, "ProgramStore header checksum (HCS) does not match the header");
        }
        let want = HDR as u64 + u64::from(h.length);
        let end = usize::try_from(want).unwrap_or(usize::MAX).min(data.len());
        let complete = end as u64 == want;
        let payload = data.slice(HDR.min(end)..end);
        if !complete {
            ctx.problem(None, format!("payload truncated: {} of {} bytes", payload.len(), h.length));
        } else if crc32_msb(&payload) != h.crc {
            ctx.problem(None, "ProgramStore payload CRC32 does not match the header");
        }
        // the programs: one, or two (the second ends the payload)
        let mut parts: Vec<(String, usize, usize)> = Vec::new();
        if h.dual() {
            let l1 = h.length1 as usize;
            let l2 = h.length2 as usize;
            let start2 = (h.length as usize).saturating_sub(l2);
            parts.push(("program-1".into(), 0, l1));
            parts.push(("program-2".into(), start2, start2.saturating_add(l2)));
        } else {
            parts.push(("program".into(), 0, h.length as usize));
        }
        let mut streams = Vec::new();
        for (name, s, e) in parts {
            let e = e.min(payload.len());
            if s >= e {
                ctx.problem(None, format!("{name}: not in the data"));
                continue;
            }
            let whole = complete || e < payload.len();
            let raw = payload.slice(s..e);
            let offset = (HDR + s) as u64;
            match h.compression() {
                0 => streams.push(Stream { description: String::new(), name, offset, data: raw }),
                5 => streams.push(lzma_part(name, offset, raw, whole, ctx)?),
                2 => {
                    let limit = ctx.budget().stream_limit(raw.len()).min(256 << 20) as usize;
                    match crate::decompress::lzo_block(&raw, limit) {
                        Ok(out) if !out.is_empty() => {
                            ctx.budget().charge_bytes(out.len() as u64).map_err(FormatError::Limit)?;
                            let description = format!("ProgramStore miniLZO payload @{offset} (decompressed)");
                            streams.push(Stream { description, name, offset: 0, data: Bytes::from(out) });
                        }
                        r => {
                            let why = r.err().map_or("empty output".to_string(), |e| e.to_string());
                            ctx.problem(None, format!("{name}: miniLZO payload does not decompress ({why}); kept raw"));
                            streams.push(Stream { description: String::new(), name, offset, data: raw });
                        }
                    }
                }
                c => {
                    ctx.problem(
                        None,
                        format!("{name}: {} compression is not supported; kept compressed", compression_name(c)),
                    );
                    streams.push(Stream { description: String::new(), name, offset, data: raw });
                }
            }
        }
        let mut out = Extracted::streams(streams)
            .with_consumed(end as u64)
            .with_attribute("vendor", "Broadcom ProgramStore")
            .with_attribute("product", format!("signature 0x{:04x}", h.signature))
            .with_attribute(
                "image_type",
                format!(
                    "{}program image, {} compression",
                    if h.dual() { "dual " } else { "" },
                    compression_name(h.compression())
                ),
            )
            .with_attribute("version", format!("{}.{}", h.major, h.minor))
            .with_attribute("target", h.filename.clone())
            .with_attribute("signature", "none (HCS and CRC-32 only)");
        if h.time != 0 {
            out = out.with_attribute("build_date", utc(u64::from(h.time)));
        }
        Ok(out)
    }
}

/// Decode one LZMA program: properties byte, dictionary size (LE), raw stream to the end of `raw`.
fn lzma_part(name: String, offset: u64, raw: Bytes, whole: bool, ctx: &mut Ctx) -> Result<Stream, FormatError> {
    let (Some(&props), Some(dict)) = (raw.first(), le32(&raw, 1)) else {
        ctx.problem(None, format!("{name}: LZMA header truncated; kept raw"));
        return Ok(Stream { description: String::new(), name, offset, data: raw });
    };
    let input = raw.get(5..).unwrap_or(&[]);
    let limit = ctx.budget().stream_limit(raw.len());
    let o = crate::lzma2::decode_lzma(input, props, dict, None, limit);
    if o.data.is_empty() {
        let why = o.error.map_or("empty output".to_string(), |e| e.to_string());
        ctx.problem(None, format!("{name}: LZMA payload does not decompress ({why}); kept raw"));
        return Ok(Stream { description: String::new(), name, offset, data: raw });
    }
    match o.error {
        // no end marker: the stream ends with the payload
        Some(crate::lzma2::LzmaError::InputTruncated) if whole => {}
        Some(e) => ctx.problem(None, format!("{name}: lzma: {e}; kept the first {} bytes", o.data.len())),
        None => {}
    }
    if o.truncated {
        ctx.problem(None, format!("{name}: LZMA stream stopped at {limit} bytes: expansion limit"));
    }
    ctx.budget().charge_bytes(o.data.len() as u64).map_err(FormatError::Limit)?;
    let description = format!("ProgramStore LZMA payload @{offset} (decompressed)");
    Ok(Stream { description, name, offset: 0, data: Bytes::from(o.data) })
}
