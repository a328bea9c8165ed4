use fwassure_model::Report;
use fwassure_store::{ImageMeta, Store};

fn load(name: &str) -> Report {
    let p = format!("{}/../diff/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

/// Three images: A and B share a password fingerprint, B and C a token fingerprint; C is B's report under
/// another hash. `unique` is in A only.
fn fleet() -> Vec<(ImageMeta, Report)> {
    let mut a = load("old.json");
    a.findings[1].fingerprint = Some("sha256-password:11".into());
    a.findings[0].fingerprint = Some("sha256-secret:unique".into());
    let mut b = load("new.json");
    b.findings[0].fingerprint = Some("sha256-password:11".into());
    b.findings[1].fingerprint = Some("sha256-secret:22".into());
    let mut c = b.clone();
    c.image.sha256 = "c".repeat(64);
    c.findings[0].fingerprint = None;
    vec![
        (ImageMeta::for_report(&a, "acme/cam/cam-1.0.bin", 10).at("2026-01-01T00:00:00Z"), a),
        (ImageMeta::for_report(&b, "acme/cam/cam-1.1.bin", 20).at("2026-01-01T00:00:00Z"), b),
        (ImageMeta::for_report(&c, "globex/router/r-2.bin", 30).at("2026-01-01T00:00:00Z"), c),
    ]
}

/// Everything the fleet queries answer, as JSON, to compare engines.
async fn answers(store: &Store) -> serde_json::Value {
    serde_json::json!({
        "images": store.images().await.unwrap(),
        "shared": store.shared_secrets(2).await.unwrap(),
        "components": store.component_prevalence().await.unwrap(),
        "vulns": store.vulnerability_prevalence().await.unwrap(),
        "worst": store.worst_images(2).await.unwrap(),
        "verdicts": store.verdict_matrix(None).await.unwrap(),
        "count": store.count().await.unwrap(),
    })
}

async fn exercise(store: &Store) -> serde_json::Value {
    let images = fleet();
    for (m, r) in &images {
        assert!(!store.has_image(&m.sha256).await.unwrap());
        store.put_report(m, r).await.unwrap();
    }
    // a rescan replaces: no row is doubled
    store.put_report(&images[1].0, &images[1].1).await.unwrap();
    // a failure never hides a good scan
    store.put_failure(&images[0].0, "boom").await.unwrap();
    assert!(store.has_scanned(&images[0].0.sha256).await.unwrap());
    // a failed image is recorded and counted
    let failed = ImageMeta::new(&"f".repeat(64), 3, "globex/router/broken.bin", 1).at("2026-01-01T00:00:00Z");
    store.put_failure(&failed, "not firmware").await.unwrap();
    assert!(store.has_image(&failed.sha256).await.unwrap());
    assert!(!store.has_scanned(&failed.sha256).await.unwrap());
    assert_eq!(store.count().await.unwrap(), (4, 1));

    // reports come back whole
    for (m, r) in &images {
        assert_eq!(store.report(&m.sha256).await.unwrap().as_ref(), Some(r));
    }
    assert_eq!(store.report(&failed.sha256).await.unwrap(), None);
    let row = store.image(&images[0].0.sha256[..12]).await.unwrap().unwrap();
    assert_eq!((row.vendor.as_str(), row.product.as_str(), row.release.as_str()), ("acme", "cam", "cam-1.0"));
    assert!(store.image("aaaa").await.unwrap().is_none(), "prefixes under 8 digits are refused");

    // shared secrets: exactly the two planted reuses, the unique one not
    let shared = store.shared_secrets(2).await.unwrap();
    let got: Vec<(String, Vec<String>)> =
        shared.iter().map(|s| (s.fingerprint.clone(), s.images.iter().map(|i| i.image.clone()).collect())).collect();
    assert_eq!(
        got,
        vec![
            ("sha256-password:11".to_string(), vec!["acme/cam/cam-1.0.bin".to_string(), "acme/cam/cam-1.1.bin".into()]),
            ("sha256-secret:22".to_string(), vec!["acme/cam/cam-1.1.bin".to_string(), "globex/router/r-2.bin".into()]),
        ]
    );
    assert_eq!(shared[1].vendors, vec!["acme", "globex"]);
    assert_eq!(store.images_with_fingerprint("sha256-secret:unique").await.unwrap().len(), 1);

    // prevalence agrees with counting the reports themselves
    for c in store.component_prevalence().await.unwrap() {
        let n = images.iter().filter(|(_, r)| r.components.iter().any(|x| x.name == c.name && x.version == c.version));
        assert_eq!(c.images, n.count() as u64, "{} {}", c.name, c.version);
    }
    for v in store.vulnerability_prevalence().await.unwrap() {
        let n = images.iter().filter(|(_, r)| r.vulnerabilities.iter().any(|x| x.id == v.id));
        assert_eq!(v.images, n.count() as u64, "{}", v.id);
        assert_eq!(store.images_with_vulnerability(&v.id).await.unwrap().len() as u64, v.images);
    }
    for v in store.verdict_matrix(None).await.unwrap() {
        let n = images
            .iter()
            .filter(|(_, r)| r.assessments.iter().any(|a| a.standard == v.standard && a.requirement == v.requirement));
        assert_eq!(v.pass + v.fail + v.needs_evidence + v.not_applicable, n.count() as u64);
    }
    let worst = store.worst_images(10).await.unwrap();
    assert_eq!(worst.len(), 3, "failed images are not ranked");
    assert!(worst.windows(2).all(|w| w[0].risk >= w[1].risk));
    assert_eq!(store.product_images("acme", "cam").await.unwrap().len(), 2);

    let out = answers(store).await;
    assert!(store.delete_image(&images[2].0.sha256).await.unwrap());
    assert_eq!(store.shared_secrets(2).await.unwrap().len(), 1);
    out
}

#[tokio::test]
async fn sqlite_and_postgres_agree() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fleet.db");
    let sqlite = Store::open(db.to_str().unwrap()).await.unwrap();
    let lite = exercise(&sqlite).await;
    sqlite.close().await;
    // reopening runs the migrations again as a no-op and keeps the data
    let again = Store::open(db.to_str().unwrap()).await.unwrap();
    assert_eq!(again.count().await.unwrap(), (3, 1));

    if let Some(url) = crate::pg::fresh_database("store").await {
        let pg = Store::open(&url).await.unwrap();
        assert_eq!(pg.backend(), fwassure_store::Backend::Postgres);
        let got = exercise(&pg).await;
        assert_eq!(got, lite, "PostgreSQL and SQLite answer differently");
    }
}

#[tokio::test]
async fn bad_urls_are_refused() {
    let err = Store::open("mysql://localhost/x").await.unwrap_err();
    assert!(err.to_string().contains("unsupported store"), "{err}");
}

/// Eight writers storing the same image at once (the same bytes at eight paths) all succeed, and the store
/// holds it once, with all eight paths.
async fn concurrent_writers(store: &Store) {
    let (meta, report) = fleet().remove(0);
    let mut tasks = Vec::new();
    for n in 0..8 {
        let (store, report) = (store.clone(), report.clone());
        let mut m = meta.clone();
        m.path = format!("copies/{n}/cam.bin");
        tasks.push(tokio::spawn(async move {
            store.put_report(&m, &report).await?;
            store.put_failure(&m, "a late failure never hides the scan").await
        }));
    }
    for t in tasks {
        t.await.unwrap().unwrap();
    }
    assert_eq!(store.count().await.unwrap(), (1, 0));
    assert_eq!(store.component_prevalence().await.unwrap().iter().map(|c| c.images).max(), Some(1));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_writes_of_one_image() {
    let dir = tempfile::tempdir().unwrap();
    let sqlite = Store::open(dir.path().join("c.db").to_str().unwrap()).await.unwrap();
    concurrent_writers(&sqlite).await;
    if let Some(url) = crate::pg::fresh_database("store").await {
        concurrent_writers(&Store::open(&url).await.unwrap()).await;
    }
}
