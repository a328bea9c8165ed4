//! `cargo run --example load -p fwassure-server -- --clients 50 --secs 60`: a server on a loopback port with
//! a fresh data folder, and `--clients` API clients submitting small images and reading for `--secs`
//! seconds; prints p50/p95/p99 latencies per endpoint, requests per second and errors (exit 1 on any error).
//! `--url URL --token T` aims it at a running server instead.

#[path = "../tests/load_driver.rs"]
mod load_driver;

#[path = "../tests/common.rs"]
mod common;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let opt = |name: &str| args.windows(2).find(|w| w[0] == name).map(|w| w[1].clone());
    let clients: usize = opt("--clients").map_or(50, |v| v.parse().expect("--clients N"));
    let secs: u64 = opt("--secs").map_or(60, |v| v.parse().expect("--secs N"));
    let jobs: usize = opt("--jobs").map_or(2, |v| v.parse().expect("--jobs N"));
    let local;
    let (base, token) = match opt("--url") {
        Some(u) => (u, opt("--token").or_else(|| std::env::var("FWASSURE_TOKEN").ok()).expect("--token T")),
        None => {
            local = common::Server::start(common::Opts { jobs, ..Default::default() });
            common::scanned(&common::agent(), &local, "load/seed/seed.cpio", &common::firmware("seed"));
            (local.base.clone(), common::TOKEN.to_string())
        }
    };
    println!("{clients} clients for {secs} s against {base}");
    let stats = load_driver::run(&base, &token, clients, secs, &|i| common::firmware(&format!("load {i}")));
    print!("{}", stats.table());
    let mut kinds: std::collections::BTreeMap<String, usize> = Default::default();
    for (label, e) in &stats.errors {
        *kinds.entry(format!("{label}: {e}")).or_default() += 1;
    }
    for (k, n) in kinds {
        println!("  {n} × {k}");
    }
    std::process::exit(if stats.errors.is_empty() { 0 } else { 1 });
}
