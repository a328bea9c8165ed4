//! U-Boot FIT images (Flattened Image Tree: a flattened device tree, magic 0xd00dfeed, big-endian).
//!
//! Vendors: most ARM and newer MIPS devices whose boot loader is a recent U-Boot: OpenWrt `sysupgrade` images
//! for MediaTek Filogic/ramips and Qualcomm IPQ routers (Xiaomi, TP-Link, Netgear, Linksys), Raspberry
//! Pi-class SBCs, Chromebooks (depthcharge), NXP i.MX and TI Sitara boards, verified-boot products.
//! References: U-Boot `doc/usage/fit/source_file_format.rst` (image nodes, `data`, `data-offset`,
//! `data-position`, `data-size`, `compression`), devicetree specification v0.4 §5 (flattened format).
//!
//! A small FDT reader walks the structure block (BEGIN_NODE/END_NODE/PROP/NOP/END tokens, names from the
//! strings block) with bounds checks, a depth limit and a node limit. Every child of `/images` becomes a
//! stream named after the node, from its `data` property, or from external data: `data-offset` counts from
//! the end of the FDT rounded up to 4 bytes (`mkimage -E`), `data-position` from the image start (`-p`).
//! The `compression` property is honoured for gzip, lzma, bzip2, lz4 and zstd; lzo and unknown values keep
//! the data as stored. The extent covers external data.
//!
//! A device tree without an `/images` node is a plain DTB (a kernel's device tree, not a container): it is
//! not claimed as a FIT, so it stays in its parent as raw bytes. Limitations: hashes and signatures
//! (`hash-1`, `signature-1`) are not verified; configurations are not interpreted.

use bytes::Bytes;

use crate::decompress;
use crate::format::read::be32;
use crate::format::{Ctx, Extracted, Format, FormatError, Identified, Magic, Stream};

/// The FIT format.
pub struct Fit;

const FDT_MAGIC: u32 = 0xd00d_feed;
const BEGIN_NODE: u32 = 1;
const END_NODE: u32 = 2;
const PROP: u32 = 3;
const NOP: u32 = 4;
const END: u32 = 9;
const MAX_DEPTH: usize = 32;
const MAX_NODES: usize = 10_000;

/// The FDT header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FdtHeader {
    /// Size of the blob.
    pub totalsize: u32,
    /// Offset of the structure block.
    pub off_struct: u32,
    /// Offset of the strings block.
    pub off_strings: u32,
    /// Format version.
    pub version: u32,
    /// Size of the strings block.
    pub size_strings: u32,
    /// Size of the structure block.
    pub size_struct: u32,
}

impl FdtHeader {
    /// Parse and sanity-check the header at the start of `d`.
    pub fn parse(d: &[u8]) -> Option<FdtHeader> {
        if be32(d, 0)? != FDT_MAGIC {
            return None;
        }
        let h = FdtHeader {
            totalsize: be32(d, 4)?,
            off_struct: be32(d, 8)?,
            off_strings: be32(d, 12)?,
            version: be32(d, 20)?,
            size_strings: be32(d, 32)?,
            size_struct: be32(d, 36)?,
        };
        let total = h.totalsize as u64;
        let ok = h.version >= 16
            && h.totalsize >= 40
            && (h.off_struct as u64) + (h.size_struct as u64) <= total
            && (h.off_strings as u64) + (h.size_strings as u64) <= total
            && h.off_struct >= 40;
        ok.then_some(h)
    }
}

/// One node of the flattened tree.
#[derive(Debug, Clone, Default)]
pub struct FdtNode {
    /// Node name (`kernel-1`, `images` …; empty for the root).
    pub name: String,
    /// Properties: name and value range in the blob.
    pub props: Vec<(String, std::ops::Range<usize>)>,
    /// Indices of child nodes.
    pub children: Vec<usize>,
}

/// A parsed device tree: nodes in document order, the root first.
#[derive(Debug, Clone, Default)]
pub struct Fdt {
    /// The nodes.
    pub nodes: Vec<FdtNode>,
}

fn cstr_at(d: &[u8], off: usize, max: usize) -> Option<(String, usize)> {
    let area = d.get(off..max.min(d.len()))?;
    let nul = area.iter().position(|&b| b == 0)?;
    Some((String::from_utf8_lossy(&area[..nul]).into_owned(), nul + 1))
}

impl Fdt {
    /// Parse the structure block of `d`.
    pub fn parse(d: &[u8], h: &FdtHeader) -> Result<Fdt, String> {
        let start = h.off_struct as usize;
        let end = start + h.size_struct as usize;
        let strings = h.off_strings as usize;
        let strings_end = strings + h.size_strings as usize;
        if end > d.len() || strings_end > d.len() {
            return Err("device tree blocks run past the data".into());
        }
        let mut fdt = Fdt::default();
        let mut stack: Vec<usize> = Vec::new();
        let mut off = start;
        loop {
            let tok = be32(d, off).filter(|_| off + 4 <= end).ok_or("structure block ends without FDT_END")?;
            off += 4;
            match tok {
                BEGIN_NODE => {
                    let (name, n) = cstr_at(d, off, end).ok_or("node name runs past the structure block")?;
                    off += (n + 3) & !3;
                    if stack.len() >= MAX_DEPTH || fdt.nodes.len() >= MAX_NODES {
                        return Err("device tree too deep or too large".into());
                    }
                    if stack.is_empty() && !fdt.nodes.is_empty() {
                        return Err("second root node".into());
                    }
                    let idx = fdt.nodes.len();
                    fdt.nodes.push(FdtNode { name, ..Default::default() });
                    if let Some(&p) = stack.last() {
                        fdt.nodes[p].children.push(idx);
                    }
                    stack.push(idx);
                }
                END_NODE => {
                    stack.pop().ok_or("END_NODE without a node")?;
                }
                PROP => {
                    let len = be32(d, off).ok_or("truncated property")? as usize;
                    let nameoff = be32(d, off + 4).ok_or("truncated property")? as usize;
                    off += 8;
                    let vend =
                        off.checked_add(len).filter(|&e| e <= end).ok_or("property value runs past the block")?;
                    let (pname, _) =
                        cstr_at(d, strings + nameoff, strings_end).ok_or("property name outside strings")?;
                    let &cur = stack.last().ok_or("property outside a node")?;
                    fdt.nodes[cur].props.push((pname, off..vend));
                    off = (vend + 3) & !3;
                }
                NOP => {}
                END => break,
                t => return Err(format!("unknown structure token {t:#x} at {:#x}", off - 4)),
            }
        }
        if !stack.is_empty() {
            return Err("structure block ends inside a node".into());
        }
        if fdt.nodes.is_empty() {
            return Err("no root node".into());
        }
        Ok(fdt)
    }

    /// Child of `node` named `name`.
    pub fn child(&self, node: usize, name: &str) -> Option<usize> {
        self.nodes.get(node)?.children.iter().copied().find(|&c| self.nodes[c].name == name)
    }

    /// Value range of property `name` of `node`.
    pub fn prop(&self, node: usize, name: &str) -> Option<std::ops::Range<usize>> {
        self.nodes.get(node)?.props.iter().find(|(n, _)| n == name).map(|(_, r)| r.clone())
    }
}

/// Where an image's data lives.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ImageData {
    name: String,
    range: std::ops::Range<usize>,
    compression: String,
}

/// The images of a FIT and the extent of the whole structure (FDT plus external data).
fn images(d: &[u8]) -> Result<(FdtHeader, Vec<ImageData>, Vec<String>, usize), String> {
    let h = FdtHeader::parse(d).ok_or("no valid FDT header")?;
    let fdt = Fdt::parse(d, &h)?;
    let imgs = fdt.child(0, "images").ok_or("no /images node: a plain device tree, not a FIT")?;
    let fdt_end = ((h.totalsize as usize) + 3) & !3;
    let mut out = Vec::new();
    let mut problems = Vec::new();
    let mut extent = h.totalsize as usize;
    for &c in &fdt.nodes[imgs].children {
        let node = &fdt.nodes[c];
        let u32prop = |n: &str| fdt.prop(c, n).and_then(|r| be32(d, r.start));
        let range = if let Some(r) = fdt.prop(c, "data") {
            r
        } else if let Some(size) = u32prop("data-size") {
            let start = match (u32prop("data-position"), u32prop("data-offset")) {
                (Some(p), _) => p as usize,
                (None, Some(o)) => fdt_end + o as usize,
                (None, None) => {
                    problems.push(format!("{}: data-size without data-offset or data-position", node.name));
                    continue;
                }
            };
            let end = start.saturating_add(size as usize);
            extent = extent.max(end);
            start..end
        } else {
            problems.push(format!("{}: no data", node.name));
            continue;
        };
        let compression = fdt
            .prop(c, "compression")
            .and_then(|r| cstr_at(d, r.start, r.end))
            .map(|(s, _)| s)
            .unwrap_or_else(|| "none".into());
        out.push(ImageData { name: node.name.clone(), range, compression });
    }
    Ok((h, out, problems, extent))
}

impl Format for Fit {
    fn name(&self) -> &'static str {
        "fit"
    }
    fn magics(&self) -> &'static [Magic] {
        &[Magic { bytes: &[0xd0, 0x0d, 0xfe, 0xed], offset: 0 }]
    }
    fn identify(&self, d: &[u8]) -> Option<Identified> {
        let h = FdtHeader::parse(d)?;
        if (h.totalsize as usize) > d.len() {
            // a valid header whose tree is cut off: claim it so the truncation is reported
            return Some(Identified {
                size: Some(h.totalsize as u64),
                description: "device tree (truncated; FIT or not cannot be told)".into(),
            });
        }
        let (_, imgs, _, extent) = images(d).ok()?;
        Some(Identified {
            size: Some(extent as u64),
            description: format!("FIT image, {} images: {}", imgs.len(), {
                let names: Vec<&str> = imgs.iter().map(|i| i.name.as_str()).collect();
                names.join(", ")
            }),
        })
    }
    fn extract(&self, data: &Bytes, ctx: &mut Ctx) -> Result<Extracted, FormatError> {
        let (_, imgs, problems, _) = images(data).map_err(FormatError::Invalid)?;
        for p in problems {
            ctx.problem(None, p);
        }
        let mut streams = Vec::new();
        for img in imgs {
            let Some(raw) = data.get(img.range.clone()) else {
                ctx.problem(
                    None,
                    format!("{}: data {:#x}..{:#x} runs past the image", img.name, img.range.start, img.range.end),
                );
                continue;
            };
            let limit = ctx.budget().stream_limit(raw.len());
            let decoded = match img.compression.as_str() {
                "gzip" => Some(decompress::gzip(raw, limit)),
                "lzma" => Some(decompress::lzma_alone(raw, limit)),
                "bzip2" => Some(decompress::bzip2(raw, limit)),
                "lz4" => Some(decompress::lz4_frame(raw, limit)),
                "zstd" => Some(decompress::zstd(raw, limit)),
                "none" => None,
                other => {
                    ctx.problem(None, format!("{}: compression {other:?} not decoded; kept as stored", img.name));
                    None
                }
            };
            let raw_stream = Stream {
                description: String::new(),
                name: img.name.clone(),
                offset: img.range.start as u64,
                data: data.slice(img.range.clone()),
            };
            match decoded {
                Some(Ok(d)) => {
                    if d.truncated {
                        ctx.problem(None, format!("{}: decompressed data cut at the {limit}-byte limit", img.name));
                    }
                    ctx.budget().charge_bytes(d.data.len() as u64).map_err(FormatError::Limit)?;
                    streams.push(Stream {
                        description: String::new(),
                        name: img.name,
                        offset: 0,
                        data: Bytes::from(d.data),
                    });
                }
                Some(Err(e)) => {
                    ctx.problem(
                        None,
                        format!("{}: {} data does not decompress ({e}); kept raw", img.name, img.compression),
                    );
                    streams.push(raw_stream);
                }
                None => streams.push(raw_stream),
            }
        }
        let n = streams.len();
        Ok(Extracted::streams(streams).with_description(format!("FIT image, {n} images")))
    }
}
