//! The text rendering, for a terminal.

use std::fmt::Write;

use fwassure_model::escape::terminal;

use super::{opt, summary_lines, verdict, MAX_LISTED};
use crate::Diff;

fn more(s: &mut String, total: usize) {
    if total > MAX_LISTED {
        let _ = writeln!(s, "    … and {} more", total - MAX_LISTED);
    }
}

/// Render the diff as plain text.
pub fn render(d: &Diff) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "fwassure diff");
    let _ = writeln!(s, "  old: {} (sha256 {}, fwassure {})", d.old.path, d.old.sha256, d.old.tool_version);
    let _ = writeln!(s, "  new: {} (sha256 {}, fwassure {})", d.new.path, d.new.sha256, d.new.tool_version);
    for l in summary_lines(d) {
        let _ = writeln!(s, "  {l}");
    }
    for n in &d.notes {
        let _ = writeln!(s, "  note: {n}");
    }

    let c = &d.components;
    if !(c.added.is_empty() && c.removed.is_empty() && c.changed.is_empty()) {
        let _ = writeln!(s, "\nComponents");
        for x in c.changed.iter().take(MAX_LISTED) {
            let _ = writeln!(s, "  ~ {} {} -> {}", x.name, x.old, x.new);
        }
        more(&mut s, c.changed.len());
        for x in c.added.iter().take(MAX_LISTED) {
            let _ = writeln!(s, "  + {} {}", x.name, x.version);
        }
        more(&mut s, c.added.len());
        for x in c.removed.iter().take(MAX_LISTED) {
            let _ = writeln!(s, "  - {} {}", x.name, x.version);
        }
        more(&mut s, c.removed.len());
    }

    let v = &d.vulnerabilities;
    for (title, list) in [("introduced", &v.introduced), ("fixed", &v.fixed), ("still open", &v.still_open)] {
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(s, "\nVulnerabilities {title} ({})", list.len());
        for x in list.iter().take(MAX_LISTED) {
            let _ = writeln!(
                s,
                "  {:<8} {:<18} {} {} -> {}{}",
                x.severity.as_str(),
                x.id,
                x.component,
                opt(&x.old_version),
                opt(&x.new_version),
                if x.kev { "  [known exploited]" } else { "" }
            );
        }
        more(&mut s, list.len());
    }

    let f = &d.findings;
    for (title, list) in [("new", &f.new), ("resolved", &f.resolved)] {
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(s, "\nFindings {title} ({})", list.len());
        for x in list.iter().take(MAX_LISTED) {
            let _ = writeln!(s, "  {:<8} {} {}: {}", x.severity.as_str(), x.rule, x.path, x.message);
        }
        more(&mut s, list.len());
    }

    if !d.verdicts.is_empty() {
        let _ = writeln!(s, "\nVerdicts ({})", d.verdicts.len());
        for x in d.verdicts.iter().take(MAX_LISTED) {
            let dir = match x.direction {
                crate::VerdictDirection::Regression => "REGRESSION",
                crate::VerdictDirection::Improvement => "improvement",
                crate::VerdictDirection::Changed => "changed",
            };
            let _ = writeln!(
                s,
                "  {dir:<11} {} {}: {} -> {}  {}",
                x.standard,
                x.requirement,
                verdict(x.old),
                verdict(x.new),
                x.title
            );
        }
        more(&mut s, d.verdicts.len());
    }

    if let Some(files) = &d.files {
        let _ = writeln!(s, "\nFiles");
        for l in files {
            let name = |r: &Option<crate::LayerRef>| {
                r.as_ref().map(|r| format!("{} {}", r.id, r.format)).unwrap_or("—".into())
            };
            let _ = writeln!(
                s,
                "  layer {} -> {}: {} added, {} removed, {} changed, {} unchanged",
                name(&l.old),
                name(&l.new),
                l.added.len(),
                l.removed.len(),
                l.changed.len(),
                l.unchanged
            );
            for (mark, list) in [("~", &l.changed), ("+", &l.added), ("-", &l.removed)] {
                for p in list.iter().take(MAX_LISTED) {
                    let _ = writeln!(s, "    {mark} {p}");
                }
                more(&mut s, list.len());
            }
        }
    }
    // names and paths come from the images: no control sequence reaches the terminal
    terminal(&s)
}
