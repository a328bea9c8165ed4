//! Bounded decompressors shared by formats. Every function stops at `limit` output bytes and reports it,
//! so a decompression bomb costs at most `limit` bytes of memory.

use std::io::Read;

use crate::format::FormatError;

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

/// Read `r` to the end or to `limit` bytes. An error after some output keeps the output (partial stream).
/// Returns the output, whether the limit cut it, and the error that ended the stream early, if any.
pub(crate) fn read_bounded(mut r: impl Read, limit: u64) -> (Vec<u8>, bool, Option<std::io::Error>) {
    let mut out = Vec::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        match r.read(&mut buf) {
            Ok(0) => return (out, false, None),
            Ok(n) => {
                let room = limit.saturating_sub(out.len() as u64) as usize;
                if n > room {
                    out.extend_from_slice(&buf[..room]);
                    return (out, true, None);
                }
                out.extend_from_slice(&buf[..n]);
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return (out, false, Some(e)),
        }
    }
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
    let (out, t, e) = read_bounded(&mut d, limit);
    drop(d);
    let consumed = (input.len() - rest.len()) as u64;
    finish(out, t, e, consumed, "gzip")
}

/// zlib stream (RFC 1950).
pub fn zlib(input: &[u8], limit: u64) -> Result<Decoded, FormatError> {
    let mut rest = input;
    let mut d = flate2::bufread::ZlibDecoder::new(&mut rest);
    let (out, t, e) = read_bounded(&mut d, limit);
    drop(d);
    let consumed = (input.len() - rest.len()) as u64;
    finish(out, t, e, consumed, "zlib")
}

/// Raw deflate (RFC 1951).
pub fn deflate(input: &[u8], limit: u64) -> Result<Decoded, FormatError> {
    let mut rest = input;
    let mut d = flate2::bufread::DeflateDecoder::new(&mut rest);
    let (out, t, e) = read_bounded(&mut d, limit);
    drop(d);
    let consumed = (input.len() - rest.len()) as u64;
    finish(out, t, e, consumed, "deflate")
}

/// xz container.
pub fn xz(input: &[u8], limit: u64) -> Result<Decoded, FormatError> {
    let mut c = Counting { inner: input, pos: 0 };
    let (out, t, e) = {
        let d = lzma_rust2::XzReader::new(&mut c, true);
        read_bounded(d, limit)
    };
    finish(out, t, e, c.pos as u64, "xz")
}

/// LZMA "alone" (.lzma) stream: 13-byte header (properties, dictionary size, uncompressed size).
pub fn lzma_alone(input: &[u8], limit: u64) -> Result<Decoded, FormatError> {
    let mut c = Counting { inner: input, pos: 0 };
    let (out, t, e) = {
        let d = lzma_rust2::LzmaReader::new_mem_limit(&mut c, 256 * 1024, None)
            .map_err(|e| FormatError::Decompress(format!("lzma: {e}")))?;
        read_bounded(d, limit)
    };
    finish(out, t, e, c.pos as u64, "lzma")
}

/// zstd frame(s).
pub fn zstd(input: &[u8], limit: u64) -> Result<Decoded, FormatError> {
    let mut c = Counting { inner: input, pos: 0 };
    let (out, t, e) = {
        let d = ruzstd::decoding::StreamingDecoder::new(&mut c)
            .map_err(|e| FormatError::Decompress(format!("zstd: {e}")))?;
        read_bounded(d, limit)
    };
    finish(out, t, e, c.pos as u64, "zstd")
}

/// One zstd block as squashfs stores it (a whole frame, output at most `limit`).
pub fn zstd_frame(input: &[u8], limit: u64) -> Result<Vec<u8>, FormatError> {
    let d = zstd(input, limit)?;
    Ok(d.data)
}

/// lz4 frame format.
pub fn lz4_frame(input: &[u8], limit: u64) -> Result<Decoded, FormatError> {
    let mut c = Counting { inner: input, pos: 0 };
    let (out, t, e) = {
        let d = lz4_flex::frame::FrameDecoder::new(&mut c);
        read_bounded(d, limit)
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
        read_bounded(d, limit)
    };
    let consumed = (input.len() - rest.len()) as u64;
    finish(out, t, e, consumed, "bzip2")
}

/// A raw LZMA1 stream with explicit properties byte and dictionary size, output size known or bounded.
pub fn lzma_raw(
    input: &[u8],
    props: u8,
    dict_size: u32,
    out_size: Option<u64>,
    limit: u64,
) -> Result<Vec<u8>, FormatError> {
    let mut c = Counting { inner: input, pos: 0 };
    let d =
        lzma_rust2::LzmaReader::new_with_props(&mut c, out_size.unwrap_or(u64::MAX), props, dict_size.max(4096), None)
            .map_err(|e| FormatError::Decompress(format!("lzma: {e}")))?;
    let (out, _t, e) = read_bounded(d, limit);
    match e {
        Some(e) if out.is_empty() => Err(FormatError::Decompress(format!("lzma: {e}"))),
        _ => Ok(out),
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
}
