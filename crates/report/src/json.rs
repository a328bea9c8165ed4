//! The JSON rendering: the stable `fwassure.report/v1` contract.

use fwassure_model::Report;

/// Render the report as pretty JSON with a trailing newline. Deterministic: the report's lists are sorted
/// by the stages and maps are ordered.
pub fn render(report: &Report) -> String {
    let mut s = serde_json::to_string_pretty(report).expect("report serialises");
    s.push('\n');
    s
}

/// A generated JSON document (SBOM, SARIF log) as pretty JSON with a trailing newline; `{}` if it cannot be
/// serialised.
pub(crate) fn document_text(doc: &serde_json::Value) -> String {
    let mut s = serde_json::to_string_pretty(doc).unwrap_or_else(|_| "{}".to_string());
    s.push('\n');
    s
}
