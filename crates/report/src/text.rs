//! The text rendering: a readable summary for a person at a terminal.

use fwassure_model::{Report, Severity, Verdict};
use std::fmt::Write;

/// Render the report as plain text.
pub fn render(r: &Report) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "fwassure {} report for {}", r.tool.version, r.image.path);
    let _ = writeln!(s, "  size {} bytes, sha256 {}", r.image.size, r.image.sha256);
    let _ = writeln!(
        s,
        "  {} layers, {} files, {} bytes unpacked, {} ms",
        r.stats.layers, r.stats.files, r.stats.unpacked_bytes, r.stats.elapsed_ms
    );
    for h in r.headline_problems() {
        let _ = writeln!(s, "  WARNING: {h}");
    }
    let _ = writeln!(s, "\nLayers");
    for l in &r.layers {
        let depth = depth_of(r, &l.id);
        let _ = writeln!(
            s,
            "  {}{:<4} {:<10} @0x{:08x} {:>10} bytes {:>6} files{}{}{}",
            "  ".repeat(depth),
            l.id,
            l.format,
            l.offset,
            l.size,
            l.files,
            l.path.as_deref().map(|p| format!("  from {p}")).unwrap_or_default(),
            if l.description.is_empty() { String::new() } else { format!("  ({})", l.description) },
            l.coverage.map(|c| format!("  coverage {:.1}%", c * 100.0)).unwrap_or_default()
        );
        for (k, v) in &l.attributes {
            let _ = writeln!(s, "  {}       {k}: {v}", "  ".repeat(depth));
        }
    }
    let _ = writeln!(s, "\nComponents ({})", r.components.len());
    for c in &r.components {
        let where_ = c.evidence.first().map(|e| format!("{}:{}", e.layer, e.path)).unwrap_or_default();
        let _ = writeln!(s, "  {:<20} {:<16} {}", c.name, c.version, where_);
    }
    let _ = writeln!(s, "\nFindings ({})", r.findings.len());
    for sev in [Severity::Critical, Severity::High, Severity::Medium, Severity::Low, Severity::Info] {
        let group: Vec<_> = r.findings.iter().filter(|f| f.severity == sev).collect();
        if group.is_empty() {
            continue;
        }
        let _ = writeln!(s, "  {} ({})", sev.as_str().to_uppercase(), group.len());
        for f in group {
            let _ = writeln!(s, "    [{}] {} {}:{}  {}", f.kind.as_str(), f.subject, f.layer, f.path, f.message);
            if !f.evidence.is_empty() {
                let _ = writeln!(s, "        evidence: {}", f.evidence);
            }
        }
    }
    if let Some(h) = r.extra.get("hardening") {
        let pct = |k: &str, f: &str| h.get(k).and_then(|v| v.get(f)).and_then(|v| v.as_f64()).unwrap_or(0.0);
        let _ = writeln!(
            s,
            "  hardening over {} ELF files: NX {:.0}%, canary {:.0}%, PIE {:.0}%, RELRO {:.0}% (full {:.0}%), FORTIFY {:.0}%",
            h.get("elf_files").and_then(|v| v.as_u64()).unwrap_or(0),
            pct("nx", "percent_yes"),
            pct("canary", "percent_yes"),
            pct("pie", "percent_yes"),
            pct("relro", "percent_any"),
            pct("relro", "percent_full"),
            pct("fortify", "percent_yes")
        );
    }
    if let Some(keys) = r.extra.get("private_keys").and_then(|k| k.get("keys")).and_then(|k| k.as_array()) {
        // encrypted keys that stayed closed are no finding, but they are said (never a silent miss)
        for k in keys.iter().filter(|k| k["encrypted"] == true && k["passphrase"] != "recovered") {
            let _ = writeln!(
                s,
                "  encrypted private key, {}: {}:{} ({}, {} of {} candidates tried)",
                k["passphrase"].as_str().unwrap_or_default(),
                k["layer"].as_str().unwrap_or_default(),
                k["path"].as_str().unwrap_or_default(),
                k["scheme"].as_str().unwrap_or("unknown scheme"),
                k["candidates_tried"].as_u64().unwrap_or(0),
                k["candidates"].as_u64().unwrap_or(0),
            );
        }
    }
    let _ = writeln!(s, "\nVulnerabilities ({})", r.vulnerabilities.len());
    if let Some(note) = r.extra.get("vulnerability_database").and_then(|d| d.get("note")).and_then(|n| n.as_str()) {
        let _ = writeln!(s, "  note: {note}");
    }
    let mut vulns: Vec<_> = r.vulnerabilities.iter().collect();
    vulns.sort_by(|a, b| b.severity.cmp(&a.severity).then(a.id.cmp(&b.id)));
    for v in vulns {
        let _ = writeln!(
            s,
            "  {:<8} {:<16} {:<14} {} {}{}  fixed in {}",
            v.severity.as_str(),
            v.id,
            format!("{:?}", v.status).to_lowercase(),
            v.component.name,
            v.component.version,
            if v.kev { " KEV" } else { "" },
            if v.fixed_in.is_empty() { "-".to_string() } else { v.fixed_in.join(", ") }
        );
    }
    if !r.assessments.is_empty() {
        let _ = writeln!(s, "\nAssessments");
        let mut standards: Vec<&str> = r.assessments.iter().map(|a| a.standard.as_str()).collect();
        standards.dedup();
        for st in standards {
            let of: Vec<_> = r.assessments.iter().filter(|a| a.standard == st).collect();
            let count = |v: Verdict| of.iter().filter(|a| a.verdict == v).count();
            let _ = writeln!(
                s,
                "  {st}: {} pass, {} fail, {} needs-evidence, {} not-applicable",
                count(Verdict::Pass),
                count(Verdict::Fail),
                count(Verdict::NeedsEvidence),
                count(Verdict::NotApplicable)
            );
            for a in of.iter().filter(|a| a.verdict == Verdict::Fail) {
                let _ = writeln!(s, "    FAIL {} {} ({})", a.requirement, a.title, a.findings.join(", "));
            }
        }
    }
    if !r.problems.is_empty() {
        let _ = writeln!(s, "\nProblems ({})", r.problems.len());
        for p in &r.problems {
            let _ = writeln!(
                s,
                "  {}{} {}",
                p.layer.as_deref().unwrap_or("-"),
                p.path.as_deref().map(|x| format!(":{x}")).unwrap_or_default(),
                p.message
            );
        }
    }
    // file names and strings come from the image: no control sequence reaches the terminal
    crate::escape::terminal(&s)
}

fn depth_of(r: &Report, id: &str) -> usize {
    let mut d = 0;
    let mut cur = r.layers.iter().find(|l| l.id == id);
    while let Some(l) = cur {
        match &l.parent {
            Some(p) if d < 16 => {
                d += 1;
                cur = r.layers.iter().find(|x| &x.id == p);
            }
            _ => break,
        }
    }
    d
}
