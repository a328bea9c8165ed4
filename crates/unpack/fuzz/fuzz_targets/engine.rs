//! Fuzz the whole engine (carving, every format, recursion) under small limits.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| fwassure_unpack_fuzz::run_engine(data));
