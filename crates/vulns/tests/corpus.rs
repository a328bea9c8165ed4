//! Sample corpus (when built at /var/tmp/sample-corpus): the starter database's CVEs for the components the
//! catalog finds are exactly those whose ranges hold the true versions of truth.json — none outside.

use std::path::Path;

use fwassure_model::{Component, ComponentSource, Confidence};
use fwassure_vulns::{match_components, Database};

#[test]
fn corpus_matches_follow_true_versions() {
    let dir = Path::new("/var/tmp/sample-corpus");
    let Ok(truth) = std::fs::read(dir.join("truth.json")) else {
        eprintln!("sample corpus not present: skipped");
        return;
    };
    let truth: serde_json::Value = serde_json::from_slice(&truth).unwrap();
    let db = Database::starter_only();
    let mut checked = 0;
    for img in truth["images"].as_array().unwrap() {
        let name = img["image"].as_str().unwrap();
        let Ok(data) = std::fs::read(dir.join(name)) else { continue };
        let vfs = fwassure_unpack::unpack_with(bytes::Bytes::from(data), &Default::default());
        let found = fwassure_catalog::catalog(&vfs);
        let truth_comps: Vec<Component> = img["components"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| Component {
                name: c["name"].as_str().unwrap().into(),
                version: c["version"].as_str().unwrap().into(),
                purl: None,
                cpe: None,
                source: ComponentSource::Binary,
                confidence: Confidence::High,
                package_version: None,
                license: None,
                supplier: None,
                evidence: vec![],
            })
            .collect();
        let expected = match_components(&db, &truth_comps);
        let actual = match_components(&db, &found);
        for c in &truth_comps {
            // Only components the catalog identified with the true version can be compared.
            if !found.iter().any(|f| f.name == c.name && f.version == c.version) {
                continue;
            }
            let e: Vec<_> = expected.iter().filter(|v| v.component.name == c.name).map(|v| &v.id).collect();
            let a: Vec<_> = actual
                .iter()
                .filter(|v| v.component.name == c.name && v.component.version == c.version)
                .map(|v| &v.id)
                .collect();
            assert_eq!(a, e, "{name}: {} {}", c.name, c.version);
            checked += 1;
        }
    }
    eprintln!("checked {checked} component/version pairs");
}
