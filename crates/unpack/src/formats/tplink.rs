//! TP-Link firmware headers, versions 1 and 2: the 512-byte header in front of a TP-Link router's kernel and
//! root file system.
//!
//! Vendors: TP-Link TL-WR/TL-WA/TL-MR/Archer routers and access points of the Atheros/Qualcomm (v1) and
//! MediaTek MT7620/MT7628 (v2) generations, and the OpenWrt factory images made for them.
//! References: OpenWrt `firmware-utils/src/mktplinkfw.c` (v1), `mktplinkfw2.c` (v2) and
//! `mktplinkfw-lib.c`; read for the layout only.
//!
//! Layout, big-endian except where said:
//! - v1 (`version` 1, written in either byte order; the header format string "ver. 1.0" at 0x1c): vendor
//!   name (24 bytes at 0x04), format string (36), hardware id (0x40), hardware revision (0x44), region
//!   (0x48), MD5 (0x4c), a second digest (0x60), kernel load address and entry (0x74, 0x78), total length
//!   (0x7c), kernel offset/length (0x80/0x84), rootfs offset/length (0x88/0x8c), bootloader offset/length
//!   (0x90/0x94), firmware version `hi.mid.lo` (three u16 at 0x98).
//! - v2 (`version` 2 or 3, "ver. 2.0" at 0x04): format string (48 bytes), hardware id (0x34), revision
//!   (0x38), additional hardware version (0x3c), MD5 (0x40), second digest (0x54), load address and entry
//!   (0x68, 0x6c; little-endian on MediaTek images, not used here), total length (0x70), kernel (0x74/0x78),
//!   rootfs (0x7c/0x80), bootloader (0x84/0x88), `0x55aa`, firmware version bytes at 0x91..0x94.
//!
//! Offsets are from the header's first byte. The MD5 covers the whole image (`total length` bytes) with the
//! digest field replaced by a public salt: one for a plain firmware image and one for an image that
//! carries the bootloader (`boot_len` non-zero). A mismatch is a problem, not a rejection. An all-zero or
//! all-ones digest (flash copies, where the boot loader clears it) is reported as not set.
//!
//! An image with a bootloader (TP-Link's "up_boot" images) holds the header, the bootloader
//! (`boot_len` bytes right after the header, padded to a 64 KiB multiple), then a plain firmware image with
//! its own header, to which the outer kernel and rootfs offsets refer. Its streams are `bootloader` and
//! `firmware` (the inner image, unpacked in turn as a TP-Link image); a plain image gives `kernel` and
//! `rootfs`.
//!
//! Worked example (TL-WR940N v4): outer header, total 0x3e0200, `boot_len` 0xe75b, boot salt → bootloader at
//! 0x200; inner header at 0x20200 (total 0x3c0000, normal salt) → kernel (LZMA) at 0x20200+0x200 and
//! rootfs (squashfs) at 0x20200+0x100000.
//!
//! Limitations: the second digest (an RSA signature block on some models) is not checked; TP-Link's later
//! "safeloader" partition-table images and VxWorks `IMG0` images are other formats.

use bytes::Bytes;

use crate::format::read::{be16, be32, le32};
use crate::format::{Ctx, Extracted, Format, FormatError, Identified, Magic};
use crate::formats::vendor::{md5, part, text_field};

/// The TP-Link header format.
pub struct TpLink;

/// Size of the header.
pub const HDR: usize = 0x200;

/// Salt in place of the digest for a plain firmware image (header v1).
pub const SALT_NORMAL_V1: [u8; 16] =
    [0xdc, 0xd7, 0x3a, 0xa5, 0xc3, 0x95, 0x98, 0xfb, 0xdd, 0xf9, 0xe7, 0xf4, 0x0e, 0xae, 0x47, 0x38];
/// Salt in place of the digest for an image with a bootloader (header v1).
pub const SALT_BOOT_V1: [u8; 16] =
    [0x8c, 0xef, 0x33, 0x5b, 0xd5, 0xc5, 0xce, 0xfa, 0xa7, 0x9c, 0x28, 0xda, 0xb2, 0xe9, 0x0f, 0x42];
/// Salt for a plain firmware image (header v2).
pub const SALT_NORMAL_V2: [u8; 16] =
    [0xdc, 0xd7, 0x3a, 0xa5, 0xc3, 0x95, 0x98, 0xfb, 0xdc, 0xf9, 0xe7, 0xf4, 0x0e, 0xae, 0x47, 0x37];
/// Salt for an image with a bootloader (header v2).
pub const SALT_BOOT_V2: [u8; 16] =
    [0x8c, 0xef, 0x33, 0x5f, 0xd5, 0xc5, 0xce, 0xfa, 0xac, 0x9c, 0x28, 0xda, 0xb2, 0xe9, 0x0f, 0x42];

/// A parsed header (either version).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// 1 or 2 (the layout; v2 headers store 2 or 3 in the version field).
    pub layout: u8,
    /// Vendor name (v1 only).
    pub vendor: String,
    /// Header format string ("ver. 1.0", "ver. 2.0").
    pub format_string: String,
    /// Hardware id (e.g. 0x09400004 for a TL-WR940N v4).
    pub hw_id: u32,
    /// Hardware revision.
    pub hw_rev: u32,
    /// Region code (v1) or additional hardware version (v2).
    pub region: u32,
    /// Offset of the MD5 digest in the header.
    pub md5_at: usize,
    /// The stored digest.
    pub md5: [u8; 16],
    /// Total length of the image, header included.
    pub fw_length: u32,
    /// Kernel offset and length.
    pub kernel: (u32, u32),
    /// Rootfs offset and length.
    pub rootfs: (u32, u32),
    /// Bootloader offset and length.
    pub boot: (u32, u32),
    /// Firmware version `hi.mid.lo`.
    pub fw_version: (u16, u16, u16),
}

impl Header {
    /// Parse and sanity-check the header at the start of `d`.
    pub fn parse(d: &[u8]) -> Option<Header> {
        let version_be = be32(d, 0)?;
        let version_le = le32(d, 0)?;
        let v = if version_be <= 3 { version_be } else { version_le };
        let h = match v {
            1 => {
                let format_string = text_field(d.get(0x1c..0x40)?)?;
                let md5_at = 0x4c;
                Header {
                    layout: 1,
                    vendor: text_field(d.get(0x04..0x1c)?)?,
                    format_string,
                    hw_id: be32(d, 0x40)?,
                    hw_rev: be32(d, 0x44)?,
                    region: be32(d, 0x48)?,
                    md5_at,
                    md5: d.get(md5_at..md5_at + 16)?.try_into().ok()?,
                    fw_length: be32(d, 0x7c)?,
                    kernel: (be32(d, 0x80)?, be32(d, 0x84)?),
                    rootfs: (be32(d, 0x88)?, be32(d, 0x8c)?),
                    boot: (be32(d, 0x90)?, be32(d, 0x94)?),
                    fw_version: (be16(d, 0x98)?, be16(d, 0x9a)?, be16(d, 0x9c)?),
                }
            }
            2 | 3 => {
                let md5_at = 0x40;
                Header {
                    layout: 2,
                    vendor: String::new(),
                    format_string: text_field(d.get(0x04..0x34)?)?,
                    hw_id: be32(d, 0x34)?,
                    hw_rev: be32(d, 0x38)?,
                    region: be32(d, 0x3c)?,
                    md5_at,
                    md5: d.get(md5_at..md5_at + 16)?.try_into().ok()?,
                    fw_length: be32(d, 0x70)?,
                    kernel: (be32(d, 0x74)?, be32(d, 0x78)?),
                    rootfs: (be32(d, 0x7c)?, be32(d, 0x80)?),
                    boot: (be32(d, 0x84)?, be32(d, 0x88)?),
                    fw_version: (*d.get(0x91)? as u16, *d.get(0x92)? as u16, *d.get(0x93)? as u16),
                }
            }
            _ => return None,
        };
        if !h.format_string.starts_with("ver. ") {
            return None;
        }
        let len = h.fw_length as u64;
        let fits = |(o, l): (u32, u32)| l == 0 || (o as u64 >= HDR as u64 && o as u64 + l as u64 <= len);
        // the bootloader of an up_boot image sits right after the header with offset 0
        let boot_fits = h.boot.1 == 0 || (h.boot.0 == 0 && HDR as u64 + h.boot.1 as u64 <= len) || fits(h.boot);
        if len < HDR as u64 || h.kernel.1 == 0 || !fits(h.kernel) || !fits(h.rootfs) || !boot_fits {
            return None;
        }
        Some(h)
    }

    /// The salts to try, the expected one first.
    fn salts(&self) -> [[u8; 16]; 2] {
        match (self.layout, self.boot.1 != 0) {
            (1, false) => [SALT_NORMAL_V1, SALT_BOOT_V1],
            (1, true) => [SALT_BOOT_V1, SALT_NORMAL_V1],
            (_, false) => [SALT_NORMAL_V2, SALT_BOOT_V2],
            (_, true) => [SALT_BOOT_V2, SALT_NORMAL_V2],
        }
    }

    /// The digest of `image` (the whole `fw_length` bytes) as the header stores it, with `salt`.
    pub fn digest(&self, image: &[u8], salt: &[u8; 16]) -> Option<[u8; 16]> {
        let head = image.get(..self.md5_at)?;
        let tail = image.get(self.md5_at + 16..)?;
        Some(md5(&[head, salt, tail]))
    }
}

/// Offset of the plain firmware image inside an image with a bootloader: the first 64 KiB step after the
/// bootloader where a TP-Link header of the same layout sits (at most 64 steps are tried).
fn inner_image(d: &[u8], h: &Header) -> Option<usize> {
    const STEP: u64 = 0x10000;
    let first = (h.boot.1 as u64).div_ceil(STEP).max(1);
    (first..first + 64)
        .map(|k| HDR as u64 + k * STEP)
        .take_while(|&o| o + (HDR as u64) <= h.fw_length as u64)
        .map(|o| o as usize)
        .find(|&o| d.get(o..).and_then(Header::parse).is_some_and(|i| i.layout == h.layout))
}

impl Format for TpLink {
    fn name(&self) -> &'static str {
        "tplink"
    }
    fn magics(&self) -> &'static [Magic] {
        &[Magic { bytes: b"ver. 1.0", offset: 0x1c }, Magic { bytes: b"ver. 2.0", offset: 0x04 }]
    }
    fn identify(&self, d: &[u8]) -> Option<Identified> {
        let h = Header::parse(d)?;
        Some(Identified {
            size: Some(h.fw_length as u64),
            description: format!(
                "TP-Link firmware header v{}, hardware {:#010x} rev {}, firmware {}.{}.{}, {} bytes",
                h.layout, h.hw_id, h.hw_rev, h.fw_version.0, h.fw_version.1, h.fw_version.2, h.fw_length
            ),
        })
    }
    fn extract(&self, data: &Bytes, ctx: &mut Ctx) -> Result<Extracted, FormatError> {
        let h = Header::parse(data).ok_or_else(|| FormatError::Invalid("no TP-Link header".into()))?;
        let len = h.fw_length as usize;
        let signature = if h.md5.iter().all(|&b| b == 0) || h.md5.iter().all(|&b| b == 0xff) {
            "md5 checksum not set (cleared); not verified".to_string()
        } else if let Some(image) = data.get(..len) {
            let salts = h.salts();
            if salts.iter().any(|s| h.digest(image, s) == Some(h.md5)) {
                "md5 checksum (salted), verified".to_string()
            } else {
                ctx.problem(None, "TP-Link header MD5 does not match the image");
                "md5 checksum (salted), mismatch".to_string()
            }
        } else {
            "md5 checksum (salted); not verified: image truncated".to_string()
        };
        let mut streams = Vec::new();
        let mut image_type = "firmware";
        if h.boot.1 != 0 {
            image_type = "firmware with bootloader";
            let boot_off = if h.boot.0 == 0 { HDR as u64 } else { h.boot.0 as u64 };
            streams.extend(part(data, ctx, "bootloader", boot_off, h.boot.1 as u64));
            match inner_image(data, &h) {
                Some(o) => streams.extend(part(data, ctx, "firmware", o as u64, (len - o) as u64)),
                None => {
                    ctx.problem(None, "image with a bootloader: the inner firmware header was not found");
                    streams.extend(part(data, ctx, "kernel", h.kernel.0 as u64, h.kernel.1 as u64));
                    streams.extend(part(data, ctx, "rootfs", h.rootfs.0 as u64, h.rootfs.1 as u64));
                }
            }
        } else {
            streams.extend(part(data, ctx, "kernel", h.kernel.0 as u64, h.kernel.1 as u64));
            streams.extend(part(data, ctx, "rootfs", h.rootfs.0 as u64, h.rootfs.1 as u64));
        }
        let (a, b, c) = h.fw_version;
        let mut e = Extracted::streams(streams)
            .with_attribute("vendor", if h.vendor.is_empty() { "TP-Link".to_string() } else { h.vendor.clone() })
            .with_attribute("version", format!("{a}.{b}.{c}"))
            .with_attribute("hardware", format!("{:#010x} rev {}", h.hw_id, h.hw_rev))
            .with_attribute("image_type", image_type)
            .with_attribute("signature", signature);
        if h.layout == 1 && h.region != 0 {
            e = e.with_attribute("target", format!("region {:#x}", h.region));
        }
        Ok(e)
    }
}
