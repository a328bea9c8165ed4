//! SBOM and VEX end to end: `sbom` options (`--reproducible`, `--no-vulns`, `--vex`, `--supplier`), the
//! creation time and the content-derived serial, supplier and purl from a dpkg database, VEX outputs that
//! name the product and link to the SBOM, unreviewed matches `in_triage`, broken VEX input (exit 2, line
//! and column), and VEX statements that apply to nothing (a problem, never dropped).

use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;

use crate::common;
use common::{bin, cpio};

/// An image with an old busybox (known vulnerabilities in the starter database) and a dpkg database.
fn image(dir: &Path) -> PathBuf {
    let p = dir.join("fw.cpio");
    let status = b"Package: libssl3\nStatus: install ok installed\nMaintainer: Debian OpenSSL Team <pkg-openssl-devel@alioth-lists.debian.net>\nArchitecture: mipsel\nSource: openssl\nVersion: 3.0.11-1~deb12u2\n\n";
    std::fs::write(
        &p,
        cpio(&[
            ("etc/os-release", b"ID=debian\nVERSION_ID=\"12\"\n"),
            ("bin/busybox", b"\x7fELF....BusyBox v1.24.1 (2016-01-01 00:00:00 UTC) multi-call binary\x00"),
            ("var/lib/dpkg/status", status),
        ]),
    )
    .unwrap();
    p
}

fn run(args: &[&str]) -> Output {
    bin().args(args).env_remove("SOURCE_DATE_EPOCH").output().unwrap()
}

fn json(o: &Output) -> Value {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).expect("JSON")
}

#[test]
fn sbom_times_serials_suppliers_and_purls() {
    let dir = tempfile::tempdir().unwrap();
    let img = image(dir.path());
    let img = img.to_str().unwrap();
    // reproducible: same bytes, the fixed time
    let a = run(&["sbom", img, "--reproducible"]);
    let b = run(&["sbom", img, "--reproducible"]);
    assert_eq!(a.stdout, b.stdout);
    let d = json(&a);
    assert_eq!(d["metadata"]["timestamp"], "2025-01-01T00:00:00Z");
    // by default: the real time (not the fixed one), same serial (the time is not content)
    let now = json(&run(&["sbom", img]));
    let t = now["metadata"]["timestamp"].as_str().unwrap();
    assert!(t.starts_with("20") && t != "2025-01-01T00:00:00Z", "{t}");
    assert_eq!(now["serialNumber"], d["serialNumber"]);
    // SOURCE_DATE_EPOCH asks for a fixed time too
    let sde =
        bin().args(["sbom", img, "--format", "spdx-json"]).env("SOURCE_DATE_EPOCH", "1700000000").output().unwrap();
    assert_eq!(json(&sde)["creationInfo"]["created"], "2023-11-14T22:13:20Z");
    // the dpkg package: precise purl and its maintainer as supplier
    let ssl = d["components"].as_array().unwrap().iter().find(|c| c["name"] == "openssl").expect("openssl");
    assert!(ssl["purl"].as_str().unwrap().starts_with("pkg:deb/debian/libssl3@3.0.11-1~deb12u2"), "{ssl}");
    assert_eq!(ssl["supplier"]["name"], "Debian OpenSSL Team");
    assert_eq!(ssl["supplier"]["contact"][0]["email"], "pkg-openssl-devel@alioth-lists.debian.net");
    // vulnerabilities by default, unreviewed ones in triage; --no-vulns: none, and another serial
    let vulns = d["vulnerabilities"].as_array().expect("the old busybox has known vulnerabilities");
    assert!(vulns.iter().all(|v| v["analysis"]["state"] == "in_triage"), "{vulns:#?}");
    let inv = json(&run(&["sbom", img, "--reproducible", "--no-vulns"]));
    assert!(inv.get("vulnerabilities").is_none());
    assert_ne!(inv["serialNumber"], d["serialNumber"]);
    // SPDX: a stated supplier on the image
    let spdx = json(&run(&["sbom", img, "--format", "spdx-json", "--supplier", "ACME <psirt@acme.example>"]));
    let image = spdx["packages"].as_array().unwrap().iter().find(|p| p["SPDXID"] == "SPDXRef-Image").unwrap();
    assert_eq!(image["supplier"], "Organization: ACME (psirt@acme.example)");
    assert!(spdx["files"].as_array().is_some_and(|f| !f.is_empty()));
}

#[test]
fn vex_out_names_the_product_links_the_sbom_and_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let img = image(dir.path());
    let img = img.to_str().unwrap();
    let vex = json(&run(&["scan", img, "--format", "cyclonedx-vex", "--reproducible"]));
    assert_eq!(vex["metadata"]["component"]["name"], "fw.cpio");
    assert_eq!(vex["metadata"]["component"]["hashes"][0]["alg"], "SHA-256");
    assert_eq!(vex["metadata"]["timestamp"], "2025-01-01T00:00:00Z");
    assert!(vex["serialNumber"].as_str().unwrap().starts_with("urn:uuid:"));
    let sbom = json(&run(&["sbom", img, "--no-vulns"]));
    let serial = sbom["serialNumber"].as_str().unwrap().trim_start_matches("urn:uuid:").to_string();
    let vulns = vex["vulnerabilities"].as_array().unwrap();
    assert!(!vulns.is_empty());
    for v in vulns {
        assert_eq!(v["analysis"]["state"], "in_triage");
        let link = v["affects"][0]["ref"].as_str().unwrap();
        assert!(link.starts_with(&format!("urn:cdx:{serial}/1#component:")), "{link}");
    }
    // our own VEX, edited to not_affected, read back: the matches are suppressed and reviewed
    let mut edited = vex.clone();
    for v in edited["vulnerabilities"].as_array_mut().unwrap() {
        v["analysis"] = serde_json::json!({"state": "not_affected", "justification": "code_not_reachable"});
    }
    let f = dir.path().join("triaged.cdx.json");
    std::fs::write(&f, serde_json::to_string(&edited).unwrap()).unwrap();
    let r = json(&run(&["scan", img, "--format", "json", "--vex", f.to_str().unwrap()]));
    for v in r["vulnerabilities"].as_array().unwrap() {
        assert_eq!(v["status"], "not_affected", "{v}");
        assert_eq!(v["reviewed"], true);
    }
    assert!(!r["problems"].as_array().unwrap().iter().any(|p| p["message"].as_str().unwrap().starts_with("VEX ")));
    // OpenVEX out: the product and under_investigation
    let ov = json(&run(&["scan", img, "--format", "openvex", "--reproducible"]));
    assert_eq!(ov["timestamp"], "2025-01-01T00:00:00Z");
    assert!(ov["@id"].as_str().unwrap().starts_with("https://openvex.dev/docs/fwassure/"));
    let st = &ov["statements"][0];
    assert_eq!(st["status"], "under_investigation");
    assert!(st["products"][0]["@id"].as_str().unwrap().starts_with("pkg:generic/fw.cpio@"));
    assert_eq!(
        run(&["scan", img, "--format", "openvex", "--reproducible"]).stdout,
        serde_json::to_vec_pretty(&ov)
            .map(|mut v| {
                v.push(b'\n');
                v
            })
            .unwrap()
    );
}

#[test]
fn broken_vex_is_exit_2_with_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let img = image(dir.path());
    let f = dir.path().join("bad.json");
    std::fs::write(&f, "{\n  \"statements\": [\n    {\"vulnerability\": \"CVE-1\",}\n  ]\n}\n").unwrap();
    for cmd in ["scan", "sbom", "assess"] {
        let mut args = vec![cmd, img.to_str().unwrap(), "--vex", f.to_str().unwrap()];
        if cmd == "assess" {
            args.extend(["--standard", "uk-psti"]);
        }
        let o = run(&args);
        assert_eq!(o.status.code(), Some(2), "{cmd}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("bad.json: line 3, column "), "{cmd}: {err}");
        assert!(err.contains("trailing comma"), "{cmd}: {err}");
    }
    std::fs::write(&f, r#"{"statements":[{"vulnerability":"CVE-1","status":"maybe"}]}"#).unwrap();
    let o = run(&["scan", img.to_str().unwrap(), "--vex", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("unknown status \"maybe\""));
}

#[test]
fn a_vex_statement_that_applies_to_nothing_is_a_problem() {
    let dir = tempfile::tempdir().unwrap();
    let img = image(dir.path());
    let f = dir.path().join("stray.json");
    std::fs::write(
        &f,
        r#"{"@context":"https://openvex.dev/ns/v0.2.0","statements":[
            {"vulnerability":{"name":"CVE-2099-0001"},"status":"not_affected","justification":"component_not_present"},
            {"vulnerability":{"name":"CVE-2016-2147"},"products":[{"@id":"pkg:generic/dropbear@2022.83"}],
             "status":"fixed"}]}"#,
    )
    .unwrap();
    let r = json(&run(&["scan", img.to_str().unwrap(), "--format", "json", "--vex", f.to_str().unwrap()]));
    let msgs: Vec<&str> = r["problems"].as_array().unwrap().iter().filter_map(|p| p["message"].as_str()).collect();
    assert!(msgs.iter().any(|m| m.contains("statement 1") && m.contains("CVE-2099-0001")), "{msgs:#?}");
    assert!(msgs.iter().any(|m| m.contains("statement 2") && m.contains("dropbear")), "{msgs:#?}");
    let o = run(&["sbom", img.to_str().unwrap(), "--vex", f.to_str().unwrap()]);
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("warning: VEX"), "sbom says it on stderr");
}
