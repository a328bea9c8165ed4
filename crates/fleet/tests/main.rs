//! Fleet runs over self-built images with planted reuse: every reuse found and nothing else, resumable,
//! failures said, the same answers on SQLite and PostgreSQL, and the renderings safe.
//!
//! PostgreSQL: `FWASSURE_TEST_POSTGRES` as in the store tests (skipped without it unless
//! `FWASSURE_REQUIRE_POSTGRES=1`).

mod fixtures;
#[path = "../../store/tests/pg.rs"]
mod pg;
mod run;
