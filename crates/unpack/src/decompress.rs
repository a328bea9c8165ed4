//! Bounded decompressors shared by formats. Every function stops at `limit` output bytes and reports it,
//! so a decompression bomb costs at most `limit` bytes of memory.

use std::io::Read;

use crate::format::FormatError;

/// Filesystem blocks (squashfs, UBIFS, JFFS2, cramfs) decompress to at most a small known size: reserve it
/// at once.
fn small_hint(limit: u64) -> Option<u64> {
    (limit <= 1 << 20).then_some(limit)
}

/// Result of a bounded streaming decompression.
#[derive(Debug)]
pub struct Decoded {
    /// Output bytes (at most the limit).
    pub data: Vec<u8>,
    /// Input bytes consumed (may over-count by the decoder's read-ahead).
    pub consumed: u64,
    /// The output hit the limit before the stream ended.
    pub truncated: bool,
    /// The stream broke after `data` was produced (corrupt or truncated input).
    pub error: Option<String>,
}

/// A reader counting how many bytes were pulled from the inner slice.
struct Counting<'a> {
    inner: &'a [u8],
    pos: usize,
}

impl Read for Counting<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = buf.len().min(self.inner.len() - self.pos);
        buf[..n].copy_from_slice(&self.inner[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

/// Largest first reservation a size hint may ask for before any output exists; past it the buffer grows as
/// data arrives, so a lying header cannot reserve much.
const MAX_HINT_RESERVE: u64 = 256 << 20;

/// Read `r` to the end or to `limit` bytes. An error after some output keeps the output (partial stream).
/// Returns the output, whether the limit cut it, and the error that ended the stream early, if any.
///
/// `hint` is the output size a header announces (gzip ISIZE, xz index, zstd frame content size …): the
/// buffer is reserved once at that size, so a stream costs its output and not the doubling slack of a
/// growing vector (a 19 MB stream used to peak at 3× while its buffer was copied on growth). Decoders write
/// straight into the buffer, and spare capacity left at the end is given back.
pub(crate) fn read_bounded(mut r: impl Read, limit: u64, hint: Option<u64>) -> (Vec<u8>, bool, Option<std::io::Error>) {
    const CHUNK: usize = 64 * 1024;
    let reserve = hint.unwrap_or(0).min(limit).min(MAX_HINT_RESERVE) as usize;
    let mut out: Vec<u8> = Vec::with_capacity(reserve);
    let result = loop {
        let len = out.len();
        if len as u64 >= limit {
            // at the limit: one more byte tells a bomb from a stream that ends exactly here
            let mut probe = [0u8; 1];
            break loop {
                match r.read(&mut probe) {
                    Ok(0) => break (false, None),
                    Ok(_) => break (true, None),
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    Err(e) => break (false, Some(e)),
                }
            };
        }
        let room = (limit - len as u64).min(usize::MAX as u64) as usize;
        let spare = out.capacity() - len;
        if spare == 0 && reserve > 0 && len >= reserve {
            // the announced size is reached: a small read tells the end of the stream from more data,
            // before the buffer grows (to twice the size) for a byte that never comes
            let mut probe = [0u8; 64];
            let n = probe.len().min(room);
            match r.read(&mut probe[..n]) {
                Ok(0) => break (false, None),
                Ok(got) => {
                    out.extend_from_slice(&probe[..got]);
                    continue;
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => break (false, Some(e)),
            }
        }
        let want = if spare > 0 { spare.min(4 * CHUNK) } else { CHUNK }.min(room);
        out.resize(len + want, 0);
        match r.read(&mut out[len..]) {
            Ok(0) => {
                out.truncate(len);
                break (false, None);
            }
            Ok(n) => out.truncate(len + n),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => out.truncate(len),
            Err(e) => {
                out.truncate(len);
                break (false, Some(e));
            }
        }
    };
    if out.capacity() - out.len() > out.len() / 16 + CHUNK {
        out.shrink_to_fit();
    }
    (out, result.0, result.1)
}

/// The uncompressed size a gzip member announces in its trailer (ISIZE, modulo 2^32), read from the end of
/// `input` (the member usually ends there; when it does not, the hint is only a wrong reservation size).
fn gzip_isize(input: &[u8]) -> Option<u64> {
    let t = input.len().checked_sub(4).and_then(|s| input.get(s..))?;
    Some(u32::from_le_bytes([t[0], t[1], t[2], t[3]]) as u64)
}

/// Total uncompressed size and number of blocks from the index of the xz stream that ends `input` (its last
/// 12 bytes are the stream footer).
fn xz_index(input: &[u8]) -> Option<(u64, u64)> {
    let (records, _) = xz_index_records(input, 1 << 20)?;
    let total = records.iter().try_fold(0u64, |t, r| t.checked_add(r.1))?;
    Some((total, records.len() as u64))
}

/// A base-128 varint of the xz format (at most 9 bytes) at `*pos`, advancing it.
fn xz_varint(b: &[u8], pos: &mut usize) -> Option<u64> {
    let mut v = 0u64;
    for i in 0..9 {
        let x = *b.get(*pos)?;
        *pos += 1;
        v |= u64::from(x & 0x7f) << (7 * i);
        if x & 0x80 == 0 {
            return Some(v);
        }
    }
    None
}

/// The (unpadded size, uncompressed size) records of the index of the xz stream that ends `input`, at most
/// `max` of them (`None` past that), and the offset where the index starts.
fn xz_index_records(input: &[u8], max: u64) -> Option<(Vec<(u64, u64)>, usize)> {
    let footer = input.get(input.len().checked_sub(12)?..)?;
    if &footer[10..12] != b"YZ" {
        return None;
    }
    let backward = (u32::from_le_bytes([footer[4], footer[5], footer[6], footer[7]]) as usize + 1) * 4;
    let start = (input.len() - 12).checked_sub(backward)?;
    let index = input.get(start..input.len() - 12)?;
    let mut pos = 1; // indicator byte 0x00
    if index.first() != Some(&0) {
        return None;
    }
    let count = xz_varint(index, &mut pos)?;
    if count > max {
        return None;
    }
    // a record takes at least two bytes: a count the index cannot hold reserves no more than it can
    let mut records = Vec::with_capacity((count as usize).min(index.len() / 2));
    for _ in 0..count {
        records.push((xz_varint(index, &mut pos)?, xz_varint(index, &mut pos)?));
    }
    Some((records, start))
}

/// CRC-64 as xz computes it (ECMA-182 polynomial, reflected, initial and final value all ones).
fn crc64_xz(data: &[u8]) -> u64 {
    static TABLE: std::sync::OnceLock<[u64; 256]> = std::sync::OnceLock::new();
    let t = TABLE.get_or_init(|| {
        let mut t = [0u64; 256];
        for (i, e) in t.iter_mut().enumerate() {
            let mut c = i as u64;
            for _ in 0..8 {
                c = if c & 1 != 0 { (c >> 1) ^ 0xC96C_5795_D787_0F42 } else { c >> 1 };
            }
            *e = c;
        }
        t
    });
    !data.iter().fold(!0u64, |c, &b| t[((c ^ u64::from(b)) & 0xff) as usize] ^ (c >> 8))
}

/// An xz stream of one block whose only filter is LZMA2 (what `xz` writes by default, `-T1`), laid out
/// exactly: stream header, block, index, footer, ending `input`.
struct XzSingle<'a> {
    /// The LZMA2 data of the block.
    lzma2: &'a [u8],
    /// The dictionary size the block header declares.
    dict_size: u32,
    /// The uncompressed size the index records.
    size: u64,
    /// The check type (0 none, 1 CRC32, 4 CRC64) and the stored check.
    check: (u8, &'a [u8]),
}

/// Parse `input` as an [`XzSingle`]; `None` for anything else (several blocks or streams, other filters, a
/// SHA-256 check, trailing data, a bad header CRC), which the general reader handles.
fn xz_single(input: &[u8]) -> Option<XzSingle<'_>> {
    let header = input.get(..12)?;
    if header[..6] != [0xfd, b'7', b'z', b'X', b'Z', 0] || header[6] != 0 {
        return None;
    }
    if crc32fast::hash(&header[6..8]).to_le_bytes() != header[8..12] {
        return None;
    }
    let check_type = header[7];
    let check_size = match check_type {
        0 => 0,
        1 => 4,
        4 => 8,
        _ => return None,
    };
    let footer = input.get(input.len().checked_sub(12)?..)?;
    if footer[8..10] != header[6..8] {
        return None;
    }
    let (records, index_start) = xz_index_records(input, 1)?;
    let &[(unpadded, size)] = records.as_slice() else { return None };
    let hsize = (usize::from(*input.get(12)?) + 1) * 4;
    if hsize == 4 {
        return None; // an index indicator: no block
    }
    let bh = input.get(12..12 + hsize)?;
    if crc32fast::hash(&bh[..hsize - 4]).to_le_bytes() != bh[hsize - 4..] {
        return None;
    }
    let flags = bh[1];
    if flags & 0x3f != 0 {
        return None; // more than one filter, or reserved bits
    }
    let mut pos = 2;
    if flags & 0x40 != 0 {
        xz_varint(bh, &mut pos)?;
    }
    if flags & 0x80 != 0 && xz_varint(bh, &mut pos)? != size {
        return None;
    }
    if xz_varint(bh, &mut pos)? != 0x21 || xz_varint(bh, &mut pos)? != 1 {
        return None; // not LZMA2 with its one property byte
    }
    let d = *bh.get(pos)?;
    if d > 40 || bh.get(pos + 1..hsize - 4)?.iter().any(|&b| b != 0) {
        return None;
    }
    let dict_size = if d == 40 { u32::MAX } else { (2 | u32::from(d & 1)) << (d / 2 + 11) };
    let unpadded = usize::try_from(unpadded).ok()?;
    let clen = unpadded.checked_sub(hsize + check_size)?;
    let data_start = 12 + hsize;
    let check_start = (data_start + clen).checked_add((4 - clen % 4) % 4)?;
    if check_start + check_size != index_start {
        return None;
    }
    Some(XzSingle {
        lzma2: input.get(data_start..data_start + clen)?,
        dict_size,
        size,
        check: (check_type, input.get(check_start..index_start)?),
    })
}

/// Decode an [`XzSingle`] with [`crate::lzma2::decode_lzma2`], straight into a buffer of the recorded size
/// that is also the dictionary (the output is held once: the general reader keeps a window as large as the
/// output besides it), and verify its check. `None` when the data does not decode to the recorded size,
/// ending where the block says, with a matching check, for the general reader to report.
fn xz_single_decode(x: &XzSingle<'_>, limit: u64) -> Option<(Vec<u8>, bool)> {
    let o = crate::lzma2::decode_lzma2(x.lzma2, x.dict_size, Some(x.size), limit);
    if o.error.is_some() {
        return None;
    }
    if o.truncated {
        return Some((o.data, true));
    }
    let out = o.data;
    let ok = out.len() as u64 == x.size
        && o.consumed == x.lzma2.len() as u64
        && match x.check {
            (1, c) => crc32fast::hash(&out).to_le_bytes() == c,
            (4, c) => crc64_xz(&out).to_le_bytes() == c,
            (0, _) => true,
            _ => false,
        };
    ok.then_some((out, false))
}

/// The frame content size of a zstd frame header, when the frame records it.
fn zstd_content_size(input: &[u8]) -> Option<u64> {
    if input.get(..4)? != [0x28, 0xb5, 0x2f, 0xfd] {
        return None;
    }
    let fhd = *input.get(4)?;
    let single = fhd & 0x20 != 0;
    let pos = 5 + usize::from(!single) + [0, 1, 2, 4][usize::from(fhd & 3)];
    let size = match (fhd >> 6, single) {
        (0, false) => return None,
        (0, true) => 1,
        (1, _) => 2,
        (2, _) => 4,
        _ => 8,
    };
    let b = input.get(pos..pos + size)?;
    let mut v = 0u64;
    for (i, x) in b.iter().enumerate() {
        v |= u64::from(*x) << (8 * i);
    }
    Some(if size == 2 { v + 256 } else { v })
}

/// The content size of an lz4 frame, when its descriptor records it.
fn lz4_content_size(input: &[u8]) -> Option<u64> {
    if input.get(..4)? != [0x04, 0x22, 0x4d, 0x18] {
        return None;
    }
    let flg = *input.get(4)?;
    if flg & 0x08 == 0 {
        return None;
    }
    let b = input.get(6..14)?;
    Some(u64::from_le_bytes(b.try_into().ok()?))
}

fn finish(
    out: Vec<u8>,
    truncated: bool,
    err: Option<std::io::Error>,
    consumed: u64,
    what: &str,
) -> Result<Decoded, FormatError> {
    match err {
        Some(e) if out.is_empty() => Err(FormatError::Decompress(format!("{what}: {e}"))),
        e => Ok(Decoded { data: out, consumed, truncated, error: e.map(|e| format!("{what}: {e}")) }),
    }
}

/// gzip member (RFC 1952).
pub fn gzip(input: &[u8], limit: u64) -> Result<Decoded, FormatError> {
    let mut rest = input;
    let mut d = flate2::bufread::GzDecoder::new(&mut rest);
    let (out, t, e) = read_bounded(&mut d, limit, gzip_isize(input));
    drop(d);
    let consumed = (input.len() - rest.len()) as u64;
    finish(out, t, e, consumed, "gzip")
}

/// zlib stream (RFC 1950).
pub fn zlib(input: &[u8], limit: u64) -> Result<Decoded, FormatError> {
    let mut rest = input;
    let mut d = flate2::bufread::ZlibDecoder::new(&mut rest);
    let (out, t, e) = read_bounded(&mut d, limit, small_hint(limit));
    drop(d);
    let consumed = (input.len() - rest.len()) as u64;
    finish(out, t, e, consumed, "zlib")
}

/// One zlib (`zlib` true) or raw deflate block of a filesystem (squashfs, cramfs, JFFS2, UBIFS) whose
/// output is at most `max` bytes, appended to `out`: inflated by a decoder kept per thread, straight into
/// `out`'s spare room (a new decoder per block allocated its window and state again for every block).
/// `false` when the block is not one complete stream of at most `max` bytes; `out` is then as it was, for
/// [`zlib`] or [`deflate`] to recover what they can.
pub fn inflate_block_into(input: &[u8], out: &mut Vec<u8>, max: usize, zlib: bool) -> bool {
    use std::cell::RefCell;
    thread_local! {
        static ZLIB: RefCell<flate2::Decompress> = RefCell::new(flate2::Decompress::new(true));
        static RAW: RefCell<flate2::Decompress> = RefCell::new(flate2::Decompress::new(false));
    }
    let start = out.len();
    out.reserve_exact(max);
    let run = |z: &RefCell<flate2::Decompress>| {
        let Ok(mut z) = z.try_borrow_mut() else { return false };
        z.reset(zlib);
        matches!(z.decompress_vec(input, out, flate2::FlushDecompress::Finish), Ok(flate2::Status::StreamEnd))
    };
    let done = if zlib { ZLIB.with(run) } else { RAW.with(run) };
    if done && out.len() - start <= max {
        true
    } else {
        out.truncate(start);
        false
    }
}

/// [`inflate_block_into`] a new buffer of capacity `max`.
pub fn inflate_block(input: &[u8], max: usize, zlib: bool) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    inflate_block_into(input, &mut out, max, zlib).then_some(out)
}

/// Raw deflate (RFC 1951).
pub fn deflate(input: &[u8], limit: u64) -> Result<Decoded, FormatError> {
    let mut rest = input;
    let mut d = flate2::bufread::DeflateDecoder::new(&mut rest);
    let (out, t, e) = read_bounded(&mut d, limit, small_hint(limit));
    drop(d);
    let consumed = (input.len() - rest.len()) as u64;
    finish(out, t, e, consumed, "deflate")
}

/// xz container. A single stream of one LZMA2 block that ends `input` (`xz -T1`, and xz before 5.6) is
/// decoded directly (`xz_single_decode`); one of several blocks (what `xz -T0`, the default of
/// xz 5.6, writes) by one worker per core; anything else, or a stream these paths refuse, by the
/// sequential reader.
pub fn xz(input: &[u8], limit: u64) -> Result<Decoded, FormatError> {
    if let Some((out, truncated)) = xz_single(input).and_then(|x| xz_single_decode(&x, limit)) {
        return finish(out, truncated, None, input.len() as u64, "xz");
    }
    let index = xz_index(input);
    if let Some((total, blocks)) = index.filter(|&(_, blocks)| blocks > 1) {
        let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(blocks as usize) as u32;
        if workers > 1 {
            if let Ok(d) = lzma_rust2::XzReaderMt::new(std::io::Cursor::new(input), false, workers) {
                let (out, t, e) = read_bounded(d, limit, Some(total));
                if e.is_none() {
                    return finish(out, t, None, input.len() as u64, "xz");
                }
            }
        }
    }
    let mut c = Counting { inner: input, pos: 0 };
    let (out, t, e) = {
        let d = lzma_rust2::XzReader::new(&mut c, true);
        read_bounded(d, limit, index.map(|(total, _)| total))
    };
    finish(out, t, e, c.pos as u64, "xz")
}

/// LZMA "alone" (.lzma) stream: 13-byte header (properties, dictionary size, uncompressed size).
///
/// Decoded by [`crate::lzma2::decode_lzma`] into one buffer that is also the dictionary; a stream it
/// refuses goes through lzma_rust2's reader, whose output is kept unless ours decoded more before its error.
pub fn lzma_alone(input: &[u8], limit: u64) -> Result<Decoded, FormatError> {
    use crate::format::read::{le32, le64};
    // properties, dictionary size, uncompressed size (u64::MAX: unknown, the stream ends with a marker)
    let header = input.first().zip(le32(input, 1)).zip(le64(input, 5)).map(|((&p, dict), size)| (p, dict, size));
    let ours =
        header.map(|(props, dict, size)| crate::lzma2::decode_lzma(&input[13..], props, dict, Some(size), limit));
    let ours = match ours {
        Some(o) if o.error.is_none() => {
            return Ok(Decoded { data: o.data, consumed: 13 + o.consumed, truncated: o.truncated, error: None });
        }
        o => o,
    };
    let mut c = Counting { inner: input, pos: 0 };
    let theirs = match lzma_rust2::LzmaReader::new_mem_limit(&mut c, 256 * 1024, None) {
        Ok(d) => {
            let announced = header.map(|(_, _, size)| size).filter(|&n| n != u64::MAX);
            let (out, t, e) = read_bounded(d, limit, announced);
            finish(out, t, e, c.pos as u64, "lzma")
        }
        Err(e) => Err(FormatError::Decompress(format!("lzma: {e}"))),
    };
    match ours {
        Some(o) if !o.data.is_empty() && theirs.as_ref().map_or(true, |t| o.data.len() > t.data.len()) => {
            let error = o.error.map(|e| format!("lzma: {e}"));
            Ok(Decoded { data: o.data, consumed: 13 + o.consumed, truncated: o.truncated, error })
        }
        _ => theirs,
    }
}

/// zstd magic number of a data frame (RFC 8878 §3.1.1).
const ZSTD_MAGIC: [u8; 4] = [0x28, 0xb5, 0x2f, 0xfd];

/// Length of a skippable frame (magic 0x184D2A50-0x184D2A5F, RFC 8878 §3.1.2) at the start of `d`.
fn zstd_skippable_len(d: &[u8]) -> Option<usize> {
    let h = d.get(..8)?;
    (h[0] & 0xf0 == 0x50 && h[1..4] == [0x2a, 0x4d, 0x18])
        .then(|| u32::from_le_bytes([h[4], h[5], h[6], h[7]]) as usize)
        .and_then(|n| n.checked_add(8))
        .filter(|&n| n <= d.len())
}

/// zstd frames: one frame, or consecutive frames (with skippable frames between them) decoded as one stream,
/// the way `zstd -d` treats a file written by `pzstd` or `zstd -T` with frame splitting. Only the first
/// frame's failure is an error; a later frame that breaks ends the stream with what came before it.
pub fn zstd(input: &[u8], limit: u64) -> Result<Decoded, FormatError> {
    let mut out: Vec<u8> = Vec::new();
    let mut pos = 0usize;
    let mut truncated = false;
    let mut error: Option<std::io::Error> = None;
    loop {
        let rest = &input[pos..];
        let mut c = Counting { inner: rest, pos: 0 };
        let decoder = match ruzstd::decoding::StreamingDecoder::new(&mut c) {
            Ok(d) => d,
            Err(e) if out.is_empty() && pos == 0 => return Err(FormatError::Decompress(format!("zstd: {e}"))),
            Err(e) => {
                error = Some(std::io::Error::other(e.to_string()));
                break;
            }
        };
        let room = limit - out.len() as u64;
        let (o, t, e) = read_bounded(decoder, room, zstd_content_size(rest).or(small_hint(room)));
        if out.is_empty() {
            out = o;
        } else {
            out.extend_from_slice(&o);
        }
        pos += c.pos;
        if t || e.is_some() {
            truncated = t;
            error = e;
            break;
        }
        while let Some(n) = zstd_skippable_len(&input[pos..]) {
            pos += n;
        }
        if !input[pos..].starts_with(&ZSTD_MAGIC) || out.len() as u64 >= limit {
            break;
        }
    }
    finish(out, truncated, error, pos as u64, "zstd")
}

/// Largest window a filesystem block's zstd frame may declare on the fast path of [`zstd_frame`].
const BLOCK_FRAME_MAX_WINDOW: u64 = 8 << 20;

/// One zstd block as squashfs stores it (a whole frame, output at most `limit`).
///
/// A frame that records its content size (squashfs-tools writes it) is decoded by a decoder kept per thread
/// straight into a buffer of that size: a new decoder per block allocated and zero-filled its window and
/// tables again for every 128 KiB block. Anything else, or a frame this path refuses, goes through [`zstd`].
pub fn zstd_frame(input: &[u8], limit: u64) -> Result<Vec<u8>, FormatError> {
    thread_local! {
        static DECODER: std::cell::RefCell<ruzstd::decoding::FrameDecoder> = std::cell::RefCell::new({
            let mut d = ruzstd::decoding::FrameDecoder::new();
            d.set_max_window_size(BLOCK_FRAME_MAX_WINDOW);
            d
        });
    }
    if let Some(size) = zstd_content_size(input).filter(|&s| s <= limit) {
        let mut out = Vec::with_capacity(size as usize);
        let decoded = DECODER.with(|d| d.try_borrow_mut().map(|mut d| d.decode_all_to_vec(input, &mut out)));
        if matches!(decoded, Ok(Ok(()))) && out.len() as u64 == size {
            return Ok(out);
        }
    }
    let d = zstd(input, limit)?;
    Ok(d.data)
}

/// lz4 frame format.
pub fn lz4_frame(input: &[u8], limit: u64) -> Result<Decoded, FormatError> {
    let mut c = Counting { inner: input, pos: 0 };
    let (out, t, e) = {
        let d = lz4_flex::frame::FrameDecoder::new(&mut c);
        read_bounded(d, limit, lz4_content_size(input))
    };
    finish(out, t, e, c.pos as u64, "lz4")
}

/// An lz4 raw block with a known maximum output size.
pub fn lz4_block(input: &[u8], max_out: usize) -> Result<Vec<u8>, FormatError> {
    let mut out = vec![0u8; max_out];
    let n =
        lz4_flex::block::decompress_into(input, &mut out).map_err(|e| FormatError::Decompress(format!("lz4: {e}")))?;
    out.truncate(n);
    Ok(out)
}

/// An LZO1X block with a known maximum output size.
pub fn lzo_block(input: &[u8], max_out: usize) -> Result<Vec<u8>, FormatError> {
    let mut out = vec![0u8; max_out];
    let n = lzo::decompress_into(input, &mut out).map_err(|e| FormatError::Decompress(format!("lzo: {e:?}")))?;
    out.truncate(n);
    Ok(out)
}

/// bzip2 stream.
pub fn bzip2(input: &[u8], limit: u64) -> Result<Decoded, FormatError> {
    let mut rest = input;
    let (out, t, e) = {
        let d = bzip2::bufread::BzDecoder::new(&mut rest);
        read_bounded(d, limit, None)
    };
    let consumed = (input.len() - rest.len()) as u64;
    finish(out, t, e, consumed, "bzip2")
}

/// A raw LZMA1 stream with explicit properties byte and dictionary size, output size known or bounded.
///
/// Decoded by [`crate::lzma2::decode_lzma`]; a stream it refuses goes through lzma_rust2's reader, whose
/// output is kept unless ours decoded more before its error.
pub fn lzma_raw(
    input: &[u8],
    props: u8,
    dict_size: u32,
    out_size: Option<u64>,
    limit: u64,
) -> Result<Vec<u8>, FormatError> {
    let ours = crate::lzma2::decode_lzma(input, props, dict_size, out_size, limit);
    if ours.error.is_none() {
        return Ok(ours.data);
    }
    let mut c = Counting { inner: input, pos: 0 };
    let theirs =
        lzma_rust2::LzmaReader::new_with_props(&mut c, out_size.unwrap_or(u64::MAX), props, dict_size.max(4096), None)
            .map_err(|e| FormatError::Decompress(format!("lzma: {e}")))
            .and_then(|d| {
                let (out, _t, e) = read_bounded(d, limit, out_size.or(small_hint(limit)));
                match e {
                    Some(e) if out.is_empty() => Err(FormatError::Decompress(format!("lzma: {e}"))),
                    _ => Ok(out),
                }
            });
    match theirs {
        Ok(t) if t.len() >= ours.data.len() => Ok(t),
        _ if !ours.data.is_empty() => Ok(ours.data),
        t => t,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn gzip_bomb_is_bounded() {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        let zeros = vec![0u8; 1 << 20];
        for _ in 0..64 {
            e.write_all(&zeros).unwrap();
        }
        let bomb = e.finish().unwrap();
        let d = gzip(&bomb, 1 << 20).unwrap();
        assert!(d.truncated);
        assert_eq!(d.data.len(), 1 << 20);
    }

    #[test]
    fn gzip_reports_consumed() {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(b"hello world").unwrap();
        let mut z = e.finish().unwrap();
        let n = z.len();
        z.extend_from_slice(&[0xff; 100]);
        let d = gzip(&z, 1000).unwrap();
        assert_eq!(d.data, b"hello world");
        assert_eq!(d.consumed, n as u64);
    }

    /// Compress `data` with a command-line tool reading a file, as a vendor build does (fixture building only).
    fn with_tool(tool: &str, args: &[&str], data: &[u8]) -> Vec<u8> {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        f.write_all(data).unwrap();
        let out = std::process::Command::new(tool)
            .args(args)
            .arg(f.path())
            .output()
            .unwrap_or_else(|e| panic!("{tool}: {e} (install it to build the fixture)"));
        assert!(out.status.success(), "{tool} failed");
        out.stdout
    }

    fn sample(n: usize) -> Vec<u8> {
        (0..n).map(|i| (i * 7 % 251) as u8 ^ (i >> 10) as u8).collect()
    }

    #[test]
    fn announced_sizes_are_read_from_headers() {
        let data = sample(300_000);
        let xz_file = with_tool("xz", &["-c", "-6"], &data);
        assert_eq!(xz_index(&xz_file), Some((300_000, 1)));
        // a multi-block stream sums its index records
        let xz_blocks = with_tool("xz", &["-c", "--block-size=65536"], &data);
        assert_eq!(xz_index(&xz_blocks).map(|x| x.0), Some(300_000));
        let zst = with_tool("zstd", &["-c", "-q"], &data);
        assert_eq!(zstd_content_size(&zst), Some(300_000));
        let lz = with_tool("lz4", &["-c", "-q", "--content-size"], &data);
        assert_eq!(lz4_content_size(&lz), Some(300_000));
        let gz = with_tool("gzip", &["-c"], &data);
        assert_eq!(gzip_isize(&gz), Some(300_000));
        // no footer, no content size: no hint
        assert_eq!(xz_index(&xz_file[..xz_file.len() - 1]), None);
        assert_eq!(lz4_content_size(&with_tool("lz4", &["-c", "-q", "--no-content-size"], &data)), None);
        assert_eq!(zstd_content_size(b"\x28\xb5\x2f\xfd"), None);
    }

    #[test]
    fn decoded_buffers_carry_no_growth_slack() {
        let data = sample(3 << 20);
        for (name, packed, decode) in [
            ("xz", with_tool("xz", &["-c"], &data), xz as fn(&[u8], u64) -> Result<Decoded, FormatError>),
            ("gzip", with_tool("gzip", &["-c"], &data), gzip),
            ("zstd", with_tool("zstd", &["-c", "-q"], &data), zstd),
            ("lz4", with_tool("lz4", &["-c", "-q", "--content-size"], &data), lz4_frame),
            ("bzip2", with_tool("bzip2", &["-c"], &data), bzip2),
        ] {
            let d = decode(&packed, 1 << 30).unwrap();
            assert!(d.data == data, "{name} output");
            assert!(!d.truncated && d.error.is_none(), "{name}");
            let slack = d.data.capacity() - d.data.len();
            assert!(slack <= d.data.len() / 16 + 64 * 1024, "{name}: {slack} bytes of spare capacity");
        }
    }

    #[test]
    fn a_lying_size_hint_changes_nothing_but_the_reservation() {
        let data = sample(200_000);
        let mut gz = with_tool("gzip", &["-c"], &data);
        let n = gz.len();
        gz[n - 4..].copy_from_slice(&u32::MAX.to_le_bytes()); // ISIZE says 4 GiB (and the CRC check still runs)
        let d = gzip(&gz, 1 << 20);
        // the trailer is now inconsistent: the data is kept, the stream reports the broken trailer
        let d = d.unwrap();
        assert!(d.data == data);
        assert!(d.data.capacity() <= (1 << 20) + 64 * 1024, "the reservation is bounded by the stream limit");
        // a hint below the real size only means the buffer grows
        let (out, cut, err) = read_bounded(&data[..], 1 << 20, Some(10));
        assert!(out == data && !cut && err.is_none());
        let (out, cut, _) = read_bounded(&data[..], 1000, Some(1 << 40));
        assert!(out.len() == 1000 && cut);
    }

    #[test]
    fn concatenated_zstd_frames_are_one_stream() {
        let (a, b) = (sample(100_000), sample(70_000));
        let mut packed = with_tool("zstd", &["-c", "-q"], &a);
        packed.extend_from_slice(&[0x5a, 0x2a, 0x4d, 0x18, 3, 0, 0, 0, 1, 2, 3]); // a skippable frame
        let n = packed.len();
        packed.extend_from_slice(&with_tool("zstd", &["-c", "-q"], &b));
        let whole = packed.len();
        packed.extend_from_slice(&[0u8; 64]); // padding after the stream
        let d = zstd(&packed, 1 << 30).unwrap();
        assert!(d.error.is_none() && !d.truncated);
        assert_eq!(d.data.len(), a.len() + b.len());
        assert!(d.data[..a.len()] == a[..] && d.data[a.len()..] == b[..]);
        assert_eq!(d.consumed, whole as u64);
        // a second frame cut short keeps the first frame and says why it stopped
        let d = zstd(&packed[..n + 40], 1 << 30).unwrap();
        assert!(d.data == a && d.error.is_some());
        // the limit holds across frames
        let d = zstd(&packed, 150_000).unwrap();
        assert!(d.truncated && d.data.len() == 150_000);
    }

    #[test]
    fn multi_block_xz_decodes_in_parallel_and_matches() {
        let data = sample(3 << 20);
        let packed = with_tool("xz", &["-c", "--block-size=262144"], &data);
        assert_eq!(xz_index(&packed), Some((3 << 20, 12)));
        let d = xz(&packed, 1 << 30).unwrap();
        assert!(d.data == data && d.error.is_none() && !d.truncated);
        assert_eq!(d.consumed, packed.len() as u64);
        // the limit holds on the parallel path too
        let d = xz(&packed, 1 << 20).unwrap();
        assert!(d.truncated && d.data.len() == 1 << 20 && d.data[..] == data[..1 << 20]);
        // a damaged block falls back to the sequential reader, which keeps what decodes
        let mut bad = packed.clone();
        let mid = bad.len() / 2;
        bad[mid] ^= 0x55;
        let d = xz(&bad, 1 << 30);
        assert!(
            d.as_ref().map_or(true, |d| d.error.is_some() && d.data.len() < data.len()),
            "{:?}",
            d.map(|d| d.error)
        );
    }

    #[test]
    fn crc64_matches_the_xz_check_value() {
        assert_eq!(crc64_xz(b"123456789"), 0x995d_c9bb_df19_39fa);
        assert_eq!(crc64_xz(b""), 0);
    }

    #[test]
    fn single_block_xz_decodes_with_a_small_window_and_checks() {
        let data = sample(1 << 20);
        // xz -9 declares a 64 MiB dictionary for a 1 MiB stream; each check type the fast path verifies
        for (check, kind) in [("crc64", 4u8), ("crc32", 1), ("none", 0)] {
            let packed = with_tool("xz", &["-c", "-9", "-T1", &format!("--check={check}")], &data);
            let x = xz_single(&packed).unwrap_or_else(|| panic!("{check}: one LZMA2 block"));
            assert_eq!((x.dict_size, x.size, x.check.0), (64 << 20, 1 << 20, kind));
            let d = xz(&packed, 1 << 30).unwrap();
            assert!(d.data == data && d.error.is_none() && !d.truncated, "{check}");
            assert_eq!(d.consumed, packed.len() as u64);
            let d = xz(&packed, 1000).unwrap();
            assert!(d.truncated && d.data[..] == data[..1000], "{check}: the limit holds");
        }
        // SHA-256 checks, and data after the stream, go to the general reader, with the same result
        let sha = with_tool("xz", &["-c", "-T1", "--check=sha256"], &data);
        assert!(xz_single(&sha).is_none());
        assert!(xz(&sha, 1 << 30).unwrap().data == data);
        let mut trailing = with_tool("xz", &["-c", "-T1"], &data);
        trailing.extend_from_slice(&[0u8; 16]);
        assert!(xz_single(&trailing).is_none());
        // a damaged check is caught: the general reader reports it
        let mut bad = with_tool("xz", &["-c", "-T1", "--check=crc32"], &data);
        let x = xz_single(&bad).unwrap();
        let at = x.lzma2.as_ptr() as usize - bad.as_ptr() as usize + x.lzma2.len() + (4 - x.lzma2.len() % 4) % 4;
        bad[at] ^= 1;
        assert!(xz_single_decode(&xz_single(&bad).unwrap(), 1 << 30).is_none());
        let d = xz(&bad, 1 << 30);
        assert!(d.as_ref().map_or(true, |d| d.error.is_some()), "{:?}", d.map(|d| d.error));
    }

    #[test]
    fn an_exact_size_hint_is_not_doubled_at_the_end() {
        let data = sample(300_000);
        let (out, truncated, err) = read_bounded(&data[..], 1 << 30, Some(300_000));
        assert!(out == data && !truncated && err.is_none());
        assert_eq!(out.capacity(), 300_000, "the buffer stays at the announced size");
        // a hint that is too small still reads everything
        let (out, _, _) = read_bounded(&data[..], 1 << 30, Some(1000));
        assert!(out == data);
        // and the limit holds right at the hint
        let (out, truncated, _) = read_bounded(&data[..], 1000, Some(1000));
        assert!(out.len() == 1000 && truncated);
    }

    #[test]
    fn zstd_block_frames_decode_on_both_paths() {
        let data = sample(128 << 10);
        let framed = with_tool("zstd", &["-c", "-q", "-19"], &data);
        assert_eq!(zstd_content_size(&framed), Some(128 << 10));
        for _ in 0..3 {
            // the decoder kept per thread is reused from block to block
            assert!(zstd_frame(&framed, 1 << 20).unwrap() == data);
        }
        let bare = with_tool("zstd", &["-c", "-q", "--no-content-size"], &data);
        assert_eq!(zstd_content_size(&bare), None);
        assert!(zstd_frame(&bare, 1 << 20).unwrap() == data, "no content size: the general path");
        // a frame larger than the limit, or cut short, never yields more than it may
        assert!(zstd_frame(&framed, 1000).map_or(true, |d| d.len() <= 1000));
        let cut = zstd_frame(&framed[..framed.len() / 2], 1 << 20);
        assert!(cut.map_or(true, |d| d.len() < data.len() && d[..] == data[..d.len()]));
        // the kept decoder still works after a failure
        assert!(zstd_frame(&framed, 1 << 20).unwrap() == data);
    }

    #[test]
    fn inflate_blocks_fill_the_output_or_leave_it_alone() {
        let data = sample(128 << 10);
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        z.write_all(&data).unwrap();
        let packed = z.finish().unwrap();
        let mut out = b"head".to_vec();
        for _ in 0..2 {
            out.truncate(4);
            assert!(inflate_block_into(&packed, &mut out, 128 << 10, true));
            assert!(out[..4] == *b"head" && out[4..] == data[..]);
        }
        // larger than the bound, cut short, or not zlib: false, and the output is untouched
        for bad in [&packed[..], &packed[..packed.len() / 2], &b"not zlib at all"[..]] {
            let mut out = b"head".to_vec();
            let max = if bad.len() == packed.len() { 1000 } else { 128 << 10 };
            assert!(!inflate_block_into(bad, &mut out, max, true));
            assert_eq!(out, b"head");
        }
        // the decoder kept per thread recovers after a failure
        assert_eq!(inflate_block(&packed, 128 << 10, true), Some(data.clone()));
        // raw deflate: the same data without the zlib header and trailer
        let mut d = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
        d.write_all(&data).unwrap();
        let raw = d.finish().unwrap();
        assert_eq!(inflate_block(&raw, 128 << 10, false), Some(data.clone()));
        assert_eq!(inflate_block(&raw, 128 << 10, true), None, "raw deflate is not zlib");
        assert_eq!(inflate_block(&packed, 128 << 10, true), Some(data));
    }
}
