//! Components named by something other than a version classifier's match in file contents: a library's
//! file name, a `/lib/modules/<release>` folder, a layer attribute the unpack stage read from a header or
//! banner. Each carries its own evidence text and method; [`ids`] gives the purl and CPE of the products
//! these sources name.

use fwassure_model::Confidence;

use crate::classifier::{cpe_escape, purl_escape};

/// One component named by a file name, a folder name or a layer attribute.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Named {
    /// Canonical lowercase product name.
    pub name: String,
    /// Version as the source states it.
    pub version: String,
    /// How sure the naming is.
    pub confidence: Confidence,
    /// What was read (printable): the file name, the folder, `attribute = value`.
    pub text: String,
    /// How it was found (`file-name:uclibc`, `kernel-modules-dir`, `layer-attribute:os`).
    pub method: String,
}

impl Named {
    /// A named component.
    pub fn new(name: &str, version: &str, confidence: Confidence, text: String, method: String) -> Named {
        Named { name: name.to_string(), version: version.to_string(), confidence, text, method }
    }
}

/// The purl and CPE 2.3 of a product these sources name, for a version (`None` where no identifier is
/// established for it).
pub fn ids(name: &str, version: &str) -> (Option<String>, Option<String>) {
    let cpe = match name {
        "linux" => Some("o:linux:linux_kernel"),
        "u-boot" => Some("a:denx:u-boot"),
        "vxworks" => Some("o:windriver:vxworks"),
        "uclibc" => Some("a:uclibc:uclibc"),
        "uclibc-ng" => Some("a:uclibc-ng_project:uclibc-ng"),
        "glibc" => Some("a:gnu:glibc"),
        "esp8266-nonos-sdk" => Some("a:espressif:esp8266_nonos_sdk"),
        "esp-idf" => Some("a:espressif:esp-idf"),
        _ => None,
    };
    let purl = format!("pkg:generic/{name}@{}", purl_escape(version));
    (Some(purl), cpe.map(|p| format!("cpe:2.3:{p}:{}:*:*:*:*:*:*:*", cpe_escape(version))))
}

#[cfg(test)]
mod tests {
    use super::ids;

    #[test]
    fn identifiers_escape_the_version() {
        let (purl, cpe) = ids("esp8266-nonos-sdk", "3.0.6-dev(072755c)");
        assert_eq!(purl.as_deref(), Some("pkg:generic/esp8266-nonos-sdk@3.0.6-dev%28072755c%29"));
        assert_eq!(cpe.as_deref(), Some("cpe:2.3:a:espressif:esp8266_nonos_sdk:3.0.6-dev\\(072755c\\):*:*:*:*:*:*:*"));
        assert_eq!(ids("esp8266-bootloader", "1.7").1, None);
    }
}
