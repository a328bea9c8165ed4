//! The evidence pack of `assess --pack DIR`: what a vendor hands to a customer, a notified body or a
//! market-surveillance authority, in one folder. The image's identity, the scan report (JSON and HTML), the
//! SBOM (CycloneDX and SPDX), the VEX, the whole assessment (JSON and HTML), a requirement-by-requirement
//! document per standard (Markdown and HTML), and `MANIFEST.sha256` listing the SHA-256 of every other file
//! (`sha256sum -c MANIFEST.sha256` verifies it). With `--reproducible` the same inputs give the same bytes.
//!
//! A `--pack` path ending in `.zip` writes the same files as one zip archive instead (deflated, entries in
//! manifest order, every entry stamped with the pack's document time and mode 0644, so that it is
//! reproducible as well); unzipping it gives the folder.

use std::path::Path;

use anyhow::Context;
use fwassure_model::Report;
use fwassure_report::{SbomOptions, VexOptions};
use fwassure_standards::{render, AssessmentResult};
use sha2::{Digest, Sha256};

/// Every file of the pack as `(relative path, content)`, the manifest last.
pub fn files(
    report: &Report,
    result: &AssessmentResult,
    created: &str,
    supplier: Option<String>,
) -> Vec<(String, String)> {
    let sbom = SbomOptions { created: Some(created.to_string()), supplier: supplier.clone() };
    let vex = VexOptions { created: Some(created.to_string()), supplier };
    let identity = serde_json::json!({
        "image": result.subject,
        "product": result.product,
        "assessment_date": result.date,
        "document_time": created,
        "assurance_class": result.class.class,
        "standards": result.standards.iter().map(|s| serde_json::json!({
            "id": s.id, "name": s.name, "edition": s.edition, "result": s.result.as_str()
        })).collect::<Vec<_>>(),
        "result": result.result.as_str(),
    });
    let mut out: Vec<(String, String)> = vec![
        ("identity.json".into(), format!("{}\n", serde_json::to_string_pretty(&identity).unwrap_or_default())),
        ("report.json".into(), fwassure_report::json::render(report)),
        ("report.html".into(), fwassure_report::html::render(report)),
        ("sbom.cdx.json".into(), fwassure_report::cyclonedx::render_with(report, &sbom)),
        ("sbom.spdx.json".into(), fwassure_report::spdx::render_with(report, &sbom)),
        ("vex.openvex.json".into(), fwassure_report::vex::render_openvex(report, &vex)),
        ("assessment.json".into(), render::json(result)),
        ("assessment.html".into(), render::html(result)),
    ];
    for s in &result.standards {
        let one = result.only(&s.id);
        out.push((format!("standards/{}.md", s.id), render::markdown(&one)));
        out.push((format!("standards/{}.html", s.id), render::html(&one)));
    }
    let mut readme = String::from(
        "# Evidence pack\n\nWritten by fwassure `assess --pack`. Verify it with `sha256sum -c MANIFEST.sha256`.\n\n",
    );
    let listing = [
        (
            "identity.json",
            "what was judged: image path, size and SHA-256, tool, vulnerability data, date, product, class, results",
        ),
        ("report.json", "the scan report (contract `fwassure.report/v1`, schema `schemas/report.v1.json`)"),
        ("report.html", "the scan report to read"),
        ("sbom.cdx.json", "software bill of materials, CycloneDX 1.6"),
        ("sbom.spdx.json", "software bill of materials, SPDX 2.3"),
        ("vex.openvex.json", "the status of every known vulnerability, OpenVEX"),
        ("assessment.json", "every verdict with reasons, evidence and decision path"),
        ("assessment.html", "the same, to read and print"),
    ];
    for (f, what) in listing {
        readme.push_str(&format!("- `{f}`: {what}\n"));
    }
    for s in &result.standards {
        readme.push_str(&format!(
            "- `standards/{0}.md`, `standards/{0}.html`: {1}, requirement by requirement ({2})\n",
            s.id,
            fwassure_model::escape::markdown(&s.name),
            s.result.as_str()
        ));
    }
    out.push(("README.md".into(), readme));
    out.sort();
    let manifest: String =
        out.iter().map(|(p, c)| format!("{}  {p}\n", hex::encode(Sha256::digest(c.as_bytes())))).collect();
    out.push(("MANIFEST.sha256".into(), manifest));
    out
}

/// Write the pack into `dir`, which must not exist or be empty. Returns the number of files written.
pub fn write(dir: &Path, files: &[(String, String)]) -> anyhow::Result<usize> {
    if dir.exists() {
        let empty = std::fs::read_dir(dir).with_context(|| format!("{}", dir.display()))?.next().is_none();
        anyhow::ensure!(empty, "{} exists and is not empty: not writing the evidence pack into it", dir.display());
    }
    for (rel, content) in files {
        check_path(rel)?;
        let p = dir.join(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
        }
        std::fs::write(&p, content).with_context(|| format!("writing {}", p.display()))?;
    }
    Ok(files.len())
}

/// A pack path is relative and stays inside the pack. The names are ours (standard ids from the catalogs),
/// never from the image; this is the guard that keeps it so.
fn check_path(rel: &str) -> anyhow::Result<()> {
    anyhow::ensure!(!rel.split('/').any(|c| c.is_empty() || c == "." || c == ".."), "bad pack path {rel}");
    Ok(())
}

/// True when the pack is to be written as a zip archive (the path ends in `.zip`, any case).
pub fn is_zip(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("zip"))
}

/// Write the pack as a zip archive at `path`, which must not exist. `created` is the pack's RFC 3339 document
/// time, used as every entry's modification time. Returns the number of files written.
pub fn write_zip(path: &Path, files: &[(String, String)], created: &str) -> anyhow::Result<usize> {
    use std::io::Write;
    use zip::write::SimpleFileOptions;

    anyhow::ensure!(!path.exists(), "{} exists: not overwriting it with the evidence pack", path.display());
    let stamp = zip_time(created)?;
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(stamp)
        .unix_permissions(0o644);
    let file = std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?;
    let mut zip = zip::ZipWriter::new(std::io::BufWriter::new(file));
    for (rel, content) in files {
        check_path(rel)?;
        zip.start_file(rel.as_str(), options).with_context(|| format!("adding {rel}"))?;
        zip.write_all(content.as_bytes()).with_context(|| format!("writing {rel}"))?;
    }
    zip.finish()
        .with_context(|| format!("finishing {}", path.display()))?
        .flush()
        .with_context(|| format!("writing {}", path.display()))?;
    Ok(files.len())
}

/// The zip (DOS) time of an RFC 3339 UTC time; zip cannot hold times before 1980, which are clamped to it.
fn zip_time(created: &str) -> anyhow::Result<zip::DateTime> {
    let t = time::OffsetDateTime::parse(created, &time::format_description::well_known::Rfc3339)
        .with_context(|| format!("document time {created}"))?
        .to_offset(time::UtcOffset::UTC);
    if t.year() < 1980 {
        return Ok(zip::DateTime::default());
    }
    zip::DateTime::from_date_and_time(
        u16::try_from(t.year()).unwrap_or(2107),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
    )
    .map_err(|e| anyhow::anyhow!("document time {created} cannot be a zip time: {e}"))
}
