//! Images in an S3-compatible object store (a real moto server, see `s3server.rs`): the store holds what a
//! local-folder scan of the same images holds, each image also under its `s3://bucket/key`, resumable by
//! sha256, and an object over the size limit refused, not scanned.

use crate::fixtures;
use crate::s3server::S3Server;
use fwassure_fleet::{collect, collect_sources, FailureKind, FleetOptions, ObjectOptions, Outcome};
use fwassure_pipeline::ScanOptions;
use fwassure_store::Store;

fn opts(endpoint: &str) -> FleetOptions {
    let scan = ScanOptions {
        reproducible: true,
        now: Some(fwassure_pipeline::reproducible_now().unwrap()),
        password_work_ms: Some(0),
        ..Default::default()
    };
    let objects = ObjectOptions { endpoint: Some(endpoint.into()), ..Default::default() };
    FleetOptions { scan, jobs: 2, objects, ..Default::default() }
}

/// The store's answers, timings aside.
async fn answers(store: &Store) -> serde_json::Value {
    let mut images = serde_json::to_value(store.images().await.unwrap()).unwrap();
    for row in images.as_array_mut().unwrap() {
        row.as_object_mut().unwrap().remove("scan_ms");
    }
    let mut reports = Vec::new();
    for img in store.images().await.unwrap() {
        reports.push(serde_json::to_value(store.report(&img.sha256).await.unwrap()).unwrap());
    }
    serde_json::json!({
        "images": images,
        "reports": reports,
        "shared": store.shared_secrets(2).await.unwrap(),
        "components": store.component_prevalence().await.unwrap(),
        "vulns": store.vulnerability_prevalence().await.unwrap(),
        "verdicts": store.verdict_matrix(None).await.unwrap(),
    })
}

#[test]
fn s3_images_store_what_a_local_folder_scan_stores() {
    let Some(s3) = S3Server::start() else { return };
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("fleet");
    let planted = fixtures::build(&root);
    s3.bucket("firmware");
    s3.upload_tree("firmware", "lab/2026", &root);
    s3.put("firmware", "lab/2026/.hidden/x.bin", b"skipped like a hidden folder");
    s3.put("firmware", "other/elsewhere.bin", b"not under the prefix");
    let o = opts(&s3.endpoint);

    // listed: every object under the prefix, named by its key under it, as the folder's files are
    let targets = rt.block_on(collect_sources(&["s3://firmware/lab/2026".into()], &o.objects)).unwrap();
    let local = collect(std::slice::from_ref(&root)).unwrap();
    let rels: Vec<&str> = targets.iter().map(|t| t.rel.as_str()).collect();
    assert_eq!(rels, local.iter().map(|t| t.rel.as_str()).collect::<Vec<_>>());
    assert_eq!(targets[0].object.as_deref(), Some("s3://firmware/lab/2026/acme/cam/cam-1.10.bin"));
    // a trailing '/' changes nothing; a URL naming one object is that object, named by its file name
    let slash = rt.block_on(collect_sources(&["s3://firmware/lab/2026/".into()], &o.objects)).unwrap();
    assert_eq!(slash, targets);
    let one = rt.block_on(collect_sources(&["s3://firmware/lab/2026/acme/door/door-2.bin".into()], &o.objects));
    let one = one.unwrap();
    assert_eq!((one.len(), one[0].rel.as_str()), (1, "door-2.bin"), "{one:?}");
    assert!(rt.block_on(collect_sources(&["s3://firmware/lab/20".into()], &o.objects)).unwrap().is_empty());

    let remote = rt.block_on(Store::open(dir.path().join("s3.db").to_str().unwrap())).unwrap();
    let s = fwassure_fleet::run(&remote, rt.handle(), &targets, &o, &|_| {});
    assert_eq!((s.total, s.scanned, s.skipped), (6, 6, 0), "{s:?}");
    assert!(s.failed.is_empty(), "{:?}", s.failed);

    let local_store = rt.block_on(Store::open(dir.path().join("local.db").to_str().unwrap())).unwrap();
    let l = fwassure_fleet::run(&local_store, rt.handle(), &local, &o, &|_| {});
    assert_eq!(l.scanned, 6);
    assert_eq!(rt.block_on(answers(&remote)), rt.block_on(answers(&local_store)), "S3 and local scans differ");
    let shared = rt.block_on(remote.shared_secrets(2)).unwrap();
    assert_eq!(shared.len(), planted.len(), "every planted reuse, found in the objects");

    // each image is found under its fleet name and under the object's URL
    for img in rt.block_on(remote.images()).unwrap() {
        let paths = rt.block_on(remote.paths(&img.sha256)).unwrap();
        assert_eq!(paths, [img.path.clone(), format!("s3://firmware/lab/2026/{}", img.path)], "{img:?}");
    }

    // resumable: a second run fetches and hashes, finds every image stored, scans none
    let again = fwassure_fleet::run(&remote, rt.handle(), &targets, &o, &|_| {});
    assert_eq!((again.scanned, again.skipped), (0, 6), "{again:?}");
    // the same bytes under another key are skipped by hash and gain that key as a path
    let cam = std::fs::read(root.join("acme/cam/cam-1.9.bin")).unwrap();
    s3.put("firmware", "mirror/acme/cam/cam-1.9.bin", &cam);
    let mirror = rt.block_on(collect_sources(&["s3://firmware/mirror/".into()], &o.objects)).unwrap();
    let m = fwassure_fleet::run(&remote, rt.handle(), &mirror, &o, &|_| {});
    assert_eq!((m.scanned, m.skipped), (0, 1));
    let sha = rt.block_on(remote.images()).unwrap().into_iter().find(|i| i.path == "acme/cam/cam-1.9.bin").unwrap();
    assert!(rt
        .block_on(remote.paths(&sha.sha256))
        .unwrap()
        .contains(&"s3://firmware/mirror/acme/cam/cam-1.9.bin".into()));

    // bounded: an object over the limit is refused before it is read, nothing recorded; a missing one too
    let mut small = o.clone();
    small.objects.max_bytes = 100;
    small.rescan = true;
    let one = targets.iter().find(|t| t.rel == "acme/cam/cam-1.9.bin").unwrap();
    match rt.block_on(fwassure_fleet::scan_into(&remote, one, &small)) {
        Outcome::Failed { error, kind: FailureKind::Unreadable, .. } => {
            assert!(error.contains("more than the 100-byte limit"), "{error}")
        }
        other => panic!("{other:?}"),
    }
    let mut gone = one.clone();
    gone.object = Some("s3://firmware/lab/2026/nope.bin".into());
    match rt.block_on(fwassure_fleet::scan_into(&remote, &gone, &o)) {
        Outcome::Failed { error, kind: FailureKind::Unreadable, .. } => {
            assert!(error.contains("no such object"), "{error}")
        }
        other => panic!("{other:?}"),
    }
    // a server that does not answer is a transient fault (a worker retries the job)
    let mut down = o.clone();
    down.objects.endpoint = Some("http://127.0.0.1:9".into());
    match rt.block_on(fwassure_fleet::scan_into(&remote, one, &down)) {
        Outcome::Failed { kind: FailureKind::Transient, .. } => {}
        other => panic!("{other:?}"),
    }
    assert_eq!(rt.block_on(remote.count()).unwrap(), (6, 0));
}
