//! YAFFS2, the NAND flash file system, from NAND dumps and `mkyaffs2image` output: little- and big-endian,
//! tags in the spare (OOB) area or in-band.
//!
//! Vendors: Android devices before ext4 (2009-2011: HTC, Samsung, Motorola), NAND-based routers, set-top
//! boxes, IP cameras and DVRs (Hisilicon, Ingenic), industrial boards (Atmel/Microchip, TI), and any NAND
//! dump of them.
//! References: the YAFFS2 specification "How YAFFS works" and "YAFFS2 specification" (Aleph One), the
//! structures of `yaffs_guts.h` (object header) and `yaffs_packedtags2.c` (tags, the extra header info),
//! read to learn the format; no code is copied.
//!
//! # Layout
//! The flash is pages ("chunks") of 512 to 16384 bytes, each with a spare area (OOB) of 16 to a few hundred
//! bytes. Every page holds either an object header or one chunk of a file's data, and its **tags** say which:
//! `seq_number, obj_id, chunk_id, n_bytes` (four u32, "packed tags 2"), optionally followed by 12 bytes of
//! tags ECC. The tags sit in the OOB (at offset 0 as `mkyaffs2image` writes them, at 2 after the bad-block
//! marker as MTD's free-byte layout places them, or elsewhere: probed up to offset 64), or **in-band**: the last
//! 16 bytes of the page, the data chunk then being 16 bytes shorter (a dump without OOB). Chunk 0 is the
//! object header; with the extra-header flag (`chunk_id` bit 31) the tags also carry the parent id, the object
//! type (top nibble of `obj_id`), the shrink and shadows flags and the file size. Data chunks are numbered
//! from 1, `n_bytes` used. The sequence number (0x1000 … 0xefffff00) grows with each block written: the
//! newest copy of a chunk is the one with the highest sequence number, then the later page.
//!
//! The object header (512 bytes): `type:32 parent_obj_id:32 sum:16 name[256] pad:16 mode uid gid atime mtime
//! ctime file_size_low:32 equiv_id:32 alias[160] rdev:32 win times[6] inband_shadowed_obj_id inband_is_shrink
//! file_size_high reserved shadows_obj is_shrink`. Types: 1 file, 2 symlink, 3 directory, 4 hard link
//! (`equiv_id` is the target), 5 special (device, fifo, socket, by `mode`; `rdev` in Linux encoding). Object 1
//! is the root, 2 `lost+found`, 3 and 4 hold unlinked and deleted objects.
//!
//! # Finding an image: the anchor (yaffs2 has no magic)
//! A candidate is the first object header of an image, as `mkyaffs2image` and a fresh file system write it:
//! the 10 bytes `type = 1..5, parent = 1 (the root), sum = 0xffff` (the unused name checksum, left erased) in
//! either byte order. [`Format::identify`] then requires, before anything is read:
//! * the header to be well formed: a non-empty, NUL-terminated name of printable characters, and a `mode`
//!   whose file type matches the object type;
//! * a page geometry (page size 512 … 16384, spare size from a list of real NAND parts, tags offset, tags byte
//!   order, or in-band tags) under which the first page's tags say "object header" (sequence number in range,
//!   chunk 0 or the extra-header flag with the same parent and type as the header) and the following pages'
//!   tags are valid more often than not (a data chunk's `n_bytes` fits the chunk, a header page holds a
//!   well-formed header). The geometry with the most valid pages among the first 16 wins.
//!
//! Random data holds one of the ten 10-byte anchors with a chance below 2⁻⁷⁶ per offset; firmware tables that
//! happen to hold one then fail the name, mode and tags checks (the tags of the first page alone add some 40
//! bits: a sequence number in range, chunk 0 or the flag with the header's parent and type, and the tags of
//! the following pages must be valid too).
//!
//! # Reading
//! Every page is classified by its tags; erased pages (tags all 0xff) and checkpoint pages are skipped, pages
//! with invalid tags are counted and reported, and the image ends after 64 such pages in a row (what follows
//! is another partition). The newest header per object and the newest copy of each data chunk are kept;
//! objects whose parent is the unlinked or deleted directory, or that a newer header shadows (rename over
//! an existing name), are dropped (counted in the description); chunks past the file size or past a newer
//! shrink header's size are stale and dropped. A file's size is its header's; chunks absent within it (holes
//! or lost pages) read as zeros and are reported. Objects whose parent is missing go to `/lost+found`, as
//! the YAFFS kernel code puts them. Files bigger than [`crate::ondemand::EAGER_MAX`] are read on demand
//! from the image; each file is held to the expansion limit of the chunks it stores, the layer to the layer
//! limit.
//!
//! Limitations: YAFFS1 (512-byte pages with the older tags format) is not read. A dump whose OOB was
//! stripped from an image with OOB tags has no tags left and is not read. The image is read from its anchor
//! on, so in a used file system's dump the pages before the first root-level header are not seen. Tags ECC
//! and data ECC are not checked or corrected. Checkpoint data is not used (the tags are).
//!
//! ```
//! use fwassure_unpack::format::read::Endian;
//! use fwassure_unpack::formats::yaffs2::{ObjectHeader, ObjectType};
//! let mut h = vec![0xffu8; 512];
//! h[0..4].copy_from_slice(&1u32.to_le_bytes()); // a file
//! h[4..8].copy_from_slice(&1u32.to_le_bytes()); // in the root
//! h[10..18].copy_from_slice(b"busybox\0");
//! h[268..272].copy_from_slice(&0o100755u32.to_le_bytes());
//! h[292..296].copy_from_slice(&1000u32.to_le_bytes());
//! let oh = ObjectHeader::parse(&h, Endian::Little).unwrap();
//! assert_eq!((oh.obj_type, oh.name.as_slice(), oh.size()), (ObjectType::File, &b"busybox"[..], 1000));
//! ```

use std::collections::{BTreeMap, BTreeSet};

use bytes::Bytes;
use fwassure_model::{Node, NodeKind, Tree};

use crate::format::read::Endian;
use crate::format::{Ctx, Extracted, Format, FormatError, Identified, Magic};
use crate::ondemand::{Damage, Entry, Layout, Plan};

/// The YAFFS2 format.
pub struct Yaffs2;

/// Bytes of an object header.
pub const HEADER_LEN: usize = 512;
/// Bytes of the packed tags (without their ECC).
pub const TAGS_LEN: usize = 16;
const SEQ_LOWEST: u32 = 0x1000;
const SEQ_HIGHEST: u32 = 0xefff_ff00;
const SEQ_CHECKPOINT: u32 = 0x21;
const OBJ_CHECKPOINT: u32 = 0x20;
const EXTRA_HEADER: u32 = 0x8000_0000;
const EXTRA_SHRINK: u32 = 0x4000_0000;
const EXTRA_SHADOWS: u32 = 0x2000_0000;
const ALL_EXTRA: u32 = 0xf000_0000;
const OBJ_ROOT: u32 = 1;
const OBJ_LOST_FOUND: u32 = 2;
const OBJ_UNLINKED: u32 = 3;
const OBJ_DELETED: u32 = 4;
const PAGE_SIZES: [usize; 6] = [512, 1024, 2048, 4096, 8192, 16384];
/// Spare sizes of NAND parts (0: in-band tags, no OOB in the dump).
const SPARE_SIZES: [usize; 20] =
    [0, 16, 32, 64, 96, 112, 128, 160, 218, 224, 232, 256, 376, 436, 448, 512, 640, 744, 1024, 1280];
const MAX_TAG_OFFSET: usize = 64;
const PROBE_PAGES: usize = 16;
/// Pages with invalid tags in a row that end the image.
const BAD_RUN_END: usize = 64;
const MAX_DEPTH: usize = 128;

/// An object's type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ObjectType {
    /// A regular file.
    File,
    /// A symbolic link.
    Symlink,
    /// A directory.
    Dir,
    /// A hard link to another object.
    HardLink,
    /// A device, fifo or socket.
    Special,
}

impl ObjectType {
    /// The type of a stored value.
    pub fn from_u32(v: u32) -> Option<ObjectType> {
        Some(match v {
            1 => ObjectType::File,
            2 => ObjectType::Symlink,
            3 => ObjectType::Dir,
            4 => ObjectType::HardLink,
            5 => ObjectType::Special,
            _ => return None,
        })
    }
    fn code(self) -> u32 {
        match self {
            ObjectType::File => 1,
            ObjectType::Symlink => 2,
            ObjectType::Dir => 3,
            ObjectType::HardLink => 4,
            ObjectType::Special => 5,
        }
    }
}

/// An object header, as stored in the first 512 bytes of a header chunk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectHeader {
    /// The type.
    pub obj_type: ObjectType,
    /// The parent directory's object id.
    pub parent: u32,
    /// The unused name checksum (0xffff as written).
    pub sum: u16,
    /// The name (without its NUL).
    pub name: Vec<u8>,
    /// `st_mode`, file type bits included.
    pub mode: u32,
    /// Owner.
    pub uid: u32,
    /// Group.
    pub gid: u32,
    /// Modification time.
    pub mtime: u32,
    /// Low 32 bits of the file size.
    pub size_low: u32,
    /// High 32 bits of the file size (0xffffffff when not written).
    pub size_high: u32,
    /// A hard link's target object.
    pub equiv_id: u32,
    /// A symlink's target.
    pub alias: Vec<u8>,
    /// A device's number (Linux encoding).
    pub rdev: u32,
    /// The object id this header replaces (rename over an existing name), when positive.
    pub shadows: u32,
    /// Written when a file was shrunk (1).
    pub is_shrink: u32,
}

const S_IFMT: u32 = 0o170000;

impl ObjectHeader {
    /// Parse a well-formed header at the start of `d`: type 1-5, a non-empty NUL-terminated name of
    /// printable characters, and a `mode` whose file type agrees with the object type.
    pub fn parse(d: &[u8], e: Endian) -> Option<ObjectHeader> {
        let obj_type = ObjectType::from_u32(e.u32(d, 0)?)?;
        let raw_name = d.get(10..266)?;
        let len = raw_name.iter().position(|&b| b == 0)?;
        let name = raw_name.get(..len)?;
        if name.is_empty() || name.iter().any(|&b| b < 0x20 || b == 0x7f) {
            return None;
        }
        let mode = e.u32(d, 268)?;
        let fmt = mode & S_IFMT;
        let mode_ok = match obj_type {
            ObjectType::File => fmt == 0o100000,
            ObjectType::Dir => fmt == 0o040000,
            ObjectType::Symlink => fmt == 0o120000,
            ObjectType::Special => matches!(fmt, 0o020000 | 0o060000 | 0o010000 | 0o140000),
            ObjectType::HardLink => true,
        };
        if !mode_ok {
            return None;
        }
        Some(ObjectHeader {
            obj_type,
            parent: e.u32(d, 4)?,
            sum: e.u16(d, 8)?,
            name: name.to_vec(),
            mode,
            uid: e.u32(d, 272)?,
            gid: e.u32(d, 276)?,
            mtime: e.u32(d, 284)?,
            size_low: e.u32(d, 292)?,
            equiv_id: e.u32(d, 296)?,
            alias: {
                let a = d.get(300..460)?;
                a[..a.iter().position(|&b| b == 0).unwrap_or(a.len())].to_vec()
            },
            rdev: e.u32(d, 460)?,
            size_high: e.u32(d, 496)?,
            shadows: e.u32(d, 504)?,
            is_shrink: e.u32(d, 508)?,
        })
    }

    /// The file size: the low word, plus the high word when it was written.
    pub fn size(&self) -> u64 {
        let high = if self.size_high == u32::MAX { 0 } else { self.size_high as u64 };
        high << 32 | self.size_low as u64
    }

    /// Whether this is the anchor of an image: the header of an object in the root with the name checksum
    /// left erased.
    pub fn is_anchor(&self) -> bool {
        self.parent == OBJ_ROOT && self.sum == 0xffff
    }
}

/// The packed tags of one page, as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tags {
    /// Sequence number of the block.
    pub seq: u32,
    /// Object id (with the object type in the top nibble when the extra-header flag is set).
    pub obj_id: u32,
    /// Chunk id: 0 for a header, else the data chunk number; or the extra-header flags and the parent id.
    pub chunk_id: u32,
    /// Bytes used in a data chunk; the file size or hard-link target with the extra-header flag.
    pub n_bytes: u32,
}

impl Tags {
    /// Parse the tags at `off`.
    pub fn parse(d: &[u8], off: usize, e: Endian) -> Option<Tags> {
        Some(Tags {
            seq: e.u32(d, off)?,
            obj_id: e.u32(d, off.checked_add(4)?)?,
            chunk_id: e.u32(d, off.checked_add(8)?)?,
            n_bytes: e.u32(d, off.checked_add(12)?)?,
        })
    }
}

/// Where pages, data and tags are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Geometry {
    /// Bytes of a page's main area.
    pub page: usize,
    /// Bytes of a page's spare area in the dump (0 for in-band tags).
    pub spare: usize,
    /// Offset of the tags from the start of a page.
    pub tags_at: usize,
    /// Bytes of file data a page holds.
    pub chunk: usize,
    /// Byte order of the object headers.
    pub endian: Endian,
    /// Byte order of the tags.
    pub tag_endian: Endian,
}

impl Geometry {
    /// Bytes from one page to the next.
    pub fn stride(&self) -> usize {
        self.page + self.spare
    }
    /// Whether the tags are in-band (no spare area).
    pub fn inband(&self) -> bool {
        self.spare == 0
    }
}

/// What one page holds.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Page {
    Erased,
    Checkpoint,
    Header { obj_id: u32, header: Box<ObjectHeader>, shrink: bool, shadows: bool },
    Data { obj_id: u32, chunk_id: u32, n_bytes: u32 },
    Bad,
}

/// Classify the page at `pos`.
fn classify(d: &[u8], pos: usize, g: &Geometry) -> Page {
    let Some(at) = pos.checked_add(g.tags_at) else { return Page::Bad };
    let Some(raw) = d.get(at..at.saturating_add(TAGS_LEN)) else { return Page::Bad };
    if raw.iter().all(|&b| b == 0xff) {
        return Page::Erased;
    }
    let Some(t) = Tags::parse(d, at, g.tag_endian) else { return Page::Bad };
    if t.seq == SEQ_CHECKPOINT && t.obj_id == OBJ_CHECKPOINT {
        return Page::Checkpoint;
    }
    if !(SEQ_LOWEST..=SEQ_HIGHEST).contains(&t.seq) {
        return Page::Bad;
    }
    let header_at = |obj_id: u32| {
        let h = d.get(pos..pos.saturating_add(g.chunk.min(HEADER_LEN)))?;
        (obj_id != 0).then_some(())?;
        ObjectHeader::parse(h, g.endian)
    };
    if t.chunk_id & EXTRA_HEADER != 0 {
        let obj_id = t.obj_id & !ALL_EXTRA;
        match header_at(obj_id) {
            Some(h) if h.parent == t.chunk_id & !ALL_EXTRA && h.obj_type.code() == t.obj_id >> 28 => Page::Header {
                obj_id,
                header: Box::new(h),
                shrink: t.chunk_id & EXTRA_SHRINK != 0,
                shadows: t.chunk_id & EXTRA_SHADOWS != 0,
            },
            _ => Page::Bad,
        }
    } else if t.chunk_id == 0 {
        match header_at(t.obj_id) {
            Some(h) if t.obj_id & ALL_EXTRA == 0 => {
                Page::Header { obj_id: t.obj_id, header: Box::new(h), shrink: false, shadows: false }
            }
            _ => Page::Bad,
        }
    } else if t.obj_id != 0 && t.obj_id & ALL_EXTRA == 0 && t.chunk_id & ALL_EXTRA == 0 && t.n_bytes as usize <= g.chunk
    {
        Page::Data { obj_id: t.obj_id, chunk_id: t.chunk_id, n_bytes: t.n_bytes }
    } else {
        Page::Bad
    }
}

/// The anchor header at the start of `d` and its byte order.
fn anchor(d: &[u8]) -> Option<(ObjectHeader, Endian)> {
    [Endian::Little, Endian::Big]
        .into_iter()
        .find_map(|e| ObjectHeader::parse(d, e).filter(ObjectHeader::is_anchor).map(|h| (h, e)))
}

/// Every geometry to try, in order of preference.
fn geometries(e: Endian) -> impl Iterator<Item = Geometry> {
    let other = if e == Endian::Little { Endian::Big } else { Endian::Little };
    PAGE_SIZES.into_iter().flat_map(move |page| {
        SPARE_SIZES.into_iter().filter(move |&s| s < page).flat_map(move |spare| {
            let offsets: Vec<(usize, usize)> = if spare == 0 {
                if page >= 1024 {
                    vec![(page - TAGS_LEN, page - TAGS_LEN)]
                } else {
                    vec![]
                }
            } else if spare >= TAGS_LEN {
                (0..=(spare - TAGS_LEN).min(MAX_TAG_OFFSET)).map(|o| (page + o, page)).collect()
            } else {
                vec![]
            };
            offsets.into_iter().flat_map(move |(tags_at, chunk)| {
                [e, other].into_iter().map(move |tag_endian| Geometry {
                    page,
                    spare,
                    tags_at,
                    chunk,
                    endian: e,
                    tag_endian,
                })
            })
        })
    })
}

/// Find the geometry of the image whose anchor header starts `d`.
pub fn probe(d: &[u8]) -> Option<Geometry> {
    let (_, e) = anchor(d)?;
    let mut best: Option<(i64, Geometry)> = None;
    for g in geometries(e) {
        if !matches!(classify(d, 0, &g), Page::Header { .. }) {
            continue;
        }
        let (mut valid, mut bad, mut pages) = (1i64, 0i64, 1usize);
        for i in 1..PROBE_PAGES {
            let pos = i * g.stride();
            if pos.saturating_add(g.tags_at + TAGS_LEN) > d.len() {
                break;
            }
            pages += 1;
            match classify(d, pos, &g) {
                Page::Bad => bad += 1,
                Page::Erased => {}
                _ => valid += 1,
            }
        }
        let score = valid - bad;
        if valid < 2.min(pages as i64) || score < 1 {
            continue;
        }
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, g));
        }
    }
    best.map(|(_, g)| g)
}

/// The order of a page's contents in time: block sequence number, then page index.
type Order = (u32, usize);

struct HeaderRec {
    order: Order,
    header: ObjectHeader,
}

/// One file's data: its chunks (file offset, position in the image, bytes used), sorted by offset.
struct FileChunks {
    chunks: Vec<(u64, usize, u32)>,
    chunk: usize,
}

impl Layout for FileChunks {
    fn read(&self, layer: &[u8], n: u64) -> (Vec<u8>, Option<String>) {
        let n = n as usize;
        let mut out = Vec::with_capacity(n.min(1 << 24));
        let mut damage = Damage::default();
        for &(off, pos, used) in &self.chunks {
            let Ok(off) = usize::try_from(off) else { break };
            if off >= n {
                break;
            }
            out.resize(off, 0);
            let take = (used as usize).min(self.chunk).min(n - off);
            match layer.get(pos..pos.saturating_add(take)) {
                Some(b) => out.extend_from_slice(b),
                None => damage.add(|| format!("chunk at {pos:#x} runs past the image")),
            }
        }
        out.resize(n, 0);
        (out, damage.message("chunks"))
    }
}

/// Everything read from the pages.
#[derive(Default)]
struct Scan {
    headers: BTreeMap<u32, HeaderRec>,
    /// (object, chunk id) -> newest (order, position, bytes used)
    chunks: BTreeMap<(u32, u32), (Order, usize, u32)>,
    /// object -> (order, size) of each shrink header
    shrinks: BTreeMap<u32, Vec<(Order, u64)>>,
    /// shadowed object -> order of the newest header that shadows it
    shadowed: BTreeMap<u32, Order>,
    end: usize,
    pages: usize,
    bad: usize,
    first_bad: Option<usize>,
}

fn scan(d: &[u8], g: &Geometry, ctx: &mut Ctx) -> Scan {
    let mut s = Scan::default();
    let stride = g.stride();
    let (mut run, mut bad_since_end) = (0usize, 0usize);
    let mut first_bad_since_end = None;
    let mut i = 0usize;
    while let Some(pos) = i.checked_mul(stride) {
        if pos.saturating_add(g.tags_at + TAGS_LEN) > d.len() {
            break;
        }
        if i.is_multiple_of(4096) {
            if let Err(e) = ctx.budget().check_time() {
                ctx.problem(None, e);
                break;
            }
        }
        let page = classify(d, pos, g);
        i += 1;
        match page {
            Page::Bad => {
                run += 1;
                bad_since_end += 1;
                first_bad_since_end.get_or_insert(pos);
                if run >= BAD_RUN_END {
                    break;
                }
                continue;
            }
            Page::Erased => {
                run = 0;
                continue;
            }
            _ => {}
        }
        run = 0;
        s.bad += bad_since_end;
        bad_since_end = 0;
        if s.first_bad.is_none() {
            s.first_bad = first_bad_since_end;
        }
        first_bad_since_end = None;
        s.end = (pos + stride).min(d.len());
        let order = (seq_of(d, pos, g), i - 1);
        match page {
            Page::Header { obj_id, header, shrink, shadows } => {
                s.pages += 1;
                if shrink || header.is_shrink == 1 {
                    let v = s.shrinks.entry(obj_id).or_default();
                    v.push((order, header.size()));
                }
                let shadowed = header.shadows;
                if (shadows || shadowed != u32::MAX) && shadowed > OBJ_DELETED && shadowed & ALL_EXTRA == 0 {
                    let e = s.shadowed.entry(shadowed).or_insert(order);
                    *e = (*e).max(order);
                }
                match s.headers.get(&obj_id) {
                    Some(old) if old.order > order => {}
                    _ => {
                        s.headers.insert(obj_id, HeaderRec { order, header: *header });
                    }
                }
            }
            Page::Data { obj_id, chunk_id, n_bytes } => {
                s.pages += 1;
                match s.chunks.get(&(obj_id, chunk_id)) {
                    Some((old, ..)) if *old > order => {}
                    _ => {
                        s.chunks.insert((obj_id, chunk_id), (order, pos, n_bytes));
                    }
                }
            }
            _ => {}
        }
    }
    s
}

fn seq_of(d: &[u8], pos: usize, g: &Geometry) -> u32 {
    g.tag_endian.u32(d, pos + g.tags_at).unwrap_or(0)
}

/// Where an object goes.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Place {
    Path(String),
    Dropped,
}

struct Builder<'a> {
    s: &'a Scan,
    places: BTreeMap<u32, Place>,
    lost_found_used: bool,
}

impl Builder<'_> {
    fn name_of(&self, id: u32) -> String {
        let name = self.s.headers.get(&id).map(|r| String::from_utf8_lossy(&r.header.name).into_owned());
        let name = name.unwrap_or_default();
        if name.is_empty() || name == "." || name == ".." || name.contains('/') {
            format!("obj-{id}")
        } else {
            name
        }
    }

    fn dropped(&self, id: u32) -> bool {
        let Some(rec) = self.s.headers.get(&id) else { return false };
        self.s.shadowed.get(&id).is_some_and(|o| *o > rec.order)
    }

    /// The path of object `id`, or `Dropped` when it is deleted, unlinked or in a deleted directory.
    fn place(&mut self, id: u32, ctx: &mut Ctx) -> Place {
        // follow the parents up to a known place
        let mut chain: Vec<u32> = Vec::new();
        let mut seen: BTreeSet<u32> = BTreeSet::new();
        let mut cur = id;
        let lost = |b: &mut Self| {
            b.lost_found_used = true;
            Place::Path("/lost+found".into())
        };
        let base = loop {
            if let Some(p) = self.places.get(&cur) {
                break p.clone();
            }
            match cur {
                OBJ_ROOT if !chain.is_empty() => break Place::Path(String::new()),
                OBJ_LOST_FOUND if !chain.is_empty() && !self.s.headers.contains_key(&cur) => break lost(self),
                OBJ_UNLINKED | OBJ_DELETED if !chain.is_empty() => break Place::Dropped,
                _ => {}
            }
            let child = chain.last().copied().unwrap_or(id);
            let Some(rec) = self.s.headers.get(&cur) else {
                // a parent without a header: its children are orphans
                ctx.problem(None, format!("object {child}: parent {cur} has no header; put in /lost+found"));
                break lost(self);
            };
            if !chain.is_empty() && rec.header.obj_type != ObjectType::Dir {
                ctx.problem(None, format!("object {child}: parent {cur} is not a directory; put in /lost+found"));
                break lost(self);
            }
            if self.dropped(cur) {
                break Place::Dropped;
            }
            if chain.len() > MAX_DEPTH || seen.contains(&cur) {
                // a loop or a chain too deep: `cur` goes to lost+found, and what descends from it below it
                ctx.problem(
                    None,
                    format!("object {cur}: parent loop or nesting deeper than {MAX_DEPTH}; put in /lost+found"),
                );
                if let Some(at) = chain.iter().position(|&c| c == cur) {
                    chain.truncate(at);
                }
                chain.push(cur);
                break lost(self);
            }
            chain.push(cur);
            seen.insert(cur);
            cur = rec.header.parent;
        };
        // and assign the places down the chain
        let mut place = base;
        for &obj in chain.iter().rev() {
            place = match place {
                Place::Dropped => Place::Dropped,
                Place::Path(p) => Place::Path(format!("{p}/{}", self.name_of(obj))),
            };
            self.places.insert(obj, place.clone());
        }
        self.places.get(&id).cloned().unwrap_or(place)
    }
}

/// Decode a Linux device number (the 32-bit "new" encoding, which keeps the old 16-bit one readable).
fn dev_numbers(rdev: u32) -> (u32, u32) {
    ((rdev & 0xfff00) >> 8, (rdev & 0xff) | ((rdev >> 12) & 0xfff00))
}

impl Format for Yaffs2 {
    fn name(&self) -> &'static str {
        "yaffs2"
    }
    fn magics(&self) -> &'static [Magic] {
        &[
            Magic { bytes: &[1, 0, 0, 0, 1, 0, 0, 0, 0xff, 0xff], offset: 0 },
            Magic { bytes: &[2, 0, 0, 0, 1, 0, 0, 0, 0xff, 0xff], offset: 0 },
            Magic { bytes: &[3, 0, 0, 0, 1, 0, 0, 0, 0xff, 0xff], offset: 0 },
            Magic { bytes: &[4, 0, 0, 0, 1, 0, 0, 0, 0xff, 0xff], offset: 0 },
            Magic { bytes: &[5, 0, 0, 0, 1, 0, 0, 0, 0xff, 0xff], offset: 0 },
            Magic { bytes: &[0, 0, 0, 1, 0, 0, 0, 1, 0xff, 0xff], offset: 0 },
            Magic { bytes: &[0, 0, 0, 2, 0, 0, 0, 1, 0xff, 0xff], offset: 0 },
            Magic { bytes: &[0, 0, 0, 3, 0, 0, 0, 1, 0xff, 0xff], offset: 0 },
            Magic { bytes: &[0, 0, 0, 4, 0, 0, 0, 1, 0xff, 0xff], offset: 0 },
            Magic { bytes: &[0, 0, 0, 5, 0, 0, 0, 1, 0xff, 0xff], offset: 0 },
        ]
    }
    fn identify(&self, d: &[u8]) -> Option<Identified> {
        let g = probe(d)?;
        Some(Identified { size: None, description: describe(&g) })
    }

    fn extract(&self, data: &Bytes, ctx: &mut Ctx) -> Result<Extracted, FormatError> {
        let g = probe(data).ok_or_else(|| FormatError::Invalid("no yaffs2 object header and page geometry".into()))?;
        let s = scan(data, &g, ctx);
        if s.bad > 0 {
            ctx.problem(
                None,
                format!("{} pages with invalid tags skipped (first at {:#x})", s.bad, s.first_bad.unwrap_or_default()),
            );
        }
        let mut b = Builder { s: &s, places: BTreeMap::new(), lost_found_used: false };
        let mut tree = Tree::new();
        let root = s.headers.get(&OBJ_ROOT).map(|r| &r.header);
        let root_node = Node {
            kind: NodeKind::Dir,
            mode: root.map_or(0o755, |h| h.mode & 0o7777),
            uid: root.map_or(0, |h| h.uid),
            gid: root.map_or(0, |h| h.gid),
            mtime: root.map_or(0, |h| h.mtime as i64),
        };
        ctx.insert(&mut tree, "/", root_node)?;
        let mut remaining = ctx.budget().layer_limit(data.len());
        let mut plan = Plan::new("yaffs2", data.clone());
        // path -> (order of the header, entry)
        let mut entries: BTreeMap<String, (Order, Entry)> = BTreeMap::new();
        let mut hardlinks: Vec<(String, Node, u32, Order)> = Vec::new();
        let mut dropped = 0usize;
        for (&id, rec) in &s.headers {
            if matches!(id, OBJ_ROOT | OBJ_UNLINKED | OBJ_DELETED) {
                // the root is the tree's root; the unlinked and deleted directories are not part of the tree
                continue;
            }
            let path = match b.place(id, ctx) {
                Place::Path(p) => p,
                Place::Dropped => {
                    dropped += 1;
                    continue;
                }
            };
            let h = &rec.header;
            let mut node =
                Node { kind: NodeKind::Dir, mode: h.mode & 0o7777, uid: h.uid, gid: h.gid, mtime: h.mtime as i64 };
            let mut planned = None;
            match h.obj_type {
                ObjectType::Dir => {}
                ObjectType::Symlink => node.kind = NodeKind::Symlink(String::from_utf8_lossy(&h.alias).into_owned()),
                ObjectType::HardLink => {
                    hardlinks.push((path, node, h.equiv_id, rec.order));
                    continue;
                }
                ObjectType::Special => {
                    let (major, minor) = dev_numbers(h.rdev);
                    node.kind = match h.mode & S_IFMT {
                        0o020000 => NodeKind::CharDevice { major, minor },
                        0o060000 => NodeKind::BlockDevice { major, minor },
                        0o010000 => NodeKind::Fifo,
                        _ => NodeKind::Socket,
                    };
                }
                ObjectType::File => {
                    let size = h.size();
                    let chunk = g.chunk as u64;
                    let shrinks = s.shrinks.get(&id);
                    let chunks: Vec<(u64, usize, u32)> = s
                        .chunks
                        .range((id, 1)..=(id, u32::MAX))
                        .filter_map(|(&(_, cid), &(order, pos, n))| {
                            let off = (cid as u64 - 1) * chunk;
                            let stale =
                                off >= size || shrinks.is_some_and(|v| v.iter().any(|&(o, sz)| o > order && sz <= off));
                            (!stale).then_some((off, pos, n))
                        })
                        .collect();
                    let expected = size.div_ceil(chunk);
                    if (chunks.len() as u64) < expected {
                        ctx.problem(
                            Some(&path),
                            format!(
                                "{} of {expected} data chunks absent (holes or lost pages); read as zeros",
                                expected - chunks.len() as u64
                            ),
                        );
                    }
                    let stored = (chunks.len() as u64).saturating_mul(chunk);
                    let limit = ctx.budget().stream_limit_within(stored as usize, remaining);
                    let len = if size > limit {
                        ctx.problem(Some(&path), format!("size {size} exceeds the limit; cut to {limit} bytes"));
                        limit
                    } else {
                        size
                    };
                    remaining -= len;
                    planned = Some(plan.add(FileChunks { chunks, chunk: g.chunk }, len));
                    node.kind = NodeKind::File(Bytes::new().into());
                }
            }
            insert_entry(&mut entries, path, rec.order, node, planned, ctx);
        }
        for (path, mut node, target, order) in hardlinks {
            let target_path = match b.places.get(&target) {
                Some(Place::Path(p))
                    if s.headers.get(&target).is_some_and(|r| r.header.obj_type != ObjectType::Dir) =>
                {
                    p.clone()
                }
                _ => {
                    ctx.problem(
                        Some(&path),
                        format!("hard link to object {target}, which is not a file here; skipped"),
                    );
                    continue;
                }
            };
            node.kind = NodeKind::HardLink(fwassure_model::vfs::normalize_path(&target_path).0);
            insert_entry(&mut entries, path, order, node, None, ctx);
        }
        if b.lost_found_used && !entries.contains_key("/lost+found") {
            entries.insert("/lost+found".into(), ((0, 0), ("/lost+found".into(), Node::dir(), None)));
        }
        let objects = entries.len();
        plan.insert_into(entries.into_values().map(|(_, e)| e).collect(), &mut tree, ctx);
        Ok(Extracted::tree(tree).with_consumed(s.end as u64).with_description(format!(
            "{}, {objects} objects ({dropped} deleted or unlinked dropped), {} pages used",
            describe(&g),
            s.pages
        )))
    }
}

/// Add an entry; of two objects at one path the newer header wins, and the other is reported.
fn insert_entry(
    entries: &mut BTreeMap<String, (Order, Entry)>,
    path: String,
    order: Order,
    node: Node,
    planned: Option<usize>,
    ctx: &mut Ctx,
) {
    match entries.get(&path) {
        Some((old, _)) if *old > order => {
            ctx.problem(Some(&path), "two objects of this name; the older header is dropped");
        }
        Some(_) => {
            ctx.problem(Some(&path), "two objects of this name; the older header is dropped");
            entries.insert(path.clone(), (order, (path, node, planned)));
        }
        None => {
            entries.insert(path.clone(), (order, (path, node, planned)));
        }
    }
}

fn describe(g: &Geometry) -> String {
    let order = if g.endian == Endian::Little { "le" } else { "be" };
    let tags =
        if g.inband() { "in-band tags".to_string() } else { format!("tags at spare offset {}", g.tags_at - g.page) };
    let tag_order = if g.tag_endian != g.endian { " (other byte order)" } else { "" };
    format!("yaffs2 {order}, {}+{}-byte pages, {tags}{tag_order}", g.page, g.spare)
}
