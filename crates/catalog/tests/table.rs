//! The classifier table itself: compiles, unique ids, samples match, templates well-formed, 150+ products.

use std::collections::BTreeSet;

use fwassure_catalog::{classifier::Scope, classifiers, engine};

#[test]
fn table_compiles() {
    let errs = engine::validate_table();
    assert!(errs.is_empty(), "{errs:?}");
}

#[test]
fn ids_unique_and_fields_set() {
    let mut ids = BTreeSet::new();
    for c in classifiers::all() {
        assert!(ids.insert(c.id), "duplicate id {}", c.id);
        assert!(!c.name.is_empty() && c.name == c.name.to_lowercase(), "{}: name", c.id);
        assert!(!c.anchors.is_empty() && c.anchors.iter().all(|a| a.len() >= 3), "{}: anchors", c.id);
        assert!(!c.globs.is_empty(), "{}: globs", c.id);
        assert!(c.purl.starts_with("pkg:") && c.purl.contains("{version}"), "{}: purl", c.id);
        let cpe: Vec<&str> = c.cpe.split(':').collect();
        assert_eq!(cpe.len(), 13, "{}: cpe {}", c.id, c.cpe);
        assert_eq!(&cpe[..2], &["cpe", "2.3"], "{}", c.id);
        assert_eq!(cpe[5], "{version}", "{}", c.id);
    }
}

#[test]
fn samples_match_their_pattern() {
    for c in classifiers::all() {
        let re = regex::bytes::Regex::new(c.pattern).unwrap();
        let sample = c.sample.as_bytes();
        let caps = re.captures(sample).unwrap_or_else(|| panic!("{}: sample {:?} does not match", c.id, c.sample));
        assert!(caps.name("version").is_some(), "{}", c.id);
        if c.scope == Scope::Near {
            assert!(c.anchors.iter().any(|a| c.sample.contains(a)), "{}: no anchor in sample", c.id);
        }
    }
}

#[test]
fn at_least_150_products() {
    let names: BTreeSet<&str> = classifiers::all().iter().map(|c| c.name).collect();
    assert!(names.len() >= 150, "{} products", names.len());
}
