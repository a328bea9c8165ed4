use crate::fixtures;
use fwassure_fleet::{collect, render, FleetOptions, FleetReport, FleetReportOptions, Outcome};
use fwassure_pipeline::ScanOptions;
use fwassure_store::Store;
use std::collections::BTreeSet;

fn opts() -> FleetOptions {
    let scan = ScanOptions {
        reproducible: true,
        now: Some(fwassure_pipeline::reproducible_now().unwrap()),
        password_work_ms: Some(0),
        ..Default::default()
    };
    FleetOptions { scan, jobs: 2, ..Default::default() }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap()
}

/// Scans the planted fleet into `store` and checks the report; returns it as JSON without timings.
fn check_fleet(
    rt: &tokio::runtime::Runtime,
    store: &Store,
    root: &std::path::Path,
    planted: &[(&str, &str, Vec<&str>)],
) -> serde_json::Value {
    let targets = collect(&[root.to_path_buf()]).unwrap();
    assert_eq!(targets.len(), 6);
    let heard = std::sync::Mutex::new(Vec::new());
    let s = fwassure_fleet::run(store, rt.handle(), &targets, &opts(), &|o: &Outcome| {
        heard.lock().unwrap().push(o.rel().to_string())
    });
    assert_eq!((s.total, s.scanned, s.skipped), (6, 6, 0), "{s:?}");
    assert!(s.failed.is_empty(), "{:?}", s.failed);
    assert_eq!(heard.lock().unwrap().len(), 6, "progress hears every image");

    // resumable: a second run scans nothing
    let again = fwassure_fleet::run(store, rt.handle(), &targets, &opts(), &|_| {});
    assert_eq!((again.scanned, again.skipped), (0, 6));

    let report = rt.block_on(FleetReport::generate(store, &FleetReportOptions::default())).unwrap();
    // every planted reuse is found: a shared secret holding exactly the group's images
    for (what, prefix, images) in planted {
        let want: Vec<String> = images.iter().map(|s| s.to_string()).collect();
        let found = report.shared_secrets.iter().filter(|s| s.fingerprint.starts_with(prefix)).any(|s| {
            let got: BTreeSet<String> = s.images.iter().map(|i| i.image.clone()).collect();
            got.into_iter().collect::<Vec<_>>() == want
        });
        assert!(found, "planted {what} in {want:?} not found among {:#?}", report.shared_secrets);
    }
    // and nothing else: every shared secret is one of the planted groups
    let groups: BTreeSet<Vec<String>> =
        planted.iter().map(|(_, _, i)| i.iter().map(|s| s.to_string()).collect()).collect();
    for s in &report.shared_secrets {
        let mut got: Vec<String> = s.images.iter().map(|i| i.image.clone()).collect();
        got.dedup();
        assert!(groups.contains(&got), "unplanted reuse {s:#?}");
        assert!(!s.fingerprint.contains(fixtures::HASH_SHARED), "the secret itself is never stored");
    }
    assert!(report.shared_secrets.iter().any(|s| s.vendors == ["acme", "globex"]), "the cross-vendor key");
    assert_eq!(report.summary.cross_vendor_secrets, 2, "the key and the strong hash");
    assert_eq!(report.summary.shared_secrets, planted.len() as u64, "one shared secret per planted reuse");
    assert_eq!(
        (report.summary.images, report.summary.failed, report.summary.vendors, report.summary.products),
        (6, 0, 2, 3)
    );
    // the image that is not firmware is not silently clean: its problems say so
    let notes = report.images.iter().find(|i| i.path.ends_with("notes.bin")).unwrap();
    assert!(notes.problems > 0, "{notes:?}");

    // releases in natural order: 1.9 before 1.10
    let h = rt.block_on(fwassure_fleet::releases(store, "acme", "cam")).unwrap();
    let order: Vec<&str> = h.releases.iter().map(|r| r.path.as_str()).collect();
    assert_eq!(order, ["acme/cam/cam-1.9.bin", "acme/cam/cam-1.10.bin"]);
    assert_eq!(h.steps.len(), 1);

    let mut v = serde_json::to_value(&report).unwrap();
    for list in ["images", "worst_images"] {
        for i in v[list].as_array_mut().unwrap() {
            i["scan_ms"] = 0.into();
        }
    }
    v
}

#[test]
fn planted_reuse_is_found_on_sqlite_and_postgres() {
    let rt = runtime();
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("fleet");
    let planted = fixtures::build(&root);
    let store = rt.block_on(Store::open(dir.path().join("fleet.db").to_str().unwrap())).unwrap();
    let lite = check_fleet(&rt, &store, &root, &planted);

    if let Some(url) = rt.block_on(crate::pg::fresh_database("fleet")) {
        let pg = rt.block_on(Store::open(&url)).unwrap();
        let got = check_fleet(&rt, &pg, &root, &planted);
        assert_eq!(got, lite, "PostgreSQL and SQLite fleet reports differ");
    }
}

#[test]
fn one_failure_never_stops_the_run() {
    let rt = runtime();
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("fleet");
    fixtures::build(&root);
    let targets = collect(std::slice::from_ref(&root)).unwrap();
    // an image that vanishes between listing and scanning
    std::fs::remove_file(root.join("acme/door/door-2.bin")).unwrap();
    let store = rt.block_on(Store::open(dir.path().join("f.db").to_str().unwrap())).unwrap();
    let s = fwassure_fleet::run(&store, rt.handle(), &targets, &opts(), &|_| {});
    assert_eq!(s.scanned, 5);
    assert_eq!(s.failed.len(), 1);
    assert_eq!(s.failed[0].0, "acme/door/door-2.bin");
    assert!(s.failed[0].1.contains("cannot read"), "{:?}", s.failed);
}

#[test]
fn renderings_escape_what_comes_from_the_fleet() {
    let rt = runtime();
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("fleet");
    let evil = root.join("<img src=x onerror=alert(1)>/=cmd|calc/x.bin");
    std::fs::create_dir_all(evil.parent().unwrap()).unwrap();
    std::fs::write(&evil, fixtures::image("1", Some(fixtures::HASH_SHARED), &[])).unwrap();
    std::fs::write(
        root.join("<img src=x onerror=alert(1)>/=cmd|calc/y.bin"),
        fixtures::image("2", Some(fixtures::HASH_SHARED), &[]),
    )
    .unwrap();
    let store = rt.block_on(Store::open(dir.path().join("f.db").to_str().unwrap())).unwrap();
    let targets = collect(&[root]).unwrap();
    fwassure_fleet::run(&store, rt.handle(), &targets, &opts(), &|_| {});
    let r = rt.block_on(FleetReport::generate(&store, &FleetReportOptions::default())).unwrap();
    assert!(r.summary.shared_secrets >= 1, "{:#?}", r.shared_secrets);
    let html = render::html::render(&r);
    assert!(!html.contains("<img"), "vendor name not escaped");
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(!html.to_ascii_lowercase().contains("<script"));
    let csv = render::csv::render(&r, render::csv::Table::Images);
    assert!(csv.contains(",'=cmd|calc,"), "formula cell not defused: {csv}");
    let json: serde_json::Value = serde_json::from_str(&render::json::render(&r)).unwrap();
    assert_eq!(json["schema"], fwassure_fleet::FLEET_SCHEMA);
    let text = render::text::render(&r);
    assert!(text.contains("Secrets shared across images"), "{text}");
}
