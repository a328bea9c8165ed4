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
        max_failed_candidates: 64,
    }
}

/// Identify + extract `data` as the named format (looked up in the registry), and walk the result.
pub fn run_format(name: &str, data: &[u8]) {
    let f = REGISTRY.iter().find(|f| f.name() == name).unwrap_or_else(|| panic!("format {name} is not registered"));
    run(*f, name, data);
}

/// [`run_format`] for a format given directly (two formats may share a report name: squashfs 4.0 and 1.x-3.x).
pub fn run(f: &dyn fwassure_unpack::Format, name: &str, data: &[u8]) {
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
                // files read on demand are read here, as the content pass would
                for (p, _, d) in t.files() {
                    let got = d.read_lossy();
                    assert!(got.len() as u64 <= d.len(), "{name}: {p} reads {} bytes, {} recorded", got.len(), d.len());
                }
            }
            Output::Streams(s) => {
                let total: usize = s.iter().map(|s| s.data.len()).sum();
                assert!(total as u64 <= limits().max_total_bytes + bytes.len() as u64, "{name}: streams exceed limit");
            }
        }
    }
}

/// The whole engine on `data`, under the fuzzing limits; on odd-length inputs, the analysis mode that gives
/// container bytes back early (it must find the same layers as unpacking and releasing at the end).
pub fn run_engine(data: &[u8]) {
    let image = Bytes::copy_from_slice(data);
    let mut vfs = fwassure_unpack::unpack_with(image.clone(), &limits());
    assert!(vfs.layers.len() <= limits().max_layers + 1);
    if data.len() % 2 == 1 {
        let early = fwassure_unpack::unpack_for_analysis(image, &limits());
        vfs.release_container_data();
        let shape = |v: &fwassure_model::Vfs| -> Vec<(String, String, u64, u64, usize, usize)> {
            v.layers.iter().map(|l| (l.id.clone(), l.format.clone(), l.offset, l.size, l.data.len(), l.file_count())).collect()
        };
        // the time budget may cut one run and not the other: compare only complete runs
        let timed_out = |v: &fwassure_model::Vfs| v.all_problems().iter().any(|p| p.message.contains("time"));
        if !timed_out(&vfs) && !timed_out(&early) {
            assert_eq!(shape(&early), shape(&vfs), "early release changed the layers");
        }
    }
}

/// Paths the catalog and the checks read with their own parsers (accounts, startup chain, web-server and
/// SSH configs, keys, certificates, package databases, binaries).
const STAGE_PATHS: &[&str] = &[
    "/etc/shadow",
    "/etc/passwd",
    "/etc/inittab",
    "/etc/inetd.conf",
    "/etc/init.d/S50svc",
    "/etc/nginx/nginx.conf",
    "/etc/lighttpd/lighttpd.conf",
    "/etc/config/uhttpd",
    "/etc/ssh/sshd_config",
    "/etc/ssl/private/server.key",
    "/etc/ssl/certs/server.crt",
    "/usr/lib/opkg/status",
    "/var/lib/dpkg/status",
    "/etc/os-release",
    "/www/.well-known/security.txt",
    "/usr/bin/app",
    "/lib/libcrypto.so.3",
];

/// The catalog and the checks (stages 2 and 3) over a tree built from `data`: the input is split at
/// 0x00 0x00 0xff 0xff markers into the contents of [`STAGE_PATHS`], and one symlink loop is added.
pub fn run_stages(data: &[u8]) {
    use fwassure_model::{Node, Tree, Vfs};
    let mut tree = Tree::new();
    let mut parts = Vec::new();
    let mut rest = data;
    while let Some(i) = rest.windows(4).position(|w| w == [0, 0, 0xff, 0xff]) {
        parts.push(&rest[..i]);
        rest = &rest[i + 4..];
    }
    parts.push(rest);
    for (i, part) in parts.iter().enumerate().take(STAGE_PATHS.len()) {
        let mut n = Node::file(Bytes::copy_from_slice(part));
        n.mode = if i == 4 { 0o777 } else { 0o755 };
        let _ = tree.insert(STAGE_PATHS[i], n);
    }
    let _ = tree.insert("/bin/sh", Node::symlink("/bin/sh"));
    let vfs = Vfs::from_tree("squashfs", tree);
    let components = fwassure_catalog::catalog(&vfs);
    let opts = fwassure_checks::CheckOptions { crack_budget_ms: 200, now: Some(1_700_000_000), common_passwords: 20, crack_work_us: 20_000 };
    let out = fwassure_checks::run_checks(&vfs, &components, &opts);
    for f in &out.findings {
        assert!(f.path.starts_with('/'), "finding path {:?} is not absolute", f.path);
    }
}
