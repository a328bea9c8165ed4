//! ext2, ext3 and ext4 filesystems.
//!
//! Vendors: rootfs and data partitions of Android-based and larger Linux devices (NAS, gateways,
//! set-top boxes), eMMC images, Yocto `.ext4` images.
//! Reference: the ext4 disk layout (kernel wiki "Ext4 Disk Layout"). Parsing by the `ext4-view` crate
//! (pure Rust, no unsafe). Limitations: ext4-view rejects images without the `filetype` feature
//! (genext2fs output), with `inline_data`, meta_bg or an external journal; device numbers are not exposed
//! by ext4-view and are recorded as 0:0.
//!
//! Memory: a file whose blocks are contiguous in the image (most files of a 4 KiB-block ext4 image built by
//! `mke2fs -d`) is a zero-copy view of the image; a fragmented file (ext2/3 indirect blocks, holes,
//! fragments in other block groups) keeps the list of its runs and is gathered from the image on demand;
//! files under 16 KiB, and a file whose blocks cannot all be found in the image, are copies. A 311 MB ext4
//! image of /usr/bin scans in 457 MB peak (588 MB when every file was a copy), the same files as ext2 with
//! 1 KiB blocks in 478 MB.

use bytes::Bytes;
use ext4_view::{Ext4, Ext4Read, PathBuf};
use fwassure_model::{Node, NodeKind, Tree};
use std::cell::OnceCell;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use crate::format::read::{le16, le32};
use crate::format::{Ctx, Extracted, Format, FormatError, Identified, Magic};
use crate::ondemand::{Entry, Layout, Plan};

/// The ext2/3/4 format.
pub struct Ext;

const SB: usize = 1024;

/// The image as ext4-view reads it, with a log of the byte ranges read (see [`place`]).
struct Reader {
    data: Bytes,
    log: Arc<Mutex<Vec<(usize, usize)>>>,
}

impl Ext4Read for Reader {
    fn read(&mut self, start: u64, dst: &mut [u8]) -> Result<(), Box<dyn std::error::Error + Send + Sync + 'static>> {
        let s = usize::try_from(start)?;
        let e = s.checked_add(dst.len()).ok_or("overflow")?;
        let src = self.data.get(s..e).ok_or("read past the end of the image")?;
        dst.copy_from_slice(src);
        if let Ok(mut log) = self.log.lock() {
            match log.last_mut() {
                Some(last) if last.1 == s => last.1 = e,
                _ => log.push((s, e)),
            }
        }
        Ok(())
    }
}

/// Files up to this size are kept as copies: sharing saves little and the log check costs more.
const SHARE_MIN: usize = 16 * 1024;

/// Zero-copy file data: where a file's bytes sit in the image, as runs in file order, so that the file is a
/// slice of the image (one run: an ext4 extent, or consecutive blocks) or is gathered from a few slices on
/// demand, instead of the copy ext4-view made.
///
/// ext4-view reads through a read-ahead block cache, so the first blocks of a file may have come in with the
/// previous file's read, and the first run logged for this file then starts a few blocks into it. Candidate
/// starts are therefore `guess` (the block after the previous placed file, the layout `mke2fs -d` and image
/// builders produce), the first run read for this file moved back by the number of the file's blocks that
/// match its first block, and where the image holds a block equal to the file's first one (`index`). From a
/// candidate the file is followed block by block ([`runs_from`]). Every block is compared with the copy, so a
/// wrong candidate only costs the comparison.
fn place(
    image: &Bytes,
    log: &[(usize, usize)],
    guess: Option<usize>,
    block: usize,
    copy: &[u8],
    index: &OnceCell<BlockIndex>,
) -> Option<Runs> {
    if copy.len() < SHARE_MIN {
        return None;
    }
    let walk = |s: usize| runs_from(image, s, block, copy, index);
    if let Some(hit) = guess.and_then(walk) {
        return Some(hit);
    }
    if let Some(&(s, e)) = log.first() {
        let first = image.get(s..e.min(s + block))?;
        // at most a few walks: a run of zero blocks matches the copy's first block at every step back
        let starts = (0..=(copy.len() / block).min(256)).filter(|&back| {
            let at = back * block;
            copy.get(at..at + first.len()) == Some(first)
        });
        if let Some(hit) = starts.take(4).find_map(|back| s.checked_sub(back * block).and_then(walk)) {
            return Some(hit);
        }
    }
    index.get_or_init(|| BlockIndex::of(image, block)).find(image, &copy[..block.min(copy.len())]).and_then(walk)
}

/// Metadata blocks stepped over between two data blocks of a file: ext2/3 put one indirect block after
/// the 12th data block and then one every `block / 4` blocks, and two or three where a double or triple
/// indirect block starts.
const MAX_SKIP: usize = 4;

/// A block's key in a [`BlockIndex`]: a fast hash of its bytes (every hit is compared in full).
fn key(b: &[u8]) -> u64 {
    b.chunks(8).fold(b.len() as u64, |h, c| {
        let mut w = [0u8; 8];
        w[..c.len()].copy_from_slice(c);
        (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(0x517c_c1b7_2722_0a95)
    })
}

/// Where each distinct block of the image is (its first place), by key: built once per image, when a file
/// continues somewhere the walk cannot guess (a fragment in another block group, a start that came in
/// with the read-ahead of another file). Blocks of zeros are left out (they are holes).
struct BlockIndex(HashMap<u64, usize>);

impl BlockIndex {
    fn of(image: &[u8], block: usize) -> Self {
        let mut map = HashMap::new();
        for (i, b) in image.chunks_exact(block).enumerate() {
            if b.iter().any(|&x| x != 0) {
                map.entry(key(b)).or_insert(i * block);
            }
        }
        BlockIndex(map)
    }

    /// A place of the image that holds exactly `want` (a whole block).
    fn find(&self, image: &[u8], want: &[u8]) -> Option<usize> {
        let &a = self.0.get(&key(want))?;
        (image.get(a..a + want.len()) == Some(want)).then_some(a)
    }
}

/// Most runs a gathered file may have (a file in more pieces stays a copy).
const MAX_RUNS: usize = 4096;

/// Follow `copy` through the image from `start`, one block at a time; where the next block is not the
/// next in the image, look for it up to [`MAX_SKIP`] blocks further, then anywhere in the image (`index`:
/// a fragment in another block group), and take a block of zeros found nowhere near for a hole (sparse
/// files: `mke2fs -d` leaves zero blocks unallocated). The runs found, or `None` when the first block is
/// not at `start` or a block is nowhere (the file stays a copy).
fn runs_from(image: &[u8], start: usize, block: usize, copy: &[u8], index: &OnceCell<BlockIndex>) -> Option<Runs> {
    let mut runs: Vec<Run> = Vec::new();
    let (mut pos, mut at) = (0usize, start);
    while pos < copy.len() {
        let want = &copy[pos..(pos + block).min(copy.len())];
        let matches = |a: usize| a.checked_add(want.len()).and_then(|e| image.get(a..e)) == Some(want);
        let found = if pos == 0 {
            matches(at).then_some(at)
        } else {
            (0..=MAX_SKIP).filter_map(|k| at.checked_add(k * block)).find(|&a| matches(a))
        };
        let run = match found {
            Some(a) => Run::Image { start: a, len: want.len() },
            None if pos == 0 => return None,
            None if want.iter().all(|&b| b == 0) => Run::Zeros(want.len()),
            None if want.len() == block => {
                let a = index.get_or_init(|| BlockIndex::of(image, block)).find(image, want)?;
                Run::Image { start: a, len: want.len() }
            }
            None => return None,
        };
        if let Run::Image { start, len } = run {
            at = start + len;
        }
        pos += want.len();
        let n = runs.len();
        match (runs.last_mut(), run) {
            (Some(Run::Image { start, len }), Run::Image { start: s, len: l }) if *start + *len == s => *len += l,
            (Some(Run::Zeros(len)), Run::Zeros(l)) => *len += l,
            _ if n >= MAX_RUNS => return None,
            (_, r) => runs.push(r),
        }
    }
    Some(Runs(runs))
}

/// A piece of a file: bytes of the image, or a hole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Run {
    /// `len` bytes of the image from `start`.
    Image { start: usize, len: usize },
    /// `len` zero bytes.
    Zeros(usize),
}

/// A file's pieces in file order.
#[derive(Debug, PartialEq, Eq)]
struct Runs(Vec<Run>);

impl Runs {
    /// Where the file's last image bytes end.
    fn end(&self) -> Option<usize> {
        self.0.iter().rev().find_map(|r| match r {
            Run::Image { start, len } => Some(start + len),
            Run::Zeros(_) => None,
        })
    }
}

impl Layout for Runs {
    /// The first `n` bytes, gathered from the runs.
    fn read(&self, image: &[u8], n: u64) -> (Vec<u8>, Option<String>) {
        let n = n as usize;
        let mut out = Vec::with_capacity(n);
        for r in &self.0 {
            match *r {
                Run::Image { start, len } => {
                    let take = len.min(n - out.len());
                    match image.get(start..start + take) {
                        Some(b) => out.extend_from_slice(b),
                        None => return (out, Some(format!("data run at {start:#x} outside the image"))),
                    }
                }
                Run::Zeros(len) => out.resize(out.len() + len.min(n - out.len()), 0),
            }
            if out.len() == n {
                break;
            }
        }
        (out, None)
    }
}

/// Block size from the superblock (`s_log_block_size`), 1 KiB to 64 KiB.
fn block_size(d: &[u8]) -> Option<usize> {
    let log = le32(d, SB + 24)?;
    (log <= 6).then(|| 1024usize << log)
}

/// ext4-view allocates the block-group descriptor table from the superblock's counts before reading it:
/// refuse counts whose table could not even fit in the image (a hostile superblock asked for 24 GB).
fn check_group_table(d: &[u8]) -> Result<(), FormatError> {
    let bad = |m: &str| FormatError::Invalid(format!("ext: {m}"));
    let blocks_lo = le32(d, SB + 4).ok_or_else(|| bad("truncated superblock"))? as u64;
    let first = le32(d, SB + 20).ok_or_else(|| bad("truncated superblock"))? as u64;
    let per_group = le32(d, SB + 32).ok_or_else(|| bad("truncated superblock"))? as u64;
    let incompat = le32(d, SB + 96).unwrap_or(0);
    let is64 = incompat & 0x80 != 0;
    // ext4-view takes the high word whether or not the 64bit feature is set: count it the same way
    let blocks_hi = le32(d, SB + 0x150).unwrap_or(0) as u64;
    let blocks = (blocks_hi << 32) | blocks_lo;
    if per_group == 0 || first >= blocks {
        return Err(bad("impossible block counts"));
    }
    let groups = (blocks - first).div_ceil(per_group);
    let desc_size = if is64 { le16(d, SB + 0xfe).unwrap_or(64).max(32) as u64 } else { 32 };
    if groups.saturating_mul(desc_size) > d.len() as u64 {
        return Err(bad(&format!("{groups} block groups: the descriptor table cannot fit in {} bytes", d.len())));
    }
    Ok(())
}

impl Format for Ext {
    fn name(&self) -> &'static str {
        "ext"
    }
    fn magics(&self) -> &'static [Magic] {
        &[Magic { bytes: &[0x53, 0xef], offset: SB + 56 }]
    }
    fn identify(&self, d: &[u8]) -> Option<Identified> {
        let blocks = le32(d, SB + 4)? as u64;
        let log = le32(d, SB + 24)?;
        let rev = le32(d, SB + 76)?;
        let state = le16(d, SB + 58)?;
        let per_group = le32(d, SB + 32)?;
        if log > 6 || rev > 1 || blocks == 0 || state == 0 || state > 7 || per_group == 0 {
            return None;
        }
        let block_size = 1024u64 << log;
        let incompat = le32(d, SB + 96).unwrap_or(0);
        let compat = le32(d, SB + 92).unwrap_or(0);
        let flavour = if incompat & 0x40 != 0 {
            "ext4"
        } else if compat & 0x4 != 0 {
            "ext3"
        } else {
            "ext2"
        };
        Some(Identified {
            size: Some(blocks * block_size),
            description: format!("{flavour}, {block_size}-byte blocks, {blocks} blocks"),
        })
    }
    fn extract(&self, data: &Bytes, ctx: &mut Ctx) -> Result<Extracted, FormatError> {
        check_group_table(data)?;
        let log = Arc::new(Mutex::new(Vec::new()));
        let block = block_size(data).unwrap_or(4096);
        let mut guess: Option<usize> = None;
        let fs = Ext4::load(Box::new(Reader { data: data.clone(), log: log.clone() }))
            .map_err(|e| FormatError::Unsupported(format!("ext: {e}")))?;
        let mut tree = Tree::new();
        let mut stack: Vec<(PathBuf, usize)> = vec![(PathBuf::new("/"), 0)];
        let max_file = ctx.budget().limits().max_stream_bytes;
        let mut remaining = ctx.budget().layer_limit(data.len());
        // entries in walk order; fragmented files are gathered on demand from their runs
        let mut entries: Vec<Entry> = Vec::new();
        let mut plan = Plan::new("ext", data.clone());
        let index = OnceCell::new();
        // every directory has its own inode (ext forbids directory hard links), so a walk that lists more
        // directories than the image has used inodes, or could hold at 128 bytes per inode, is going round a
        // cycle that a hostile image made with a directory entry pointing back up
        let used_inodes = le32(data, SB)
            .zip(le32(data, SB + 16))
            .map(|(count, free)| count.saturating_sub(free) as usize)
            .unwrap_or(usize::MAX);
        let max_dirs = used_inodes.min(data.len() / 128).max(1);
        let mut dirs = 0usize;
        while let Some((dir, depth)) = stack.pop() {
            dirs += 1;
            if dirs > max_dirs {
                ctx.problem(
                    Some(&dir.display().to_string()),
                    format!("more directories than the {max_dirs} the image can hold: a directory cycle; walk stopped"),
                );
                break;
            }
            let rd = match fs.read_dir(&dir) {
                Ok(r) => r,
                Err(e) => {
                    ctx.problem(Some(&dir.display().to_string()), format!("directory unreadable: {e}"));
                    continue;
                }
            };
            for entry in rd {
                let entry = match entry {
                    Ok(e) => e,
                    Err(e) => {
                        ctx.problem(Some(&dir.display().to_string()), format!("directory entry unreadable: {e}"));
                        continue;
                    }
                };
                let name = entry.file_name();
                if name.as_ref() == b"." || name.as_ref() == b".." {
                    continue;
                }
                let path = entry.path();
                let p = path.display().to_string();
                let meta = match entry.metadata() {
                    Ok(m) => m,
                    Err(e) => {
                        ctx.problem(Some(&p), format!("inode unreadable: {e}"));
                        continue;
                    }
                };
                let ft = meta.file_type();
                let mut planned = None;
                let kind = if ft.is_dir() {
                    if depth < 64 {
                        stack.push((path.clone(), depth + 1));
                    } else {
                        ctx.problem(Some(&p), "directory nesting deeper than 64; not descended");
                    }
                    NodeKind::Dir
                } else if ft.is_symlink() {
                    // ext4-view allocates the inode's claimed size before reading: refuse absurd targets
                    // (Linux caps a symlink target at PATH_MAX = 4096 bytes)
                    if meta.len() > 4096 {
                        ctx.problem(Some(&p), format!("symlink target of {} bytes is impossible; skipped", meta.len()));
                        continue;
                    }
                    match fs.read_link(&path) {
                        Ok(t) => NodeKind::Symlink(t.display().to_string()),
                        Err(e) => {
                            ctx.problem(Some(&p), format!("symlink unreadable: {e}"));
                            continue;
                        }
                    }
                } else if ft.is_regular_file() {
                    if meta.len() > max_file.min(remaining) {
                        ctx.problem(
                            Some(&p),
                            format!("file of {} bytes exceeds the size limit; content skipped", meta.len()),
                        );
                        NodeKind::File(Bytes::new().into())
                    } else {
                        if let Ok(mut l) = log.lock() {
                            l.clear();
                        }
                        remaining -= meta.len();
                        match fs.read(&path) {
                            Ok(b) => match log.lock().ok().and_then(|l| place(data, &l, guess, block, &b, &index)) {
                                Some(runs) => {
                                    guess = runs.end().map(|e| e.div_ceil(block) * block).or(guess);
                                    match runs.0.as_slice() {
                                        &[Run::Image { start, len }] => {
                                            NodeKind::File(data.slice(start..start + len).into())
                                        }
                                        _ => {
                                            planned = Some(plan.add(runs, b.len() as u64));
                                            NodeKind::File(Bytes::new().into())
                                        }
                                    }
                                }
                                None => NodeKind::File(Bytes::from(b).into()),
                            },
                            Err(e) => {
                                ctx.problem(Some(&p), format!("file data unreadable: {e}"));
                                NodeKind::File(Bytes::new().into())
                            }
                        }
                    }
                } else if ft.is_char_dev() {
                    NodeKind::CharDevice { major: 0, minor: 0 }
                } else if ft.is_block_dev() {
                    NodeKind::BlockDevice { major: 0, minor: 0 }
                } else if ft.is_fifo() {
                    NodeKind::Fifo
                } else {
                    NodeKind::Socket
                };
                let node = Node {
                    kind,
                    mode: meta.mode() as u32 & 0o7777,
                    uid: meta.uid(),
                    gid: meta.gid(),
                    mtime: meta.modified().seconds(),
                };
                entries.push((p, node, planned));
            }
        }
        plan.insert_into(entries, &mut tree, ctx);
        Ok(Extracted::tree(tree))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_step_over_metadata_blocks_and_are_verified() {
        let block = 4;
        // blocks of the file: 'a'..'f'; the image holds a, b, metadata, c, d, metadata x2, e, f
        let image: Vec<u8> = b"....aaaabbbbXXXXccccddddYYYYZZZZeeeeffff....".to_vec();
        let copy = b"aaaabbbbccccddddeeeeff";
        let runs = runs_from(&image, 4, block, copy, &OnceCell::new()).unwrap();
        let img = |start, len| Run::Image { start, len };
        assert_eq!(runs, Runs(vec![img(4, 8), img(16, 8), img(32, 6)]));
        let (read, err) = runs.read(&image, copy.len() as u64);
        assert_eq!((read.as_slice(), err), (&copy[..], None));
        assert_eq!(runs.read(&image, 10).0, b"aaaabbbbcc");
        // a wrong start and a changed byte fail
        assert_eq!(runs_from(&image, 8, block, copy, &OnceCell::new()), None);
        assert_eq!(runs_from(&image, 4, block, b"aaaabbbbccccdddX", &OnceCell::new()), None);
        // a block further than MAX_SKIP is found through the image's block index, built on first need
        let far: Vec<u8> = b"aaaa11112222333344445555bbbb".to_vec();
        let index = OnceCell::new();
        assert_eq!(runs_from(&far, 0, block, b"aaaabbbb", &index), Some(Runs(vec![img(0, 4), img(24, 4)])));
        assert!(index.get().is_some());
        assert!(OnceCell::new().get_or_init(|| BlockIndex::of(&far, block)).find(&far, b"2222") == Some(8));
        // a run that leaves the image is reported by the read
        assert!(Runs(vec![img(40, 10)]).read(&image, 10).1.is_some());
        // holes: zero blocks found nowhere near are read as zeros (not at the start of a file)
        let sparse = b"aaaabbbb\0\0\0\0\0\0\0\0cccc";
        let runs = runs_from(&image, 4, block, sparse, &OnceCell::new()).unwrap();
        assert_eq!(runs, Runs(vec![img(4, 8), Run::Zeros(8), img(16, 4)]));
        assert_eq!(runs.read(&image, sparse.len() as u64).0, sparse);
        assert_eq!(runs_from(&image, 4, block, b"\0\0\0\0aaaa", &OnceCell::new()), None);
    }
}
