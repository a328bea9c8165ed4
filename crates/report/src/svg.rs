//! Small inline SVG charts for the HTML report: horizontal bars and stacked bars, drawn from numbers alone
//! (no script, no font download), every label escaped. Each chart carries a `<title>` and text labels, so it
//! reads without colour too.
//!
//! ```
//! let svg = fwassure_report::svg::bars("Findings by severity", &[("critical", 2, "#7b1fa2"), ("high", 5, "#c62828")]);
//! assert!(svg.starts_with("<svg") && svg.contains(">critical<"));
//! ```

use std::fmt::Write;

use crate::escape::html as e;

const WIDTH: usize = 560;
const LABEL: usize = 150;
const ROW: usize = 22;

/// A horizontal bar chart: one bar per `(label, value, colour)`, scaled to the largest value.
pub fn bars(title: &str, rows: &[(&str, usize, &str)]) -> String {
    bars_to(title, rows, rows.iter().map(|r| r.1).max().unwrap_or(0))
}

/// A horizontal bar chart of percentages: a full bar is 100 %, whatever the largest value.
///
/// ```
/// let svg = fwassure_report::svg::percent_bars("Hardening", &[("nx %", 9, "#2e7d32")]);
/// assert!(svg.contains("width=\"31\"")); // 9 % of the 350-pixel span
/// ```
pub fn percent_bars(title: &str, rows: &[(&str, usize, &str)]) -> String {
    bars_to(title, rows, 100)
}

/// Bars scaled so that `max` (or the largest value, if larger) fills the span.
fn bars_to(title: &str, rows: &[(&str, usize, &str)], max: usize) -> String {
    let max = rows.iter().map(|r| r.1).max().unwrap_or(0).max(max).max(1);
    let h = rows.len() * ROW + 8;
    let mut s = format!(
        "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 {WIDTH} {h}\" width=\"{WIDTH}\" height=\"{h}\" \
         xmlns=\"http://www.w3.org/2000/svg\"><title>{}</title>",
        e(title)
    );
    let span = WIDTH - LABEL - 60;
    for (i, (label, v, colour)) in rows.iter().enumerate() {
        let y = 4 + i * ROW;
        let w = if *v == 0 { 0 } else { (v * span / max).max(2) };
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"12\">{}</text>\
             <rect x=\"{LABEL}\" y=\"{y}\" width=\"{w}\" height=\"{}\" fill=\"{}\"/>\
             <text x=\"{}\" y=\"{}\" font-size=\"12\">{v}</text>",
            LABEL - 6,
            y + 14,
            e(label),
            ROW - 6,
            e(colour),
            LABEL + w + 4,
            y + 14
        );
    }
    s.push_str("</svg>");
    s
}

/// A stacked bar chart: one bar per row, split into `(value, colour)` parts scaled to the row's total, with
/// a legend of `(name, colour)` below.
pub fn stacked(title: &str, rows: &[(&str, Vec<usize>)], legend: &[(&str, &str)]) -> String {
    let h = rows.len() * ROW + 30;
    let mut s = format!(
        "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 {WIDTH} {h}\" width=\"{WIDTH}\" height=\"{h}\" \
         xmlns=\"http://www.w3.org/2000/svg\"><title>{}</title>",
        e(title)
    );
    let span = WIDTH - LABEL - 60;
    for (i, (label, parts)) in rows.iter().enumerate() {
        let y = 4 + i * ROW;
        let total: usize = parts.iter().sum();
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"12\">{}</text>",
            LABEL - 6,
            y + 14,
            e(label)
        );
        let mut x = LABEL;
        for (j, v) in parts.iter().enumerate() {
            if *v == 0 || total == 0 {
                continue;
            }
            let w = (v * span / total).max(1);
            let colour = legend.get(j).map(|l| l.1).unwrap_or("#999");
            let name = legend.get(j).map(|l| l.0).unwrap_or("");
            let _ = write!(
                s,
                "<rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{}\" fill=\"{}\"><title>{} {v}</title></rect>",
                ROW - 6,
                e(colour),
                e(name)
            );
            x += w;
        }
        let _ = write!(s, "<text x=\"{}\" y=\"{}\" font-size=\"12\">{total}</text>", LABEL + span + 4, y + 14);
    }
    let y = rows.len() * ROW + 12;
    let mut x = LABEL;
    for (name, colour) in legend {
        let _ = write!(
            s,
            "<rect x=\"{x}\" y=\"{y}\" width=\"10\" height=\"10\" fill=\"{}\"/><text x=\"{}\" y=\"{}\" font-size=\"11\">{}</text>",
            e(colour),
            x + 14,
            y + 9,
            e(name)
        );
        x += 24 + name.len() * 7;
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_largest_and_escape_labels() {
        let s = bars("t<", &[("a<b", 10, "#000"), ("zero", 0, "#111")]);
        assert!(s.contains("a&lt;b") && s.contains("<title>t&lt;</title>"));
        assert!(s.contains(&format!("width=\"{}\"", WIDTH - LABEL - 60)));
        assert!(s.contains("width=\"0\""));
    }

    #[test]
    fn stacked_parts_fill_the_row() {
        let s = stacked(
            "v",
            &[("std", vec![1, 1, 0, 2])],
            &[("pass", "#0a0"), ("fail", "#a00"), ("n", "#aa0"), ("x", "#999")],
        );
        assert_eq!(s.matches("<rect").count(), 3 + 4);
        assert!(s.contains(">4</text>"));
    }
}
