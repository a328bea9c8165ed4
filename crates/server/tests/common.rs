//! Helpers shared by the server tests: firmware fixtures built in memory, a server on a loopback port, and
//! an HTTP client.
#![allow(dead_code)]

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The token every test server accepts.
pub const TOKEN: &str = "test-token-0123456789abcdef";

/// A cpio (newc) archive holding the given files (mode 0644 regular files, folders implied by paths).
pub fn cpio(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut entry = |name: &str, mode: u32, data: &[u8], ino: u32| {
        let name_z = format!("{name}\0");
        let fields = [ino, mode, 0, 0, 1, 0, data.len() as u32, 0, 0, 0, 0, name_z.len() as u32, 0];
        out.extend_from_slice(b"070701");
        for f in fields {
            out.extend_from_slice(format!("{f:08X}").as_bytes());
        }
        out.extend_from_slice(name_z.as_bytes());
        while out.len() % 4 != 0 {
            out.push(0);
        }
        out.extend_from_slice(data);
        while out.len() % 4 != 0 {
            out.push(0);
        }
    };
    entry("etc", 0o040755, b"", 1);
    for (i, (name, data)) in files.iter().enumerate() {
        entry(name, 0o100644, data, i as u32 + 2);
    }
    entry("TRAILER!!!", 0, b"", 0);
    out
}

/// A test-only RSA key (generated for these tests, guarding nothing): the scanner must report it, and two
/// images holding it share a secret.
pub const KEY: &str = concat!(
    "-----BEGIN PRIVATE KEY-----\n",
    "MIICdgIBADANBgkqhkiG9w0BAQEFAASCAmAwggJcAgEAAoGBALXccJZYh1AY2BP/\n",
    "GgW0XRD+JgyEcEs/lpYqEYkVRmgLL0ywA8VNW/BjOTUKP9aSYkNUM3pYxKWPlaQQ\n",
    "XDXBPvW6kS8ISbJFbO2URfVOMpBKOfKy6+v1TaCMWQ8tAcQD+49uEoFpGvXp9qvp\n",
    "KeL5TORicMDZMJAATOwaSNrm2vG7AgMBAAECgYBN9vNNgSaBcCUybWr6hxhe8JXf\n",
    "R+fcWqZ0OhTKcBR/BkyA0/TJ4SBJLkCYPIyhsJ/vvWlUSjoDwEqmy1y8rtwOQ02o\n",
    "9V1g0QaOQ9GYnFRMUU5czWvms+5j27N2ivt29BmRE+DaVOlRdqkrUATtItjM/W8Y\n",
    "pA0YDgxOzEbqnxV8AQJBAOXU+62dVroGhVj2ASZUQAx83Y9u0llGZkNoLeb1slCS\n",
    "IRpGmeoaKm1pbAETleCgMyHgV2R+/uoq683V4U0Sq0kCQQDKkTpTCOAUFHthgm2d\n",
    "QRPVsip2NzskSqfS7vbdNXRm3ph7lBWoX39i8T2i1i5pGCNYgjchix1gcaEFsN8D\n",
    "VJDjAkAShRwWvGP9r4LVTVWAYi+bEgDEixiWKw8YhW+Vedz5kxzpwiCq9ZrPoDwc\n",
    "xhhAtogIRcylA3rFIdpIhuCV1lhJAkEAkHoqpkSjRc8h/PdA5TMgSX9sx6o29XiF\n",
    "4G1uB3Jz1lcXXLTPCasrOU+kzXqD2ZNMynj9h2AokLwaw+tV9JMhTwJAI+mlCFbB\n",
    "qfNKm006vWJXwk2bqxOX55apqDXUASpXmeWONJgsQkKPhyU2xodXQx01vyfbLpuF\n",
    "VZwicu25Lc0jCw==\n",
    "-----END PRIVATE KEY-----\n",
);

/// A small root filesystem: root's password is `admin` under md5-crypt, a private key in /etc/ssl, and a
/// banner that makes each `variant` a distinct image.
pub fn firmware(variant: &str) -> Vec<u8> {
    let banner = format!("release {variant}\n");
    cpio(&[
        ("etc/passwd", b"root:x:0:0:root:/root:/bin/sh\n"),
        ("etc/shadow", b"root:$1$fwsalt12$CB7aYFIUwu1GCJGJrvFCm1:19000:0:99999:7:::\n"),
        ("etc/ssl/server.key", KEY.as_bytes()),
        ("etc/banner", banner.as_bytes()),
    ])
}

/// A running server on a loopback port, with its own data folder.
pub struct Server {
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    /// The data folder.
    pub data: PathBuf,
    _dir: tempfile::TempDir,
    _rt: tokio::runtime::Runtime,
}

/// Options of a test server.
#[derive(Default)]
pub struct Opts {
    pub max_upload: Option<u64>,
    pub import: Vec<PathBuf>,
    pub no_auth: bool,
    pub jobs: usize,
}

impl Server {
    pub fn start(opts: Opts) -> Server {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let mut config = fwassure_server::ServerConfig::new(&data);
        if !opts.no_auth {
            config.tokens = vec![TOKEN.to_string()];
        }
        if let Some(m) = opts.max_upload {
            config.max_upload_bytes = m;
        }
        config.import_roots = opts.import;
        config.scan_jobs = if opts.jobs == 0 { 2 } else { opts.jobs };
        let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(4).enable_all().build().unwrap();
        let listener = rt.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
        let addr: SocketAddr = listener.local_addr().unwrap();
        let state = rt.block_on(fwassure_server::AppState::new(config)).unwrap();
        rt.spawn(async move { axum::serve(listener, fwassure_server::router(state)).await });
        Server { base: format!("http://{addr}"), data, _dir: dir, _rt: rt }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

/// An HTTP answer.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// A client that never follows redirects and reads error statuses as answers.
pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_global(Some(Duration::from_secs(120)))
        .build()
        .into()
}

fn answer(r: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Answer {
    let mut r = r.unwrap_or_else(|e| panic!("request failed: {e}"));
    let status = r.status().as_u16();
    let headers =
        r.headers().iter().map(|(k, v)| (k.as_str().to_string(), v.to_str().unwrap_or("").to_string())).collect();
    let body = r.body_mut().with_config().limit(256 << 20).read_to_vec().unwrap();
    Answer { status, headers, body }
}

/// `GET` with a token (or none).
pub fn get(agent: &ureq::Agent, url: &str, token: Option<&str>) -> Answer {
    let mut rq = agent.get(url);
    if let Some(t) = token {
        rq = rq.header("Authorization", format!("Bearer {t}"));
    }
    answer(rq.call())
}

/// `POST` (or `PUT`) a body with a content type and a token (or none).
pub fn send(agent: &ureq::Agent, method: &str, url: &str, token: Option<&str>, ctype: &str, body: &[u8]) -> Answer {
    let mut rq = if method == "PUT" { agent.put(url) } else { agent.post(url) };
    if let Some(t) = token {
        rq = rq.header("Authorization", format!("Bearer {t}"));
    }
    answer(rq.header("Content-Type", ctype).send(body))
}

/// A multipart form with a `file` field (and a `name` field when given).
pub fn multipart(file_name: &str, data: &[u8], name: Option<&str>) -> (String, Vec<u8>) {
    let boundary = "fwassure-test-boundary-7d3f";
    let mut b = Vec::new();
    if let Some(n) = name {
        b.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\n{n}\r\n").as_bytes(),
        );
    }
    b.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\n\
             Content-Type: application/octet-stream\r\n\r\n"
        )
        .as_bytes(),
    );
    b.extend_from_slice(data);
    b.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), b)
}

/// Uploads an image with the test token; returns the job id.
pub fn upload(agent: &ureq::Agent, s: &Server, name: &str, data: &[u8]) -> u64 {
    let a = send(
        agent,
        "POST",
        &s.url(&format!("/api/v1/images?name={name}")),
        Some(TOKEN),
        "application/octet-stream",
        data,
    );
    assert_eq!(a.status, 202, "{}", a.text());
    a.json()["id"].as_u64().unwrap()
}

/// Polls a job until it ends; returns it.
pub fn wait_job(agent: &ureq::Agent, s: &Server, id: u64) -> serde_json::Value {
    let start = Instant::now();
    loop {
        let j = get(agent, &s.url(&format!("/api/v1/jobs/{id}")), Some(TOKEN)).json();
        let st = j["status"].as_str().unwrap().to_string();
        if st == "done" || st == "failed" {
            return j;
        }
        assert!(start.elapsed() < Duration::from_secs(300), "job {id} did not end: {j}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Uploads an image and waits for its scan; returns its sha256.
pub fn scanned(agent: &ureq::Agent, s: &Server, name: &str, data: &[u8]) -> String {
    let id = upload(agent, s, name, data);
    let j = wait_job(agent, s, id);
    assert_eq!(j["status"], "done", "{j}");
    j["items"][0]["sha256"].as_str().unwrap().to_string()
}

/// Files in a folder (names).
pub fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    v.sort();
    v
}
