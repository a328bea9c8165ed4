//! fwassure workers on any number of machines.
//!
//! A fleet too big for one machine is scanned by workers that take images from a queue held in the same
//! PostgreSQL database as the results store, and write their results to that store. The queue is
//! [apalis](https://docs.rs/apalis) over PostgreSQL ([`apalis_postgres`]), a maintained job-queue library:
//! its tables live in the `apalis` schema beside the store's tables.
//!
//! - [`submit`] queues one job per image: `{"path": "/shared/fleet/acme/cam/cam-1.2.bin", "rel":
//!   "acme/cam/cam-1.2.bin"}` — where the image is on the file system every worker sees, and its fleet name.
//! - [`work`] runs a worker: `concurrency` images at a time, each through [`fwassure_fleet::scan_into`]
//!   (skip by hash, failures and panics recorded in the store). A scan that fails is a *done* job: the store
//!   holds the failure. Only an infrastructure fault (the store cannot be written or reached) makes the job
//!   fail and be retried. The worker sends a heartbeat every quarter lease; a worker silent for a whole
//!   lease is dead, and the jobs it held are queued again by the next live worker's heartbeat. SIGTERM or
//!   Ctrl-C stops taking jobs, finishes the ones running and hands back the ones not started.
//! - [`status`] counts the jobs of a queue: pending, running, done, failed.
//!
//! ```no_run
//! # async fn demo() -> Result<(), fwassure_worker::Error> {
//! use fwassure_worker::{submit, work, WorkerOptions};
//! let store = "postgres://fwassure@db/fleet";
//! let targets = fwassure_fleet::collect(&["/shared/fleet".into()]).expect("readable folder");
//! submit(store, "fleet", &targets).await?;
//! let summary = work(store, "fleet", &WorkerOptions { exit_when_idle: true, ..Default::default() }).await?;
//! println!("{} scanned here", summary.scanned);
//! # Ok(()) }
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod job;
mod queue;
mod run;

pub use job::{ImageJob, JobOutcome};
pub use queue::{status, submit, QueueStatus};
pub use run::{work, work_until, WorkSummary, WorkerOptions};

/// What can go wrong with the queue or a worker.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The queue lives in PostgreSQL; a SQLite store has none.
    #[error("the job queue needs a PostgreSQL store (postgres://…), not {0:?}; scan locally with `fleet scan`")]
    NotPostgres(String),
    /// The results store could not be opened.
    #[error(transparent)]
    Store(#[from] fwassure_store::Error),
    /// The queue's database refused a statement or the connection.
    #[error("job queue: {0}")]
    Db(#[from] sqlx::Error),
    /// The queue library failed (its schema, a push, a heartbeat).
    #[error("job queue: {0}")]
    Queue(#[from] apalis_postgres::Error),
    /// The worker stopped on an error of the queue.
    #[error("worker: {0}")]
    Worker(#[from] apalis::prelude::WorkerError),
    /// A job could not be encoded.
    #[error("job: {0}")]
    Job(#[from] serde_json::Error),
    /// An image path could not be made absolute.
    #[error("image {path}: {source}")]
    Path {
        /// The path as given.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// A queue name that is empty or too long.
    #[error("queue name {0:?}: give 1 to 64 letters, digits, '-', '_' or '.'")]
    QueueName(String),
    /// The shutdown signals could not be installed.
    #[error("signal handler: {0}")]
    Signal(std::io::Error),
}
