//! `fwassure diff` end to end: two versions of a small image, as images and as reports; the JSON against
//! `schemas/diff.v1.json` (and the scans against `schemas/report.v1.json`); the gate's exit codes.

use std::path::{Path, PathBuf};

use crate::common;
use common::{bin, cpio};

fn schema(name: &str) -> jsonschema::Validator {
    let p = format!("{}/../../schemas/{name}", env!("CARGO_MANIFEST_DIR"));
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap();
    jsonschema::options().offline().build(&v).unwrap()
}

fn assert_valid(v: &jsonschema::Validator, doc: &serde_json::Value, what: &str) {
    let errors: Vec<String> = v.iter_errors(doc).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "{what} does not meet its schema:\n{}", errors.join("\n"));
}

/// Version 1 lets root in with no password; version 2 locks the account, changes the banner and adds a file.
fn versions(dir: &Path) -> (PathBuf, PathBuf) {
    let passwd: &[u8] = b"root:x:0:0:root:/root:/bin/sh\n";
    let v1 = cpio(&[
        ("etc/passwd", passwd),
        ("etc/shadow", b"root::19000:0:99999:7:::\n"),
        ("etc/banner", b"release 1\n"),
        ("etc/old.conf", b"x=1\n"),
    ]);
    let v2 = cpio(&[
        ("etc/passwd", passwd),
        ("etc/shadow", b"root:*:19000:0:99999:7:::\n"),
        ("etc/banner", b"release 2\n"),
        ("etc/new.conf", b"y=2\n"),
    ]);
    let (a, b) = (dir.join("fw-1.cpio"), dir.join("fw-2.cpio"));
    std::fs::write(&a, v1).unwrap();
    std::fs::write(&b, v2).unwrap();
    (a, b)
}

fn diff(old: &Path, new: &Path, extra: &[&str]) -> (i32, String) {
    let out = bin().arg("diff").arg(old).arg(new).args(extra).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap())
}

#[test]
fn diff_of_two_images_lists_resolved_findings_verdicts_and_files() {
    let dir = tempfile::tempdir().unwrap();
    let (v1, v2) = versions(dir.path());
    let (code, text) = diff(&v1, &v2, &["--format", "json", "--reproducible", "--fail-on", "verdict-regression"]);
    assert_eq!(code, 0, "an update that fixes things does not fail the gate");
    let d: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_valid(&schema("diff.v1.json"), &d, "diff");
    let resolved: Vec<&str> =
        d["findings"]["resolved"].as_array().unwrap().iter().map(|f| f["path"].as_str().unwrap()).collect();
    assert!(resolved.contains(&"/etc/shadow"), "{d:#}");
    assert!(d["summary"]["verdict_improvements"].as_u64().unwrap() > 0, "{d:#}");
    let files = &d["files"][0];
    let list = |k: &str| -> Vec<&str> { files[k].as_array().unwrap().iter().map(|p| p.as_str().unwrap()).collect() };
    assert_eq!(list("changed"), vec!["/etc/banner", "/etc/shadow"]);
    assert_eq!(list("added"), vec!["/etc/new.conf"]);
    assert_eq!(list("removed"), vec!["/etc/old.conf"]);
    assert_eq!(files["unchanged"], 1);

    // the other way round the requirement regresses and the gate fails
    let (code, _) = diff(&v2, &v1, &["--fail-on", "verdict-regression"]);
    assert_eq!(code, 1);
    let (code, _) = diff(&v2, &v1, &["--fail-on", "new-critical"]);
    assert_eq!(code, 1, "the empty password comes back as a new critical finding");
    // same bytes twice
    assert_eq!(diff(&v1, &v2, &["--format", "json", "--reproducible"]).1, text);
}

#[test]
fn diff_of_two_reports_and_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let (v1, v2) = versions(dir.path());
    let report_schema = schema("report.v1.json");
    let mut reports = Vec::new();
    for img in [&v1, &v2] {
        let out = bin().arg("scan").arg(img).args(["--format", "json", "--reproducible"]).output().unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_valid(&report_schema, &v, "scan report");
        let p = img.with_extension("json");
        std::fs::write(&p, &out.stdout).unwrap();
        reports.push(p);
    }
    let (code, text) = diff(&reports[0], &reports[1], &["--format", "json"]);
    assert_eq!(code, 0);
    let d: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_valid(&schema("diff.v1.json"), &d, "diff of reports");
    assert!(d.get("files").is_none(), "reports hold no file list");
    assert!(d["notes"].to_string().contains("files were not compared"));
    for (format, marker) in [("text", "fwassure diff"), ("md", "# fwassure diff"), ("html", "<!DOCTYPE html>")] {
        let (code, out) = diff(&v1, &v2, &["--format", format]);
        assert_eq!(code, 0);
        assert!(out.starts_with(marker), "{format}: {out}");
    }
    // a bad condition is a usage error
    let (code, _) = diff(&v1, &v2, &["--fail-on", "new-severe"]);
    assert_eq!(code, 2);
}
