//! Submit, work, status against a real PostgreSQL server, workers in this process.

use crate::compare::{answers, local_answers, quick_scan};
use crate::fixtures;
use crate::pg::fresh_database;
use fwassure_fleet::{collect, FleetOptions};
use fwassure_store::Store;
use fwassure_worker::{status, submit, work_until, QueueStatus, WorkerOptions};
use std::time::Duration;

fn options(name: &str, fleet: FleetOptions) -> WorkerOptions {
    WorkerOptions {
        concurrency: 2,
        lease_secs: 4,
        fleet,
        exit_when_idle: true,
        poll_interval: Duration::from_millis(200),
        name: Some(name.into()),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_workers_store_what_a_local_run_stores() {
    let Some(url) = fresh_database("worker_two").await else { return };
    let dir = tempfile::tempdir().unwrap();
    let rels = fixtures::small_fleet(dir.path(), 9);
    let targets = collect(&[dir.path().to_path_buf()]).unwrap();
    assert_eq!(targets.len(), 9);
    assert_eq!(submit(&url, "fleet", &targets).await.unwrap(), 9);
    assert_eq!(status(&url, "fleet").await.unwrap(), QueueStatus { pending: 9, ..Default::default() });
    assert_eq!(status(&url, "other").await.unwrap(), QueueStatus::default(), "queues are apart");

    let fleet = quick_scan(0);
    let (oa, ob) = (options("a", fleet.clone()), options("b", fleet.clone()));
    let (a, b) = tokio::join!(
        work_until(&url, "fleet", &oa, std::future::pending()),
        work_until(&url, "fleet", &ob, std::future::pending()),
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.scanned + b.scanned, 9, "{a:?} {b:?}");
    assert_eq!((a.failed + b.failed, a.retried + b.retried, a.unreadable + b.unreadable), (0, 0, 0));
    assert_eq!(status(&url, "fleet").await.unwrap(), QueueStatus { done: 9, ..Default::default() });

    let store = Store::open(&url).await.unwrap();
    let paths: Vec<String> = store.images().await.unwrap().into_iter().map(|i| i.path).collect();
    let mut want = rels.clone();
    want.sort();
    assert_eq!(paths, want);
    let shared = store.shared_secrets(2).await.unwrap();
    assert!(shared.iter().any(|s| s.images.len() == 9), "root's default password in every image: {shared:#?}");
    assert!(shared.iter().any(|s| s.vendors == ["acme"] && s.images.len() == 6), "acme's key: {shared:#?}");
    let remote = answers(&store).await;
    assert_eq!(remote, local_answers(dir.path(), &fleet).await, "queue workers and a local run must agree");

    // a second submission of the same images: done at once, every image skipped by hash
    assert_eq!(submit(&url, "fleet", &targets).await.unwrap(), 9);
    let again = work_until(&url, "fleet", &options("c", fleet.clone()), std::future::pending()).await.unwrap();
    assert_eq!((again.scanned, again.skipped), (0, 9));
    assert_eq!(status(&url, "fleet").await.unwrap().done, 18);
    assert_eq!(answers(&store).await, remote);
    store.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn stop_finishes_the_running_job() {
    let Some(url) = fresh_database("worker_stop").await else { return };
    let dir = tempfile::tempdir().unwrap();
    fixtures::slow_image(dir.path(), "acme/cam/slow.tar");
    let targets = collect(&[dir.path().to_path_buf()]).unwrap();
    submit(&url, "fleet", &targets).await.unwrap();
    // stop as soon as the job runs: the worker must finish it, not drop it
    let u = url.clone();
    let stop = async move {
        while status(&u, "fleet").await.unwrap().running == 0 {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    };
    let mut opts = options("stopper", quick_scan(1000));
    opts.exit_when_idle = false;
    let started = std::time::Instant::now();
    let summary = work_until(&url, "fleet", &opts, stop).await.unwrap();
    assert_eq!(summary.scanned, 1, "{summary:?}");
    assert!(started.elapsed() > Duration::from_millis(500), "the slow image took {:?}", started.elapsed());
    assert_eq!(status(&url, "fleet").await.unwrap(), QueueStatus { done: 1, ..Default::default() });
    let store = Store::open(&url).await.unwrap();
    assert_eq!(store.count().await.unwrap(), (1, 0));
    store.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn unreadable_image_is_given_up_and_scan_failure_is_done() {
    let Some(url) = fresh_database("worker_bad").await else { return };
    let dir = tempfile::tempdir().unwrap();
    // a file the scanner refuses (empty) and a file that vanished after the submission
    std::fs::create_dir_all(dir.path().join("acme/cam")).unwrap();
    std::fs::write(dir.path().join("acme/cam/empty.bin"), b"").unwrap();
    std::fs::write(dir.path().join("acme/cam/gone.bin"), b"x").unwrap();
    let targets = collect(&[dir.path().to_path_buf()]).unwrap();
    submit(&url, "fleet", &targets).await.unwrap();
    std::fs::remove_file(dir.path().join("acme/cam/gone.bin")).unwrap();
    let summary = work_until(&url, "fleet", &options("w", quick_scan(0)), std::future::pending()).await.unwrap();
    assert_eq!((summary.unreadable, summary.retried), (1, 0), "{summary:?}");
    let s = status(&url, "fleet").await.unwrap();
    assert_eq!((s.failed, s.active()), (1, 0), "{s:?}");
    let store = Store::open(&url).await.unwrap();
    let images = store.images().await.unwrap();
    assert_eq!(images.len(), 1);
    assert_eq!(images[0].path, "acme/cam/empty.bin");
    // the empty file is either a recorded failure (a done job) or a scan with no content: never lost
    assert_eq!(s.done, 1);
    assert_eq!(summary.scanned + summary.failed, 1);
    store.close().await;
}
