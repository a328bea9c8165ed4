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

/// The truth files' components of an image: (name, version) pairs; those the truth marks optional (a
/// version file of a vendor add-on, say) are left out.
fn truth_components(truth: &serde_json::Value) -> std::collections::BTreeSet<(String, String)> {
    truth["components"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["optional"] != true)
        .map(|c| (c["name"].as_str().unwrap().to_string(), c["version"].as_str().unwrap().to_string()))
        .collect()
}

/// Every truth component only the old version has is listed as removed (or as the old side of a change),
/// every one only the new version has as added (or the new side of a change).
fn check_pair(old: &Path, new: &Path, old_truth: &serde_json::Value, new_truth: &serde_json::Value) -> usize {
    let (code, out) = diff(old, new, &["--format", "json"]);
    assert_eq!(code, 0, "{out}");
    let d: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_valid(&schema("diff.v1.json"), &d, "diff of a real pair");
    let pairs = |k: &str| -> Vec<(String, String)> {
        d["components"][k]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| (c["name"].as_str().unwrap().into(), c["version"].as_str().unwrap().into()))
            .collect()
    };
    let (added, removed) = (pairs("added"), pairs("removed"));
    let changed: Vec<(String, String, String)> = d["components"]["changed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (c["name"].as_str().unwrap().into(), c["old"].as_str().unwrap().into(), c["new"].as_str().unwrap().into())
        })
        .collect();
    let (o, n) = (truth_components(old_truth), truth_components(new_truth));
    let mut checked = 0;
    for (name, version) in o.difference(&n) {
        let listed = removed.contains(&(name.clone(), version.clone()))
            || changed.iter().any(|c| &c.0 == name && &c.1 == version);
        assert!(
            listed,
            "{} -> {}: {name} {version} left but the diff does not say so: {d:#}",
            old.display(),
            new.display()
        );
        checked += 1;
    }
    for (name, version) in n.difference(&o) {
        let listed =
            added.contains(&(name.clone(), version.clone())) || changed.iter().any(|c| &c.0 == name && &c.2 == version);
        assert!(
            listed,
            "{} -> {}: {name} {version} came but the diff does not say so: {d:#}",
            old.display(),
            new.display()
        );
        checked += 1;
    }
    checked
}

#[test]
fn diff_of_releases_lists_the_component_changes_the_truth_knows() {
    // two Debian releases of the same profile from the sample corpus, and real vendor pairs
    let corpus = PathBuf::from(std::env::var("SAMPLE_CORPUS").unwrap_or_else(|_| "/var/tmp/sample-corpus".into()));
    let realfw = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/realfw"));
    let mut checked = 0;
    if let Ok(t) = std::fs::read_to_string(corpus.join("truth.json")) {
        let t: serde_json::Value = serde_json::from_str(&t).unwrap();
        let by_name = |n: &str| t["images"].as_array().unwrap().iter().find(|i| i["image"] == n).unwrap().clone();
        for (a, b) in
            [("sample-01.bin", "sample-04.bin"), ("sample-02.bin", "sample-05.bin"), ("sample-03.bin", "sample-06.bin")]
        {
            checked += check_pair(&corpus.join(a), &corpus.join(b), &by_name(a), &by_name(b));
        }
    } else {
        eprintln!("SKIP corpus pairs: no sample corpus at {}", corpus.display());
    }
    let truth = |n: &str| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(realfw.join("truth").join(format!("{n}.json"))).unwrap()).unwrap()
    };
    if realfw.join("images").is_dir() {
        for (a, b) in [
            ("dlink_dir600l_b1_fw2.05.bin", "dlink_dir600l_b1_fw2.17_seama.bin"),
            ("tplink_wr841nv10_en_150310.bin", "tplink_wr940nv4_us_160617.bin"),
        ] {
            checked += check_pair(&realfw.join("images").join(a), &realfw.join("images").join(b), &truth(a), &truth(b));
        }
    } else {
        eprintln!("SKIP real pairs: no {}", realfw.display());
    }
    eprintln!("{checked} component changes checked");
}
