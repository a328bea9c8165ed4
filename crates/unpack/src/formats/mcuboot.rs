//! MCUboot images: the signed application images of the MCUboot secure bootloader (Zephyr, Apache Mynewt,
//! RIOT, Arm Mbed/TF-M, Espressif and NXP ports).
//!
//! Vendors: Nordic nRF52/nRF53/nRF91 products (nRF Connect SDK), Zephyr-based sensors and trackers, TF-M
//! secure images on Cortex-M33 parts, many BLE and LTE-M devices updated through mcumgr/SMP.
//! References: MCUboot `docs/design.md` ("Image Format": `struct image_header`, `struct image_tlv_info`,
//! `struct image_tlv`, the TLV type list) and `imgtool` documentation, read for the layouts only.
//!
//! Layout (little-endian): a header (magic `0x96f3b83d`, load address, header size, protected TLV area size,
//! image size, flags, version major.minor.revision+build) padded to its header size, the image, then the
//! optional protected TLV area (info magic `0x6908`, total length) and the TLV area (info magic `0x6907`,
//! total length including the 4-byte info). Each TLV is a u16 type and a u16 length. Types: 0x01 key hash,
//! 0x02 public key, 0x10/0x11/0x12 SHA-256/384/512 of header + image + protected TLVs, 0x20 RSA-2048 PSS,
//! 0x21 ECDSA-224, 0x22 ECDSA (P-256), 0x23 RSA-3072 PSS, 0x24 ED25519, 0x25 "pure" signature, 0x30-0x33
//! encrypted key (RSA-OAEP, AES-KW, ECIES-P256, ECIES-X25519), 0x40 dependency, 0x50 security counter,
//! 0x60 boot record.
//!
//! The SHA-256 TLV is verified (a mismatch is a problem); signatures are named in the `signature` attribute
//! with the hash, not verified. Flags name encryption (`IMAGE_F_ENCRYPTED_AES128/256`, `encrypted`) and
//! compression. The image body is a stream `image`.
//!
//! ```
//! use fwassure_unpack::formats::mcuboot::tlv_name;
//! assert_eq!(tlv_name(0x20), Some("RSA-2048"));
//! ```

use bytes::Bytes;
use sha2::{Digest, Sha256};

use crate::format::read::{le16, le32};
use crate::format::{Ctx, Extracted, Format, FormatError, Identified, Magic, Stream};

/// The MCUboot image format.
pub struct McuBoot;

/// Header magic.
pub const MAGIC: u32 = 0x96f3_b83d;
/// TLV area magic.
pub const TLV_INFO: u16 = 0x6907;
/// Protected TLV area magic.
pub const TLV_PROT_INFO: u16 = 0x6908;

/// The image header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// Load address.
    pub load: u32,
    /// Header size (the image starts here).
    pub hdr_size: u16,
    /// Protected TLV area size.
    pub protect_tlv_size: u16,
    /// Image size.
    pub img_size: u32,
    /// Flags.
    pub flags: u32,
    /// Version: major, minor, revision, build number.
    pub version: (u8, u8, u16, u32),
}

impl Header {
    /// Parse the header at the start of `d`.
    pub fn parse(d: &[u8]) -> Option<Header> {
        if le32(d, 0)? != MAGIC {
            return None;
        }
        Some(Header {
            load: le32(d, 4)?,
            hdr_size: le16(d, 8)?,
            protect_tlv_size: le16(d, 10)?,
            img_size: le32(d, 12)?,
            flags: le32(d, 16)?,
            version: (*d.get(20)?, *d.get(21)?, le16(d, 22)?, le32(d, 24)?),
        })
    }
}

/// The signature algorithm a TLV type names (`None` for non-signature TLVs).
pub fn tlv_name(t: u16) -> Option<&'static str> {
    Some(match t {
        0x20 => "RSA-2048",
        0x21 => "ECDSA-224",
        0x22 => "ECDSA-P256",
        0x23 => "RSA-3072",
        0x24 => "ED25519",
        0x25 => "pure signature",
        _ => return None,
    })
}

fn hash_name(t: u16) -> Option<&'static str> {
    Some(match t {
        0x10 => "SHA-256",
        0x11 => "SHA-384",
        0x12 => "SHA-512",
        _ => return None,
    })
}

/// One TLV: type, offset of its data, length.
type Tlv = (u16, usize, usize);

/// The TLV area with info `magic` at `off`: its entries and its end offset.
fn tlv_area(d: &[u8], off: usize, magic: u16) -> Option<(Vec<Tlv>, usize)> {
    if le16(d, off)? != magic {
        return None;
    }
    let total = usize::from(le16(d, off + 2)?);
    let end = off.checked_add(total)?;
    let mut p = off + 4;
    let mut out = Vec::new();
    while p + 4 <= end && out.len() < 1024 {
        let t = le16(d, p)?;
        let l = usize::from(le16(d, p + 2)?);
        out.push((t, p + 4, l));
        p = p + 4 + l;
    }
    Some((out, end))
}

impl Format for McuBoot {
    fn name(&self) -> &'static str {
        "mcuboot"
    }
    fn magics(&self) -> &'static [Magic] {
        &[Magic { bytes: &[0x3d, 0xb8, 0xf3, 0x96], offset: 0 }]
    }
    fn identify(&self, d: &[u8]) -> Option<Identified> {
        let h = Header::parse(d)?;
        if h.hdr_size < 32 || h.img_size == 0 {
            return None;
        }
        let body_end = usize::from(h.hdr_size).checked_add(h.img_size as usize)?;
        let tlv_at = body_end + usize::from(h.protect_tlv_size);
        // the TLV area must sit where the header says (when the data reaches it)
        let size = match tlv_area(d, tlv_at, TLV_INFO) {
            Some((_, end)) => end,
            None if d.len() < tlv_at + 4 => tlv_at,
            None => return None,
        };
        let (a, b, c, e) = h.version;
        Some(Identified {
            size: Some(size as u64),
            description: format!("MCUboot image v{a}.{b}.{c}+{e}, {} bytes, load 0x{:08x}", h.img_size, h.load),
        })
    }
    fn extract(&self, data: &Bytes, ctx: &mut Ctx) -> Result<Extracted, FormatError> {
        let h = Header::parse(data).ok_or_else(|| FormatError::Invalid("no MCUboot header".into()))?;
        let hs = usize::from(h.hdr_size);
        let body_end = hs.saturating_add(h.img_size as usize);
        if body_end > data.len() {
            ctx.problem(None, format!("image truncated: {} of {} bytes", data.len(), body_end));
        }
        let mut streams = Vec::new();
        if hs < data.len() {
            streams.push(Stream {
                description: String::new(),
                name: "image".into(),
                offset: hs as u64,
                data: data.slice(hs..body_end.min(data.len())),
            });
        }
        let mut tlvs = Vec::new();
        let mut end = body_end.min(data.len());
        if h.protect_tlv_size > 0 {
            match tlv_area(data, body_end, TLV_PROT_INFO) {
                Some((t, e)) => {
                    tlvs.extend(t);
                    end = e;
                }
                None => ctx.problem(None, "protected TLV area missing"),
            }
        }
        let tlv_at = body_end + usize::from(h.protect_tlv_size);
        match tlv_area(data, tlv_at, TLV_INFO) {
            Some((t, e)) => {
                tlvs.extend(t);
                end = e;
            }
            None => ctx.problem(None, "TLV area (0x6907) missing"),
        }
        let mut hashes = Vec::new();
        let mut sigs = Vec::new();
        for &(t, off, len) in &tlvs {
            let Some(v) = data.get(off..off + len) else {
                ctx.problem(None, format!("TLV 0x{t:02x} runs past the data"));
                continue;
            };
            if let Some(n) = hash_name(t) {
                hashes.push(n);
            }
            if t == 0x10 {
                match data.get(..tlv_at) {
                    Some(signed) if Sha256::digest(signed).as_slice() != v => {
                        ctx.problem(None, "SHA-256 TLV does not match the image")
                    }
                    None => ctx.problem(None, "SHA-256 TLV: the image is truncated; not checked"),
                    _ => {}
                }
            }
            if let Some(s) = tlv_name(t) {
                sigs.push(s);
            }
        }
        let signature = match (sigs.is_empty(), hashes.first()) {
            (true, Some(h)) => format!("none (MCUboot TLV: {h} only)"),
            (true, None) => "none".to_string(),
            (false, hash) => format!(
                "MCUboot TLV: {}{} (not verified)",
                sigs.join(", "),
                hash.map(|h| format!(" + {h}")).unwrap_or_default()
            ),
        };
        let encrypted = match h.flags & 0x0c {
            0x04 => "yes (AES-128)",
            0x08 => "yes (AES-256)",
            0 if tlvs.iter().any(|t| (0x30..=0x33).contains(&t.0)) => "yes",
            0 => "no",
            _ => "yes",
        };
        let (a, b, c, e) = h.version;
        let mut out = Extracted::streams(streams)
            .with_consumed(end.min(data.len()) as u64)
            .with_attribute("image_type", "MCUboot image")
            .with_attribute("version", format!("{a}.{b}.{c}+{e}"))
            .with_attribute("load_address", format!("0x{:08x}", h.load))
            .with_attribute("signature", signature)
            .with_attribute("encrypted", encrypted);
        if h.flags & 0x600 != 0 {
            out = out.with_attribute("compression", if h.flags & 0x200 != 0 { "LZMA1" } else { "LZMA2" });
        }
        Ok(out)
    }
}
