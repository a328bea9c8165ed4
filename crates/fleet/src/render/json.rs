//! The fleet report as JSON (`fwassure.fleet/v1`), pretty-printed, keys in declaration order.

use crate::FleetReport;

/// The report as JSON text with a final newline.
pub fn render(r: &FleetReport) -> String {
    let mut s = serde_json::to_string_pretty(r).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}
