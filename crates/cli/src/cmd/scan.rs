//! `fwassure scan IMAGE [--format json|text|sarif|html|cyclonedx-vex|openvex] [-o FILE]`

use std::path::PathBuf;

use crate::progress::Spinner;
use fwassure_pipeline::{self as pipeline, ScanOptions};

/// Output format of `scan`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Format {
    /// The stable `fwassure.report/v1` JSON contract.
    Json,
    /// A readable summary.
    Text,
    /// SARIF 2.1.0 (findings and vulnerabilities) for code-scanning dashboards.
    Sarif,
    /// One self-contained HTML page.
    Html,
    /// The vulnerability matches as a CycloneDX 1.6 VEX document: the image as product, unreviewed matches
    /// `in_triage`, components linked to `sbom --no-vulns` by BOM-Link.
    CyclonedxVex,
    /// The vulnerability matches as an OpenVEX 0.2.0 document (unreviewed matches `under_investigation`).
    Openvex,
}

/// Arguments of `scan`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The firmware image.
    pub image: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// Write the report to this file instead of stdout.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Identical bytes for the same image: `elapsed_ms: 0`, and the assessment date, certificate expiry and
    /// VEX document time at SOURCE_DATE_EPOCH when set, else at 2025-01-01T00:00:00Z.
    #[arg(long)]
    pub reproducible: bool,
    /// Vulnerability store to use with the bundled starter set (default: the user's store when present).
    #[arg(long, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// OpenVEX or CycloneDX VEX document marking matches not_affected/fixed (repeatable).
    #[arg(long, value_name = "FILE")]
    pub vex: Vec<PathBuf>,
    /// Password-audit effort per account, in milliseconds of one core at the reference cost of its hash
    /// scheme (deterministic: the same candidates on every machine). 0 tries only the vendor defaults and
    /// username-derived guesses; raise it for a deeper audit of costly hashes (sha512-crypt, bcrypt, yescrypt).
    #[arg(long, value_name = "MS", default_value_t = fwassure_checks::CheckOptions::default().crack_work_us / 1000)]
    pub password_work: u64,
    /// The image's supplier for the VEX formats (as `sbom --supplier`; the CycloneDX VEX links to the SBOM
    /// made with the same value).
    #[arg(long, value_name = "TEXT")]
    pub supplier: Option<String>,
    /// Print the wall time of each stage (unpack, content, catalog, checks, vulns, standards, report) to stderr.
    #[arg(long)]
    pub timings: bool,
    /// CI gate.
    #[command(flatten)]
    pub gate: super::gate::GateArgs,
}

/// Run `scan`; exit code 1 when the gate (`--fail-on`) fails.
pub fn run(a: Args) -> anyhow::Result<i32> {
    // read the gate's files first: a typo in them fails before a long scan
    let gate = a.gate.gate()?;
    let now = if a.reproducible { Some(pipeline::reproducible_now()?) } else { None };
    let opts = ScanOptions {
        reproducible: a.reproducible,
        now,
        db: a.db.clone(),
        vex: a.vex.clone(),
        password_work_ms: Some(a.password_work),
        on_stage: a.timings.then_some(print_stage_time as fwassure_pipeline::StageHook),
        ..Default::default()
    };
    let (_vfs, report) = {
        let _s = Spinner::start("scanning");
        pipeline::scan(&a.image, &opts)?
    };
    let render_start = std::time::Instant::now();
    let vex_opts = || -> anyhow::Result<fwassure_report::VexOptions> {
        Ok(fwassure_report::VexOptions {
            created: Some(pipeline::document_time(a.reproducible)?),
            supplier: a.supplier.clone(),
        })
    };
    let text = match a.format {
        Format::Json => fwassure_report::json::render(&report),
        Format::Text => fwassure_report::text::render(&report),
        Format::Sarif => fwassure_report::sarif::render(&report),
        Format::Html => fwassure_report::html::render(&report),
        Format::CyclonedxVex => fwassure_report::vex::render_cyclonedx(&report, &vex_opts()?),
        Format::Openvex => fwassure_report::vex::render_openvex(&report, &vex_opts()?),
    };
    super::emit(&text, a.output.as_deref())?;
    if a.timings {
        print_stage_time("report", render_start.elapsed());
    }
    Ok(a.gate.judge(&gate, &report))
}

/// One `--timings` line on stderr: the stage and its wall time.
fn print_stage_time(name: &str, took: std::time::Duration) {
    eprintln!("fwassure: {name:<10} {:>8.1} ms", took.as_secs_f64() * 1e3);
}
