//! The breadth families (`tools`, `libs`, `legacy`): guards against the mentions that must not become
//! components, old version forms kept with their suffixes, and the size of the table.

use std::collections::BTreeSet;

use fwassure_catalog::{catalog, classifiers};
use fwassure_model::{Node, Tree, Vfs};

fn run(file: &str, data: &[u8]) -> Vec<(String, String)> {
    let mut t = Tree::new();
    t.insert(file, Node::file(data.to_vec())).unwrap();
    catalog(&Vfs::from_tree("squashfs", t)).into_iter().map(|c| (c.name, c.version)).collect()
}

fn has(found: &[(String, String)], name: &str, version: &str) -> bool {
    found.iter().any(|(n, v)| n == name && v == version)
}

#[test]
fn at_least_250_products() {
    let names: BTreeSet<&str> = classifiers::all().iter().map(|c| c.name).collect();
    assert!(names.len() >= 250, "{} products", names.len());
}

#[test]
fn old_forms_keep_their_suffixes() {
    let f = run("/usr/lib/libcrypto.so.0.9.8", b"\x00OpenSSL 0.9.8b-fips 04 May 2006\x00");
    assert!(has(&f, "openssl", "0.9.8b-fips"), "{f:?}");
    let f = run("/sbin/ebtables", b"\x00ebtables v2.0.8-rc2 (June 2006)\n\x00");
    assert!(has(&f, "ebtables", "2.0.8-rc2"), "{f:?}");
    let f = run("/sbin/udhcpc", b"\x00udhcp client (v0.9.9-pre) started\x00");
    assert!(has(&f, "udhcp", "0.9.9-pre"), "{f:?}");
    let f = run("/usr/sbin/hostapd", b"\x00hostapd v0.4.8\nUser space daemon for IEEE 802.11 AP management,\n\x00");
    assert!(has(&f, "hostapd", "0.4.8"), "{f:?}");
}

#[test]
fn a_static_openssl_copy_in_a_raw_payload_is_found() {
    // an RTOS image is searched as a blob: only `anywhere` classifiers run there
    let mut blob = vec![0u8; 4096];
    blob.extend_from_slice(b"\x00OpenSSL 0.9.8a 11 Oct 2005\x00");
    blob.extend_from_slice(&[0u8; 64]);
    let found = fwassure_catalog::engine::Engine::get().scan(None, &blob);
    let e = fwassure_catalog::engine::Engine::get();
    assert!(found.iter().any(|h| e.classifier(h.classifier).name == "openssl" && h.version == "0.9.8a"), "{found:?}");
}

#[test]
fn mentions_in_other_programs_are_not_components() {
    // an OpenSSL version without its release date is a mention (a "built with" line), not a copy
    let f = run("/usr/sbin/lighttpd", b"\x00built with OpenSSL 0.9.8b-fips\x00");
    assert!(f.iter().all(|(n, _)| n != "openssl"), "{f:?}");
    // xl2tpd's start line is not l2tpd's
    let f = run("/usr/sbin/xl2tpd", b"\x00xl2tpd version 1.1.12 started on %s PID:%d\n\x00");
    assert!(f.iter().all(|(n, _)| n != "l2tpd"), "{f:?}");
    // BusyBox's udhcp applets are BusyBox, not a udhcp component
    let f = run("/bin/busybox", b"\x00udhcp client (v0.9.9-pre) started\x00udhcp server (v%s) started\x000.9.8\x00");
    assert!(f.iter().all(|(n, _)| n != "udhcp"), "{f:?}");
    // a library's bare version string is only read in that library's own file
    let data = b"\x00json-c aborts with error: %s\x00\x000.16\x00c-ares library initialization not yet performed\x001.18.1\x00";
    let f = run("/usr/bin/someapp", data);
    assert!(f.iter().all(|(n, _)| n != "json-c" && n != "c-ares"), "{f:?}");
    let f = run("/usr/lib/libjson-c.so.5", data);
    assert!(has(&f, "json-c", "0.16") && f.iter().all(|(n, _)| n != "c-ares"), "{f:?}");
    // another program's help text naming hostapd with a version is not hostapd
    let f = run("/usr/bin/wifi-setup", b"\x00requires hostapd v0.4.8 or later\n\x00");
    assert!(f.iter().all(|(n, _)| n != "hostapd"), "{f:?}");
    // a lowercase miniupnpd name without the Server header shape is not a component
    let f = run("/usr/bin/upnpc", b"\x00see miniupnpd/1.0 docs\x00");
    assert!(f.iter().all(|(n, _)| n != "miniupnpd"), "{f:?}");
}

#[test]
fn bare_version_entries_need_their_anchor() {
    // the file name alone is not enough: without the product's own string nothing is read
    let f = run("/usr/lib/libjson-c.so.5", b"\x000.16\x00%ld\x00");
    assert!(f.is_empty(), "{f:?}");
    let f = run("/usr/sbin/pppd", b"\x002.4.3\x00");
    assert!(f.iter().all(|(n, _)| n != "ppp"), "{f:?}");
}
