//! The CI gate end to end: `--fail-on`, `--baseline` and `--ignore` on `scan`, `sbom` and `assess`, and
//! their exit codes (0 passed, 1 gate failed, 2 error).

use std::path::{Path, PathBuf};
use std::process::Output;

use crate::common;
use common::{bin, cpio};

/// An image whose root account has an empty password (a critical finding).
fn weak_image(dir: &Path) -> PathBuf {
    let p = dir.join("weak.cpio");
    std::fs::write(
        &p,
        cpio(&[("etc/passwd", b"root:x:0:0:root:/root:/bin/sh\n"), ("etc/shadow", b"root::19000:0:99999:7:::\n")]),
    )
    .unwrap();
    p
}

fn run(args: &[&str], image: &Path, extra: &[&str]) -> Output {
    bin().args(args).arg(image).args(extra).output().unwrap()
}

#[test]
fn scan_fails_on_a_critical_finding_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let img = weak_image(dir.path());
    let plain = run(&["scan"], &img, &["--format", "json"]);
    assert_eq!(plain.status.code(), Some(0), "no threshold: the scan only reports");
    let report: serde_json::Value = serde_json::from_slice(&plain.stdout).unwrap();
    assert!(
        report["findings"].as_array().unwrap().iter().any(|f| f["severity"] == "critical"),
        "the fixture must hold a critical finding: {report:#}"
    );
    let gated = run(&["scan"], &img, &["--format", "json", "--fail-on", "critical"]);
    assert_eq!(gated.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&gated.stderr).contains("gate: FAILED"));
    // sbom has the same gate
    assert_eq!(run(&["sbom"], &img, &["--fail-on", "high"]).status.code(), Some(1));

    // the report as baseline: nothing new, the gate passes
    let base = dir.path().join("base.json");
    std::fs::write(&base, &plain.stdout).unwrap();
    let b = run(&["scan"], &img, &["--fail-on", "critical", "--baseline", base.to_str().unwrap()]);
    assert_eq!(b.status.code(), Some(0), "{}", String::from_utf8_lossy(&b.stderr));
    assert!(String::from_utf8_lossy(&b.stderr).contains("in the baseline"));
}

#[test]
fn triage_file_lets_an_item_through_until_it_expires_and_bad_files_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let img = weak_image(dir.path());
    let plain = run(&["scan"], &img, &["--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&plain.stdout).unwrap();
    let crit: Vec<&serde_json::Value> =
        report["findings"].as_array().unwrap().iter().filter(|f| f["severity"] == "critical").collect();
    let entries = |expires: &str| -> String {
        crit.iter()
            .map(|f| {
                format!(
                    "[[ignore]]\nrule = \"{}\"\npath = \"{}\"\nreason = \"test image\"\nexpires = \"{expires}\"\n\n",
                    f["rule"].as_str().unwrap(),
                    f["path"].as_str().unwrap()
                )
            })
            .collect()
    };
    let ok = dir.path().join("ok.toml");
    std::fs::write(&ok, entries("2999-12-31")).unwrap();
    assert_eq!(
        run(&["scan"], &img, &["--fail-on", "critical", "--ignore", ok.to_str().unwrap()]).status.code(),
        Some(0)
    );
    let old = dir.path().join("old.toml");
    std::fs::write(&old, entries("2001-01-01")).unwrap();
    let o = run(&["scan"], &img, &["--fail-on", "critical", "--ignore", old.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("expired on 2001-01-01"));
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "[[ignore]]\nrule = \"x\"\n").unwrap();
    let e = run(&["scan"], &img, &["--fail-on", "critical", "--ignore", bad.to_str().unwrap()]);
    assert_eq!(e.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&e.stderr).contains("reason is required"));
}

#[test]
fn assess_takes_the_gate_vex_and_db() {
    let dir = tempfile::tempdir().unwrap();
    let img = weak_image(dir.path());
    let help = bin().args(["assess", "--help"]).output().unwrap();
    let help = String::from_utf8_lossy(&help.stdout);
    for opt in ["--vex", "--db", "--fail-on", "--baseline", "--ignore"] {
        assert!(help.contains(opt), "assess --help lacks {opt}");
    }
    let a = run(&["assess"], &img, &["--standard", "uk-psti", "--fail-on", "critical"]);
    assert_eq!(a.status.code(), Some(1));
}
