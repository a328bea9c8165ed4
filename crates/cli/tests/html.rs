//! The HTML report as a reader sees it: rendered and printed by headless Chromium (Debian's `chromium`;
//! required in CI through `FWASSURE_REQUIRE_CONSUMERS`), not only matched as text.

use std::path::Path;

use crate::common;

const CORPUS: &str = "/var/tmp/sample-corpus";

#[test]
fn html_report_renders_and_prints_in_chromium() {
    let img = Path::new(CORPUS).join("sample-01.bin");
    if !img.exists() {
        eprintln!("sample corpus not present: skipped");
        return;
    }
    let work = tempfile::tempdir().unwrap();
    let html = work.path().join("report.html");
    let out = common::bin()
        .arg("scan")
        .arg(&img)
        .args(["--format", "html", "--reproducible", "-o"])
        .arg(&html)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read_to_string(&html).unwrap();
    // what a reader needs first: identity on every page, verdicts, top risks, contents, charts
    for want in
        ["<header class=\"identity\">", "Verdict per standard", "Top risks", "id=\"contents\"", "<svg class=\"chart\""]
    {
        assert!(text.contains(want), "{want} missing");
    }
    assert_eq!(
        text.matches("<svg class=\"chart\"").count(),
        4,
        "four charts on a weak image with vulnerabilities and ELF files"
    );
    assert!(!text.to_ascii_lowercase().contains("<script"), "no script");
    // every requirement link has its target
    for cap in text.split("href=\"#").skip(1) {
        let id = &cap[..cap.find('"').unwrap()];
        assert!(text.contains(&format!("id=\"{id}\"")), "link to #{id} has no target");
    }
    let Some(chromium) = common::chromium() else { return };
    let r = common::render_in_chromium(&chromium, &html, work.path());
    eprintln!(
        "report.html: {} PDF page(s), screenshot {} bytes at {}",
        r.pages,
        r.screenshot_bytes,
        r.screenshot.display()
    );
    assert!((2..=25).contains(&r.pages), "{} printed pages", r.pages);
    assert!(r.screenshot_bytes > 30_000, "the screenshot looks blank ({} bytes)", r.screenshot_bytes);
    if let Ok(dir) = std::env::var("FWASSURE_SCREENSHOTS") {
        std::fs::copy(&r.screenshot, Path::new(&dir).join("report-sample-01.png")).unwrap();
    }
}
