//! The CI gate options shared by `scan`, `sbom` and `assess` (`--fail-on`, `--baseline`, `--ignore`), and
//! the exit code they give. See the `fwassure-gate` crate for the rules.

use std::path::PathBuf;

use anyhow::Context;
use fwassure_gate::{Baseline, Gate, IgnoreFile};
use fwassure_model::{Report, Severity};

/// Exit code when the gate fails (also `assess` when a requirement fails).
pub const EXIT_GATE_FAILED: i32 = 1;

/// A severity threshold on the command line.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum FailOn {
    /// Critical only.
    Critical,
    /// High and critical.
    High,
    /// Medium and above.
    Medium,
    /// Low and above.
    Low,
    /// Everything, informational included.
    Info,
}

impl From<FailOn> for Severity {
    fn from(f: FailOn) -> Severity {
        match f {
            FailOn::Critical => Severity::Critical,
            FailOn::High => Severity::High,
            FailOn::Medium => Severity::Medium,
            FailOn::Low => Severity::Low,
            FailOn::Info => Severity::Info,
        }
    }
}

/// Gate options (flattened into each command).
#[derive(Debug, Clone, clap::Args)]
pub struct GateArgs {
    /// Exit 1 when a finding or an affected vulnerability at or above this severity remains after the baseline
    /// and the ignore file (VEX `not_affected`/`fixed` never fail).
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub fail_on: Option<FailOn>,
    /// A previous `scan --format json` report: what it already had does not fail (only new issues do).
    #[arg(long, value_name = "REPORT.json")]
    pub baseline: Option<PathBuf>,
    /// Triage file (TOML `[[ignore]]` entries: rule/path/component, reason, expires) whose entries do not fail
    /// until they expire.
    #[arg(long, value_name = "FILE")]
    pub ignore: Option<PathBuf>,
}

impl GateArgs {
    /// The gate these options describe (reads the baseline and ignore files).
    pub fn gate(&self) -> anyhow::Result<Gate> {
        let baseline = match &self.baseline {
            Some(p) => {
                let text = std::fs::read(p).with_context(|| format!("baseline {}", p.display()))?;
                let report: Report = serde_json::from_slice(&text)
                    .with_context(|| format!("baseline {} is not a fwassure JSON report", p.display()))?;
                Some(Baseline::of(&report))
            }
            None => None,
        };
        let ignore = match &self.ignore {
            Some(p) => {
                let text = std::fs::read_to_string(p).with_context(|| format!("ignore file {}", p.display()))?;
                IgnoreFile::parse(&text).with_context(|| format!("ignore file {}", p.display()))?
            }
            None => IgnoreFile::default(),
        };
        Ok(Gate { fail_on: self.fail_on.map(Into::into), baseline, ignore })
    }

    /// Judge the report, print the outcome to stderr when a threshold is set, and give the exit code.
    pub fn judge(&self, gate: &Gate, report: &Report) -> i32 {
        let today = time::OffsetDateTime::now_utc().date();
        let outcome = gate.judge(report, today);
        eprint!("{}", outcome.summary(gate.fail_on));
        if outcome.passed() {
            0
        } else {
            EXIT_GATE_FAILED
        }
    }
}
