//! Helpers shared by the end-to-end tests: the binary, and a cpio image built in memory.
#![allow(dead_code)]

use std::process::Command;

/// The `fwassure` binary under test.
pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_fwassure"))
}

/// A cpio (newc) archive holding the given files (mode 0644 regular files, folders implied by paths).
pub fn cpio(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut entry = |name: &str, mode: u32, data: &[u8], ino: u32| {
        let name_z = format!("{name}\0");
        let fields = [ino, mode, 0, 0, 1, 0, data.len() as u32, 0, 0, 0, 0, name_z.len() as u32, 0];
        out.extend_from_slice(b"070701");
        for f in fields {
            out.extend_from_slice(format!("{f:08X}").as_bytes());
        }
        out.extend_from_slice(name_z.as_bytes());
        while out.len() % 4 != 0 {
            out.push(0);
        }
        out.extend_from_slice(data);
        while out.len() % 4 != 0 {
            out.push(0);
        }
    };
    entry("etc", 0o040755, b"", 1);
    for (i, (name, data)) in files.iter().enumerate() {
        entry(name, 0o100644, data, i as u32 + 2);
    }
    entry("TRAILER!!!", 0, b"", 0);
    out
}

/// Headless Chromium, to render HTML outputs as a reader sees them: `$CHROMIUM`, else `chromium`,
/// `chromium-browser` or `google-chrome` on the PATH. `None` when absent, which fails the caller when
/// `FWASSURE_REQUIRE_CONSUMERS` is set (CI installs Debian's `chromium`).
pub fn chromium() -> Option<std::path::PathBuf> {
    let found = std::env::var_os("CHROMIUM").map(std::path::PathBuf::from).filter(|p| p.exists()).or_else(|| {
        let path = std::env::var_os("PATH")?;
        std::env::split_paths(&path)
            .flat_map(|d| ["chromium", "chromium-browser", "google-chrome"].map(|n| d.join(n)))
            .find(|p| p.exists())
    });
    if found.is_none() {
        assert!(
            std::env::var_os("FWASSURE_REQUIRE_CONSUMERS").is_none(),
            "headless Chromium is required (FWASSURE_REQUIRE_CONSUMERS) but not found: install Debian's `chromium`"
        );
        eprintln!("chromium not found: the rendering check is skipped");
    }
    found
}

/// What Chromium made of an HTML file: the printed PDF's page count and a screenshot's size in bytes.
#[derive(Debug)]
pub struct Rendered {
    /// Pages of the print-to-PDF output (A4/Letter default of Chromium).
    pub pages: usize,
    /// Bytes of the PNG screenshot (a blank page compresses to almost nothing).
    pub screenshot_bytes: usize,
    /// The PNG screenshot.
    pub screenshot: std::path::PathBuf,
}

/// Print `html` to PDF and take a 1280×1600 screenshot with headless Chromium, in `work`.
pub fn render_in_chromium(chromium: &std::path::Path, html: &std::path::Path, work: &std::path::Path) -> Rendered {
    let url = format!("file://{}", html.canonicalize().unwrap().display());
    let pdf = work.join("out.pdf");
    let png = work.join("out.png");
    let profile = work.join("chromium-profile");
    let run = |extra: &[String]| {
        let out = Command::new(chromium)
            .args(["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"])
            .arg(format!("--user-data-dir={}", profile.display()))
            .args(extra)
            .arg(&url)
            .output()
            .expect("chromium runs");
        assert!(out.status.success(), "chromium failed: {}", String::from_utf8_lossy(&out.stderr));
    };
    run(&[format!("--print-to-pdf={}", pdf.display()), "--no-pdf-header-footer".into()]);
    run(&[format!("--screenshot={}", png.display()), "--window-size=1280,1600".into()]);
    let bytes = std::fs::read(&pdf).expect("a PDF was printed");
    assert!(bytes.starts_with(b"%PDF"), "not a PDF");
    // page objects: `/Type /Page` not followed by `s` (the `/Pages` tree node)
    let text = String::from_utf8_lossy(&bytes);
    let pages = text
        .match_indices("/Type")
        .filter(|(i, _)| {
            let rest = text[i + 5..].trim_start();
            rest.starts_with("/Page") && !rest.starts_with("/Pages")
        })
        .count();
    let shot = std::fs::read(&png).expect("a screenshot was taken");
    assert!(shot.starts_with(b"\x89PNG"), "not a PNG");
    Rendered { pages, screenshot_bytes: shot.len(), screenshot: png }
}
