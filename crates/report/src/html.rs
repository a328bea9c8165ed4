//! A single self-contained HTML report: inline CSS, no script, no external resource, every text escaped.
//! Sections: summary, layers, components, findings by severity, vulnerabilities, assessments, problems.

use std::fmt::Write;

use fwassure_model::{Report, Severity, Verdict};

use crate::ids;
use crate::sarif::status_name;

/// Escape text for HTML element content and double-quoted attributes (see [`crate::escape::html`]).
pub use crate::escape::html as escape;

const CSS: &str = "body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:80em}\
h1{font-size:1.6em}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}\
table{border-collapse:collapse;width:100%;font-size:.9em}th,td{border:1px solid #ddd;padding:.3em .5em;\
text-align:left;vertical-align:top}th{background:#f4f4f4}code{font-family:ui-monospace,monospace;\
word-break:break-all}.sev{font-weight:bold;padding:0 .4em;border-radius:3px;color:#fff}\
.critical{background:#7b1fa2}.high{background:#c62828}.medium{background:#ef6c00}.low{background:#f9a825;color:#222}\
.info{background:#607d8b}.pass{color:#2e7d32}.fail{color:#c62828;font-weight:bold}.needs-evidence{color:#ef6c00}\
.not-applicable{color:#607d8b}.cards{display:flex;gap:1em;flex-wrap:wrap}.card{border:1px solid #ddd;\
border-radius:4px;padding:.6em 1em;min-width:8em}.card b{display:block;font-size:1.5em}details{margin:.3em 0}\
.warning{background:#fff3e0;border-left:4px solid #e65100;padding:.5em 1em}";

/// Render the report as one HTML page.
pub fn render(r: &Report) -> String {
    let e = escape;
    let mut s = String::new();
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>fwassure report: {}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
        e(&ids::image_name(r))
    );
    let _ = writeln!(s, "<h1>fwassure {} report: {}</h1>", e(&r.tool.version), e(&ids::image_name(r)));

    // summary
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

    // layers
    let _ = writeln!(s, "<h2 id=\"layers\">Layers ({})</h2>", r.layers.len());
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
    let _ = writeln!(s, "</table>");

    // components
    let _ = writeln!(s, "<h2 id=\"components\">Components ({})</h2>", r.components.len());
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
    let _ = writeln!(s, "</table>");

    // findings
    let _ = writeln!(s, "<h2 id=\"findings\">Findings ({})</h2>", r.findings.len());
    for sev in [Severity::Critical, Severity::High, Severity::Medium, Severity::Low, Severity::Info] {
        let group: Vec<_> = r.findings.iter().filter(|f| f.severity == sev).collect();
        if group.is_empty() {
            continue;
        }
        let _ = writeln!(s, "<h3><span class=\"sev {0}\">{0}</span> ({1})</h3>", sev.as_str(), group.len());
        let _ = writeln!(
            s,
            "<table><tr><th>rule</th><th>kind</th><th>where</th><th>subject</th><th>message</th><th>evidence</th>\
             <th>remediation</th><th>CWE</th><th>requirements</th></tr>"
        );
        for f in group {
            let _ = writeln!(
                s,
                "<tr><td><code>{}</code></td><td>{}</td><td><code>{}{}</code></td><td>{}</td><td>{}</td>\
                 <td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td></tr>",
                e(&f.rule),
                f.kind.as_str(),
                e(&ids::location(&f.layer, &f.path)),
                f.line.map(|l| format!(":{l}")).unwrap_or_default(),
                e(&f.subject),
                e(&f.message),
                e(&f.evidence),
                e(&f.remediation),
                e(&f.cwe),
                e(&f.requirements.join(", "))
            );
        }
        let _ = writeln!(s, "</table>");
    }

    // vulnerabilities
    let _ = writeln!(s, "<h2 id=\"vulnerabilities\">Vulnerabilities ({})</h2>", r.vulnerabilities.len());
    if !r.vulnerabilities.is_empty() {
        let mut vulns: Vec<_> = r.vulnerabilities.iter().collect();
        vulns.sort_by(|a, b| b.severity.cmp(&a.severity).then(a.id.cmp(&b.id)));
        let _ = writeln!(
            s,
            "<table><tr><th>severity</th><th>id</th><th>component</th><th>score</th><th>status</th><th>KEV</th>\
             <th>fixed in</th><th>match</th></tr>"
        );
        for v in vulns {
            let _ = writeln!(
                s,
                "<tr><td><span class=\"sev {0}\">{0}</span></td><td><a href=\"{1}\">{2}</a>{3}</td><td>{4} {5}</td>\
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
        let _ = writeln!(s, "</table>");
    }

    // assessments
    let _ = writeln!(s, "<h2 id=\"assessments\">Assessments ({})</h2>", r.assessments.len());
    let mut standards: Vec<&str> = r.assessments.iter().map(|a| a.standard.as_str()).collect();
    standards.sort();
    standards.dedup();
    for st in standards {
        let of: Vec<_> = r.assessments.iter().filter(|a| a.standard == st).collect();
        let n = |v: Verdict| of.iter().filter(|a| a.verdict == v).count();
        let _ = writeln!(
            s,
            "<h3>{}</h3>\n<p>{} pass, {} fail, {} needs evidence, {} not applicable</p>",
            e(st),
            n(Verdict::Pass),
            n(Verdict::Fail),
            n(Verdict::NeedsEvidence),
            n(Verdict::NotApplicable)
        );
        let _ = writeln!(
            s,
            "<table><tr><th>requirement</th><th>title</th><th>verdict</th><th>why</th><th>findings</th></tr>"
        );
        for a in of {
            let verdict = verdict_name(a.verdict);
            let _ = writeln!(
                s,
                "<tr><td>{}</td><td>{}</td><td class=\"{verdict}\">{verdict}</td><td>{}</td><td>{}</td></tr>",
                e(&a.requirement),
                e(&a.title),
                e(&a.reasons.join("; ")),
                e(&a.findings.join(", "))
            );
        }
        let _ = writeln!(s, "</table>");
    }

    if !r.problems.is_empty() {
        let _ = writeln!(s, "<h2 id=\"problems\">Problems ({})</h2>\n<ul>", r.problems.len());
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
