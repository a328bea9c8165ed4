//! Helpers shared by the vendor container headers (TP-Link, SEAMA, Netgear CHK, Realtek cvimg, Ubiquiti,
//! D-Link wrgg, Arcadyan, encrypted containers): cutting a partition out of a container with the bounds
//! the header gives, checked against the data, and the MD5 digest those headers carry.
//!
//! A vendor header splits an image into named partitions (`kernel`, `rootfs`, `bootloader` …) with exact
//! offsets and lengths. Those values come from hostile input: [`part`] never slices past the data, and a
//! partition that the data does not hold in full is cut short and reported, never silently dropped.

use bytes::Bytes;
use md5::{Digest, Md5};

use crate::format::{Ctx, Stream};

/// MD5 digest of the concatenation of `parts`.
pub fn md5(parts: &[&[u8]]) -> [u8; 16] {
    let mut h = Md5::new();
    for p in parts {
        h.update(p);
    }
    h.finalize().into()
}

/// The partition `name` at `off` with `len` bytes inside `data` (offsets from the container's first byte),
/// as a stream. A partition that runs past the data is cut to what is there, with a problem; one that starts
/// past the data is reported and left out (`None`). An empty partition is left out silently.
pub fn part(data: &Bytes, ctx: &mut Ctx, name: &str, off: u64, len: u64) -> Option<Stream> {
    if len == 0 {
        return None;
    }
    let have = data.len() as u64;
    if off >= have {
        ctx.problem(
            None,
            format!("{name}: {len} bytes at {off:#x} lie past the end of the data ({have:#x} bytes); not present"),
        );
        return None;
    }
    let end = off.saturating_add(len);
    if end > have {
        ctx.problem(
            None,
            format!("{name}: {len} bytes at {off:#x} run past the end of the data; truncated to {} bytes", have - off),
        );
    }
    let end = end.min(have) as usize;
    Some(Stream {
        description: String::new(),
        name: name.to_string(),
        offset: off,
        data: data.slice(off as usize..end),
    })
}

/// Lowercase hex of `b`.
pub fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// Printable ASCII of a NUL-padded fixed-size field, or `None` when it holds anything else (a field of
/// a genuine header is text; random bytes where a header was expected are not).
pub fn text_field(d: &[u8]) -> Option<String> {
    let end = d.iter().position(|&b| b == 0).unwrap_or(d.len());
    let s = d.get(..end)?;
    s.iter().all(|&b| (0x20..0x7f).contains(&b)).then(|| String::from_utf8_lossy(s).into_owned())
}
