//! `fwassure worker --store postgres://… --queue NAME [--jobs N] [--lease-secs S] [--exit-when-idle]`: take
//! images from the queue and scan them into the store; `fwassure queue submit DIR|LIST… --store … --queue …`
//! and `fwassure queue status …`: fill the queue, count its jobs.

use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context;
use fwassure_fleet::FleetOptions;
use fwassure_pipeline::ScanOptions;
use fwassure_worker::WorkerOptions;

/// Where the queue is: the PostgreSQL results store and the queue's name in it.
#[derive(Debug, Clone, clap::Args)]
pub struct QueueArgs {
    /// The results store, a PostgreSQL URL (postgres://user:password@host/db); the queue lives in it.
    #[arg(long, value_name = "URL")]
    pub store: String,
    /// The queue's name (letters, digits, '-', '_', '.').
    #[arg(long, value_name = "NAME", default_value = "fleet")]
    pub queue: String,
}

/// Where `s3://bucket/prefix` images are (credentials and region from the usual `AWS_*` variables).
#[derive(Debug, Clone, clap::Args)]
pub struct ObjectArgs {
    /// Endpoint of an S3-compatible object store (MinIO, Ceph RGW, …) for `s3://bucket/prefix` images, e.g.
    /// http://minio:9000; default AWS S3 (or AWS_ENDPOINT_URL). Credentials and region: AWS_ACCESS_KEY_ID,
    /// AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_REGION.
    #[arg(long, value_name = "URL", env = fwassure_fleet::objects::ENDPOINT_ENV)]
    pub s3_endpoint: Option<String>,
}

impl ObjectArgs {
    /// The fleet crate's options.
    pub fn options(&self) -> fwassure_fleet::ObjectOptions {
        fwassure_fleet::ObjectOptions { endpoint: self.s3_endpoint.clone(), ..Default::default() }
    }
}

/// Arguments of `worker`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Store and queue.
    #[command(flatten)]
    pub queue: QueueArgs,
    /// Images scanned at once (each scan also uses every core for its own files).
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub jobs: usize,
    /// Seconds a silent worker keeps its jobs: past that it is taken for dead and its jobs are queued again.
    /// Heartbeats go every quarter of it.
    #[arg(long, value_name = "S", default_value_t = 60)]
    pub lease_secs: u64,
    /// Stop once the queue holds no pending or running job (batch jobs, Kubernetes Jobs, tests).
    #[arg(long)]
    pub exit_when_idle: bool,
    /// Scan images the store already holds again.
    #[arg(long)]
    pub rescan: bool,
    /// Scan images whose earlier scan failed again.
    #[arg(long)]
    pub retry_failed: bool,
    /// Fixed assessment date and certificate expiry instant (SOURCE_DATE_EPOCH, else 2025-01-01), `elapsed_ms:
    /// 0`: the same report on every worker and every run.
    #[arg(long)]
    pub reproducible: bool,
    /// Vulnerability store to use with the bundled starter set (default: the user's store when present).
    #[arg(long, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Password-audit effort per account, in milliseconds of one core (as `scan --password-work`).
    #[arg(long, value_name = "MS", default_value_t = fwassure_checks::CheckOptions::default().crack_work_us / 1000)]
    pub password_work: u64,
    /// The worker's name in the queue (default HOST-PID-NANOS; must be unique among running workers).
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// Object store of `s3://` images.
    #[command(flatten)]
    pub objects: ObjectArgs,
}

/// Arguments of `queue`.
#[derive(Debug, clap::Args)]
pub struct QueueCommand {
    /// What to do with the queue.
    #[command(subcommand)]
    pub action: QueueAction,
}

/// What to do with the queue.
#[derive(Debug, clap::Subcommand)]
pub enum QueueAction {
    /// Queue one job per image under folders, in list files, or given as files.
    Submit(Submit),
    /// Count the queue's jobs: pending, running, done, failed.
    Status {
        /// Store and queue.
        #[command(flatten)]
        queue: QueueArgs,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

/// Arguments of `queue submit` (and of `fleet submit`).
#[derive(Debug, clap::Args)]
pub struct Submit {
    /// Folders of images (`VENDOR/PRODUCT/…/FILE`), list files of paths, or images, on the file system every
    /// worker mounts at the same path; or `s3://bucket/prefix` (every object under it) in an object store
    /// every worker reaches.
    #[arg(required = true, value_name = "DIR|LIST|IMAGE|s3://BUCKET/PREFIX")]
    pub inputs: Vec<PathBuf>,
    /// Store and queue.
    #[command(flatten)]
    pub queue: QueueArgs,
    /// Object store of `s3://` inputs.
    #[command(flatten)]
    pub objects: ObjectArgs,
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread().enable_all().build().context("cannot start the async runtime")
}

/// Run `worker`: until SIGTERM/Ctrl-C (running jobs are finished first) or, with `--exit-when-idle`, until
/// the queue is empty; prints what this worker did.
pub fn run(a: Args) -> anyhow::Result<i32> {
    let now = if a.reproducible { Some(fwassure_pipeline::reproducible_now()?) } else { None };
    let opts = WorkerOptions {
        concurrency: a.jobs.max(1),
        lease_secs: a.lease_secs,
        fleet: FleetOptions {
            scan: ScanOptions {
                reproducible: a.reproducible,
                now,
                db: a.db.clone(),
                password_work_ms: Some(a.password_work),
                ..Default::default()
            },
            jobs: a.jobs.max(1),
            rescan: a.rescan,
            retry_failed: a.retry_failed,
            objects: a.objects.options(),
        },
        exit_when_idle: a.exit_when_idle,
        poll_interval: Duration::from_secs(1),
        name: a.name.clone(),
    };
    let s = runtime()?.block_on(fwassure_worker::work(&a.queue.store, &a.queue.queue, &opts))?;
    println!(
        "worker {}: {} scanned, {} already stored, {} failed (recorded), {} handed back, {} unreadable, in {:.1} s",
        s.worker,
        s.scanned,
        s.skipped,
        s.failed,
        s.retried,
        s.unreadable,
        s.elapsed_ms as f64 / 1000.0
    );
    Ok(0)
}

/// Run `queue submit` / `fleet submit`: one job per image; prints how many were queued.
pub fn submit(a: Submit) -> anyhow::Result<i32> {
    let rt = runtime()?;
    let targets = rt
        .block_on(fwassure_fleet::collect_sources(&a.inputs, &a.objects.options()))
        .map_err(|e| anyhow::anyhow!(e))
        .context("cannot read the inputs")?;
    if targets.is_empty() {
        anyhow::bail!("no image under {:?}", a.inputs);
    }
    let n = rt.block_on(fwassure_worker::submit(&a.queue.store, &a.queue.queue, &targets))?;
    println!("{n} images queued on {}", a.queue.queue);
    Ok(0)
}

/// Run `queue`.
pub fn run_queue(a: QueueCommand) -> anyhow::Result<i32> {
    match a.action {
        QueueAction::Submit(s) => submit(s),
        QueueAction::Status { queue, json } => {
            let s = runtime()?.block_on(fwassure_worker::status(&queue.store, &queue.queue))?;
            if json {
                println!("{}", serde_json::to_string(&s)?);
            } else {
                println!(
                    "{}: {} pending, {} running, {} done, {} failed",
                    queue.queue, s.pending, s.running, s.done, s.failed
                );
            }
            Ok(0)
        }
    }
}
