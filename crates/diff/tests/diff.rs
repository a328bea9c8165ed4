//! The diff of two small reports: its content, each rendering against a golden file, the JSON against
//! `schemas/diff.v1.json`, the gate, and escaping of what comes from the image.
//!
//! `UPDATE_GOLDEN=1 cargo test -p fwassure-diff` rewrites the golden files after a deliberate change.

use fwassure_diff::{render, Diff, FailOn, Side, VerdictDirection};
use fwassure_model::Report;

fn load(name: &str) -> Report {
    let p = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

fn diff() -> Diff {
    Diff::generate(&Side::report(&load("old.json")), &Side::report(&load("new.json")))
}

fn golden(name: &str, got: &str) {
    let p = format!("{}/tests/golden/{name}", env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(std::path::Path::new(&p).parent().unwrap()).unwrap();
        std::fs::write(&p, got).unwrap();
    }
    let want = std::fs::read_to_string(&p).unwrap_or_else(|_| panic!("{p} is missing: run with UPDATE_GOLDEN=1"));
    assert!(got == want, "{name} differs from its golden file (UPDATE_GOLDEN=1 after a deliberate change)");
}

#[test]
fn components_vulnerabilities_findings_and_verdicts() {
    let d = diff();
    let changed: Vec<(&str, &str, &str)> =
        d.components.changed.iter().map(|c| (c.name.as_str(), c.old.as_str(), c.new.as_str())).collect();
    // one version of a name replaced by another is a change; openssl 1.0.2k stays in both
    assert_eq!(changed, vec![("busybox", "1.01", "1.19.4"), ("openssl", "0.9.8e", "1.1.1w")]);
    assert_eq!(d.components.added.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), vec!["lighttpd"]);
    assert_eq!(d.components.removed.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), vec!["dropbear"]);

    let ids = |l: &[fwassure_diff::VulnEntry]| l.iter().map(|v| v.id.clone()).collect::<Vec<_>>();
    // most severe first; the VEX'd not_affected match is neither fixed nor open
    assert_eq!(ids(&d.vulnerabilities.fixed), vec!["CVE-2012-0002", "CVE-2011-0001"]);
    assert_eq!(ids(&d.vulnerabilities.introduced), vec!["CVE-2022-0004", "CVE-2021-0005"]);
    assert_eq!(ids(&d.vulnerabilities.still_open), vec!["CVE-2016-0003"]);
    let fixed = &d.vulnerabilities.fixed[1];
    assert_eq!((fixed.old_version.as_deref(), fixed.new_version.as_deref()), (Some("1.01"), None));

    assert_eq!(d.findings.new.iter().map(|f| f.rule.as_str()).collect::<Vec<_>>(), vec!["secret.aws"]);
    assert_eq!(d.findings.resolved.iter().map(|f| f.rule.as_str()).collect::<Vec<_>>(), vec!["cred.empty-password"]);

    let v: Vec<(VerdictDirection, &str)> = d.verdicts.iter().map(|v| (v.direction, v.requirement.as_str())).collect();
    assert_eq!(
        v,
        vec![
            (VerdictDirection::Regression, "5.5-1"),
            (VerdictDirection::Improvement, "5.1-1"),
            (VerdictDirection::Changed, "1.1")
        ]
    );
    assert_eq!(d.summary.verdict_regressions, 1);
    assert!(d.files.is_none(), "reports hold no file list");
    assert!(d.notes.iter().any(|n| n.contains("files were not compared")));
}

#[test]
fn same_report_twice_changes_nothing() {
    let r = load("new.json");
    let d = Diff::generate(&Side::report(&r), &Side::report(&r));
    assert!(d.components.added.is_empty() && d.components.removed.is_empty() && d.components.changed.is_empty());
    assert!(d.vulnerabilities.fixed.is_empty() && d.vulnerabilities.introduced.is_empty());
    assert_eq!(d.vulnerabilities.still_open.len(), 3);
    assert!(d.findings.new.is_empty() && d.findings.resolved.is_empty() && d.verdicts.is_empty());
    assert!(FailOn::VerdictRegression.failures(&d).is_empty());
}

#[test]
fn golden_renderings() {
    let d = diff();
    golden("diff.json", &render::json::render(&d));
    golden("diff.txt", &render::text::render(&d));
    golden("diff.md", &render::markdown::render(&d));
    golden("diff.html", &render::html::render(&d));
}

#[test]
fn json_meets_its_schema_and_reads_back() {
    let d = diff();
    let text = render::json::render(&d);
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let schema: serde_json::Value = serde_json::from_str(include_str!("../../../schemas/diff.v1.json")).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator.iter_errors(&v).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let back: Diff = serde_json::from_str(&text).unwrap();
    assert_eq!(back, d);
    // a schema that accepted anything would not catch a renamed field
    let mut broken = v.clone();
    broken["summary"]["regressions"] = serde_json::json!(1);
    assert!(!validator.is_valid(&broken));
}

#[test]
fn gate_conditions() {
    let d = diff();
    let crit: FailOn = "new-critical".parse().unwrap();
    let f = crit.failures(&d);
    // the new critical finding and the introduced critical CVE; not the new low CVE
    assert_eq!(f.len(), 2, "{f:?}");
    assert_eq!("new-low".parse::<FailOn>().unwrap().failures(&d).len(), 3);
    assert_eq!(FailOn::VerdictRegression.failures(&d), vec!["verdict regression: etsi-en-303-645 5.5-1 now fails"]);
    assert!("new-severe".parse::<FailOn>().is_err());
}

#[test]
fn image_text_is_escaped_in_every_rendering() {
    let d = diff();
    let text = render::text::render(&d);
    assert!(!text.contains('\u{1b}'), "an escape sequence from a file name reached the terminal");
    let html = render::html::render(&d);
    assert!(!html.contains("<script>") && !html.contains("<b>1.1"), "markup from the image reached the HTML");
    let md = render::markdown::render(&d);
    assert!(!md.contains("<script>") && !md.contains("<b>"), "raw HTML from the image reached the Markdown");
    assert!(md.contains("an AWS key \\| with a pipe"), "a | in a value would split the table row");
}
