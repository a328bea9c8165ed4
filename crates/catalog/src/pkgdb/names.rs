//! Canonical component names from package and source-package names.

/// Exact package/source names whose canonical name differs.
const EXACT: &[(&str, &str)] = &[
    ("wpa", "wpa_supplicant"),
    ("wpasupplicant", "wpa_supplicant"),
    ("wpa-supplicant", "wpa_supplicant"),
    ("sqlite3", "sqlite"),
    ("libsqlite3", "sqlite"),
    ("libsqlite3-0", "sqlite"),
    ("zlib1g", "zlib"),
    ("libz", "zlib"),
    ("libc6", "glibc"),
    ("libc", "glibc"),
    ("dropbear-bin", "dropbear"),
    ("dnsmasq-base", "dnsmasq"),
    ("dnsmasq-full", "dnsmasq"),
    ("libexpat", "expat"),
    ("libexpat1", "expat"),
    ("libxml2-2", "libxml2"),
    ("uclibc-ng", "uclibc-ng"),
    ("libustream-openssl", "ustream-ssl"),
];

/// Prefixes: a package whose name starts with the prefix is the product.
const PREFIX: &[(&str, &str)] = &[
    ("busybox", "busybox"),
    ("libssl", "openssl"),
    ("libopenssl", "openssl"),
    ("openssl", "openssl"),
    ("libcrypto", "openssl"),
    ("libcurl", "curl"),
    ("libmbedcrypto", "mbedtls"),
    ("libmbedtls", "mbedtls"),
    ("libmbedx509", "mbedtls"),
    ("mbedtls", "mbedtls"),
    ("libpcap", "libpcap"),
    ("nginx", "nginx"),
    ("miniupnpd", "miniupnpd"),
    ("openssh", "openssh"),
    ("wpad", "wpa_supplicant"),
    ("libwolfssl", "wolfssl"),
    ("libgnutls", "gnutls"),
    ("libsqlite3", "sqlite"),
];

/// Canonical name of a package, preferring its source package when known.
pub fn canonical(package: &str, source: Option<&str>) -> String {
    for cand in source.into_iter().chain(std::iter::once(package)) {
        // `Source: foo (1.2-3)` and OpenWrt `Source: package/libs/foo`
        let cand = cand.split_whitespace().next().unwrap_or(cand);
        let cand = cand.rsplit('/').next().unwrap_or(cand).to_ascii_lowercase();
        if let Some((_, c)) = EXACT.iter().find(|(k, _)| *k == cand) {
            return c.to_string();
        }
        if let Some((_, c)) = PREFIX.iter().find(|(k, _)| cand.starts_with(k)) {
            return c.to_string();
        }
        if source.is_some() && cand != package.to_ascii_lowercase() {
            return cand;
        }
    }
    package.to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::canonical;

    #[test]
    fn names() {
        assert_eq!(canonical("libssl3t64", Some("openssl")), "openssl");
        assert_eq!(canonical("wpasupplicant", Some("wpa")), "wpa_supplicant");
        assert_eq!(canonical("libopenssl3", Some("package/libs/openssl")), "openssl");
        assert_eq!(canonical("zlib1g", None), "zlib");
        assert_eq!(canonical("libcurl4t64", None), "curl");
        assert_eq!(canonical("bash", None), "bash");
        assert_eq!(canonical("libsqlite3-0", Some("sqlite3 (3.40.1-2)")), "sqlite");
    }
}
