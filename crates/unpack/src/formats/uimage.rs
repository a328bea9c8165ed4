//! U-Boot legacy images (uImage), single- and multi-file.
//!
//! Vendors: nearly every MIPS/ARM router and camera (TP-Link, Netgear, D-Link, Hikvision …) wraps its
//! kernel, and often the whole firmware, in a 64-byte big-endian uImage header.
//! Reference: U-Boot `include/image.h` (`struct legacy_img_hdr`), `mkimage -l`.
//! Limitations: header CRC mismatches are reported as problems, not rejected (vendors patch headers);
//! payloads compressed with gzip, bzip2, lzma, lz4 (frame format) and zstd are decompressed; lzo payloads are
//! kept as stored and carved. The header fields (OS — Linux, VxWorks, QNX, RTEMS … —, architecture, image type,
//! name, load and entry addresses, creation time) become the layer's attributes.

use bytes::Bytes;

use crate::decompress;
use crate::format::read::{be32, cstr};
use crate::format::{Ctx, Extracted, Format, FormatError, Identified, Magic, Stream};

/// The uImage format.
pub struct UImage;

const HDR: usize = 64;

/// The parsed header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// Header CRC32 (computed with this field zeroed).
    pub hcrc: u32,
    /// Creation time.
    pub time: u32,
    /// Payload size.
    pub size: u32,
    /// Load address.
    pub load: u32,
    /// Entry point.
    pub entry: u32,
    /// Payload CRC32.
    pub dcrc: u32,
    /// OS code.
    pub os: u8,
    /// CPU architecture code.
    pub arch: u8,
    /// Image type (2 kernel, 3 ramdisk, 4 multi, 5 firmware, 6 script, 7 filesystem …).
    pub image_type: u8,
    /// Compression (0 none, 1 gzip, 2 bzip2, 3 lzma, 4 lzo, 5 lz4, 6 zstd).
    pub comp: u8,
    /// Image name.
    pub name: String,
}

impl Header {
    /// Parse the 64-byte header.
    pub fn parse(d: &[u8]) -> Option<Header> {
        if be32(d, 0)? != 0x2705_1956 {
            return None;
        }
        Some(Header {
            hcrc: be32(d, 4)?,
            time: be32(d, 8)?,
            size: be32(d, 12)?,
            load: be32(d, 16)?,
            entry: be32(d, 20)?,
            dcrc: be32(d, 24)?,
            os: *d.get(28)?,
            arch: *d.get(29)?,
            image_type: *d.get(30)?,
            comp: *d.get(31)?,
            name: cstr(d.get(32..64)?),
        })
    }
    /// Whether the header CRC matches.
    pub fn header_crc_ok(d: &[u8]) -> bool {
        let Some(h) = d.get(..HDR) else { return false };
        let mut copy = [0u8; HDR];
        copy.copy_from_slice(h);
        copy[4..8].fill(0);
        crc32fast::hash(&copy) == be32(d, 4).unwrap_or(0)
    }
}

fn comp_name(c: u8) -> &'static str {
    match c {
        0 => "none",
        1 => "gzip",
        2 => "bzip2",
        3 => "lzma",
        4 => "lzo",
        5 => "lz4",
        6 => "zstd",
        _ => "unknown",
    }
}

impl Format for UImage {
    fn name(&self) -> &'static str {
        "uimage"
    }
    fn magics(&self) -> &'static [Magic] {
        &[Magic { bytes: &[0x27, 0x05, 0x19, 0x56], offset: 0 }]
    }
    fn identify(&self, d: &[u8]) -> Option<Identified> {
        let h = Header::parse(d)?;
        if h.comp > 6 || h.image_type == 0 || h.image_type > 30 || !Header::header_crc_ok(d) {
            return None;
        }
        Some(Identified {
            size: Some(HDR as u64 + h.size as u64),
            description: format!(
                "{:?}, type {}, {} compression, {} bytes",
                h.name,
                h.image_type,
                comp_name(h.comp),
                h.size
            ),
        })
    }
    fn extract(&self, data: &Bytes, ctx: &mut Ctx) -> Result<Extracted, FormatError> {
        let h = Header::parse(data).ok_or_else(|| FormatError::Invalid("no uImage header".into()))?;
        let end = (HDR + h.size as usize).min(data.len());
        if end < HDR + h.size as usize {
            ctx.problem(None, format!("payload truncated: {} of {} bytes", end - HDR, h.size));
        }
        let payload = data.slice(HDR..end);
        if crc32fast::hash(&payload) != h.dcrc {
            ctx.problem(None, "payload CRC32 does not match the header");
        }
        // multi-file: a zero-terminated list of big-endian sizes, each image padded to 4 bytes
        let mut parts: Vec<(String, usize, Bytes)> = Vec::new();
        if h.image_type == 4 {
            let mut sizes = Vec::new();
            let mut off = 0;
            while let Some(s) = be32(&payload, off) {
                off += 4;
                if s == 0 {
                    break;
                }
                sizes.push(s as usize);
                if sizes.len() > 256 {
                    return Err(FormatError::Invalid("multi-file image lists more than 256 parts".into()));
                }
            }
            for (i, s) in sizes.into_iter().enumerate() {
                let Some(endp) = off.checked_add(s).filter(|&e| e <= payload.len()) else {
                    ctx.problem(None, format!("multi-file part {i} runs past the payload"));
                    break;
                };
                parts.push((format!("image-{i}"), HDR + off, payload.slice(off..endp)));
                off = (endp + 3) & !3;
            }
        } else {
            parts.push(("payload".into(), HDR, payload));
        }
        let mut streams = Vec::new();
        for (name, off, p) in parts {
            let limit = ctx.budget().stream_limit(p.len());
            let decoded = match h.comp {
                1 => Some(decompress::gzip(&p, limit)),
                2 => Some(decompress::bzip2(&p, limit)),
                3 => Some(decompress::lzma_alone(&p, limit)),
                5 => Some(decompress::lz4_frame(&p, limit)),
                6 => Some(decompress::zstd(&p, limit)),
                _ => None,
            };
            match decoded {
                Some(Ok(d)) if h.image_type != 4 || !d.data.is_empty() => {
                    if let Some(e) = &d.error {
                        ctx.problem(None, format!("{name}: {e}; kept the first {} bytes", d.data.len()));
                    }
                    ctx.budget().charge_bytes(d.data.len() as u64).map_err(FormatError::Limit)?;
                    streams.push(Stream { description: String::new(), name, offset: 0, data: Bytes::from(d.data) });
                }
                Some(Err(e)) => {
                    ctx.problem(
                        None,
                        format!("{name}: {} payload does not decompress ({e}); kept raw", comp_name(h.comp)),
                    );
                    streams.push(Stream { description: String::new(), name, offset: off as u64, data: p });
                }
                _ => streams.push(Stream { description: String::new(), name, offset: off as u64, data: p }),
            }
        }
        let mut out = Extracted::streams(streams)
            .with_attribute("os", os_name(h.os))
            .with_attribute("target", arch_name(h.arch))
            .with_attribute("image_type", type_name(h.image_type))
            .with_attribute("product", h.name.trim())
            .with_attribute("load_address", format!("0x{:08x}", h.load))
            .with_attribute("entry", format!("0x{:08x}", h.entry))
            .with_attribute("signature", "none (header and payload CRC-32 only)");
        if h.time != 0 {
            out = out.with_attribute("build_date", super::programstore::utc(u64::from(h.time)));
        }
        Ok(out)
    }
}

/// The operating system an OS code names (U-Boot `include/image.h`, `IH_OS_*`).
pub fn os_name(c: u8) -> String {
    let n = match c {
        1 => "OpenBSD",
        2 => "NetBSD",
        3 => "FreeBSD",
        4 => "4.4BSD",
        5 => "Linux",
        6 => "SVR4",
        7 => "Esix",
        8 => "Solaris",
        9 => "Irix",
        10 => "SCO",
        11 => "Dell",
        12 => "NCR",
        13 => "LynxOS",
        14 => "VxWorks",
        15 => "pSOS",
        16 => "QNX",
        17 => "U-Boot (firmware)",
        18 => "RTEMS",
        19 => "ARTOS",
        20 => "Unity OS",
        21 => "INTEGRITY",
        22 => "OSE",
        23 => "Plan 9",
        24 => "OpenRTOS",
        25 => "ARM Trusted Firmware",
        26 => "Trusted Execution Environment",
        27 => "OpenSBI",
        28 => "EFI firmware",
        _ => return format!("unknown OS code {c}"),
    };
    n.to_string()
}

/// The CPU architecture an architecture code names (`IH_ARCH_*`).
pub fn arch_name(c: u8) -> String {
    let n = match c {
        1 => "Alpha",
        2 => "ARM",
        3 => "x86",
        4 => "IA-64",
        5 => "MIPS",
        6 => "MIPS64",
        7 => "PowerPC",
        8 => "s390",
        9 => "SuperH",
        10 => "SPARC",
        11 => "SPARC64",
        12 => "M68K",
        14 => "MicroBlaze",
        15 => "Nios-II",
        16 => "Blackfin",
        17 => "AVR32",
        18 => "ST200",
        19 => "sandbox",
        20 => "NDS32",
        21 => "OpenRISC",
        22 => "AArch64",
        23 => "ARC",
        24 => "x86-64",
        25 => "Xtensa",
        26 => "RISC-V",
        _ => return format!("unknown architecture code {c}"),
    };
    n.to_string()
}

/// The image type a type code names (`IH_TYPE_*`, the common ones).
pub fn type_name(c: u8) -> String {
    let n = match c {
        1 => "standalone program",
        2 => "kernel",
        3 => "ramdisk",
        4 => "multi-file image",
        5 => "firmware",
        6 => "script",
        7 => "filesystem",
        8 => "flattened device tree",
        14 => "kernel (no load)",
        _ => return format!("image type {c}"),
    };
    n.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::limits::{Budget, Limits};

    /// Build a uImage header around `payload` as mkimage does.
    pub fn build(payload: &[u8], image_type: u8, comp: u8) -> Vec<u8> {
        let mut h = vec![0u8; 64];
        h[0..4].copy_from_slice(&0x2705_1956u32.to_be_bytes());
        h[12..16].copy_from_slice(&(payload.len() as u32).to_be_bytes());
        h[24..28].copy_from_slice(&crc32fast::hash(payload).to_be_bytes());
        h[28] = 5;
        h[29] = 5;
        h[30] = image_type;
        h[31] = comp;
        h[32..36].copy_from_slice(b"test");
        let crc = crc32fast::hash(&h);
        h[4..8].copy_from_slice(&crc.to_be_bytes());
        h.extend_from_slice(payload);
        h
    }

    #[test]
    fn single_and_multi() {
        let img = build(b"kernel-bytes", 2, 0);
        let id = UImage.identify(&img).unwrap();
        assert_eq!(id.size, Some(64 + 12));
        let b = Budget::new(Limits::default());
        let mut ctx = Ctx::new(&b);
        let Extracted { output: crate::Output::Streams(s), .. } = UImage.extract(&Bytes::from(img), &mut ctx).unwrap()
        else {
            panic!()
        };
        assert_eq!(&s[0].data[..], b"kernel-bytes");

        let mut multi = Vec::new();
        multi.extend_from_slice(&5u32.to_be_bytes());
        multi.extend_from_slice(&3u32.to_be_bytes());
        multi.extend_from_slice(&0u32.to_be_bytes());
        multi.extend_from_slice(b"abcde\0\0\0xyz");
        let img = build(&multi, 4, 0);
        let mut ctx = Ctx::new(&b);
        let Extracted { output: crate::Output::Streams(s), .. } = UImage.extract(&Bytes::from(img), &mut ctx).unwrap()
        else {
            panic!()
        };
        assert_eq!(s.len(), 2);
        assert_eq!(&s[0].data[..], b"abcde");
        assert_eq!(&s[1].data[..], b"xyz");
    }

    #[test]
    fn bad_crc_is_not_a_candidate() {
        let mut img = build(b"x", 2, 0);
        img[40] ^= 1;
        assert!(UImage.identify(&img).is_none());
    }
}
