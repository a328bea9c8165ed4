//! `fwassure queue submit` and `fwassure worker` as processes against a real PostgreSQL server
//! (`FWASSURE_TEST_POSTGRES`; skipped without it unless `FWASSURE_REQUIRE_POSTGRES=1`): three workers store
//! exactly what one local fleet run stores, and a worker killed in the middle of a scan loses no image.

#[path = "../../worker/tests/compare.rs"]
mod compare;
#[path = "../../worker/tests/fixtures.rs"]
mod fixtures;
use crate::pg;

use fwassure_store::Store;
use fwassure_worker::{status, QueueStatus};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn fwassure(args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_fwassure"));
    c.args(args).stdin(Stdio::null());
    c
}

fn submit(url: &str, input: &std::path::Path) {
    let out =
        fwassure(&["queue", "submit", input.to_str().unwrap(), "--store", url, "--queue", "fleet"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

fn worker(url: &str, name: &str, password_work: &str, exit_when_idle: bool) -> Child {
    let mut args = vec![
        "worker",
        "--store",
        url,
        "--queue",
        "fleet",
        "--lease-secs",
        "3",
        "--reproducible",
        "--password-work",
        password_work,
        "--name",
        name,
    ];
    if exit_when_idle {
        args.push("--exit-when-idle");
    }
    fwassure(&args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap()
}

fn finish(child: Child, what: &str) -> String {
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "{what}: {stdout}{}", String::from_utf8_lossy(&out.stderr));
    stdout
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_worker_processes_store_what_a_local_run_stores() {
    let Some(url) = pg::fresh_database("cli_workers").await else { return };
    let dir = tempfile::tempdir().unwrap();
    let rels = fixtures::small_fleet(dir.path(), 12);
    submit(&url, dir.path());
    assert_eq!(status(&url, "fleet").await.unwrap(), QueueStatus { pending: 12, ..Default::default() });
    let workers: Vec<Child> = (0..3).map(|i| worker(&url, &format!("w{i}"), "0", true)).collect();
    let mut scanned = 0;
    for (i, w) in workers.into_iter().enumerate() {
        let line = finish(w, &format!("worker {i}"));
        // "worker wI: N scanned, …"
        scanned +=
            line.split(": ").nth(1).and_then(|s| s.split(' ').next()).and_then(|n| n.parse::<u64>().ok()).unwrap();
    }
    assert_eq!(scanned, 12, "each image scanned once over the three workers");
    assert_eq!(status(&url, "fleet").await.unwrap(), QueueStatus { done: 12, ..Default::default() });
    let store = Store::open(&url).await.unwrap();
    assert_eq!(store.count().await.unwrap(), (rels.len() as u64, 0));
    let remote = compare::answers(&store).await;
    store.close().await;
    assert_eq!(remote, compare::local_answers(dir.path(), &compare::quick_scan(0)).await);

    let out = fwassure(&["queue", "status", "--store", &url, "--queue", "fleet", "--json"]).output().unwrap();
    let s: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(s, serde_json::json!({"pending": 0, "running": 0, "done": 12, "failed": 0}));
}

/// A folder with one slow image (`acme/cam/slow.tar`) and one with four quick ones.
fn slow_and_small() -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let slow_dir = dir.path().join("slow");
    fixtures::slow_image(&slow_dir, "acme/cam/slow.tar");
    let small_dir = dir.path().join("small");
    fixtures::small_fleet(&small_dir, 4);
    (dir, slow_dir, small_dir)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_killed_worker_loses_no_image() {
    let Some(url) = pg::fresh_database("cli_kill").await else { return };
    let (_dir, slow_dir, small_dir) = slow_and_small();

    // one worker takes the slow image; it is killed (SIGKILL) while it scans it
    submit(&url, &slow_dir);
    let mut victim = worker(&url, "victim", "2000", false);
    let deadline = Instant::now() + Duration::from_secs(60);
    while status(&url, "fleet").await.unwrap().running == 0 {
        assert!(Instant::now() < deadline, "the worker never took the job");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    victim.kill().unwrap();
    victim.wait().unwrap();
    let store = Store::open(&url).await.unwrap();
    assert_eq!(store.count().await.unwrap(), (0, 0), "killed in the middle of the scan");
    assert_eq!(status(&url, "fleet").await.unwrap(), QueueStatus { running: 1, ..Default::default() });

    // two more workers: they scan the rest, wait for the dead worker's lease to end, and re-take its job
    submit(&url, &small_dir);
    let started = Instant::now();
    let a = worker(&url, "a", "2000", true);
    let b = worker(&url, "b", "2000", true);
    let (a, b) = (finish(a, "a"), finish(b, "b"));
    assert!(started.elapsed() >= Duration::from_secs(2), "the lease was waited for: {:?}", started.elapsed());
    assert_eq!(status(&url, "fleet").await.unwrap(), QueueStatus { done: 5, ..Default::default() }, "{a}{b}");
    let images = store.images().await.unwrap();
    let paths: Vec<&str> = images.iter().map(|i| i.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "acme/cam/cam-1.0.tar",
            "acme/cam/cam-1.3.tar",
            "acme/cam/slow.tar",
            "acme/router/router-1.1.tar",
            "globex/nas/nas-1.2.tar"
        ]
    );
    assert!(images.iter().all(|i| i.status == "scanned"), "{images:#?}");
    store.close().await;
}

/// What Kubernetes does to a pod it stops: SIGTERM, then SIGKILL after `terminationGracePeriodSeconds`. A
/// worker told to stop in the middle of a scan finishes it (or hands the job back), takes no new job, and
/// exits 0 well within the grace period; the next worker scans the rest: every image stored once, no job
/// lost or scanned twice.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_mid_scan_finishes_or_hands_back_the_job() {
    let Some(url) = pg::fresh_database("cli_sigterm").await else { return };
    let (_dir, slow_dir, small_dir) = slow_and_small();
    submit(&url, &slow_dir);
    submit(&url, &small_dir);

    let stopped = worker(&url, "stopped", "1500", false);
    let deadline = Instant::now() + Duration::from_secs(60);
    // the slow image is the first job: wait until the worker scans it
    while status(&url, "fleet").await.unwrap().running == 0 {
        assert!(Instant::now() < deadline, "the worker never took a job");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    let store = Store::open(&url).await.unwrap();
    assert_eq!(store.count().await.unwrap(), (0, 0), "still scanning the slow image when stopped");
    let pid = stopped.id().to_string();
    let term = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    assert!(term.success());
    let told = Instant::now();
    let out = tokio::task::spawn_blocking(move || finish(stopped, "the stopped worker")).await.unwrap();
    let took = told.elapsed();
    assert!(took < Duration::from_secs(30), "SIGTERM to exit: {took:?}, past a 30 s grace period");
    // "worker stopped: N scanned, …": it finished the scan it had started, and took nothing after it
    let scanned_first: u64 =
        out.split(": ").nth(1).and_then(|s| s.split(' ').next()).and_then(|n| n.parse().ok()).unwrap();
    assert!(scanned_first <= 1, "took new jobs after SIGTERM: {out}");
    let after_stop = status(&url, "fleet").await.unwrap();
    assert_eq!(after_stop.running, 0, "no job left held by the stopped worker: {after_stop:?} {out}");
    assert_eq!(after_stop.done, scanned_first, "{after_stop:?} {out}");
    assert_eq!(store.count().await.unwrap(), (scanned_first, 0));

    // another worker scans what is left, at once (no lease to wait for)
    let started = Instant::now();
    let rest = finish(worker(&url, "rest", "1500", true), "rest");
    let scanned_rest: u64 =
        rest.split(": ").nth(1).and_then(|s| s.split(' ').next()).and_then(|n| n.parse().ok()).unwrap();
    assert_eq!(scanned_first + scanned_rest, 5, "each image scanned once: {out}{rest}");
    assert_eq!(status(&url, "fleet").await.unwrap(), QueueStatus { done: 5, ..Default::default() });
    assert_eq!(store.count().await.unwrap(), (5, 0));
    assert!(store.images().await.unwrap().iter().all(|i| i.status == "scanned"));
    eprintln!("stopped worker: {out}rest: {rest} in {:?}", started.elapsed());
    store.close().await;
}
