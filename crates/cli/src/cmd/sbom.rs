//! `fwassure sbom IMAGE --format cyclonedx-json|spdx-json [-o FILE] [--reproducible] [--db PATH] [--vex FILE]
//! [--no-vulns] [--supplier TEXT]`: the software bill of materials of an image.
//!
//! The document is a function of the image and the options: the CycloneDX serial number and the SPDX
//! namespace are name-based UUIDs of the document's content (no random part). The creation time is the
//! clock's, unless a fixed one is asked for: `--reproducible` (the time `scan --reproducible` judges at:
//! `SOURCE_DATE_EPOCH`, else 2025-01-01T00:00:00Z) or `SOURCE_DATE_EPOCH` alone.
//!
//! The CycloneDX SBOM lists the matched vulnerabilities (`vulnerabilities`, with the VEX analysis of
//! `--vex`); `--no-vulns` writes the inventory only, the SBOM that `scan --format cyclonedx-vex` links to.

use std::path::PathBuf;

use fwassure_report::SbomOptions;

use crate::progress::Spinner;
use fwassure_pipeline::{self as pipeline, ScanOptions};

/// SBOM format.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Format {
    /// CycloneDX 1.6 JSON.
    CyclonedxJson,
    /// SPDX 2.3 JSON.
    SpdxJson,
}

/// Arguments of `sbom`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The firmware image.
    pub image: PathBuf,
    /// SBOM format.
    #[arg(long, value_enum, default_value = "cyclonedx-json")]
    pub format: Format,
    /// Write the SBOM to this file instead of stdout.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Identical bytes for the same image: the creation time is SOURCE_DATE_EPOCH when set, else
    /// 2025-01-01T00:00:00Z (as `scan --reproducible`). Without it the time is the clock's (or
    /// SOURCE_DATE_EPOCH when set).
    #[arg(long)]
    pub reproducible: bool,
    /// Vulnerability store to use with the bundled starter set (default: the user's store when present).
    #[arg(long, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// OpenVEX or CycloneDX VEX document marking matches not_affected/fixed (repeatable).
    #[arg(long, value_name = "FILE", conflicts_with = "no_vulns")]
    pub vex: Vec<PathBuf>,
    /// The inventory only: no vulnerability matching, no `vulnerabilities` in the document.
    #[arg(long)]
    pub no_vulns: bool,
    /// The image's supplier (the manufacturer), e.g. "ACME Routers <psirt@acme.example>": written on the
    /// image and its layers. Without it: the vendor a container header states, else unknown (SPDX
    /// NOASSERTION, which NTIA checkers count as missing).
    #[arg(long, value_name = "TEXT")]
    pub supplier: Option<String>,
    /// CI gate.
    #[command(flatten)]
    pub gate: super::gate::GateArgs,
}

/// Run `sbom`.
pub fn run(a: Args) -> anyhow::Result<i32> {
    let gate = a.gate.gate()?;
    let created = Some(pipeline::document_time(a.reproducible)?);
    // an SBOM needs no password audit beyond the cheap vendor-default tries
    let opts = ScanOptions {
        reproducible: true,
        password_work_ms: Some(0),
        db: a.db.clone(),
        vex: a.vex.clone(),
        no_vulns: a.no_vulns,
        ..Default::default()
    };
    let (_vfs, report) = {
        let _s = Spinner::start("scanning");
        pipeline::scan(&a.image, &opts)?
    };
    // the SBOM has no place for problems: a VEX statement that applied to nothing is said on stderr
    for p in report.problems.iter().filter(|p| p.message.starts_with("VEX ")) {
        eprintln!("fwassure: warning: {}", p.message);
    }
    let sbom = SbomOptions { created, supplier: a.supplier.clone() };
    let text = match a.format {
        Format::CyclonedxJson => fwassure_report::cyclonedx::render_with(&report, &sbom),
        Format::SpdxJson => fwassure_report::spdx::render_with(&report, &sbom),
    };
    super::emit(&text, a.output.as_deref())?;
    Ok(a.gate.judge(&gate, &report))
}
