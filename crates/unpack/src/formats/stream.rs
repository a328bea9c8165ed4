//! Shared extraction for single compressed streams (gzip, xz, lzma, zstd, lz4, bzip2).

use bytes::Bytes;

use crate::decompress::Decoded;
use crate::format::{Ctx, Extracted, FormatError, Stream};

/// Smallest output kept from a stream that breaks before its end.
const MIN_PARTIAL: usize = 4096;

/// Decompress `data` with `decode` under the budget's stream limit and return it as one payload stream.
pub fn extract(
    name: &str,
    data: &Bytes,
    ctx: &mut Ctx,
    decode: fn(&[u8], u64) -> Result<Decoded, FormatError>,
) -> Result<Extracted, FormatError> {
    let limit = ctx.budget().stream_limit(data.len());
    let d = decode(data, limit)?;
    if d.data.is_empty() {
        return Err(FormatError::Decompress(format!("{name}: empty stream")));
    }
    if let Some(e) = &d.error {
        // a stream that breaks early is far more likely a false magic match than a damaged stream
        if d.data.len() < MIN_PARTIAL {
            return Err(FormatError::Decompress(e.clone()));
        }
        ctx.problem(None, format!("{e}; kept the first {} bytes", d.data.len()));
    }
    if d.truncated {
        ctx.problem(
            None,
            format!("{name} stream stopped at {limit} bytes: expansion limit (possible decompression bomb)"),
        );
    }
    ctx.budget().charge_bytes(d.data.len() as u64).map_err(FormatError::Limit)?;
    let n = d.data.len();
    Ok(Extracted::streams(vec![Stream {
        description: String::new(),
        name: String::new(),
        offset: 0,
        data: Bytes::from(d.data),
    }])
    .with_consumed(d.consumed)
    .with_description(format!("{name}, {n} bytes decompressed")))
}
