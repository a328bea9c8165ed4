//! opkg status database and `info/*.control` files (OpenWrt, Yocto with opkg).

use fwassure_model::ComponentSource;

use super::{names, stanza, version, PkgEntry};
use crate::classifier::purl_escape;

/// Installed packages of an opkg status or control file.
pub fn parse(data: &[u8], _distro: Option<&str>) -> Vec<PkgEntry> {
    let stanzas = stanza::parse(data);
    let mut out = Vec::new();
    for stanza::Installed { stanza: s, package: pkg, version: ver } in stanza::installed(&stanzas) {
        let mut purl = format!("pkg:openwrt/{}@{}", pkg.to_ascii_lowercase(), purl_escape(ver));
        if let Some(a) = stanza::get(s, "Architecture") {
            purl.push_str(&format!("?arch={}", purl_escape(a)));
        }
        out.push(PkgEntry {
            name: names::canonical(pkg, stanza::get(s, "Source")),
            version: version::upstream(ver),
            package_version: ver.to_string(),
            purl: Some(purl),
            cpe: None,
            license: stanza::get(s, "License").map(str::to_string),
            supplier: stanza::get(s, "Maintainer").map(str::to_string),
            source: ComponentSource::PackageDb,
            method: "opkg",
            text: format!("Package: {pkg} Version: {ver}"),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn control_file() {
        let c = b"Package: libopenssl3\nVersion: 3.0.13-1\nSource: package/libs/openssl\nLicense: Apache-2.0\nMaintainer: Eneas U de Queiroz <cotequeiroz@gmail.com>\nArchitecture: mipsel_24kc\n";
        let v = super::parse(c, None);
        assert_eq!(v[0].name, "openssl");
        assert_eq!(v[0].version, "3.0.13");
        assert_eq!(v[0].license.as_deref(), Some("Apache-2.0"));
        assert_eq!(v[0].supplier.as_deref(), Some("Eneas U de Queiroz <cotequeiroz@gmail.com>"));
        assert_eq!(v[0].purl.as_deref(), Some("pkg:openwrt/libopenssl3@3.0.13-1?arch=mipsel_24kc"));
    }
}
