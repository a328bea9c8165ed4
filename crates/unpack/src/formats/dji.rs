//! DJI firmware package containers ("xV4", magic 0x12345678 little-endian), as shipped for DJI drones,
//! gimbals, cameras and remote controllers (Phantom 3/4, Inspire, Mavic, Osmo …).
//!
//! References: the community `dji-firmware-tools` documentation of `dji_xv4_fw_con_extract` (the package
//! layout and the meaning of the module encoding byte); read for the layout only.
//!
//! Layout (little-endian): `magic:u32 magic_ver:u16 header_end:u16 timestamp:u32 manufacturer[16]
//! model[16] entry_count:u16 ver_latest:u32 ver_rollback:u32 pad[10]` (64 bytes), then `entry_count`
//! module entries of 52 bytes `target:u8 encoding:u8 reserved:u16 version:u32 offset:u32 length:u32
//! alloc_length:u32 md5[16] hash2[16]`, then a 2-byte header checksum; `header_end` is where the header
//! ends. Each module's MD5 covers its `length` bytes (as stored, i.e. encrypted) and is checked.
//! The encoding byte's high nibble is the encryption type (0 none, 1 and up AES with device keys) and the
//! low nibble the signature type.
//!
//! Output: an unencrypted module is a stream `module-TT` (TT the target id in hex, e.g. `module-0c`);
//! an encrypted module is the stream `module-TT.encrypted` (its bytes as stored) and is named in a problem
//! ("… encrypted (scheme); contents not unpacked"), and the layer's `encrypted` attribute says so, since
//! the keys are not public. Limitations: the header's
//! 2-byte checksum is not checked; at most 256 modules are listed.

use bytes::Bytes;

use crate::format::read::{le16, le32};
use crate::format::{Ctx, Extracted, Format, FormatError, Identified, Magic};
use crate::formats::vendor::{md5, part, text_field};

/// The DJI package format.
pub struct Dji;

const FIXED: usize = 64;
const ENTRY: usize = 52;
const MAX_MODULES: usize = 256;

/// One module entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Module {
    /// Target component id.
    pub target: u8,
    /// Encoding: encryption type in the high nibble, signature type in the low one.
    pub encoding: u8,
    /// Module version.
    pub version: u32,
    /// Offset from the package start.
    pub offset: u32,
    /// Length.
    pub length: u32,
    /// MD5 of the stored bytes.
    pub md5: [u8; 16],
}

/// A parsed package header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// Manufacturer ("DJI").
    pub manufacturer: String,
    /// Model code ("P3X", "WM220" …).
    pub model: String,
    /// Modules.
    pub modules: Vec<Module>,
}

impl Header {
    /// Parse and sanity-check the header at the start of `d`.
    pub fn parse(d: &[u8]) -> Option<Header> {
        if le32(d, 0)? != 0x1234_5678 {
            return None;
        }
        let header_end = le16(d, 6)? as usize;
        let n = le16(d, 44)? as usize;
        if n == 0 || n > MAX_MODULES || header_end != FIXED + ENTRY * n + 2 {
            return None;
        }
        let manufacturer = text_field(d.get(12..28)?)?;
        let model = text_field(d.get(28..44)?)?;
        if manufacturer.is_empty() {
            return None;
        }
        let mut modules = Vec::with_capacity(n);
        for i in 0..n {
            let e = FIXED + ENTRY * i;
            modules.push(Module {
                target: *d.get(e)?,
                encoding: *d.get(e + 1)?,
                version: le32(d, e + 4)?,
                offset: le32(d, e + 8)?,
                length: le32(d, e + 12)?,
                md5: d.get(e + 20..e + 36)?.try_into().ok()?,
            });
        }
        if modules.iter().any(|m| (m.offset as usize) < header_end) {
            return None;
        }
        Some(Header { manufacturer, model, modules })
    }
    /// End of the last module.
    pub fn size(&self) -> u64 {
        self.modules.iter().map(|m| m.offset as u64 + m.length as u64).max().unwrap_or(0)
    }
}

fn version(v: u32) -> String {
    format!("{:02}.{:02}.{:02}.{:02}", v >> 24, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff)
}

impl Format for Dji {
    fn name(&self) -> &'static str {
        "dji"
    }
    fn magics(&self) -> &'static [Magic] {
        &[Magic { bytes: &[0x78, 0x56, 0x34, 0x12], offset: 0 }]
    }
    fn identify(&self, d: &[u8]) -> Option<Identified> {
        let h = Header::parse(d)?;
        Some(Identified {
            size: Some(h.size()),
            description: format!("{} firmware package, model {}, {} modules", h.manufacturer, h.model, h.modules.len()),
        })
    }
    fn extract(&self, data: &Bytes, ctx: &mut Ctx) -> Result<Extracted, FormatError> {
        let h = Header::parse(data).ok_or_else(|| FormatError::Invalid("no DJI package header".into()))?;
        let mut streams = Vec::new();
        let mut encrypted = 0;
        let mut bad = Vec::new();
        for m in &h.modules {
            let name = format!("module-{:02x}", m.target);
            let (off, len) = (m.offset as usize, m.length as usize);
            match data.get(off..off.saturating_add(len)) {
                Some(b) if md5(&[b]) != m.md5 => bad.push(name.clone()),
                Some(_) => {}
                None => {}
            }
            let enc = m.encoding >> 4;
            if enc != 0 {
                encrypted += 1;
                ctx.problem(
                    None,
                    format!(
                        "{name} (version {}, {len} bytes at {off:#x}) encrypted (DJI encryption type {enc}, AES with \
                         device keys); contents not unpacked",
                        version(m.version)
                    ),
                );
                // kept as stored, so the module's bytes are still in the report and the extraction
                streams.extend(part(data, ctx, &format!("{name}.encrypted"), off as u64, len as u64));
                continue;
            }
            streams.extend(part(data, ctx, &name, off as u64, len as u64));
        }
        let signature = if bad.is_empty() {
            "md5 per module, verified".to_string()
        } else {
            ctx.problem(None, format!("DJI module MD5 mismatch: {}", bad.join(", ")));
            format!("md5 per module, mismatch ({})", bad.join(", "))
        };
        let mut e = Extracted::streams(streams)
            .with_attribute("vendor", h.manufacturer.clone())
            .with_attribute("product", h.model.clone())
            .with_attribute("signature", signature);
        if encrypted > 0 {
            e = e.with_attribute(
                "encrypted",
                format!("DJI module encryption (AES), {encrypted} of {} modules", h.modules.len()),
            );
        }
        let targets: Vec<String> = h.modules.iter().map(|m| format!("{:02x}", m.target)).collect();
        Ok(e.with_description(format!(
            "{} firmware package, model {}, modules {}",
            h.manufacturer,
            h.model,
            targets.join(" ")
        )))
    }
}
