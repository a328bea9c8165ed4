//! dpkg status database (`/var/lib/dpkg/status`, distroless `status.d/*`).

use fwassure_model::ComponentSource;

use super::{names, purl_namespace, stanza, version, PkgEntry};
use crate::classifier::purl_escape;

/// Installed packages of a dpkg status file.
pub fn parse(data: &[u8], distro: Option<&str>) -> Vec<PkgEntry> {
    let ns = purl_namespace(distro, "debian");
    let stanzas = stanza::parse(data);
    let mut out = Vec::new();
    for stanza::Installed { stanza: s, package: pkg, version: ver } in stanza::installed(&stanzas) {
        let arch = stanza::get(s, "Architecture");
        let source = stanza::get(s, "Source");
        let mut purl = format!("pkg:deb/{ns}/{}@{}", pkg.to_ascii_lowercase(), purl_escape(ver));
        let mut q = Vec::new();
        if let Some(a) = arch {
            q.push(format!("arch={}", purl_escape(a)));
        }
        if let Some(src) = source {
            let src = src.split_whitespace().next().unwrap_or(src);
            if src != pkg {
                q.push(format!("upstream={}", purl_escape(src)));
            }
        }
        if !q.is_empty() {
            purl.push('?');
            purl.push_str(&q.join("&"));
        }
        out.push(PkgEntry {
            name: names::canonical(pkg, source),
            version: version::upstream(ver),
            package_version: ver.to_string(),
            purl: Some(purl),
            cpe: None,
            license: None,
            supplier: stanza::get(s, "Maintainer").map(str::to_string),
            source: ComponentSource::PackageDb,
            method: "dpkg",
            text: format!("Package: {pkg} Version: {ver}"),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn installed_only() {
        let db = b"Package: libssl3\nStatus: install ok installed\nArchitecture: mipsel\nMaintainer: Debian OpenSSL Team <pkg-openssl-devel@alioth-lists.debian.net>\nSource: openssl\nVersion: 3.0.11-1~deb12u2\n\nPackage: gone\nStatus: deinstall ok config-files\nVersion: 1.0-1\n";
        let v = super::parse(db, None);
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].name, "openssl");
        assert_eq!(v[0].version, "3.0.11");
        assert_eq!(v[0].supplier.as_deref(), Some("Debian OpenSSL Team <pkg-openssl-devel@alioth-lists.debian.net>"));
        assert_eq!(v[0].purl.as_deref(), Some("pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=mipsel&upstream=openssl"));
    }
}
