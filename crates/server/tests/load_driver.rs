//! The load driver: `clients` API clients, each submitting images and reading for `secs` seconds, with the
//! latency of every request kept per endpoint. Shared by the load test and `examples/load.rs`.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

/// Latencies (ms) and errors per endpoint.
#[derive(Debug, Default)]
pub struct Stats {
    /// Latency samples per endpoint, in milliseconds.
    pub latencies: BTreeMap<&'static str, Vec<f64>>,
    /// Errors: (endpoint, what).
    pub errors: Vec<(&'static str, String)>,
    /// Wall time of the run.
    pub elapsed: Duration,
}

impl Stats {
    /// Requests answered.
    pub fn requests(&self) -> usize {
        self.latencies.values().map(Vec::len).sum()
    }

    /// A table: endpoint, count, p50, p95, p99, max; then the totals.
    pub fn table(&self) -> String {
        let mut out = format!(
            "{:<28} {:>7} {:>9} {:>9} {:>9} {:>9}\n",
            "endpoint", "count", "p50 ms", "p95 ms", "p99 ms", "max ms"
        );
        let pct = |v: &[f64], p: f64| v[((v.len() as f64 - 1.0) * p).round() as usize];
        for (k, v) in &self.latencies {
            let mut v = v.clone();
            v.sort_by(|a, b| a.total_cmp(b));
            if v.is_empty() {
                continue;
            }
            out += &format!(
                "{k:<28} {:>7} {:>9.1} {:>9.1} {:>9.1} {:>9.1}\n",
                v.len(),
                pct(&v, 0.50),
                pct(&v, 0.95),
                pct(&v, 0.99),
                v[v.len() - 1]
            );
        }
        out += &format!(
            "{} requests in {:.1} s = {:.0} requests/s; {} errors\n",
            self.requests(),
            self.elapsed.as_secs_f64(),
            self.requests() as f64 / self.elapsed.as_secs_f64().max(1e-9),
            self.errors.len()
        );
        out
    }
}

/// Runs the load against `base` with `token`; `image(i)` gives the i-th distinct image to upload.
pub fn run(base: &str, token: &str, clients: usize, secs: u64, image: &(dyn Fn(usize) -> Vec<u8> + Sync)) -> Stats {
    let start = Instant::now();
    let until = start + Duration::from_secs(secs);
    let uploads = std::sync::atomic::AtomicUsize::new(0);
    let per_client: Vec<Stats> = std::thread::scope(|sc| {
        let hs: Vec<_> = (0..clients)
            .map(|c| {
                let uploads = &uploads;
                sc.spawn(move || client(base, token, c, until, uploads, image))
            })
            .collect();
        hs.into_iter().map(|h| h.join().expect("client thread")).collect()
    });
    let mut all = Stats::default();
    for s in per_client {
        for (k, v) in s.latencies {
            all.latencies.entry(k).or_default().extend(v);
        }
        all.errors.extend(s.errors);
    }
    all.elapsed = start.elapsed();
    all
}

fn client(
    base: &str,
    token: &str,
    c: usize,
    until: Instant,
    uploads: &std::sync::atomic::AtomicUsize,
    image: &(dyn Fn(usize) -> Vec<u8> + Sync),
) -> Stats {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into();
    let auth = format!("Bearer {token}");
    let mut s = Stats::default();
    let mut job: Option<u64> = None;
    let mut sha: Option<String> = None;
    let mut step = c; // clients start at different points of the mix
    while Instant::now() < until {
        step += 1;
        let (label, result) = match step % 10 {
            0 => {
                let n = uploads.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let data = image(n);
                let t = Instant::now();
                let r = agent
                    .post(format!("{base}/api/v1/images?name=load/c{c}/img-{n}.cpio"))
                    .header("Authorization", &auth)
                    .header("Content-Type", "application/octet-stream")
                    .send(&data[..]);
                let took = t.elapsed();
                (
                    "POST /images",
                    r.map(|mut r| {
                        let st = r.status().as_u16();
                        let body = r.body_mut().read_to_string().unwrap_or_default();
                        if st == 202 {
                            job = serde_json::from_str::<serde_json::Value>(&body).ok().and_then(|v| v["id"].as_u64());
                        }
                        (st, took, 202)
                    }),
                )
            }
            1 | 5 => match job {
                Some(id) => timed(&agent, &auth, "GET /jobs/{id}", &format!("{base}/api/v1/jobs/{id}"), |b| {
                    if let Ok(v) = serde_json::from_str::<serde_json::Value>(b) {
                        // an image is readable once its scan is done (the hash is known from the upload on)
                        if let (Some(h), "done") =
                            (v["items"][0]["sha256"].as_str(), v["items"][0]["status"].as_str().unwrap_or(""))
                        {
                            sha = Some(h.to_string());
                        }
                    }
                }),
                None => timed(&agent, &auth, "GET /jobs", &format!("{base}/api/v1/jobs"), |_| {}),
            },
            2 | 6 => timed(&agent, &auth, "GET /images", &format!("{base}/api/v1/images?sort=risk"), |b| {
                if sha.is_none() {
                    if let Ok(v) = serde_json::from_str::<serde_json::Value>(b) {
                        sha = v[0]["sha256"].as_str().map(str::to_string);
                    }
                }
            }),
            3 | 7 => match &sha {
                Some(h) => timed(&agent, &auth, "GET /images/{sha}", &format!("{base}/api/v1/images/{h}"), |_| {}),
                None => timed(&agent, &auth, "GET /health", &format!("{base}/api/v1/health"), |_| {}),
            },
            4 => match &sha {
                Some(h) => {
                    timed(&agent, &auth, "GET /report/json", &format!("{base}/api/v1/images/{h}/report/json"), |_| {})
                }
                None => timed(&agent, &auth, "GET /health", &format!("{base}/api/v1/health"), |_| {}),
            },
            8 => timed(&agent, &auth, "GET /fleet/worst", &format!("{base}/api/v1/fleet/worst?limit=10"), |_| {}),
            _ => timed(
                &agent,
                &auth,
                "GET /fleet/shared-secrets",
                &format!("{base}/api/v1/fleet/shared-secrets"),
                |_| {},
            ),
        };
        match result {
            Ok((st, took, want)) if st == want => s.latencies.entry(label).or_default().push(took.as_secs_f64() * 1e3),
            Ok((st, took, _)) => {
                s.latencies.entry(label).or_default().push(took.as_secs_f64() * 1e3);
                s.errors.push((label, format!("status {st}")));
            }
            Err(e) => s.errors.push((label, e.to_string())),
        }
    }
    s
}

type Timed = Result<(u16, Duration, u16), ureq::Error>;

/// A GET, timed up to the end of its body.
fn timed(
    agent: &ureq::Agent,
    auth: &str,
    label: &'static str,
    url: &str,
    mut seen: impl FnMut(&str),
) -> (&'static str, Timed) {
    let t = Instant::now();
    let r = agent.get(url).header("Authorization", auth).call().and_then(|mut r| {
        let st = r.status().as_u16();
        let body = r.body_mut().with_config().limit(64 << 20).read_to_string()?;
        let took = t.elapsed();
        if st == 200 {
            seen(&body);
        }
        Ok((st, took, 200))
    });
    (label, r)
}
