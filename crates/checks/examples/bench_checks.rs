//! Benchmark: credential cracking and all checks on sample images; prints medians.
//!
//! `cargo run --release -p fwassure-checks --example bench_checks -- [IMAGE…] [--runs N]`
//! (default: the weak and clean sample images of /var/tmp/sample-corpus).

use fwassure_checks::checks::{credentials::Credentials, Check};
use fwassure_checks::{run_checks, CheckOptions, Ctx};
use std::time::Instant;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let runs =
        args.iter().position(|a| a == "--runs").and_then(|i| args.get(i + 1)).and_then(|r| r.parse().ok()).unwrap_or(5);
    let mut images: Vec<String> =
        args.iter().filter(|a| !a.starts_with("--") && a.parse::<usize>().is_err()).cloned().collect();
    if images.is_empty() {
        images = ["sample-01.bin", "sample-03.bin", "sample-05.bin"]
            .iter()
            .map(|i| format!("/var/tmp/sample-corpus/{i}"))
            .collect();
    }
    println!("threads: {}", rayon::current_num_threads());
    for img in images {
        let Ok(data) = std::fs::read(&img) else {
            println!("{img}: cannot read");
            continue;
        };
        let vfs = fwassure_unpack::unpack(data.into());
        let opts = CheckOptions::default();
        let ctx = Ctx::new(&vfs, &[], &opts);
        let mut crack = Vec::new();
        let mut all = Vec::new();
        let mut findings = 0;
        for _ in 0..runs {
            let t = Instant::now();
            let o = Credentials.run(&ctx);
            crack.push(t.elapsed().as_secs_f64() * 1000.0);
            let accounts =
                o.extra.get("credential_audit").map(|a| a["accounts"].as_array().map_or(0, |v| v.len())).unwrap_or(0);
            let tried: u64 = o
                .extra
                .get("credential_audit")
                .and_then(|a| a["accounts"].as_array().map(|v| v.iter().filter_map(|x| x["tried"].as_u64()).sum()))
                .unwrap_or(0);
            if crack.len() == 1 {
                println!("{img}: {accounts} accounts, {tried} hash verifications");
            }
            let t = Instant::now();
            findings = run_checks(&vfs, &[], &opts).findings.len();
            all.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        println!(
            "{img}: credentials median {:.0} ms, all checks median {:.0} ms ({findings} findings, {runs} runs)",
            median(crack),
            median(all)
        );
    }
}
