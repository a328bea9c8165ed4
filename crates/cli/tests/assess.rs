//! `fwassure assess` and `fwassure evidence init` end to end, on the sample corpus when it is present.

use std::path::Path;
use std::process::Command;

use crate::common;

const CORPUS: &str = "/var/tmp/sample-corpus";

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_fwassure"))
}

fn assess_json(image: &Path, extra: &[&str]) -> (i32, serde_json::Value) {
    let out = bin()
        .arg("assess")
        .arg(image)
        .args(["--standard", "etsi-en-303-645,uk-psti,iotsf-af,eu-cra", "--format", "json"])
        .args(extra)
        .output()
        .unwrap();
    let v: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    (out.status.code().unwrap_or(-1), v)
}

fn verdict<'a>(v: &'a serde_json::Value, std: &str, req: &str) -> &'a serde_json::Value {
    v["assessments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["standard"] == std && a["requirement"] == req)
        .unwrap_or_else(|| panic!("{std}:{req} missing"))
}

#[test]
fn evidence_init_writes_a_parsable_template() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("evidence.toml");
    let st = bin().args(["evidence", "init", "-o"]).arg(&p).status().unwrap();
    assert!(st.success());
    let f = fwassure_standards::EvidenceFile::load(&p).unwrap();
    // every value is a placeholder until the vendor fills it in
    assert!(f.product.model.is_empty());
    assert!(f.placeholders.iter().any(|p| p == "product.model"), "{:?}", f.placeholders);
    // never overwrites
    assert!(!bin().args(["evidence", "init", "-o"]).arg(&p).status().unwrap().success());
}

#[test]
fn unknown_standard_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let img = dir.path().join("x.bin");
    std::fs::write(&img, b"not firmware").unwrap();
    let out = bin().arg("assess").arg(&img).args(["--standard", "iso-9001"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn corpus_verdicts() {
    let dir = Path::new(CORPUS);
    if !dir.join("truth.json").exists() {
        eprintln!("sample corpus not present: skipped");
        return;
    }
    for (n, weak) in [(1, true), (2, true), (3, false), (4, true), (5, true), (6, false)] {
        let img = dir.join(format!("sample-0{n}.bin"));
        if !img.exists() {
            continue;
        }
        let (code, v) = assess_json(&img, &[]);
        for req in ["5.1-1", "5.4-3", "5.5-1"] {
            let a = verdict(&v, "etsi-en-303-645", req);
            let want = if weak { "fail" } else { "pass" };
            assert_eq!(a["verdict"], want, "sample-0{n} ETSI {req}: {a}");
            if weak {
                assert!(!a["findings"].as_array().unwrap().is_empty(), "sample-0{n} {req} cites no finding");
            }
        }
        if weak {
            assert_eq!(code, 1, "sample-0{n}: exit code on fail");
            assert_eq!(verdict(&v, "uk-psti", "1")["verdict"], "fail", "sample-0{n} PSTI 1");
            assert_eq!(verdict(&v, "iotsf-af", "2.4.8.3")["verdict"], "fail", "sample-0{n} IoTSF 2.4.8.3");
            assert_eq!(verdict(&v, "eu-cra", "I(2)(d)")["verdict"], "fail", "sample-0{n} CRA I(2)(d)");
        }
        for (std, req) in [("etsi-en-303-645", "5.2-1"), ("uk-psti", "2"), ("eu-cra", "II(5)")] {
            assert_eq!(verdict(&v, std, req)["verdict"], "needs-evidence", "sample-0{n} {std}:{req}");
        }
    }
}

#[test]
fn corpus_disclosure_with_evidence() {
    let img = Path::new(CORPUS).join("sample-03.bin");
    if !img.exists() {
        eprintln!("sample corpus not present: skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let ev = dir.path().join("evidence.toml");
    std::fs::write(
        &ev,
        "[disclosure]\npolicy_url = \"https://example.com/cvd\"\nsecurity_txt_file = \"security.txt\"\n",
    )
    .unwrap();
    // Expires is set from today's date so that the test keeps working: one month ahead
    let soon = time_in_days(30);
    std::fs::write(dir.path().join("security.txt"), format!("Contact: mailto:psirt@example.com\nExpires: {soon}\n"))
        .unwrap();
    let (_, v) = assess_json(&img, &["--evidence", ev.to_str().unwrap()]);
    for (std, req) in [("etsi-en-303-645", "5.2-1"), ("uk-psti", "2"), ("eu-cra", "II(5)"), ("eu-cra", "II(6)")] {
        assert_eq!(verdict(&v, std, req)["verdict"], "pass", "{std}:{req}");
    }
    std::fs::write(
        dir.path().join("security.txt"),
        "Contact: mailto:psirt@example.com\nExpires: 2020-01-01T00:00:00Z\n",
    )
    .unwrap();
    let (code, v) = assess_json(&img, &["--evidence", ev.to_str().unwrap()]);
    assert_eq!(verdict(&v, "etsi-en-303-645", "5.2-1")["verdict"], "fail");
    assert_eq!(code, 1);
}

/// An RFC 3339 UTC timestamp `days` from now.
fn time_in_days(days: u64) -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() + days * 86_400;
    let (d, rem) = (secs / 86_400, secs % 86_400);
    // civil-from-days (Howard Hinnant's algorithm)
    let z = d as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:00Z", rem / 3600, (rem % 3600) / 60)
}

/// `assess --standard en-18031-1` over the sample corpus: the planted weaknesses fail the requirements they
/// are about (AUM-5 passwords, SCM cleartext, SSM/CCK keys, GEC-1 known vulnerabilities), each verdict carries
/// its decision path; what the image cannot tell needs evidence; vendor answers settle the clean images and
/// cannot outvote a finding.
#[test]
fn corpus_en_18031_verdicts() {
    let dir = Path::new(CORPUS);
    let Ok(truth) = std::fs::read(dir.join("truth.json")) else {
        eprintln!("sample corpus not present: skipped");
        return;
    };
    let truth: serde_json::Value = serde_json::from_slice(&truth).unwrap();
    let work = tempfile::tempdir().unwrap();
    let ev = work.path().join("evidence.toml");
    let mut answers = String::new();
    for node in ["N1", "N3"] {
        answers.push_str(&format!(
            "[[answer]]\nstandard = \"en-18031-1\"\nrequirement = \"AUM-5-1\"\nnode = \"{node}\"\nanswer = true\n\
             reason = \"Passwords are used; each unit gets its own at production.\"\n"
        ));
    }
    std::fs::write(&ev, answers).unwrap();
    for img in truth["images"].as_array().unwrap() {
        let name = img["image"].as_str().unwrap();
        let path = dir.join(name);
        if !path.exists() {
            continue;
        }
        let kinds: Vec<&str> = img["findings"].as_array().unwrap().iter().filter_map(|f| f["kind"].as_str()).collect();
        let has = |k: &str| kinds.contains(&k);
        let out =
            bin().arg("assess").arg(&path).args(["--standard", "en-18031-1", "--format", "json"]).output().unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let expect = |req: &str, fail: bool| {
            let a = verdict(&v, "en-18031-1", req);
            if fail {
                assert_eq!(a["verdict"], "fail", "{name} {req}: {a}");
                assert_eq!(a["path"].as_array().unwrap().last().unwrap(), "-> fail", "{name} {req}");
            } else {
                assert_ne!(a["verdict"], "fail", "{name} {req}: {a}");
            }
        };
        let passwords = has("default-credential") || has("empty-password");
        expect("AUM-5-1", passwords);
        expect("SCM-3", has("cleartext-service"));
        expect("SSM-3", has("private-key") || has("hardcoded-secret"));
        let open_vulns = v["vulnerability_decisions"].as_array().is_some_and(|d| {
            d.iter()
                .any(|x| (x["decision"] == "in-triage" || x["decision"] == "exploitable") && x["severity"] != "info")
        });
        expect("GEC-1", open_vulns);
        if !passwords {
            let a = verdict(&v, "en-18031-1", "AUM-5-1");
            assert_eq!(a["verdict"], "needs-evidence", "{name}: {a}");
            assert!(a["reasons"].to_string().contains("node N1"), "{name}: {a}");
        }
        // vendor answers settle AUM-5-1 on a clean image, and never outvote a finding
        let out = bin()
            .arg("assess")
            .arg(&path)
            .args(["--standard", "en-18031-1", "--format", "json", "--evidence"])
            .arg(&ev)
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let a = verdict(&v, "en-18031-1", "AUM-5-1");
        assert_eq!(a["verdict"], if passwords { "fail" } else { "pass" }, "{name} with answers: {a}");
    }
}

/// `assess --pack`: every file the pack promises, a manifest that verifies, the same bytes twice with
/// `--reproducible` (as a zip archive), the zip holding exactly the folder's files, and HTML that headless
/// Chromium renders and prints.
#[test]
fn evidence_pack_is_complete_verifiable_and_renders() {
    let img = Path::new(CORPUS).join("sample-01.bin");
    if !img.exists() {
        eprintln!("sample corpus not present: skipped");
        return;
    }
    let work = tempfile::tempdir().unwrap();
    let pack = |d: &str| {
        let dir = work.path().join(d);
        let out = bin()
            .arg("assess")
            .arg(&img)
            .args(["--standard", "en-18031-1,etsi-en-303-645", "--reproducible", "--pack"])
            .arg(&dir)
            .env("SOURCE_DATE_EPOCH", "1767225600")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "weak image fails: {}", String::from_utf8_lossy(&out.stderr));
        dir
    };
    let a = pack("a");
    let z1 = std::fs::read(pack("a.zip")).unwrap();
    let z2 = std::fs::read(pack("b.ZIP")).unwrap();
    assert!(z1 == z2, "the zipped pack is not reproducible");
    let manifest = std::fs::read_to_string(a.join("MANIFEST.sha256")).unwrap();
    let listed: Vec<&str> = manifest.lines().map(|l| l.split_once("  ").unwrap().1).collect();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(z1)).unwrap();
    let mut names: Vec<String> = zip.file_names().map(|n| n.unwrap().into_owned()).collect();
    names.sort();
    let mut expected: Vec<String> = listed.iter().map(|s| s.to_string()).chain(["MANIFEST.sha256".into()]).collect();
    expected.sort();
    assert_eq!(names, expected, "the zip holds the manifest's files and the manifest");
    for name in &names {
        let mut data = Vec::new();
        std::io::Read::read_to_end(&mut zip.by_name(name).unwrap(), &mut data).unwrap();
        assert!(data == std::fs::read(a.join(name)).unwrap(), "{name} differs between the zip and the folder");
    }
    // an existing archive is never overwritten
    let again = bin()
        .arg("assess")
        .arg(&img)
        .args(["--standard", "en-18031-1", "--pack"])
        .arg(work.path().join("a.zip"))
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2), "{}", String::from_utf8_lossy(&again.stderr));
    assert!(String::from_utf8_lossy(&again.stderr).contains("exists"));
    for want in [
        "README.md",
        "identity.json",
        "report.json",
        "report.html",
        "sbom.cdx.json",
        "sbom.spdx.json",
        "vex.openvex.json",
        "assessment.json",
        "assessment.html",
        "standards/en-18031-1.md",
        "standards/en-18031-1.html",
        "standards/etsi-en-303-645.md",
        "standards/etsi-en-303-645.html",
    ] {
        assert!(listed.contains(&want), "{want} not in the manifest");
    }
    use sha2::Digest;
    for line in manifest.lines() {
        let (hash, rel) = line.split_once("  ").unwrap();
        let data = std::fs::read(a.join(rel)).unwrap();
        assert_eq!(hex::encode(sha2::Sha256::digest(&data)), hash, "{rel}");
    }
    let identity: serde_json::Value = serde_json::from_slice(&std::fs::read(a.join("identity.json")).unwrap()).unwrap();
    assert_eq!(identity["image"]["sha256"].as_str().map(str::len), Some(64));
    assert_eq!(identity["assessment_date"], "2026-01-01");
    let doc = std::fs::read_to_string(a.join("standards/en-18031-1.html")).unwrap();
    assert!(doc.contains("id=\"en-18031-1-AUM-5-1\"") && doc.contains("Still to supply"));
    assert!(!doc.contains("etsi-en-303-645-5"), "a standard's document holds only that standard");
    if let Some(chromium) = common::chromium() {
        let r = common::render_in_chromium(&chromium, &a.join("standards/en-18031-1.html"), work.path());
        eprintln!(
            "en-18031-1.html: {} PDF page(s), screenshot {} bytes at {}",
            r.pages,
            r.screenshot_bytes,
            r.screenshot.display()
        );
        assert!((1..=40).contains(&r.pages), "{} pages", r.pages);
        assert!(r.screenshot_bytes > 20_000, "the screenshot looks blank");
    }
}
