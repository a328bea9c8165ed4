//! Benchmark: import of a synthetic 50,000-record NVD CVE API 2.0 feed, and matching of a typical firmware
//! component list against the resulting store plus the starter set. Prints medians.
//!
//! `cargo run --release -p fwassure-vulns --example bench_vulns`

use std::time::{Duration, Instant};

use fwassure_model::{Component, ComponentSource, Confidence};
use fwassure_vulns::{import, match_components, store, Database, Store};

const PRODUCTS: &[&str] = &[
    "openssl:openssl",
    "haxx:curl",
    "busybox:busybox",
    "thekelleys:dnsmasq",
    "zlib:zlib",
    "sqlite:sqlite",
    "openbsd:openssh",
    "f5:nginx",
    "w1.fi:wpa_supplicant",
    "linux:linux_kernel",
];

fn synthetic_feed(n: usize) -> Vec<u8> {
    let mut items = Vec::with_capacity(n);
    for i in 0..n {
        // Most records concern products firmware rarely ships, as in the real feed.
        let (vendor, product) = if i % 50 == 0 {
            let p = PRODUCTS[(i / 50) % PRODUCTS.len()];
            let (v, pr) = p.split_once(':').unwrap();
            (v.to_string(), pr.to_string())
        } else {
            (format!("vendor{}", i % 7919), format!("product{}", i % 3001))
        };
        items.push(format!(
            r#"{{"cve":{{"id":"CVE-2030-{i:05}","sourceIdentifier":"bench@example.org","published":"2030-01-01T00:00:00.000",
"lastModified":"2030-01-02T00:00:00.000","vulnStatus":"Analyzed","descriptions":[{{"lang":"en","value":"synthetic record {i} for the import benchmark, with a description of typical length to weigh like the real feed does"}}],
"metrics":{{"cvssMetricV31":[{{"source":"nvd@nist.gov","type":"Primary","cvssData":{{"version":"3.1","vectorString":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H","baseScore":9.8,"baseSeverity":"CRITICAL"}},"exploitabilityScore":3.9,"impactScore":5.9}}]}},
"weaknesses":[{{"source":"nvd@nist.gov","type":"Primary","description":[{{"lang":"en","value":"CWE-787"}}]}}],
"configurations":[{{"nodes":[{{"operator":"OR","negate":false,"cpeMatch":[{{"vulnerable":true,"criteria":"cpe:2.3:a:{vendor}:{product}:*:*:*:*:*:*:*:*","versionStartIncluding":"1.{a}.0","versionEndExcluding":"1.{a}.{b}","matchCriteriaId":"0D2B1A3F-0000-0000-0000-000000000000"}}]}}]}}],
"references":[{{"url":"https://example.org/advisory/{i}","source":"bench"}},{{"url":"https://example.org/patch/{i}","source":"bench"}}]}}}}"#,
            a = i % 20,
            b = 1 + i % 9
        ));
    }
    format!(
        r#"{{"resultsPerPage":{n},"startIndex":0,"totalResults":{n},"format":"NVD_CVE","version":"2.0","timestamp":"2030-01-02T00:00:00.000","vulnerabilities":[{}]}}"#,
        items.join(",")
    )
    .into_bytes()
}

fn comp(name: &str, version: &str) -> Component {
    Component {
        name: name.into(),
        version: version.into(),
        purl: Some(format!("pkg:generic/{name}@{version}")),
        cpe: None,
        source: ComponentSource::Binary,
        confidence: Confidence::High,
        package_version: Some(format!("{version}-1")),
        license: None,
        supplier: None,
        evidence: vec![],
    }
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let n = 50_000;
    let feed = synthetic_feed(n);
    println!("synthetic NVD 2.0 feed: {n} records, {:.1} MiB", feed.len() as f64 / (1 << 20) as f64);
    let dir = std::env::temp_dir().join(format!("fwassure-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("vulns.db");
    let mut import_t = Vec::new();
    for _ in 0..5 {
        let _ = std::fs::remove_file(&db);
        let t = Instant::now();
        let mut parsed = import::Parsed::default();
        import::read_bytes("bench", &feed, &mut parsed, 0).unwrap();
        assert_eq!(parsed.records.len(), n);
        store::import(&db, parsed, "bench").unwrap();
        import_t.push(t.elapsed());
    }
    println!("db import (parse + write), median of 5: {:?}", median(import_t));
    println!("store size: {:.1} MiB", std::fs::metadata(&db).unwrap().len() as f64 / (1 << 20) as f64);

    let comps: Vec<Component> = [
        ("busybox", "1.35.0"),
        ("dropbear", "2022.83"),
        ("openssl", "3.0.20"),
        ("curl", "7.88.1"),
        ("zlib", "1.2.13"),
        ("dnsmasq", "2.90"),
        ("sqlite", "3.40.1"),
        ("mbedtls", "2.28.3"),
        ("wpa_supplicant", "2.10"),
        ("openvpn", "2.6.14"),
        ("miniupnpd", "2.3.1"),
        ("libpcap", "1.10.3"),
        ("nginx", "1.22.1"),
        ("linux", "5.10.180"),
        ("openssh", "9.2p1"),
    ]
    .iter()
    .map(|(n, v)| comp(n, v))
    .collect();
    let mut open_t = Vec::new();
    let mut match_t = Vec::new();
    let mut found = 0;
    for _ in 0..11 {
        let t = Instant::now();
        let d = Database { stores: vec![Store::open(&db).unwrap()], use_starter: true };
        open_t.push(t.elapsed());
        let t = Instant::now();
        found = match_components(&d, &comps).len();
        match_t.push(t.elapsed());
    }
    println!("open store, median of 11: {:?}", median(open_t));
    println!("match {} components ({found} matches), median of 11: {:?}", comps.len(), median(match_t));
    let mut starter_t = Vec::new();
    for _ in 0..11 {
        let t = Instant::now();
        let _ = match_components(&Database::starter_only(), &comps);
        starter_t.push(t.elapsed());
    }
    println!("match against the starter set only, median of 11: {:?}", median(starter_t));
    let _ = std::fs::remove_dir_all(&dir);
}
