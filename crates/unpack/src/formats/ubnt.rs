//! Ubiquiti firmware images (`UBNT` / `OPEN` header, `PART` partitions, `END.` trailer), big-endian.
//!
//! Vendors: Ubiquiti airMAX (NanoStation, Bullet, Rocket, PowerBeam), UniFi AP and EdgeRouter factory
//! images, and the OpenWrt factory images for them (`OPEN` marks a third-party image).
//! References: OpenWrt `firmware-utils/src/mkfwimage.c`; read for the layout only.
//!
//! Layout: header `magic[4] version[256] crc:u32 pad:u32` (the CRC-32 covers magic and version); then
//! partitions `"PART" name[16] pad[12] memaddr index baseaddr entryaddr data_size part_size`, each followed
//! by its `data_size` bytes and `crc:u32 pad:u32` (CRC-32 of the partition header and data); then
//! `"END\0" crc:u32 pad:u32` whose CRC covers everything before it. CRCs are zlib's CRC-32; a mismatch is
//! a problem, not a rejection.
//!
//! Output: one stream per partition, named after it (`kernel`, `rootfs`, `u-boot` …). The version string
//! (`XM.ar7240.v5.6.3.28591.151130.1749`) gives `version` and, by its first fields, `target`.
//! Limitations: the signed images of newer firmware (an RSA signature partition) are listed as a partition;
//! the signature is not verified. At most 64 partitions are read.

use bytes::Bytes;

use crate::format::read::be32;
use crate::format::{Ctx, Extracted, Format, FormatError, Identified, Magic};
use crate::formats::vendor::{part, text_field};

/// The Ubiquiti format.
pub struct Ubnt;

/// Header size.
pub const HDR: usize = 268;
/// Partition header size.
pub const PART_HDR: usize = 56;
const MAX_PARTS: usize = 64;

/// One partition as listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// Name.
    pub name: String,
    /// Offset of its data from the image start.
    pub offset: usize,
    /// Data size.
    pub data_size: u32,
    /// Whether its CRC matched.
    pub crc_ok: bool,
}

/// The image's header and partitions, as far as the data holds them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    /// `UBNT` or `OPEN`.
    pub magic: String,
    /// Version string.
    pub version: String,
    /// Header CRC matched.
    pub header_crc_ok: bool,
    /// Partitions.
    pub parts: Vec<Part>,
    /// End of the `END` trailer, when found; its CRC result.
    pub end: Option<(usize, bool)>,
    /// Why the walk stopped early, if it did.
    pub stopped: Option<String>,
}

impl Image {
    /// Parse the header and walk the partitions of `d`.
    pub fn parse(d: &[u8]) -> Option<Image> {
        let magic = d.get(..4)?;
        if magic != b"UBNT" && magic != b"OPEN" {
            return None;
        }
        let version = text_field(d.get(4..260)?)?;
        if version.is_empty() {
            return None;
        }
        let header_crc_ok = crc32fast::hash(d.get(..260)?) == be32(d, 260)?;
        let mut img = Image {
            magic: String::from_utf8_lossy(magic).into_owned(),
            version,
            header_crc_ok,
            parts: Vec::new(),
            end: None,
            stopped: None,
        };
        let mut pos = HDR;
        loop {
            match d.get(pos..pos + 4) {
                Some(b"PART") => {}
                Some(b"END\0") => {
                    let ok = be32(d, pos + 4).is_some_and(|c| c == crc32fast::hash(&d[..pos]));
                    img.end = Some((pos + 12, ok));
                    break;
                }
                Some(_) => {
                    img.stopped = Some(format!("no PART or END marker at {pos:#x}"));
                    break;
                }
                None => {
                    img.stopped = Some(format!("data ends at {pos:#x} before the END marker"));
                    break;
                }
            }
            if img.parts.len() >= MAX_PARTS {
                img.stopped = Some(format!("more than {MAX_PARTS} partitions; the rest is not read"));
                break;
            }
            let Some(data_size) = be32(d, pos + 48) else {
                img.stopped = Some(format!("partition header at {pos:#x} truncated"));
                break;
            };
            let name = d.get(pos + 4..pos + 20).map(read_name).unwrap_or_default();
            let data_end = pos + PART_HDR + data_size as usize;
            let crc_ok = match (d.get(pos..data_end), be32(d, data_end)) {
                (Some(p), Some(c)) => crc32fast::hash(p) == c,
                _ => false,
            };
            img.parts.push(Part { name, offset: pos + PART_HDR, data_size, crc_ok });
            pos = match data_end.checked_add(8) {
                Some(p) if p <= d.len() => p,
                _ => {
                    img.stopped = Some(format!("partition at {pos:#x} runs past the data"));
                    break;
                }
            };
        }
        // a header match with neither a partition nor an END marker is not an image
        (!img.parts.is_empty()).then_some(img)
    }
    /// Size of the image: to the end of the trailer, else the last partition's end, within `avail`.
    pub fn size(&self) -> u64 {
        match self.end {
            Some((e, _)) => e as u64,
            None => self.parts.last().map(|p| p.offset as u64 + p.data_size as u64 + 8).unwrap_or(HDR as u64),
        }
    }
}

fn read_name(n: &[u8]) -> String {
    let end = n.iter().position(|&b| b == 0).unwrap_or(n.len());
    let s: String = n[..end].iter().map(|&b| if b.is_ascii_graphic() { b as char } else { '_' }).collect();
    if s.is_empty() {
        "part".into()
    } else {
        s
    }
}

impl Format for Ubnt {
    fn name(&self) -> &'static str {
        "ubnt"
    }
    fn magics(&self) -> &'static [Magic] {
        &[Magic { bytes: b"UBNT", offset: 0 }, Magic { bytes: b"OPEN", offset: 0 }]
    }
    fn identify(&self, d: &[u8]) -> Option<Identified> {
        let img = Image::parse(d)?;
        Some(Identified {
            size: Some(img.size()),
            description: format!("Ubiquiti firmware {}, {} partitions", img.version, img.parts.len()),
        })
    }
    fn extract(&self, data: &Bytes, ctx: &mut Ctx) -> Result<Extracted, FormatError> {
        let img = Image::parse(data).ok_or_else(|| FormatError::Invalid("no Ubiquiti image".into()))?;
        let mut bad: Vec<String> = Vec::new();
        if !img.header_crc_ok {
            bad.push("header".into());
        }
        let mut streams = Vec::new();
        let mut names: Vec<String> = Vec::new();
        for p in &img.parts {
            if !p.crc_ok {
                bad.push(p.name.clone());
            }
            // the same name twice gets a suffix, so stream names stay unique
            let mut name = p.name.clone();
            let mut n = 1;
            while names.contains(&name) {
                n += 1;
                name = format!("{}-{n}", p.name);
            }
            names.push(name.clone());
            streams.extend(part(data, ctx, &name, p.offset as u64, p.data_size as u64));
        }
        match img.end {
            Some((_, false)) => bad.push("END trailer".into()),
            Some(_) => {}
            None => ctx.problem(None, "Ubiquiti image has no END trailer"),
        }
        if let Some(s) = &img.stopped {
            ctx.problem(None, format!("Ubiquiti partition list: {s}"));
        }
        let signature = if bad.is_empty() {
            "crc32 checksums, verified".to_string()
        } else {
            ctx.problem(None, format!("Ubiquiti CRC32 mismatch: {}", bad.join(", ")));
            format!("crc32 checksums, mismatch ({})", bad.join(", "))
        };
        let target = img.version.split('.').take(2).collect::<Vec<_>>().join(".");
        Ok(Extracted::streams(streams)
            .with_attribute("vendor", if img.magic == "OPEN" { "Ubiquiti (third-party image)" } else { "Ubiquiti" })
            .with_attribute("version", img.version.clone())
            .with_attribute("target", target)
            .with_attribute("signature", signature)
            .with_description(format!("Ubiquiti firmware {}, {} partitions", img.version, img.parts.len())))
    }
}
