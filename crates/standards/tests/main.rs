//! All integration tests of this crate, as modules of one test binary: one link instead of one per file
//! keeps the test build short. Each module is one concern (a format, a consumer, a command); add a file
//! and one `mod` line here.

mod assess;
mod catalogs;
mod en18031;
mod iotsf_ids;
mod mapping;
mod rule_requirements;
