//! Every embedded catalog parses and is well-formed.

use std::collections::BTreeSet;

use fwassure_standards::catalog::{catalog_errors, catalogs, Answerer, Method, Requirement, SOURCES, TREE_OUTCOMES};
use fwassure_standards::evidence::EVIDENCE_KEYS;

#[test]
fn all_catalogs_parse() {
    assert!(catalog_errors().is_empty(), "{:?}", catalog_errors());
    assert_eq!(catalogs().len(), SOURCES.len());
}

#[test]
fn catalogs_are_well_formed() {
    let keys: BTreeSet<&str> = EVIDENCE_KEYS.iter().map(|(k, _)| *k).collect();
    for c in catalogs() {
        assert!(!c.requirements.is_empty(), "{} has no requirements", c.id);
        let mut ids = BTreeSet::new();
        let mut sections = BTreeSet::new();
        for s in &c.sections {
            assert!(sections.insert(s.id.as_str()), "{}: duplicate section {}", c.id, s.id);
        }
        for r in &c.requirements {
            let at = format!("{}:{}", c.id, r.id);
            assert!(ids.insert(r.id.as_str()), "{at}: duplicate id");
            assert!(sections.contains(r.section.as_str()), "{at}: unknown section {}", r.section);
            assert!(!r.title.trim().is_empty() && r.title.len() <= 140, "{at}: title must be one short line");
            assert!(r.min_class <= 4, "{at}: class out of range");
            let tree_decides = r.tree.iter().any(|n| {
                n.answered_by != Answerer::Vendor && (!n.kinds.is_empty() || !n.rules.is_empty() || n.vulns.is_some())
            });
            let decides = !r.kinds.is_empty() || !r.rules.is_empty() || r.vulns.is_some() || tree_decides;
            tree_is_well_formed(&at, r, &keys);
            match r.assessment {
                Method::Automatic => {
                    assert!(decides, "{at}: automatic without a rule, kind or vulnerability condition");
                    assert!(r.evidence_keys.is_empty(), "{at}: automatic with evidence keys");
                }
                Method::Both => {
                    assert!(decides, "{at}: `both` without a rule, kind or vulnerability condition");
                    assert!(!r.supply.is_empty(), "{at}: `both` must say what the vendor supplies");
                }
                Method::Evidence => {
                    assert!(!decides, "{at}: evidence-only but lists checks");
                    assert!(!r.supply.is_empty(), "{at}: evidence must say what the vendor supplies");
                }
            }
            for k in &r.evidence_keys {
                assert!(keys.contains(k.as_str()), "{at}: unknown evidence key {k}");
            }
            if !r.confirmed {
                assert!(!r.note.is_empty(), "{at}: unconfirmed entries must say what is unconfirmed");
            }
        }
        // every section has at least one requirement
        for s in &c.sections {
            assert!(c.requirements.iter().any(|r| r.section == s.id), "{}: section {} is empty", c.id, s.id);
        }
    }
}

/// A decision tree has unique node ids, every branch leads to a node or an outcome, every node is reachable from
/// the root, there is no cycle, both a pass-like and a fail outcome can be reached, image nodes name what answers
/// them and vendor nodes do not, and every evidence key is known.
fn tree_is_well_formed(at: &str, r: &Requirement, keys: &BTreeSet<&str>) {
    if r.tree.is_empty() {
        return;
    }
    let ids: Vec<&str> = r.tree.iter().map(|n| n.id.as_str()).collect();
    let unique: BTreeSet<&str> = ids.iter().copied().collect();
    assert_eq!(unique.len(), ids.len(), "{at}: duplicate tree node ids");
    for n in &r.tree {
        assert!(!n.question.trim().is_empty(), "{at}/{}: empty question", n.id);
        for to in [&n.yes, &n.no] {
            assert!(
                unique.contains(to.as_str()) || TREE_OUTCOMES.contains(&to.as_str()),
                "{at}/{}: branch to unknown node {to}",
                n.id
            );
        }
        let conditions = !n.kinds.is_empty() || !n.rules.is_empty() || n.vulns.is_some();
        match n.answered_by {
            Answerer::Image => assert!(conditions, "{at}/{}: image node without a condition", n.id),
            Answerer::ImageOrVendor => {
                assert!(conditions || !n.key.is_empty(), "{at}/{}: image-or-vendor node without a condition", n.id)
            }
            Answerer::Vendor => assert!(!conditions, "{at}/{}: vendor node with image conditions", n.id),
        }
        if !n.key.is_empty() {
            assert!(keys.contains(n.key.as_str()), "{at}/{}: unknown evidence key {}", n.id, n.key);
        }
    }
    // reachability and cycles: depth-first from the root
    let mut outcomes = BTreeSet::new();
    let mut seen = BTreeSet::new();
    fn walk<'a>(
        at: &str,
        r: &'a Requirement,
        id: &'a str,
        stack: &mut Vec<&'a str>,
        seen: &mut BTreeSet<&'a str>,
        outcomes: &mut BTreeSet<&'a str>,
    ) {
        if TREE_OUTCOMES.contains(&id) {
            outcomes.insert(id);
            return;
        }
        assert!(!stack.contains(&id), "{at}: cycle through {id}");
        seen.insert(id);
        let n = r.tree.iter().find(|n| n.id == id).expect("checked above");
        stack.push(id);
        walk(at, r, &n.yes, stack, seen, outcomes);
        walk(at, r, &n.no, stack, seen, outcomes);
        stack.pop();
    }
    walk(at, r, &r.tree[0].id, &mut Vec::new(), &mut seen, &mut outcomes);
    assert_eq!(seen, unique, "{at}: unreachable tree nodes");
    assert!(outcomes.contains("fail"), "{at}: no branch fails");
    assert!(
        outcomes.contains("pass") || outcomes.contains("not-applicable"),
        "{at}: no branch passes or makes the requirement not applicable"
    );
}

#[test]
fn expected_coverage() {
    let etsi = fwassure_standards::catalog("etsi-en-303-645").unwrap();
    for id in ["5.1-1", "5.2-1", "5.3-13", "5.4-3", "5.5-1", "5.6-4", "5.13-1", "6-5"] {
        assert!(etsi.requirements.iter().any(|r| r.id == id), "ETSI {id} missing");
    }
    let iotsf = fwassure_standards::catalog("iotsf-af").unwrap();
    for n in 3..=16 {
        let sec = format!("2.4.{n}");
        assert!(iotsf.section(&sec).is_some(), "IoTSF section {sec} missing");
    }
    let cra = fwassure_standards::catalog("eu-cra").unwrap();
    for l in "abcdefghijklm".chars() {
        assert!(cra.requirements.iter().any(|r| r.id == format!("I(2)({l})")));
    }
    for n in 1..=8 {
        assert!(cra.requirements.iter().any(|r| r.id == format!("II({n})")));
    }
    assert_eq!(fwassure_standards::catalog("nistir-8259a").unwrap().requirements.len(), 6);
    assert_eq!(fwassure_standards::catalog("uk-psti").unwrap().requirements.len(), 3);
}

#[test]
fn every_referenced_rule_exists_in_the_checks() {
    let known: BTreeSet<&str> = fwassure_checks::rules().iter().map(|r| r.id).collect();
    assert!(!known.is_empty());
    for c in catalogs() {
        for r in &c.requirements {
            for rule in &r.rules {
                assert!(known.contains(rule.as_str()), "{}:{} references unknown rule {rule}", c.id, r.id);
            }
        }
    }
}
