//! A worker: takes image jobs from the queue, scans them into the store, until stopped or idle.

use crate::job::{run_job, JobError};
use crate::queue::{check_queue_name, connect, count};
use crate::{Error, ImageJob, JobOutcome};
use apalis::prelude::{
    AbortError, Attempt, BackendExt, BoxDynError, Data, Strategy, WorkerBuilder, WorkerBuilderExt, WorkerContext,
};
use apalis_postgres::{Config, PgPool, PostgresStorage};
use fwassure_fleet::FleetOptions;
use fwassure_store::Store;
use serde::Serialize;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How a worker runs.
#[derive(Debug, Clone)]
pub struct WorkerOptions {
    /// Images scanned at once (each scan also uses every core for its own files); at least 1.
    pub concurrency: usize,
    /// Seconds a worker may stay silent before it is taken for dead and the jobs it holds are queued again.
    /// Heartbeats go every quarter of it (at least every second).
    pub lease_secs: u64,
    /// How each image is scanned (scan options, rescan, retry of failed images).
    pub fleet: FleetOptions,
    /// Stop once the queue holds no pending or running job (for tests and batch jobs such as Kubernetes
    /// Jobs); otherwise wait for new jobs until stopped.
    pub exit_when_idle: bool,
    /// How often an idle worker asks the queue for a job.
    pub poll_interval: Duration,
    /// The worker's name in the queue (unique per process); default `HOST-PID-NANOS`.
    pub name: Option<String>,
}

impl Default for WorkerOptions {
    fn default() -> Self {
        WorkerOptions {
            concurrency: 1,
            lease_secs: 60,
            fleet: FleetOptions::default(),
            exit_when_idle: false,
            poll_interval: Duration::from_secs(1),
            name: None,
        }
    }
}

impl WorkerOptions {
    /// Heartbeat interval and the number of missed heartbeats that make the lease, as the queue takes them.
    fn heartbeat(&self) -> (Duration, usize) {
        let lease = self.lease_secs.max(2);
        let every = (lease / 4).max(1);
        (Duration::from_secs(every), lease.div_ceil(every) as usize)
    }
}

/// What one worker did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct WorkSummary {
    /// The worker's name in the queue.
    pub worker: String,
    /// Images scanned and stored.
    pub scanned: u64,
    /// Images the store already held.
    pub skipped: u64,
    /// Images whose scan failed (the failure is in the store).
    pub failed: u64,
    /// Jobs handed back for a retry (infrastructure faults).
    pub retried: u64,
    /// Jobs given up (the image cannot be read).
    pub unreadable: u64,
    /// Wall time, milliseconds.
    pub elapsed_ms: u64,
}

struct Shared {
    store: Store,
    fleet: FleetOptions,
    summary: Mutex<WorkSummary>,
}

impl Shared {
    fn tally(&self, f: impl FnOnce(&mut WorkSummary)) {
        if let Ok(mut s) = self.summary.lock() {
            f(&mut s);
        }
    }
}

/// The job handler: the scan's result, an error the queue retries, or an abort it does not.
async fn handle(job: ImageJob, attempt: Attempt, shared: Data<Arc<Shared>>) -> Result<JobOutcome, BoxDynError> {
    match run_job(&shared.store, &job, &shared.fleet).await {
        Ok(outcome) => {
            shared.tally(|s| match &outcome {
                JobOutcome::Scanned { .. } => s.scanned += 1,
                JobOutcome::Skipped { .. } => s.skipped += 1,
                JobOutcome::Failed { .. } => s.failed += 1,
            });
            Ok(outcome)
        }
        Err(JobError::Unreadable(e)) => {
            shared.tally(|s| s.unreadable += 1);
            eprintln!("fwassure worker: {}: given up: {e}", job.rel);
            Err(Box::new(AbortError::new(JobFault(e))))
        }
        Err(JobError::Infrastructure(e)) => {
            shared.tally(|s| s.retried += 1);
            eprintln!("fwassure worker: {}: will be retried: {e}", job.rel);
            // the queue hands a failed job out again at once: wait a little, longer each attempt, so that an
            // outage of a few seconds does not spend every attempt
            let wait = 2u64.saturating_pow(attempt.current().min(5) as u32).min(30);
            tokio::time::sleep(Duration::from_secs(wait)).await;
            Err(Box::new(JobFault(e)))
        }
    }
}

/// A job's fault, as the queue records it.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
struct JobFault(String);

/// Runs a worker on `queue` of the PostgreSQL store at `store` until SIGTERM or Ctrl-C (jobs running then
/// are finished, jobs fetched but not started handed back) or, with [`WorkerOptions::exit_when_idle`], until
/// the queue is empty.
pub async fn work(store: &str, queue: &str, opts: &WorkerOptions) -> Result<WorkSummary, Error> {
    let signals = shutdown_signal()?;
    work_until(store, queue, opts, signals).await
}

/// Resolves on SIGTERM or SIGINT.
fn shutdown_signal() -> Result<impl Future<Output = ()> + Send + 'static, Error> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let mut term = signal(SignalKind::terminate()).map_err(Error::Signal)?;
        let mut int = signal(SignalKind::interrupt()).map_err(Error::Signal)?;
        Ok(async move {
            tokio::select! {
                _ = term.recv() => {}
                _ = int.recv() => {}
            }
        })
    }
    #[cfg(not(unix))]
    {
        Ok(async move {
            let _ = tokio::signal::ctrl_c().await;
        })
    }
}

/// [`work`], stopping (gracefully, as on SIGTERM) when `shutdown` resolves.
pub async fn work_until<F>(store: &str, queue: &str, opts: &WorkerOptions, shutdown: F) -> Result<WorkSummary, Error>
where
    F: Future<Output = ()> + Send + 'static,
{
    check_queue_name(queue)?;
    let start = Instant::now();
    let concurrency = opts.concurrency.max(1);
    let pool = connect(store, concurrency as u32 + 4).await?;
    let results = Store::open_with(store, concurrency as u32 + 2).await?;
    let (every, missed) = opts.heartbeat();
    let config = Config::default()
        .queue(queue)
        // one job per fetch: a worker holds only what it runs, the rest stays for the other workers
        .batch_size(1)
        .heartbeat_interval(every)
        .missed_heartbeats(missed);
    let backend = PostgresStorage::<ImageJob>::new(&pool)
        .with_config(config)
        .poll_with_strategy(Strategy::new().interval(opts.poll_interval));
    let name = opts.name.clone().unwrap_or_else(default_name);
    let ctx = WorkerContext::new(&name);
    let shared = Arc::new(Shared {
        store: results.clone(),
        fleet: opts.fleet.clone(),
        summary: Mutex::new(WorkSummary { worker: name.clone(), ..Default::default() }),
    });
    let worker = WorkerBuilder::new(&ctx).backend(backend).concurrency(concurrency).data(shared.clone()).build(handle);

    let stopper = tokio::spawn(stop_when(
        ctx.clone(),
        shutdown,
        opts.exit_when_idle.then(|| (pool.clone(), queue.to_string(), opts.poll_interval)),
    ));
    let ran = worker.run().await;
    stopper.abort();
    results.close().await;
    pool.close().await;
    ran?;
    let mut summary = shared.summary.lock().map(|s| s.clone()).unwrap_or_default();
    summary.elapsed_ms = start.elapsed().as_millis() as u64;
    Ok(summary)
}

/// Stops the worker when `shutdown` resolves or, when `idle` is given, once the queue has no pending or
/// running job left (a dead worker's job counts as running until its lease ends and another worker takes
/// it, so an idle worker waits for it).
async fn stop_when<F>(ctx: WorkerContext, shutdown: F, idle: Option<(PgPool, String, Duration)>)
where
    F: Future<Output = ()> + Send + 'static,
{
    let drained = async {
        let Some((pool, queue, every)) = idle else { return std::future::pending::<()>().await };
        loop {
            tokio::time::sleep(every).await;
            match count(&pool, &queue).await {
                Ok(s) if s.active() == 0 => return,
                Ok(_) => {}
                Err(e) => eprintln!("fwassure worker: queue status: {e}"),
            }
        }
    };
    tokio::select! {
        _ = shutdown => {}
        _ = drained => {}
    }
    // the worker may not have started yet: ask until it takes the stop
    while ctx.stop().is_err() {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// `HOST-PID-NANOS`: unique per process, readable in the queue's worker table.
fn default_name() -> String {
    let host = std::env::var("HOSTNAME")
        .ok()
        .filter(|h| !h.is_empty())
        .or_else(|| std::fs::read_to_string("/etc/hostname").ok().map(|h| h.trim().to_string()))
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "worker".into());
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
    format!("{host}-{}-{nanos:09}", std::process::id())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lease_makes_heartbeats() {
        let with = |lease_secs| WorkerOptions { lease_secs, ..Default::default() }.heartbeat();
        assert_eq!(with(60), (Duration::from_secs(15), 4));
        assert_eq!(with(3), (Duration::from_secs(1), 3));
        assert_eq!(with(0), (Duration::from_secs(1), 2));
        assert_eq!(with(10), (Duration::from_secs(2), 5));
        let a = default_name();
        assert!(a.contains(&format!("-{}-", std::process::id())), "{a}");
    }
}
