//! Fuzz the `ar` parser: identify + extract under small limits.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| fwassure_unpack_fuzz::run_format("ar", data));
