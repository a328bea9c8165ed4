//! What a fleet scan left in the store, as the fleet queries answer it (timings aside), and the same images
//! scanned by one local run into SQLite, to compare queue workers with.
//!
//! Shared by the worker crate's tests and the CLI's process tests (`#[path]`).
#![allow(dead_code)]

use fwassure_fleet::{collect, FleetOptions};
use fwassure_pipeline::ScanOptions;
use fwassure_store::Store;

/// Reproducible scans with the quick password audit (vendor defaults and username guesses only).
pub fn quick_scan(password_work_ms: u64) -> FleetOptions {
    FleetOptions {
        scan: ScanOptions {
            reproducible: true,
            now: Some(fwassure_pipeline::reproducible_now().unwrap()),
            password_work_ms: Some(password_work_ms),
            ..Default::default()
        },
        ..Default::default()
    }
}

/// Everything the fleet queries answer, timings left out, plus each image's findings with fingerprints.
pub async fn answers(store: &Store) -> serde_json::Value {
    let mut images = serde_json::to_value(store.images().await.unwrap()).unwrap();
    let mut worst = serde_json::to_value(store.worst_images(1000).await.unwrap()).unwrap();
    for rows in [&mut images, &mut worst] {
        for row in rows.as_array_mut().unwrap() {
            let row = row.as_object_mut().unwrap();
            row.remove("scan_ms");
            row.remove("scanned_at");
        }
    }
    let mut findings = Vec::new();
    for img in store.images().await.unwrap() {
        if let Some(report) = store.report(&img.sha256).await.unwrap() {
            let mut f: Vec<String> = report
                .findings
                .iter()
                .map(|f| format!("{} {}:{} {}", f.rule, f.layer, f.path, f.fingerprint.as_deref().unwrap_or("-")))
                .collect();
            f.sort();
            findings.push((img.path.clone(), f));
        }
    }
    serde_json::json!({
        "images": images,
        "worst": worst,
        "findings": findings,
        "shared": store.shared_secrets(2).await.unwrap(),
        "components": store.component_prevalence().await.unwrap(),
        "vulns": store.vulnerability_prevalence().await.unwrap(),
        "verdicts": store.verdict_matrix(None).await.unwrap(),
        "count": store.count().await.unwrap(),
    })
}

/// The same images scanned by one local fleet run into SQLite.
pub async fn local_answers(root: &std::path::Path, fleet: &FleetOptions) -> serde_json::Value {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("local.db");
    let store = Store::open(db.to_str().unwrap()).await.unwrap();
    let targets = collect(&[root.to_path_buf()]).unwrap();
    let handle = tokio::runtime::Handle::current();
    let (s, f) = (store.clone(), fleet.clone());
    let summary =
        tokio::task::spawn_blocking(move || fwassure_fleet::run(&s, &handle, &targets, &f, &|_| {})).await.unwrap();
    assert!(summary.failed.is_empty(), "{:?}", summary.failed);
    let a = answers(&store).await;
    store.close().await;
    a
}
