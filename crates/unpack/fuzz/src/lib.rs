//! Shared drivers of the fuzz targets: one format's identify + extract, or the whole engine, under small
//! limits so that every input finishes quickly and memory stays bounded.
#![forbid(unsafe_code)]

use std::time::Duration;

use bytes::Bytes;
use fwassure_unpack::formats::REGISTRY;
use fwassure_unpack::{Budget, Ctx, Limits, Output};

/// Limits small enough for fuzzing: a bomb stops at a few MiB, a run at a few seconds.
pub fn limits() -> Limits {
    Limits {
        max_depth: 4,
        max_total_bytes: 64 << 20,
        max_files: 20_000,
        max_layers: 64,
        max_stream_bytes: 16 << 20,
        max_ratio: 50,
        ratio_floor_bytes: 1 << 20,
        time_budget: Duration::from_secs(5),
    }
}

/// Identify + extract `data` as the named format (looked up in the registry), and walk the result.
pub fn run_format(name: &str, data: &[u8]) {
    let f = REGISTRY.iter().find(|f| f.name() == name).unwrap_or_else(|| panic!("format {name} is not registered"));
    let Some(id) = f.identify(data) else { return };
    // the engine cuts the input to the identified size; do the same
    let end = id.size.map(|s| s.min(data.len() as u64) as usize).unwrap_or(data.len());
    let bytes = Bytes::copy_from_slice(&data[..end]);
    let budget = Budget::new(limits());
    let mut ctx = Ctx::new(&budget);
    if let Ok(e) = f.extract(&bytes, &mut ctx) {
        if let Some(c) = e.consumed {
            assert!(c <= bytes.len() as u64, "{name}: consumed {c} > {}", bytes.len());
        }
        match e.output {
            Output::Tree(t) => {
                for (p, _) in t.iter() {
                    assert!(p.starts_with('/'), "{name}: tree path {p:?} is not absolute");
                    assert!(!p.split('/').any(|c| c == ".." || c == "."), "{name}: tree path {p:?} not normalised");
                    let _ = t.resolve(p);
                }
            }
            Output::Streams(s) => {
                let total: usize = s.iter().map(|s| s.data.len()).sum();
                assert!(total as u64 <= limits().max_total_bytes + bytes.len() as u64, "{name}: streams exceed limit");
            }
        }
    }
}

/// The whole engine on `data`, under the fuzzing limits.
pub fn run_engine(data: &[u8]) {
    let vfs = fwassure_unpack::unpack_with(Bytes::copy_from_slice(data), &limits());
    assert!(vfs.layers.len() <= limits().max_layers + 1);
}
