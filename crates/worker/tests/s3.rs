//! Workers taking `s3://` images: `fleet submit s3://bucket/prefix` queues one job per object, two workers
//! fetch them from a real S3-compatible server (moto, see `crates/fleet/tests/s3server.rs`) and store what
//! a local run over the same images stores; each image also under its object's URL.

use crate::compare::{answers, local_answers, quick_scan};
use crate::fixtures;
use crate::pg::fresh_database;
use crate::s3server::S3Server;
use fwassure_fleet::{collect_sources, ObjectOptions};
use fwassure_store::Store;
use fwassure_worker::{status, submit, work_until, QueueStatus, WorkerOptions};
use std::time::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn workers_scan_objects_as_a_local_run_scans_files() {
    let Some(url) = fresh_database("worker_s3").await else { return };
    let Some(s3) = tokio::task::spawn_blocking(S3Server::start).await.unwrap() else { return };
    let dir = tempfile::tempdir().unwrap();
    let rels = fixtures::small_fleet(dir.path(), 6);
    let root = dir.path().to_path_buf();
    let s3 = tokio::task::spawn_blocking(move || {
        s3.bucket("fleet");
        s3.upload_tree("fleet", "images", &root);
        s3
    })
    .await
    .unwrap();
    let objects = ObjectOptions { endpoint: Some(s3.endpoint.clone()), ..Default::default() };
    let targets = collect_sources(&["s3://fleet/images".into()], &objects).await.unwrap();
    let mut want = rels.clone();
    want.sort();
    assert_eq!(targets.iter().map(|t| t.rel.clone()).collect::<Vec<_>>(), want);
    assert_eq!(submit(&url, "fleet", &targets).await.unwrap(), 6);

    let mut fleet = quick_scan(0);
    fleet.objects = objects;
    let opts = |name: &str| WorkerOptions {
        concurrency: 2,
        lease_secs: 4,
        fleet: fleet.clone(),
        exit_when_idle: true,
        poll_interval: Duration::from_millis(200),
        name: Some(name.into()),
    };
    let (oa, ob) = (opts("a"), opts("b"));
    let (a, b) = tokio::join!(
        work_until(&url, "fleet", &oa, std::future::pending()),
        work_until(&url, "fleet", &ob, std::future::pending()),
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.scanned + b.scanned, 6, "{a:?} {b:?}");
    assert_eq!(status(&url, "fleet").await.unwrap(), QueueStatus { done: 6, ..Default::default() });
    let store = Store::open(&url).await.unwrap();
    for img in store.images().await.unwrap() {
        let paths = store.paths(&img.sha256).await.unwrap();
        assert_eq!(paths, [img.path.clone(), format!("s3://fleet/images/{}", img.path)]);
    }
    let remote = answers(&store).await;
    store.close().await;
    assert_eq!(remote, local_answers(dir.path(), &quick_scan(0)).await, "objects and files differ");
    tokio::task::spawn_blocking(move || drop(s3)).await.unwrap();
}
