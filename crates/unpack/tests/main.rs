//! All integration tests of this crate, as modules of one test binary: one link instead of one per file
//! keeps the test build short. Each module is one concern (a format, a consumer, a command); add a file
//! and one `mod` line here.

mod common;

mod android_sparse;
mod ar;
mod cramfs;
mod engine;
mod fit;
mod formats;
mod fuzz_regressions;
mod hostile;
mod jffs2;
mod lzma_variants;
mod ole;
mod ondemand;
mod rar;
mod romfs;
mod ros;
mod rtos;
mod sevenzip;
mod squashfs_legacy;
mod trx;
mod ubi;
mod ubi_sample;
mod vendor;
mod yaffs2;
mod zip;
