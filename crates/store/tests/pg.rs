//! A fresh PostgreSQL database per test, when a server is configured.
//!
//! Shared (by `#[path]`) by the tests of the store, fleet, worker and CLI crates.
#![allow(dead_code)]

use sqlx::{Connection, Executor};
use std::sync::atomic::{AtomicU32, Ordering};

static NEXT: AtomicU32 = AtomicU32::new(0);

/// The URL of a new, empty database on the test server, or `None` when no server is configured (a failure
/// when `FWASSURE_REQUIRE_POSTGRES=1`).
pub async fn fresh_database(prefix: &str) -> Option<String> {
    let Ok(admin) = std::env::var("FWASSURE_TEST_POSTGRES") else {
        assert!(
            std::env::var_os("FWASSURE_REQUIRE_POSTGRES").is_none(),
            "FWASSURE_REQUIRE_POSTGRES is set but FWASSURE_TEST_POSTGRES is not"
        );
        eprintln!("FWASSURE_TEST_POSTGRES not set: PostgreSQL test skipped");
        return None;
    };
    let name = format!("fwassure_{prefix}_{}_{}", std::process::id(), NEXT.fetch_add(1, Ordering::SeqCst));
    let mut conn = sqlx::PgConnection::connect(&admin)
        .await
        .unwrap_or_else(|e| panic!("connect to FWASSURE_TEST_POSTGRES={admin:?}: {e}"));
    conn.execute(sqlx::AssertSqlSafe(format!("DROP DATABASE IF EXISTS {name}"))).await.unwrap();
    conn.execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}"))).await.unwrap();
    let base = admin.rsplit_once('/').map(|(b, _)| b).unwrap_or(&admin);
    Some(format!("{base}/{name}"))
}
