//! What the schemas cannot check: references resolve, ids are unique, evidence and hashes are carried, the
//! outputs are deterministic, and the HTML is escaped and script-free.

use crate::common;

use std::collections::BTreeSet;

use fwassure_report::{cyclonedx, html, sarif, spdx, SbomOptions};
use serde_json::Value;

fn parse(s: &str) -> Value {
    serde_json::from_str(s).expect("JSON")
}

fn collect_bom_refs(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            if let Some(Value::String(r)) = m.get("bom-ref") {
                out.push(r.clone());
            }
            m.values().for_each(|x| collect_bom_refs(x, out));
        }
        Value::Array(a) => a.iter().for_each(|x| collect_bom_refs(x, out)),
        _ => {}
    }
}

#[test]
fn cyclonedx_references_resolve_and_evidence_is_carried() {
    let r = common::report();
    let d = parse(&cyclonedx::render(&r));
    let mut refs = Vec::new();
    collect_bom_refs(&d, &mut refs);
    let set: BTreeSet<&String> = refs.iter().collect();
    assert_eq!(set.len(), refs.len(), "bom-refs are unique");
    for dep in d["dependencies"].as_array().unwrap() {
        assert!(set.contains(&dep["ref"].as_str().unwrap().to_string()), "{dep}");
        for on in dep["dependsOn"].as_array().into_iter().flatten() {
            assert!(set.contains(&on.as_str().unwrap().to_string()), "{on}");
        }
    }
    for v in d["vulnerabilities"].as_array().unwrap() {
        assert!(set.contains(&v["affects"][0]["ref"].as_str().unwrap().to_string()));
    }
    // the image is the root component, with its hash; layers nest as found
    let image = &d["metadata"]["component"];
    assert_eq!(image["type"], "firmware");
    assert_eq!(image["hashes"][0]["content"], common::SHA_IMAGE);
    assert_eq!(image["components"][0]["bom-ref"], "layer:L0");
    let l2 = &image["components"][0]["components"][1];
    assert_eq!(l2["bom-ref"], "layer:L2");
    assert_eq!(l2["type"], "file");
    assert!(l2["properties"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["name"] == "fwassure:layer:format" && p["value"] == "squashfs"));
    assert_eq!(image["components"][0]["type"], "data");
    // evidence files carry their hashes
    let files: Vec<&Value> = l2["components"].as_array().unwrap().iter().filter(|c| c["type"] == "file").collect();
    let libcrypto = files.iter().find(|f| f["name"] == "/usr/lib/libcrypto.so.1.1").expect("evidence file");
    assert_eq!(libcrypto["hashes"][0], serde_json::json!({"alg": "SHA-256", "content": common::SHA_LIBCRYPTO}));
    // every component: name, version, purl, cpe, and one occurrence per evidence
    for (c, v) in r.components.iter().zip(d["components"].as_array().unwrap()) {
        assert_eq!(v["name"], c.name.as_str());
        assert_eq!(v["version"], c.version.as_str());
        assert_eq!(v["purl"].as_str(), c.purl.as_deref());
        assert_eq!(v["cpe"].as_str(), c.cpe.as_deref());
        assert_eq!(v["evidence"]["occurrences"].as_array().unwrap().len(), c.evidence.len(), "{}", c.name);
    }
    let openssl = d["components"].as_array().unwrap().iter().find(|c| c["name"] == "openssl").unwrap();
    assert_eq!(openssl["evidence"]["occurrences"][0]["location"], "L2:/usr/lib/libcrypto.so.1.1");
    assert_eq!(openssl["evidence"]["occurrences"][0]["offset"], 0x1d2f0);
    // one identity object (CycloneDX 1.5 form, read by older syft/grype too), not the 1.6 array
    assert!(openssl["evidence"]["identity"].is_object());
    assert_eq!(openssl["evidence"]["identity"]["methods"][0]["technique"], "binary-analysis");
    // suppliers: the package database's maintainer, else the CPE vendor, else none
    assert_eq!(zlib_supplier(&d), "OpenWrt Project");
    let zlib = d["components"].as_array().unwrap().iter().find(|c| c["name"] == "zlib").unwrap();
    assert_eq!(zlib["supplier"]["contact"][0]["email"], "openwrt-devel@lists.openwrt.org");
    // BSI TR-03183-2: a component found in a file of its own names it, with its kind and SHA-512; one
    // known only from a package database names no file
    let prop = |c: &Value, n: &str| {
        c["properties"].as_array().unwrap().iter().find(|p| p["name"] == n).map(|p| p["value"].clone())
    };
    assert_eq!(prop(openssl, "bsi:component:filename"), Some("libcrypto.so.1.1".into()));
    assert_eq!(prop(openssl, "bsi:component:executable"), Some("executable".into()));
    assert_eq!(prop(openssl, "bsi:component:archive"), Some("no archive".into()));
    assert_eq!(prop(openssl, "bsi:component:structured"), Some("unstructured".into()));
    let dist = &openssl["externalReferences"][0];
    assert_eq!(
        (dist["type"].as_str(), dist["url"].as_str()),
        (Some("distribution"), Some("L2/usr/lib/libcrypto.so.1.1"))
    );
    assert_eq!(dist["hashes"][0]["alg"], "SHA-512");
    assert_eq!(dist["hashes"][0]["content"].as_str().unwrap().len(), 128);
    assert_eq!(prop(zlib, "bsi:component:filename"), None, "zlib is only in the opkg database here");
    assert_eq!(zlib["licenses"][0]["acknowledgement"], "declared");
    assert_eq!(openssl["supplier"]["name"], "openssl");
    let jquery = d["components"].as_array().unwrap().iter().find(|c| c["name"] == "jquery").unwrap();
    assert_eq!(jquery["supplier"]["name"], "jquery project");
    assert!(jquery["properties"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["name"] == "fwassure:supplier:source" && p["value"] == "upstream-project"));
    // the image and its layers have versions
    assert_eq!(d["metadata"]["component"]["version"], format!("sha256:{}", &common::SHA_IMAGE[..16]));
    // licences: an SPDX expression as such, free text as a name
    let zlib = d["components"].as_array().unwrap().iter().find(|c| c["name"] == "zlib").unwrap();
    assert_eq!(zlib["licenses"][0]["expression"], "Zlib");
    let dropbear = d["components"].as_array().unwrap().iter().find(|c| c["name"] == "dropbear").unwrap();
    assert_eq!(dropbear["licenses"][0]["license"]["name"], "MIT AND BSD-like");
    // VEX states
    let state = |id: &str| {
        d["vulnerabilities"].as_array().unwrap().iter().find(|v| v["id"] == id).unwrap()["analysis"]["state"].clone()
    };
    // an unreviewed match is to be triaged, not exploitable
    assert_eq!(state("CVE-2023-5678"), "in_triage");
    assert_eq!(state("CVE-2022-48174"), "not_affected");
    assert_eq!(state("CVE-2023-1234"), "in_triage");
    let v1 = d["vulnerabilities"].as_array().unwrap().iter().find(|v| v["id"] == "CVE-2023-5678").unwrap();
    assert_eq!(v1["ratings"][0]["method"], "CVSSv31");
    assert_eq!(v1["cwes"], serde_json::json!([754]));
    assert_eq!(v1["published"], "2023-11-06T00:00:00Z");
}

fn zlib_supplier(d: &Value) -> String {
    let zlib = d["components"].as_array().unwrap().iter().find(|c| c["name"] == "zlib").unwrap();
    zlib["supplier"]["name"].as_str().unwrap().to_string()
}

#[test]
fn cyclonedx_is_deterministic_and_serial_follows_the_image() {
    let r = common::report();
    let a = cyclonedx::render(&r);
    assert_eq!(a, cyclonedx::render(&r));
    let d = parse(&a);
    assert!(d["metadata"].get("timestamp").is_none(), "no timestamp unless given");
    let serial = d["serialNumber"].as_str().unwrap();
    assert!(serial.starts_with("urn:uuid:") && serial.as_bytes()[23] == b'5', "version-5 UUID: {serial}");
    let mut other = r.clone();
    other.image.sha256 = common::SHA_BUSYBOX.into();
    assert_ne!(
        cyclonedx::serial_number(&other, &SbomOptions::default()),
        cyclonedx::serial_number(&r, &SbomOptions::default())
    );
    assert_eq!(cyclonedx::serial_number(&r, &SbomOptions::default()), serial);
    // any change of content changes the serial (here: one component's version)
    let mut changed = r.clone();
    changed.components[0].version = "1.36.2".into();
    assert_ne!(cyclonedx::serial_number(&changed, &SbomOptions::default()), serial);
    // the time is not content: same serial with a timestamp
    let dated = parse(&cyclonedx::render_with(
        &r,
        &SbomOptions { created: Some("2024-01-02T03:04:05Z".into()), ..Default::default() },
    ));
    assert_eq!(dated["metadata"]["timestamp"], "2024-01-02T03:04:05Z");
    assert_eq!(dated["serialNumber"], serial);
}

#[test]
fn cyclonedx_vex_names_the_product_and_links_to_the_sbom() {
    let r = common::report();
    let opts = fwassure_report::VexOptions { created: Some("2024-01-02T03:04:05Z".into()), ..Default::default() };
    let text = fwassure_report::vex::render_cyclonedx(&r, &opts);
    assert_eq!(text, fwassure_report::vex::render_cyclonedx(&r, &opts), "deterministic");
    let d = parse(&text);
    let product = &d["metadata"]["component"];
    assert_eq!(product["name"], "router fw.bin");
    assert_eq!(product["hashes"][0]["content"], common::SHA_IMAGE);
    assert!(product["version"].as_str().is_some());
    assert_eq!(d["metadata"]["timestamp"], "2024-01-02T03:04:05Z");
    let serial = d["serialNumber"].as_str().unwrap();
    assert!(serial.starts_with("urn:uuid:"));
    // BOM-Links to the inventory SBOM (`sbom --no-vulns`), whose serial the renderer knows
    let mut inventory = r.clone();
    inventory.vulnerabilities.clear();
    let sbom = parse(&cyclonedx::render(&inventory));
    let sbom_serial = sbom["serialNumber"].as_str().unwrap().trim_start_matches("urn:uuid:").to_string();
    let mut sbom_refs = Vec::new();
    collect_bom_refs(&sbom, &mut sbom_refs);
    for v in d["vulnerabilities"].as_array().unwrap() {
        let link = v["affects"][0]["ref"].as_str().unwrap();
        let (head, frag) = link.split_once('#').unwrap();
        assert_eq!(head, format!("urn:cdx:{sbom_serial}/1"));
        assert!(sbom_refs.iter().any(|r| r == frag), "{frag} is a bom-ref of the SBOM");
    }
    let state = |id: &str| {
        d["vulnerabilities"].as_array().unwrap().iter().find(|v| v["id"] == id).unwrap()["analysis"]["state"].clone()
    };
    assert_eq!(state("CVE-2023-5678"), "in_triage", "unreviewed");
    assert_eq!(state("CVE-2022-48174"), "not_affected");
    // a VEX review that confirms the match makes it exploitable
    let mut reviewed = r.clone();
    reviewed.vulnerabilities.iter_mut().find(|v| v.id == "CVE-2023-5678").unwrap().reviewed = true;
    let d2 = parse(&fwassure_report::vex::render_cyclonedx(&reviewed, &opts));
    let st2 = d2["vulnerabilities"].as_array().unwrap().iter().find(|v| v["id"] == "CVE-2023-5678").unwrap();
    assert_eq!(st2["analysis"]["state"], "exploitable");
    assert_ne!(d2["serialNumber"], d["serialNumber"], "another content, another serial");
}

#[test]
fn openvex_names_the_product_and_says_under_investigation() {
    let r = common::report();
    let d = parse(&fwassure_report::vex::render_openvex(&r, &Default::default()));
    assert_eq!(d["@context"], "https://openvex.dev/ns/v0.2.0");
    assert!(d["@id"].as_str().unwrap().starts_with("https://openvex.dev/docs/fwassure/"));
    assert_eq!(d["timestamp"], fwassure_report::time::EPOCH);
    let st = d["statements"].as_array().unwrap();
    let find = |id: &str| st.iter().find(|s| s["vulnerability"]["name"] == id).unwrap().clone();
    let open = find("CVE-2023-5678");
    assert_eq!(open["status"], "under_investigation");
    let product = &open["products"][0];
    assert!(product["@id"].as_str().unwrap().starts_with("pkg:generic/router%20fw.bin@"));
    assert_eq!(product["hashes"]["sha-256"], common::SHA_IMAGE);
    assert_eq!(product["subcomponents"][0]["@id"], "pkg:generic/openssl@1.1.1w");
    let na = find("CVE-2022-48174");
    assert_eq!(na["status"], "not_affected");
    assert!(na.get("impact_statement").is_some() || na.get("justification").is_some());
}

#[test]
fn spdx_ids_and_relationships_are_consistent() {
    let r = common::report();
    let d = parse(&spdx::render(&r));
    let mut ids = vec!["SPDXRef-DOCUMENT".to_string()];
    for p in d["packages"].as_array().unwrap().iter().chain(d["files"].as_array().unwrap()) {
        ids.push(p["SPDXID"].as_str().unwrap().to_string());
    }
    let set: BTreeSet<&String> = ids.iter().collect();
    assert_eq!(set.len(), ids.len(), "SPDXIDs are unique");
    for id in &ids {
        let body = id.strip_prefix("SPDXRef-").expect(id);
        assert!(!body.is_empty() && body.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-'), "{id}");
    }
    let rels = d["relationships"].as_array().unwrap();
    for rel in rels {
        for k in ["spdxElementId", "relatedSpdxElement"] {
            assert!(set.contains(&rel[k].as_str().unwrap().to_string()), "{rel}");
        }
    }
    let has = |a: &str, t: &str, b: &str| {
        rels.iter().any(|x| x["spdxElementId"] == a && x["relationshipType"] == t && x["relatedSpdxElement"] == b)
    };
    assert!(has("SPDXRef-DOCUMENT", "DESCRIBES", "SPDXRef-Image"));
    assert!(has("SPDXRef-Image", "CONTAINS", "SPDXRef-Layer-L0"));
    assert!(has("SPDXRef-Layer-L0", "CONTAINS", "SPDXRef-Layer-L2"));
    assert!(has("SPDXRef-Layer-L2", "CONTAINS", "SPDXRef-Layer-L3"));
    assert!(has("SPDXRef-Layer-L2", "CONTAINS", "SPDXRef-Package-openssl-1.1.1w"));
    assert!(has("SPDXRef-Layer-L1", "CONTAINS", "SPDXRef-Package-linux-5.10.176"));
    assert!(has("SPDXRef-Package-openssl-1.1.1w", "OTHER", "SPDXRef-File-L2-usr-sbin-uhttpd"));

    let pkg = |id: &str| d["packages"].as_array().unwrap().iter().find(|p| p["SPDXID"] == id).unwrap().clone();
    let image = pkg("SPDXRef-Image");
    assert_eq!(image["checksums"][0]["checksumValue"], common::SHA_IMAGE);
    assert_eq!(image["primaryPackagePurpose"], "FIRMWARE");
    let openssl = pkg("SPDXRef-Package-openssl-1.1.1w");
    assert_eq!(openssl["filesAnalyzed"], false);
    assert_eq!(openssl["licenseConcluded"], "NOASSERTION");
    assert_eq!(openssl["licenseDeclared"], "NOASSERTION");
    let refs = openssl["externalRefs"].as_array().unwrap();
    assert!(refs.iter().any(|x| x["referenceCategory"] == "PACKAGE-MANAGER" && x["referenceType"] == "purl"));
    assert!(refs.iter().any(|x| x["referenceCategory"] == "SECURITY" && x["referenceType"] == "cpe23Type"));
    assert!(refs.iter().any(|x| x["referenceType"] == "advisory"
        && x["referenceLocator"] == "https://nvd.nist.gov/vuln/detail/CVE-2023-5678"));
    assert_eq!(pkg("SPDXRef-Package-zlib-1.2.13")["licenseDeclared"], "Zlib");
    let dropbear = pkg("SPDXRef-Package-dropbear-2022.83");
    let lref = dropbear["licenseDeclared"].as_str().unwrap();
    assert!(lref.starts_with("LicenseRef-"));
    assert!(d["hasExtractedLicensingInfos"].as_array().unwrap().iter().any(|x| x["licenseId"] == lref));
    // evidence files are SPDX files with SHA1 and SHA256, not versionless packages
    assert!(!d["packages"].as_array().unwrap().iter().any(|p| p.get("packageFileName").is_some()));
    let uhttpd = d["files"].as_array().unwrap().iter().find(|f| f["fileName"] == "./L2/usr/sbin/uhttpd").unwrap();
    assert_eq!(uhttpd["checksums"][0]["algorithm"], "SHA1");
    assert_eq!(uhttpd["checksums"][1]["checksumValue"], common::SHA_UHTTPD);
    assert!(has("SPDXRef-Layer-L2", "CONTAINS", uhttpd["SPDXID"].as_str().unwrap()));
    let l2 = pkg("SPDXRef-Layer-L2");
    assert_eq!(l2["filesAnalyzed"], true);
    assert!(l2["hasFiles"].as_array().unwrap().contains(&uhttpd["SPDXID"]));
    assert_eq!(l2["packageVerificationCode"]["packageVerificationCodeValue"].as_str().unwrap().len(), 40);
    // no file without a hash: L3:/bin/busybox has none
    assert!(!d["files"].as_array().unwrap().iter().any(|f| f["fileName"] == "./L3/bin/busybox"));
    // NTIA minimum elements: every package has a version and a supplier
    for p in d["packages"].as_array().unwrap() {
        assert!(p["versionInfo"].as_str().is_some_and(|v| !v.is_empty()), "{p}");
        assert!(p["supplier"].as_str().is_some(), "{p}");
    }
    assert_eq!(
        pkg("SPDXRef-Package-zlib-1.2.13")["supplier"],
        "Organization: OpenWrt Project (openwrt-devel@lists.openwrt.org)"
    );
    assert_eq!(pkg("SPDXRef-Package-openssl-1.1.1w")["supplier"], "Organization: openssl");
    assert_eq!(pkg("SPDXRef-Package-jquery-1.8.3")["supplier"], "Organization: jquery project");
    // the image's supplier is not in the evidence: NOASSERTION unless the caller states it
    assert_eq!(pkg("SPDXRef-Image")["supplier"], "NOASSERTION");
    let stated = SbomOptions { supplier: Some("ACME Routers <psirt@acme.example>".into()), ..Default::default() };
    let ds = parse(&spdx::render_with(&r, &stated));
    let image = ds["packages"].as_array().unwrap().iter().find(|p| p["SPDXID"] == "SPDXRef-Image").unwrap();
    assert_eq!(image["supplier"], "Organization: ACME Routers (psirt@acme.example)");
    assert_eq!(d["creationInfo"]["created"], fwassure_report::time::EPOCH);
    // the namespace follows the content, not the clock
    let ns = d["documentNamespace"].as_str().unwrap();
    assert_eq!(ns, spdx::namespace(&r, &SbomOptions::default()));
    let mut changed = r.clone();
    changed.components[0].version = "1.36.2".into();
    assert_ne!(spdx::namespace(&changed, &SbomOptions::default()), ns);
}

#[test]
fn spdx_is_deterministic_and_takes_a_given_time() {
    let r = common::report();
    assert_eq!(spdx::render(&r), spdx::render(&r));
    let d = parse(&spdx::render_with(
        &r,
        &SbomOptions { created: Some("2023-11-14T22:13:20Z".into()), ..Default::default() },
    ));
    assert_eq!(d["creationInfo"]["created"], "2023-11-14T22:13:20Z");
    assert_eq!(
        d["documentNamespace"],
        spdx::namespace(&r, &SbomOptions::default()),
        "the time does not change the namespace"
    );
}

#[test]
fn sarif_rules_locations_and_levels() {
    let r = common::report();
    let d = parse(&sarif::render(&r));
    let run = &d["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), r.findings.len() + r.vulnerabilities.len());
    for res in results {
        let i = res["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[i]["id"], res["ruleId"]);
    }
    let shadow = results.iter().find(|x| x["ruleId"] == "cred.empty-password").unwrap();
    assert_eq!(shadow["level"], "error");
    let loc = &shadow["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "L2/etc/shadow");
    assert_eq!(loc["region"]["startLine"], 1);
    let key = results.iter().find(|x| x["ruleId"] == "key.private").unwrap();
    assert_eq!(
        key["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "L2/etc/ssl/private/server%20key.pem"
    );
    assert!(key["locations"][0]["physicalLocation"].get("region").is_none());
    let telnet = results.iter().find(|x| x["ruleId"] == "svc.telnet").unwrap();
    assert_eq!(telnet["level"], "warning");
    // CWE taxa and rule relationships
    let taxa: Vec<&str> =
        run["taxonomies"][0]["taxa"].as_array().unwrap().iter().map(|t| t["id"].as_str().unwrap()).collect();
    assert!(taxa.contains(&"258") && taxa.contains(&"754"));
    let rule = rules.iter().find(|x| x["id"] == "cred.empty-password").unwrap();
    assert_eq!(rule["relationships"][0]["target"]["id"], "258");
    // vulnerabilities: located at the component's evidence, suppressed when VEX says not affected
    let v = results.iter().find(|x| x["ruleId"] == "CVE-2023-5678").unwrap();
    assert_eq!(v["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "L2/usr/lib/libcrypto.so.1.1");
    assert!(v.get("suppressions").is_none());
    let na = results.iter().find(|x| x["ruleId"] == "CVE-2022-48174").unwrap();
    assert_eq!(na["suppressions"][0]["status"], "accepted");
    assert_eq!(na["level"], "error");
}

#[test]
fn html_is_self_contained_and_escaped() {
    let r = common::report();
    let h = html::render(&r);
    assert!(h.starts_with("<!DOCTYPE html>"));
    assert!(!h.to_ascii_lowercase().contains("<script"));
    assert!(!h.contains("src=\"http") && !h.contains("<link"), "no external resources");
    assert!(h.contains("/www/js/jquery &lt;old&gt;&amp;.min.js"));
    assert!(!h.contains("jquery <old>"));
    for section in [
        "id=\"summary\"",
        "id=\"layers\"",
        "id=\"components\"",
        "id=\"findings\"",
        "id=\"vulnerabilities\"",
        "id=\"assessments\"",
        "id=\"problems\"",
    ] {
        assert!(h.contains(section), "{section}");
    }
    // findings grouped by severity, most severe first
    let crit = h.find("<span class=\"sev critical\">critical</span> (1)").unwrap();
    let high = h.find("<span class=\"sev high\">high</span> (1)").unwrap();
    let med = h.find("<span class=\"sev medium\">medium</span> (1)").unwrap();
    assert!(crit < high && high < med);
    assert!(h.contains("CVE-2023-5678") && h.contains("5.10.176") && h.contains("needs-evidence"));
}

/// GitHub code scanning's ingestion rules for SARIF uploads (docs: "SARIF support for code scanning"): at most
/// 20 tags per rule, `security-severity` a number string in 0.0–10.0, and a rule that shows in the alert view
/// needs a short and full description and help text.
fn assert_github_accepts(d: &serde_json::Value) {
    let run = &d["runs"][0];
    assert!(run["tool"]["driver"]["informationUri"].as_str().is_some_and(|u| u.starts_with("http")));
    for rule in run["tool"]["driver"]["rules"].as_array().unwrap() {
        let id = rule["id"].as_str().unwrap();
        let p = &rule["properties"];
        let tags = p["tags"].as_array().unwrap();
        assert!(tags.len() <= 20, "{id}: {} tags", tags.len());
        assert!(
            tags.iter().all(|t| !t.as_str().unwrap().contains(':')),
            "{id}: requirement ids are not tags: {tags:?}"
        );
        let sev: f64 = p["security-severity"].as_str().unwrap().parse().unwrap();
        assert!((0.0..=10.0).contains(&sev), "{id}: security-severity {sev}");
        for k in ["shortDescription", "fullDescription", "help"] {
            assert!(!rule[k]["text"].as_str().unwrap_or("").is_empty(), "{id}: no {k}");
        }
    }
}

#[test]
fn sarif_meets_github_code_scanning_rules_even_with_many_requirements() {
    let mut r = common::report();
    // a finding mapped to 30 requirements (real findings map to up to 27): they go to properties, not tags
    r.findings[0].requirements = (1..=30).map(|i| format!("etsi-en-303-645:5.{i}-1")).collect();
    let d = parse(&sarif::render(&r));
    assert_github_accepts(&d);
    let rule_id = r.findings[0].rule.clone();
    let rule = d["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"] == rule_id.as_str())
        .unwrap();
    assert_eq!(rule["properties"]["requirements"].as_array().unwrap().len(), 30);
    // a vulnerability's security-severity is its CVSS base score when known
    let v = r.vulnerabilities.iter().find(|v| v.score.is_some()).expect("fixture has a scored vulnerability");
    let vr =
        d["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap().iter().find(|x| x["id"] == v.id.as_str()).unwrap();
    assert_eq!(vr["properties"]["security-severity"], format!("{:.1}", v.score.unwrap()));
}
