//! Renderings of a [`Diff`](crate::Diff): they only render it. Every value that comes from an image (paths,
//! names, versions, messages) is escaped for its output ([`fwassure_model::escape`]).

pub mod html;
pub mod json;
pub mod markdown;
pub mod text;

/// At most this many entries of one list are written in the text, Markdown and HTML renderings; the JSON has
/// them all. The rest is counted ("… and 120 more").
pub const MAX_LISTED: usize = 200;

use fwassure_model::Verdict;

/// The verdict's name as the report writes it.
pub(crate) fn verdict(v: Option<Verdict>) -> &'static str {
    match v {
        None => "—",
        Some(Verdict::Pass) => "pass",
        Some(Verdict::Fail) => "fail",
        Some(Verdict::NeedsEvidence) => "needs-evidence",
        Some(Verdict::NotApplicable) => "not-applicable",
    }
}

/// A version or `—` when absent.
pub(crate) fn opt(v: &Option<String>) -> &str {
    v.as_deref().unwrap_or("—")
}

/// The summary as one line per area, shared by the text and Markdown renderings.
pub(crate) fn summary_lines(d: &crate::Diff) -> Vec<String> {
    let s = &d.summary;
    let mut v = vec![
        format!(
            "components: {} added, {} removed, {} changed version",
            s.components_added, s.components_removed, s.components_changed
        ),
        format!(
            "vulnerabilities: {} fixed, {} introduced, {} still open",
            s.vulnerabilities_fixed, s.vulnerabilities_introduced, s.vulnerabilities_still_open
        ),
        format!("findings: {} new, {} resolved", s.findings_new, s.findings_resolved),
        format!(
            "verdicts: {} regressions, {} improvements, {} other changes",
            s.verdict_regressions, s.verdict_improvements, s.verdict_other_changes
        ),
    ];
    if d.files.is_some() {
        v.push(format!("files: {} added, {} removed, {} changed", s.files_added, s.files_removed, s.files_changed));
    }
    v
}
