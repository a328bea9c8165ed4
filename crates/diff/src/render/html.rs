//! The HTML rendering: one self-contained page (inline CSS, no script, nothing from the network).

use std::fmt::Write;

use fwassure_model::escape::html as e;

use super::{opt, verdict, MAX_LISTED};
use crate::{Diff, LayerRef, VerdictDirection};

const CSS: &str = "body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:80em}\
h1{font-size:1.6em}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}\
table{border-collapse:collapse;width:100%;font-size:.9em;margin:.5em 0}th,td{border:1px solid #ddd;\
padding:.3em .5em;text-align:left;vertical-align:top}th{background:#f4f4f4}code{font-family:ui-monospace,\
monospace;word-break:break-all}.cards{display:flex;gap:1em;flex-wrap:wrap}.card{border:1px solid #ddd;\
border-radius:4px;padding:.6em 1em;min-width:10em}.card b{display:block;font-size:1.4em}.bad{color:#c62828}\
.good{color:#2e7d32}.critical{color:#7b1fa2;font-weight:bold}.high{color:#c62828;font-weight:bold}\
.medium{color:#ef6c00}.low{color:#9e7700}.note{background:#fff3e0;border-left:4px solid #e65100;padding:.4em 1em}";

fn more(s: &mut String, total: usize) {
    if total > MAX_LISTED {
        let _ = writeln!(s, "<p>… and {} more (see the JSON diff).</p>", total - MAX_LISTED);
    }
}

fn layer_name(r: &Option<LayerRef>) -> String {
    r.as_ref().map(|r| e(&format!("{} {}", r.id, r.format))).unwrap_or_else(|| "—".into())
}

/// Render the diff as one HTML page.
pub fn render(d: &Diff) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>fwassure diff: {} → {}</title>\n\
         <style>{CSS}</style>\n</head>\n<body>\n<h1>fwassure diff</h1>\n",
        e(&d.old.path),
        e(&d.new.path)
    );
    let _ = writeln!(s, "<table><tr><th></th><th>image</th><th>sha256</th><th>fwassure</th></tr>");
    for (label, i) in [("old", &d.old), ("new", &d.new)] {
        let _ = writeln!(
            s,
            "<tr><th>{label}</th><td><code>{}</code></td><td><code>{}</code></td><td>{}</td></tr>",
            e(&i.path),
            e(&i.sha256),
            e(&i.tool_version)
        );
    }
    let _ = writeln!(s, "</table>");
    let m = &d.summary;
    let _ = writeln!(s, "<div class=\"cards\">");
    let cards = [
        ("vulnerabilities introduced", m.vulnerabilities_introduced, "bad"),
        ("vulnerabilities fixed", m.vulnerabilities_fixed, "good"),
        ("still open", m.vulnerabilities_still_open, ""),
        ("findings new", m.findings_new, "bad"),
        ("findings resolved", m.findings_resolved, "good"),
        ("verdict regressions", m.verdict_regressions, "bad"),
        ("verdict improvements", m.verdict_improvements, "good"),
        ("components changed", m.components_changed + m.components_added + m.components_removed, ""),
    ];
    for (label, n, class) in cards {
        let class = if n == 0 { "" } else { class };
        let _ = writeln!(s, "<div class=\"card\"><b class=\"{class}\">{n}</b>{label}</div>");
    }
    let _ = writeln!(s, "</div>");
    for n in &d.notes {
        let _ = writeln!(s, "<p class=\"note\">{}</p>", e(n));
    }

    let c = &d.components;
    let _ = writeln!(
        s,
        "<h2 id=\"components\">Components</h2>\n<table><tr><th>change</th><th>component</th><th>old</th><th>new</th></tr>"
    );
    for x in c.changed.iter().take(MAX_LISTED) {
        let _ =
            writeln!(s, "<tr><td>changed</td><td>{}</td><td>{}</td><td>{}</td></tr>", e(&x.name), e(&x.old), e(&x.new));
    }
    for x in c.added.iter().take(MAX_LISTED) {
        let _ = writeln!(s, "<tr><td>added</td><td>{}</td><td>—</td><td>{}</td></tr>", e(&x.name), e(&x.version));
    }
    for x in c.removed.iter().take(MAX_LISTED) {
        let _ = writeln!(s, "<tr><td>removed</td><td>{}</td><td>{}</td><td>—</td></tr>", e(&x.name), e(&x.version));
    }
    let _ = writeln!(s, "</table>");

    let v = &d.vulnerabilities;
    for (title, id, list) in [
        ("introduced", "vulns-introduced", &v.introduced),
        ("fixed", "vulns-fixed", &v.fixed),
        ("still open", "vulns-open", &v.still_open),
    ] {
        let _ = writeln!(
            s,
            "<h2 id=\"{id}\">Vulnerabilities {title} ({})</h2>\n<table><tr><th>severity</th><th>id</th><th>component</th>\
             <th>old</th><th>new</th><th>known exploited</th></tr>",
            list.len()
        );
        for x in list.iter().take(MAX_LISTED) {
            let sev = x.severity.as_str();
            let _ = writeln!(
                s,
                "<tr><td class=\"{sev}\">{sev}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                e(&x.id),
                e(&x.component),
                e(opt(&x.old_version)),
                e(opt(&x.new_version)),
                if x.kev { "yes" } else { "" }
            );
        }
        let _ = writeln!(s, "</table>");
        more(&mut s, list.len());
    }

    let f = &d.findings;
    for (title, id, list) in [("new", "findings-new", &f.new), ("resolved", "findings-resolved", &f.resolved)] {
        let _ = writeln!(
            s,
            "<h2 id=\"{id}\">Findings {title} ({})</h2>\n<table><tr><th>severity</th><th>rule</th><th>path</th><th>finding</th></tr>",
            list.len()
        );
        for x in list.iter().take(MAX_LISTED) {
            let sev = x.severity.as_str();
            let _ = writeln!(
                s,
                "<tr><td class=\"{sev}\">{sev}</td><td><code>{}</code></td><td><code>{}</code></td><td>{}</td></tr>",
                e(&x.rule),
                e(&x.path),
                e(&x.message)
            );
        }
        let _ = writeln!(s, "</table>");
        more(&mut s, list.len());
    }

    let _ = writeln!(
        s,
        "<h2 id=\"verdicts\">Verdicts ({})</h2>\n<table><tr><th>change</th><th>standard</th><th>requirement</th>\
         <th>old</th><th>new</th><th>summary</th></tr>",
        d.verdicts.len()
    );
    for x in d.verdicts.iter().take(MAX_LISTED) {
        let (dir, class) = match x.direction {
            VerdictDirection::Regression => ("regression", "bad"),
            VerdictDirection::Improvement => ("improvement", "good"),
            VerdictDirection::Changed => ("changed", ""),
        };
        let _ = writeln!(
            s,
            "<tr><td class=\"{class}\">{dir}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            e(&x.standard),
            e(&x.requirement),
            verdict(x.old),
            verdict(x.new),
            e(&x.title)
        );
    }
    let _ = writeln!(s, "</table>");
    more(&mut s, d.verdicts.len());

    if let Some(files) = &d.files {
        let _ = writeln!(
            s,
            "<h2 id=\"files\">Files</h2>\n<table><tr><th>old layer</th><th>new layer</th><th>added</th><th>removed</th>\
             <th>changed</th><th>unchanged</th></tr>"
        );
        for l in files {
            let _ = writeln!(
                s,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                layer_name(&l.old),
                layer_name(&l.new),
                l.added.len(),
                l.removed.len(),
                l.changed.len(),
                l.unchanged
            );
        }
        let _ = writeln!(s, "</table>");
        for l in files {
            let which = if l.new.is_some() { &l.new } else { &l.old };
            for (title, list) in [("changed", &l.changed), ("added", &l.added), ("removed", &l.removed)] {
                if list.is_empty() {
                    continue;
                }
                let _ = writeln!(
                    s,
                    "<details><summary>{} {title} in layer {}</summary><ul>",
                    list.len(),
                    layer_name(which)
                );
                for p in list.iter().take(MAX_LISTED) {
                    let _ = writeln!(s, "<li><code>{}</code></li>", e(p));
                }
                let _ = writeln!(s, "</ul>");
                more(&mut s, list.len());
                let _ = writeln!(s, "</details>");
            }
        }
    }
    let _ = writeln!(s, "</body>\n</html>");
    s
}
