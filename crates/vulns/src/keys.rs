//! Product keys: how components and records meet.
//!
//! A record's affected product and a component are both reduced to keys: `cpe:VENDOR:PRODUCT` (from a CPE
//! 2.3 string) or `purl:TYPE/NAMESPACE/NAME` (from a package URL), lowercase. The [`ALIASES`] table ties the
//! canonical component names of the catalog to the CPE products the NVD files them under, since many
//! products are known under several names (`haxx:curl`/`haxx:libcurl`, `arm:mbed_tls`/`polarssl:polarssl`,
//! `f5:nginx`/`nginx:nginx`).

use fwassure_model::Component;

/// One product known under several names: canonical component names (and distro package names), then the
/// CPE `vendor:product` pairs used for it.
pub struct Alias {
    /// Names a component may carry (first is canonical), including distro binary package names.
    pub names: &'static [&'static str],
    /// CPE `vendor:product` pairs.
    pub cpes: &'static [&'static str],
}

/// The alias table.
pub const ALIASES: &[Alias] = &[
    Alias {
        names: &["openssl", "libssl", "libssl3", "libssl3t64", "libssl1.1", "libcrypto"],
        cpes: &["openssl:openssl"],
    },
    Alias { names: &["busybox", "busybox-static"], cpes: &["busybox:busybox"] },
    Alias {
        names: &["dropbear", "dropbear-bin", "dropbear_ssh"],
        cpes: &["dropbear_ssh_project:dropbear_ssh", "matt_johnston:dropbear_ssh_server"],
    },
    Alias { names: &["openssh", "openssh-server", "openssh-client"], cpes: &["openbsd:openssh"] },
    Alias {
        names: &["curl", "libcurl", "libcurl4", "libcurl4t64", "libcurl3-gnutls"],
        cpes: &["haxx:curl", "haxx:libcurl"],
    },
    Alias { names: &["zlib", "zlib1g"], cpes: &["zlib:zlib", "gnu:zlib"] },
    Alias { names: &["expat", "libexpat", "libexpat1"], cpes: &["libexpat_project:libexpat"] },
    Alias { names: &["dnsmasq", "dnsmasq-base", "dnsmasq-full"], cpes: &["thekelleys:dnsmasq"] },
    Alias { names: &["lighttpd"], cpes: &["lighttpd:lighttpd"] },
    Alias { names: &["hostapd"], cpes: &["w1.fi:hostapd"] },
    Alias { names: &["wpa_supplicant", "wpasupplicant", "wpad"], cpes: &["w1.fi:wpa_supplicant"] },
    Alias { names: &["mosquitto", "libmosquitto1"], cpes: &["eclipse:mosquitto"] },
    Alias { names: &["sqlite", "sqlite3", "libsqlite3", "libsqlite3-0"], cpes: &["sqlite:sqlite"] },
    Alias {
        names: &["mbedtls", "mbed_tls", "libmbedcrypto", "libmbedtls", "polarssl"],
        cpes: &["arm:mbed_tls", "arm:mbedtls", "polarssl:polarssl"],
    },
    Alias { names: &["wolfssl", "libwolfssl"], cpes: &["wolfssl:wolfssl"] },
    Alias { names: &["linux", "linux-kernel", "kernel"], cpes: &["linux:linux_kernel"] },
    Alias { names: &["nginx", "nginx-light", "nginx-core"], cpes: &["f5:nginx", "nginx:nginx"] },
    Alias { names: &["miniupnpd", "miniupnpd-nftables", "miniupnpd-iptables"], cpes: &["miniupnp_project:miniupnpd"] },
    Alias { names: &["openvpn"], cpes: &["openvpn:openvpn"] },
    Alias { names: &["libpcap", "libpcap0.8", "libpcap0.8t64"], cpes: &["tcpdump:libpcap"] },
    Alias { names: &["tcpdump"], cpes: &["tcpdump:tcpdump"] },
    Alias { names: &["glibc", "libc6"], cpes: &["gnu:glibc"] },
    Alias { names: &["uclibc-ng"], cpes: &["uclibc-ng_project:uclibc-ng"] },
    Alias { names: &["libupnp", "pupnp"], cpes: &["pupnp_project:pupnp", "libupnp_project:libupnp"] },
    Alias { names: &["samba"], cpes: &["samba:samba"] },
    Alias { names: &["avahi", "avahi-daemon"], cpes: &["avahi:avahi"] },
    Alias { names: &["libxml2"], cpes: &["xmlsoft:libxml2"] },
    Alias { names: &["gnutls", "libgnutls30"], cpes: &["gnu:gnutls"] },
];

/// Parts of a CPE 2.3 formatted string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cpe {
    /// `a`, `o` or `h`.
    pub part: String,
    /// Vendor.
    pub vendor: String,
    /// Product.
    pub product: String,
    /// Version (`*` any, `-` not applicable).
    pub version: String,
    /// Update (`p1`, `beta1`, `*`, `-`).
    pub update: String,
}

impl Cpe {
    /// Parse `cpe:2.3:part:vendor:product:version:update:…` (backslash escapes honoured). `None` if malformed.
    pub fn parse(s: &str) -> Option<Cpe> {
        let mut fields = Vec::with_capacity(13);
        let mut cur = String::new();
        let mut esc = false;
        for ch in s.chars() {
            if esc {
                cur.push(ch);
                esc = false;
            } else if ch == '\\' {
                esc = true;
            } else if ch == ':' {
                fields.push(std::mem::take(&mut cur));
            } else {
                cur.push(ch);
            }
        }
        fields.push(cur);
        if fields.len() < 5 || fields[0] != "cpe" || fields[1] != "2.3" {
            return None;
        }
        let get = |i: usize| fields.get(i).map(|s| s.to_ascii_lowercase()).unwrap_or_else(|| "*".into());
        Some(Cpe { part: get(2), vendor: get(3), product: get(4), version: get(5), update: get(6) })
    }

    /// The product key `cpe:vendor:product`.
    pub fn key(&self) -> String {
        format!("cpe:{}:{}", self.vendor, self.product)
    }

    /// The concrete version named by the CPE (version plus update, `9.2` + `p1`), if any.
    pub fn exact_version(&self) -> Option<String> {
        if self.version == "*" || self.version == "-" || self.version.is_empty() {
            return None;
        }
        if self.update != "*" && self.update != "-" && !self.update.is_empty() {
            Some(format!("{}{}", self.version, self.update))
        } else {
            Some(self.version.clone())
        }
    }
}

/// Parts of a package URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Purl {
    /// Type (`deb`, `apk`, `npm` …), lowercase.
    pub ty: String,
    /// Namespace (`debian`, `alpine`), may be empty.
    pub namespace: String,
    /// Name.
    pub name: String,
    /// Version, may be empty.
    pub version: String,
    /// `distro` qualifier, may be empty.
    pub distro: String,
}

impl Purl {
    /// Parse `pkg:type/namespace/name@version?qualifiers#subpath`. `None` if malformed.
    pub fn parse(s: &str) -> Option<Purl> {
        let rest = s.strip_prefix("pkg:")?;
        let rest = rest.split('#').next().unwrap_or("");
        let (rest, quals) = match rest.split_once('?') {
            Some((a, q)) => (a, q),
            None => (rest, ""),
        };
        let (path, version) = match rest.rsplit_once('@') {
            Some((p, v)) if !p.ends_with('/') => (p, v),
            _ => (rest, ""),
        };
        let segs: Vec<&str> = path.trim_matches('/').split('/').filter(|s| !s.is_empty()).collect();
        if segs.len() < 2 {
            return None;
        }
        let distro = quals.split('&').find_map(|kv| kv.strip_prefix("distro=")).map(percent_decode).unwrap_or_default();
        Some(Purl {
            ty: segs[0].to_ascii_lowercase(),
            namespace: segs[1..segs.len() - 1].iter().map(|s| percent_decode(s)).collect::<Vec<_>>().join("/"),
            name: percent_decode(segs[segs.len() - 1]),
            version: percent_decode(version),
            distro,
        })
    }

    /// The product key `purl:type/namespace/name` (lowercase).
    pub fn key(&self) -> String {
        purl_key(&self.ty, &self.namespace, &self.name)
    }
}

/// Build a purl product key.
pub fn purl_key(ty: &str, namespace: &str, name: &str) -> String {
    if namespace.is_empty() {
        format!("purl:{}/{}", ty.to_ascii_lowercase(), name.to_ascii_lowercase())
    } else {
        format!("purl:{}/{}/{}", ty.to_ascii_lowercase(), namespace.to_ascii_lowercase(), name.to_ascii_lowercase())
    }
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hex = |c: u8| (c as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The alias entry of a name or CPE key, if any.
pub fn alias_of(name_or_key: &str) -> Option<&'static Alias> {
    let n = name_or_key.to_ascii_lowercase();
    if let Some(vp) = n.strip_prefix("cpe:") {
        return ALIASES.iter().find(|a| a.cpes.contains(&vp));
    }
    ALIASES.iter().find(|a| a.names.contains(&n.as_str()))
}

/// All product keys under which a component may be listed, sorted and deduplicated.
pub fn component_keys(c: &Component) -> Vec<String> {
    let mut keys = Vec::new();
    let add_alias = |a: &Alias, keys: &mut Vec<String>| {
        keys.extend(a.cpes.iter().map(|vp| format!("cpe:{vp}")));
    };
    if let Some(cpe) = c.cpe.as_deref().and_then(Cpe::parse) {
        let k = cpe.key();
        if let Some(a) = alias_of(&k) {
            add_alias(a, &mut keys);
        }
        keys.push(k);
    }
    if let Some(a) = alias_of(&c.name) {
        add_alias(a, &mut keys);
    }
    if let Some(p) = c.purl.as_deref().and_then(Purl::parse) {
        if let Some(a) = alias_of(&p.name) {
            add_alias(a, &mut keys);
        }
        keys.push(p.key());
    }
    keys.sort();
    keys.dedup();
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpe_parse() {
        let c = Cpe::parse("cpe:2.3:a:openbsd:openssh:7.4:p1:*:*:*:*:*:*").unwrap();
        assert_eq!(c.key(), "cpe:openbsd:openssh");
        assert_eq!(c.exact_version().as_deref(), Some("7.4p1"));
        let c = Cpe::parse("cpe:2.3:a:w1.fi:wpa_supplicant:*:*:*:*:*:*:*:*").unwrap();
        assert_eq!(c.exact_version(), None);
        let c = Cpe::parse(r"cpe:2.3:a:vendor\:x:prod:1.0:*:*:*:*:*:*:*").unwrap();
        assert_eq!(c.vendor, "vendor:x");
        assert!(Cpe::parse("cpe:/a:openssl:openssl:1.0").is_none());
        assert!(Cpe::parse("").is_none());
    }

    #[test]
    fn purl_parse() {
        let p = Purl::parse("pkg:deb/debian/libssl3@3.0.20-1~deb12u2?arch=mipsel&distro=debian-12").unwrap();
        assert_eq!(p.key(), "purl:deb/debian/libssl3");
        assert_eq!(p.version, "3.0.20-1~deb12u2");
        assert_eq!(p.distro, "debian-12");
        let p = Purl::parse("pkg:npm/%40angular/core@1.0.0").unwrap();
        assert_eq!(p.namespace, "@angular");
        let p = Purl::parse("pkg:generic/openssl@3.0.20").unwrap();
        assert_eq!(p.key(), "purl:generic/openssl");
        assert!(Purl::parse("pkg:x").is_none());
        assert!(Purl::parse("pkg:deb/debian/x%").is_some());
    }

    #[test]
    fn keys_of_component() {
        let c = Component {
            name: "curl".into(),
            version: "7.88.1".into(),
            purl: Some("pkg:deb/debian/libcurl4@7.88.1-10".into()),
            cpe: None,
            source: fwassure_model::ComponentSource::Binary,
            confidence: fwassure_model::Confidence::High,
            package_version: None,
            license: None,
            supplier: None,
            evidence: vec![],
        };
        assert_eq!(component_keys(&c), vec!["cpe:haxx:curl", "cpe:haxx:libcurl", "purl:deb/debian/libcurl4"]);
    }
}
