//! HTML rendering of an assessment: one self-contained page (no script, no network), the document a lab
//! or a notified body reads. Every string from the image or the evidence file is escaped.
//!
//! The page opens with what was judged (image, hash, tool, vulnerability data, date, product, class), then per
//! standard the overall result, the counts per section, what the vendor still has to supply, and every
//! requirement with its verdict, reasons, evidence and decision-tree path. Requirement ids are anchors
//! (`#<standard>-<id>`), so other documents can link to the verdict.

use std::fmt::Write;

use fwassure_model::escape::html as e;
use fwassure_model::Verdict;

use crate::assess::AssessmentResult;

const CSS: &str = "body{font-family:system-ui,sans-serif;margin:2em auto;max-width:72em;color:#222;line-height:1.4}\
h1{font-size:1.5em}h2{border-bottom:2px solid #ccc;margin-top:2em}table{border-collapse:collapse;width:100%;margin:1em 0}\
th,td{border:1px solid #ccc;padding:.3em .5em;text-align:left;vertical-align:top;font-size:.9em}th{background:#f3f3f3}\
.pass{color:#17692d;font-weight:bold}.fail{color:#b00020;font-weight:bold}.needs-evidence{color:#8a5a00;font-weight:bold}\
.not-applicable{color:#555;font-weight:bold}.result{font-size:1.2em;padding:.4em .8em;display:inline-block;border:2px solid}\
ol.path{margin:0;padding-left:1.2em}.id{font-family:monospace;white-space:nowrap}dl{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}\
dt{font-weight:bold}dd{margin:0}.warning{background:#fff4e0;border-left:4px solid #e0a000;padding:.5em}\
@media print{body{margin:0;max-width:none}h2{page-break-before:always}tr{page-break-inside:avoid}}";

fn verdict_str(v: Verdict) -> &'static str {
    match v {
        Verdict::Pass => "pass",
        Verdict::Fail => "fail",
        Verdict::NeedsEvidence => "needs-evidence",
        Verdict::NotApplicable => "not-applicable",
    }
}

fn anchor(standard: &str, req: &str) -> String {
    let id: String = req.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
    format!("{standard}-{id}")
}

/// The whole assessment as one HTML page.
pub fn render(r: &AssessmentResult) -> String {
    let mut s = String::new();
    let title = r.subject.as_ref().map(|x| x.image.as_str()).unwrap_or("image");
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>fwassure assessment: {}</title>\n\
         <style>{CSS}</style>\n</head>\n<body>\n",
        e(title)
    );
    let _ = writeln!(
        s,
        "<h1>fwassure assessment: <span class=\"{0}\">{1}</span></h1>",
        r.result.as_str(),
        e(&r.result.as_str().to_uppercase())
    );
    let _ = writeln!(s, "<dl>");
    let mut item = |k: &str, v: &str| {
        let _ = writeln!(s, "<dt>{}</dt><dd>{}</dd>", e(k), e(v));
    };
    if let Some(sub) = &r.subject {
        item("image", &format!("{} ({} bytes)", sub.image, sub.size));
        item("sha256", &sub.sha256);
        item("tool", &sub.tool);
        item("vulnerability data", &sub.database);
    }
    item("date", &r.date);
    if let Some(p) = &r.product {
        let v: Vec<&str> = [&p.manufacturer, &p.name, &p.model, &p.version]
            .iter()
            .map(|x| x.trim())
            .filter(|x| !x.is_empty())
            .collect();
        item("product", &v.join(" "));
    }
    item("assurance class", &format!("{} ({}); {}", r.class.class, r.class.source, r.class.reasons.join("; ")));
    let _ = writeln!(s, "</dl>");
    if r.subject.as_ref().is_some_and(|x| x.database_partial) {
        let _ = writeln!(
            s,
            "<p class=\"warning\">The vulnerability data is partial: no match does not mean no known vulnerability.</p>"
        );
    }
    for n in &r.notes {
        let _ = writeln!(s, "<p class=\"warning\">{}</p>", e(n));
    }
    let _ = writeln!(s, "<h2 id=\"contents\">Contents</h2>\n<ul>");
    for st in &r.standards {
        let _ = writeln!(
            s,
            "<li><a href=\"#{}\">{}</a>: <span class=\"{}\">{}</span></li>",
            e(&st.id),
            e(&st.name),
            st.result.as_str(),
            st.result.as_str()
        );
    }
    if !r.vulnerability_decisions.is_empty() {
        let _ =
            writeln!(s, "<li><a href=\"#vulnerability-decisions\">Decision per component and vulnerability</a></li>");
    }
    let _ = writeln!(s, "</ul>");
    for st in &r.standards {
        let c = st.counts;
        let _ = writeln!(s, "<h2 id=\"{}\">{}</h2>", e(&st.id), e(&st.name));
        let _ = writeln!(
            s,
            "<p><span class=\"result {}\">{}</span> {} pass, {} fail, {} needs evidence, {} not applicable; {} above class {} not assessed. Edition: {}.</p>",
            st.result.as_str(),
            st.result.as_str().to_uppercase(),
            c.pass,
            c.fail,
            c.needs_evidence,
            c.not_applicable,
            st.above_class,
            r.class.class,
            e(&st.edition)
        );
        let _ = writeln!(s, "<table><tr><th>section</th><th>title</th><th>pass</th><th>fail</th><th>needs evidence</th><th>not applicable</th></tr>");
        for sec in &st.sections {
            let k = sec.counts;
            let _ = writeln!(
                s,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                e(&sec.id),
                e(&sec.title),
                k.pass,
                k.fail,
                k.needs_evidence,
                k.not_applicable
            );
        }
        let _ = writeln!(s, "</table>");
        let list: Vec<_> = r.assessments.iter().filter(|a| a.standard == st.id).collect();
        let todo: Vec<_> = list.iter().filter(|a| a.verdict == Verdict::NeedsEvidence).collect();
        if !todo.is_empty() {
            let _ = writeln!(s, "<h3>Still to supply ({})</h3>\n<ul>", todo.len());
            for a in todo {
                let what: Vec<&str> = a.reasons.iter().filter_map(|x| x.strip_prefix("supply: ")).collect();
                let _ = writeln!(
                    s,
                    "<li><a href=\"#{}\">{}</a>: {}</li>",
                    e(&anchor(&st.id, &a.requirement)),
                    e(&a.requirement),
                    e(&what.join("; "))
                );
            }
            let _ = writeln!(s, "</ul>");
        }
        let _ = writeln!(s, "<h3>Requirements</h3>\n<table><tr><th>id</th><th>verdict</th><th>requirement</th><th>reasons and evidence</th><th>decision path</th></tr>");
        for a in list {
            let v = verdict_str(a.verdict);
            let _ = write!(
                s,
                "<tr id=\"{}\"><td class=\"id\">{}</td><td class=\"{v}\">{v}</td><td>{}</td><td><ul>",
                e(&anchor(&st.id, &a.requirement)),
                e(&a.requirement),
                e(&a.title)
            );
            for x in &a.reasons {
                let _ = write!(s, "<li>{}</li>", e(x));
            }
            for x in &a.evidence {
                let _ = write!(s, "<li>evidence: {}</li>", e(x));
            }
            let _ = write!(s, "</ul></td><td>");
            if !a.path.is_empty() {
                let _ = write!(s, "<ol class=\"path\">");
                for p in &a.path {
                    let _ = write!(s, "<li>{}</li>", e(p));
                }
                let _ = write!(s, "</ol>");
            }
            let _ = writeln!(s, "</td></tr>");
        }
        let _ = writeln!(s, "</table>");
    }
    if !r.vulnerability_decisions.is_empty() {
        let _ = writeln!(s, "<h2 id=\"vulnerability-decisions\">Decision per component and known vulnerability</h2>");
        let _ = writeln!(s, "<p>EN 18031 GEC-1 asks for a documented decision per component and vulnerability; a VEX statement records it.</p>");
        let _ = writeln!(s, "<table><tr><th>component</th><th>version</th><th>vulnerability</th><th>severity</th><th>known exploited</th><th>decision</th><th>reason</th></tr>");
        for d in &r.vulnerability_decisions {
            let _ = writeln!(
                s,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                e(&d.component),
                e(&d.version),
                e(&d.id),
                d.severity.as_str(),
                if d.kev { "yes" } else { "no" },
                e(&d.decision),
                e(&d.reason)
            );
        }
        let _ = writeln!(s, "</table>");
    }
    let _ = writeln!(s, "</body>\n</html>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_are_safe_ids() {
        assert_eq!(anchor("en-18031-1", "AUM-5-1"), "en-18031-1-AUM-5-1");
        assert_eq!(anchor("eu-cra", "I(2)(d)"), "eu-cra-I-2--d-");
    }
}
