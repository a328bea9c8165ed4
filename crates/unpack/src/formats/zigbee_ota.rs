//! Zigbee OTA upgrade files (`0x0BEEF11E`), the IKEA `NGIS` signed wrapper around them, and the Silicon Labs
//! EBL/GBL payloads they commonly carry.
//!
//! Vendors: every Zigbee device updated over the air: Philips Hue (Signify), IKEA TRÅDFRI, Aqara/Lumi,
//! LEDVANCE/OSRAM, Legrand, Bosch, Danfoss, Sonoff, Tuya modules; the chips are NXP JN51xx, Silicon Labs EFR32
//! (EmberZNet: EBL, later GBL payloads) and TI CC2530/CC26xx.
//! References: Zigbee Cluster Library specification, chapter 11 "OTA Upgrade" (§11.4 OTA file format, §11.4.2
//! header, §11.4.4 sub-elements); Silicon Labs UG103.6 / UG266 and AN1086 (the GBL file format: tags, header
//! type flags, end tag CRC); the legacy EBL layout from the EmberZNet documentation (`ebl.h`).
//!
//! OTA header (little-endian): magic `0x0BEEF11E`, header version (0x0100), header length, field control
//! (bit 0 security credential version present, bit 1 upgrade file destination present, bit 2 hardware
//! versions present), manufacturer code, image type, file version, Zigbee stack version, a 32-byte header
//! string, total image size (header included), then the optional fields. Sub-elements follow to the total
//! size: tag (u16), length (u32), data. Tags: 0x0000 upgrade image, 0x0001 ECDSA signature (crypto suite 1),
//! 0x0002 ECDSA signing certificate (suite 1), 0x0003 image integrity code, 0x0004 picture data, 0x0005 and
//! 0x0006 signature and certificate of crypto suite 2, 0xf000-0xffff manufacturer specific.
//!
//! GBL (Gecko bootloader) payload: tags of a u32 id and a u32 length (little-endian): header `0x03A617EB`
//! (version, type: bit 0 AES-CCM encrypted, bit 8 ECDSA-P256 signed), application info, program data (plain,
//! LZ4, LZMA), encryption init/data tags, an ECDSA-P256 signature tag, a certificate tag, and the end tag
//! whose CRC-32 covers every byte up to its data (checked: a mismatch is a problem). EBL (legacy EmberZNet):
//! big-endian u16 tag and length, header tag 0x0000 of 140 bytes with signature 0xE350; an encrypted EBL starts
//! with the encryption header tag 0xFB05.
//!
//! IKEA `NGIS` header: `NGIS`, then u32 little-endian fields of which the fifth and sixth are the offset and
//! length of the OTA file inside; a signature block follows the OTA file (left unclaimed: its length is not
//! in the header as far as is known). The OTA file is a stream `ota`.
//!
//! Attributes: `manufacturer_code`, `vendor` (for the codes this module knows), `image_type`, `version` (file
//! version), `product` (the header string), `target` (the payload kind: GBL, EBL, NXP JN51xx), `signature`
//! and `encrypted` (from the GBL/EBL tags, else from the header string's `ENCRYPTED`/`UNENCRYPTED`).
//! Streams: `upgrade-image` (the payload as stored), and each manufacturer-specific or unknown element
//! (`element-0xNNNN`), which may hold a nested OTA file. Signatures are recognised, never verified; the ZCL
//! image integrity code (an AES-MMO hash) is not checked.

use bytes::Bytes;

use crate::format::read::{be16, le16, le32};
use crate::format::{Ctx, Extracted, Format, FormatError, Identified, Magic, Stream};

/// The Zigbee OTA format.
pub struct ZigbeeOta;
/// The IKEA `NGIS` wrapper.
pub struct IkeaNgis;

/// OTA magic, little-endian.
pub const MAGIC: u32 = 0x0BEE_F11E;

/// The parsed OTA header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// Header version (0x0100).
    pub version: u16,
    /// Header length.
    pub header_len: u16,
    /// Field control bits.
    pub field_control: u16,
    /// Manufacturer code.
    pub manufacturer: u16,
    /// Image type.
    pub image_type: u16,
    /// File version.
    pub file_version: u32,
    /// Zigbee stack version.
    pub stack_version: u16,
    /// Header string (NULs and trailing spaces removed).
    pub header_string: String,
    /// Total image size, header included.
    pub total_size: u32,
    /// Security credential version, when present.
    pub credential_version: Option<u8>,
    /// Minimum and maximum hardware version, when present.
    pub hardware_versions: Option<(u16, u16)>,
}

impl Header {
    /// Parse and validate the header at the start of `d`.
    pub fn parse(d: &[u8]) -> Option<Header> {
        if le32(d, 0)? != MAGIC {
            return None;
        }
        let fc = le16(d, 8)?;
        let s = d.get(20..52)?;
        let n = s.iter().position(|&b| b == 0).unwrap_or(s.len());
        let header_string = String::from_utf8_lossy(&s[..n]).trim().to_string();
        let mut off = 56usize;
        let credential_version = if fc & 1 != 0 {
            off += 1;
            Some(*d.get(56)?)
        } else {
            None
        };
        if fc & 2 != 0 {
            off += 8;
        }
        let hardware_versions = if fc & 4 != 0 { Some((le16(d, off)?, le16(d, off + 2)?)) } else { None };
        Some(Header {
            version: le16(d, 4)?,
            header_len: le16(d, 6)?,
            field_control: fc,
            manufacturer: le16(d, 10)?,
            image_type: le16(d, 12)?,
            file_version: le32(d, 14)?,
            stack_version: le16(d, 18)?,
            header_string,
            total_size: le32(d, 52)?,
            credential_version,
            hardware_versions,
        })
    }
    /// The header length the field control implies.
    pub fn min_header_len(&self) -> usize {
        56 + usize::from(self.field_control & 1 != 0)
            + if self.field_control & 2 != 0 { 8 } else { 0 }
            + if self.field_control & 4 != 0 { 4 } else { 0 }
    }
}

/// Vendor names of a few well-known Zigbee manufacturer codes.
pub fn vendor_name(code: u16) -> Option<&'static str> {
    Some(match code {
        0x100b => "Signify (Philips)",
        0x110c => "OSRAM",
        0x115f => "LUMI (Aqara/Xiaomi)",
        0x117c => "IKEA of Sweden",
        0x1021 => "Legrand",
        0x1189 => "LEDVANCE",
        0x1246 => "Danfoss",
        0x1209 => "Bosch",
        0x1002 => "Silicon Labs (Ember)",
        _ => return None,
    })
}

fn stack_name(v: u16) -> &'static str {
    match v {
        0 => "ZigBee 2006",
        1 => "ZigBee 2007",
        2 => "ZigBee PRO",
        3 => "ZigBee IP",
        _ => "unknown stack",
    }
}

/// What the tags of a GBL or EBL payload say.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PayloadInfo {
    /// `GBL`, `EBL` or empty.
    pub kind: &'static str,
    /// Encryption tags or flags present.
    pub encrypted: bool,
    /// Signature tag or flag present.
    pub signed: bool,
    /// Problems found while walking the tags.
    pub problems: Vec<String>,
    /// Application version from a GBL application info tag.
    pub app_version: Option<u32>,
}

/// GBL tag ids.
mod gbl {
    pub const HEADER: u32 = 0x03A6_17EB;
    pub const APPLICATION: u32 = 0xF40A_0AF4;
    pub const ENC_DATA: u32 = 0xF907_07F9;
    pub const ENC_INIT: u32 = 0xFA06_06FA;
    pub const SIGNATURE: u32 = 0xF70A_0AF7;
    pub const CERTIFICATE: u32 = 0xF30B_0BF3;
    pub const END: u32 = 0xFC04_04FC;
}

/// Walk a GBL or EBL payload's tags (at most 100,000 of them).
pub fn payload_info(p: &[u8]) -> PayloadInfo {
    let mut info = PayloadInfo::default();
    if le32(p, 0) == Some(gbl::HEADER) {
        info.kind = "GBL";
        let ty = le32(p, 12).unwrap_or(0);
        info.encrypted |= ty & 1 != 0;
        info.signed |= ty & 0x100 != 0;
        let mut off = 0usize;
        let mut ended = false;
        for _ in 0..100_000 {
            let (Some(tag), Some(len)) = (le32(p, off), le32(p, off + 4)) else { break };
            match tag {
                gbl::ENC_DATA | gbl::ENC_INIT => info.encrypted = true,
                gbl::SIGNATURE | gbl::CERTIFICATE => info.signed = true,
                gbl::APPLICATION => info.app_version = le32(p, off + 12),
                _ => {}
            }
            let Some(next) = (off + 8).checked_add(len as usize).filter(|&n| n <= p.len()) else {
                info.problems.push(format!("GBL tag 0x{tag:08x} at {off} runs past the payload"));
                break;
            };
            if tag == gbl::END {
                let stored = le32(p, off + 8);
                if stored.is_some() && p.get(..off + 8).map(crc32fast::hash) != stored {
                    info.problems.push("GBL end tag CRC-32 does not match the file".into());
                }
                ended = true;
                break;
            }
            off = next;
        }
        if !ended && info.problems.is_empty() {
            info.problems.push("GBL has no end tag".into());
        }
    } else if be16(p, 0) == Some(0x0000) && be16(p, 2) == Some(140) && be16(p, 6) == Some(0xE350) {
        info.kind = "EBL";
    } else if be16(p, 0) == Some(0xFB05) {
        info.kind = "EBL";
        info.encrypted = true;
    }
    info
}

impl Format for ZigbeeOta {
    fn name(&self) -> &'static str {
        "zigbee-ota"
    }
    fn magics(&self) -> &'static [Magic] {
        &[Magic { bytes: &[0x1e, 0xf1, 0xee, 0x0b], offset: 0 }]
    }
    fn identify(&self, d: &[u8]) -> Option<Identified> {
        let h = Header::parse(d)?;
        let hl = usize::from(h.header_len);
        if h.version != 0x0100 || hl < h.min_header_len() || hl > 1024 || (h.total_size as usize) < hl {
            return None;
        }
        Some(Identified {
            size: Some(u64::from(h.total_size)),
            description: format!(
                "Zigbee OTA manufacturer 0x{:04x} image type 0x{:04x} version 0x{:08x} {:?}, {} bytes",
                h.manufacturer, h.image_type, h.file_version, h.header_string, h.total_size
            ),
        })
    }
    fn extract(&self, data: &Bytes, ctx: &mut Ctx) -> Result<Extracted, FormatError> {
        let h = Header::parse(data).ok_or_else(|| FormatError::Invalid("no Zigbee OTA header".into()))?;
        let total = (h.total_size as usize).min(data.len());
        if total < h.total_size as usize {
            ctx.problem(None, format!("OTA file truncated: {} of {} bytes", data.len(), h.total_size));
        }
        let mut streams = Vec::new();
        let mut sig: Vec<&str> = Vec::new();
        let mut integrity = false;
        let mut payload: Option<Bytes> = None;
        let mut off = usize::from(h.header_len);
        for _ in 0..4096 {
            if off >= total {
                break;
            }
            let (Some(tag), Some(len)) = (le16(data, off), le32(data, off + 2)) else {
                ctx.problem(None, format!("sub-element header at {off} is truncated"));
                break;
            };
            let start = off + 6;
            let end = start.saturating_add(len as usize);
            if end > total {
                ctx.problem(None, format!("sub-element 0x{tag:04x} at {off} runs past the file ({len} bytes)"));
            }
            let body = data.slice(start.min(total)..end.min(total));
            match tag {
                0x0000 => {
                    payload.get_or_insert_with(|| body.clone());
                    streams.push(Stream {
                        description: String::new(),
                        name: "upgrade-image".into(),
                        offset: start as u64,
                        data: body,
                    });
                }
                0x0001 => sig.push("Zigbee OTA ECDSA signature element (crypto suite 1)"),
                0x0005 => sig.push("Zigbee OTA ECDSA signature element (crypto suite 2)"),
                0x0002 | 0x0006 => {}
                0x0003 => integrity = true,
                _ => {
                    if !body.is_empty() {
                        streams.push(Stream {
                            description: String::new(),
                            name: format!("element-0x{tag:04x}"),
                            offset: start as u64,
                            data: body,
                        })
                    }
                }
            }
            if end > total {
                break;
            }
            off = end;
        }
        let info = payload.as_deref().map(payload_info).unwrap_or_default();
        for p in &info.problems {
            ctx.problem(None, p.clone());
        }
        let upper = h.header_string.to_ascii_uppercase();
        let named_encryption = if upper.contains("UNENCRYPTED") {
            Some(false)
        } else if upper.contains("ENCRYPTED") || upper.contains("ENCR") {
            Some(true)
        } else {
            None
        };
        let chip = upper
            .split(|c: char| !c.is_ascii_alphanumeric())
            .flat_map(|w| w.find("JN51").map(|i| &w[i..]))
            .find(|w| w.len() >= 6)
            .map(|w| format!("NXP {}", &w[..6]));
        let target = match (info.kind, chip) {
            ("", Some(c)) => c,
            ("", None) => String::new(),
            ("GBL", _) => "Silicon Labs GBL (Gecko bootloader) image".into(),
            (k, _) => format!("Silicon Labs {k} image"),
        };
        if info.signed {
            sig.push("GBL ECDSA-P256 signature (not verified)");
        }
        let signature = if sig.is_empty() {
            if integrity {
                "none (image integrity code only)".to_string()
            } else {
                "none".to_string()
            }
        } else {
            format!("{} (not verified)", sig.join(", ").replace(" (not verified)", ""))
        };
        let encrypted = match (info.kind, named_encryption) {
            ("", Some(true)) => "yes (per the header string)",
            ("", Some(false)) => "no (per the header string)",
            ("", None) => "",
            _ if info.encrypted => "yes",
            _ => "no",
        };
        let mut out = Extracted::streams(streams)
            .with_consumed(total as u64)
            .with_attribute("manufacturer_code", format!("0x{:04x}", h.manufacturer))
            .with_attribute("vendor", vendor_name(h.manufacturer).unwrap_or(""))
            .with_attribute("image_type", format!("0x{:04x}", h.image_type))
            .with_attribute("version", format!("0x{:08x}", h.file_version))
            .with_attribute("product", h.header_string.clone())
            .with_attribute("target", target)
            .with_attribute("os", stack_name(h.stack_version))
            .with_attribute("signature", signature)
            .with_attribute("encrypted", encrypted);
        if let Some((lo, hi)) = h.hardware_versions {
            out = out.with_attribute("hardware_versions", format!("{lo}-{hi}"));
        }
        Ok(out)
    }
}

impl Format for IkeaNgis {
    fn name(&self) -> &'static str {
        "ikea-ngis"
    }
    fn magics(&self) -> &'static [Magic] {
        &[Magic { bytes: b"NGIS", offset: 0 }]
    }
    fn identify(&self, d: &[u8]) -> Option<Identified> {
        let off = le32(d, 16)? as usize;
        let len = le32(d, 20)? as usize;
        let end = off.checked_add(len)?;
        if !(24..=4096).contains(&off) || len < 56 || le32(d, off)? != MAGIC {
            return None;
        }
        Some(Identified {
            size: None,
            description: format!("IKEA NGIS signed wrapper, Zigbee OTA file at {off} ({len} bytes), ends at {end}"),
        })
    }
    fn extract(&self, data: &Bytes, ctx: &mut Ctx) -> Result<Extracted, FormatError> {
        let off = le32(data, 16).unwrap_or(0) as usize;
        let len = le32(data, 20).unwrap_or(0) as usize;
        let end = off.saturating_add(len);
        if end > data.len() {
            ctx.problem(None, format!("the OTA file runs past the data ({end} > {})", data.len()));
        }
        let ota = data.slice(off.min(data.len())..end.min(data.len()));
        Ok(Extracted::streams(vec![Stream {
            description: String::new(),
            name: "ota".into(),
            offset: off as u64,
            data: ota,
        }])
        .with_consumed(end.min(data.len()) as u64)
        .with_attribute("vendor", "IKEA")
        .with_attribute("signature", "IKEA NGIS header (signature block after the OTA file; not verified)"))
    }
}
