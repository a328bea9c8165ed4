//! Fuzz the OLE2 compound file reader (the `cfb` crate under our budget): identify + extract under small limits.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| fwassure_unpack_fuzz::run_format("ole", data));
