//! Fuzz the catalog and the checks (stages 2 and 3) over a tree built from the input.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| fwassure_unpack_fuzz::run_stages(data));
