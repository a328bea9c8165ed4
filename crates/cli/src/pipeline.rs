//! The scan pipeline: unpack → catalog → checks → vulns → standards → report. Each stage is a pure
//! function of the previous stages' output; this module only wires them and times the run.

use std::path::Path;
use std::time::Instant;

use anyhow::Context;
use bytes::Bytes;
use fwassure_model::{ImageInfo, LayerSummary, Report, Stats, ToolInfo, Vfs, REPORT_SCHEMA};
use sha2::{Digest, Sha256};

/// Options of one scan.
#[derive(Debug, Clone, Default)]
pub struct ScanOptions {
    /// Unpack limits.
    pub limits: fwassure_unpack::Limits,
    /// Write `elapsed_ms: 0` so that the same input gives the same bytes.
    pub reproducible: bool,
    /// Vulnerability store (`--db`); default: the user's store when present. The starter set is always used.
    pub db: Option<std::path::PathBuf>,
    /// VEX documents (`--vex`) applied to the matches, in order.
    pub vex: Vec<std::path::PathBuf>,
}

/// Read the image file.
pub fn read_image(path: &Path) -> anyhow::Result<Bytes> {
    let data = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    Ok(Bytes::from(data))
}

/// Unpack an image file into its VFS.
pub fn unpack(path: &Path, opts: &ScanOptions) -> anyhow::Result<(Bytes, Vfs)> {
    let data = read_image(path)?;
    let vfs = fwassure_unpack::unpack_with(data.clone(), &opts.limits);
    Ok((data, vfs))
}

/// Run the whole pipeline over an image file and build the report.
pub fn scan(path: &Path, opts: &ScanOptions) -> anyhow::Result<(Vfs, Report)> {
    let start = Instant::now();
    let (data, vfs) = unpack(path, opts)?;
    let components = fwassure_catalog::catalog(&vfs);
    let checks = fwassure_checks::run_checks(&vfs, &components, &fwassure_checks::CheckOptions::default());
    let vulndb = fwassure_vulns::Database::open(opts.db.as_deref()).context("vulnerability database")?;
    let mut vulnerabilities = fwassure_vulns::match_components(&vulndb, &components);
    for vex in &opts.vex {
        let statements = fwassure_vulns::vex::read(vex).context("VEX document")?;
        fwassure_vulns::vex::apply(&mut vulnerabilities, &components, &statements);
    }
    let assessments = fwassure_standards::assess_default(&fwassure_standards::AssessInput {
        vfs: &vfs,
        components: &components,
        findings: &checks.findings,
        vulnerabilities: &vulnerabilities,
    });
    let mut problems = vfs.all_problems();
    problems.extend(checks.problems.iter().cloned());
    problems.sort();
    problems.dedup();
    let layers: Vec<LayerSummary> = vfs
        .layers
        .iter()
        .map(|l| LayerSummary {
            id: l.id.clone(),
            parent: l.parent.clone(),
            format: l.format.clone(),
            offset: l.offset,
            size: l.size,
            path: l.source_path.clone(),
            description: l.description.clone(),
            files: l.file_count() as u64,
            problems: l.problems.iter().map(|p| p.message.clone()).collect(),
        })
        .collect();
    let stats = Stats {
        layers: vfs.layers.len() as u64,
        files: vfs.files().count() as u64,
        unpacked_bytes: vfs.unpacked_bytes(),
        elapsed_ms: if opts.reproducible { 0 } else { start.elapsed().as_millis() as u64 },
    };
    let report = Report {
        schema: REPORT_SCHEMA.to_string(),
        tool: ToolInfo { name: "fwassure".into(), version: env!("CARGO_PKG_VERSION").into() },
        image: ImageInfo {
            path: path.display().to_string(),
            size: data.len() as u64,
            sha256: hex::encode(Sha256::digest(&data)),
        },
        layers,
        components,
        findings: checks.findings,
        vulnerabilities,
        assessments,
        problems,
        extra: {
            let mut extra = checks.extra;
            extra.insert("vulnerability_database".into(), vulndb.describe());
            extra
        },
        stats,
    };
    Ok((vfs, report))
}
