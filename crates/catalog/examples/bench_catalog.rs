//! Benchmark of the catalog stage: unpacks each image once, then runs `catalog` several times and prints
//! the median milliseconds per image.
//!
//! ```text
//! cargo run --release -p fwassure-catalog --example bench_catalog -- /var/tmp/sample-corpus/sample-0*.bin
//! ```

use std::time::Instant;

fn main() {
    let runs: usize = std::env::var("BENCH_RUNS").ok().and_then(|v| v.parse().ok()).unwrap_or(11);
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() {
        eprintln!("usage: bench IMAGE...");
        std::process::exit(2);
    }
    // warm the classifier table once so that its one-time compilation is reported apart
    let t = Instant::now();
    let _ = fwassure_catalog::catalog(&fwassure_model::Vfs::default());
    println!("classifier table compile: {:.1} ms", t.elapsed().as_secs_f64() * 1e3);
    for p in paths {
        let data = match std::fs::read(&p) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("{p}: {e}");
                continue;
            }
        };
        let t = Instant::now();
        let vfs = fwassure_unpack::unpack(bytes::Bytes::from(data));
        let unpack_ms = t.elapsed().as_secs_f64() * 1e3;
        let mut times = Vec::with_capacity(runs);
        let mut n = 0;
        for _ in 0..runs {
            let t = Instant::now();
            n = fwassure_catalog::catalog(&vfs).len();
            times.push(t.elapsed().as_secs_f64() * 1e3);
        }
        times.sort_by(f64::total_cmp);
        println!(
            "{p}: catalog median {:.1} ms (min {:.1}, max {:.1}, {runs} runs), {n} components, {} MB of files; unpack {:.1} ms",
            times[runs / 2],
            times[0],
            times[runs - 1],
            vfs.unpacked_bytes() as f64 / 1e6,
            unpack_ms
        );
    }
}
