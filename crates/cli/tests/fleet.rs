//! `fwassure fleet scan|report|diff` end to end on a small fleet built here: two releases of one product
//! share a private key, a third image of another vendor holds it too.

use crate::common::{bin, cpio};
use std::path::Path;

fn key() -> Vec<u8> {
    std::fs::read(format!("{}/../checks/testdata/ec-sec1.pem", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn write(root: &Path, rel: &str, data: &[u8]) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, data).unwrap();
}

fn run(args: &[&str], store: &Path) -> (String, String) {
    let out = bin().arg("fleet").args(args).arg("--store").arg(store).output().unwrap();
    let (so, se) =
        (String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned());
    assert!(out.status.success(), "fleet {args:?}: {se}");
    (so, se)
}

#[test]
fn fleet_scan_report_and_diff() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("images");
    let k = key();
    write(&root, "acme/cam/cam-1.2.bin", &cpio(&[("etc/fw-version", b"1.2"), ("etc/ssl/server.key", &k)]));
    write(
        &root,
        "acme/cam/cam-1.10.bin",
        &cpio(&[
            ("etc/fw-version", b"1.10"),
            ("etc/ssl/server.key", &k),
            ("etc/init.d/rcS", b"#!/bin/sh\ntelnetd -l /bin/sh\n"),
        ]),
    );
    write(&root, "globex/hub/hub-1.bin", &cpio(&[("etc/fw-version", b"hub"), ("etc/ssl/private/hub.key", &k)]));
    let store = dir.path().join("fleet.db");
    let root_s = root.to_str().unwrap();

    let (out, _) = run(&["scan", root_s, "--reproducible", "--jobs", "2"], &store);
    assert!(out.contains("3 images: 3 scanned, 0 already in the store, 0 failed"), "{out}");
    let (out, _) = run(&["scan", root_s], &store);
    assert!(out.contains("0 scanned, 3 already in the store"), "{out}");

    let (json, _) = run(&["report", "--format", "json", "--reproducible"], &store);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["schema"], "fwassure.fleet/v1");
    let p = format!("{}/../../schemas/fleet.v1.json", env!("CARGO_MANIFEST_DIR"));
    let schema: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap();
    let validator = jsonschema::options().offline().build(&schema).unwrap();
    let errors: Vec<String> = validator.iter_errors(&v).map(|e| format!("{e} at {}", e.instance_path())).collect();
    assert!(errors.is_empty(), "the fleet report does not meet schemas/fleet.v1.json:\n{}", errors.join("\n"));
    let shared = v["shared_secrets"].as_array().unwrap();
    assert!(
        shared.iter().any(
            |s| s["images"].as_array().unwrap().len() == 3 && s["vendors"] == serde_json::json!(["acme", "globex"])
        ),
        "{shared:#?}"
    );
    // the same report twice: deterministic
    assert_eq!(run(&["report", "--format", "json", "--reproducible"], &store).0, json);

    let (csv, _) = run(&["report", "--format", "csv", "--table", "shared-secrets"], &store);
    assert!(csv.starts_with("fingerprint,kinds,"), "{csv}");
    assert_eq!(
        csv.lines().filter(|l| l.contains("globex/hub/hub-1.bin")).count() as u64,
        shared.iter().filter(|s| s["vendors"].as_array().unwrap().len() == 2).count() as u64
    );
    let (html, _) = run(&["report", "--format", "html"], &store);
    assert!(html.contains("Secrets shared across images") && !html.contains("<script"));
    let (text, _) = run(&["report"], &store);
    assert!(text.starts_with("Fleet: 3 images (3 scanned, 0 failed), 2 vendors, 2 products"), "{text}");

    let (list, _) = run(&["diff"], &store);
    assert!(list.contains("acme/cam  2") && list.contains("globex/hub  1"), "{list}");
    let (steps, _) = run(&["diff", "acme/cam"], &store);
    let i2 = steps.find("acme/cam/cam-1.2.bin -> acme/cam/cam-1.10.bin");
    assert!(i2.is_some(), "natural release order: {steps}");
    assert!(steps.contains("new: "), "the telnet shell of 1.10 is a new finding: {steps}");
    let (j, _) = run(&["diff", "acme/cam", "--format", "json"], &store);
    let h: serde_json::Value = serde_json::from_str(&j).unwrap();
    assert_eq!(h["steps"][0]["diff"]["schema"], "fwassure.diff/v1");

    let out = bin().args(["fleet", "diff", "nobody/none", "--store"]).arg(&store).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no images of nobody/none"));
}
