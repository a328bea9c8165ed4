//! EN 18031-1/-2/-3: the catalog's decision trees are well formed, the family-to-part table is the public one,
//! and walking the trees over in-memory findings gives the verdicts a lab expects, with the path recorded.

use std::collections::{BTreeMap, BTreeSet};

use fwassure_model::{Finding, FindingKind, Node, Severity, Tree, Verdict, Vfs, Vulnerability};
use fwassure_standards::catalog::{catalog, Answerer, TREE_OUTCOMES};
use fwassure_standards::{assess, AssessInput, AssessmentResult, Date, EvidenceFile};
use time::macros::date;

const TODAY: Date = date!(2026 - 06 - 01);
const PARTS: [&str; 3] = ["en-18031-1", "en-18031-2", "en-18031-3"];

fn finding(rule: &str, kind: FindingKind, path: &str) -> Finding {
    Finding {
        rule: rule.into(),
        kind,
        severity: Severity::High,
        layer: "L0".into(),
        path: path.into(),
        subject: "root".into(),
        message: format!("{rule} at {path}"),
        evidence: String::new(),
        remediation: String::new(),
        cwe: String::new(),
        requirements: vec![],
        line: None,
        fingerprint: None,
        chain: vec![],
    }
}

fn vuln(id: &str, severity: &str, status: &str) -> Vulnerability {
    serde_json::from_value(serde_json::json!({
        "id": id, "aliases": [], "component": {"name": "busybox", "version": "1.20.2"},
        "severity": severity, "fixed_in": [], "status": status,
        "match": {"method": "cpe", "on": "cpe:2.3:a:busybox:busybox:1.20.2", "range": "< 1.21", "notes": []},
        "kev": false, "references": []
    }))
    .unwrap()
}

fn image() -> Vfs {
    let mut t = Tree::new();
    t.insert("etc/shadow", Node::file(&b"root:$6$abc$def:19000:0:99999:7:::\n"[..])).unwrap();
    t.insert("bin/busybox", Node::file(&b"\x7fELF...."[..])).unwrap();
    Vfs::from_tree("squashfs", t)
}

fn run(findings: &[Finding], vulns: &[Vulnerability], ev: Option<&EvidenceFile>) -> AssessmentResult {
    let vfs = image();
    let input = AssessInput { vfs: &vfs, components: &[], findings, vulnerabilities: vulns };
    assess(&input, &PARTS, ev, None, TODAY)
}

fn verdict(r: &AssessmentResult, std: &str, req: &str) -> (Verdict, Vec<String>, Vec<String>) {
    let a = r
        .assessments
        .iter()
        .find(|a| a.standard == std && a.requirement == req)
        .unwrap_or_else(|| panic!("{std}:{req} not assessed"));
    (a.verdict, a.reasons.clone(), a.path.clone())
}

#[test]
fn every_part_loads_and_every_tree_is_well_formed() {
    assert!(
        fwassure_standards::catalog::catalog_errors().is_empty(),
        "{:?}",
        fwassure_standards::catalog::catalog_errors()
    );
    let rules: BTreeSet<&str> = fwassure_checks::rules().iter().map(|r| r.id).collect();
    for part in PARTS {
        let c = catalog(part).unwrap_or_else(|| panic!("{part} not loaded"));
        assert!(c.requirements.len() >= 30, "{part}: {}", c.requirements.len());
        let mut ids = BTreeSet::new();
        for r in &c.requirements {
            assert!(ids.insert(&r.id), "{part}: {} twice", r.id);
            assert!(c.section(&r.section).is_some(), "{part}:{} section {}", r.id, r.section);
            assert!(r.id.starts_with(&r.section), "{part}:{} in section {}", r.id, r.section);
            assert!(!r.tree.is_empty(), "{part}:{} has no decision tree", r.id);
            let nodes: BTreeMap<&str, _> = r.tree.iter().map(|n| (n.id.as_str(), n)).collect();
            assert_eq!(nodes.len(), r.tree.len(), "{part}:{} repeats a node id", r.id);
            let mut image_nodes = 0;
            for n in &r.tree {
                for to in [&n.yes, &n.no] {
                    assert!(
                        TREE_OUTCOMES.contains(&to.as_str()) || nodes.contains_key(to.as_str()),
                        "{part}:{} {} leads to unknown {to}",
                        r.id,
                        n.id
                    );
                }
                for rule in &n.rules {
                    assert!(rules.contains(rule.as_str()), "{part}:{} {} names unknown rule {rule}", r.id, n.id);
                }
                let shows = !n.kinds.is_empty() || !n.rules.is_empty() || n.vulns.is_some();
                match n.answered_by {
                    Answerer::Vendor => assert!(!shows, "{part}:{} {}: a vendor node names findings", r.id, n.id),
                    _ => {
                        assert!(shows, "{part}:{} {}: an image node names no finding", r.id, n.id);
                        image_nodes += 1;
                    }
                }
            }
            // automatic part exactly when the image answers a node
            assert_eq!(r.has_automatic_part(), image_nodes > 0, "{part}:{} assessment vs nodes", r.id);
            // every node reachable from the root, and every walk ends (no cycle)
            let mut seen = BTreeSet::new();
            let mut stack = vec![(r.tree[0].id.as_str(), 0usize)];
            while let Some((id, depth)) = stack.pop() {
                assert!(depth <= r.tree.len(), "{part}:{} has a cycle", r.id);
                seen.insert(id);
                let n = nodes[id];
                for to in [&n.yes, &n.no] {
                    if nodes.contains_key(to.as_str()) {
                        stack.push((to.as_str(), depth + 1));
                    }
                }
            }
            assert_eq!(seen.len(), r.tree.len(), "{part}:{} has unreachable nodes", r.id);
            // a tree can end in pass and in fail (or is a pure applicability question)
            let ends: BTreeSet<&str> = r.tree.iter().flat_map(|n| [n.yes.as_str(), n.no.as_str()]).collect();
            assert!(ends.contains("pass") && ends.contains("fail"), "{part}:{} cannot both pass and fail", r.id);
        }
    }
}

#[test]
fn families_belong_to_the_parts_the_public_table_gives() {
    // family -> parts, as the public table (Espressif, dlsemc) gives it
    let table: &[(&str, &[&str])] = &[
        ("ACM", &PARTS),
        ("AUM", &PARTS),
        ("SUM", &PARTS),
        ("SSM", &PARTS),
        ("SCM", &PARTS),
        ("RLM", &["en-18031-1"]),
        ("NMM", &["en-18031-1"]),
        ("TCM", &["en-18031-1"]),
        ("LGM", &["en-18031-2", "en-18031-3"]),
        ("DLM", &["en-18031-2"]),
        ("UNM", &["en-18031-2"]),
        ("CCK", &PARTS),
        ("GEC", &PARTS),
        ("CRY", &PARTS),
    ];
    for (family, parts) in table {
        for part in PARTS {
            let has = catalog(part).unwrap().requirements.iter().any(|r| r.section == *family);
            assert_eq!(has, parts.contains(&part), "{family} in {part}");
        }
    }
    // toy and childcare access control only in part 2
    assert!(catalog("en-18031-2").unwrap().requirements.iter().any(|r| r.id == "ACM-3"));
    assert!(!catalog("en-18031-1").unwrap().requirements.iter().any(|r| r.id == "ACM-3"));
    // the ids public sources show with their content are confirmed, reconstructed ones are not
    let c = catalog("en-18031-1").unwrap();
    for (id, confirmed) in [("AUM-5-1", true), ("GEC-1", true), ("ACM-1", true), ("SCM-3", false), ("CCK-3", false)] {
        assert_eq!(c.requirements.iter().find(|r| r.id == id).unwrap().confirmed, confirmed, "{id}");
    }
}

#[test]
fn weak_image_fails_password_communication_storage_key_and_vulnerability_requirements() {
    let findings = vec![
        finding("cred.default-password", FindingKind::DefaultCredential, "/etc/shadow"),
        finding("svc.cleartext-service", FindingKind::CleartextService, "/etc/inetd.conf"),
        finding("key.private-key", FindingKind::PrivateKey, "/etc/ssl/private/server.key"),
    ];
    let vulns = vec![vuln("CVE-2022-28391", "high", "affected")];
    let r = run(&findings, &vulns, None);
    for part in PARTS {
        for (req, rule) in [
            ("AUM-5-1", "cred.default-password"),
            ("AUM-5-2", "cred.default-password"),
            ("SCM-2", "svc.cleartext-service"),
            ("SCM-3", "svc.cleartext-service"),
            ("SSM-3", "key.private-key"),
            ("CCK-3", "key.private-key"),
            ("GEC-1", "CVE-2022-28391"),
        ] {
            let (v, reasons, path) = verdict(&r, part, req);
            assert_eq!(v, Verdict::Fail, "{part}:{req} {reasons:?}");
            assert!(reasons.iter().any(|x| x.contains(rule)), "{part}:{req} {reasons:?}");
            assert_eq!(path.last().map(String::as_str), Some("-> fail"), "{part}:{req} {path:?}");
        }
    }
    // AUM-5-1: the image answers both nodes: passwords are used, and one is a known default
    let (_, reasons, path) = verdict(&r, "en-18031-1", "AUM-5-1");
    assert!(path[0].starts_with("N1 ") && path[0].contains("-> yes (image"), "{path:?}");
    assert!(path[1].starts_with("N2 ") && path[1].contains("-> yes (image"), "{path:?}");
    assert!(reasons[0].starts_with("decision tree: N1 yes, N2 yes -> fail"), "{reasons:?}");
    // a finding fails only what it is about: a cleartext service does not fail the password requirement
    let a = r.assessments.iter().find(|a| a.standard == "en-18031-1" && a.requirement == "AUM-5-1").unwrap();
    assert_eq!(a.findings, vec!["cred.default-password".to_string()]);
    // vendor-only requirements wait for the vendor
    let (v, reasons, _) = verdict(&r, "en-18031-1", "SUM-2");
    assert_eq!(v, Verdict::NeedsEvidence);
    assert!(reasons.iter().any(|x| x.contains("updates.signing") || x.contains("signed")), "{reasons:?}");
}

#[test]
fn vex_resolved_vulnerabilities_do_not_fail_gec_1() {
    let vulns = vec![vuln("CVE-2022-28391", "high", "not_affected"), vuln("CVE-2021-42386", "critical", "fixed")];
    let r = run(&[], &vulns, None);
    let (v, reasons, path) = verdict(&r, "en-18031-1", "GEC-1");
    assert_eq!(v, Verdict::NeedsEvidence, "{reasons:?}");
    assert!(path[0].contains("-> no (image"), "{path:?}");
    assert!(reasons.iter().any(|x| x.contains("sbom")), "{reasons:?}");
}

#[test]
fn clean_image_needs_the_vendor_and_the_vendor_answers_settle_it() {
    let r = run(&[], &[], None);
    let (v, reasons, path) = verdict(&r, "en-18031-1", "AUM-5-1");
    assert_eq!(v, Verdict::NeedsEvidence);
    assert_eq!(path, vec!["N1 Does the equipment use password-based authentication? -> unanswered".to_string()]);
    assert!(reasons.iter().any(|x| x.contains("[[answer]] for en-18031-1:AUM-5-1 node N1")), "{reasons:?}");
    assert!(!r.has_fail());

    let ev = EvidenceFile::parse(
        r#"
[sbom]
location = "https://example.com/sbom.cdx.json"
[[answer]]
standard = "en-18031-1"
requirement = "AUM-5-1"
node = "N1"
answer = true
reason = "The web UI and SSH use passwords."
[[answer]]
standard = "en-18031-1"
requirement = "AUM-5-1"
node = "N3"
answer = true
reason = "Each unit gets a random password printed on its label at production."
[[answer]]
standard = "en-18031-1"
requirement = "SSM-3"
node = "N2"
answer = false
reason = "Wi-Fi keys are stored in plain flash."
[[answer]]
standard = "en-18031-1"
requirement = "AUM-6"
node = "N1"
answer = true
reason = ""
"#,
    )
    .unwrap();
    let r = run(&[], &[], Some(&ev));
    let (v, _, path) = verdict(&r, "en-18031-1", "AUM-5-1");
    assert_eq!(v, Verdict::Pass, "{path:?}");
    assert_eq!(path.len(), 4, "{path:?}");
    assert!(path[1].contains("-> no (image: no finding of cred.default-password"), "{path:?}");
    assert!(path[2].contains("-> yes (vendor: Each unit gets a random password"), "{path:?}");
    // the vendor's own "no" fails it
    assert_eq!(verdict(&r, "en-18031-1", "SSM-3").0, Verdict::Fail);
    // an answer without a reason does not count
    let (v, reasons, _) = verdict(&r, "en-18031-1", "AUM-6");
    assert_eq!(v, Verdict::NeedsEvidence);
    assert!(reasons.iter().any(|x| x.contains("has no reason")), "{reasons:?}");
    // an evidence key answers a vendor node
    let (v, _, path) = verdict(&r, "en-18031-1", "GEC-1");
    assert_eq!(v, Verdict::Pass, "{path:?}");
    assert!(path[1].contains("vendor evidence"), "{path:?}");
    // an answer for another part does not leak
    assert_eq!(verdict(&r, "en-18031-2", "AUM-5-1").0, Verdict::NeedsEvidence);
}

#[test]
fn applicability_questions_lead_to_not_applicable() {
    let ev = EvidenceFile::parse(
        r#"
[[answer]]
standard = "en-18031-2"
requirement = "ACM-3"
node = "N1"
answer = false
reason = "A smart plug: neither a toy nor childcare equipment."
"#,
    )
    .unwrap();
    let r = run(&[], &[], Some(&ev));
    assert_eq!(verdict(&r, "en-18031-2", "ACM-3").0, Verdict::NotApplicable);
}
