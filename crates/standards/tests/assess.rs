//! Assessment logic over in-memory images and finding lists.

use fwassure_model::{Assessment, Finding, FindingKind, Node, Severity, Tree, Verdict, Vfs};
use fwassure_standards::{assess, render, AssessInput, AssessmentResult, Date, EvidenceFile};
use time::macros::date;

const TODAY: Date = date!(2026 - 06 - 01);
const SHADOW: &[u8] =
    b"root:$6$abc$def:19000:0:99999:7:::\nadmin:$6$x$y:19000:0:99999:7:::\nnobody:*:19000:0:99999:7:::\n";

fn finding(rule: &str, kind: FindingKind, path: &str, subject: &str) -> Finding {
    Finding {
        rule: rule.into(),
        kind,
        severity: Severity::High,
        layer: "L0".into(),
        path: path.into(),
        subject: subject.into(),
        message: format!("{} at {path}", kind.as_str()),
        evidence: String::new(),
        remediation: String::new(),
        cwe: String::new(),
        requirements: vec![],
        line: None,
        fingerprint: None,
        chain: vec![],
    }
}

fn image(extra: &[(&str, &[u8])]) -> Vfs {
    let mut t = Tree::new();
    t.insert("etc/shadow", Node::file(SHADOW)).unwrap();
    t.insert("etc/inetd.conf", Node::file(&b"# nothing\n"[..])).unwrap();
    t.insert("bin/busybox", Node::file(&b"\x7fELF...."[..])).unwrap();
    for (p, d) in extra {
        t.insert(p, Node::file(d.to_vec())).unwrap();
    }
    Vfs::from_tree("squashfs", t)
}

fn weak_findings() -> Vec<Finding> {
    vec![
        finding("cred.default-password", FindingKind::DefaultCredential, "/etc/shadow", "root"),
        finding("key.private-key", FindingKind::PrivateKey, "/root/.ssh/id_ed25519", "ed25519"),
        finding("svc.cleartext-service", FindingKind::CleartextService, "/etc/inetd.conf", "ftp"),
    ]
}

fn run(vfs: &Vfs, findings: &[Finding], ev: Option<&EvidenceFile>, class: Option<u8>) -> AssessmentResult {
    let input = AssessInput { vfs, components: &[], findings, vulnerabilities: &[] };
    assess(&input, &fwassure_standards::standard_ids(), ev, class, TODAY)
}

fn get<'a>(r: &'a AssessmentResult, std: &str, req: &str) -> &'a Assessment {
    r.assessments
        .iter()
        .find(|a| a.standard == std && a.requirement == req)
        .unwrap_or_else(|| panic!("{std}:{req} not assessed"))
}

const EVIDENCE: &str = r#"
[product]
name = "Cam"
model = "C1"
version = "1.0"
[disclosure]
policy_url = "https://example.com/cvd"
security_txt = """
Contact: mailto:security@example.com
Expires: 2026-12-31T00:00:00Z
Policy: https://example.com/cvd
"""
[support]
end_date = "2030-01-01"
published_at = "https://example.com/support"
[[statement]]
standard = "etsi-en-303-645"
requirement = "5.6-4"
status = "not-applicable"
justification = "No physical debug interface exists on the board."
"#;

#[test]
fn weak_image_fails_the_planted_requirements() {
    let vfs = image(&[]);
    let r = run(&vfs, &weak_findings(), None, None);
    for (std, req, rule) in [
        ("etsi-en-303-645", "5.1-1", "cred.default-password"),
        ("etsi-en-303-645", "5.4-3", "key.private-key"),
        ("etsi-en-303-645", "5.5-1", "svc.cleartext-service"),
        ("uk-psti", "1", "cred.default-password"),
        ("iotsf-af", "2.4.8.3", "cred.default-password"),
        ("iotsf-af", "2.4.6.5", "key.private-key"),
        ("eu-cra", "I(2)(d)", "cred.default-password"),
        ("eu-cra", "I(2)(e)", "key.private-key"),
        ("eu-cra", "I(2)(j)", "svc.cleartext-service"),
        ("ca-sb-327", "1798.91.04(b)", "cred.default-password"),
    ] {
        let a = get(&r, std, req);
        assert_eq!(a.verdict, Verdict::Fail, "{std}:{req}");
        assert!(a.findings.iter().any(|f| f == rule), "{std}:{req} cites {:?}", a.findings);
        assert!(a.reasons.iter().any(|x| x.contains(rule)), "{std}:{req} reasons {:?}", a.reasons);
    }
    assert!(r.has_fail());
    assert_eq!(r.result, fwassure_standards::Outcome::Fail);
    // a private key is not a password under PSTI para 1
    assert!(!get(&r, "uk-psti", "1").findings.contains(&"key.private-key".to_string()));
}

#[test]
fn clean_image_passes_automatic_requirements_with_scope() {
    let vfs = image(&[]);
    let r = run(&vfs, &[], None, None);
    let a = get(&r, "etsi-en-303-645", "5.1-1");
    assert_eq!(a.verdict, Verdict::Pass);
    assert!(a.reasons.iter().any(|x| x.contains("3 account(s) in L0:/etc/shadow")), "{:?}", a.reasons);
    assert_eq!(get(&r, "etsi-en-303-645", "5.4-3").verdict, Verdict::Pass);
    assert_eq!(get(&r, "etsi-en-303-645", "5.5-1").verdict, Verdict::Pass);
    assert_eq!(get(&r, "uk-psti", "1").verdict, Verdict::Pass);
    // rule 6: nothing wrong found, but vendor evidence is still needed
    let b = get(&r, "eu-cra", "I(2)(d)");
    assert_eq!(b.verdict, Verdict::NeedsEvidence);
    assert!(b.reasons.iter().any(|x| x.starts_with("supply:")));
    assert!(!r.has_fail());
    assert_eq!(r.result, fwassure_standards::Outcome::Incomplete);
}

#[test]
fn no_accounts_means_no_pass_for_password_requirements() {
    let mut t = Tree::new();
    t.insert("bin/app", Node::file(&b"\x7fELF"[..])).unwrap();
    let vfs = Vfs::from_tree("squashfs", t);
    let r = run(&vfs, &[], None, None);
    let a = get(&r, "etsi-en-303-645", "5.1-1");
    assert_eq!(a.verdict, Verdict::NeedsEvidence, "{:?}", a.reasons);
}

#[test]
fn disclosure_needs_evidence_then_passes_with_it() {
    let vfs = image(&[]);
    let r = run(&vfs, &[], None, None);
    for (std, req) in [
        ("etsi-en-303-645", "5.2-1"),
        ("uk-psti", "2"),
        ("eu-cra", "II(5)"),
        ("eu-cra", "II(6)"),
        ("iotsf-af", "2.4.3.5.1"),
    ] {
        let a = get(&r, std, req);
        assert_eq!(a.verdict, Verdict::NeedsEvidence, "{std}:{req}");
        assert!(a.reasons.iter().any(|x| x.contains("security.txt")), "{std}:{req}: {:?}", a.reasons);
    }
    let ev = EvidenceFile::parse(EVIDENCE).unwrap();
    let r = run(&vfs, &[], Some(&ev), None);
    for (std, req) in [
        ("etsi-en-303-645", "5.2-1"),
        ("uk-psti", "2"),
        ("eu-cra", "II(5)"),
        ("eu-cra", "II(6)"),
        ("iotsf-af", "2.4.3.5.1"),
        ("uk-psti", "3"),
        ("etsi-en-303-645", "5.3-13"),
    ] {
        let a = get(&r, std, req);
        assert_eq!(a.verdict, Verdict::Pass, "{std}:{req}: {:?}", a.reasons);
        assert!(!a.evidence.is_empty());
    }
    let na = get(&r, "etsi-en-303-645", "5.6-4");
    assert_eq!(na.verdict, Verdict::NotApplicable);
    assert!(na.reasons[0].contains("No physical debug interface"));
}

#[test]
fn expired_security_txt_fails() {
    let vfs =
        image(&[("www/.well-known/security.txt", &b"Contact: mailto:a@b.c\nExpires: 2025-01-01T00:00:00Z\n"[..])]);
    let ev = EvidenceFile::parse(EVIDENCE).unwrap();
    let r = run(&vfs, &[], Some(&ev), None);
    let a = get(&r, "etsi-en-303-645", "5.2-1");
    assert_eq!(a.verdict, Verdict::Fail);
    assert!(a.reasons.iter().any(|x| x.contains("expired")), "{:?}", a.reasons);
    assert_eq!(get(&r, "uk-psti", "2").verdict, Verdict::Fail);
    // and the evidence file's own expired copy fails too
    let ev = EvidenceFile::parse(&EVIDENCE.replace("2026-12-31", "2026-01-01")).unwrap();
    let r = run(&image(&[]), &[], Some(&ev), None);
    assert_eq!(get(&r, "eu-cra", "II(6)").verdict, Verdict::Fail);
}

#[test]
fn ended_support_period_fails() {
    let ev = EvidenceFile::parse(&EVIDENCE.replace("2030-01-01", "2025-01-01")).unwrap();
    let r = run(&image(&[]), &[], Some(&ev), None);
    assert_eq!(get(&r, "uk-psti", "3").verdict, Verdict::Fail);
}

#[test]
fn not_applicable_cannot_hide_findings() {
    let ev = EvidenceFile::parse(&format!(
        "{EVIDENCE}\n[[statement]]\nstandard = \"etsi-en-303-645\"\nrequirement = \"5.1-1\"\nstatus = \"not-applicable\"\njustification = \"no passwords\"\n"
    ))
    .unwrap();
    let r = run(&image(&[]), &weak_findings(), Some(&ev), None);
    let a = get(&r, "etsi-en-303-645", "5.1-1");
    assert_eq!(a.verdict, Verdict::Fail);
    assert!(a.reasons.iter().any(|x| x.contains("contradicted")));
}

#[test]
fn met_statement_with_missing_attachment_is_not_enough() {
    let ev = EvidenceFile::parse(
        "[[statement]]\nstandard = \"etsi-en-303-645\"\nrequirement = \"5.3-16\"\nstatus = \"met\"\ndescription = \"on the label\"\nattachments = [\"/nonexistent/label.pdf\"]\n",
    )
    .unwrap();
    let r = run(&image(&[]), &[], Some(&ev), None);
    let a = get(&r, "etsi-en-303-645", "5.3-16");
    assert_eq!(a.verdict, Verdict::NeedsEvidence);
    assert!(a.reasons.iter().any(|x| x.contains("attachment")));
    let ev = EvidenceFile::parse(
        "[[statement]]\nstandard = \"etsi-en-303-645\"\nrequirement = \"5.3-16\"\nstatus = \"met\"\ndescription = \"on the label\"\n",
    )
    .unwrap();
    let r = run(&image(&[]), &[], Some(&ev), None);
    assert_eq!(get(&r, "etsi-en-303-645", "5.3-16").verdict, Verdict::Pass);
}

#[test]
fn class_filters_requirements() {
    let vfs = image(&[]);
    let r0 = run(&vfs, &[], None, Some(0));
    let r3 = run(&vfs, &[], None, Some(3));
    assert!(r0.assessments.iter().all(|a| a.requirement != "2.4.4.3"));
    assert!(r3.assessments.iter().any(|a| a.requirement == "2.4.4.3"));
    let iot0 = r0.standards.iter().find(|s| s.id == "iotsf-af").unwrap();
    assert!(iot0.above_class > 0);
    // ETSI has no classes: the same provisions at every class
    let n = |r: &AssessmentResult| r.assessments.iter().filter(|a| a.standard == "etsi-en-303-645").count();
    assert_eq!(n(&r0), n(&r3));
    assert_eq!(r0.class.source, "command line");
}

#[test]
fn renderings_match_golden() {
    let vfs =
        image(&[("www/.well-known/security.txt", &b"Contact: mailto:a@b.c\nExpires: 2025-01-01T00:00:00Z\n"[..])]);
    let ev = EvidenceFile::parse(EVIDENCE).unwrap();
    let input = AssessInput { vfs: &vfs, components: &[], findings: &weak_findings(), vulnerabilities: &[] };
    let r = assess(&input, &["uk-psti", "etsi-en-303-645"], Some(&ev), None, TODAY);
    for (name, got) in [("assess.txt", render::text(&r)), ("assess.md", render::markdown(&r))] {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(name);
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            std::fs::write(&path, &got).unwrap();
        }
        let want = std::fs::read_to_string(&path).unwrap_or_default();
        assert_eq!(got, want, "{name} differs from the golden file (UPDATE_GOLDEN=1 to refresh)");
    }
    let json: serde_json::Value = serde_json::from_str(&render::json(&r)).unwrap();
    assert_eq!(json["result"], "fail");
    assert_eq!(json["assessments"][0]["standard"], "uk-psti");
}

#[test]
fn the_unedited_template_satisfies_nothing() {
    let vfs = image(&[]);
    let bare = run(&vfs, &[], None, None);
    let t = EvidenceFile::parse(fwassure_standards::EVIDENCE_TEMPLATE).unwrap();
    let r = run(&vfs, &[], Some(&t), None);
    let count = |r: &AssessmentResult, v: Verdict| r.assessments.iter().filter(|a| a.verdict == v).count();
    assert_eq!(count(&r, Verdict::Pass), count(&bare, Verdict::Pass));
    assert_eq!(count(&r, Verdict::NotApplicable), count(&bare, Verdict::NotApplicable));
    assert!(r.notes.iter().any(|n| n.contains("11 template placeholder(s) (disclosure.policy_url")), "{:?}", r.notes);
}

#[test]
fn the_assessment_names_what_it_judged() {
    let mut report = fwassure_model::Report::default();
    report.image.path = "fw <1>.bin".into();
    report.image.size = 42;
    report.image.sha256 = "ab".repeat(32);
    report.tool.name = "fwassure".into();
    report.tool.version = "9.9.9".into();
    report.extra.insert(
        "vulnerability_database".into(),
        serde_json::json!({"stores": [], "partial": true, "starter": {"name": "starter", "date": "2026-01-02", "records": 7}}),
    );
    let mut r = run(&image(&[]), &[], None, None);
    r.subject = Some(fwassure_standards::Subject::of(&report));
    let text = render::text(&r);
    assert!(text.contains("image: fw <1>.bin (42 bytes)"), "{text}");
    assert!(text.contains(&format!("sha256: {}", "ab".repeat(32))));
    assert!(text.contains("tool: fwassure 9.9.9"));
    assert!(text.contains("bundled starter set starter (7 records, checked 2026-01-02) - PARTIAL"));
    let md = render::markdown(&r);
    assert!(md.contains("- image: fw \\<1\\>.bin"), "{md}");
    let json: serde_json::Value = serde_json::from_str(&render::json(&r)).unwrap();
    assert_eq!(json["subject"]["sha256"], "ab".repeat(32));
    assert_eq!(json["subject"]["database_partial"], true);
}
