//! `fwassure sbom IMAGE --format cyclonedx-json|spdx-json [-o FILE]`: the software bill of materials of an image.
//!
//! The document is a function of the image: the CycloneDX serial number and the SPDX namespace derive from the
//! image sha256, and the creation time comes from `SOURCE_DATE_EPOCH` when it is set (CycloneDX then has a
//! `metadata.timestamp`; SPDX, whose `created` is mandatory, otherwise writes the Unix epoch).

use std::path::PathBuf;

use fwassure_report::SbomOptions;

use crate::pipeline::{self, ScanOptions};
use crate::progress::Spinner;

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
    /// CI gate.
    #[command(flatten)]
    pub gate: super::gate::GateArgs,
}

/// Run `sbom`.
pub fn run(a: Args) -> anyhow::Result<i32> {
    let gate = a.gate.gate()?;
    // an SBOM needs no password audit beyond the cheap vendor-default tries
    let opts = ScanOptions { reproducible: true, password_work_ms: Some(0), ..Default::default() };
    let (_vfs, report) = {
        let _s = Spinner::start("scanning");
        pipeline::scan(&a.image, &opts)?
    };
    let created = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) => Some(
            fwassure_report::time::from_source_date_epoch(&v)
                .ok_or_else(|| anyhow::anyhow!("SOURCE_DATE_EPOCH is not a number of seconds: {v:?}"))?,
        ),
        Err(_) => None,
    };
    let sbom = SbomOptions { created };
    let text = match a.format {
        Format::CyclonedxJson => fwassure_report::cyclonedx::render_with(&report, &sbom),
        Format::SpdxJson => fwassure_report::spdx::render_with(&report, &sbom),
    };
    super::emit(&text, a.output.as_deref())?;
    Ok(a.gate.judge(&gate, &report))
}
