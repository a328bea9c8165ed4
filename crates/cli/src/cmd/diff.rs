//! `fwassure diff OLD NEW`: what changed between two firmware versions (images, or their JSON reports).

use std::path::{Path, PathBuf};

use anyhow::Context;
use fwassure_diff::{render, Diff, FailOn, FileIndex, Side};
use fwassure_model::{Report, REPORT_SCHEMA};

use crate::progress::Spinner;
use fwassure_pipeline::{self as pipeline, ScanOptions};

/// Output format of `diff`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Format {
    /// A readable summary.
    Text,
    /// The `fwassure.diff/v1` contract (`schemas/diff.v1.json`).
    Json,
    /// Markdown, for a pull request or a release ticket.
    Md,
    /// One self-contained HTML page.
    Html,
}

/// Arguments of `diff`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The old version: a firmware image, or a `scan --format json` report of one.
    pub old: PathBuf,
    /// The new version: a firmware image, or a `scan --format json` report of one.
    pub new: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// Write the diff to this file instead of stdout.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Exit 1 when the new version brings this (repeatable): `new-critical` (or `new-high`, `new-medium`,
    /// `new-low`, `new-info`: a new finding or an introduced vulnerability at that severity or above),
    /// `verdict-regression` (a requirement that fails now and did not before).
    #[arg(long, value_name = "CONDITION")]
    pub fail_on: Vec<FailOn>,
    /// Images only: judge dates at SOURCE_DATE_EPOCH (or 2025-01-01) so that the diff is byte-reproducible.
    #[arg(long)]
    pub reproducible: bool,
    /// Images only: vulnerability store to use with the bundled starter set.
    #[arg(long, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Images only: OpenVEX or CycloneDX VEX document applied to both versions (repeatable).
    #[arg(long, value_name = "FILE")]
    pub vex: Vec<PathBuf>,
}

/// One side, read: a report, and the file hashes when it was an image.
struct Loaded {
    report: Report,
    files: Option<FileIndex>,
}

/// A JSON report (by its schema id), or else an image to scan.
fn load(path: &Path, opts: &ScanOptions) -> anyhow::Result<Loaded> {
    let head = {
        use std::io::Read;
        let mut f = std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
        let mut b = vec![0u8; 4096];
        let n = f.read(&mut b)?;
        b.truncate(n);
        b
    };
    let text_start = head.iter().find(|b| !b.is_ascii_whitespace());
    if text_start == Some(&b'{') && String::from_utf8_lossy(&head).contains(REPORT_SCHEMA) {
        let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
        let report: Report = serde_json::from_str(&text)
            .with_context(|| format!("{} looks like a fwassure report but does not parse as one", path.display()))?;
        return Ok(Loaded { report, files: None });
    }
    let _s = Spinner::start(&format!("scanning {}", path.display()));
    let (vfs, report) = pipeline::scan(path, opts)?;
    let files = FileIndex::from_vfs(&vfs);
    Ok(Loaded { report, files: Some(files) })
}

/// Run `diff`; exit code 1 when a `--fail-on` condition holds.
pub fn run(a: Args) -> anyhow::Result<i32> {
    let now = if a.reproducible { Some(pipeline::reproducible_now()?) } else { None };
    let opts =
        ScanOptions { reproducible: a.reproducible, now, db: a.db.clone(), vex: a.vex.clone(), ..Default::default() };
    let old = load(&a.old, &opts)?;
    let new = load(&a.new, &opts)?;
    let d = Diff::generate(
        &Side { report: &old.report, files: old.files.as_ref() },
        &Side { report: &new.report, files: new.files.as_ref() },
    );
    let text = match a.format {
        Format::Text => render::text::render(&d),
        Format::Json => render::json::render(&d),
        Format::Md => render::markdown::render(&d),
        Format::Html => render::html::render(&d),
    };
    super::emit(&text, a.output.as_deref())?;
    let failures: Vec<String> = a.fail_on.iter().flat_map(|c| c.failures(&d)).collect();
    for f in &failures {
        eprintln!("fwassure: gate: {}", fwassure_model::escape::terminal(f));
    }
    Ok(if failures.is_empty() { 0 } else { super::gate::EXIT_GATE_FAILED })
}
