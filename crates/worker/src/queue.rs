//! The queue in PostgreSQL: connecting, pushing jobs, counting them.

use crate::{Error, ImageJob};
use apalis::prelude::TaskBuilder;
use apalis_postgres::{PgPool, PgTask, PostgresStorage};
use fwassure_fleet::Target;
use fwassure_store::{resolve_url, Backend};
use serde::Serialize;
use sqlx::postgres::PgPoolOptions;
use sqlx::Row;
use std::time::Duration;

/// Attempts of one job before the queue gives up on it: each infrastructure fault or lost worker spends one.
pub(crate) const MAX_ATTEMPTS: usize = 10;

/// Jobs pushed in one statement.
const PUSH_CHUNK: usize = 1000;

/// The queue's connection pool on the store's PostgreSQL database, the queue's schema brought up to date.
pub(crate) async fn connect(store: &str, connections: u32) -> Result<PgPool, Error> {
    let (url, backend) = resolve_url(store)?;
    if backend != Backend::Postgres {
        return Err(Error::NotPostgres(store.to_string()));
    }
    let pool = PgPoolOptions::new()
        .max_connections(connections.max(2))
        .acquire_timeout(Duration::from_secs(60))
        .connect(&url)
        .await?;
    PostgresStorage::setup(&pool).await?;
    Ok(pool)
}

pub(crate) fn check_queue_name(queue: &str) -> Result<(), Error> {
    let ok = !queue.is_empty()
        && queue.len() <= 64
        && queue.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
    if ok {
        Ok(())
    } else {
        Err(Error::QueueName(queue.to_string()))
    }
}

/// Queues one job per target on `queue` of the PostgreSQL store at `store` (all of them or none: one
/// transaction), and returns how many. The store's own schema is created too, so that workers started next
/// find it. Paths are made absolute: every worker must see the images at the same paths.
pub async fn submit(store: &str, queue: &str, targets: &[Target]) -> Result<usize, Error> {
    check_queue_name(queue)?;
    let pool = connect(store, 2).await?;
    fwassure_store::Store::open_with(store, 2).await?.close().await;
    let mut tasks: Vec<PgTask> = Vec::with_capacity(targets.len());
    for t in targets {
        let job = serde_json::to_vec(&ImageJob::for_target(t)?)?;
        tasks.push(TaskBuilder::new(job).max_attempts(MAX_ATTEMPTS).build());
    }
    let count = tasks.len();
    let mut tx = pool.begin().await?;
    let mut rest = tasks;
    while !rest.is_empty() {
        let tail = rest.split_off(rest.len().min(PUSH_CHUNK));
        apalis_postgres::queries::push_tasks(&mut *tx, queue, rest).await?;
        rest = tail;
    }
    tx.commit().await?;
    pool.close().await;
    Ok(count)
}

/// How the jobs of one queue stand.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct QueueStatus {
    /// Waiting for a worker (new, or to be retried).
    pub pending: u64,
    /// Taken by a worker (fetched or running); a dead worker's jobs stay here until its lease ends.
    pub running: u64,
    /// Finished: the image is in the store (scanned, skipped, or its failed scan recorded).
    pub done: u64,
    /// Given up: the image could not be read, or every attempt met an infrastructure fault.
    pub failed: u64,
}

impl QueueStatus {
    /// Jobs still to finish (pending or running).
    pub fn active(&self) -> u64 {
        self.pending + self.running
    }

    /// All jobs the queue holds.
    pub fn total(&self) -> u64 {
        self.pending + self.running + self.done + self.failed
    }
}

/// Counts the jobs of `queue` on the PostgreSQL store at `store`.
pub async fn status(store: &str, queue: &str) -> Result<QueueStatus, Error> {
    check_queue_name(queue)?;
    let pool = connect(store, 2).await?;
    let s = count(&pool, queue).await;
    pool.close().await;
    s
}

/// The counts, over the queue library's job table (`apalis.jobs`: one row per job, `job_type` is the queue).
pub(crate) async fn count(pool: &PgPool, queue: &str) -> Result<QueueStatus, Error> {
    let row = sqlx::query(
        "SELECT \
         COUNT(*) FILTER (WHERE status = 'Pending' OR (status = 'Failed' AND attempts < max_attempts)) AS pending, \
         COUNT(*) FILTER (WHERE status IN ('Queued', 'Running')) AS running, \
         COUNT(*) FILTER (WHERE status = 'Done') AS done, \
         COUNT(*) FILTER (WHERE status = 'Killed' OR (status = 'Failed' AND attempts >= max_attempts)) AS failed \
         FROM apalis.jobs WHERE job_type = $1",
    )
    .bind(queue)
    .fetch_one(pool)
    .await?;
    let n = |c: &str| -> Result<u64, sqlx::Error> { Ok(row.try_get::<i64, _>(c)?.max(0) as u64) };
    Ok(QueueStatus { pending: n("pending")?, running: n("running")?, done: n("done")?, failed: n("failed")? })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queue_names() {
        assert!(check_queue_name("fleet-2026.q1_a").is_ok());
        assert!(check_queue_name("").is_err());
        assert!(check_queue_name("a b").is_err());
        assert!(check_queue_name(&"q".repeat(65)).is_err());
    }

    #[tokio::test]
    async fn sqlite_has_no_queue() {
        let e = submit("fleet.db", "q", &[]).await.unwrap_err();
        assert!(matches!(e, Error::NotPostgres(_)), "{e}");
        assert!(e.to_string().contains("PostgreSQL"));
        assert!(matches!(status("sqlite://x.db", "q").await.unwrap_err(), Error::NotPostgres(_)));
        let s = QueueStatus { pending: 1, running: 2, done: 3, failed: 4 };
        assert_eq!((s.active(), s.total()), (3, 10));
    }
}
