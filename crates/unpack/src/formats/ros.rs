//! ROS firmware containers (`RNTP` … `PACK`), the update files of VxWorks-based managed switches and routers.
//!
//! Vendors: devices built on Marvell's (formerly RADLAN's) OpENS / Op-ROS networking stack on VxWorks:
//! managed Ethernet switches of many brands (Linksys/Cisco small-business SRW, Netgear, D-Link, TP-Link,
//! Allied Telesis, Edimax …) ship their firmware as `.ros` files, next to a `.rfb` boot loader.
//! References: the layout as described by TJ's `ros_pack` (2015), FKIE's `ros_packer` and fact_extractor's
//! `ROSFile` unpacker (read to learn the layout only).
//!
//! Layout: the ASCII signature `RNTP`, a version (`1.01` or `2.00`) at offset 4, `PACK` at offset 0x18 and
//! the number of parts as a u32 at 0x20. The parts table starts after the header (48 bytes for version
//! 1.01, 80 for 2.00); each entry is 32 bytes: a NUL-padded name of 16 bytes, the part's offset and size
//! (u32, from the start of the container), and 8 bytes of flags. The byte order is not marked: the part
//! count is read little-endian, and a count of 100 or more means the file is big-endian. The container ends
//! with its last part. A part is often an LZMA stream behind a 32-byte `RNTP2.00` sub-header (the VxWorks
//! image, `CLI_FILE`, `RSCODE`), or a 7z archive of the web UI (`EWS_FILE`).
//!
//! Output: one stream per part, named after the part, which the engine identifies and carves in turn (so
//! the LZMA stream behind a sub-header and the 7z of the web UI are found with exact bounds).
//!
//! Limitations: the header bytes between the version and `PACK` (a date and checksums, not documented) are
//! not checked, nor the flags; the `RNTP2.00` sub-header of a compressed part is left to carving.
//!
//! ```
//! use fwassure_unpack::format::Format;
//! use fwassure_unpack::formats::ros::Ros;
//! let mut c = vec![0u8; 48 + 32];
//! c[..8].copy_from_slice(b"RNTP1.01");
//! c[0x18..0x1c].copy_from_slice(b"PACK");
//! c[0x20] = 1; // one part
//! c[48..52].copy_from_slice(b"DATA");
//! c[64..68].copy_from_slice(&80u32.to_le_bytes()); // offset
//! c[68..72].copy_from_slice(&5u32.to_le_bytes()); // size
//! c.extend_from_slice(b"hello");
//! assert_eq!(Ros.identify(&c).unwrap().size, Some(85));
//! ```

use bytes::Bytes;

use crate::format::read::{cstr, le32, Endian};
use crate::format::{Ctx, Extracted, Format, FormatError, Identified, Magic, Stream};

/// The ROS container format.
pub struct Ros;

/// Most parts a container may list (more means the count is read in the wrong byte order, or garbage).
pub const MAX_PARTS: u32 = 100;

/// One entry of the parts table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// Name (`CLI_FILE`, `EWS_FILE`, `RSCODE` …).
    pub name: String,
    /// Offset from the start of the container.
    pub offset: u32,
    /// Size in bytes.
    pub size: u32,
    /// Flags (undocumented).
    pub flags: u32,
}

impl Part {
    /// One past the part's last byte.
    pub fn end(&self) -> u64 {
        self.offset as u64 + self.size as u64
    }
}

/// The parsed header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// Version string (`1.01`, `2.00`).
    pub version: String,
    /// Byte order of the numbers.
    pub endian: Endian,
    /// Header size, where the parts table starts.
    pub header_size: usize,
    /// The parts table.
    pub parts: Vec<Part>,
}

impl Header {
    /// Parse the header and parts table at the start of `d`.
    pub fn parse(d: &[u8]) -> Option<Header> {
        if d.get(..4)? != b"RNTP" || d.get(0x18..0x1c)? != b"PACK" {
            return None;
        }
        let version = d.get(4..8)?;
        let header_size = match version {
            b"1.01" => 48,
            b"2.00" => 80,
            _ => return None,
        };
        let endian = if le32(d, 0x20)? < MAX_PARTS { Endian::Little } else { Endian::Big };
        let count = endian.u32(d, 0x20)?;
        if count == 0 || count >= MAX_PARTS {
            return None;
        }
        let table_end = header_size + 32 * count as usize;
        let mut parts = Vec::with_capacity(count as usize);
        for i in 0..count as usize {
            let e = d.get(header_size + 32 * i..header_size + 32 * (i + 1))?;
            let raw = e.get(..16)?;
            let name = cstr(raw);
            // a name is printable ASCII
            if name.is_empty() || !name.bytes().all(|b| b.is_ascii_graphic()) {
                return None;
            }
            let part = Part { name, offset: endian.u32(e, 16)?, size: endian.u32(e, 20)?, flags: endian.u32(e, 24)? };
            if part.size > 0 && (part.offset as usize) < table_end {
                return None;
            }
            parts.push(part);
        }
        Some(Header { version: String::from_utf8_lossy(version).into_owned(), endian, header_size, parts })
    }

    /// One past the last byte of the last part (at least the end of the table).
    pub fn size(&self) -> u64 {
        let table_end = (self.header_size + 32 * self.parts.len()) as u64;
        self.parts.iter().map(Part::end).fold(table_end, u64::max)
    }

    fn describe(&self) -> String {
        let order = if self.endian == Endian::Little { "le" } else { "be" };
        let names: Vec<&str> = self.parts.iter().map(|p| p.name.as_str()).collect();
        format!("ROS firmware container {} ({order}), {} parts: {}", self.version, self.parts.len(), names.join(", "))
    }
}

impl Format for Ros {
    fn name(&self) -> &'static str {
        "ros"
    }
    fn magics(&self) -> &'static [Magic] {
        &[Magic { bytes: b"RNTP", offset: 0 }]
    }
    fn identify(&self, d: &[u8]) -> Option<Identified> {
        let h = Header::parse(d)?;
        // a truncated container is still one: its layer reports the parts that run past the end
        let size = h.size().min(d.len() as u64);
        Some(Identified { size: Some(size), description: h.describe() })
    }

    fn extract(&self, data: &Bytes, ctx: &mut Ctx) -> Result<Extracted, FormatError> {
        let h = Header::parse(data).ok_or_else(|| FormatError::Invalid("ros: bad header".into()))?;
        let mut streams = Vec::new();
        let mut seen = std::collections::BTreeMap::new();
        for p in &h.parts {
            if p.size == 0 {
                continue;
            }
            let start = p.offset as usize;
            let end = p.end().min(data.len() as u64) as usize;
            if start >= end {
                ctx.problem(
                    Some(&p.name),
                    format!(
                        "part at {} ({} bytes) lies past the end of the container ({} bytes)",
                        p.offset,
                        p.size,
                        data.len()
                    ),
                );
                continue;
            }
            if p.end() > data.len() as u64 {
                ctx.problem(Some(&p.name), format!("part truncated: {} of {} bytes present", end - start, p.size));
            }
            // names are unique per layer: a repeated name gets its index
            let n = seen.entry(p.name.clone()).or_insert(0u32);
            *n += 1;
            let name = if *n > 1 { format!("{}.{}", p.name, n) } else { p.name.clone() };
            streams.push(Stream {
                description: String::new(),
                name,
                offset: p.offset as u64,
                data: data.slice(start..end),
            });
        }
        if streams.is_empty() {
            return Err(FormatError::Truncated("ros: no part lies inside the container".into()));
        }
        Ok(Extracted::streams(streams).with_description(h.describe()))
    }
}
