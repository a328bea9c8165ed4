//! The gate itself: severity threshold, then baseline, then triage.

use fwassure_model::{Report, Severity};
use time::Date;

use crate::baseline::Baseline;
use crate::ignore::{IgnoreEntry, IgnoreFile};
use crate::item::{items, Item};

/// What fails a build.
#[derive(Debug, Clone, Default)]
pub struct Gate {
    /// Items at least this severe fail; `None`: nothing fails (the gate only reports).
    pub fail_on: Option<Severity>,
    /// Items of this previous report do not fail.
    pub baseline: Option<Baseline>,
    /// Triaged items do not fail while their entry has not expired.
    pub ignore: IgnoreFile,
}

/// The gate's answer for one report.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    /// Items at or above the threshold that are neither in the baseline nor triaged: they fail the build.
    pub failing: Vec<Item>,
    /// Items at or above the threshold let through because the baseline has them.
    pub baselined: usize,
    /// Items at or above the threshold let through by an ignore entry.
    pub ignored: usize,
    /// Expired ignore entries that would have matched an item (their triage needs renewing).
    pub expired: Vec<IgnoreEntry>,
}

impl Outcome {
    /// Whether the build passes.
    pub fn passed(&self) -> bool {
        self.failing.is_empty()
    }

    /// A short summary for people (stderr of the CLI).
    pub fn summary(&self, fail_on: Option<Severity>) -> String {
        let mut s = String::new();
        match fail_on {
            None => return s,
            Some(t) if self.failing.is_empty() => {
                s.push_str(&format!("gate: passed (nothing new at or above {})", t.as_str()))
            }
            Some(t) => s.push_str(&format!("gate: FAILED: {} item(s) at or above {}", self.failing.len(), t.as_str())),
        }
        if self.baselined > 0 || self.ignored > 0 {
            s.push_str(&format!(" ({} in the baseline, {} triaged)", self.baselined, self.ignored));
        }
        s.push('\n');
        for i in &self.failing {
            s.push_str(&format!("  {:<8} {:<28} {}\n", i.severity.as_str(), i.rule, i.title));
        }
        for e in &self.expired {
            s.push_str(&format!(
                "  note: ignore entry for {} expired on {} ({})\n",
                e.rule.as_deref().or(e.path.as_deref()).or(e.component.as_deref()).unwrap_or("?"),
                e.expires.as_deref().unwrap_or("?"),
                e.reason
            ));
        }
        s
    }
}

impl Gate {
    /// Judge a report on `today` (UTC; ignore entries expire after their date).
    pub fn judge(&self, report: &Report, today: Date) -> Outcome {
        let all = items(report);
        let mut out = Outcome {
            expired: self.ignore.expired_matching(&all, today).into_iter().cloned().collect(),
            ..Default::default()
        };
        let Some(threshold) = self.fail_on else { return out };
        for item in all.into_iter().filter(|i| i.severity >= threshold) {
            if self.baseline.as_ref().is_some_and(|b| b.contains(&item)) {
                out.baselined += 1;
            } else if self.ignore.matching(&item, today).is_some() {
                out.ignored += 1;
            } else {
                out.failing.push(item);
            }
        }
        out
    }
}
