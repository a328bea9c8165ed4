//! Alpine apk installed database (`/lib/apk/db/installed`): `P:`/`V:`/`A:`/`L:`/`o:` records.

use fwassure_model::ComponentSource;

use super::{names, purl_namespace, version, PkgEntry};
use crate::classifier::purl_escape;

/// Installed packages of an apk database.
pub fn parse(data: &[u8], distro: Option<&str>) -> Vec<PkgEntry> {
    let ns = purl_namespace(distro, "alpine");
    let text = String::from_utf8_lossy(data);
    let mut out = Vec::new();
    for rec in text.split("\n\n") {
        let field = |k: &str| rec.lines().find_map(|l| l.strip_prefix(k)).map(str::trim).filter(|v| !v.is_empty());
        let (Some(pkg), Some(ver)) = (field("P:"), field("V:")) else { continue };
        let mut purl = format!("pkg:apk/{ns}/{}@{}", pkg.to_ascii_lowercase(), purl_escape(ver));
        if let Some(a) = field("A:") {
            purl.push_str(&format!("?arch={}", purl_escape(a)));
        }
        out.push(PkgEntry {
            name: names::canonical(pkg, field("o:")),
            version: version::upstream(ver),
            package_version: ver.to_string(),
            purl: Some(purl),
            cpe: None,
            license: field("L:").map(str::to_string),
            supplier: field("m:").map(str::to_string),
            source: ComponentSource::PackageDb,
            method: "apk",
            text: format!("P:{pkg} V:{ver}"),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn records() {
        let db = b"C:Q1x=\nP:libcrypto3\nV:3.1.4-r5\nA:x86_64\nL:Apache-2.0\no:openssl\n\nP:busybox\nV:1.36.1-r15\n";
        let v = super::parse(db, None);
        assert_eq!(v.len(), 2);
        assert_eq!((v[0].name.as_str(), v[0].version.as_str()), ("openssl", "3.1.4"));
        assert_eq!(v[0].purl.as_deref(), Some("pkg:apk/alpine/libcrypto3@3.1.4-r5?arch=x86_64"));
        assert_eq!((v[1].name.as_str(), v[1].version.as_str()), ("busybox", "1.36.1"));
    }
}
