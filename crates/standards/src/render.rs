//! Text and Markdown renderings of an assessment, for a test lab to attach.

use std::fmt::Write;

use fwassure_model::Verdict;

use crate::assess::{AssessmentResult, StandardSummary};
use crate::catalog::catalog;

fn verdict_str(v: Verdict) -> &'static str {
    match v {
        Verdict::Pass => "pass",
        Verdict::Fail => "fail",
        Verdict::NeedsEvidence => "needs-evidence",
        Verdict::NotApplicable => "not-applicable",
    }
}

fn applicability(standard: &str, req: &str) -> String {
    catalog(standard)
        .and_then(|c| c.requirements.iter().find(|r| r.id == req))
        .map(|r| format!("{}; {}", r.applicability(), r.assessment.as_str()))
        .unwrap_or_default()
}

/// HTML rendering (see [`crate::html`]).
pub fn html(r: &AssessmentResult) -> String {
    crate::html::render(r)
}

/// How many of the assessed requirements are confirmed from public sources.
fn confirmed_line(s: &StandardSummary) -> String {
    let total = s.counts.total();
    let mut line = format!("{} of {total} assessed requirements confirmed from public sources", s.confirmed);
    if s.confirmed < total {
        line.push_str(&format!("; {} not confirmed (marked \"(not confirmed)\" under applies)", total - s.confirmed));
    }
    line
}

/// JSON rendering.
pub fn json(r: &AssessmentResult) -> String {
    let mut s = serde_json::to_string_pretty(r).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"));
    s.push('\n');
    s
}

fn header(r: &AssessmentResult, out: &mut String, md: bool) {
    let h = if md { "# " } else { "" };
    let _ = writeln!(out, "{h}fwassure assessment - result: {}", r.result.as_str().to_uppercase());
    let _ = writeln!(out);
    let b = if md { "- " } else { "  " };
    if let Some(sub) = &r.subject {
        let image = if md { fwassure_model::escape::markdown(&sub.image) } else { sub.image.clone() };
        let _ = writeln!(out, "{b}image: {image} ({} bytes)", sub.size);
        let _ = writeln!(out, "{b}sha256: {}", sub.sha256);
        let _ = writeln!(out, "{b}tool: {}", sub.tool);
        let db = if md { fwassure_model::escape::markdown(&sub.database) } else { sub.database.clone() };
        let _ = writeln!(out, "{b}vulnerability data: {db}");
    }
    let _ = writeln!(out, "{b}date: {}", r.date);
    if let Some(p) = &r.product {
        let parts: Vec<&str> = [&p.manufacturer, &p.name, &p.model, &p.version]
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect();
        let _ = writeln!(out, "{b}product: {}", parts.join(" "));
    }
    let _ = writeln!(out, "{b}assurance class: {} ({})", r.class.class, r.class.source);
    for reason in &r.class.reasons {
        let _ = writeln!(out, "{}  - {reason}", if md { "" } else { "  " });
    }
    for t in &r.security_txt {
        let state = if t.is_valid() { "valid" } else { "INVALID" };
        let _ = writeln!(out, "{b}security.txt {}: {state}", t.origin);
        for e in &t.errors {
            let _ = writeln!(out, "{}  - error: {e}", if md { "" } else { "  " });
        }
        for w in &t.warnings {
            let _ = writeln!(out, "{}  - warning: {w}", if md { "" } else { "  " });
        }
    }
    for n in &r.notes {
        let _ = writeln!(out, "{b}note: {n}");
    }
    let _ = writeln!(out);
}

/// Plain-text rendering.
pub fn text(r: &AssessmentResult) -> String {
    let mut out = String::new();
    header(r, &mut out, false);
    for s in &r.standards {
        let c = s.counts;
        let _ = writeln!(out, "== {} ({}) - {}", s.name, s.id, s.result.as_str().to_uppercase());
        let _ = writeln!(
            out,
            "   {} pass, {} fail, {} needs-evidence, {} not-applicable; {} above class {}",
            c.pass, c.fail, c.needs_evidence, c.not_applicable, s.above_class, r.class.class
        );
        let _ = writeln!(out, "   {}", confirmed_line(s));
        for sec in &s.sections {
            let k = sec.counts;
            let _ = writeln!(
                out,
                "   {:<10} {:<48} pass {:>3}  fail {:>3}  evidence {:>3}  n/a {:>3}",
                sec.id, sec.title, k.pass, k.fail, k.needs_evidence, k.not_applicable
            );
        }
        let _ = writeln!(out);
        for a in r.assessments.iter().filter(|a| a.standard == s.id) {
            let _ = writeln!(out, "  [{}] {} {}", verdict_str(a.verdict).to_uppercase(), a.requirement, a.title);
            let _ = writeln!(out, "      applies: {}", applicability(&a.standard, &a.requirement));
            for reason in &a.reasons {
                let _ = writeln!(out, "      - {reason}");
            }
            for e in &a.evidence {
                let _ = writeln!(out, "      + {e}");
            }
            for p in &a.path {
                let _ = writeln!(out, "      > {p}");
            }
        }
        let _ = writeln!(out);
    }
    if !r.vulnerability_decisions.is_empty() {
        let _ = writeln!(out, "== Decision per component and known vulnerability (EN 18031 GEC-1)");
        for d in &r.vulnerability_decisions {
            let _ = writeln!(
                out,
                "   {} {} {} ({}{}): {} - {}",
                d.component,
                d.version,
                d.id,
                d.severity.as_str(),
                if d.kev { ", known exploited" } else { "" },
                d.decision,
                d.reason
            );
        }
        let _ = writeln!(out);
    }
    // file names and strings come from the image: no control sequence reaches the terminal
    fwassure_model::escape::terminal(&out)
}

fn md_cell(s: &str) -> String {
    fwassure_model::escape::markdown(s)
}

/// Markdown cells of several lines: each escaped, joined by `<br>`.
fn md_lines(lines: &[String]) -> String {
    lines.iter().map(|l| md_cell(l)).collect::<Vec<_>>().join("<br>")
}

/// Markdown rendering.
pub fn markdown(r: &AssessmentResult) -> String {
    let mut out = String::new();
    header(r, &mut out, true);
    for s in &r.standards {
        let c = s.counts;
        let _ = writeln!(out, "## {} (`{}`): {}", s.name, s.id, s.result.as_str());
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "{} pass, {} fail, {} needs-evidence, {} not-applicable; {} requirement(s) above class {} not assessed.",
            c.pass, c.fail, c.needs_evidence, c.not_applicable, s.above_class, r.class.class
        );
        let _ = writeln!(out, "{}.", confirmed_line(s));
        let _ = writeln!(out);
        let _ = writeln!(out, "| section | title | pass | fail | needs-evidence | not-applicable |");
        let _ = writeln!(out, "|---|---|---:|---:|---:|---:|");
        for sec in &s.sections {
            let k = sec.counts;
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                sec.id,
                md_cell(&sec.title),
                k.pass,
                k.fail,
                k.needs_evidence,
                k.not_applicable
            );
        }
        let _ = writeln!(out);
        let _ = writeln!(out, "| requirement | verdict | applies | summary | reasons | evidence | decision path |");
        let _ = writeln!(out, "|---|---|---|---|---|---|---|");
        for a in r.assessments.iter().filter(|a| a.standard == s.id) {
            let _ = writeln!(
                out,
                "| {} | **{}** | {} | {} | {} | {} | {} |",
                a.requirement,
                verdict_str(a.verdict),
                md_cell(&applicability(&a.standard, &a.requirement)),
                md_cell(&a.title),
                md_lines(&a.reasons),
                md_lines(&a.evidence),
                md_lines(&a.path)
            );
        }
        let _ = writeln!(out);
    }
    if !r.vulnerability_decisions.is_empty() {
        let _ = writeln!(out, "## Decision per component and known vulnerability (EN 18031 GEC-1)");
        let _ = writeln!(out);
        let _ =
            writeln!(out, "| component | version | vulnerability | severity | known exploited | decision | reason |");
        let _ = writeln!(out, "|---|---|---|---|---|---|---|");
        for d in &r.vulnerability_decisions {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | **{}** | {} |",
                md_cell(&d.component),
                md_cell(&d.version),
                md_cell(&d.id),
                d.severity.as_str(),
                if d.kev { "yes" } else { "no" },
                d.decision,
                md_cell(&d.reason)
            );
        }
        let _ = writeln!(out);
    }
    out
}
