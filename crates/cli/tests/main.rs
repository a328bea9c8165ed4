//! All integration tests of this crate, as modules of one test binary: one link instead of one per file
//! keeps the test build short. Each module is one concern (a format, a consumer, a command); add a file
//! and one `mod` line here.

mod common;
#[path = "../../store/tests/pg.rs"]
mod pg;

mod assess;
mod corpus_trees;
mod diff;
mod fleet;
mod fleet_corpus;
mod gate;
mod html;
mod sbom_vex;
mod worker;
