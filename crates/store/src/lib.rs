//! The fwassure results store.
//!
//! A fleet owner's questions — which images share a private key or a default password, which products still
//! ship a vulnerable OpenSSL, how many images fail EN 18031 ACM-1 — must be queries, not rescans. The store
//! keeps each image's identity and its whole `fwassure.report/v1` report, and indexes what those questions
//! need: components, vulnerabilities, findings with the fingerprints of keys, certificates, password hashes
//! and secrets, and the verdict per requirement.
//!
//! One schema (`migrations/`, applied on [`Store::open`]) and one set of queries serve both engines through
//! sqlx's `Any` driver:
//!
//! - **SQLite**, the default: a file, nothing to install (`fleet.db`, `sqlite://fleet.db`);
//! - **PostgreSQL** for teams and clusters (`postgres://user@host/db`), where many workers write at once.
//!
//! ```no_run
//! # async fn demo(report: fwassure_model::Report) -> Result<(), fwassure_store::Error> {
//! use fwassure_store::{ImageMeta, Store};
//! let store = Store::open("fleet.db").await?;
//! let meta = ImageMeta::for_report(&report, "acme/cam1/cam1-1.2.bin", 812);
//! store.put_report(&meta, &report).await?;
//! for s in store.shared_secrets(2).await? {
//!     println!("{} in {} images", s.fingerprint, s.images.len());
//! }
//! # Ok(()) }
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod meta;
mod query;
mod rows;
mod write;

pub use meta::{split_fleet_path, ImageMeta};
pub use rows::{ComponentCount, ImageRow, SharedSecret, SharedSecretImage, VerdictCount, VulnCount};

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, ConnectOptions, Executor};
use std::str::FromStr;
use std::time::Duration;

/// What can go wrong with the store.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The store URL names no engine we support.
    #[error("unsupported store {0:?}: give a file path, sqlite://PATH or postgres://…")]
    Url(String),
    /// The database refused a statement or the connection.
    #[error("store: {0}")]
    Db(#[from] sqlx::Error),
    /// The schema could not be brought up to date.
    #[error("store migration: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// A stored report could not be read back.
    #[error("stored report of {image}: {message}")]
    Report {
        /// Image sha256.
        image: String,
        /// What failed.
        message: String,
    },
}

/// Which engine a store runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// A SQLite file.
    Sqlite,
    /// A PostgreSQL server.
    Postgres,
}

/// A connection pool to one results store.
#[derive(Debug, Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    url: String,
}

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// Turns what a user typed (`fleet.db`, `sqlite://fleet.db`, `postgres://…`) into a database URL and its engine.
pub fn resolve_url(store: &str) -> Result<(String, Backend), Error> {
    if store.starts_with("postgres://") || store.starts_with("postgresql://") {
        return Ok((store.to_string(), Backend::Postgres));
    }
    if let Some(rest) = store.strip_prefix("sqlite:") {
        let url = if rest.contains("mode=") {
            store.to_string()
        } else if rest.contains('?') {
            format!("{store}&mode=rwc")
        } else {
            format!("{store}?mode=rwc")
        };
        return Ok((url, Backend::Sqlite));
    }
    if store.contains("://") {
        return Err(Error::Url(store.to_string()));
    }
    Ok((format!("sqlite://{store}?mode=rwc"), Backend::Sqlite))
}

impl Store {
    /// Opens (creating a SQLite file if needed) the store and brings its schema up to date.
    pub async fn open(store: &str) -> Result<Store, Error> {
        Store::open_with(store, 8).await
    }

    /// [`Store::open`] with at most `connections` pooled connections.
    pub async fn open_with(store: &str, connections: u32) -> Result<Store, Error> {
        sqlx::any::install_default_drivers();
        let (url, backend) = resolve_url(store)?;
        let opts = AnyConnectOptions::from_str(&url)?.disable_statement_logging();
        let pool = AnyPoolOptions::new()
            .max_connections(if backend == Backend::Sqlite { connections.min(4) } else { connections })
            .acquire_timeout(Duration::from_secs(60))
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // one writer at a time, readers alongside it; wait for the writer rather than fail
                        conn.execute("PRAGMA journal_mode = WAL").await?;
                        conn.execute("PRAGMA busy_timeout = 30000").await?;
                        conn.execute("PRAGMA synchronous = NORMAL").await?;
                        conn.execute("PRAGMA foreign_keys = ON").await?;
                    }
                    Ok(())
                })
            })
            .connect_with(opts)
            .await?;
        MIGRATOR.run(&pool).await?;
        Ok(Store { pool, backend, url: redact(&url) })
    }

    /// The engine this store runs on.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The store's URL, any password replaced by `***`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The connection pool, for the job queue that lives in the same PostgreSQL database.
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Closes every pooled connection.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// A URL with its password hidden, for messages.
fn redact(url: &str) -> String {
    match (url.find("://"), url.find('@')) {
        (Some(s), Some(at)) if at > s => {
            let cred = &url[s + 3..at];
            match cred.find(':') {
                Some(c) => format!("{}{}:***{}", &url[..s + 3], &cred[..c], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_resolve() {
        assert_eq!(resolve_url("fleet.db").unwrap(), ("sqlite://fleet.db?mode=rwc".into(), Backend::Sqlite));
        assert_eq!(resolve_url("sqlite://x.db").unwrap().0, "sqlite://x.db?mode=rwc");
        assert_eq!(resolve_url("sqlite://x.db?mode=ro").unwrap().0, "sqlite://x.db?mode=ro");
        assert_eq!(resolve_url("postgres://u@h/db").unwrap().1, Backend::Postgres);
        assert!(resolve_url("mysql://h/db").is_err());
        assert_eq!(redact("postgres://u:secret@h/db"), "postgres://u:***@h/db");
        assert_eq!(redact("postgres://u@h/db"), "postgres://u@h/db");
    }
}
