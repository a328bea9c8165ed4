//! Cataloguing's share of a scan: for each image, the median over three runs of unpacking it and of the
//! whole catalog stage run alone (its own pass over every file: classifiers, file names, package databases,
//! then the merge), to set against `fwassure scan --timings` of the same images.
//!
//! ```text
//! cargo run --release -p fwassure-catalog --example share -- IMAGE…
//! ```
//! Prints one line per image: `name unpack_ms catalog_ms components`, then the totals.

use std::time::Instant;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let (mut tu, mut tc) = (0.0, 0.0);
    for path in std::env::args().skip(1) {
        let data = match std::fs::read(&path) {
            Ok(d) => bytes::Bytes::from(d),
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        let (mut us, mut cs, mut n) = (vec![], vec![], 0);
        for _ in 0..3 {
            let t = Instant::now();
            let vfs = fwassure_unpack::unpack(data.clone());
            us.push(t.elapsed().as_secs_f64() * 1e3);
            let t = Instant::now();
            n = fwassure_catalog::catalog(&vfs).len();
            cs.push(t.elapsed().as_secs_f64() * 1e3);
        }
        let (u, c) = (median(us), median(cs));
        tu += u;
        tc += c;
        let name = path.rsplit('/').next().unwrap_or(&path);
        println!("{name} {u:.1} {c:.1} {n}");
    }
    println!("total unpack {tu:.0} ms, catalog {tc:.0} ms");
}
