//! Components from layer attributes: what the unpack stage read from a container's header or from the
//! banners in a blob's bytes (`crates/unpack/src/banner.rs`, the vendor and RTOS formats).
//!
//! A carved kernel that holds an initramfs, an RTOS image, a boot loader dump or an ESP8266 flash image is
//! not searched by the classifiers once unpacked (its bytes are let go when it has children, or it holds no
//! file), but the unpack stage has recorded what it says about itself:
//!
//! | attribute | example value | component |
//! |---|---|---|
//! | `os` | `Linux 2.6.31--LSDK-9.2.0.312` (the `Linux version` banner) | `linux 2.6.31` ([`kernel_release`]) |
//! | `product` | `Linux-4.9.77`, `ARM OpenWrt Linux-4.9.118` (a uImage name, as `mkimage -n` wrote it) | `linux 4.9.77` |
//! | `bootloader` | `U-Boot 2010.06-svn3112` (the U-Boot banner) | `u-boot 2010.06-svn3112` |
//! | `bootloader` | `Broadcom CFE 2.4.3` | `cfe 2.4.3` |
//! | `os` | `VxWorks 5.5.1` (`VxWorks5.5.1` in the image) | `vxworks 5.5.1` |
//! | `os` | `ESP8266 NONOS SDK 3.0.6-dev(072755c)` (the SDK's `SDK ver: %s` value) | `esp8266-nonos-sdk` |
//! | `os` | `ESP8266 NONOS SDK second-stage bootloader 1.7(5d6f877)` (`2nd boot version : %s`) | `esp8266-bootloader` |
//! | `os` | `ESP-IDF v4.4.2` (the app description) | `esp-idf 4.4.2` |
//!
//! Versions stay as printed (vendor suffixes such as `-svn3112` or `-00007-g8b9203a` are part of what the
//! boot loader says it is); a `+…` packaging suffix (`2023.01+dfsg-2`) is not the upstream version. Every
//! component carries evidence naming the layer and the attribute. Values that name no version (`Broadcom
//! BOLT`, `ZigBee PRO`, an unversioned `ESP8266 NONOS SDK`) give nothing.

use fwassure_model::{Confidence, Layer};

use crate::kernel_version::kernel_release;
use crate::named::Named;

/// The components a layer's attributes name, in attribute order.
pub fn components_of(layer: &Layer) -> Vec<Named> {
    let mut out = Vec::new();
    for (key, value) in &layer.attributes {
        let found = match key.as_str() {
            "os" => from_os(value),
            "bootloader" => from_bootloader(value),
            "product" => from_image_name(value),
            _ => None,
        };
        if let Some((name, version)) = found {
            out.push(Named::new(
                name,
                &version,
                Confidence::Medium,
                format!("{key} = {value}"),
                format!("layer-attribute:{key}"),
            ));
        }
    }
    out
}

fn from_os(v: &str) -> Option<(&'static str, String)> {
    if let Some(rest) = v.strip_prefix("Linux ") {
        return Some(("linux", kernel_release(rest)?));
    }
    if let Some(rest) = v.strip_prefix("VxWorks ") {
        return Some(("vxworks", token(rest, false)?));
    }
    if let Some(rest) = v.strip_prefix("ESP8266 NONOS SDK second-stage bootloader ") {
        return Some(("esp8266-bootloader", token(rest, true)?));
    }
    if let Some(rest) = v.strip_prefix("ESP8266 NONOS SDK ") {
        return Some(("esp8266-nonos-sdk", token(rest, true)?));
    }
    if let Some(rest) = v.strip_prefix("ESP-IDF ") {
        return Some(("esp-idf", token(rest.strip_prefix('v').unwrap_or(rest), false)?));
    }
    None
}

fn from_bootloader(v: &str) -> Option<(&'static str, String)> {
    if let Some(rest) = v.strip_prefix("U-Boot ") {
        return Some(("u-boot", token(rest, false)?));
    }
    if let Some(rest) = v.strip_prefix("Broadcom CFE ") {
        return Some(("cfe", token(rest, false)?));
    }
    None
}

/// A uImage name that states the kernel it holds: `Linux-4.9.77`, `ARM OpenWrt Linux-4.9.118`.
fn from_image_name(v: &str) -> Option<(&'static str, String)> {
    let at = v.find("Linux-")?;
    if at > 0 && v.as_bytes()[at - 1].is_ascii_alphanumeric() {
        return None;
    }
    Some(("linux", kernel_release(&v[at + "Linux-".len()..])?))
}

/// The version token at the start of `s`: it starts with a digit and runs over letters, digits and `._-`
/// (and a parenthesised build id when `parens`, as Espressif prints `1.7(5d6f877)`); a `+` packaging suffix
/// ends it.
fn token(s: &str, parens: bool) -> Option<String> {
    if !s.as_bytes().first()?.is_ascii_digit() {
        return None;
    }
    let mut end = 0;
    let mut depth = 0u8;
    for (i, c) in s.char_indices().take(64) {
        let ok = c.is_ascii_alphanumeric()
            || matches!(c, '.' | '-' | '_')
            || (parens && c == '(' && depth == 0)
            || (parens && c == ')' && depth == 1);
        if !ok {
            break;
        }
        match c {
            '(' => depth = 1,
            ')' => depth = 0,
            _ => {}
        }
        end = i + c.len_utf8();
    }
    let t = s[..end].trim_end_matches(['.', '-', '_']);
    (depth == 0 && !t.is_empty()).then(|| t.to_string())
}

#[cfg(test)]
mod tests {
    use super::components_of;
    use fwassure_model::Layer;
    use std::collections::BTreeMap;

    fn layer(attrs: &[(&str, &str)]) -> Layer {
        let attributes: BTreeMap<String, String> = attrs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Layer { attributes, ..crate::attributes::tests::empty() }
    }

    pub(super) fn empty() -> Layer {
        Layer {
            id: "L1".into(),
            parent: Some("L0".into()),
            format: "data".into(),
            offset: 0,
            size: 0,
            source_path: None,
            description: String::new(),
            data: Default::default(),
            tree: None,
            problems: vec![],
            attributes: BTreeMap::new(),
            unclaimed: vec![],
        }
    }

    fn named(attrs: &[(&str, &str)]) -> Vec<(String, String)> {
        components_of(&layer(attrs)).into_iter().map(|n| (n.name, n.version)).collect()
    }

    fn one(n: &str, v: &str) -> Vec<(String, String)> {
        vec![(n.to_string(), v.to_string())]
    }

    #[test]
    fn banners_and_header_fields_name_components() {
        // attribute values as the unpack stage records them on real images (TP-Link, D-Link, Dahua, Yi,
        // TP-Link WR702N VxWorks, Espressif AT firmware and boot loader)
        assert_eq!(named(&[("os", "Linux 2.6.31--LSDK-9.2.0.312")]), one("linux", "2.6.31"));
        assert_eq!(named(&[("os", "Linux 2.6.21.5")]), one("linux", "2.6.21.5"));
        assert_eq!(named(&[("os", "Linux 2.4.25-LSDK-5.0.0-RC5")]), one("linux", "2.4.25"));
        assert_eq!(named(&[("product", "Linux-3.10.50")]), one("linux", "3.10.50"));
        assert_eq!(named(&[("product", "ARM OpenWrt Linux-4.9.118")]), one("linux", "4.9.118"));
        assert_eq!(named(&[("bootloader", "U-Boot 2010.06-svn3112")]), one("u-boot", "2010.06-svn3112"));
        assert_eq!(named(&[("bootloader", "U-Boot 2018.05-00007-g8b9203a")]), one("u-boot", "2018.05-00007-g8b9203a"));
        assert_eq!(named(&[("bootloader", "U-Boot 2023.01+dfsg-2+deb12u3")]), one("u-boot", "2023.01"));
        assert_eq!(named(&[("bootloader", "U-Boot 1.1.4")]), one("u-boot", "1.1.4"));
        assert_eq!(named(&[("bootloader", "Broadcom CFE 2.4.3")]), one("cfe", "2.4.3"));
        assert_eq!(named(&[("os", "VxWorks 5.5.1")]), one("vxworks", "5.5.1"));
        assert_eq!(
            named(&[("os", "ESP8266 NONOS SDK 3.0.6-dev(072755c)")]),
            one("esp8266-nonos-sdk", "3.0.6-dev(072755c)")
        );
        assert_eq!(
            named(&[("os", "ESP8266 NONOS SDK second-stage bootloader 1.7(5d6f877)"), ("version", "1.7(5d6f877)")]),
            one("esp8266-bootloader", "1.7(5d6f877)")
        );
        assert_eq!(named(&[("os", "ESP-IDF v4.4.2")]), one("esp-idf", "4.4.2"));
        let n = &components_of(&layer(&[("os", "VxWorks 5.5.1")]))[0];
        assert_eq!((n.text.as_str(), n.method.as_str()), ("os = VxWorks 5.5.1", "layer-attribute:os"));
    }

    #[test]
    fn unversioned_or_foreign_values_give_nothing() {
        for (k, v) in [
            ("bootloader", "Broadcom BOLT"),
            ("bootloader", "Allwinner eGON boot0"),
            ("os", "ZigBee PRO"),
            ("os", "ESP8266 NONOS SDK"),
            ("os", "Linux"),
            ("os", "Linux version"),
            ("product", "u-boot image"),
            ("product", "NVR2X-4KS3"),
            ("product", "MyLinux-2.6.36"),
            ("version", "3.16.9"),
            ("os", "ESP8266 NONOS SDK 3.0.6-dev(072755c"),
        ] {
            assert!(named(&[(k, v)]).is_empty(), "{k} = {v}");
        }
    }
}
