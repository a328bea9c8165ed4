//! Stage 1 of fwassure: identify, carve and extract a firmware image into a [`Vfs`], in-process.
//!
//! The engine scans a blob for the magic bytes of every registered [`format::Format`] with one
//! multi-pattern automaton, validates each candidate's header, extracts the candidates in offset order,
//! and recurses into the payload streams and into files of extracted trees that start with a known format,
//! down to [`Limits::max_depth`]. The scan reads the blob a chunk at a time and resumes after each region
//! it accepts, so the inside of a filesystem or stream is never searched for magic bytes as carving
//! candidates (it is unpacked instead).
//!
//! Layer ids are given in depth-first discovery order, so the same image always yields the same ids.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod banner;
pub mod decompress;
pub mod format;
pub mod formats;
pub mod limits;
/// LZMA1 and LZMA2 decoding straight into the output buffer, which is also the dictionary (the output is
/// held once, not twice as with a separate window).
pub mod lzma2;
pub mod ondemand;
pub mod sink;
pub mod unclaimed;

use aho_corasick::AhoCorasick;
use bytes::Bytes;
use fwassure_model::problem::{NO_ROOT_FILESYSTEM, NO_SUPPORTED_FORMAT};
use fwassure_model::{FileData, Layer, Problem, Tree, Vfs};
use std::sync::OnceLock;

pub use format::{Ctx, Extracted, Format, FormatError, Identified, Magic, Output, Stream};
pub use limits::{Budget, Limits};

/// Unpack an image with the default limits.
pub fn unpack(image: Bytes) -> Vfs {
    unpack_with(image, &Limits::default())
}

/// Unpack an image with the given limits. Never panics on hostile input: what cannot be read becomes a
/// problem record and the rest is kept.
pub fn unpack_with(image: Bytes, limits: &Limits) -> Vfs {
    run(image, limits, false)
}

/// Unpack for the analysis stages, which read only file data and leaf payloads: as [`unpack_with`], but
/// the bytes of a container (the image, a region, a decompressed stream) are given back as soon as the
/// streams inside it have been read, not at the end, so that a container and all that is unpacked from it
/// are not held at once (a UBI image, its volumes and the UBIFS files). The result is what
/// [`Vfs::release_container_data`] leaves. The caller should pass the only reference to the image.
pub fn unpack_for_analysis(image: Bytes, limits: &Limits) -> Vfs {
    let mut vfs = run(image, limits, true);
    vfs.release_container_data();
    vfs
}

fn run(image: Bytes, limits: &Limits, release: bool) -> Vfs {
    let budget = Budget::new(limits.clone());
    let mut eng = Engine { budget: &budget, vfs: Vfs::default(), release };
    eng.blob(image, None, 0, None, 0, "raw", false);
    if eng.vfs.layers.len() == 1 && eng.vfs.layers[0].tree.is_none() {
        let named: Vec<String> = eng.vfs.layers[0].attributes.values().cloned().collect();
        eng.global(if named.is_empty() {
            format!("{NO_SUPPORTED_FORMAT} in the image")
        } else {
            format!("no container or filesystem format found in the image; its bytes name {}", named.join(" and "))
        });
    }
    if let Some(msg) = no_root_message(&eng.vfs) {
        eng.vfs.problems.insert(0, Problem::global(msg));
    }
    eng.vfs
}

/// The problem said first when no layer holds a Unix root filesystem (`/etc` with `/bin`, `/sbin`, `/lib`
/// or `/usr`): what was read instead, so that an image whose root filesystem was not found never passes
/// for a clean one.
fn no_root_message(vfs: &Vfs) -> Option<String> {
    let trees: Vec<&Layer> = vfs.layers.iter().filter(|l| l.tree.is_some()).collect();
    if trees.iter().any(|l| l.tree.as_ref().is_some_and(|t| t.looks_like_root("/"))) {
        return None;
    }
    let files: usize = trees.iter().map(|l| l.file_count()).sum();
    let mut formats: Vec<&str> = trees.iter().map(|l| l.format.as_str()).collect();
    formats.sort_unstable();
    formats.dedup();
    Some(if trees.is_empty() {
        format!("{NO_ROOT_FILESYSTEM}: no filesystem or archive was read from the image")
    } else {
        format!(
            "{NO_ROOT_FILESYSTEM}: {} filesystem or archive layer{} ({}) with {files} file{}, none a Unix root (/etc with /bin, /sbin, /lib or /usr)",
            trees.len(),
            if trees.len() == 1 { "" } else { "s" },
            formats.join(", "),
            if files == 1 { "" } else { "s" },
        )
    })
}

struct Pattern {
    format: usize,
    magic_offset: usize,
}

struct Scanner {
    ac: AhoCorasick,
    patterns: Vec<Pattern>,
    /// Bytes after a candidate's start that its magic can reach: the largest `magic_offset + len`.
    reach: usize,
}

fn scanner() -> &'static Scanner {
    static S: OnceLock<Scanner> = OnceLock::new();
    S.get_or_init(|| {
        let mut pats: Vec<&'static [u8]> = Vec::new();
        let mut patterns = Vec::new();
        let mut reach = 0;
        for (i, f) in formats::REGISTRY.iter().enumerate() {
            for m in f.magics() {
                pats.push(m.bytes);
                patterns.push(Pattern { format: i, magic_offset: m.offset });
                reach = reach.max(m.offset + m.bytes.len());
            }
        }
        let ac = AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::Standard)
            .build(&pats)
            .expect("magic patterns build");
        Scanner { ac, patterns, reach }
    })
}

/// A candidate found by the scan: a format at a start offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Candidate {
    start: usize,
    format: usize,
}

/// Bytes of a blob whose candidates are found and tried at a time: the scan then resumes after the
/// regions found, so a filesystem that fills the image is not searched for magic bytes inside it, and a
/// blob full of magic bytes never holds more than one chunk's candidates in memory.
const SCAN_CHUNK: usize = 256 << 10;

/// Every (start, format) with `from <= start < to` whose magic occurs in `data`, sorted by start then
/// registry order.
fn candidates_in(data: &[u8], from: usize, to: usize) -> Vec<Candidate> {
    let s = scanner();
    let window_end = to.saturating_add(s.reach).min(data.len());
    let Some(window) = data.get(from..window_end) else { return Vec::new() };
    let mut out: Vec<Candidate> =
        s.ac.find_overlapping_iter(window)
            .filter_map(|m| {
                let p = &s.patterns[m.pattern().as_usize()];
                let start = (from + m.start()).checked_sub(p.magic_offset)?;
                (from..to).contains(&start).then_some(Candidate { start, format: p.format })
            })
            .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// True when one of `f`'s magics sits at its place for a structure starting at offset 0 of `data`.
fn has_magic_at_start(f: &dyn Format, data: &[u8]) -> bool {
    f.magics().iter().any(|m| data.get(m.offset..m.offset + m.bytes.len()) == Some(m.bytes))
}

/// True when some format's magic sits at its place for a structure starting at offset 0.
fn magic_at_start(data: &[u8]) -> bool {
    formats::REGISTRY.iter().any(|f| has_magic_at_start(*f, data))
}

/// Formats whose magic sits at its place when the structure starts at offset 0 (for files in trees).
fn starts_with_format(data: &[u8]) -> bool {
    formats::REGISTRY.iter().any(|f| has_magic_at_start(*f, data) && f.identify(data).is_some())
}

struct Region {
    start: usize,
    size: usize,
    /// Whether the region's bytes are accounted for: it was read, or its structure was understood and only
    /// its content could not be decoded (the scan does not look for other formats inside it).
    claims: bool,
    format: &'static dyn Format,
    extracted: Result<Extracted, FormatError>,
    description: String,
    problems: Vec<(Option<String>, String)>,
}

/// The `(start, end)` byte ranges of the regions that claim their bytes.
fn claimed_spans(regions: &[Region]) -> Vec<(usize, usize)> {
    regions.iter().filter(|r| r.claims).map(|r| (r.start, r.start + r.size)).collect()
}

struct Engine<'a> {
    budget: &'a Budget,
    vfs: Vfs,
    /// Drop a container's bytes once the layers inside it are read (see [`unpack_for_analysis`]).
    release: bool,
}

fn is_padding(d: &[u8]) -> bool {
    d.iter().all(|&b| b == 0 || b == 0xff)
}

impl Engine<'_> {
    fn next_id(&self) -> String {
        format!("L{}", self.vfs.layers.len())
    }

    fn push_layer(&mut self, mut layer: Layer, problems: Vec<(Option<String>, String)>) -> usize {
        for (path, msg) in problems {
            layer.problems.push(Problem { layer: Some(layer.id.clone()), path, message: msg });
        }
        self.vfs.layers.push(layer);
        self.vfs.layers.len() - 1
    }

    fn global(&mut self, msg: String) {
        if !self.vfs.problems.iter().any(|p| p.message == msg) {
            self.vfs.problems.push(Problem::global(msg));
        }
    }

    /// Find and extract the regions of a blob. Candidates that passed their header check and could not be
    /// read, and claim nothing, are returned as problem messages for the blob's layer.
    fn regions(&mut self, data: &Bytes) -> (Vec<Region>, Vec<String>) {
        let mut regions: Vec<Region> = Vec::new();
        let mut failed: Vec<(usize, String)> = Vec::new();
        let mut covered_to = 0usize;
        let mut pos = 0usize;
        'scan: while pos < data.len() {
            let end = pos.saturating_add(SCAN_CHUNK).min(data.len());
            for c in candidates_in(data, pos, end) {
                if c.start < covered_to {
                    continue;
                }
                if let Err(e) = self.budget.check_time() {
                    self.global(e);
                    break 'scan;
                }
                self.try_candidate(data, c, &mut regions, &mut failed, &mut covered_to);
            }
            pos = end.max(covered_to);
        }
        // a failed candidate overlapped by a later good one at the same place is dropped above; drop failed
        // candidates that lie inside accepted regions
        let good = claimed_spans(&regions);
        let inside = |at: usize| good.iter().any(|&(s, e)| at > s && at < e);
        regions.retain(|r| r.claims || !inside(r.start));
        failed.retain(|(at, _)| !inside(*at) && !good.iter().any(|&(s, _)| s == *at));
        const SHOWN: usize = 20;
        let mut messages: Vec<String> = failed.iter().take(SHOWN).map(|(_, m)| m.clone()).collect();
        if failed.len() > SHOWN {
            messages.push(format!("{} more candidates could not be read", failed.len() - SHOWN));
        }
        (regions, messages)
    }

    /// Identify and extract one candidate; an accepted region is pushed and moves `covered_to` past it.
    ///
    /// A candidate whose header states its size and that cannot be read is counted against
    /// [`Limits::max_failed_candidates`]. It becomes a layer (with the problem) when it is the whole blob, or
    /// when its structure was understood and only its content could not be decoded or was over a limit
    /// (then it also claims its bytes, so they are not carved block by block); otherwise it is only a problem
    /// of the blob's layer.
    fn try_candidate(
        &mut self,
        data: &Bytes,
        c: Candidate,
        regions: &mut Vec<Region>,
        failed: &mut Vec<(usize, String)>,
        covered_to: &mut usize,
    ) {
        let f = formats::REGISTRY[c.format];
        let rest = &data[c.start..];
        let Some(id) = f.identify(rest) else { return };
        if id.size.is_some() && self.budget.failed_candidates_spent() {
            let msg = self.budget.failed_candidates_message();
            self.global(msg);
            return;
        }
        let avail = data.len() - c.start;
        let size = id.size.map(|s| (s.min(avail as u64)) as usize).unwrap_or(avail);
        let slice = data.slice(c.start..c.start + size);
        let mut ctx = Ctx::new(self.budget);
        let extracted = f.extract(&slice, &mut ctx);
        let mut problems = ctx.take_problems();
        if id.size.is_some_and(|s| s > avail as u64) {
            problems.push((
                None,
                format!(
                    "{} header claims {} bytes but only {} remain: truncated",
                    f.name(),
                    id.size.unwrap_or(0),
                    avail
                ),
            ));
        }
        let real_size = match &extracted {
            Ok(e) => e.consumed.map(|c| (c as usize).clamp(1, size)).unwrap_or(size),
            Err(_) => size,
        };
        let claims = match &extracted {
            Ok(_) => true,
            Err(e) => {
                if id.size.is_none() && c.start != 0 {
                    // an unverifiable stream header inside other data that did not decode: a false positive,
                    // not a problem. At the start of a blob it is what the blob is, and its failure is kept.
                    return;
                }
                if id.size.is_some() {
                    if let Err(m) = self.budget.charge_failed_candidate() {
                        self.global(m);
                    }
                }
                let understood =
                    matches!(e, FormatError::Decompress(_) | FormatError::Unsupported(_) | FormatError::Limit(_));
                if !understood && c.start != 0 {
                    let what = if id.description.is_empty() { f.name().to_string() } else { id.description.clone() };
                    failed.push((c.start, format!("{what} at {:#x} could not be read: {e}", c.start)));
                    return;
                }
                understood
            }
        };
        let description = match &extracted {
            Ok(e) if !e.description.is_empty() => e.description.clone(),
            _ => id.description.clone(),
        };
        if claims {
            *covered_to = c.start + real_size;
        } else if regions.iter().any(|r| r.start == c.start) {
            return;
        }
        regions.push(Region { start: c.start, size: real_size, claims, format: f, extracted, description, problems });
    }

    /// Process a blob: either it is one format from start to end (padding allowed), or it is a `raw`
    /// container of carved regions, whose unclaimed bytes are recorded. With `only_if_found`, a blob in which
    /// no region is found leaves no layer (a file of a tree that is carved only to look for what it holds).
    #[allow(clippy::too_many_arguments)]
    fn blob(
        &mut self,
        data: Bytes,
        parent: Option<String>,
        offset: u64,
        source_path: Option<String>,
        depth: usize,
        default_format: &str,
        only_if_found: bool,
    ) {
        if self.vfs.layers.len() >= self.budget.limits().max_layers {
            self.global(format!("layer limit ({}) reached", self.budget.limits().max_layers));
            return;
        }
        let (regions, failed) = self.regions(&data);
        if only_if_found && !regions.iter().any(|r| r.claims) {
            return;
        }
        let whole = regions.len() == 1
            && regions[0].start == 0
            && regions[0].extracted.is_ok()
            && is_padding(&data[regions[0].size.min(data.len())..]);
        let size = data.len() as u64;
        if whole {
            let r = regions.into_iter().next().expect("one region");
            self.region_layer(r, data, parent, offset, size, source_path, depth);
            return;
        }
        let id = self.next_id();
        let unclaimed = unclaimed::regions(&data, &claimed_spans(&regions));
        let mut problems: Vec<(Option<String>, String)> = failed.into_iter().map(|m| (None, m)).collect();
        problems.extend(unclaimed::problems(&unclaimed).into_iter().map(|m| (None, m)));
        // what no format claims may still name itself (a bootloader, an RTOS, a kernel)
        let mut attributes = std::collections::BTreeMap::new();
        for u in unclaimed.iter().filter(|u| u.class != fwassure_model::ByteClass::Padding) {
            let (s, e) = (u.offset as usize, (u.offset + u.size) as usize);
            for (k, v) in banner::identify(data.get(s..e).unwrap_or_default()) {
                attributes.entry(k).or_insert(v);
            }
        }
        let layer = Layer {
            id: id.clone(),
            parent,
            format: default_format.to_string(),
            offset,
            size,
            source_path,
            description: String::new(),
            data: data.clone(),
            tree: None,
            problems: vec![],
            attributes,
            unclaimed,
        };
        self.push_layer(layer, problems);
        if depth >= self.budget.limits().max_depth && !regions.is_empty() {
            self.vfs.problems.push(Problem::layer(
                &id,
                format!("depth limit ({}) reached; nested layers not unpacked", self.budget.limits().max_depth),
            ));
            return;
        }
        for r in regions {
            let (start, sz) = (r.start as u64, r.size as u64);
            let slice = data.slice(r.start..r.start + r.size);
            self.region_layer(r, slice, Some(id.clone()), start, sz, None, depth + 1);
        }
        let searched = self.vfs.layer(&id).is_some_and(|l| self.vfs.is_searched_blob(l));
        if self.release && self.vfs.has_children(&id) && !searched {
            // a container (not a payload the catalog reads): its bytes are not needed any more (the regions
            // are slices of the same buffer, so dropping it before the loop would free nothing)
            if let Some(l) = self.vfs.layers.iter_mut().find(|l| l.id == id) {
                l.data = Bytes::new();
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn region_layer(
        &mut self,
        r: Region,
        data: Bytes,
        parent: Option<String>,
        offset: u64,
        size: u64,
        source_path: Option<String>,
        depth: usize,
    ) {
        // a blob may hold many regions: check the layer limit for each, not only once per blob
        if self.vfs.layers.len() >= self.budget.limits().max_layers {
            self.global(format!("layer limit ({}) reached", self.budget.limits().max_layers));
            return;
        }
        let id = self.next_id();
        let mut problems = r.problems;
        let (tree, streams, attributes) = match r.extracted {
            Ok(Extracted { output: Output::Tree(t), attributes, .. }) => (Some(t), vec![], attributes),
            Ok(Extracted { output: Output::Streams(s), attributes, .. }) => (None, s, attributes),
            Err(e) => {
                problems.push((None, format!("{} could not be read: {e}", r.format.name())));
                (None, vec![], vec![])
            }
        };
        let mut description = r.description;
        // a root filesystem packed in a folder of an archive (`squashfs-root/…`) is read as the root it is
        let tree = tree.map(|t| match t.root_folder() {
            Some(dir) => {
                description = format!(
                    "{description}{}root filesystem in folder {dir}",
                    if description.is_empty() { "" } else { "; " }
                );
                t.rerooted(&dir)
            }
            None => t,
        });
        let layer = Layer {
            id: id.clone(),
            parent,
            format: r.format.name().to_string(),
            offset,
            size,
            source_path,
            description,
            data,
            tree,
            problems: vec![],
            attributes: attributes.into_iter().collect(),
            unclaimed: vec![],
        };
        let idx = self.push_layer(layer, problems);
        if depth >= self.budget.limits().max_depth {
            if !streams.is_empty() {
                self.vfs.layers[idx].problems.push(Problem::layer(
                    &id,
                    format!("depth limit ({}) reached; payload not unpacked", self.budget.limits().max_depth),
                ));
            }
            return;
        }
        if self.release && !streams.is_empty() && self.vfs.layers.len() < self.budget.limits().max_layers {
            // the streams are read and the first becomes a child layer (there is room for it): this
            // container's bytes are not needed any more
            self.vfs.layers[idx].data = Bytes::new();
        }
        for s in streams {
            let first = self.vfs.layers.len();
            self.blob(
                s.data,
                Some(id.clone()),
                s.offset,
                Some(s.name).filter(|n| !n.is_empty()),
                depth + 1,
                "data",
                false,
            );
            // the container's word on what the payload is heads the child's own description
            if let Some(l) = self.vfs.layers.get_mut(first).filter(|_| !s.description.is_empty()) {
                l.description = match l.description.is_empty() {
                    true => s.description,
                    false => format!("{}: {}", s.description, l.description),
                };
            }
        }
        // files inside the tree that are themselves images or archives
        let nested: Vec<Nested> = match &self.vfs.layers[idx].tree {
            Some(t) => nested_files(t),
            None => vec![],
        };
        for n in nested {
            self.blob(n.data, Some(id.clone()), 0, Some(n.path), depth + 1, "raw", !n.starts_with_format);
        }
    }
}

/// A file of a tree handed back to the engine.
struct Nested {
    path: String,
    data: Bytes,
    /// The file is one known format from its first byte (else it is carved, and left alone when nothing
    /// is found in it).
    starts_with_format: bool,
}

/// Smallest file that is carved for formats inside it.
const MIN_CARVED_FILE: u64 = 512;

/// Text files up to this size are not carved (a script or a page); bigger ones are, as a shell script may
/// carry an archive after its last line.
const MAX_UNCARVED_TEXT: u64 = 64 << 10;

/// Whether a file (by its head) may hold formats inside it: not an ELF program or library, not a small text
/// file, not a common picture format.
fn worth_carving(head: &[u8], len: u64) -> bool {
    const OPAQUE: &[&[u8]] = &[b"\x7fELF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8"];
    if len < MIN_CARVED_FILE || OPAQUE.iter().any(|m| head.starts_with(m)) {
        return false;
    }
    let text = head.iter().filter(|&&b| b == b'\t' || b == b'\n' || b == b'\r' || (0x20..0x7f).contains(&b)).count();
    !(len <= MAX_UNCARVED_TEXT && text * 100 >= head.len() * 95)
}

/// Files of a tree to unpack in turn: those that start with a known format, and every other file that may
/// hold one inside it (a vendor's firmware `.bin` in a download archive, an update blob behind a header),
/// which the engine carves as it carves the image and keeps only when something is found. A lazily read
/// file is first judged on the head it keeps in memory, so that only files worth it are read in full here.
fn nested_files(t: &Tree) -> Vec<Nested> {
    use rayon::prelude::*;
    let files: Vec<_> = t.files().filter(|(_, _, d)| d.len() >= 64).collect();
    files
        .par_iter()
        .filter_map(|(p, _, d)| {
            let head = match d.in_memory() {
                Some(b) => b.slice(..b.len().min(FileData::HEAD)),
                None => d.head(FileData::HEAD).unwrap_or_else(|e| e.partial),
            };
            let at_start = magic_at_start(&head);
            let carve = worth_carving(&head, d.len());
            if !at_start && !carve {
                return None;
            }
            let data = match d.in_memory() {
                Some(b) => b.clone(),
                None => d.read_lossy(),
            };
            let starts_with_format = at_start && starts_with_format(&data);
            (starts_with_format || (carve && has_candidate(&data))).then(|| Nested {
                path: p.to_string(),
                data,
                starts_with_format,
            })
        })
        .collect()
}

/// Whether some format's header is found and validated anywhere in `data` (the cheap part of carving).
fn has_candidate(data: &[u8]) -> bool {
    let s = scanner();
    s.ac.find_overlapping_iter(data).any(|m| {
        let p = &s.patterns[m.pattern().as_usize()];
        m.start()
            .checked_sub(p.magic_offset)
            .is_some_and(|start| formats::REGISTRY[p.format].identify(&data[start..]).is_some())
    })
}
