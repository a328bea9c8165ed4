//! Outputs checked by the consumers people really use, when the consumer is installed.
//!
//! - SARIF: Microsoft's SARIF multitool (`npm install @microsoft/sarif-multitool`; its self-contained Linux
//!   binary `Sarif.Multitool`), run with the GitHub Advanced Security ingestion rules (`Gh`) and the SARIF
//!   rules: no result of level `error` may remain. Set `SARIF_MULTITOOL` to the binary; `.ci/run` installs it
//!   and sets `FWASSURE_REQUIRE_CONSUMERS=1`, which turns a missing consumer into a failure instead of a skip.

mod common;

use std::path::PathBuf;
use std::process::Command;

use fwassure_report::sarif;

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
