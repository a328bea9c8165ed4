//! A single self-contained HTML report, the document a lab hands over: inline CSS, no script, no external
//! resource, every text from the image escaped.
//!
//! It opens with the image's identity (repeated as a header on every screen and printed page), the caveats
//! (unreadable parts, partial vulnerability data), the verdict per standard and the top risks, then a table
//! of contents, inline SVG charts (findings by severity, verdicts per standard, vulnerabilities by component,
//! hardening shares), and the detail in collapsible sections: findings by severity, vulnerabilities,
//! components, layers, requirement verdicts (with decision paths) and problems. Requirement ids in findings
//! link to their verdicts, and the rule and vulnerability ids in verdicts link back to their evidence.
//! Collapsed sections stay collapsed in print, which keeps the PDF short.

use std::fmt::Write;

use fwassure_model::{Report, Severity, Verdict};

use crate::ids;
use crate::sarif::status_name;
use crate::svg;

/// Escape text for HTML element content and double-quoted attributes (see [`crate::escape::html`]).
pub use crate::escape::html as escape;

const CSS: &str = "body{font-family:system-ui,sans-serif;margin:0 auto;padding:0 2em 2em;color:#222;max-width:80em}\
header.identity{position:sticky;top:0;background:#263238;color:#fff;padding:.35em 1em;font-size:.8em;z-index:1;\
margin:0 -2em 1em}header.identity code{color:#fff}\
h1{font-size:1.6em}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:1.6em}\
table{border-collapse:collapse;width:100%;font-size:.9em}th,td{border:1px solid #ddd;padding:.3em .5em;\
text-align:left;vertical-align:top}th{background:#f4f4f4}code{font-family:ui-monospace,monospace;\
word-break:break-all}.sev{font-weight:bold;padding:0 .4em;border-radius:3px;color:#fff}\
.critical{background:#7b1fa2}.high{background:#c62828}.medium{background:#ef6c00}.low{background:#f9a825;color:#222}\
.info{background:#607d8b}.pass{color:#2e7d32;font-weight:bold}.fail{color:#c62828;font-weight:bold}\
.needs-evidence,.incomplete{color:#ef6c00;font-weight:bold}.not-applicable{color:#607d8b}\
.cards{display:flex;gap:1em;flex-wrap:wrap}.card{border:1px solid #ddd;border-radius:4px;padding:.6em 1em;min-width:8em}\
.card b{display:block;font-size:1.5em}details{margin:.4em 0}summary{cursor:pointer;font-weight:bold;padding:.2em 0}\
.warning{background:#fff3e0;border-left:4px solid #e65100;padding:.5em 1em}.charts{display:flex;flex-wrap:wrap;gap:1.5em}\
.charts figure{margin:0}.charts figcaption{font-weight:bold;font-size:.9em;margin-bottom:.3em}.chart{max-width:100%;height:auto}\
nav ol{columns:2}ol.risks li{margin:.2em 0}\
@media print{body{padding:0;max-width:none;font-size:10pt}header.identity{position:fixed;top:0;left:0;right:0;margin:0}\
body>h1{margin-top:2.2em}h2{break-after:avoid}tr,figure{break-inside:avoid}a{color:inherit;text-decoration:none}\
@page{margin:16mm 12mm}}";

fn standard_result(of: &[&fwassure_model::Assessment]) -> &'static str {
    if of.iter().any(|a| a.verdict == Verdict::Fail) {
        "fail"
    } else if of.iter().any(|a| a.verdict == Verdict::NeedsEvidence) {
        "incomplete"
    } else {
        "pass"
    }
}

/// Anchor id of a requirement's verdict row.
fn req_anchor(standard: &str, req: &str) -> String {
    let clean: String =
        format!("{standard}-{req}").chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
    format!("req-{clean}")
}

/// Anchor id of a finding rule or vulnerability id.
fn item_anchor(prefix: &str, id: &str) -> String {
    let clean: String = id.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
    format!("{prefix}-{clean}")
}

/// Render the report as one HTML page.
pub fn render(r: &Report) -> String {
    let e = escape;
    let name = ids::image_name(r);
    let mut s = String::new();
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>fwassure report: {}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
        e(&name)
    );
    // the image's identity, on every screen and every printed page
    let _ = writeln!(
        s,
        "<header class=\"identity\">fwassure {} · <b>{}</b> · {} bytes · sha256 <code>{}</code></header>",
        e(&r.tool.version),
        e(&name),
        r.image.size,
        e(&r.image.sha256)
    );
    let _ = writeln!(s, "<h1>fwassure {} report: {}</h1>", e(&r.tool.version), e(&name));

    // summary: identity, caveats, verdict per standard, top risks
    let _ = writeln!(s, "<h2 id=\"summary\">Summary</h2>");
    let _ = writeln!(
        s,
        "<p>Image <code>{}</code>, {} bytes, sha256 <code>{}</code>.</p>",
        e(&r.image.path),
        r.image.size,
        e(&r.image.sha256)
    );
    for h in r.headline_problems() {
        let _ = writeln!(s, "<p class=\"warning\"><b>Warning:</b> {}</p>", e(h));
    }
    let db = r.extra.get("vulnerability_database");
    if db.and_then(|d| d["partial"].as_bool()).unwrap_or(false) {
        let _ = writeln!(
            s,
            "<p class=\"warning\"><b>Vulnerability data is partial</b> (the bundled starter set only): no match does not \
             mean no known vulnerability. Import full feeds with <code>fwassure db import</code>.</p>"
        );
    }
    let mut standards: Vec<&str> = r.assessments.iter().map(|a| a.standard.as_str()).collect();
    standards.sort();
    standards.dedup();
    let per_std: Vec<(&str, Vec<&fwassure_model::Assessment>)> =
        standards.iter().map(|st| (*st, r.assessments.iter().filter(|a| a.standard == *st).collect())).collect();
    let count_v = |of: &[&fwassure_model::Assessment], v: Verdict| of.iter().filter(|a| a.verdict == v).count();
    if !per_std.is_empty() {
        let _ = writeln!(
            s,
            "<h3>Verdict per standard</h3>\n<table><tr><th>standard</th><th>result</th><th>pass</th><th>fail</th>\
             <th>needs evidence</th><th>not applicable</th></tr>"
        );
        for (st, of) in &per_std {
            let res = standard_result(of);
            let _ = writeln!(
                s,
                "<tr><td><a href=\"#{}\">{}</a></td><td class=\"{res}\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                e(&item_anchor("std", st)),
                e(st),
                res.to_uppercase(),
                count_v(of, Verdict::Pass),
                count_v(of, Verdict::Fail),
                count_v(of, Verdict::NeedsEvidence),
                count_v(of, Verdict::NotApplicable)
            );
        }
        let _ = writeln!(s, "</table>");
    }
    // top risks: the most severe findings and the known-exploited or most severe vulnerabilities
    let mut risks: Vec<(Severity, bool, String)> = Vec::new();
    for (i, f) in r.findings.iter().enumerate() {
        if f.severity >= Severity::High {
            risks.push((
                f.severity,
                false,
                format!(
                    "<a href=\"#f-{i}\"><span class=\"sev {0}\">{0}</span> {1}</a>: {2}",
                    f.severity.as_str(),
                    e(&f.rule),
                    e(&f.message)
                ),
            ));
        }
    }
    for v in &r.vulnerabilities {
        let open =
            matches!(v.status, fwassure_model::VulnStatus::Affected | fwassure_model::VulnStatus::UnderInvestigation);
        if open && (v.kev || v.severity >= Severity::High) {
            risks.push((
                v.severity,
                v.kev,
                format!(
                    "<a href=\"#{}\"><span class=\"sev {1}\">{1}</span> {2}</a> in {3} {4}{5}",
                    e(&item_anchor("v", &v.id)),
                    v.severity.as_str(),
                    e(&v.id),
                    e(&v.component.name),
                    e(&v.component.version),
                    if v.kev { " — <b>known exploited</b>" } else { "" }
                ),
            ));
        }
    }
    risks.sort_by(|a, b| b.1.cmp(&a.1).then(b.0.cmp(&a.0)));
    if !risks.is_empty() {
        let _ = writeln!(s, "<h3>Top risks</h3>\n<ol class=\"risks\">");
        for (_, _, line) in risks.iter().take(10) {
            let _ = writeln!(s, "<li>{line}</li>");
        }
        let _ = writeln!(s, "</ol>");
        if risks.len() > 10 {
            let _ = writeln!(s, "<p>… and {} more below.</p>", risks.len() - 10);
        }
    }
    let count = |sev: Severity| r.findings.iter().filter(|f| f.severity == sev).count();
    let _ = writeln!(s, "<div class=\"cards\">");
    for (label, n) in [
        ("layers", r.layers.len()),
        ("files", r.stats.files as usize),
        ("components", r.components.len()),
        ("findings", r.findings.len()),
        ("critical/high", count(Severity::Critical) + count(Severity::High)),
        ("vulnerabilities", r.vulnerabilities.len()),
        ("known exploited", r.vulnerabilities.iter().filter(|v| v.kev).count()),
        ("failed requirements", r.assessments.iter().filter(|a| a.verdict == Verdict::Fail).count()),
        ("problems", r.problems.len()),
    ] {
        let _ = writeln!(s, "<div class=\"card\"><b>{n}</b>{label}</div>");
    }
    let _ = writeln!(s, "</div>");

    // contents
    let _ = writeln!(s, "<nav id=\"contents\"><h2>Contents</h2><ol>");
    for (id, label) in [
        ("summary", "Summary"),
        ("charts", "Charts"),
        ("findings", "Findings"),
        ("vulnerabilities", "Vulnerabilities"),
        ("components", "Components"),
        ("layers", "Layers"),
        ("assessments", "Requirement verdicts"),
        ("problems", "Problems"),
    ] {
        let _ = writeln!(s, "<li><a href=\"#{id}\">{label}</a></li>");
    }
    let _ = writeln!(s, "</ol></nav>");

    // charts
    let _ = writeln!(s, "<h2 id=\"charts\">Charts</h2>\n<div class=\"charts\">");
    let sev_rows: Vec<(&str, usize, &str)> = [
        (Severity::Critical, "#7b1fa2"),
        (Severity::High, "#c62828"),
        (Severity::Medium, "#ef6c00"),
        (Severity::Low, "#f9a825"),
        (Severity::Info, "#607d8b"),
    ]
    .iter()
    .map(|(sev, c)| (sev.as_str(), count(*sev), *c))
    .collect();
    let _ = writeln!(
        s,
        "<figure><figcaption>Findings by severity</figcaption>{}</figure>",
        svg::bars("Findings by severity", &sev_rows)
    );
    if !per_std.is_empty() {
        let rows: Vec<(&str, Vec<usize>)> = per_std
            .iter()
            .map(|(st, of)| {
                (
                    *st,
                    vec![
                        count_v(of, Verdict::Pass),
                        count_v(of, Verdict::Fail),
                        count_v(of, Verdict::NeedsEvidence),
                        count_v(of, Verdict::NotApplicable),
                    ],
                )
            })
            .collect();
        let legend =
            [("pass", "#2e7d32"), ("fail", "#c62828"), ("needs evidence", "#ef6c00"), ("not applicable", "#90a4ae")];
        let _ = writeln!(
            s,
            "<figure><figcaption>Verdicts per standard</figcaption>{}</figure>",
            svg::stacked("Verdicts per standard", &rows, &legend)
        );
    }
    if !r.vulnerabilities.is_empty() {
        let mut by_comp: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
        for v in &r.vulnerabilities {
            *by_comp.entry(format!("{} {}", v.component.name, v.component.version)).or_default() += 1;
        }
        let mut top: Vec<(String, usize)> = by_comp.into_iter().collect();
        top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let rows: Vec<(&str, usize, &str)> = top.iter().take(10).map(|(c, n)| (c.as_str(), *n, "#c62828")).collect();
        let _ = writeln!(
            s,
            "<figure><figcaption>Vulnerabilities by component{}</figcaption>{}</figure>",
            if top.len() > 10 { " (top 10)" } else { "" },
            svg::bars("Vulnerabilities by component", &rows)
        );
    }
    if let Some(h) = r.extra.get("hardening") {
        let mut rows: Vec<(String, usize)> = Vec::new();
        for k in ["nx", "canary", "pie", "fortify"] {
            if let Some(p) = h[k]["percent_yes"].as_f64() {
                rows.push((format!("{k} %"), p.round() as usize));
            }
        }
        if let Some(p) = h["relro"]["percent_full"].as_f64() {
            rows.push(("full relro %".into(), p.round() as usize));
        }
        if !rows.is_empty() {
            let rows: Vec<(&str, usize, &str)> = rows.iter().map(|(k, p)| (k.as_str(), *p, "#2e7d32")).collect();
            let _ = writeln!(
                s,
                "<figure><figcaption>Hardening: share of {} ELF files with each mitigation</figcaption>{}</figure>",
                h["elf_files"].as_u64().unwrap_or(0),
                svg::percent_bars("Hardening shares", &rows)
            );
        }
    }
    let _ = writeln!(s, "</div>");

    // findings
    let _ = writeln!(s, "<h2 id=\"findings\">Findings ({})</h2>", r.findings.len());
    let mut seen_rules = std::collections::BTreeSet::new();
    let assessed: std::collections::BTreeSet<String> =
        r.assessments.iter().map(|a| req_anchor(&a.standard, &a.requirement)).collect();
    for sev in [Severity::Critical, Severity::High, Severity::Medium, Severity::Low, Severity::Info] {
        let group: Vec<(usize, &fwassure_model::Finding)> =
            r.findings.iter().enumerate().filter(|(_, f)| f.severity == sev).collect();
        if group.is_empty() {
            continue;
        }
        let open = if sev >= Severity::Medium { " open" } else { "" };
        let _ = writeln!(
            s,
            "<details{open}><summary><span class=\"sev {0}\">{0}</span> ({1})</summary>",
            sev.as_str(),
            group.len()
        );
        let _ = writeln!(
            s,
            "<table><tr><th>rule</th><th>where</th><th>message</th><th>evidence</th>\
             <th>remediation</th><th>requirements</th></tr>"
        );
        for (i, f) in group {
            let rule_anchor = if seen_rules.insert(f.rule.as_str()) {
                format!(" id=\"{}\"", e(&item_anchor("rule", &f.rule)))
            } else {
                String::new()
            };
            let reqs: Vec<String> = f
                .requirements
                .iter()
                .map(|q| match q.split_once(':').map(|(st, id)| req_anchor(st, id)) {
                    Some(a) if assessed.contains(&a) => format!("<a href=\"#{}\">{}</a>", e(&a), e(q)),
                    _ => e(q),
                })
                .collect();
            let _ = writeln!(
                s,
                "<tr id=\"f-{i}\"><td{rule_anchor}><code>{}</code><br><small>{} {}</small></td><td><code>{}{}</code>{}</td>\
                 <td>{}</td><td><code>{}</code></td><td>{}</td><td><small>{}</small></td></tr>",
                e(&f.rule),
                f.kind.as_str(),
                e(&f.cwe),
                e(&ids::location(&f.layer, &f.path)),
                f.line.map(|l| format!(":{l}")).unwrap_or_default(),
                if f.subject.is_empty() { String::new() } else { format!("<br>{}", e(&f.subject)) },
                e(&f.message),
                e(&f.evidence),
                e(&f.remediation),
                reqs.join(", ")
            );
        }
        let _ = writeln!(s, "</table></details>");
    }

    // vulnerabilities
    let _ = writeln!(s, "<h2 id=\"vulnerabilities\">Vulnerabilities ({})</h2>", r.vulnerabilities.len());
    if !r.vulnerabilities.is_empty() {
        let mut vulns: Vec<_> = r.vulnerabilities.iter().collect();
        vulns.sort_by(|a, b| b.severity.cmp(&a.severity).then(a.id.cmp(&b.id)));
        let _ = writeln!(
            s,
            "<details open><summary>{} known vulnerabilit{} in {} component(s)</summary>",
            vulns.len(),
            if vulns.len() == 1 { "y" } else { "ies" },
            vulns
                .iter()
                .map(|v| (&v.component.name, &v.component.version))
                .collect::<std::collections::BTreeSet<_>>()
                .len()
        );
        let _ = writeln!(
            s,
            "<table><tr><th>severity</th><th>id</th><th>component</th><th>score</th><th>status</th><th>KEV</th>\
             <th>fixed in</th><th>match</th></tr>"
        );
        let mut seen = std::collections::BTreeSet::new();
        for v in vulns {
            let anchor = if seen.insert(v.id.as_str()) {
                format!(" id=\"{}\"", e(&item_anchor("v", &v.id)))
            } else {
                String::new()
            };
            let _ = writeln!(
                s,
                "<tr{anchor}><td><span class=\"sev {0}\">{0}</span></td><td><a href=\"{1}\">{2}</a>{3}</td><td>{4} {5}</td>\
                 <td>{6}</td><td>{7}{8}</td><td>{9}</td><td>{10}</td><td>{11}</td></tr>",
                v.severity.as_str(),
                e(&ids::advisory_url(&v.id)),
                e(&v.id),
                if v.aliases.is_empty() {
                    String::new()
                } else {
                    format!("<br><small>{}</small>", e(&v.aliases.join(", ")))
                },
                e(&v.component.name),
                e(&v.component.version),
                v.score.filter(|x| x.is_finite()).map(|x| format!("{x:.1}")).unwrap_or_default(),
                status_name(v.status),
                v.justification.as_deref().map(|j| format!("<br><small>{}</small>", e(j))).unwrap_or_default(),
                if v.kev { "yes" } else { "" },
                e(&v.fixed_in.join(", ")),
                e(&format!("{} {} {}", v.matched.method, v.matched.on, v.matched.range))
            );
        }
        let _ = writeln!(s, "</table></details>");
    }

    // components
    let _ = writeln!(s, "<h2 id=\"components\">Components ({})</h2>", r.components.len());
    let _ = writeln!(s, "<details><summary>{} component(s) with their evidence</summary>", r.components.len());
    let _ = writeln!(
        s,
        "<table><tr><th>name</th><th>version</th><th>source</th><th>confidence</th><th>purl / cpe</th>\
         <th>licence</th><th>evidence</th></tr>"
    );
    for c in &r.components {
        let mut ev = String::new();
        for x in &c.evidence {
            let _ = write!(
                ev,
                "<div><code>{}</code>{} <small>{}</small><br><code>{}</code></div>",
                e(&ids::location(&x.layer, &x.path)),
                x.offset.map(|o| format!(" @0x{o:x}")).unwrap_or_default(),
                e(&x.method),
                e(&x.text)
            );
        }
        let _ = writeln!(
            s,
            "<tr><td>{}</td><td>{}{}</td><td>{}</td><td>{}</td><td><code>{}</code><br><code>{}</code></td>\
             <td>{}</td><td>{}</td></tr>",
            e(&c.name),
            e(&c.version),
            c.package_version.as_deref().map(|p| format!(" <small>({})</small>", e(p))).unwrap_or_default(),
            ids::source_name(c.source),
            ids::confidence_name(c.confidence),
            e(c.purl.as_deref().unwrap_or("")),
            e(c.cpe.as_deref().unwrap_or("")),
            e(c.license.as_deref().unwrap_or("")),
            ev
        );
    }
    let _ = writeln!(s, "</table></details>");

    // layers
    let _ = writeln!(s, "<h2 id=\"layers\">Layers ({})</h2>", r.layers.len());
    let _ = writeln!(s, "<details><summary>{} layer(s), {} file(s)</summary>", r.layers.len(), r.stats.files);
    let _ = writeln!(
        s,
        "<table><tr><th>id</th><th>parent</th><th>format</th><th>offset</th><th>size</th><th>files</th>\
         <th>from</th><th>description</th><th>problems</th></tr>"
    );
    for l in &r.layers {
        let _ = writeln!(
            s,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>0x{:x}</td><td>{}</td><td>{}</td><td><code>{}</code></td>\
             <td>{}</td><td>{}</td></tr>",
            e(&l.id),
            e(l.parent.as_deref().unwrap_or("")),
            e(&l.format),
            l.offset,
            l.size,
            l.files,
            e(l.path.as_deref().unwrap_or("")),
            e(&l.description),
            e(&l.problems.join("; "))
        );
    }
    let _ = writeln!(s, "</table></details>");

    // assessments
    let _ = writeln!(s, "<h2 id=\"assessments\">Requirement verdicts ({})</h2>", r.assessments.len());
    for (st, of) in &per_std {
        let res = standard_result(of);
        let open = if res == "fail" { " open" } else { "" };
        let _ = writeln!(
            s,
            "<details{open} id=\"{}\"><summary>{}: <span class=\"{res}\">{}</span> — {} pass, {} fail, {} needs evidence, {} not applicable</summary>",
            e(&item_anchor("std", st)),
            e(st),
            res.to_uppercase(),
            count_v(of, Verdict::Pass),
            count_v(of, Verdict::Fail),
            count_v(of, Verdict::NeedsEvidence),
            count_v(of, Verdict::NotApplicable)
        );
        // failures first and open; the rest (pass, needs evidence, not applicable) folded, so that the
        // printed report stays the length of what is wrong
        let (failed, rest): (Vec<&&fwassure_model::Assessment>, Vec<&&fwassure_model::Assessment>) =
            of.iter().partition(|a| a.verdict == Verdict::Fail);
        for (group, folded) in [(failed, false), (rest, true)] {
            if group.is_empty() {
                continue;
            }
            if folded {
                let _ = writeln!(
                    s,
                    "<details class=\"rest\"><summary>{} other requirement(s): pass, needs evidence, not applicable</summary>",
                    group.len()
                );
            }
            let _ = writeln!(
                s,
                "<table><tr><th>requirement</th><th>title</th><th>verdict</th><th>why</th><th>findings</th></tr>"
            );
            for a in group {
                let verdict = verdict_name(a.verdict);
                let links: Vec<String> = a
                    .findings
                    .iter()
                    .map(|id| {
                        let target = if r.findings.iter().any(|f| &f.rule == id) {
                            Some(item_anchor("rule", id))
                        } else if r.vulnerabilities.iter().any(|v| &v.id == id) {
                            Some(item_anchor("v", id))
                        } else {
                            None
                        };
                        match target {
                            Some(t) => format!("<a href=\"#{}\">{}</a>", e(&t), e(id)),
                            None => e(id),
                        }
                    })
                    .collect();
                let mut why = e(&a.reasons.join("; "));
                if !a.path.is_empty() {
                    why.push_str(&format!("<br><small>path: {}</small>", e(&a.path.join(" → "))));
                }
                let _ = writeln!(
                s,
                "<tr id=\"{}\"><td>{}</td><td>{}</td><td class=\"{verdict}\">{verdict}</td><td>{why}</td><td>{}</td></tr>",
                e(&req_anchor(st, &a.requirement)),
                e(&a.requirement),
                e(&a.title),
                links.join(", ")
            );
            }
            let _ = writeln!(s, "</table>{}", if folded { "</details>" } else { "" });
        }
        let _ = writeln!(s, "</details>");
    }

    let _ = writeln!(s, "<h2 id=\"problems\">Problems ({})</h2>", r.problems.len());
    if r.problems.is_empty() {
        let _ = writeln!(s, "<p>None: every part of the image was read.</p>");
    } else {
        let _ = writeln!(s, "<ul>");
        for p in &r.problems {
            let _ = writeln!(
                s,
                "<li><code>{}{}</code> {}</li>",
                e(p.layer.as_deref().unwrap_or("-")),
                e(&p.path.as_deref().map(|x| format!(":{x}")).unwrap_or_default()),
                e(&p.message)
            );
        }
        let _ = writeln!(s, "</ul>");
    }
    let _ = writeln!(
        s,
        "<p><small>{} layers, {} files, {} bytes unpacked, {} ms.</small></p>\n</body>\n</html>",
        r.stats.layers, r.stats.files, r.stats.unpacked_bytes, r.stats.elapsed_ms
    );
    s
}

fn verdict_name(v: Verdict) -> &'static str {
    match v {
        Verdict::Pass => "pass",
        Verdict::Fail => "fail",
        Verdict::NeedsEvidence => "needs-evidence",
        Verdict::NotApplicable => "not-applicable",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(escape("<a href=\"x\">&'</a>"), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;");
        assert_eq!(escape("a\u{0}b"), "a\u{fffd}b");
    }
}
