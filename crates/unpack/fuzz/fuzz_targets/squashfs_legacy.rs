//! Fuzz the squashfs 1.x-3.x parser (`squashfs_legacy`): identify + extract under small limits.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| fwassure_unpack_fuzz::run(
    &fwassure_unpack::formats::squashfs_legacy::SquashfsLegacy,
    "squashfs_legacy",
    data
));
