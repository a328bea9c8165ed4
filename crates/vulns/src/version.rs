//! A version comparator built for firmware.
//!
//! Semver libraries get firmware versions wrong: OpenSSL letter releases (`1.1.1w > 1.1.1n > 1.1.1`),
//! OpenSSH portable releases (`9.2p1 > 9.2`), date versions (`2022.83`), Debian and OpenWrt revisions
//! (`1:1.2.13.dfsg-1`, `2.90-4~deb12u2`, `1.35.0-r15`), trailing zeros (`2.9` = `2.9.0`) and pre-releases
//! (`2.0rc1`, `1.2_beta2`, `1.1.1-pre9` all sort before the release).
//!
//! A version is split into an epoch (`N:`), an upstream part and a revision (Debian `-N…`, `+debNuM`,
//! `~debNuM`, OpenWrt `-rN`). Each part is cut into numeric and alphabetic tokens; separators (`.`, `-`, `_`,
//! `+`) only delimit. Rules, position by position:
//! * numbers compare numerically, of any length;
//! * a missing position equals `0`, so `2.9` = `2.9.0`;
//! * a pre-release word (`alpha`, `beta`, `pre`, `rc`, `dev`, `preview`, `test`, or any word after `~`) sorts before a
//!   missing position and before any number: `1.0rc1 < 1.0 < 1.0.0.1`;
//! * any other word (`a`…`z`, `p`, `dfsg`, `git` …) is a post-release: after a missing position, before a
//!   number: `1.1.1 < 1.1.1a < 1.1.1w < 1.1.2`, `9.2 < 9.2p1 < 9.2p2 < 9.3`.

use std::cmp::Ordering;
use std::fmt;

/// One token of a version part.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    /// Digits without leading zeros (empty for zero).
    Num(String),
    /// A pre-release word with its rank (dev < alpha < beta < pre/test < rc; other `~` words rank with `pre`).
    Pre(u8, String),
    /// A post-release word (lowercase).
    Post(String),
}

/// A parsed version, ordered with the firmware rules of this module.
#[derive(Debug, Clone)]
pub struct Version {
    raw: String,
    epoch: Vec<Tok>,
    upstream: Vec<Tok>,
    revision: Vec<Tok>,
}

impl Version {
    /// Parse a version string. Never fails: every string gives a version (garbage compares as words).
    pub fn parse(s: &str) -> Version {
        let raw = s.trim().to_string();
        let mut rest = raw.as_str();
        // A leading `v` (v1.2.3) carries no meaning.
        if rest.len() > 1 && (rest.starts_with('v') || rest.starts_with('V')) && rest.as_bytes()[1].is_ascii_digit() {
            rest = &rest[1..];
        }
        let mut epoch = Vec::new();
        if let Some(colon) = rest.find(':') {
            if colon > 0 && rest[..colon].bytes().all(|b| b.is_ascii_digit()) {
                epoch = tokenize(&rest[..colon]);
                rest = &rest[colon + 1..];
            }
        }
        let (up, rev) = split_revision(rest);
        let (upstream, revision) = (tokenize(up), tokenize(rev));
        Version { raw: raw.clone(), epoch, upstream, revision }
    }

    /// The text as given.
    pub fn as_str(&self) -> &str {
        &self.raw
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.raw)
    }
}

impl PartialEq for Version {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Version {}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Version {
    fn cmp(&self, other: &Self) -> Ordering {
        cmp_toks(&self.epoch, &other.epoch)
            .then_with(|| cmp_toks(&self.upstream, &other.upstream))
            .then_with(|| cmp_toks(&self.revision, &other.revision))
    }
}

/// Compare two version strings with the firmware rules.
pub fn compare(a: &str, b: &str) -> Ordering {
    Version::parse(a).cmp(&Version::parse(b))
}

/// The upstream part of a distribution package version: epoch, revision, `+dfsg`/`.dfsg`/`+ds` suffixes removed,
/// and `X+reallyY` turned into `Y` (`1:1.3.dfsg+really1.3.1-1` → `1.3.1`).
pub fn upstream_of(pkg_version: &str) -> String {
    let mut rest = pkg_version.trim();
    if let Some(colon) = rest.find(':') {
        if colon > 0 && rest[..colon].bytes().all(|b| b.is_ascii_digit()) {
            rest = &rest[colon + 1..];
        }
    }
    let (up, _) = split_revision(rest);
    let mut up = up.to_string();
    if let Some(i) = up.find("+really") {
        up = up[i + "+really".len()..].to_string();
    }
    for suffix in [".dfsg", "+dfsg", "~dfsg", "+ds", ".ds"] {
        if let Some(i) = up.find(suffix) {
            up.truncate(i);
        }
    }
    up
}

/// Split `upstream` from a distribution revision.
fn split_revision(s: &str) -> (&str, &str) {
    // Debian-style revision: the part after the last `-` when it starts with a digit (`-1`, `-4~deb12u2`).
    // OpenWrt/Alpine revision: `-rN` at the end.
    if let Some(dash) = s.rfind('-') {
        let tail = &s[dash + 1..];
        let is_deb = tail.as_bytes().first().is_some_and(|b| b.is_ascii_digit());
        let is_r = tail.len() > 1 && tail.starts_with('r') && tail[1..].bytes().all(|b| b.is_ascii_digit());
        if dash > 0 && (is_deb || is_r) {
            return (&s[..dash], tail);
        }
    }
    // Native packages: `2.10+deb11u5`, `1.0~deb12u1`.
    for marker in ["+deb", "~deb", "+ubuntu", "~ubuntu"] {
        if let Some(i) = s.find(marker) {
            if i > 0 {
                return (&s[..i], &s[i..]);
            }
        }
    }
    (s, "")
}

fn pre_rank(word: &str) -> Option<u8> {
    Some(match word {
        "dev" | "snapshot" => 0,
        "alpha" => 1,
        "beta" => 2,
        "pre" | "preview" | "test" => 3,
        "rc" => 4,
        _ => return None,
    })
}

fn tokenize(s: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let b = s.as_bytes();
    let mut i = 0;
    let mut tilde = false;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_digit() {
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            let digits = s[start..i].trim_start_matches('0');
            out.push(Tok::Num(digits.to_string()));
            tilde = false;
        } else if c.is_ascii_alphabetic() {
            let start = i;
            while i < b.len() && b[i].is_ascii_alphabetic() {
                i += 1;
            }
            let word = s[start..i].to_ascii_lowercase();
            let tok = match pre_rank(&word) {
                Some(r) => Tok::Pre(r, word),
                None if tilde => Tok::Pre(3, word),
                None => Tok::Post(word),
            };
            out.push(tok);
            tilde = false;
        } else {
            if c == b'~' {
                tilde = true;
                // A bare `~` followed by a digit (1.0~1) is still "before".
                if b.get(i + 1).is_some_and(|n| n.is_ascii_digit()) {
                    out.push(Tok::Pre(3, String::new()));
                    tilde = false;
                }
            }
            i += 1;
        }
    }
    out
}

/// Rank of the token kinds against each other: pre < missing < post < number.
fn kind(t: Option<&Tok>) -> u8 {
    match t {
        Some(Tok::Pre(..)) => 0,
        None => 1,
        Some(Tok::Post(_)) => 2,
        Some(Tok::Num(_)) => 3,
    }
}

fn cmp_toks(a: &[Tok], b: &[Tok]) -> Ordering {
    let n = a.len().max(b.len());
    for i in 0..n {
        let (x, y) = (a.get(i), b.get(i));
        let ord = match (x, y) {
            (Some(Tok::Num(p)), Some(Tok::Num(q))) => p.len().cmp(&q.len()).then_with(|| p.cmp(q)),
            (Some(Tok::Pre(r, p)), Some(Tok::Pre(s, q))) => r.cmp(s).then_with(|| p.cmp(q)),
            (Some(Tok::Post(p)), Some(Tok::Post(q))) => p.cmp(q),
            // A missing position equals zero.
            (Some(Tok::Num(p)), None) if p.is_empty() => Ordering::Equal,
            (None, Some(Tok::Num(q))) if q.is_empty() => Ordering::Equal,
            _ => kind(x).cmp(&kind(y)),
        };
        if ord != Ordering::Equal {
            return ord;
        }
    }
    Ordering::Equal
}

#[cfg(test)]
mod tests {
    use super::*;
    use Ordering::{Equal, Greater, Less};

    /// Real version pairs of the components firmware ships, with the expected order.
    const TABLE: &[(&str, &str, Ordering)] = &[
        // openssl letter releases, pre-releases and the 3.x line
        ("1.1.1w", "1.1.1n", Greater),
        ("1.1.1n", "1.1.1", Greater),
        ("1.1.1", "1.1.1a", Less),
        ("1.1.1w", "1.1.2", Less),
        ("1.0.2zk", "1.0.2u", Greater),
        ("1.0.2zk", "1.0.2z", Greater),
        ("1.0.2k", "1.1.0", Less),
        ("1.1.1-pre9", "1.1.1", Less),
        ("1.1.1-pre9", "1.1.0l", Greater),
        ("3.0.0-alpha17", "3.0.0-beta1", Less),
        ("3.0.0-beta2", "3.0.0", Less),
        ("3.0.20", "3.0.7", Greater),
        ("3.0.2", "3.0.20", Less),
        ("3.5.9", "3.5.10", Less),
        ("3.0", "3.0.0", Equal),
        ("0.9.8zh", "1.0.0", Less),
        // OpenSSH portable releases
        ("9.2p1", "9.2", Greater),
        ("9.2p1", "9.3p1", Less),
        ("9.3p2", "9.3p1", Greater),
        ("8.9p1", "9.0p1", Less),
        ("7.4p1", "7.4", Greater),
        ("9.8p1", "9.10p1", Less),
        ("9.2", "9.3", Less),
        // dropbear date versions
        ("2022.83", "2020.81", Greater),
        ("2019.78", "2020.79", Less),
        ("2025.89", "2025.88", Greater),
        ("2016.74", "2016.74", Equal),
        ("0.53.1", "2011.54", Less),
        // busybox
        ("1.35.0", "1.36.1", Less),
        ("1.37.0", "1.36.1", Greater),
        ("1.35", "1.35.0", Equal),
        ("1.30.1", "1.4.2", Greater),
        // curl
        ("7.88.1", "8.4.0", Less),
        ("8.14.1", "8.4.0", Greater),
        ("7.9.8", "7.10", Less),
        ("8.10.0", "8.9.1", Greater),
        // zlib
        ("1.2.13", "1.2.12", Greater),
        ("1.2.11", "1.2.2", Greater),
        ("1.2.8", "1.2.8.1", Less),
        ("1.3.1", "1.3", Greater),
        ("1.3", "1.3.0", Equal),
        // dnsmasq (two-part versions, test releases)
        ("2.90", "2.9", Greater),
        ("2.89", "2.90", Less),
        ("2.91", "2.90", Greater),
        ("2.78", "2.78test3", Greater),
        ("2.90rc1", "2.90", Less),
        // sqlite
        ("3.40.1", "3.41.0", Less),
        ("3.46.1", "3.40.1", Greater),
        ("3.9.2", "3.10.0", Less),
        // mbedtls
        ("2.28.3", "2.28.10", Less),
        ("3.6.6", "3.6.0", Greater),
        ("2.16.12", "2.28.0", Less),
        // wpa_supplicant / hostapd
        ("2.10", "2.9", Greater),
        ("2.9", "2.9.0", Equal),
        ("2.11", "2.10", Greater),
        // openvpn pre-releases
        ("2.6.14", "2.6.9", Greater),
        ("2.6.0_rc1", "2.6.0", Less),
        ("2.5_beta2", "2.5_beta3", Less),
        ("2.5_beta2", "2.5.0", Less),
        ("2.4_rc1", "2.4_beta1", Greater),
        // miniupnpd, libpcap, nginx, lighttpd, mosquitto, expat, linux
        ("2.3.1", "2.3.9", Less),
        ("1.10.3", "1.10.5", Less),
        ("1.10.0", "1.9.1", Greater),
        ("1.22.1", "1.25.3", Less),
        ("1.26.3", "1.25.3", Greater),
        ("1.4.59", "1.4.64", Less),
        ("2.0.18", "2.0.2", Greater),
        ("2.5.0", "2.4.9", Greater),
        ("5.10.180", "5.15.0", Less),
        ("6.1.0-rc7", "6.1", Less),
        ("4.14.336", "4.19.1", Less),
        // Debian package versions: epochs, revisions, security suffixes
        ("1:1.2.13.dfsg-1", "1.2.13.dfsg-1", Greater),
        ("2.90-4~deb12u2", "2.90-4", Less),
        ("2.90-4~deb12u2", "2.90-4~deb12u1", Greater),
        ("7.88.1-10+deb12u15", "7.88.1-10+deb12u5", Greater),
        ("7.88.1-10+deb12u5", "7.88.1-10", Greater),
        ("1:1.35.0-4+deb12u1+b1", "1:1.35.0-4+deb12u1", Greater),
        ("3.0.20-1~deb12u2", "3.0.20-1", Less),
        ("2:2.10-12+deb12u3", "2:2.10-24", Less),
        ("1.1.1n-0+deb11u5", "1.1.1n-0+deb11u4", Greater),
        ("2.10+deb11u5", "2.10", Greater),
        // OpenWrt / Alpine revisions
        ("1.35.0-r15", "1.35.0-r5", Greater),
        ("1.35.0-r15", "1.36.0-r1", Less),
        ("2022.82-r1", "2022.82", Greater),
        ("v1.2.3", "1.2.3", Equal),
    ];

    #[test]
    fn table_has_at_least_60_real_pairs() {
        assert!(TABLE.len() >= 60, "{}", TABLE.len());
    }

    #[test]
    fn table() {
        let mut bad = Vec::new();
        for &(a, b, want) in TABLE {
            if compare(a, b) != want {
                bad.push(format!("{a} vs {b}: want {want:?}, got {:?}", compare(a, b)));
            }
            if compare(b, a) != want.reverse() {
                bad.push(format!("{b} vs {a}: want {:?}, got {:?}", want.reverse(), compare(b, a)));
            }
        }
        assert!(bad.is_empty(), "{}", bad.join("\n"));
    }

    #[test]
    fn upstream_of_debian_versions() {
        assert_eq!(upstream_of("1:1.2.13.dfsg-1"), "1.2.13");
        assert_eq!(upstream_of("1:1.3.dfsg+really1.3.1-1+deb13u1"), "1.3.1");
        assert_eq!(upstream_of("2.90-4~deb12u2"), "2.90");
        assert_eq!(upstream_of("2:2.10-12+deb12u3"), "2.10");
        assert_eq!(upstream_of("1.35.0-r15"), "1.35.0");
        assert_eq!(upstream_of("3.6.6-0.1~deb13u1"), "3.6.6");
    }

    #[test]
    fn hostile_input_does_not_panic() {
        for s in ["", ":", "-", "~", "v", "1:", ":1", "-r", "99999999999999999999999999999.1", "é.1", "1..2"] {
            let _ = compare(s, "1.0");
        }
        assert_eq!(compare("00001.2", "1.2"), Equal);
    }
}
