//! C libraries named by their file names.
//!
//! uClibc and uClibc-ng install their libraries under versioned names (`libuClibc-0.9.30.so`,
//! `ld-uClibc-0.9.33.2.so`, with `libc.so.0` and `ld-uClibc.so.0` as links) and carry no version string
//! inside; glibc up to 2.33 installed `libc-2.19.so` and `ld-2.19.so` (Linaro and crosstool-NG builds add a
//! suffix: `libc-2.19-2014.06.so`). The file name is then the only statement of the version. uClibc-ng
//! forked from uClibc and numbers from 1.0.0 on (the last uClibc release is 0.9.33.2), so the major number
//! tells the two apart. Only ELF files count: a text file or script with such a name is not the library.

use fwassure_model::Confidence;

use crate::named::Named;

/// The C library a file's name states, when the file is an ELF object with such a name.
pub fn from_file_name(path: &str, data: &[u8]) -> Option<Named> {
    if !data.starts_with(b"\x7fELF") {
        return None;
    }
    let file = path.rsplit('/').next().unwrap_or(path);
    let stem = file.strip_suffix(".so")?;
    let (name, version) = if let Some(v) = stem.strip_prefix("libuClibc-").or_else(|| stem.strip_prefix("ld-uClibc-")) {
        let v = numeric(v, 3, 4)?;
        (if v.starts_with("0.") { "uclibc" } else { "uclibc-ng" }, v)
    } else if let Some(rest) = stem.strip_prefix("libc-").or_else(|| stem.strip_prefix("ld-")) {
        // the version, then an optional vendor suffix after '-'
        let (v, _suffix) = rest.split_once('-').unwrap_or((rest, ""));
        let v = numeric(v, 2, 3)?;
        if !v.starts_with("2.") {
            return None;
        }
        ("glibc", v)
    } else {
        return None;
    };
    Some(Named::new(name, version, Confidence::Medium, file.to_string(), format!("file-name:{name}")))
}

/// `s` when it is `min` to `max` dot-separated numbers of at most three digits.
fn numeric(s: &str, min: usize, max: usize) -> Option<&str> {
    let parts: Vec<&str> = s.split('.').collect();
    let ok = (min..=max).contains(&parts.len())
        && parts.iter().all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()));
    ok.then_some(s)
}

#[cfg(test)]
mod tests {
    use super::from_file_name;

    const ELF: &[u8] = b"\x7fELF\x01\x02\x01\0";

    fn named(path: &str, data: &[u8]) -> Option<(String, String)> {
        from_file_name(path, data).map(|n| (n.name, n.version))
    }

    #[test]
    fn versioned_library_names() {
        // names as installed in TP-Link TL-WR940N v4 / TL-WR841N v14, D-Link DIR-600L B1 and Dahua IPC root
        // filesystems (uClibc 0.9.30, 0.9.33.2, 0.9.30.1; glibc 2.19 of a Linaro toolchain)
        let want = |n: &str, v: &str| Some((n.to_string(), v.to_string()));
        assert_eq!(named("/lib/libuClibc-0.9.30.so", ELF), want("uclibc", "0.9.30"));
        assert_eq!(named("/lib/ld-uClibc-0.9.33.2.so", ELF), want("uclibc", "0.9.33.2"));
        assert_eq!(named("/lib/libuClibc-0.9.30.1.so", ELF), want("uclibc", "0.9.30.1"));
        assert_eq!(named("/lib/libuClibc-1.0.30.so", ELF), want("uclibc-ng", "1.0.30"));
        assert_eq!(named("/lib/libc-2.19-2014.06.so", ELF), want("glibc", "2.19"));
        assert_eq!(named("/lib/ld-2.19-2014.06.so", ELF), want("glibc", "2.19"));
        assert_eq!(named("/lib/libc-2.3.6.so", ELF), want("glibc", "2.3.6"));
    }

    #[test]
    fn decoys_give_nothing() {
        // not ELF: a note or script that happens to carry the name
        assert_eq!(named("/doc/libuClibc-0.9.30.so", b"uClibc 0.9.30 release notes"), None);
        // unversioned names, other libraries, other name shapes
        for p in [
            "/lib/libc.so.0",
            "/lib/ld-uClibc.so.0",
            "/lib/libc.so.6",
            "/lib/ld-linux-armhf.so.3",
            "/lib/ld-musl-armhf.so.1",
            "/lib/libc-client.so",
            "/lib/ld-1.2.so",
            "/lib/libuClibc-0.9.30.so.bak",
            "/lib/libuClibc-latest.so",
        ] {
            assert_eq!(named(p, ELF), None, "{p}");
        }
    }
}
