//! Import of NVD 2.0 / OSV fixtures into a store, matching against it, `db update` over a local HTTP server,
//! and starter-database matching inside and outside the ranges.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use fwassure_model::{Component, ComponentSource, Confidence, VulnStatus};
use fwassure_vulns::{import, match_components, store, Database, Store};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn comp(name: &str, version: &str) -> Component {
    Component {
        name: name.into(),
        version: version.into(),
        purl: None,
        cpe: None,
        source: ComponentSource::Binary,
        confidence: Confidence::High,
        package_version: None,
        license: None,
        supplier: None,
        evidence: vec![],
    }
}

fn import_paths(db: &Path, paths: &[PathBuf]) {
    for p in paths {
        let mut parsed = import::Parsed::default();
        import::read_path(p, &mut parsed).unwrap();
        store::import(db, parsed, &p.display().to_string()).unwrap();
    }
}

fn ids(v: &[fwassure_model::Vulnerability], name: &str) -> Vec<String> {
    v.iter().filter(|x| x.component.name == name).map(|x| x.id.clone()).collect()
}

#[test]
fn import_nvd_and_osv_fixtures_then_match() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("vulns.db");
    import_paths(
        &db,
        &[fixture("nvd-feed.json.gz"), fixture("nvd-single.json"), fixture("osv"), fixture("osv-all.zip")],
    );
    let st = Store::open(&db).unwrap();
    // 3 feed + 1 single NVD records, 2 OSV records (the zip holds the same two again: replaced, not duplicated).
    assert_eq!(st.meta.records, 6);
    assert_eq!(st.meta.sources.len(), 4);
    assert!(st.keys().any(|k| k == "cpe:thekelleys:dnsmasq"));
    assert!(st.keys().any(|k| k == "purl:npm/jquery"));
    let d = Database { stores: vec![st], use_starter: false };

    let mut jq = comp("jquery", "3.4.1");
    jq.purl = Some("pkg:npm/jquery@3.4.1".into());
    let mut zlib = comp("zlib", "1.2.13");
    zlib.purl = Some("pkg:deb/debian/zlib@1:1.2.13.dfsg-1?distro=debian-12".into());
    let comps = vec![
        comp("dnsmasq", "2.90"),
        comp("openssh", "9.2p1"),
        comp("busybox", "1.36.1"),
        comp("curl", "7.88.1"),
        jq,
        zlib,
    ];
    let v = match_components(&d, &comps);
    assert_eq!(ids(&v, "dnsmasq"), vec!["CVE-2099-0001"]);
    let dn = v.iter().find(|x| x.id == "CVE-2099-0001").unwrap();
    assert!(dn.kev);
    assert_eq!(dn.fixed_in, vec!["2.91"]);
    assert_eq!(dn.score, Some(7.5));
    assert_eq!(dn.matched.method, "cpe");
    assert_eq!(ids(&v, "openssh"), vec!["CVE-2099-0002"]);
    assert_eq!(ids(&v, "busybox"), vec!["CVE-2099-0003"]);
    assert_eq!(ids(&v, "curl"), vec!["CVE-2099-0004"], "haxx:libcurl reached through the alias table");
    assert_eq!(ids(&v, "jquery"), vec!["GHSA-xxxx-yyyy-zzzz"]);
    assert_eq!(v.iter().find(|x| x.component.name == "jquery").unwrap().severity, fwassure_model::Severity::Medium);
    assert_eq!(ids(&v, "zlib"), vec!["OSV-2099-1"], "Debian range compared with the Debian version");

    // Outside the ranges: nothing.
    let mut zlib_fixed = comp("zlib", "1.2.13");
    zlib_fixed.purl = Some("pkg:deb/debian/zlib@1:1.2.13.dfsg-2?distro=debian-12".into());
    let mut jq_new = comp("jquery", "3.5.0");
    jq_new.purl = Some("pkg:npm/jquery@3.5.0".into());
    let none = vec![
        comp("dnsmasq", "2.91"),
        comp("openssh", "9.2p2"),
        comp("openssh", "9.2"),
        comp("busybox", "1.35.0"),
        comp("busybox", "1.37.1"),
        comp("curl", "8.0.0"),
        comp("curl", "7.79.1"),
        jq_new,
        zlib_fixed,
    ];
    let v = match_components(&d, &none);
    assert!(v.is_empty(), "{:?}", v.iter().map(|x| (&x.id, &x.component)).collect::<Vec<_>>());
}

#[test]
fn import_xz_feed() {
    let mut parsed = import::Parsed::default();
    import::read_path(&fixture("nvd-feed.json.xz"), &mut parsed).unwrap();
    assert_eq!(parsed.records.len(), 3);
    assert_eq!(parsed.kinds, vec!["nvd"]);
}

#[test]
fn garbage_is_skipped_not_fatal() {
    let mut parsed = import::Parsed::default();
    import::read_bytes("x", b"\x1f\x8b\x08garbage", &mut parsed, 0).unwrap_err();
    import::read_bytes("y", b"not json", &mut parsed, 0).unwrap();
    import::read_bytes("z", b"{\"hello\":1}", &mut parsed, 0).unwrap();
    assert_eq!(parsed.records.len(), 0);
    assert_eq!(parsed.skipped.len(), 2);
}

/// Serve fixture files from a local TcpListener for as many requests as given.
fn serve(files: Vec<(&'static str, Vec<u8>)>) -> (String, std::thread::JoinHandle<()>) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let n = files.len();
    let h = std::thread::spawn(move || {
        for stream in listener.incoming().take(n) {
            let mut s = stream.unwrap();
            let mut buf = [0u8; 4096];
            let mut req = Vec::new();
            while !req.windows(4).any(|w| w == b"\r\n\r\n") {
                let k = s.read(&mut buf).unwrap();
                if k == 0 {
                    break;
                }
                req.extend_from_slice(&buf[..k]);
            }
            let line = String::from_utf8_lossy(&req).lines().next().unwrap_or("").to_string();
            let path = line.split_whitespace().nth(1).unwrap_or("/").trim_start_matches('/').to_string();
            match files.iter().find(|(p, _)| *p == path) {
                Some((_, body)) => {
                    write!(s, "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len())
                        .unwrap();
                    s.write_all(body).unwrap();
                }
                None => {
                    s.write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").unwrap();
                }
            }
        }
    });
    (format!("http://{addr}"), h)
}

#[test]
fn update_downloads_from_a_local_server() {
    let feed = std::fs::read(fixture("nvd-feed.json.gz")).unwrap();
    let zip = std::fs::read(fixture("osv-all.zip")).unwrap();
    let (base, h) = serve(vec![("feed.json.gz", feed), ("all.zip", zip), ("missing", vec![])]);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sub/vulns.db");
    let out =
        fwassure_vulns::update::update(&db, &[format!("{base}/feed.json.gz"), format!("{base}/all.zip")]).unwrap();
    assert_eq!(out.len(), 2);
    assert_eq!(out[0].1.read, 3);
    assert_eq!(out[1].1.total, 5);
    let st = Store::open(&db).unwrap();
    assert_eq!(st.meta.sources[0].location, format!("{base}/feed.json.gz"));
    assert!(fwassure_vulns::update::update(&db, &[format!("{base}/nope")]).is_err());
    h.join().unwrap();
}

#[test]
fn starter_matches_inside_ranges_only() {
    let d = Database::starter_only();
    // Inside: well-known ranges.
    let v = match_components(
        &d,
        &[
            comp("openssl", "1.1.1n"),
            comp("openssl", "3.0.7"),
            comp("curl", "7.88.1"),
            comp("dropbear", "2022.83"),
            comp("openssh", "9.2p1"),
            comp("busybox", "1.35.0"),
            comp("wpa_supplicant", "2.10"),
            comp("linux", "5.10.100"),
        ],
    );
    let has = |name: &str, ver: &str, id: &str| {
        v.iter().any(|x| x.component.name == name && x.component.version == ver && x.id == id)
    };
    assert!(has("openssl", "1.1.1n", "CVE-2022-1292"));
    assert!(!has("openssl", "1.1.1n", "CVE-2022-0778"), "1.1.1n is the fix of CVE-2022-0778");
    assert!(has("openssl", "3.0.7", "CVE-2023-0286"));
    assert!(!has("openssl", "3.0.7", "CVE-2022-3602"), "3.0.7 fixes CVE-2022-3602");
    assert!(has("curl", "7.88.1", "CVE-2023-38545"));
    assert!(has("dropbear", "2022.83", "CVE-2023-48795"));
    assert!(!has("dropbear", "2022.83", "CVE-2021-36369"));
    assert!(has("openssh", "9.2p1", "CVE-2024-6387"));
    assert!(has("openssh", "9.2p1", "CVE-2023-38408"));
    assert!(has("busybox", "1.35.0", "CVE-2022-30065"));
    assert!(has("wpa_supplicant", "2.10", "CVE-2023-52160"));
    assert!(has("linux", "5.10.100", "CVE-2022-0847"));
    let dp = v.iter().find(|x| x.id == "CVE-2022-0847").unwrap();
    assert!(dp.kev);
    assert_eq!(dp.fixed_in, vec!["5.10.102"]);
    assert!(dp.matched.notes.iter().any(|n| n.contains("starter")));
    // Outside: fixed releases match nothing of these.
    let v = match_components(
        &d,
        &[
            comp("openssl", "3.0.15"),
            comp("openssl", "1.1.1zb"),
            comp("openssh", "9.9p2"),
            comp("dropbear", "2024.86"),
            comp("curl", "8.5.0"),
            comp("dnsmasq", "2.90"),
            comp("linux", "6.7.3"),
            comp("nginx", "1.26.2"),
        ],
    );
    let ids: Vec<_> = v.iter().map(|x| (&x.component.name, &x.component.version, &x.id)).collect();
    assert!(v.is_empty(), "{ids:?}");
}

#[test]
fn backport_note_for_distro_packages() {
    let mut c = comp("curl", "7.88.1");
    c.package_version = Some("7.88.1-10+deb12u5".into());
    let v = match_components(&Database::starter_only(), &[c]);
    assert!(!v.is_empty());
    assert!(v.iter().all(|x| x.matched.notes.iter().any(|n| n.contains("backported"))));
    assert!(v.iter().all(|x| x.status == VulnStatus::Affected));
}
