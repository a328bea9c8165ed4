//! The web app as a person uses it, in real headless Chromium driven over WebDriver (Debian's `chromium` and
//! `chromium-driver`): log in, upload through the form, watch the job reach done, open the report, compare
//! two images, the fleet view. Screenshots are kept in `$FWASSURE_SCREENSHOTS` when it is set. Skipped when
//! Chromium or chromedriver is absent, unless `FWASSURE_REQUIRE_CHROMIUM=1`.

use crate::common::*;
use base64::Engine;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn find(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).flat_map(|d| names.iter().map(move |n| d.join(n))).find(|p| p.exists())
}

/// chromedriver, killed when the test ends.
struct Driver {
    child: Child,
    base: String,
    agent: ureq::Agent,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One browser session.
struct Session<'a> {
    d: &'a Driver,
    id: String,
}

impl Driver {
    fn start(path: &Path) -> Driver {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new(path)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let d = Driver { child, base: format!("http://127.0.0.1:{port}"), agent: agent() };
        let start = Instant::now();
        while d.agent.get(format!("{}/status", d.base)).call().map_or(true, |r| r.status() != 200) {
            assert!(start.elapsed() < Duration::from_secs(30), "chromedriver did not come up");
            std::thread::sleep(Duration::from_millis(100));
        }
        d
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let url = format!("{}{path}", self.base);
        let a = match (method, body) {
            ("GET", _) => get(&self.agent, &url, None),
            ("DELETE", _) => {
                let mut r = self.agent.delete(&url).call().unwrap();
                let body = r.body_mut().read_to_vec().unwrap();
                Answer { status: r.status().as_u16(), headers: vec![], body }
            }
            (m, b) => {
                send(&self.agent, m, &url, None, "application/json", b.unwrap_or(json!({})).to_string().as_bytes())
            }
        };
        let v = a.json();
        assert_eq!(a.status, 200, "WebDriver {method} {path}: {v}");
        v["value"].clone()
    }

    fn session(&self, chromium: &Path, profile: &Path) -> Session<'_> {
        let args = [
            "--headless".to_string(),
            "--no-sandbox".into(),
            "--disable-gpu".into(),
            "--disable-dev-shm-usage".into(),
            "--disable-background-networking".into(),
            "--disable-component-update".into(),
            "--disable-sync".into(),
            "--no-first-run".into(),
            "--window-size=1280,1000".into(),
            format!("--user-data-dir={}", profile.display()),
        ];
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": chromium.display().to_string(), "args": args}
        }}});
        let v = self.call("POST", "/session", Some(caps));
        Session { d: self, id: v["sessionId"].as_str().unwrap().to_string() }
    }
}

impl Session<'_> {
    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        self.d.call(method, &format!("/session/{}{path}", self.id), body)
    }
    fn goto(&self, url: &str) {
        self.call("POST", "/url", Some(json!({ "url": url })));
    }
    fn url(&self) -> String {
        self.call("GET", "/url", None).as_str().unwrap().to_string()
    }
    fn element(&self, css: &str) -> String {
        let v = self.call("POST", "/element", Some(json!({"using": "css selector", "value": css})));
        v.as_object().unwrap().values().next().unwrap().as_str().unwrap().to_string()
    }
    fn type_into(&self, css: &str, text: &str) {
        let e = self.element(css);
        self.call("POST", &format!("/element/{e}/value"), Some(json!({ "text": text })));
    }
    fn click(&self, css: &str) {
        let e = self.element(css);
        self.call("POST", &format!("/element/{e}/click"), Some(json!({})));
    }
    fn script(&self, js: &str) -> Value {
        self.call("POST", "/execute/sync", Some(json!({"script": js, "args": []})))
    }
    fn text(&self, css: &str) -> String {
        let js = format!("var e=document.querySelector({});return e?e.textContent:null;", json!(css));
        self.script(&js).as_str().map(str::to_string).unwrap_or_default()
    }
    fn source(&self) -> String {
        self.call("GET", "/source", None).as_str().unwrap().to_string()
    }
    /// A PNG of the page, kept as `$FWASSURE_SCREENSHOTS/<name>.png` when set.
    fn screenshot(&self, name: &str) -> Vec<u8> {
        let b64 = self.call("GET", "/screenshot", None);
        let png = base64::engine::general_purpose::STANDARD.decode(b64.as_str().unwrap()).unwrap();
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n") && png.len() > 2000, "{name}: not a picture");
        if let Ok(dir) = std::env::var("FWASSURE_SCREENSHOTS") {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(Path::new(&dir).join(format!("{name}.png")), &png).unwrap();
        }
        png
    }
    fn wait_for(&self, what: &str, f: impl Fn(&Self) -> bool) {
        let start = Instant::now();
        while !f(self) {
            assert!(start.elapsed() < Duration::from_secs(240), "timed out waiting for {what}: {}", self.source());
            std::thread::sleep(Duration::from_millis(200));
        }
    }
}

impl Drop for Session<'_> {
    fn drop(&mut self) {
        let _ = self.d.agent.delete(format!("{}/session/{}", self.d.base, self.id)).call();
    }
}

#[test]
fn a_lab_uses_the_web_app_in_chromium() {
    let required = std::env::var("FWASSURE_REQUIRE_CHROMIUM").is_ok_and(|v| v == "1");
    let chromium = std::env::var_os("CHROMIUM").map(PathBuf::from).or_else(|| find(&["chromium", "chromium-browser"]));
    let driver = std::env::var_os("CHROMEDRIVER").map(PathBuf::from).or_else(|| find(&["chromedriver"]));
    let (Some(chromium), Some(driver)) = (chromium, driver) else {
        assert!(!required, "FWASSURE_REQUIRE_CHROMIUM=1 but chromium or chromedriver is missing");
        eprintln!("chromium or chromedriver not found: the browser test is skipped");
        return;
    };
    let s = Server::start(Opts::default());
    let work = tempfile::tempdir().unwrap();
    let image = work.path().join("cam-1.0.cpio");
    std::fs::write(&image, firmware("browser 1.0")).unwrap();
    let d = Driver::start(&driver);
    let b = d.session(&chromium, &work.path().join("profile"));

    // the app sends an unknown browser to the login form; a wrong token is refused
    b.goto(&s.url("/"));
    assert!(b.url().ends_with("/login"), "{}", b.url());
    b.type_into("#token", "not-the-token-at-all");
    b.click("#login");
    assert!(b.source().contains("That token is not right"));
    b.screenshot("01-login-refused");
    b.type_into("#token", TOKEN);
    b.click("#login");
    b.wait_for("the images page", |b| b.text("h1") == "Images");
    assert!(b.script("return document.cookie").as_str().unwrap().is_empty(), "the session cookie is HttpOnly");

    // upload through the form, and watch the job page until the scan is done
    b.type_into("#file", &image.display().to_string());
    b.type_into("#name", "acme/cam/cam-1.0.cpio");
    b.click("#upload");
    b.wait_for("the job page", |b| b.url().contains("/jobs/"));
    let seen = b.text("#status");
    assert!(["queued", "scanning", "done"].contains(&seen.as_str()), "{seen}");
    b.wait_for("the scan to be done", |b| b.text("#status") == "done");
    b.wait_for("the link to the report", |b| !b.text("a.open").is_empty());
    assert!(b.text("#completed").starts_with("1 of 1"));
    assert!(!b.text("#finished").is_empty());
    b.screenshot("02-job-done");

    // the image's page: findings, verdicts, downloads
    b.click("a.open");
    b.wait_for("the image page", |b| b.text("h1") == "acme/cam/cam-1.0.cpio");
    let findings = b.text("#findings");
    assert!(findings.contains("PRIVATE KEY") || findings.to_lowercase().contains("key"), "{findings}");
    assert!(b.text("#verdicts").contains("fail") || !b.text("#verdicts").is_empty());
    assert_eq!(b.script("return document.querySelectorAll('#downloads a').length").as_u64(), Some(8));
    b.screenshot("03-image");
    b.click("#full");
    b.wait_for("the full report", |b| b.url().ends_with("/report"));
    b.screenshot("04-full-report");

    // a second release, then compare the two side by side
    let a = agent();
    let sha1 = b.url().split('/').rev().nth(1).unwrap().to_string();
    let sha2 = scanned(&a, &s, "globex/hub/hub-2.0.cpio", &firmware("browser 2.0"));
    b.goto(&s.url("/compare"));
    b.script(&format!(
        "document.getElementById('a').value={};document.getElementById('b').value={};",
        json!(sha1),
        json!(sha2)
    ));
    b.click("#compare");
    b.wait_for("the comparison", |b| !b.text("#side").is_empty());
    assert!(b.text("#side").contains("hub-2.0.cpio") && b.text("#side").contains("cam-1.0.cpio"));
    assert!(b.text("#summary").contains("findings"));
    b.screenshot("05-compare");

    // the fleet view: the key both images carry, with both vendors
    b.goto(&s.url("/fleet"));
    b.wait_for("the fleet page", |b| b.text("h1") == "Fleet");
    let shared = b.text("#shared");
    assert!(shared.contains("acme") && shared.contains("globex"), "{shared}");
    b.screenshot("06-fleet");

    // the images list sorted by risk
    b.goto(&s.url("/?sort=risk"));
    assert_eq!(b.script("return document.querySelectorAll('#images tr').length").as_u64(), Some(3));
    b.screenshot("07-images");
}
