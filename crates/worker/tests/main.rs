//! The worker crate against a real PostgreSQL server (`FWASSURE_TEST_POSTGRES`, see
//! `scripts/postgres-test-server.sh`; skipped without it unless `FWASSURE_REQUIRE_POSTGRES=1`), and the
//! Kubernetes manifests.

mod compare;
mod deploy;
mod fixtures;
#[path = "../../store/tests/pg.rs"]
mod pg;
mod queue;
mod s3;
#[path = "../../fleet/tests/s3server.rs"]
mod s3server;
