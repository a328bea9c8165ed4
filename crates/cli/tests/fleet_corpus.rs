//! The generated fleet (`scripts/make-fleet-corpus.py`: sample-corpus images repacked in other formats, with
//! keys, certificates, passwords, hashes and tokens re-used across some of them): `fleet scan` finds every
//! planted re-use and nothing else, on SQLite and on PostgreSQL with the same report. Needs the sample corpus
//! (`$SAMPLE_CORPUS`) and the fixture tools `.ci/run` installs; without the corpus it prints a skip note.

use crate::common::bin;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn corpus() -> PathBuf {
    PathBuf::from(std::env::var("SAMPLE_CORPUS").unwrap_or_else(|_| "/var/tmp/sample-corpus".into()))
}

fn fleet(args: &[&str], store: &str) -> String {
    let out = bin().arg("fleet").args(args).args(["--store", store]).output().unwrap();
    assert!(out.status.success(), "fleet {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// Shared secrets of a fleet report: fingerprint -> sorted image paths.
fn shared(report: &serde_json::Value) -> BTreeMap<String, Vec<String>> {
    report["shared_secrets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let imgs: BTreeSet<String> =
                s["images"].as_array().unwrap().iter().map(|i| i["image"].as_str().unwrap().to_string()).collect();
            (s["fingerprint"].as_str().unwrap().to_string(), imgs.into_iter().collect())
        })
        .collect()
}

fn scan_and_report(list: &Path, store: &str) -> serde_json::Value {
    let out = fleet(&["scan", list.to_str().unwrap(), "--reproducible"], store);
    assert!(out.contains(" 0 failed"), "{out}");
    let mut v: serde_json::Value =
        serde_json::from_str(&fleet(&["report", "--format", "json", "--reproducible"], store)).unwrap();
    for list in ["images", "worst_images"] {
        for i in v[list].as_array_mut().unwrap() {
            i["scan_ms"] = 0.into();
        }
    }
    v
}

#[test]
fn generated_fleet_every_planted_reuse_found() {
    let corpus = corpus();
    if !corpus.join("truth.json").is_file() {
        eprintln!("SKIP generated_fleet_every_planted_reuse_found: no sample corpus at {}", corpus.display());
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("fleet");
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../../scripts/make-fleet-corpus.py");
    let st = std::process::Command::new("python3")
        .arg(script)
        .arg(&out)
        .args(["--count", "40", "--seed", "7", "--fwassure", env!("CARGO_BIN_EXE_fwassure"), "--corpus"])
        .arg(&corpus)
        .status()
        .unwrap();
    assert!(st.success(), "make-fleet-corpus.py failed");
    let truth: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("fleet-truth.json")).unwrap()).unwrap();
    let list = out.join(".fleet.list");

    let store = dir.path().join("fleet.db");
    let report = scan_and_report(&list, store.to_str().unwrap());
    assert_eq!(report["summary"]["images"], 40);
    let got = shared(&report);
    let reuse = truth["reuse"].as_array().unwrap();
    assert!(reuse.len() >= 10, "the generator planted too little: {}", reuse.len());
    let mut missed = Vec::new();
    for r in reuse {
        let fp = r["fingerprint"].as_str().unwrap();
        let want: Vec<String> =
            r["images"].as_array().unwrap().iter().map(|i| i.as_str().unwrap().to_string()).collect();
        if got.get(fp) != Some(&want) {
            missed.push(format!(
                "{} {} in {} images: got {:?}",
                r["kind"],
                r["what"],
                want.len(),
                got.get(fp).map(|v| v.len())
            ));
        }
    }
    assert!(missed.is_empty(), "planted re-use not found exactly:\n{}", missed.join("\n"));
    let planted: BTreeSet<&str> = reuse.iter().map(|r| r["fingerprint"].as_str().unwrap()).collect();
    let extra: Vec<&String> = got.keys().filter(|k| !planted.contains(k.as_str())).collect();
    assert!(extra.is_empty(), "shared secrets nobody planted: {extra:?}");
    eprintln!("{} planted re-uses found exactly, none extra", reuse.len());

    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    if let Some(url) = rt.block_on(crate::pg::fresh_database("cli_fleet")) {
        let pg = scan_and_report(&list, &url);
        assert_eq!(pg, report, "PostgreSQL and SQLite give different fleet reports");
    }
}
