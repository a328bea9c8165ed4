//! The REST API over a real socket: authentication, uploads (empty, too large, not firmware, many at once),
//! path traversal, every download format, fleet queries, the OpenAPI description, security headers.

use crate::common::*;
use std::collections::BTreeSet;

#[test]
fn authentication_none_wrong_right() {
    let s = Server::start(Opts::default());
    let a = agent();
    let none = get(&a, &s.url("/api/v1/images"), None);
    assert_eq!(none.status, 401);
    assert_eq!(none.header("www-authenticate"), Some("Bearer"));
    assert!(none.json()["error"].is_string());
    assert_eq!(get(&a, &s.url("/api/v1/images"), Some("wrong-token-0123456789")).status, 401);
    assert_eq!(get(&a, &s.url("/api/v1/images"), Some(&TOKEN[..TOKEN.len() - 1])).status, 401);
    let right = get(&a, &s.url("/api/v1/images"), Some(TOKEN));
    assert_eq!(right.status, 200, "{}", right.text());
    assert_eq!(right.json(), serde_json::json!([]));
    // uploads need the token too, and store nothing without it
    let up = send(&a, "POST", &s.url("/api/v1/images"), None, "application/octet-stream", b"data");
    assert_eq!(up.status, 401);
    assert_eq!(names(&s.data.join("uploads")), Vec::<String>::new());
    // the pages send an unknown browser to the login form
    let page = get(&a, &s.url("/"), None);
    assert_eq!(page.status, 303);
    assert_eq!(page.header("location"), Some("/login"));
    // the public routes
    assert_eq!(get(&a, &s.url("/api/v1/health"), None).status, 200);
    assert_eq!(get(&a, &s.url("/login"), None).status, 200);
    // logging in: a wrong token is refused, the right one gives an HttpOnly SameSite=Strict cookie
    let form = "application/x-www-form-urlencoded";
    let bad = send(&a, "POST", &s.url("/login"), None, form, b"token=nope");
    assert_eq!(bad.status, 401);
    assert!(bad.header("set-cookie").is_none());
    let good = send(&a, "POST", &s.url("/login"), None, form, format!("token={TOKEN}").as_bytes());
    assert_eq!(good.status, 303, "{}", good.text());
    let cookie = good.header("set-cookie").unwrap().to_string();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), "{cookie}");
    let pair = cookie.split(';').next().unwrap().to_string();
    let with_cookie = |path: &str, c: &str| {
        let mut r = a.get(s.url(path)).header("Cookie", c).call().unwrap();
        (r.status().as_u16(), r.body_mut().read_to_string().unwrap())
    };
    let (st, body) = with_cookie("/", &pair);
    assert_eq!(st, 200);
    assert!(body.contains("<h1>Images</h1>"));
    assert_eq!(with_cookie("/api/v1/jobs", &pair).0, 200);
    assert_eq!(with_cookie("/", "fwassure_session=00112233").0, 303);
    assert_eq!(with_cookie("/api/v1/jobs", "fwassure_session=00112233").0, 401);
}

#[test]
fn serving_without_a_token_only_on_loopback() {
    let c = fwassure_server::ServerConfig::new("/nonexistent");
    assert!(fwassure_server::check_bind(&c, "127.0.0.1:8080".parse().unwrap()).is_ok());
    assert!(fwassure_server::check_bind(&c, "[::1]:8080".parse().unwrap()).is_ok());
    let e = fwassure_server::check_bind(&c, "0.0.0.0:8080".parse().unwrap()).unwrap_err();
    assert!(e.to_string().contains("without a token"), "{e}");
    let mut weak = c.clone();
    weak.tokens = vec!["short".into()];
    assert!(fwassure_server::check_bind(&weak, "0.0.0.0:8080".parse().unwrap()).is_err());
    let mut ok = c;
    ok.tokens = vec![TOKEN.into()];
    assert!(fwassure_server::check_bind(&ok, "0.0.0.0:8080".parse().unwrap()).is_ok());
    // with no token, everything is open (the loopback case)
    let s = Server::start(Opts { no_auth: true, ..Default::default() });
    assert_eq!(get(&agent(), &s.url("/api/v1/images"), None).status, 200);
}

#[test]
fn bad_uploads_are_refused_and_leave_nothing() {
    let s = Server::start(Opts { max_upload: Some(64 << 10), ..Default::default() });
    let a = agent();
    let url = s.url("/api/v1/images?name=x.bin");
    let oct = "application/octet-stream";
    let empty = send(&a, "POST", &url, Some(TOKEN), oct, b"");
    assert_eq!(empty.status, 400, "{}", empty.text());
    assert!(empty.json()["error"].as_str().unwrap().contains("empty"));
    let big = vec![7u8; 100 << 10];
    let too_big = send(&a, "PUT", &url, Some(TOKEN), oct, &big);
    assert_eq!(too_big.status, 413, "{}", too_big.text());
    let (ct, form) = multipart("big.bin", &big, None);
    assert_eq!(send(&a, "POST", &url, Some(TOKEN), &ct, &form).status, 413);
    let (ct, form) = multipart("empty.bin", b"", None);
    assert_eq!(send(&a, "POST", &url, Some(TOKEN), &ct, &form).status, 400);
    let no_file = b"--b\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nx\r\n--b--\r\n";
    assert_eq!(send(&a, "POST", &url, Some(TOKEN), "multipart/form-data; boundary=b", no_file).status, 400);
    // just at the limit is accepted
    let at_limit = vec![b'A'; 64 << 10];
    let id = upload(&a, &s, "at-limit.bin", &at_limit);
    wait_job(&a, &s, id);
    let kept = names(&s.data.join("uploads"));
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(kept[0].len(), 64, "only content-addressed files remain: {kept:?}");
    // not firmware: accepted, scanned, and the report says nothing was recognised
    let junk = b"this is a shopping list, not a firmware image\nmilk\neggs\n".repeat(20);
    let id = upload(&a, &s, "notes.txt", &junk);
    let j = wait_job(&a, &s, id);
    assert_eq!(j["status"], "done", "{j}");
    let sha = j["items"][0]["sha256"].as_str().unwrap();
    let img = get(&a, &s.url(&format!("/api/v1/images/{sha}")), Some(TOKEN)).json();
    let headline = img["headline_problems"].as_array().unwrap();
    assert!(headline.iter().any(|p| p.as_str().unwrap().starts_with("no supported format found")), "{img}");
    let text = get(&a, &s.url(&format!("/api/v1/images/{sha}/report/text")), Some(TOKEN)).text();
    assert!(text.contains("no supported format found"), "{text}");
}

#[test]
fn concurrent_uploads_all_end_done_with_distinct_results() {
    let s = Server::start(Opts { jobs: 2, ..Default::default() });
    let n = 12;
    let jobs: Vec<(u64, String)> = std::thread::scope(|sc| {
        let hs: Vec<_> = (0..n)
            .map(|i| {
                let s = &s;
                sc.spawn(move || {
                    let a = agent();
                    let name = format!("acme/cam{i}/fw-{i}.cpio");
                    let data = firmware(&format!("concurrent {i}"));
                    if i % 2 == 0 {
                        (upload(&a, s, &name, &data), name)
                    } else {
                        let (ct, form) = multipart("ignored.bin", &data, Some(&name));
                        let r = send(&a, "PUT", &s.url("/api/v1/images"), Some(TOKEN), &ct, &form);
                        assert_eq!(r.status, 202, "{}", r.text());
                        assert!(r.header("location").unwrap().starts_with("/api/v1/jobs/"));
                        (r.json()["id"].as_u64().unwrap(), name)
                    }
                })
            })
            .collect();
        hs.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let a = agent();
    let mut shas = BTreeSet::new();
    for (id, name) in &jobs {
        let j = wait_job(&a, &s, *id);
        assert_eq!(j["status"], "done", "{j}");
        assert_eq!(j["items"][0]["name"], name.as_str());
        assert!(j["created"].is_string() && j["started"].is_string() && j["finished"].is_string(), "{j}");
        assert!(j["items"][0]["findings"].as_u64().unwrap() > 0, "{j}");
        shas.insert(j["items"][0]["sha256"].as_str().unwrap().to_string());
    }
    assert_eq!(shas.len(), n, "each upload is its own image");
    let images = get(&a, &s.url("/api/v1/images?sort=name"), Some(TOKEN)).json();
    let images = images.as_array().unwrap();
    assert_eq!(images.len(), n);
    assert!(images.iter().all(|i| i["status"] == "scanned" && i["vendor"] == "acme"), "{images:?}");
    // sorted by risk: never increasing
    let by_risk = get(&a, &s.url("/api/v1/images?sort=risk"), Some(TOKEN)).json();
    let risks: Vec<u64> = by_risk.as_array().unwrap().iter().map(|i| i["risk"].as_u64().unwrap()).collect();
    assert!(risks.windows(2).all(|w| w[0] >= w[1]), "{risks:?}");
    assert_eq!(get(&a, &s.url("/api/v1/images?sort=bogus"), Some(TOKEN)).status, 400);
    // every stored file is named by its content
    for f in names(&s.data.join("uploads")) {
        assert!(shas.contains(&f), "{f} is not an image hash");
    }
    // the same bytes again: done at once, already stored
    let again = upload(&a, &s, "acme/cam0/fw-0.cpio", &firmware("concurrent 0"));
    let j = wait_job(&a, &s, again);
    assert_eq!(j["items"][0]["already_stored"], true, "{j}");
}

#[test]
fn no_request_path_reaches_outside_the_data_folder_or_import_roots() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.bin"), firmware("outside")).unwrap();
    let root = tempfile::tempdir().unwrap();
    let lab = root.path().join("lab/acme/router");
    std::fs::create_dir_all(&lab).unwrap();
    std::fs::write(lab.join("r-1.0.cpio"), firmware("lab 1.0")).unwrap();
    std::fs::write(lab.join("r-1.1.cpio"), firmware("lab 1.1")).unwrap();
    std::os::unix::fs::symlink(outside.path(), root.path().join("lab/escape")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("secret.bin"), lab.join("link.bin")).unwrap();

    let a = agent();
    // no import root: every folder is refused
    let closed = Server::start(Opts::default());
    let r =
        send(&a, "POST", &closed.url("/api/v1/scan-folder"), Some(TOKEN), "application/json", br#"{"path":"/tmp"}"#);
    assert_eq!(r.status, 403, "{}", r.text());

    let s = Server::start(Opts { import: vec![root.path().join("lab")], ..Default::default() });
    let folder = |p: &str| {
        let body = serde_json::json!({ "path": p }).to_string();
        send(&a, "POST", &s.url("/api/v1/scan-folder"), Some(TOKEN), "application/json", body.as_bytes())
    };
    let lab_abs = root.path().join("lab").display().to_string();
    for bad in [
        "..".to_string(),
        "../..".to_string(),
        "acme/../../".to_string(),
        format!("{lab_abs}/../"),
        "/etc".to_string(),
        "/".to_string(),
        outside.path().display().to_string(),
        "escape".to_string(),
        format!("{lab_abs}/escape"),
        "acme/router/r-1.0.cpio".to_string(),
        "does-not-exist".to_string(),
        String::new(),
    ] {
        let r = folder(&bad);
        assert_eq!(r.status, 403, "{bad:?} was not refused: {}", r.text());
    }
    // a folder inside the root: its images are scanned, the symbolic link to the outside is not followed
    let r = folder("acme");
    assert_eq!(r.status, 202, "{}", r.text());
    let j = wait_job(&a, &s, r.json()["id"].as_u64().unwrap());
    assert_eq!(j["status"], "done", "{j}");
    let names: Vec<&str> = j["items"].as_array().unwrap().iter().map(|i| i["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["acme/router/r-1.0.cpio", "acme/router/r-1.1.cpio"]);
    let r = folder(&format!("{lab_abs}/acme/router/."));
    assert_eq!(r.status, 202, "{}", r.text());
    // an upload's name is a label, never a path
    let id = upload(&a, &s, "..%2F..%2F..%2Fetc%2Fpasswd", &firmware("named badly"));
    let j = wait_job(&a, &s, id);
    assert_eq!(j["items"][0]["name"], "etc/passwd", "{j}");
    let stored = self::names(&s.data.join("uploads"));
    assert_eq!(stored.len(), 1, "{stored:?}");
    assert_eq!(stored[0], j["items"][0]["sha256"].as_str().unwrap());
    assert!(!s.data.join("etc").exists() && !s.data.parent().unwrap().join("etc").exists());
    // an image id that is not a hash reads nothing
    for p in [
        "/api/v1/images/..%2F..%2Fetc%2Fpasswd",
        "/api/v1/images/../../etc/passwd",
        "/api/v1/images/%2Fetc%2Fpasswd/report/json",
    ] {
        let r = get(&a, &s.url(p), Some(TOKEN));
        assert!(r.status == 404 || r.status == 400, "{p}: {} {}", r.status, r.text());
        assert!(!r.text().contains("root:x:0:0"));
    }
}

#[test]
fn every_download_format_parses_and_fleet_views_answer() {
    let s = Server::start(Opts::default());
    let a = agent();
    let one = scanned(&a, &s, "acme/cam/cam-1.0.cpio", &firmware("1.0"));
    let two = scanned(&a, &s, "globex/hub/hub-2.0.cpio", &firmware("2.0"));
    let info = get(&a, &s.url(&format!("/api/v1/images/{one}")), Some(TOKEN)).json();
    assert_eq!(info["image"]["sha256"], one.as_str());
    assert!(!info["verdicts"].as_array().unwrap().is_empty(), "{info}");
    for f in fwassure_server::FORMATS {
        let url = s.url(info["downloads"][f.name].as_str().unwrap());
        let r = get(&a, &url, Some(TOKEN));
        assert_eq!(r.status, 200, "{}: {}", f.name, r.text());
        let cd = r.header("content-disposition").unwrap();
        assert!(
            cd.starts_with("attachment; filename=\"fwassure-") && cd.ends_with(&format!(".{}\"", f.extension)),
            "{cd}"
        );
        assert_eq!(r.header("content-type"), Some(f.content_type));
        if f.is_json() {
            let v = r.json();
            assert!(v.is_object(), "{}", f.name);
        }
        match f.name {
            "json" => assert_eq!(r.json()["image"]["sha256"], one.as_str()),
            "html" => assert!(
                r.text().starts_with("<!doctype html") || r.text().starts_with("<!DOCTYPE html"),
                "{}",
                &r.text()[..100]
            ),
            "text" => assert!(r.text().contains("fwassure"), "{}", r.text()),
            "sarif" => assert_eq!(r.json()["version"], "2.1.0"),
            "cyclonedx" => assert_eq!(r.json()["bomFormat"], "CycloneDX"),
            "spdx" => assert_eq!(r.json()["spdxVersion"], "SPDX-2.3"),
            "cyclonedx-vex" => assert_eq!(r.json()["bomFormat"], "CycloneDX"),
            "openvex" => assert!(r.json()["@context"].as_str().unwrap().contains("openvex")),
            other => panic!("untested format {other}"),
        }
        // the same stored report downloads as the same bytes
        assert_eq!(get(&a, &url, Some(TOKEN)).body, r.body, "{}", f.name);
    }
    assert_eq!(get(&a, &s.url(&format!("/api/v1/images/{one}/report/pdf")), Some(TOKEN)).status, 404);
    assert_eq!(get(&a, &s.url("/api/v1/images/0123456789abcdef/report/json"), Some(TOKEN)).status, 404);
    // compare
    let d = get(&a, &s.url(&format!("/api/v1/compare?a={one}&b={two}")), Some(TOKEN));
    assert_eq!(d.status, 200, "{}", d.text());
    assert_eq!(d.json()["schema"], "fwassure.diff/v1");
    for (fmt, needle) in [("html", "<html"), ("text", ""), ("md", "")] {
        let r = get(&a, &s.url(&format!("/api/v1/compare?a={one}&b={two}&format={fmt}")), Some(TOKEN));
        assert_eq!(r.status, 200);
        assert!(r.text().contains(needle));
    }
    // fleet: the key and root's password hash are in both images, of two vendors
    let shared = get(&a, &s.url("/api/v1/fleet/shared-secrets"), Some(TOKEN)).json();
    let shared = shared.as_array().unwrap();
    assert!(!shared.is_empty(), "no shared secret");
    assert!(shared.iter().any(|x| x["vendors"] == serde_json::json!(["acme", "globex"])), "{shared:?}");
    assert!(shared.iter().all(|x| x["images"].as_array().unwrap().len() == 2));
    for p in ["components", "vulnerabilities", "worst?limit=5", "verdicts", "verdicts?standard=etsi-en-303-645"] {
        let r = get(&a, &s.url(&format!("/api/v1/fleet/{p}")), Some(TOKEN));
        assert_eq!(r.status, 200, "{p}: {}", r.text());
        assert!(r.json().is_array(), "{p}");
    }
    let worst = get(&a, &s.url("/api/v1/fleet/worst?limit=1"), Some(TOKEN)).json();
    assert_eq!(worst.as_array().unwrap().len(), 1);
    let matrix = get(&a, &s.url("/api/v1/fleet/verdicts"), Some(TOKEN)).json();
    assert!(matrix.as_array().unwrap().iter().any(|m| m["fail"].as_u64().unwrap() == 2), "{matrix}");
    // the pages answer too
    for p in [
        "/".to_string(),
        format!("/images/{one}"),
        format!("/images/{one}/report"),
        format!("/compare?a={one}&b={two}"),
        "/fleet".into(),
        "/jobs".into(),
    ] {
        let r = get(&a, &s.url(&p), Some(TOKEN));
        assert_eq!(r.status, 200, "{p}: {}", r.text());
    }
}

#[test]
fn pages_escape_what_images_and_requests_say_and_send_security_headers() {
    let s = Server::start(Opts::default());
    let a = agent();
    let evil = "<script>alert(1)</script>\"'&";
    let enc: String = evil.bytes().map(|b| format!("%{b:02X}")).collect();
    let sha = scanned(&a, &s, &enc, &firmware("evil"));
    for p in ["/".to_string(), format!("/images/{sha}"), "/jobs".into(), "/fleet".into()] {
        let r = get(&a, &s.url(&p), Some(TOKEN));
        let t = r.text();
        assert!(!t.contains("<script>alert(1)"), "{p} carries the name unescaped");
        if p != "/fleet" {
            assert!(t.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{p}: {t}");
        }
        let csp = r.header("content-security-policy").unwrap();
        assert!(csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'"), "{csp}");
        assert!(!csp.contains("http:") && !csp.contains("https:") && !csp.contains('*'), "{csp}");
        assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
        assert_eq!(r.header("x-frame-options"), Some("DENY"));
    }
    // the job page's only script is the one the CSP names by hash, and it is served by the binary
    let r = get(&a, &s.url("/jobs/1"), Some(TOKEN));
    let t = r.text();
    assert!(!t.contains("src=\"http") && !t.contains("href=\"http"), "no remote resource");
    let script = t.split("<script>").nth(1).unwrap().split("</script>").next().unwrap();
    use base64::Engine;
    use sha2::Digest;
    let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(script.as_bytes()));
    assert!(r.header("content-security-policy").unwrap().contains(&format!("'sha256-{hash}'")));
    // the API answers in JSON, with the same headers
    let r = get(&a, &s.url("/api/v1/jobs"), Some(TOKEN));
    assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
    // no listing of the data folder anywhere
    for p in ["/uploads/", "/data/", &format!("/uploads/{sha}")] {
        assert_eq!(get(&a, &s.url(p), Some(TOKEN)).status, 404, "{p}");
    }
}

/// Paths and methods of `openapi.yaml`, read from its `paths:` section.
fn openapi_routes(yaml: &str) -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    let mut in_paths = false;
    let mut path = None;
    for line in yaml.lines() {
        if !line.starts_with(' ') {
            in_paths = line.trim_end() == "paths:";
            continue;
        }
        if !in_paths {
            continue;
        }
        if let Some(p) = line.strip_prefix("  /").and_then(|l| l.strip_suffix(':')) {
            path = Some(format!("/{p}"));
        } else if let Some(m) = line.strip_prefix("    ").filter(|l| !l.starts_with(' ')) {
            let m = m.split(':').next().unwrap();
            if ["get", "post", "put", "delete", "patch"].contains(&m) {
                out.insert((m.to_string(), path.clone().unwrap()));
            }
        }
    }
    out
}

#[test]
fn openapi_describes_every_route_and_nothing_else() {
    let yaml = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/openapi.yaml")).unwrap();
    assert!(yaml.starts_with("openapi: 3.1.0"));
    let documented = openapi_routes(&yaml);
    let served: BTreeSet<(String, String)> = fwassure_server::api_routes().into_iter().collect();
    assert!(served.len() >= 15, "{served:?}");
    let missing: Vec<_> = served.difference(&documented).collect();
    let extra: Vec<_> = documented.difference(&served).collect();
    assert!(missing.is_empty(), "routes missing from openapi.yaml: {missing:?}");
    assert!(extra.is_empty(), "openapi.yaml documents routes the server lacks: {extra:?}");
    // and the server serves the file, to anyone
    let s = Server::start(Opts::default());
    let r = get(&agent(), &s.url("/api/v1/openapi.yaml"), None);
    assert_eq!(r.status, 200);
    assert_eq!(r.text(), yaml);
    // every documented route answers (not 404 for the route itself, not 405)
    let a = agent();
    for (m, p) in &documented {
        let url = s.url(&p.replace("{sha256}", "0123456789abcdef").replace("{format}", "json").replace("{id}", "999"));
        let r = if m == "get" {
            get(&a, &url, Some(TOKEN))
        } else {
            send(&a, &m.to_uppercase(), &url, Some(TOKEN), "application/json", b"{}")
        };
        assert_ne!(r.status, 405, "{m} {p}");
        if r.status == 404 {
            assert!(r.json()["error"].as_str().unwrap().starts_with("no such"), "{m} {p}: route not served");
        }
    }
}
