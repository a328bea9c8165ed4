//! The catalogs are the single source of truth for requirement ids: every requirement a check rule names
//! (and so every `Finding::requirements` entry) must exist in a catalog, and a rule must name exactly the
//! requirements whose catalog entry decides on it.
//!
//! A catalog entry "lists" a rule when the entry has an automatic part (`automatic` or `both`) and names the
//! rule id in `rules` or the rule's finding kind in `kinds`: those are the requirements a finding of the rule
//! fails. The relation tested is:
//!
//! * every rule: listed(rule) ⊆ refs(rule): a finding cites every requirement it can fail;
//! * a rule listed by at least one catalog entry: refs(rule) = listed(rule): a finding never cites a
//!   requirement it does not fail (the report would contradict itself: the finding says "breaks X", the
//!   assessment of X says "pass");
//! * a rule listed by no catalog entry is informative (certificate findings today): it names the
//!   requirements it is context for, all of which must exist, and its severity must be at most `low`, so a
//!   serious finding can never be left out of the verdicts.

use std::collections::{BTreeMap, BTreeSet};

use fwassure_model::Severity;
use fwassure_standards::catalog::{catalog, catalogs};

/// `std:id` of every catalog requirement that lists this rule.
fn listed(rule: &fwassure_checks::RuleMeta) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for c in catalogs() {
        for r in &c.requirements {
            if r.can_be_failed_by(rule.id, rule.kind) {
                out.insert(format!("{}:{}", c.id, r.id));
            }
        }
    }
    out
}

/// Catalog order of a `std:id` ref, for readable expected lists.
fn catalog_order(refs: &BTreeSet<String>) -> Vec<String> {
    let mut v = Vec::new();
    for c in catalogs() {
        for r in &c.requirements {
            let q = format!("{}:{}", c.id, r.id);
            if refs.contains(&q) {
                v.push(q);
            }
        }
    }
    v
}

#[test]
fn every_rule_ref_names_an_existing_catalog_requirement() {
    let rules = fwassure_checks::rules();
    assert!(!rules.is_empty());
    let mut bad = Vec::new();
    for rule in &rules {
        assert!(!rule.requirements.is_empty(), "{} names no requirement", rule.id);
        let mut seen = BTreeSet::new();
        for q in rule.requirements {
            assert!(seen.insert(*q), "{}: {q} named twice", rule.id);
            let ok = q
                .split_once(':')
                .and_then(|(std, id)| catalog(std).map(|c| c.requirements.iter().any(|r| r.id == id)))
                .unwrap_or(false);
            if !ok {
                bad.push(format!("{} -> {q}", rule.id));
            }
        }
    }
    assert!(bad.is_empty(), "rule requirement refs not found in any catalog:\n{}", bad.join("\n"));
}

#[test]
fn rule_requirements_match_catalogs() {
    let mut problems = BTreeMap::new();
    let mut informative = Vec::new();
    for rule in fwassure_checks::rules() {
        let refs: BTreeSet<String> = rule.requirements.iter().map(|s| s.to_string()).collect();
        let want = listed(&rule);
        if want.is_empty() {
            informative.push(rule.id);
            assert!(
                rule.severity <= Severity::Low,
                "{} ({}) decides no requirement in any catalog, so its severity must be low or info",
                rule.id,
                rule.severity.as_str()
            );
            continue;
        }
        if refs != want {
            let missing: Vec<_> = want.difference(&refs).cloned().collect();
            let extra: Vec<_> = refs.difference(&want).cloned().collect();
            problems.insert(
                rule.id,
                format!(
                    "  missing (catalog fails it, finding does not cite it): {missing:?}\n  extra (finding cites it, \
                     catalog does not decide on the rule): {extra:?}\n  expected: {:#?}",
                    catalog_order(&want)
                ),
            );
        }
    }
    let report: Vec<String> = problems.iter().map(|(k, v)| format!("{k}:\n{v}")).collect();
    assert!(report.is_empty(), "rule requirements differ from the catalogs:\n{}", report.join("\n"));
    // informative rules are the exception: today only the certificate rules
    assert!(informative.iter().all(|id| id.starts_with("crypto.") && id.ends_with("-certificate")), "{informative:?}");
}

#[test]
fn listed_includes_kind_and_rule_matches() {
    // the relation must see both ways a catalog lists a rule
    let rules = fwassure_checks::rules();
    let default_pw = rules.iter().find(|r| r.id == "cred.default-password").expect("rule");
    assert!(listed(default_pw).contains("etsi-en-303-645:5.1-1"), "by kind");
    let weak_hash = rules.iter().find(|r| r.id == "crypto.weak-password-hash").expect("rule");
    assert!(listed(weak_hash).contains("etsi-en-303-645:5.1-3"), "by rule id");
    // a kind-only listing of weak-crypto would pull in certificate rules: none does
    let expired = rules.iter().find(|r| r.id == "crypto.expired-certificate").expect("rule");
    assert!(listed(expired).is_empty());
}
