//! What a blob that no format claims says about itself: the banners of bootloaders and operating systems.
//!
//! Bootloader dumps, RTOS images and decompressed kernels hold no filesystem, but their bytes name what they
//! are: `U-Boot 1.1.3 (Nov 19 2023 …)`, `Linux version 2.6.31 (…)`, `VxWorks5.5.1`, Allwinner's `eGON.BT0`
//! boot0 header, Broadcom's BOLT and CFE. The first banner of each kind becomes a layer attribute
//! (`bootloader` or `os`), so that such an image is described, not only "not recognised". Only banners with a
//! version right after the name count where the bare name is common (U-Boot mentions VxWorks as a boot
//! target; kernels print "Linux" everywhere).
//!
//! ```
//! let blob = b"\0\0U-Boot SPL 2018.05-00007-g8b9203a (Jan 01)\0Linux version 4.9.118 (gcc)\0";
//! let found = fwassure_unpack::banner::identify(blob);
//! assert_eq!(found, vec![
//!     ("bootloader".to_string(), "U-Boot 2018.05-00007-g8b9203a".to_string()),
//!     ("os".to_string(), "Linux 4.9.118".to_string()),
//! ]);
//! ```

use aho_corasick::AhoCorasick;
use std::sync::OnceLock;

/// How a banner is read once its marker is found.
#[derive(Clone, Copy)]
enum Rule {
    /// A version token must follow (after optional words to skip); the value is `name version`.
    Versioned { key: &'static str, name: &'static str, skip: &'static [&'static [u8]] },
    /// The marker alone names the thing, at any offset.
    Named { key: &'static str, value: &'static str },
    /// The marker names the thing only at this offset of the blob.
    At { offset: usize, key: &'static str, value: &'static str },
}

const BANNERS: &[(&[u8], Rule)] = &[
    (b"U-Boot ", Rule::Versioned { key: "bootloader", name: "U-Boot", skip: &[b"SPL "] }),
    (b"CFE version ", Rule::Versioned { key: "bootloader", name: "Broadcom CFE", skip: &[] }),
    (b"BOLT v", Rule::Named { key: "bootloader", value: "Broadcom BOLT" }),
    (b"eGON.BT0", Rule::At { offset: 4, key: "bootloader", value: "Allwinner eGON boot0" }),
    (b"Linux version ", Rule::Versioned { key: "os", name: "Linux", skip: &[] }),
    (b"VxWorks", Rule::Versioned { key: "os", name: "VxWorks", skip: &[b" "] }),
];

fn automaton() -> &'static AhoCorasick {
    static AC: OnceLock<AhoCorasick> = OnceLock::new();
    AC.get_or_init(|| AhoCorasick::new(BANNERS.iter().map(|(m, _)| *m)).expect("banner patterns build"))
}

/// A version token at the start of `d`: a digit, then digits, letters, `.`, `-`, `_` and `+` (at most 40).
fn version_at(d: &[u8]) -> Option<&str> {
    if !d.first()?.is_ascii_digit() {
        return None;
    }
    let n = d.iter().take(40).take_while(|b| b.is_ascii_alphanumeric() || b"._-+".contains(b)).count();
    let v = std::str::from_utf8(&d[..n]).ok()?.trim_end_matches(['.', '-', '_']);
    Some(v)
}

/// The banners found in `data`, as `(key, value)` attributes: the first of each key, in key order.
pub fn identify(data: &[u8]) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = Vec::new();
    for m in automaton().find_overlapping_iter(data) {
        let (_, rule) = BANNERS[m.pattern().as_usize()];
        let value = match rule {
            Rule::Versioned { key, name, skip } => {
                let mut rest = &data[m.end()..];
                for s in skip {
                    rest = rest.strip_prefix(*s).unwrap_or(rest);
                }
                version_at(rest).map(|v| (key, format!("{name} {v}")))
            }
            Rule::Named { key, value } => Some((key, value.to_string())),
            Rule::At { offset, key, value } => (m.start() == offset).then(|| (key, value.to_string())),
        };
        if let Some((key, value)) = value {
            if !found.iter().any(|(k, _)| k == key) {
                found.push((key.to_string(), value));
            }
        }
        if found.len() == 2 {
            break;
        }
    }
    found.sort();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_names_are_not_banners() {
        assert!(identify(b"boot VxWorks image\0Linux\0U-Boot \0").is_empty());
        assert_eq!(identify(b"xxVxWorks5.5.1\0"), vec![("os".into(), "VxWorks 5.5.1".into())]);
        assert_eq!(identify(b"VxWorks 6.9\0"), vec![("os".into(), "VxWorks 6.9".into())]);
    }

    #[test]
    fn the_boot0_header_counts_only_at_its_place() {
        assert_eq!(identify(b"\xcc\0\0\xeaeGON.BT0rest"), vec![("bootloader".into(), "Allwinner eGON boot0".into())]);
        assert!(identify(b"strings: eGON.BT0").is_empty());
    }

    #[test]
    fn the_first_banner_of_a_kind_wins() {
        let d = b"U-Boot 1.1.3 (Nov 19 2023)\0U-Boot 2.0\0BOLT v%d.%02d\0";
        assert_eq!(identify(d), vec![("bootloader".into(), "U-Boot 1.1.3".into())]);
        assert_eq!(identify(b"CFE version 2.4.3 for BCM"), vec![("bootloader".into(), "Broadcom CFE 2.4.3".into())]);
    }
}
