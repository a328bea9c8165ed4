//! Outputs checked by the consumers people really use, when the consumer is installed.
//!
//! - SARIF: Microsoft's SARIF multitool (`npm install @microsoft/sarif-multitool`; its self-contained Linux
//!   binary `Sarif.Multitool`), run with the GitHub Advanced Security ingestion rules (`Gh`) and the SARIF
//!   rules: no result of level `error` may remain. Set `SARIF_MULTITOOL` to the binary; `.ci/run` installs it
//!   and sets `FWASSURE_REQUIRE_CONSUMERS=1`, which turns a missing consumer into a failure instead of a skip.
//! - SPDX: the SPDX project's `pyspdxtools` (`pip install spdx-tools`; set `PYSPDXTOOLS` to it) must parse
//!   and validate the document with no message, and the NTIA conformance checker (`pip install
//!   ntia-conformance-checker`; set `NTIA_CHECKER` to its `ntia-checker`) must find the NTIA minimum
//!   elements on every package. `.ci/run` installs both (pinned) into a venv and sets the variables.

use crate::common;

use std::path::PathBuf;
use std::process::Command;

use fwassure_report::{sarif, spdx, SbomOptions};

fn consumer(var: &str) -> Option<PathBuf> {
    match std::env::var_os(var).map(PathBuf::from).filter(|p| p.is_file()) {
        Some(p) => Some(p),
        None if std::env::var_os("FWASSURE_REQUIRE_CONSUMERS").is_some() => panic!("{var} is not set to a file"),
        None => {
            eprintln!("skipped: {var} not set (see the module docs)");
            None
        }
    }
}

/// Errors the multitool reports on one SARIF file (rule id and message of every `error` result).
fn multitool_errors(tool: &PathBuf, sarif_text: &str, name: &str) -> Vec<String> {
    let dir = std::env::temp_dir().join(format!("fwassure-sarif-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let input = dir.join(format!("{name}.sarif"));
    let output = dir.join(format!("{name}.validation.sarif"));
    std::fs::write(&input, sarif_text).unwrap();
    let _ = std::fs::remove_file(&output);
    let st = Command::new(tool)
        .args(["validate", "--rule-kind", "Gh;Sarif", "-o"])
        .arg(&output)
        .arg(&input)
        .output()
        .expect("run the SARIF multitool");
    let log: serde_json::Value = serde_json::from_slice(
        &std::fs::read(&output)
            .unwrap_or_else(|e| panic!("multitool wrote no log ({e}): {}", String::from_utf8_lossy(&st.stdout))),
    )
    .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    log["runs"][0]["results"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|r| r["level"] == "error")
        .map(|r| format!("{}: {}", r["ruleId"], r["message"]))
        .collect()
}

#[test]
fn github_accepts_our_sarif() {
    let Some(tool) = consumer("SARIF_MULTITOOL") else { return };
    let mut r = common::report();
    let plain = multitool_errors(&tool, &sarif::render(&r), "plain");
    assert!(plain.is_empty(), "{plain:#?}");
    // many requirements on one rule: GitHub refuses a rule with more than 20 tags
    r.findings[0].requirements = (1..=30).map(|i| format!("etsi-en-303-645:5.{i}-1")).collect();
    let many = multitool_errors(&tool, &sarif::render(&r), "many");
    assert!(many.is_empty(), "{many:#?}");
}

/// A scratch file holding `text`, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str, text: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("fwassure-consumers-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap();
        Scratch(p)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn spdx_documents() -> Vec<(&'static str, String)> {
    let stated = SbomOptions {
        created: Some("2024-01-02T03:04:05Z".into()),
        supplier: Some("ACME Routers <psirt@acme.example>".into()),
    };
    vec![
        ("fixture", spdx::render_with(&common::report(), &stated)),
        ("empty", spdx::render_with(&common::empty_report(), &stated)),
        ("fixture-undated", spdx::render(&common::report())),
    ]
}

#[test]
fn spdx_tools_validate_our_spdx() {
    let Some(tool) = consumer("PYSPDXTOOLS") else { return };
    for (name, text) in spdx_documents() {
        let f = Scratch::new(&format!("{name}.spdx.json"), &text);
        let out = Command::new(&tool).arg("-i").arg(&f.0).output().expect("run pyspdxtools");
        let said = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        assert!(out.status.success(), "{name}: pyspdxtools failed:\n{said}");
        assert!(!said.contains("ValidationMessage") && !said.to_lowercase().contains("invalid"), "{name}:\n{said}");
    }
}

#[test]
fn the_ntia_checker_finds_the_minimum_elements() {
    let Some(tool) = consumer("NTIA_CHECKER") else { return };
    for (name, text) in spdx_documents() {
        let f = Scratch::new(&format!("ntia-{name}.spdx.json"), &text);
        let out = Command::new(&tool).args(["-c", "ntia", "-r", "json"]).arg(&f.0).output().expect("run ntia-checker");
        let said = String::from_utf8_lossy(&out.stdout);
        let r: serde_json::Value = serde_json::from_str(&said)
            .unwrap_or_else(|e| panic!("{name}: {e}: {said}{}", String::from_utf8_lossy(&out.stderr)));
        if name == "fixture-undated" {
            // without a stated supplier only the image and its layers lack one: the evidence does not name
            // the maker of an image
            let missing = r["componentSuppliers"]["nonconformantComponents"].as_array().unwrap();
            assert!(!missing.is_empty());
            assert!(
                missing.iter().all(|m| m == "router fw.bin" || m.as_str().unwrap().starts_with('L')),
                "{missing:?}"
            );
            assert_eq!(r["componentVersions"]["allProvided"], true, "{said}");
            continue;
        }
        assert_eq!(r["isNtiaConformant"], true, "{name}: {said}");
        assert_eq!(r["validationMessages"], serde_json::json!([]), "{name}: {said}");
    }
}
