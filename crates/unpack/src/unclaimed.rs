//! What no format claimed: the gaps between the regions of a carved layer, classed by their bytes.
//!
//! A gap is read in 4 KiB blocks; each block is classed (padding, text, low or high entropy) and
//! neighbouring blocks of one class are merged into one [`Unclaimed`] region with the entropy of all its
//! bytes. A high-entropy region of [`HIGH_ENTROPY_PROBLEM`] bytes or more is what an encrypted image or an
//! unsupported format leaves, and [`problems`] words it for the report.
//!
//! ```
//! use fwassure_model::ByteClass;
//! let mut data = vec![0xffu8; 8192];
//! data.extend((0..8192u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8));
//! let gaps = fwassure_unpack::unclaimed::regions(&data, &[]);
//! assert_eq!(gaps[0].class, ByteClass::Padding);
//! assert_eq!((gaps[1].offset, gaps[1].class), (8192, ByteClass::HighEntropy));
//! ```

use fwassure_model::problem::UNKNOWN_HIGH_ENTROPY;
use fwassure_model::{ByteClass, Unclaimed};

/// Block size of the classification.
const BLOCK: usize = 4096;

/// Regions recorded per layer; past this, the last region spans every later gap (and the claimed bytes
/// between them), classed from the unclaimed bytes it holds.
const MAX_REGIONS: usize = 512;

/// Entropy (bits per byte) from which a block counts as compressed or encrypted.
const HIGH_ENTROPY: f64 = 7.2;

/// Size from which an unclaimed high-entropy region becomes a problem record.
pub const HIGH_ENTROPY_PROBLEM: u64 = 64 << 10;

fn entropy(hist: &[u64; 256], n: u64) -> f64 {
    if n == 0 {
        return 0.0;
    }
    let n = n as f64;
    hist.iter().filter(|&&c| c > 0).map(|&c| c as f64 / n).map(|p| -p * p.log2()).sum()
}

fn class_of(hist: &[u64; 256], n: u64) -> ByteClass {
    if hist[0] + hist[0xff] == n {
        return ByteClass::Padding;
    }
    let text: u64 =
        (0x20..0x7f).map(|b| hist[b]).sum::<u64>() + hist[b'\t' as usize] + hist[b'\n' as usize] + hist[b'\r' as usize];
    if text * 100 >= n * 95 {
        ByteClass::Text
    } else if n >= 256 && entropy(hist, n) >= HIGH_ENTROPY {
        ByteClass::HighEntropy
    } else {
        ByteClass::LowEntropy
    }
}

struct Run {
    offset: usize,
    size: usize,
    class: ByteClass,
    hist: [u64; 256],
}

impl Run {
    fn finish(self) -> Unclaimed {
        let e = entropy(&self.hist, self.hist.iter().sum());
        Unclaimed {
            offset: self.offset as u64,
            size: self.size as u64,
            class: self.class,
            entropy: (e * 100.0).round() / 100.0,
        }
    }
}

/// The unclaimed regions of `data`, given the claimed `(start, end)` ranges (any order, may overlap).
pub fn regions(data: &[u8], claimed: &[(usize, usize)]) -> Vec<Unclaimed> {
    let mut claimed: Vec<(usize, usize)> =
        claimed.iter().map(|&(s, e)| (s.min(data.len()), e.min(data.len()))).filter(|(s, e)| s < e).collect();
    claimed.sort_unstable();
    let mut gaps = Vec::new();
    let mut pos = 0;
    for (s, e) in claimed {
        if s > pos {
            gaps.push((pos, s));
        }
        pos = pos.max(e);
    }
    if pos < data.len() {
        gaps.push((pos, data.len()));
    }
    let mut runs: Vec<Run> = Vec::new();
    for (s, e) in gaps {
        let mut at = s;
        let mut first = true;
        while at < e {
            let end = (at + BLOCK).min(e);
            let mut hist = [0u64; 256];
            for &b in &data[at..end] {
                hist[b as usize] += 1;
            }
            let n = (end - at) as u64;
            let class = class_of(&hist, n);
            let full = runs.len() >= MAX_REGIONS;
            match runs.last_mut() {
                // a block continues the run before it when it is adjacent and of the same class; past the
                // cap every gap joins the last run, which is then classed again from all its bytes
                Some(r) if (!first && r.class == class) || full => {
                    for (a, b) in r.hist.iter_mut().zip(hist.iter()) {
                        *a += b;
                    }
                    r.size = end - r.offset;
                    if full {
                        let n: u64 = r.hist.iter().sum();
                        r.class = class_of(&r.hist, n);
                    }
                }
                _ => runs.push(Run { offset: at, size: end - at, class, hist }),
            }
            first = false;
            at = end;
        }
    }
    runs.into_iter().map(Run::finish).collect()
}

/// Human-readable size: `812 B`, `64.0 KiB`, `1.2 MiB`.
pub fn human_size(n: u64) -> String {
    match n {
        n if n < 1024 => format!("{n} B"),
        n if n < 1 << 20 => format!("{:.1} KiB", n as f64 / 1024.0),
        n => format!("{:.1} MiB", n as f64 / (1 << 20) as f64),
    }
}

/// The problem records for the unclaimed regions of one layer: every high-entropy region of
/// [`HIGH_ENTROPY_PROBLEM`] bytes or more.
pub fn problems(regions: &[Unclaimed]) -> Vec<String> {
    regions
        .iter()
        .filter(|u| u.class == ByteClass::HighEntropy && u.size >= HIGH_ENTROPY_PROBLEM)
        .map(|u| {
            format!(
                "{UNKNOWN_HIGH_ENTROPY}, {} at {:#x} (entropy {:.2}): encrypted or an unsupported format",
                human_size(u.size),
                u.offset,
                u.entropy
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn random(n: usize, seed: u32) -> Vec<u8> {
        let mut x = seed | 1;
        (0..n)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                (x >> 7) as u8
            })
            .collect()
    }

    #[test]
    fn gaps_between_claimed_ranges_are_classed_and_merged() {
        let mut d = vec![0u8; 10_000];
        d.extend(b"#!/bin/sh\necho hello world\n".repeat(400));
        d.extend(random(200_000, 7));
        d.extend(vec![0xffu8; 5000]);
        let text_at = 10_000;
        let rnd_at = text_at + 28 * 400;
        let u = regions(&d, &[(2000, 4000)]);
        assert_eq!(u[0].offset, 0);
        assert_eq!(u[0].class, ByteClass::Padding);
        assert_eq!(u[1].offset, 4000);
        assert!(u.iter().any(|r| r.class == ByteClass::Text));
        let hi: Vec<_> = u.iter().filter(|r| r.class == ByteClass::HighEntropy).collect();
        assert_eq!(hi.len(), 1, "{u:?}");
        assert!(hi[0].offset <= rnd_at as u64 + BLOCK as u64 && hi[0].size >= 190_000);
        assert!(hi[0].entropy > 7.9);
        assert_eq!(u.last().unwrap().class, ByteClass::Padding);
        // every unclaimed byte is in one region, none twice, none claimed
        let total: u64 = u.iter().map(|r| r.size).sum();
        assert_eq!(total, d.len() as u64 - 2000);
        let p = problems(&u);
        assert_eq!(p.len(), 1);
        assert!(p[0].starts_with("unknown high-entropy region, "), "{p:?}");
    }

    #[test]
    fn fully_claimed_data_has_no_gaps_and_overlaps_are_fine() {
        let d = random(10_000, 3);
        assert!(regions(&d, &[(0, 6000), (5000, 10_000)]).is_empty());
        assert!(regions(&[], &[]).is_empty());
        // out-of-range claims are clipped
        assert!(regions(&d, &[(0, 1 << 40)]).is_empty());
    }

    #[test]
    fn the_number_of_regions_is_capped() {
        // alternating claimed / unclaimed bytes: 5000 gaps
        let d = random(10_000, 5);
        let claimed: Vec<_> = (0..5000).map(|i| (2 * i, 2 * i + 1)).collect();
        let u = regions(&d, &claimed);
        assert_eq!(u.len(), MAX_REGIONS);
        let total: u64 = u.iter().map(|r| r.size).sum();
        assert!(total >= 5000);
    }

    #[test]
    fn small_random_gaps_are_not_called_high_entropy() {
        let d = random(100, 9);
        assert_eq!(regions(&d, &[])[0].class, ByteClass::LowEntropy);
    }
}
