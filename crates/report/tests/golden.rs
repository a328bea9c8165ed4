//! Golden snapshots of the SBOMs (and SARIF, HTML) of the fixture report. Any change of output shows as a diff
//! here; after checking it, refresh with `UPDATE_GOLDEN=1 cargo test -p fwassure-report golden`.

use crate::common;

use fwassure_report::{cyclonedx, html, sarif, spdx, SbomOptions};

fn check(name: &str, actual: &str) {
    let path = format!("{}/tests/golden/{name}", env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).expect("write golden");
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{path}: {e} (run with UPDATE_GOLDEN=1 to create it)"));
    if expected != actual {
        let line = expected.lines().zip(actual.lines()).position(|(a, b)| a != b).unwrap_or(0) + 1;
        panic!(
            "{name} differs from its golden file at line {line}:\n  golden: {:?}\n  actual: {:?}\n\
             (check the change, then run with UPDATE_GOLDEN=1)",
            expected.lines().nth(line - 1).unwrap_or(""),
            actual.lines().nth(line - 1).unwrap_or("")
        );
    }
}

#[test]
fn cyclonedx_golden() {
    check("cyclonedx.json", &cyclonedx::render(&common::report()));
}

#[test]
fn spdx_golden() {
    check("spdx.json", &spdx::render(&common::report()));
}

#[test]
fn spdx_golden_with_source_date_epoch() {
    let opts =
        SbomOptions { created: fwassure_report::time::from_source_date_epoch("1700000000"), ..Default::default() };
    check("spdx-dated.json", &spdx::render_with(&common::report(), &opts));
}

#[test]
fn sarif_golden() {
    check("sarif.json", &sarif::render(&common::report()));
}

#[test]
fn html_golden() {
    check("report.html", &html::render(&common::report()));
}
