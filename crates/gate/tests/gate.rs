//! The gate on in-memory reports: threshold, baseline, triage with expiry, VEX status.

use fwassure_gate::{Baseline, Gate, IgnoreError, IgnoreFile};
use fwassure_model::{Report, Severity};
use serde_json::json;
use time::macros::date;

fn finding(rule: &str, path: &str, subject: &str, severity: &str) -> serde_json::Value {
    json!({"rule": rule, "kind": "cleartext-service", "severity": severity, "layer": "L1", "path": path,
           "subject": subject, "message": format!("{rule} on {path}"), "evidence": "", "remediation": "",
           "cwe": "", "requirements": []})
}

fn vuln(id: &str, component: &str, severity: &str, status: &str) -> serde_json::Value {
    json!({"id": id, "aliases": [], "component": {"name": component, "version": "1.0"}, "severity": severity,
           "fixed_in": [], "status": status, "match": {"method": "cpe", "on": component, "range": "<2"},
           "kev": false, "cwe": [], "references": []})
}

fn report(findings: Vec<serde_json::Value>, vulns: Vec<serde_json::Value>) -> Report {
    serde_json::from_value(json!({
        "schema": "fwassure.report/v1",
        "tool": {"name": "fwassure", "version": "0"},
        "image": {"path": "x.bin", "size": 1, "sha256": "00"},
        "layers": [], "components": [], "findings": findings, "vulnerabilities": vulns,
        "assessments": [], "problems": [],
        "stats": {"layers": 0, "files": 0, "unpacked_bytes": 0, "elapsed_ms": 0}
    }))
    .expect("a valid report")
}

fn sample() -> Report {
    report(
        vec![
            finding("svc.telnet", "/usr/sbin/telnetd", "telnet", "high"),
            finding("cred.default-password", "/etc/shadow", "root", "critical"),
            finding("bin.hardening", "/bin/busybox", "nx", "low"),
        ],
        vec![
            vuln("CVE-2024-0001", "openssl", "critical", "affected"),
            vuln("CVE-2024-0002", "busybox", "critical", "not_affected"),
            vuln("CVE-2024-0003", "dnsmasq", "medium", "affected"),
        ],
    )
}

const TODAY: time::Date = date!(2026 - 12 - 04);

#[test]
fn nothing_fails_without_a_threshold() {
    let o = Gate::default().judge(&sample(), TODAY);
    assert!(o.passed());
    assert_eq!(o.summary(None), "");
}

#[test]
fn threshold_counts_findings_and_affected_vulnerabilities_only() {
    let g = Gate { fail_on: Some(Severity::High), ..Default::default() };
    let o = g.judge(&sample(), TODAY);
    let rules: Vec<&str> = o.failing.iter().map(|i| i.rule.as_str()).collect();
    // sorted: findings before vulnerabilities; VEX not_affected never fails; medium and low are below
    assert_eq!(rules, ["cred.default-password", "svc.telnet", "CVE-2024-0001"]);
    assert!(!o.passed());
    assert!(o.summary(g.fail_on).starts_with("gate: FAILED: 3 item(s) at or above high"));
    let g = Gate { fail_on: Some(Severity::Low), ..Default::default() };
    assert_eq!(g.judge(&sample(), TODAY).failing.len(), 5);
}

#[test]
fn baseline_lets_through_what_the_previous_release_had_even_in_another_layer() {
    let mut old = report(
        vec![finding("svc.telnet", "/usr/sbin/telnetd", "telnet", "high")],
        vec![vuln("CVE-2024-0001", "openssl", "critical", "affected")],
    );
    old.findings[0].layer = "L7".into(); // layer ids change between images; identity does not use them
    let g = Gate { fail_on: Some(Severity::High), baseline: Some(Baseline::of(&old)), ..Default::default() };
    let o = g.judge(&sample(), TODAY);
    assert_eq!(o.failing.len(), 1);
    assert_eq!(o.failing[0].rule, "cred.default-password");
    assert_eq!(o.baselined, 2);
}

#[test]
fn triage_applies_until_it_expires_and_then_is_named() {
    let ignore = IgnoreFile::parse(
        r#"
[[ignore]]
rule = "svc.telnet"
path = "/usr/sbin/telnetd"
reason = "removed at first boot"
expires = "2026-12-31"

[[ignore]]
rule = "CVE-2024-0001"
component = "openssl"
reason = "API not used"
expires = "2026-01-31"
"#,
    )
    .unwrap();
    let g = Gate { fail_on: Some(Severity::High), ignore, ..Default::default() };
    let o = g.judge(&sample(), TODAY);
    let rules: Vec<&str> = o.failing.iter().map(|i| i.rule.as_str()).collect();
    assert_eq!(rules, ["cred.default-password", "CVE-2024-0001"], "expired triage no longer applies");
    assert_eq!(o.ignored, 1);
    assert_eq!(o.expired.len(), 1);
    assert!(o.summary(g.fail_on).contains("expired on 2026-01-31"));
    // the day after the first entry's expiry, telnet fails again
    assert_eq!(g.judge(&sample(), date!(2027 - 01 - 01)).failing.len(), 3);
    // a path entry does not match a vulnerability, a component entry does not match a finding
    let cross =
        IgnoreFile::parse("[[ignore]]\ncomponent = \"openssl\"\nrule = \"svc.telnet\"\nreason = \"x\"\n").unwrap();
    let g = Gate { fail_on: Some(Severity::High), ignore: cross, ..Default::default() };
    assert_eq!(g.judge(&sample(), TODAY).ignored, 0);
}

#[test]
fn ignore_files_that_cannot_be_trusted_are_errors() {
    assert!(matches!(
        IgnoreFile::parse("[[ignore]]\nrule = \"svc.telnet\"\n"),
        Err(IgnoreError::NoReason { index: 1 })
    ));
    assert!(matches!(IgnoreFile::parse("[[ignore]]\nreason = \"all of it\"\n"), Err(IgnoreError::Empty { index: 1 })));
    assert!(matches!(
        IgnoreFile::parse("[[ignore]]\nrule = \"a\"\nreason = \"r\"\nexpires = \"31.12.2026\"\n"),
        Err(IgnoreError::BadDate { .. })
    ));
    // a misspelt key is an error, not a silently permanent entry
    assert!(matches!(
        IgnoreFile::parse("[[ignore]]\nrule = \"a\"\nreason = \"r\"\nexpire = \"2026-12-31\"\n"),
        Err(IgnoreError::Toml(_))
    ));
    assert!(IgnoreFile::parse("").unwrap().entries.is_empty());
}
