//! A minimal glob matcher: `*` (any run of characters), `?` (one character), literal otherwise.
//! A glob without `/` is matched against the file name, one with `/` against the whole path.

/// Whether `path` matches `glob`.
pub fn matches(glob: &str, path: &str) -> bool {
    let subject = if glob.contains('/') { path } else { path.rsplit('/').next().unwrap_or(path) };
    wild(glob.as_bytes(), subject.as_bytes())
}

fn wild(p: &[u8], s: &[u8]) -> bool {
    // iterative matcher with single backtrack point (linear for one `*` run, bounded in general)
    let (mut pi, mut si) = (0usize, 0usize);
    let (mut star, mut mark) = (None::<usize>, 0usize);
    while si < s.len() {
        if pi < p.len() && (p[pi] == b'?' || p[pi] == s[si]) {
            pi += 1;
            si += 1;
        } else if pi < p.len() && p[pi] == b'*' {
            star = Some(pi);
            mark = si;
            pi += 1;
        } else if let Some(sp) = star {
            pi = sp + 1;
            mark += 1;
            si = mark;
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == b'*' {
        pi += 1;
    }
    pi == p.len()
}

#[cfg(test)]
mod tests {
    use super::matches;

    #[test]
    fn globs() {
        assert!(matches("libssl.so*", "/usr/lib/libssl.so.3"));
        assert!(matches("lib*crypto*.so*", "/lib/libmbedcrypto.so.7"));
        assert!(!matches("libssl.so*", "/usr/lib/libssl3.a"));
        assert!(matches("*/opkg/info/*.control", "/usr/lib/opkg/info/busybox.control"));
        assert!(matches("ssh?", "/usr/sbin/sshd"));
        assert!(!matches("ssh?", "/usr/sbin/ssh"));
    }
}
