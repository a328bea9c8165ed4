//! Load: 50 API clients submitting images and reading at once. The short run (about 5 s) is part of the
//! suite and must see no error; the minute-long one is `#[ignore]`d (and `examples/load.rs` prints the table).

use crate::common::*;
use crate::load_driver;

fn load(secs: u64) {
    let s = Server::start(Opts { jobs: 2, ..Default::default() });
    // something to read from the first request on
    scanned(&agent(), &s, "load/seed/seed.cpio", &firmware("seed"));
    let stats = load_driver::run(&s.base, TOKEN, 50, secs, &|i| firmware(&format!("load {i}")));
    eprintln!("{}", stats.table());
    assert!(stats.errors.is_empty(), "errors under load: {:?}", &stats.errors[..stats.errors.len().min(20)]);
    assert!(stats.latencies.get("POST /images").is_some_and(|v| !v.is_empty()), "no upload was made");
    assert!(stats.requests() > 50 * secs as usize, "too few requests: {}", stats.table());
}

#[test]
fn fifty_clients_for_five_seconds_see_no_error() {
    load(5);
}

#[test]
#[ignore = "a minute of load: cargo test -p fwassure-server -- --ignored fifty_clients_for_a_minute"]
fn fifty_clients_for_a_minute() {
    load(60);
}
