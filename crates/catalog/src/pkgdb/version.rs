//! Upstream versions from distribution package versions.

/// Strip epoch, distribution revision and repack suffixes: `1:1.2.13.dfsg-1` → `1.2.13`,
/// `1:1.3.dfsg+really1.3.1-1` → `1.3.1`, `3.1.4-r5` → `3.1.4`, `1.1.1w-1` → `1.1.1w`.
pub fn upstream(v: &str) -> String {
    let mut s = v.trim();
    if let Some((e, rest)) = s.split_once(':') {
        if !e.is_empty() && e.bytes().all(|b| b.is_ascii_digit()) {
            s = rest;
        }
    }
    if let Some(i) = s.rfind('-') {
        if i > 0 {
            s = &s[..i];
        }
    }
    let mut s = s.to_string();
    if let Some(i) = s.find("+really") {
        s = s[i + "+really".len()..].to_string();
    }
    for sep in ["+dfsg", ".dfsg", "~dfsg", "+ds", ".ds", "+repack", "~", "+"] {
        if let Some(i) = s.find(sep) {
            if i > 0 {
                s.truncate(i);
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::upstream;

    #[test]
    fn strips() {
        assert_eq!(upstream("1:1.2.13.dfsg-1"), "1.2.13");
        assert_eq!(upstream("1:1.3.dfsg+really1.3.1-1+deb13u1"), "1.3.1");
        assert_eq!(upstream("3.0.20-1~deb12u2"), "3.0.20");
        assert_eq!(upstream("1:9.2p1-2+deb12u3"), "9.2p1");
        assert_eq!(upstream("3.1.4-r5"), "3.1.4");
        assert_eq!(upstream("2022.83"), "2022.83");
        assert_eq!(upstream("2.10"), "2.10");
        assert_eq!(upstream("1:1.35.0-4+deb12u1+b1"), "1.35.0");
    }
}
