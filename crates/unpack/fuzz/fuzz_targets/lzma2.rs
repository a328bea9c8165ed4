//! Differential fuzzing of `fwassure_unpack::lzma2` (the decoder whose output buffer is its dictionary)
//! against lzma_rust2's readers.
//!
//! Input: byte 0 picks the format (bit 0: LZMA1, else LZMA2; bit 1: LZMA1 of known size), byte 1 is the
//! LZMA1 properties byte, byte 2 the dictionary size (4 KiB << (b % 9)), byte 3 the output limit (1 MiB,
//! or a cut point anywhere up to 1 MiB), bytes 4..8 the LZMA1 size (u32 LE), then the stream.
//!
//! Asserts: ours never exceeds the limit nor consumes more than the input; when both decoders succeed,
//! the outputs are equal (and a stream ours cuts at the limit is the prefix of theirs); and where both
//! produced output, the outputs agree on their common length, since both decode the same symbols until
//! one of them finds the stream broken.
#![no_main]

use std::io::Read;

use fwassure_unpack::lzma2::{decode_lzma, decode_lzma2, LzmaOutput};

const MAX: u64 = 1 << 20;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some((h, stream)) = data.split_first_chunk::<8>() else { return };
    let dict = 4096u32 << (h[2] % 9);
    let limit = if h[3] < 128 { MAX } else { u64::from(h[3] - 128) * 8263 % MAX };
    let (ours, theirs) = if h[0] & 1 == 0 {
        let ours = decode_lzma2(stream, dict, None, limit);
        let r = lzma_rust2::Lzma2Reader::new(stream, dict, None);
        (ours, read(r, limit))
    } else {
        let size = (h[0] & 2 != 0).then(|| u64::from(u32::from_le_bytes([h[4], h[5], h[6], h[7]])) % (4 * MAX));
        let ours = decode_lzma(stream, h[1], dict, size, limit);
        let theirs = lzma_rust2::LzmaReader::new_with_props(stream, size.unwrap_or(u64::MAX), h[1], dict, None)
            .ok()
            .map(|r| read(r, limit));
        (ours, theirs.unwrap_or((Vec::new(), false)))
    };
    check(&ours, &theirs, limit, stream.len());
});

/// Read up to `limit + 1` bytes: the output, and whether the stream ended cleanly within `limit + 1`.
fn read(r: impl Read, limit: u64) -> (Vec<u8>, bool) {
    let mut out = Vec::new();
    let ok = r.take(limit + 1).read_to_end(&mut out).is_ok();
    (out, ok)
}

fn check(ours: &LzmaOutput, theirs: &(Vec<u8>, bool), limit: u64, input: usize) {
    let (t, t_ok) = (&theirs.0, theirs.1);
    assert!(ours.data.len() as u64 <= limit, "ours exceeds the limit: {} > {limit}", ours.data.len());
    assert!(ours.consumed <= input as u64, "ours consumed {} of {input}", ours.consumed);
    assert!(!ours.truncated || ours.data.len() as u64 == limit, "cut before the limit");
    let common = ours.data.len().min(t.len());
    assert!(ours.data[..common] == t[..common], "outputs differ within their common length {common}");
    if ours.error.is_none() && t_ok {
        if ours.truncated {
            assert!(t.len() as u64 > limit, "ours cut at the limit, theirs ended at {}", t.len());
        } else {
            assert!(ours.data == *t, "both succeed: ours {} bytes, theirs {}", ours.data.len(), t.len());
        }
    }
}
