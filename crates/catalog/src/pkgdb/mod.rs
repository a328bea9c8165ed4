//! Package databases and distribution metadata: opkg, dpkg, apk, `/etc/os-release`, `/etc/openwrt_release`,
//! Buildroot and Yocto manifests. Each reader is one file; [`READERS`] lists them.

use fwassure_model::{ComponentSource, Layer};

pub mod apk;
pub mod dpkg;
pub mod manifest;
pub mod names;
pub mod opkg;
pub mod osrelease;
pub mod stanza;
pub mod version;

/// One package (or distribution) entry read from metadata.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct PkgEntry {
    /// Canonical component name.
    pub name: String,
    /// Upstream version.
    pub version: String,
    /// The version as the database states it.
    pub package_version: String,
    /// Precise purl.
    pub purl: Option<String>,
    /// CPE, when the metadata gives one.
    pub cpe: Option<String>,
    /// Licence, when the database states it.
    pub license: Option<String>,
    /// Supplier, when the database states it (dpkg and opkg `Maintainer:`, apk `m:`).
    pub supplier: Option<String>,
    /// Which kind of metadata.
    pub source: ComponentSource,
    /// Reader id (`dpkg`, `opkg` …) for the evidence.
    pub method: &'static str,
    /// Text for the evidence (`Package: x Version: y`).
    pub text: String,
}

/// The purl namespace for a distribution id: `distro` when it is a plain alphanumeric id, else `default`.
pub fn purl_namespace<'a>(distro: Option<&'a str>, default: &'a str) -> &'a str {
    distro.filter(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_alphanumeric())).unwrap_or(default)
}

/// A metadata reader: decides from the path whether a file is its database and parses it.
pub struct Reader {
    /// Reader id.
    pub id: &'static str,
    /// Path globs of the files it reads.
    pub globs: &'static [&'static str],
    /// Parse one file. `distro` is the os-release `ID` of the same layer, when known.
    pub parse: fn(data: &[u8], distro: Option<&str>) -> Vec<PkgEntry>,
}

/// Every reader.
pub const READERS: &[Reader] = &[
    Reader { id: "dpkg", globs: &["/var/lib/dpkg/status", "/var/lib/dpkg/status.d/*"], parse: dpkg::parse },
    Reader {
        id: "opkg",
        globs: &[
            "/usr/lib/opkg/status",
            "/var/lib/opkg/status",
            "/usr/lib/opkg/info/*.control",
            "/var/lib/opkg/info/*.control",
        ],
        parse: opkg::parse,
    },
    Reader { id: "apk", globs: &["/lib/apk/db/installed"], parse: apk::parse },
    Reader { id: "os-release", globs: &["/etc/os-release", "/usr/lib/os-release"], parse: osrelease::parse_os_release },
    Reader { id: "openwrt-release", globs: &["/etc/openwrt_release"], parse: osrelease::parse_openwrt_release },
    Reader { id: "buildroot-manifest", globs: &["*/manifest.csv", "/manifest.csv"], parse: manifest::parse_buildroot },
    Reader { id: "yocto-manifest", globs: &["*.manifest", "/etc/yocto-manifest*"], parse: manifest::parse_yocto },
];

/// The reader whose database the file at `path` is, if any.
pub fn reader_for(path: &str) -> Option<&'static Reader> {
    READERS.iter().find(|r| r.globs.iter().any(|g| crate::glob::matches(g, path)))
}

/// The os-release `ID` of a filesystem layer, used for purl namespaces.
pub fn distro_of_layer(layer: &Layer) -> Option<String> {
    let tree = layer.tree.as_ref()?;
    let data = tree.read("/etc/os-release").or_else(|| tree.read("/usr/lib/os-release"))?;
    let kv = osrelease::key_values(&data);
    kv.into_iter().find(|(k, _)| k == "ID").map(|(_, v)| v.to_ascii_lowercase())
}
