//! Espressif application and bootloader images: ESP8266 (`0xE9` version 1 and `0xEA` "new"/version 2) and
//! ESP32-family (`0xE9` with the extended header) flash images.
//!
//! Vendors: Espressif modules in countless smart plugs, bulbs and sensors (Sonoff, Tuya/Smart Life before
//! their move to Beken/Realtek, Shelly, Tasmota and ESPHome builds), and ESP-AT firmware on Wi-Fi modules.
//! References: esptool's "Firmware Image Format" documentation (ESP8266 and ESP32 pages), ESP-IDF
//! `esp_app_format.h` (`esp_image_header_t`, `esp_image_segment_header_t`, `esp_app_desc_t`) and the Secure Boot
//! V2 documentation (signature block), read for the layouts only.
//!
//! ESP8266 v1: `0xE9`, segment count, flash mode, flash size/frequency, entry point (u32 LE), then the
//! segments (load address, length, data), padding so that the checksum byte (XOR of all segment data,
//! seed 0xEF) ends a 16-byte block. ESP8266 v2 (`0xEA`, as written by `gen_appbin.py` for OTA "user1/user2"
//! images): the 8-byte header, one IROM segment header and data (flash-mapped code), then a complete v1 image
//! (the RAM segments), then a CRC-32 of everything before (stored inverted when its top bit is set, else
//! plus one). ESP32 family: the 8-byte header, a 16-byte extended header (write-protect pin, pin drive
//! settings, chip id, minimum/maximum chip revision, `hash_appended`), segments, checksum, and when
//! `hash_appended` is 1 a SHA-256 of the image; the first data segment of an application starts with the
//! application description (`0xABCD5432`: version, project name, build time and date, ESP-IDF version).
//! A Secure Boot V2 signature block (`0xE7`, version 2 RSA-PSS or 3 ECDSA) may follow on the next 4 KiB
//! boundary.
//!
//! The checksum and the v2 CRC are verified (a mismatch is a problem); the appended SHA-256 and secure boot
//! signatures are recognised, not verified. Attributes: `target` (chip), `os` (SDK and version where the
//! bytes say it: the ESP8266 NONOS SDK version string, the ESP-IDF version of the app description, the
//! second-stage bootloader's version banner), `product` and `version` (app description), `build_date`,
//! `signature`. Each segment is a stream named by its load address.
//!
//! Limitations: flash encryption cannot be seen from the header (an encrypted image does not parse); the
//! SDK version strings are found by their shape (`3.0.6-dev(072755c)` near the NONOS SDK's "SDK ver"
//! format string), so a stripped image may give no version.

use bytes::Bytes;

use crate::format::read::{le16, le32};
use crate::format::{Ctx, Extracted, Format, FormatError, Identified, Magic, Stream};

/// The Espressif image format.
pub struct Esp;

/// One segment: load address and the range of its data in the image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// Load address.
    pub addr: u32,
    /// Offset of the data in the image.
    pub offset: usize,
    /// Length of the data.
    pub len: usize,
}

/// A parsed image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    /// 1 (`0xE9` ESP8266), 2 (`0xEA` ESP8266 new) or 32 (ESP32 family).
    pub kind: u8,
    /// Entry point.
    pub entry: u32,
    /// Flash mode byte.
    pub flash_mode: u8,
    /// Flash size/frequency byte.
    pub flash_size_freq: u8,
    /// ESP32 chip id.
    pub chip_id: Option<u16>,
    /// Whether a SHA-256 is appended (ESP32).
    pub hash_appended: bool,
    /// Version byte of a Secure Boot V2 signature block after the image (2 RSA-PSS, 3 ECDSA), when present.
    pub sig_block: Option<u8>,
    /// Segments.
    pub segments: Vec<Segment>,
    /// Offset of the checksum byte of the (last) v1-style image.
    pub checksum_at: usize,
    /// XOR checksum over the segments of the v1-style part.
    pub checksum: u8,
    /// Total size (checksum, appended hash and v2 CRC included).
    pub size: usize,
}

/// A plausible load or entry address of an ESP8266/ESP32 (the on-chip RAM, ROM and flash-mapped windows).
fn addr_ok(a: u32) -> bool {
    (0x3c00_0000..0x6000_0000).contains(&a)
}

/// Read `n` segments from `off`; returns the segments, the end offset and the XOR checksum.
fn segments(d: &[u8], mut off: usize, n: u8) -> Option<(Vec<Segment>, usize, u8)> {
    let mut segs = Vec::new();
    let mut ck = 0xefu8;
    for _ in 0..n {
        let addr = le32(d, off)?;
        let len = le32(d, off + 4)? as usize;
        let start = off + 8;
        let data = d.get(start..start.checked_add(len)?)?;
        if len > 16 << 20 || !(addr_ok(addr) || addr == 0) {
            return None;
        }
        ck = data.iter().fold(ck, |c, &b| c ^ b);
        segs.push(Segment { addr, offset: start, len });
        off = start + len;
    }
    Some((segs, off, ck))
}

/// Offset of the checksum byte after segments ending at `end` (it ends a 16-byte block).
fn checksum_pos(end: usize) -> usize {
    (end | 15).max(end)
}

impl Image {
    /// Parse an image at the start of `d`.
    pub fn parse(d: &[u8]) -> Option<Image> {
        let magic = *d.first()?;
        let n = *d.get(1)?;
        let flash_mode = *d.get(2)?;
        let flash_size_freq = *d.get(3)?;
        let entry = le32(d, 4)?;
        if !(1..=16).contains(&n) || flash_mode > 5 {
            return None;
        }
        match magic {
            0xEA => {
                let irom_len = le32(d, 12)? as usize;
                let irom = Segment { addr: le32(d, 8)?, offset: 16, len: irom_len };
                let v1_at = 16usize.checked_add(irom_len)?;
                let v1 = Image::parse_v1(d.get(v1_at..)?, false)?;
                let mut segs = vec![irom];
                segs.extend(v1.segments.iter().map(|s| Segment { offset: s.offset + v1_at, ..s.clone() }));
                Some(Image {
                    kind: 2,
                    entry: v1.entry,
                    flash_mode,
                    flash_size_freq,
                    chip_id: None,
                    hash_appended: false,
                    sig_block: None,
                    segments: segs,
                    checksum_at: v1.checksum_at + v1_at,
                    checksum: v1.checksum,
                    size: v1_at + v1.size + 4,
                })
                .filter(|_| addr_ok(entry) || entry == 0)
            }
            0xE9 => {
                // an ESP32 extended header has small pin-drive bytes where an ESP8266 segment address has
                // its 0x3f/0x40 top byte
                let esp32 = d.get(9..12).is_some_and(|p| p.iter().all(|&b| b <= 0x0f))
                    && d.get(16..23).is_some_and(|r| r.iter().skip(3).all(|&b| b == 0))
                    && d.get(23).is_some_and(|&b| b <= 1);
                if esp32 {
                    Image::parse_v1(d, true).or_else(|| Image::parse_v1(d, false))
                } else {
                    Image::parse_v1(d, false)
                }
            }
            _ => None,
        }
    }

    fn parse_v1(d: &[u8], esp32: bool) -> Option<Image> {
        if *d.first()? != 0xE9 {
            return None;
        }
        let n = *d.get(1)?;
        let entry = le32(d, 4)?;
        if !addr_ok(entry) {
            return None;
        }
        let first = if esp32 { 24 } else { 8 };
        let (segs, end, ck) = segments(d, first, n)?;
        let checksum_at = checksum_pos(end);
        let hash_appended = esp32 && d.get(23) == Some(&1);
        let mut size = checksum_at + 1 + if hash_appended { 32 } else { 0 };
        // a Secure Boot V2 signature block (1216 bytes) on the next 4 KiB boundary
        let sb = size.div_ceil(4096) * 4096;
        let sig_block = (esp32 && d.get(sb) == Some(&0xE7) && matches!(d.get(sb + 1), Some(2 | 3)))
            .then(|| d.get(sb + 1).copied().unwrap_or(0));
        if sig_block.is_some() {
            size = sb + 1216;
        }
        Some(Image {
            sig_block,
            kind: if esp32 { 32 } else { 1 },
            entry,
            flash_mode: *d.get(2)?,
            flash_size_freq: *d.get(3)?,
            chip_id: if esp32 { le16(d, 12) } else { None },
            hash_appended,
            segments: segs,
            checksum_at,
            checksum: ck,
            size,
        })
    }
}

/// Name of an ESP32-family chip id.
pub fn chip_name(id: u16) -> String {
    match id {
        0 => "ESP32".into(),
        2 => "ESP32-S2".into(),
        5 => "ESP32-C3".into(),
        9 => "ESP32-S3".into(),
        12 => "ESP32-C2".into(),
        13 => "ESP32-C6".into(),
        16 => "ESP32-H2".into(),
        18 => "ESP32-P4".into(),
        23 => "ESP32-C5".into(),
        _ => format!("ESP32 family (chip id {id})"),
    }
}

/// The ESP8266 CRC of `gen_appbin.py`: CRC-32, inverted when its top bit is set, else plus one.
pub fn esp8266_crc(d: &[u8]) -> u32 {
    let c = crc32fast::hash(d);
    if c & 0x8000_0000 != 0 {
        !c
    } else {
        c.wrapping_add(1)
    }
}

/// Printable NUL-terminated strings of at least `min` bytes, with their offsets (at most `max` of them).
fn strings(d: &[u8], min: usize, max: usize) -> impl Iterator<Item = (usize, &str)> {
    let mut off = 0usize;
    d.split(|&b| b == 0)
        .map(move |s| {
            let o = off;
            off += s.len() + 1;
            (o, s)
        })
        .filter(move |(_, s)| {
            s.len() >= min && s.len() <= 200 && s.iter().all(|&b| (0x20..0x7f).contains(&b) || b"\t\n\r".contains(&b))
        })
        .filter_map(|(o, s)| std::str::from_utf8(s).ok().map(|s| (o, s)))
        .take(max)
}

/// A NONOS SDK version string: `d.d.d`, optionally `-tag`, then `(` seven hex digits `)`.
fn sdk_version_shape(s: &str) -> bool {
    let Some((ver, rest)) = s.split_once('(') else { return false };
    let Some(hash) = rest.strip_suffix(')') else { return false };
    let num = ver.split('-').next().unwrap_or("");
    let parts: Vec<&str> = num.split('.').collect();
    (2..=3).contains(&parts.len())
        && parts.iter().all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()))
        && hash.len() == 7
        && hash.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The SDK or bootloader naming in the image bytes: (`os`, `version`).
fn sdk(d: &[u8]) -> (Option<String>, Option<String>) {
    let has = |needle: &[u8]| memchr::memmem::find(d, needle).is_some();
    for (_, s) in strings(d, 6, 1_000_000) {
        if let Some((_, v)) = s.split_once("2nd boot version : ") {
            let v = v.trim();
            return (Some(format!("ESP8266 NONOS SDK second-stage bootloader {v}")), Some(v.to_string()));
        }
    }
    if has(b"SDK ver") || has(b"NONOS") {
        let v = strings(d, 8, 1_000_000).map(|(_, s)| s.trim()).find(|s| sdk_version_shape(s));
        return (Some(format!("ESP8266 NONOS SDK{}", v.map(|v| format!(" {v}")).unwrap_or_default())), None);
    }
    (None, None)
}

fn field(d: &[u8], off: usize, len: usize) -> String {
    d.get(off..off + len).map(crate::format::read::cstr).unwrap_or_default().trim().to_string()
}

impl Format for Esp {
    fn name(&self) -> &'static str {
        "esp"
    }
    fn magics(&self) -> &'static [Magic] {
        // magic byte and a segment count of 1 to 16 (v1, ESP32), or 4 (v2)
        &[
            Magic { bytes: &[0xE9, 1], offset: 0 },
            Magic { bytes: &[0xE9, 2], offset: 0 },
            Magic { bytes: &[0xE9, 3], offset: 0 },
            Magic { bytes: &[0xE9, 4], offset: 0 },
            Magic { bytes: &[0xE9, 5], offset: 0 },
            Magic { bytes: &[0xE9, 6], offset: 0 },
            Magic { bytes: &[0xE9, 7], offset: 0 },
            Magic { bytes: &[0xE9, 8], offset: 0 },
            Magic { bytes: &[0xE9, 9], offset: 0 },
            Magic { bytes: &[0xE9, 10], offset: 0 },
            Magic { bytes: &[0xE9, 11], offset: 0 },
            Magic { bytes: &[0xE9, 12], offset: 0 },
            Magic { bytes: &[0xE9, 13], offset: 0 },
            Magic { bytes: &[0xE9, 14], offset: 0 },
            Magic { bytes: &[0xE9, 15], offset: 0 },
            Magic { bytes: &[0xE9, 16], offset: 0 },
            Magic { bytes: &[0xEA, 4], offset: 0 },
        ]
    }
    fn identify(&self, d: &[u8]) -> Option<Identified> {
        let img = Image::parse(d)?;
        if img.checksum_at >= d.len() || img.segments.iter().all(|s| s.len == 0) {
            return None;
        }
        // the checksum must match unless the image is cut short
        if d.get(img.checksum_at).is_some_and(|&c| c != img.checksum) {
            return None;
        }
        let what = match img.kind {
            1 => "ESP8266 image (v1)".to_string(),
            2 => "ESP8266 image (v2, new)".to_string(),
            _ => format!("{} image", chip_name(img.chip_id.unwrap_or(0))),
        };
        Some(Identified {
            size: Some(img.size as u64),
            description: format!("{what}, {} segments, entry 0x{:08x}", img.segments.len(), img.entry),
        })
    }
    fn extract(&self, data: &Bytes, ctx: &mut Ctx) -> Result<Extracted, FormatError> {
        let img = Image::parse(data).ok_or_else(|| FormatError::Invalid("not an Espressif image".into()))?;
        let end = img.size.min(data.len());
        match data.get(img.checksum_at) {
            Some(&c) if c != img.checksum => ctx.problem(None, "segment checksum does not match"),
            None => ctx.problem(None, format!("image truncated: {} of {} bytes", data.len(), img.size)),
            _ => {}
        }
        if img.kind == 2 && end == img.size {
            let stored = le32(data, img.size - 4);
            if stored != Some(esp8266_crc(&data[..img.size - 4])) {
                ctx.problem(None, "image CRC-32 does not match");
            }
        }
        let streams: Vec<Stream> = img
            .segments
            .iter()
            .enumerate()
            .filter(|(_, s)| s.len > 0)
            .map(|(i, s)| Stream {
                description: String::new(),
                name: format!("segment-{i}@0x{:08x}", s.addr),
                offset: s.offset as u64,
                data: data.slice(s.offset..s.offset + s.len),
            })
            .collect();
        let image = &data[..end];
        let mut out = Extracted::streams(streams).with_consumed(end as u64).with_attribute("vendor", "Espressif");
        let mut signature = "none".to_string();
        match img.kind {
            1 | 2 => {
                out = out.with_attribute("target", "ESP8266").with_attribute(
                    "image_type",
                    if img.kind == 1 { "ESP8266 flash image v1 (0xE9)" } else { "ESP8266 flash image v2 (0xEA)" },
                );
                let (os, version) = sdk(image);
                if let Some(os) = os {
                    out = out.with_attribute("os", os);
                }
                if let Some(v) = version {
                    out = out.with_attribute("version", v);
                }
            }
            _ => {
                out = out
                    .with_attribute("target", chip_name(img.chip_id.unwrap_or(0)))
                    .with_attribute("image_type", "ESP32 flash image (0xE9, extended header)");
                let desc = img.segments.iter().find(|s| le32(data, s.offset) == Some(0xABCD_5432));
                if let Some(s) = desc {
                    let o = s.offset;
                    let idf = field(data, o + 112, 32);
                    out = out
                        .with_attribute("version", field(data, o + 16, 32))
                        .with_attribute("product", field(data, o + 48, 32))
                        .with_attribute(
                            "build_date",
                            format!("{} {}", field(data, o + 96, 16), field(data, o + 80, 16)).trim().to_string(),
                        )
                        .with_attribute("os", if idf.is_empty() { String::new() } else { format!("ESP-IDF {idf}") });
                }
                if img.hash_appended {
                    signature = "none (SHA-256 appended, not verified)".into();
                }
                match img.sig_block {
                    Some(2) => signature = "Secure Boot V2 signature block: RSA-3072 PSS (not verified)".into(),
                    Some(_) => signature = "Secure Boot V2 signature block: ECDSA (not verified)".into(),
                    None => {}
                }
            }
        }
        Ok(out
            .with_attribute("entry", format!("0x{:08x}", img.entry))
            .with_attribute("signature", signature)
            .with_description(format!(
                "Espressif {} image, {} segments, entry 0x{:08x}",
                if img.kind == 32 { chip_name(img.chip_id.unwrap_or(0)) } else { "ESP8266".into() },
                img.segments.len(),
                img.entry
            )))
    }
}
