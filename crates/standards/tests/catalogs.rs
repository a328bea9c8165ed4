//! Every embedded catalog parses and is well-formed.

use std::collections::BTreeSet;

use fwassure_standards::catalog::{catalog_errors, catalogs, Method, SOURCES};
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
            let decides = !r.kinds.is_empty() || !r.rules.is_empty() || r.vulns.is_some();
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
