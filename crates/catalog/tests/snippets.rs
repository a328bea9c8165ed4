//! Snippet fixtures: every classifier has at least one snippet cut from a real package binary
//! (`tests/snippets/<classifier-id>/*.bin` with a `.toml` provenance header). Each snippet, placed at its
//! original path in an in-memory tree, must yield its component with the exact version; negative
//! snippets (`tests/snippets/negative/`) must yield nothing they do not allow.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use fwassure_catalog::{catalog, classifiers};
use fwassure_model::{Node, Tree, Vfs};

fn snippet_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snippets")
}

/// Minimal `key = "value"` / `key = number` reader for the provenance headers.
fn header(path: &Path) -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .filter_map(|l| l.split_once(" = "))
        .map(|(k, v)| (k.trim().to_string(), v.trim().trim_matches('"').to_string()))
        .collect()
}

fn run(file: &str, data: Vec<u8>) -> Vec<(String, String)> {
    if file.is_empty() {
        // a raw payload (an RTOS program image): searched as a blob, where only `anywhere` classifiers run
        let e = fwassure_catalog::engine::Engine::get();
        return e
            .scan(None, &data)
            .iter()
            .map(|h| (e.classifier(h.classifier).name.to_string(), h.version.clone()))
            .collect();
    }
    let mut t = Tree::new();
    t.insert(file, Node::file(data)).unwrap();
    catalog(&Vfs::from_tree("squashfs", t)).into_iter().map(|c| (c.name, c.version)).collect()
}

fn snippets(dir: &Path) -> Vec<(PathBuf, BTreeMap<String, String>)> {
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .map(|p| {
            let h = header(&p);
            (p.with_extension("bin"), h)
        })
        .collect();
    v.sort();
    v
}

#[test]
fn every_snippet_gives_its_name_and_version() {
    let mut checked = 0;
    let mut failures = Vec::new();
    for c in classifiers::all() {
        for (bin, h) in snippets(&snippet_dir().join(c.id)) {
            for key in ["classifier", "name", "version", "package", "package_version", "arch", "file", "source_sha256"]
            {
                assert!(h.contains_key(key), "{}: header lacks {key}", bin.display());
            }
            assert_eq!(h["classifier"], c.id, "{}", bin.display());
            assert_eq!(h["source_sha256"].len(), 64, "{}", bin.display());
            let data = std::fs::read(&bin).unwrap_or_else(|e| panic!("{}: {e}", bin.display()));
            assert!(data.len() <= 1024, "{}: snippet too large ({} bytes)", bin.display(), data.len());
            let found = run(&h["file"], data);
            let want = (h["name"].clone(), h["version"].clone());
            if !found.contains(&want) {
                failures.push(format!("{}: want {want:?}, got {found:?}", bin.display()));
            }
            // no other version of the same product from one snippet
            if found.iter().any(|(n, v)| *n == want.0 && *v != want.1) {
                failures.push(format!("{}: conflicting versions {found:?}", bin.display()));
            }
            checked += 1;
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(checked >= classifiers::all().len(), "only {checked} snippets");
}

#[test]
fn every_classifier_has_a_snippet() {
    let missing: Vec<&str> =
        classifiers::all().iter().filter(|c| snippets(&snippet_dir().join(c.id)).is_empty()).map(|c| c.id).collect();
    assert!(missing.is_empty(), "classifiers without a snippet: {missing:?}");
}

#[test]
fn negative_snippets_give_nothing_unexpected() {
    let negs = snippets(&snippet_dir().join("negative"));
    assert!(!negs.is_empty());
    for (bin, h) in negs {
        let data = std::fs::read(&bin).unwrap();
        let found = run(&h["file"], data);
        let allow: Vec<&str> =
            h.get("allow").map(|a| a.split(',').map(str::trim).filter(|s| !s.is_empty()).collect()).unwrap_or_default();
        let bad: Vec<_> = found.iter().filter(|(n, _)| !allow.contains(&n.as_str())).collect();
        assert!(
            bad.is_empty(),
            "{}: false match {bad:?} ({})",
            bin.display(),
            h.get("why").cloned().unwrap_or_default()
        );
    }
}
