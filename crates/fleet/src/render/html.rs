//! The fleet report as one self-contained HTML page: no script, no remote resource, every string from an
//! image escaped. Long lists are folded (`<details>`) so the page stays readable for thousands of images.

use crate::FleetReport;
use fwassure_model::escape::html as h;
use std::fmt::Write;

/// Rows shown before a list is folded.
const OPEN_ROWS: usize = 25;

const STYLE: &str = "body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1d2430}\
header{background:#1d2430;color:#fff;padding:12px 24px}header h1{margin:0;font-size:20px}\
main{padding:8px 24px 40px}h2{margin-top:28px;border-bottom:2px solid #d8dde6;padding-bottom:4px}\
.tiles{display:flex;flex-wrap:wrap;gap:10px;margin:14px 0}.tile{border:1px solid #d8dde6;border-radius:6px;\
padding:8px 14px;min-width:120px}.tile b{display:block;font-size:22px}.bad b{color:#b3261e}\
table{border-collapse:collapse;width:100%;margin:8px 0}th,td{border-bottom:1px solid #e3e7ee;padding:4px 8px;\
text-align:left;vertical-align:top}th{background:#f3f5f8}td.n{text-align:right;font-variant-numeric:tabular-nums}\
code{font-size:12px;word-break:break-all}.sev-critical{color:#8e0000;font-weight:600}.sev-high{color:#b3261e}\
.sev-medium{color:#9a5b00}.bar{display:inline-block;height:10px;background:#b3261e;vertical-align:middle}\
details>summary{cursor:pointer;color:#1a56b0;margin:6px 0}.muted{color:#5c6675}";

/// The report as an HTML page.
pub fn render(r: &FleetReport) -> String {
    let s = &r.summary;
    let mut o = String::with_capacity(64 << 10);
    let _ = write!(
        o,
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>fwassure fleet report</title>\
         <meta name=\"viewport\" content=\"width=device-width\"><style>{STYLE}</style></head><body>\
         <header><h1>Fleet report</h1><div class=\"muted\">{} images · fwassure {} · {}</div></header><main>",
        s.images,
        h(&r.tool_version),
        h(&r.generated)
    );
    o.push_str("<div class=\"tiles\">");
    for (label, n, bad) in [
        ("images", s.images, false),
        ("failed scans", s.failed, s.failed > 0),
        ("vendors", s.vendors, false),
        ("products", s.products, false),
        ("shared secrets", s.shared_secrets, s.shared_secrets > 0),
        ("across vendors", s.cross_vendor_secrets, s.cross_vendor_secrets > 0),
        ("images with shared secrets", s.images_with_shared_secrets, s.images_with_shared_secrets > 0),
        ("open vulnerabilities", s.vulnerabilities, s.vulnerabilities > 0),
        ("known exploited", s.known_exploited, s.known_exploited > 0),
        ("component versions", s.component_versions, false),
    ] {
        let _ = write!(o, "<div class=\"tile{}\"><b>{n}</b>{label}</div>", if bad { " bad" } else { "" });
    }
    o.push_str("</div>");

    o.push_str("<h2 id=\"shared\">Secrets shared across images</h2>");
    if r.shared_secrets.is_empty() {
        o.push_str("<p>No key, certificate, password, password hash or token is in more than one image.</p>");
    } else {
        o.push_str("<p class=\"muted\">The same private key, certificate, password or secret in several images: a universal default (EN 18031 CCK-3, ETSI EN 303 645 5.1-1). Fingerprints only; the secrets themselves are never stored.</p>");
        table_start(&mut o, &["images", "severity", "what", "subject", "vendors", "fingerprint", "where"]);
        for (n, x) in r.shared_secrets.iter().enumerate() {
            fold_at(&mut o, n, r.shared_secrets.len());
            let places: String =
                x.images.iter().map(|i| format!("<li>{} <code>{}</code></li>", h(&i.image), h(&i.location))).collect();
            let _ = write!(
                o,
                "<tr><td class=\"n\">{}</td><td class=\"sev-{sev}\">{sev}</td><td>{}</td><td>{}</td><td>{}</td>\
                 <td><code>{}</code></td><td><details><summary>{} places</summary><ul>{places}</ul></details></td></tr>",
                x.image_count(),
                h(&x.kinds.join(", ")),
                h(&x.subjects.join(", ")),
                h(&x.vendors.join(", ")),
                h(&x.fingerprint),
                x.images.len(),
                sev = h(&x.severity),
            );
        }
        table_end(&mut o, r.shared_secrets.len());
    }

    o.push_str("<h2 id=\"vulns\">Vulnerabilities by prevalence</h2>");
    let most = r.vulnerabilities.first().map_or(1, |v| v.images.max(1));
    table_start(&mut o, &["images", "", "id", "severity", "score", "known exploited", "components"]);
    for (n, v) in r.vulnerabilities.iter().enumerate() {
        fold_at(&mut o, n, r.vulnerabilities.len());
        let _ = write!(
            o,
            "<tr><td class=\"n\">{}</td><td><span class=\"bar\" style=\"width:{}px\"></span></td><td>{}</td>\
             <td class=\"sev-{sev}\">{sev}</td><td class=\"n\">{}</td><td>{}</td><td>{}</td></tr>",
            v.images,
            (v.images * 120 / most).max(1),
            h(&v.id),
            v.score.map(|s| format!("{s:.1}")).unwrap_or_default(),
            if v.kev { "yes" } else { "" },
            h(&v.components.join("; ")),
            sev = h(&v.severity),
        );
    }
    table_end(&mut o, r.vulnerabilities.len());

    o.push_str("<h2 id=\"components\">Components by prevalence</h2>");
    table_start(&mut o, &["images", "component", "version"]);
    for (n, c) in r.components.iter().enumerate() {
        fold_at(&mut o, n, r.components.len());
        let _ =
            write!(o, "<tr><td class=\"n\">{}</td><td>{}</td><td>{}</td></tr>", c.images, h(&c.name), h(&c.version));
    }
    table_end(&mut o, r.components.len());

    o.push_str("<h2 id=\"worst\">Worst images</h2><p class=\"muted\">Risk = 1000 × known-exploited vulnerabilities + 100 × critical + 10 × high (findings and vulnerabilities) + failed requirements.</p>");
    table_start(&mut o, &["risk", "image", "known exploited", "critical", "high", "failed requirements", "problems"]);
    for i in &r.worst_images {
        let _ = write!(
            o,
            "<tr><td class=\"n\">{}</td><td>{}<br><code class=\"muted\">{}</code></td><td class=\"n\">{}</td>\
             <td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            i.risk,
            h(&i.path),
            h(&i.sha256),
            i.kev,
            i.critical,
            i.high,
            i.failed_requirements,
            i.problems
        );
    }
    table_end(&mut o, r.worst_images.len());

    o.push_str("<h2 id=\"standards\">Verdicts per standard</h2>");
    for st in &r.standards {
        let _ = write!(
            o,
            "<h3>{}</h3><p>{} of {} requirements failed by at least one image.</p>",
            h(&st.standard),
            st.failing_requirements,
            st.requirements.len()
        );
        let mut rows: Vec<_> = st.requirements.iter().collect();
        // failed requirements first, most failing images first
        rows.sort_by(|a, b| b.fail.cmp(&a.fail).then_with(|| a.requirement.cmp(&b.requirement)));
        table_start(&mut o, &["requirement", "fail", "pass", "needs evidence", "n/a"]);
        let failing = st.failing_requirements as usize;
        for (n, v) in rows.iter().enumerate() {
            if n == failing && n < rows.len() {
                let _ = write!(
                    o,
                    "</tbody></table><details><summary>{} requirements no image fails</summary><table><tbody>",
                    rows.len() - n
                );
            }
            let _ = write!(
                o,
                "<tr><td>{}</td><td class=\"n{}\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
                h(&v.requirement),
                if v.fail > 0 { " sev-high" } else { "" },
                v.fail,
                v.pass,
                v.needs_evidence,
                v.not_applicable
            );
        }
        if failing < rows.len() {
            o.push_str("</tbody></table></details>");
        } else {
            o.push_str("</tbody></table>");
        }
    }

    o.push_str("<h2 id=\"images\">Images</h2>");
    table_start(
        &mut o,
        &[
            "image",
            "vendor",
            "product",
            "status",
            "components",
            "findings",
            "vulnerabilities",
            "failed requirements",
            "scan ms",
        ],
    );
    for (n, i) in r.images.iter().enumerate() {
        fold_at(&mut o, n, r.images.len());
        let _ = write!(
            o,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>\
             <td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            h(&i.path),
            h(&i.vendor),
            h(&i.product),
            h(&i.status),
            i.components,
            i.findings,
            i.vulnerabilities,
            i.failed_requirements,
            i.scan_ms
        );
    }
    table_end(&mut o, r.images.len());

    if !r.failures.is_empty() {
        o.push_str("<h2 id=\"failures\">Images that could not be scanned</h2>");
        table_start(&mut o, &["image", "error"]);
        for f in &r.failures {
            let _ = write!(o, "<tr><td>{}</td><td>{}</td></tr>", h(&f.path), h(&f.error));
        }
        table_end(&mut o, 0);
    }
    o.push_str("</main></body></html>\n");
    o
}

fn table_start(o: &mut String, heads: &[&str]) {
    o.push_str("<table><thead><tr>");
    for x in heads {
        let _ = write!(o, "<th>{x}</th>");
    }
    o.push_str("</tr></thead><tbody>");
}

/// Before row `n` of `len`: after the first rows, the rest go into a folded table.
fn fold_at(o: &mut String, n: usize, len: usize) {
    if n == OPEN_ROWS && len > OPEN_ROWS {
        let _ = write!(o, "</tbody></table><details><summary>{} more</summary><table><tbody>", len - OPEN_ROWS);
    }
}

fn table_end(o: &mut String, len: usize) {
    o.push_str("</tbody></table>");
    if len > OPEN_ROWS {
        o.push_str("</details>");
    }
}
