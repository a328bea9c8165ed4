//! `fwassure assess IMAGE --standard ID[,ID…] [--evidence FILE] [--class N] [--format text|json|md|html] [-o FILE]
//! [--pack DIR|FILE.zip]`

use std::path::PathBuf;

use anyhow::{bail, Context};
use fwassure_standards::{render, standard_ids, AssessInput, EvidenceFile};

use crate::progress::Spinner;
use fwassure_pipeline::{self as pipeline, ScanOptions};

/// Output format of `assess`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Format {
    /// A readable report.
    Text,
    /// Machine-readable result.
    Json,
    /// Markdown, to attach to an assessment.
    Md,
    /// One self-contained HTML page.
    Html,
}

/// Arguments of `assess`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The firmware image.
    pub image: PathBuf,
    /// Standards to assess (comma-separated): iotsf-af, etsi-en-303-645, uk-psti, eu-cra, nistir-8259a, ca-sb-327,
    /// en-18031-1, en-18031-2, en-18031-3, or `all`.
    #[arg(long, value_delimiter = ',', default_value = "all")]
    pub standard: Vec<String>,
    /// Vendor evidence file (TOML; `fwassure evidence init` writes a template).
    #[arg(long)]
    pub evidence: Option<PathBuf>,
    /// Assurance class 0-4 (overrides the evidence file's impact answers).
    #[arg(long, value_parser = clap::value_parser!(u8).range(0..=4))]
    pub class: Option<u8>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// Write the result to this file instead of stdout.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Password-audit effort per account, in milliseconds of one core (see `scan --help`).
    #[arg(long, value_name = "MS", default_value_t = fwassure_checks::CheckOptions::default().crack_work_us / 1000)]
    pub password_work: u64,
    /// Vulnerability store to use with the bundled starter set (see `scan --help`).
    #[arg(long, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// OpenVEX or CycloneDX VEX document marking matches not_affected/fixed (repeatable); the verdicts of
    /// requirements about known vulnerabilities take it into account.
    #[arg(long, value_name = "FILE")]
    pub vex: Vec<PathBuf>,
    /// Also write the evidence pack into this folder (new or empty), or into this zip archive when the path
    /// ends in `.zip`: identity, report, SBOMs, VEX, the assessment and a document per standard, with a
    /// SHA-256 manifest.
    #[arg(long, value_name = "DIR|FILE.zip")]
    pub pack: Option<PathBuf>,
    /// The image's supplier for the pack's SBOM and VEX (`Name <email>`).
    #[arg(long, value_name = "TEXT")]
    pub supplier: Option<String>,
    /// Same input, same bytes: fix the assessment date and document times (`SOURCE_DATE_EPOCH`, else
    /// 2025-01-01).
    #[arg(long)]
    pub reproducible: bool,
    /// CI gate on the findings and vulnerabilities, beside the verdicts.
    #[command(flatten)]
    pub gate: super::gate::GateArgs,
}

/// Run `assess`; exit code 1 when any requirement fails or the gate (`--fail-on`) fails.
pub fn run(a: Args) -> anyhow::Result<i32> {
    let known = standard_ids();
    let mut standards: Vec<&str> = Vec::new();
    for s in &a.standard {
        let s = s.trim();
        if s == "all" {
            standards.extend(known.iter().copied());
        } else if let Some(k) = known.iter().find(|k| **k == s) {
            standards.push(k);
        } else {
            bail!("unknown standard `{s}` (known: {})", known.join(", "));
        }
    }
    standards.dedup();
    let gate = a.gate.gate()?;
    let evidence = match &a.evidence {
        Some(p) => Some(EvidenceFile::load(p).with_context(|| format!("evidence file {}", p.display()))?),
        None => None,
    };
    let now = if a.reproducible { Some(pipeline::reproducible_now()?) } else { None };
    let (vfs, report) = {
        let _s = Spinner::start("scanning");
        pipeline::scan(
            &a.image,
            &ScanOptions {
                password_work_ms: Some(a.password_work),
                db: a.db.clone(),
                vex: a.vex.clone(),
                reproducible: a.reproducible,
                now,
                ..Default::default()
            },
        )?
    };
    let today = match now {
        Some(secs) => fwassure_standards::utc_date(secs).context("SOURCE_DATE_EPOCH out of range")?,
        None => fwassure_standards::today_utc(),
    };
    let input = AssessInput {
        vfs: &vfs,
        components: &report.components,
        findings: &report.findings,
        vulnerabilities: &report.vulnerabilities,
    };
    let mut result = fwassure_standards::assess(&input, &standards, evidence.as_ref(), a.class, today);
    result.subject = Some(fwassure_standards::Subject::of(&report));
    if let Some(dir) = &a.pack {
        let created = pipeline::document_time(a.reproducible)?;
        let files = crate::pack::files(&report, &result, &created, a.supplier.clone());
        let n = if crate::pack::is_zip(dir) {
            crate::pack::write_zip(dir, &files, &created)?
        } else {
            crate::pack::write(dir, &files)?
        };
        eprintln!("fwassure: evidence pack of {n} files written to {}", dir.display());
    }
    // what the verdicts could not see is said before them
    let headlines = report.headline_problems();
    let text = match a.format {
        Format::Text => {
            let warnings: String = headlines.iter().map(|h| format!("WARNING: {h}\n")).collect();
            format!("{warnings}{}", render::text(&result))
        }
        Format::Json => render::json(&result),
        Format::Html => render::html(&result),
        Format::Md => {
            let md: String = headlines.iter().map(|h| format!("> **Warning:** {h}\n\n")).collect();
            format!("{md}{}", render::markdown(&result))
        }
    };
    super::emit(&text, a.output.as_deref())?;
    let gated = a.gate.judge(&gate, &report);
    Ok(if result.has_fail() { super::gate::EXIT_GATE_FAILED } else { gated })
}
