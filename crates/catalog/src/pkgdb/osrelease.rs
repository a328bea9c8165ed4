//! `/etc/os-release` and `/etc/openwrt_release`: the distribution itself as a component.

use fwassure_model::ComponentSource;

use super::PkgEntry;
use crate::classifier::{cpe_escape, purl_escape};

/// `KEY=value` pairs with shell quoting removed.
pub fn key_values(data: &[u8]) -> Vec<(String, String)> {
    String::from_utf8_lossy(data)
        .lines()
        .filter_map(|l| {
            let l = l.trim();
            if l.starts_with('#') {
                return None;
            }
            let (k, v) = l.split_once('=')?;
            let v = v.trim().trim_matches(|c| c == '"' || c == '\'');
            Some((k.trim().to_string(), v.to_string()))
        })
        .collect()
}

fn entry(id: &str, version: &str, cpe: Option<String>, method: &'static str, text: String) -> PkgEntry {
    let id = id.to_ascii_lowercase();
    PkgEntry {
        purl: Some(format!("pkg:generic/{}@{}", purl_escape(&id), purl_escape(version))),
        cpe: cpe.or_else(|| Some(format!("cpe:2.3:o:{0}:{0}:{1}:*:*:*:*:*:*:*", cpe_escape(&id), cpe_escape(version)))),
        name: id,
        version: version.to_string(),
        package_version: version.to_string(),
        license: None,
        supplier: None,
        source: ComponentSource::OsRelease,
        method,
        text,
    }
}

/// The distribution named by an os-release file.
pub fn parse_os_release(data: &[u8], _distro: Option<&str>) -> Vec<PkgEntry> {
    let kv = key_values(data);
    let get = |k: &str| kv.iter().find(|(kk, _)| kk == k).map(|(_, v)| v.as_str()).filter(|v| !v.is_empty());
    let (Some(id), Some(ver)) = (get("ID"), get("VERSION_ID").or(get("VERSION"))) else { return vec![] };
    let cpe = get("CPE_NAME").and_then(|c| {
        if c.starts_with("cpe:2.3:") {
            Some(c.to_string())
        } else {
            // CPE 2.2 URI `cpe:/o:vendor:product:version` → formatted string
            let rest = c.strip_prefix("cpe:/")?;
            let mut parts: Vec<&str> = rest.split(':').collect();
            parts.resize(11, "*");
            Some(format!(
                "cpe:2.3:{}",
                parts.iter().map(|p| if p.is_empty() { "*" } else { p }).collect::<Vec<_>>().join(":")
            ))
        }
    });
    vec![entry(id, ver, cpe, "os-release", format!("ID={id} VERSION_ID={ver}"))]
}

/// The OpenWrt release named by `/etc/openwrt_release`.
pub fn parse_openwrt_release(data: &[u8], _distro: Option<&str>) -> Vec<PkgEntry> {
    let kv = key_values(data);
    let get = |k: &str| kv.iter().find(|(kk, _)| kk == k).map(|(_, v)| v.as_str()).filter(|v| !v.is_empty());
    let (Some(id), Some(ver)) = (get("DISTRIB_ID"), get("DISTRIB_RELEASE")) else { return vec![] };
    let mut e = entry(id, ver, None, "openwrt-release", format!("DISTRIB_ID={id} DISTRIB_RELEASE={ver}"));
    if let Some(rev) = get("DISTRIB_REVISION") {
        e.package_version = format!("{ver} {rev}");
    }
    vec![e]
}

#[cfg(test)]
mod tests {
    #[test]
    fn releases() {
        let v = super::parse_os_release(b"NAME=\"Debian GNU/Linux\"\nID=debian\nVERSION_ID=\"12\"\n", None);
        assert_eq!((v[0].name.as_str(), v[0].version.as_str()), ("debian", "12"));
        let w = super::parse_openwrt_release(
            b"DISTRIB_ID='OpenWrt'\nDISTRIB_RELEASE='23.05.2'\nDISTRIB_REVISION='r23630-842932a63d'\n",
            None,
        );
        assert_eq!((w[0].name.as_str(), w[0].version.as_str()), ("openwrt", "23.05.2"));
        assert_eq!(w[0].cpe.as_deref(), Some("cpe:2.3:o:openwrt:openwrt:23.05.2:*:*:*:*:*:*:*"));
    }
}
