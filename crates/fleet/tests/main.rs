//! Fleet runs over self-built images with planted reuse: every reuse found and nothing else, resumable,
//! failures said, the same answers on SQLite and PostgreSQL, and the renderings safe.
//!
//! PostgreSQL: `FWASSURE_TEST_POSTGRES` as in the store tests (skipped without it unless
//! `FWASSURE_REQUIRE_POSTGRES=1`). S3: a moto server the test starts (see `s3server.rs`; skipped without it
//! unless `FWASSURE_REQUIRE_S3=1`).

mod fixtures;
#[path = "../../store/tests/pg.rs"]
mod pg;
mod run;
mod s3;
mod s3server;
