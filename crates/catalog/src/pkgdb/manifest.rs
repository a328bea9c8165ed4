//! Build-system manifests: Buildroot `manifest.csv` (legal-info) and Yocto image `*.manifest`.

use fwassure_model::ComponentSource;

use super::{names, version, PkgEntry};
use crate::classifier::purl_escape;

fn entry(pkg: &str, ver: &str, license: Option<&str>, ns: &str, method: &'static str) -> PkgEntry {
    PkgEntry {
        name: names::canonical(pkg, None),
        version: version::upstream(ver),
        package_version: ver.to_string(),
        purl: Some(format!("pkg:generic/{ns}/{}@{}", purl_escape(&pkg.to_ascii_lowercase()), purl_escape(ver))),
        cpe: None,
        license: license.filter(|l| !l.is_empty()).map(str::to_string),
        supplier: None,
        source: ComponentSource::PackageDb,
        method,
        text: format!("{pkg} {ver}"),
    }
}

/// Buildroot `manifest.csv`: `"PACKAGE","VERSION","LICENSE",…` header then one quoted row per package.
pub fn parse_buildroot(data: &[u8], _distro: Option<&str>) -> Vec<PkgEntry> {
    let text = String::from_utf8_lossy(data);
    let mut lines = text.lines();
    let Some(head) = lines.next() else { return vec![] };
    let cols: Vec<String> = split_csv(head).into_iter().map(|c| c.to_ascii_uppercase()).collect();
    let (Some(pi), Some(vi)) = (cols.iter().position(|c| c == "PACKAGE"), cols.iter().position(|c| c == "VERSION"))
    else {
        return vec![];
    };
    let li = cols.iter().position(|c| c == "LICENSE");
    lines
        .filter_map(|l| {
            let f = split_csv(l);
            let (p, v) = (f.get(pi)?, f.get(vi)?);
            (!p.is_empty() && !v.is_empty())
                .then(|| entry(p, v, li.and_then(|i| f.get(i)).map(String::as_str), "buildroot", "buildroot-manifest"))
        })
        .collect()
}

fn split_csv(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => out.push(std::mem::take(&mut cur)),
            c => cur.push(c),
        }
    }
    out.push(cur);
    out
}

/// Yocto image manifest: `name arch version` per line.
pub fn parse_yocto(data: &[u8], _distro: Option<&str>) -> Vec<PkgEntry> {
    let text = String::from_utf8_lossy(data);
    let mut out = Vec::new();
    for l in text.lines() {
        let f: Vec<&str> = l.split_whitespace().collect();
        if f.len() != 3 || !f[2].bytes().next().is_some_and(|b| b.is_ascii_digit()) {
            // not a manifest (a single bad line makes the whole file suspect)
            return vec![];
        }
        out.push(entry(f[0], f[2], None, "yocto", "yocto-manifest"));
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn manifests() {
        let b =
            super::parse_buildroot(b"\"PACKAGE\",\"VERSION\",\"LICENSE\"\n\"busybox\",\"1.36.1\",\"GPL-2.0\"\n", None);
        assert_eq!((b[0].name.as_str(), b[0].version.as_str()), ("busybox", "1.36.1"));
        let y = super::parse_yocto(b"busybox cortexa7t2hf_neon 1.36.1-r0\nlibssl3 cortexa7t2hf_neon 3.2.1-r0\n", None);
        assert_eq!((y[1].name.as_str(), y[1].version.as_str()), ("openssl", "3.2.1"));
        assert!(super::parse_yocto(b"hello world\n", None).is_empty());
    }
}
