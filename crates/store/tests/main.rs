//! The results store on SQLite and, where a server is given, on PostgreSQL: reports go in and come back
//! whole, rescans replace, failures never hide a good scan, and the fleet queries give the same answers on
//! both engines.
//!
//! PostgreSQL: `FWASSURE_TEST_POSTGRES=postgres://user:pw@host/postgres` (an account that may create
//! databases; `scripts/postgres-test-server.sh` starts one and prints it). Each test makes its own database.
//! Without it the PostgreSQL half is skipped, unless `FWASSURE_REQUIRE_POSTGRES=1` (CI) makes that a failure.

mod pg;
mod store;
