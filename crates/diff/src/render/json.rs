//! The JSON rendering: the `fwassure.diff/v1` contract (`schemas/diff.v1.json`).

/// Render the diff as pretty JSON with a final newline.
pub fn render(d: &crate::Diff) -> String {
    let mut s = serde_json::to_string_pretty(d).expect("a diff serialises: plain data with string keys");
    s.push('\n');
    s
}
