//! UBI (Unsorted Block Images) flash images: every volume reassembled from its logical eraseblocks.
//!
//! Vendors: raw NAND images of routers, cameras and set-top boxes (OpenWrt NAND targets, Xiaomi, Netgear,
//! Linksys, ZyXEL, Qualcomm/MediaTek reference designs …) and `ubinize` output shipped in update bundles.
//! A UBI image usually holds a UBIFS rootfs (identified by the engine inside the volume stream), sometimes
//! squashfs volumes or raw kernel volumes.
//!
//! Layout: the image is a sequence of physical eraseblocks (PEBs). Each PEB starts with a 64-byte
//! big-endian erase-counter header (`UBI#`) giving the offsets of the volume-identifier header (`UBI!`)
//! and of the data; the VID header says which volume and which logical eraseblock (LEB) the PEB holds and
//! carries a sequence number. The internal layout volume (id `0x7fffefff`, two copies) holds the volume
//! table: names, types and reserved PEB counts. Every header carries a CRC-32 (Linux `crc32_le` seeded with
//! `0xffffffff`, no final inversion).
//!
//! Reference: Linux `drivers/mtd/ubi/ubi-media.h` and `Documentation` on <http://www.linux-mtd.infradead.org>
//! ("UBI - Unsorted Block Images", "UBI headers").
//!
//! What is done: PEB size detection from the distance between valid EC headers (any multiple of 1 KiB up to
//! 4 MiB); extent = consecutive PEBs that have an EC or VID header (erased all-`0xff` PEBs in between are
//! kept); for each LEB the copy with the highest sequence number and a valid VID header wins (copies whose
//! data CRC is wrong are passed over when another copy exists); static volumes are cut to their data sizes
//! and their data CRCs checked; unmapped LEBs of dynamic volumes read as `0xff` as on flash.
//!
//! Limitations: fastmap is ignored (a full scan does not need it); a volume whose table entry is missing is
//! named `volume<id>`; the size of a dynamic volume is its highest mapped LEB, not its reserved size (the
//! rest is erased flash); volumes are bounded by the stream limit of the budget.

use std::collections::BTreeMap;

use bytes::Bytes;

use crate::format::read::{be16, be32, be64, cstr};
use crate::format::{Ctx, Extracted, Format, FormatError, Identified, Magic, Stream};

/// The UBI format.
pub struct Ubi;

const EC_MAGIC: &[u8; 4] = b"UBI#";
const VID_MAGIC: &[u8; 4] = b"UBI!";
const HDR: usize = 64;
/// Volume id of the internal layout volume holding the volume table.
pub const LAYOUT_VOL_ID: u32 = 0x7fff_efff;
const VTBL_REC: usize = 172;
const MAX_VOLUMES: usize = 128;
/// Largest PEB size considered.
const MAX_PEB: usize = 4 << 20;
/// How many EC headers are used to find the PEB size.
const PEB_PROBES: usize = 16;

/// Linux `crc32_le(0xffffffff, d)` as UBI and UBIFS use it (no final inversion).
pub fn crc(d: &[u8]) -> u32 {
    crc32fast::hash(d) ^ 0xffff_ffff
}

/// An erase-counter header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EcHeader {
    /// Format version (1).
    pub version: u8,
    /// Erase counter.
    pub ec: u64,
    /// Offset of the VID header in the PEB.
    pub vid_hdr_offset: u32,
    /// Offset of the data in the PEB.
    pub data_offset: u32,
    /// Image sequence number.
    pub image_seq: u32,
}

impl EcHeader {
    /// Parse and validate (magic, CRC, offsets) the EC header at the start of `d`.
    pub fn parse(d: &[u8]) -> Option<EcHeader> {
        let h = d.get(..HDR)?;
        if &h[..4] != EC_MAGIC || crc(&h[..60]) != be32(h, 60)? {
            return None;
        }
        let e = EcHeader {
            version: h[4],
            ec: be64(h, 8)?,
            vid_hdr_offset: be32(h, 16)?,
            data_offset: be32(h, 20)?,
            image_seq: be32(h, 24)?,
        };
        let ok = e.version == 1
            && e.vid_hdr_offset >= HDR as u32
            && e.data_offset >= e.vid_hdr_offset + HDR as u32
            && (e.data_offset as usize) < MAX_PEB;
        ok.then_some(e)
    }
}

/// A volume-identifier header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VidHeader {
    /// 1 dynamic, 2 static.
    pub vol_type: u8,
    /// Set when the PEB was copied by wear-levelling (data size and CRC are then valid).
    pub copy_flag: u8,
    /// Volume id.
    pub vol_id: u32,
    /// Logical eraseblock number.
    pub lnum: u32,
    /// Bytes of data (static volumes and copies).
    pub data_size: u32,
    /// LEBs used by a static volume.
    pub used_ebs: u32,
    /// Bytes of padding at the end of the LEB (alignment).
    pub data_pad: u32,
    /// CRC of the data (static volumes and copies).
    pub data_crc: u32,
    /// Global sequence number.
    pub sqnum: u64,
}

/// Why a VID header could not be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Vid {
    /// No VID header: a free PEB.
    Free,
    /// Magic present but the header is corrupt.
    Bad,
    Ok(VidHeader),
}

impl VidHeader {
    fn parse(d: &[u8]) -> Vid {
        let Some(h) = d.get(..HDR) else { return Vid::Free };
        if &h[..4] != VID_MAGIC {
            return Vid::Free;
        }
        let field = |o| be32(h, o).unwrap_or(0);
        if crc(&h[..60]) != field(60) || h[4] != 1 || !matches!(h[5], 1 | 2) {
            return Vid::Bad;
        }
        Vid::Ok(VidHeader {
            vol_type: h[5],
            copy_flag: h[6],
            vol_id: field(8),
            lnum: field(12),
            data_size: field(20),
            used_ebs: field(24),
            data_pad: field(28),
            data_crc: field(32),
            sqnum: be64(h, 40).unwrap_or(0),
        })
    }
}

/// One record of the volume table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VolumeRecord {
    /// Reserved PEBs.
    pub reserved_pebs: u32,
    /// Bytes of padding per LEB.
    pub data_pad: u32,
    /// 1 dynamic, 2 static.
    pub vol_type: u8,
    /// Set while an update is in progress (contents unreliable).
    pub upd_marker: u8,
    /// Volume name.
    pub name: String,
    /// Flags (1 = autoresize).
    pub flags: u8,
}

/// The parsed volume table: records by volume id, and how many records had a bad CRC.
fn parse_vtbl(d: &[u8]) -> (BTreeMap<u32, VolumeRecord>, usize) {
    let mut out = BTreeMap::new();
    let mut bad = 0;
    for i in 0..MAX_VOLUMES {
        let Some(r) = d.get(i * VTBL_REC..(i + 1) * VTBL_REC) else { break };
        if crc(&r[..168]) != be32(r, 168).unwrap_or(0) {
            bad += 1;
            continue;
        }
        let reserved_pebs = be32(r, 0).unwrap_or(0);
        if reserved_pebs == 0 {
            continue;
        }
        let name_len = (be16(r, 14).unwrap_or(0) as usize).min(127);
        out.insert(
            i as u32,
            VolumeRecord {
                reserved_pebs,
                data_pad: be32(r, 8).unwrap_or(0),
                vol_type: r[12],
                upd_marker: r[13],
                name: cstr(&r[16..16 + name_len]),
                flags: r[144],
            },
        );
    }
    (out, bad)
}

fn gcd(a: usize, b: usize) -> usize {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}

/// The image geometry: PEB size and header offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Geometry {
    /// Physical eraseblock size.
    pub peb_size: usize,
    /// VID header offset inside a PEB.
    pub vid_hdr_offset: usize,
    /// Data offset inside a PEB.
    pub data_offset: usize,
    /// Number of PEBs of the image (its extent is `pebs * peb_size`, cut to the data).
    pub pebs: usize,
    /// Bytes the image spans.
    pub extent: usize,
}

/// Find the geometry of a UBI image starting at `d[0]`: the PEB size is the greatest common divisor of the
/// offsets of the first valid EC headers with the same header offsets (at 1 KiB multiples).
pub fn geometry(d: &[u8]) -> Option<Geometry> {
    let first = EcHeader::parse(d)?;
    let window = &d[..d.len().min(MAX_PEB * PEB_PROBES)];
    let mut g = 0usize;
    let mut found = 0;
    for pos in memchr::memmem::find_iter(window, EC_MAGIC) {
        if pos == 0 || pos % 1024 != 0 {
            continue;
        }
        match EcHeader::parse(&d[pos..]) {
            Some(e) if e.vid_hdr_offset == first.vid_hdr_offset && e.data_offset == first.data_offset => {
                g = gcd(g, pos);
                found += 1;
                if found >= PEB_PROBES {
                    break;
                }
            }
            _ => {}
        }
    }
    let peb = g;
    if peb <= first.data_offset as usize || peb > MAX_PEB {
        return None;
    }
    // extent: PEBs with an EC or VID header; erased PEBs in between are kept
    let (vo, mut pebs, mut n) = (first.vid_hdr_offset as usize, 0usize, 0usize);
    while let Some(p) = d.get(n * peb..).filter(|p| !p.is_empty()) {
        let has_hdr = p.get(..4) == Some(EC_MAGIC) || p.get(vo..vo + 4) == Some(VID_MAGIC);
        if has_hdr {
            n += 1;
            pebs = n;
        } else if p[..p.len().min(peb)].iter().all(|&b| b == 0xff) {
            n += 1;
        } else {
            break;
        }
    }
    let extent = (pebs * peb).min(d.len());
    Some(Geometry { peb_size: peb, vid_hdr_offset: vo, data_offset: first.data_offset as usize, pebs, extent })
}

/// A copy of one LEB in some PEB.
#[derive(Debug, Clone, Copy)]
struct Copy {
    peb: usize,
    vid: VidHeader,
}

impl Format for Ubi {
    fn name(&self) -> &'static str {
        "ubi"
    }
    fn magics(&self) -> &'static [Magic] {
        &[Magic { bytes: EC_MAGIC, offset: 0 }]
    }
    fn identify(&self, d: &[u8]) -> Option<Identified> {
        let g = geometry(d)?;
        Some(Identified {
            size: Some(g.extent as u64),
            description: format!(
                "UBI, PEB {} KiB, VID header @{}, data @{}, {} PEBs",
                g.peb_size / 1024,
                g.vid_hdr_offset,
                g.data_offset,
                g.pebs
            ),
        })
    }

    fn extract(&self, data: &Bytes, ctx: &mut Ctx) -> Result<Extracted, FormatError> {
        let g = geometry(data).ok_or_else(|| FormatError::Invalid("no UBI geometry".into()))?;
        let leb_size = g.peb_size - g.data_offset;
        // every LEB copy, by volume and LEB number
        let mut vols: BTreeMap<u32, BTreeMap<u32, Vec<Copy>>> = BTreeMap::new();
        let (mut bad_ec, mut bad_vid, mut free) = (0usize, 0usize, 0usize);
        for i in 0..g.pebs {
            let base = i * g.peb_size;
            let Some(p) = data.get(base..(base + g.peb_size).min(data.len())) else { break };
            match EcHeader::parse(p) {
                Some(e) if e.vid_hdr_offset as usize == g.vid_hdr_offset && e.data_offset as usize == g.data_offset => {
                }
                Some(_) => {
                    ctx.problem(None, format!("PEB {i}: EC header gives other header offsets; PEB skipped"));
                    continue;
                }
                None if p.get(..4) == Some(EC_MAGIC) => bad_ec += 1,
                None => {}
            }
            match VidHeader::parse(p.get(g.vid_hdr_offset..).unwrap_or(&[])) {
                Vid::Free => free += 1,
                Vid::Bad => bad_vid += 1,
                Vid::Ok(v) => {
                    vols.entry(v.vol_id).or_default().entry(v.lnum).or_default().push(Copy { peb: i, vid: v })
                }
            }
        }
        if bad_ec > 0 {
            ctx.problem(None, format!("{bad_ec} PEBs have a corrupt EC header (their VID headers are still used)"));
        }
        if bad_vid > 0 {
            ctx.problem(None, format!("{bad_vid} PEBs have a corrupt VID header; their data is lost"));
        }
        if g.pebs * g.peb_size > data.len() {
            ctx.problem(
                None,
                format!("last PEB truncated: image ends at {} of {} bytes", data.len(), g.pebs * g.peb_size),
            );
        }

        // the volume table: the first layout copy whose records all check out
        let mut vtbl: Option<BTreeMap<u32, VolumeRecord>> = None;
        if let Some(layout) = vols.remove(&LAYOUT_VOL_ID) {
            let mut best: Option<(BTreeMap<u32, VolumeRecord>, usize)> = None;
            for lnum in [0u32, 1] {
                let Some(copy) = layout.get(&lnum).and_then(|c| c.iter().max_by_key(|c| c.vid.sqnum)) else {
                    continue;
                };
                let d = self.leb_data(data, &g, copy.peb, leb_size);
                let (t, bad) = parse_vtbl(d);
                if best.as_ref().is_none_or(|(_, b)| bad < *b) {
                    best = Some((t, bad));
                }
            }
            match best {
                Some((t, bad)) => {
                    if bad > 0 {
                        ctx.problem(None, format!("volume table: {bad} records with a bad CRC (in every copy)"));
                    }
                    vtbl = Some(t);
                }
                None => ctx.problem(None, "layout volume present but neither copy of the volume table is mapped"),
            }
        } else {
            ctx.problem(None, "no layout volume (volume table) found; volumes are named by id");
        }

        let mut streams = Vec::new();
        let mut descr = Vec::new();
        for (vol_id, lebs) in &vols {
            if *vol_id >= LAYOUT_VOL_ID {
                continue; // other internal volumes (fastmap)
            }
            let rec = vtbl.as_ref().and_then(|t| t.get(vol_id));
            let name = match rec {
                Some(r) if !r.name.is_empty() => r.name.clone(),
                _ => {
                    if vtbl.is_some() {
                        ctx.problem(None, format!("volume {vol_id} has LEBs but no volume table entry"));
                    }
                    format!("volume{vol_id}")
                }
            };
            if let Some(r) = rec.filter(|r| r.upd_marker != 0) {
                ctx.problem(Some(&r.name), "volume update was interrupted (update marker set): contents unreliable");
            }
            match self.volume(data, &g, leb_size, &name, rec, lebs, ctx) {
                Ok(Some(s)) => {
                    descr.push(format!("{name} ({} bytes)", s.data.len()));
                    streams.push(s);
                }
                Ok(None) => {}
                Err(e) => {
                    ctx.problem(Some(&name), e.to_string());
                    break;
                }
            }
        }
        if let Some(t) = &vtbl {
            for (id, r) in t {
                if !vols.contains_key(id) {
                    descr.push(format!("{} (empty)", r.name));
                }
            }
        }
        Ok(Extracted::streams(streams).with_consumed(g.extent as u64).with_description(format!(
            "UBI, PEB {} KiB, LEB {}, {} PEBs ({} free); volumes: {}",
            g.peb_size / 1024,
            leb_size,
            g.pebs,
            free,
            if descr.is_empty() { "none".to_string() } else { descr.join(", ") }
        )))
    }
}

impl Ubi {
    /// The data area of PEB `peb` (cut to the image).
    fn leb_data<'a>(&self, data: &'a [u8], g: &Geometry, peb: usize, leb_size: usize) -> &'a [u8] {
        let start = (peb * g.peb_size + g.data_offset).min(data.len());
        let end = (start + leb_size).min(data.len());
        &data[start..end]
    }

    /// Assemble one volume.
    #[allow(clippy::too_many_arguments)]
    fn volume(
        &self,
        data: &Bytes,
        g: &Geometry,
        leb_size: usize,
        name: &str,
        rec: Option<&VolumeRecord>,
        lebs: &BTreeMap<u32, Vec<Copy>>,
        ctx: &mut Ctx,
    ) -> Result<Option<Stream>, FormatError> {
        // pick one copy per LEB: highest sqnum whose data CRC (when it has one) is right
        let mut chosen: BTreeMap<u32, (Copy, &[u8])> = BTreeMap::new();
        let mut is_static = rec.map(|r| r.vol_type == 2);
        for (lnum, copies) in lebs {
            if let Some(r) = rec.filter(|r| *lnum >= r.reserved_pebs) {
                ctx.problem(Some(name), format!("LEB {lnum} beyond the {} reserved PEBs; ignored", r.reserved_pebs));
                continue;
            }
            let mut sorted: Vec<&Copy> = copies.iter().collect();
            sorted.sort_by(|a, b| b.vid.sqnum.cmp(&a.vid.sqnum).then(a.peb.cmp(&b.peb)));
            let mut pick = None;
            for c in &sorted {
                let pad = (c.vid.data_pad as usize).min(leb_size);
                let full = self.leb_data(data, g, c.peb, leb_size - pad);
                let st = c.vid.vol_type == 2;
                is_static.get_or_insert(st);
                let checked = st || c.vid.copy_flag != 0;
                let d = if checked { &full[..(c.vid.data_size as usize).min(full.len())] } else { full };
                if checked && (c.vid.data_size as usize > full.len() || crc(d) != c.vid.data_crc) {
                    ctx.problem(Some(name), format!("LEB {lnum} in PEB {}: data CRC mismatch", c.peb));
                    continue;
                }
                pick = Some((**c, d));
                break;
            }
            match pick {
                Some(p) => {
                    chosen.insert(*lnum, p);
                }
                None => {
                    // every copy is bad: keep the newest one anyway
                    let c = sorted[0];
                    let pad = (c.vid.data_pad as usize).min(leb_size);
                    let full = self.leb_data(data, g, c.peb, leb_size - pad);
                    let d =
                        if c.vid.vol_type == 2 { &full[..(c.vid.data_size as usize).min(full.len())] } else { full };
                    chosen.insert(*lnum, (*c, d));
                }
            }
        }
        let Some((&last, _)) = chosen.iter().next_back() else { return Ok(None) };
        let is_static = is_static.unwrap_or(false);
        let first_off = chosen.values().next().map(|(c, _)| c.peb * g.peb_size + g.data_offset).unwrap_or(0);
        let pad = rec.map(|r| r.data_pad as usize).unwrap_or(0).min(leb_size);
        let usable = leb_size - pad;
        let mapped_bytes = chosen.len() * g.peb_size;
        let limit = ctx.budget().stream_limit(mapped_bytes);
        let mut out: Vec<u8> = Vec::new();
        if is_static {
            let used = chosen.values().next().map(|(c, _)| c.vid.used_ebs).unwrap_or(0);
            for l in 0..used.max(last + 1) {
                match chosen.get(&l) {
                    Some((_, d)) => out.extend_from_slice(d),
                    None => {
                        ctx.problem(Some(name), format!("static volume: LEB {l} missing"));
                        break;
                    }
                }
                if out.len() as u64 > limit {
                    break;
                }
            }
        } else {
            let total = (last as u64 + 1) * usable as u64;
            let n = total.min(limit) as usize;
            if (n as u64) < total {
                ctx.problem(Some(name), format!("volume of {total} bytes cut to {n} bytes (limit)"));
            }
            out = vec![0xff; n];
            for (l, (_, d)) in &chosen {
                let start = *l as usize * usable;
                if start >= n {
                    break;
                }
                let m = d.len().min(usable).min(n - start);
                out[start..start + m].copy_from_slice(&d[..m]);
            }
        }
        if out.len() as u64 > limit {
            ctx.problem(Some(name), format!("volume cut to {limit} bytes (limit)"));
            out.truncate(limit as usize);
        }
        if out.is_empty() {
            return Ok(None);
        }
        ctx.budget().charge_bytes(out.len() as u64).map_err(FormatError::Limit)?;
        Ok(Some(Stream {
            description: String::new(),
            name: name.to_string(),
            offset: first_off as u64,
            data: Bytes::from(out),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ec(vid_off: u32, data_off: u32) -> Vec<u8> {
        let mut h = vec![0u8; HDR];
        h[..4].copy_from_slice(EC_MAGIC);
        h[4] = 1;
        h[16..20].copy_from_slice(&vid_off.to_be_bytes());
        h[20..24].copy_from_slice(&data_off.to_be_bytes());
        let c = crc(&h[..60]);
        h[60..].copy_from_slice(&c.to_be_bytes());
        h
    }

    #[test]
    fn crc_matches_linux_convention() {
        // crc32_le(0xffffffff, "") == 0xffffffff
        assert_eq!(crc(b""), 0xffff_ffff);
    }

    #[test]
    fn geometry_from_ec_headers() {
        let peb = 16 * 1024;
        let mut img = vec![0xffu8; peb * 6];
        for i in 0..5 {
            img[i * peb..i * peb + HDR].copy_from_slice(&ec(512, 2048));
        }
        let g = geometry(&img).unwrap();
        assert_eq!(g.peb_size, peb);
        assert_eq!(g.pebs, 5);
        assert_eq!(g.extent, 5 * peb);
        // a corrupt EC header in PEB 1 does not change the PEB size (gcd of the others)
        img[peb + 8] ^= 1;
        assert_eq!(geometry(&img).unwrap().peb_size, peb);
    }

    #[test]
    fn single_peb_is_not_an_image() {
        let mut img = vec![0xffu8; 4096];
        img[..HDR].copy_from_slice(&ec(512, 2048));
        assert!(geometry(&img).is_none());
    }
}
