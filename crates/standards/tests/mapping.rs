//! Mappings a lab would not dispute. Per requirement, the check rules that can fail it are listed in a
//! reviewed table committed as `crates/standards/MAPPING.md`; this test regenerates the table from the
//! catalogs and the rule registry and fails on any difference, so a mapping change is always a reviewed diff.
//! Run with `FWASSURE_UPDATE_MAPPING=1` to rewrite the table after reviewing the change.
//!
//! It also pins the mappings that would be disputed: a cleartext service fails a web-interface requirement
//! only when the service is the web server (`subjects = ["http"]`), and a weak password hash is never "a
//! password stored in plain text".

use std::fmt::Write;
use std::path::Path;

use fwassure_standards::catalog::catalogs;

fn table() -> String {
    let rules = fwassure_checks::rules();
    let mut out = String::from(
        "# Which findings can fail which requirement\n\n\
         Generated from the catalogs (`catalogs/*.toml`) and the check rules by the test `mapping`; reviewed by a\n\
         person on every change. A requirement not listed is decided by vendor evidence (or by known\n\
         vulnerabilities, see the last column) alone. `subjects` restricts which findings of those rules count.\n\n\
         | standard | requirement | rules that can fail it | subjects | known vulnerabilities |\n|---|---|---|---|---|\n",
    );
    for c in catalogs() {
        for r in &c.requirements {
            let failing: Vec<&str> = rules.iter().filter(|x| r.can_be_failed_by(x.id, x.kind)).map(|x| x.id).collect();
            let mut subjects: Vec<&str> = r.subjects.iter().map(String::as_str).collect();
            for n in r.tree.iter().filter(|n| n.yes == "fail") {
                subjects.extend(n.subjects.iter().map(String::as_str));
            }
            let vulns = r
                .vulns
                .as_ref()
                .or_else(|| r.tree.iter().find(|n| n.yes == "fail").and_then(|n| n.vulns.as_ref()))
                .map(|v| format!("{}+{}", v.min_severity.as_str(), if v.kev { ", or known exploited" } else { "" }))
                .unwrap_or_default();
            if failing.is_empty() && vulns.is_empty() {
                continue;
            }
            let _ =
                writeln!(out, "| {} | {} | {} | {} | {} |", c.id, r.id, failing.join(", "), subjects.join(", "), vulns);
        }
    }
    out
}

#[test]
fn reviewed_mapping_table_is_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("MAPPING.md");
    let now = table();
    if std::env::var_os("FWASSURE_UPDATE_MAPPING").is_some() {
        std::fs::write(&path, &now).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if committed != now {
        let added: Vec<&str> = now.lines().filter(|l| !committed.lines().any(|c| c == *l)).collect();
        let removed: Vec<&str> = committed.lines().filter(|l| !now.lines().any(|c| c == *l)).collect();
        panic!(
            "the requirement mapping changed; review it and rerun with FWASSURE_UPDATE_MAPPING=1\nadded:\n{}\nremoved:\n{}",
            added.join("\n"),
            removed.join("\n")
        );
    }
}

#[test]
fn disputed_mappings_stay_out() {
    let rules = fwassure_checks::rules();
    let cleartext: Vec<_> = rules.iter().filter(|r| r.kind == fwassure_model::FindingKind::CleartextService).collect();
    for c in catalogs() {
        for r in &c.requirements {
            let t = r.title.to_ascii_lowercase();
            if t.contains("web") {
                for rule in &cleartext {
                    if r.can_be_failed_by(rule.id, rule.kind) {
                        assert!(
                            r.subjects.iter().all(|s| s == "http" || s == "https") && !r.subjects.is_empty(),
                            "{}:{} ({}) is failed by any cleartext service ({}), not only the web server",
                            c.id,
                            r.id,
                            r.title,
                            rule.id
                        );
                    }
                }
            }
            if t.contains("plain text") || t.contains("plaintext") || t.contains("cleartext password") {
                assert!(
                    !r.can_be_failed_by("crypto.weak-password-hash", fwassure_model::FindingKind::WeakCrypto),
                    "{}:{} ({}): a weak hash is not a password in plain text",
                    c.id,
                    r.id,
                    r.title
                );
            }
        }
    }
}
