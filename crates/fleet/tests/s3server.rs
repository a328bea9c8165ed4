//! A real S3-compatible server for the tests: moto's (`moto_server`, PyPI `moto[server]`, installed pinned by
//! `.ci/run`), started on a free local port, one per test. Found as `FWASSURE_MOTO_SERVER`, else on `PATH`,
//! else under `/var/tmp/fwassure-tools/s3/bin`. Without it the tests skip, unless `FWASSURE_REQUIRE_S3=1`.
//!
//! Shared by the fleet, worker and CLI tests (`#[path]`).
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The credentials the tests use (moto accepts any).
pub const ACCESS_KEY: &str = "fwassure-test";

/// A running server; stopped when dropped.
pub struct S3Server {
    child: Child,
    /// `http://127.0.0.1:PORT`
    pub endpoint: String,
}

impl Drop for S3Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn binary() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("FWASSURE_MOTO_SERVER") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain([PathBuf::from("/var/tmp/fwassure-tools/s3/bin")])
        .map(|d| d.join("moto_server"))
        .find(|p| p.is_file())
}

/// The `AWS_*` variables every client in the test process reads (set once, before any client is built).
pub fn credentials() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        std::env::set_var("AWS_ACCESS_KEY_ID", ACCESS_KEY);
        std::env::set_var("AWS_SECRET_ACCESS_KEY", "fwassure-test-secret");
        std::env::set_var("AWS_REGION", "us-east-1");
    });
}

impl S3Server {
    /// Starts a server, or `None` (the test skips) when moto is not installed and not required.
    pub fn start() -> Option<S3Server> {
        credentials();
        let Some(bin) = binary() else {
            assert!(
                std::env::var("FWASSURE_REQUIRE_S3").as_deref() != Ok("1"),
                "FWASSURE_REQUIRE_S3=1 but no moto_server (pip install 'moto[server]', see .ci/run)"
            );
            eprintln!("skipped: no moto_server (FWASSURE_MOTO_SERVER, PATH, /var/tmp/fwassure-tools/s3/bin)");
            return None;
        };
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new(&bin)
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("{}: {e}", bin.display()));
        let server = S3Server { child, endpoint: format!("http://127.0.0.1:{port}") };
        let deadline = Instant::now() + Duration::from_secs(60);
        while server.request("GET", "/", b"").is_none() {
            assert!(Instant::now() < deadline, "moto_server did not answer on port {port}");
            std::thread::sleep(Duration::from_millis(100));
        }
        Some(server)
    }

    /// One plain HTTP/1.1 request (moto checks no signature); the status code.
    fn request(&self, method: &str, path: &str, body: &[u8]) -> Option<u16> {
        let addr = self.endpoint.trim_start_matches("http://");
        let mut s = TcpStream::connect(addr).ok()?;
        let head = format!(
            "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        );
        s.write_all(head.as_bytes()).ok()?;
        s.write_all(body).ok()?;
        let mut out = Vec::new();
        s.read_to_end(&mut out).ok()?;
        let text = String::from_utf8_lossy(&out);
        text.split(' ').nth(1)?.parse().ok()
    }

    /// Creates a bucket.
    pub fn bucket(&self, name: &str) {
        assert_eq!(self.request("PUT", &format!("/{name}"), b""), Some(200), "create bucket {name}");
    }

    /// Uploads an object.
    pub fn put(&self, bucket: &str, key: &str, data: &[u8]) {
        assert_eq!(self.request("PUT", &format!("/{bucket}/{key}"), data), Some(200), "put {key}");
    }

    /// Uploads every file under `root` as `prefix/REL`.
    pub fn upload_tree(&self, bucket: &str, prefix: &str, root: &std::path::Path) {
        fn walk(dir: &std::path::Path, out: &mut Vec<PathBuf>) {
            for e in std::fs::read_dir(dir).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    walk(&p, out)
                } else {
                    out.push(p)
                }
            }
        }
        let mut files = Vec::new();
        walk(root, &mut files);
        for f in files {
            let rel = f.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
            self.put(bucket, &format!("{prefix}/{rel}"), &std::fs::read(&f).unwrap());
        }
    }
}
