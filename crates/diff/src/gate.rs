//! The diff's CI gate: `--fail-on new-critical` (or `new-high`, `new-medium`, `new-low`, `new-info`: a new
//! finding or an introduced vulnerability at that severity or above) and `--fail-on verdict-regression` (a
//! requirement that fails now and did not before).

use std::fmt;
use std::str::FromStr;

use fwassure_model::Severity;

use crate::Diff;

/// One condition that fails the diff's gate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailOn {
    /// A new finding or an introduced vulnerability at this severity or above.
    New(Severity),
    /// A requirement verdict that became `fail`.
    VerdictRegression,
}

/// A `--fail-on` value that is none of the known conditions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseFailOnError(pub String);

impl fmt::Display for ParseFailOnError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not a diff gate condition: use new-critical, new-high, new-medium, new-low, new-info or verdict-regression",
            self.0
        )
    }
}

impl std::error::Error for ParseFailOnError {}

impl FromStr for FailOn {
    type Err = ParseFailOnError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let sev = match s.trim().to_ascii_lowercase().as_str() {
            "verdict-regression" => return Ok(FailOn::VerdictRegression),
            "new-critical" => Severity::Critical,
            "new-high" => Severity::High,
            "new-medium" => Severity::Medium,
            "new-low" => Severity::Low,
            "new-info" => Severity::Info,
            _ => return Err(ParseFailOnError(s.to_string())),
        };
        Ok(FailOn::New(sev))
    }
}

impl FailOn {
    /// Why this condition fails the diff, one line per offending item; empty when it passes.
    pub fn failures(&self, d: &Diff) -> Vec<String> {
        match self {
            FailOn::New(min) => d
                .findings
                .new
                .iter()
                .filter(|f| f.severity >= *min)
                .map(|f| format!("new {} finding {} on {} ({})", f.severity.as_str(), f.rule, f.path, f.subject))
                .chain(d.vulnerabilities.introduced.iter().filter(|v| v.severity >= *min).map(|v| {
                    format!(
                        "introduced {} vulnerability {} in {} {}",
                        v.severity.as_str(),
                        v.id,
                        v.component,
                        v.new_version.as_deref().unwrap_or("")
                    )
                }))
                .collect(),
            FailOn::VerdictRegression => d
                .verdicts
                .iter()
                .filter(|v| v.direction == crate::VerdictDirection::Regression)
                .map(|v| format!("verdict regression: {} {} now fails", v.standard, v.requirement))
                .collect(),
        }
    }
}
