//! The Markdown rendering, for a pull request or a release ticket.

use std::fmt::Write;

use fwassure_model::escape::markdown as md;

use super::{opt, summary_lines, verdict, MAX_LISTED};
use crate::Diff;

fn more(s: &mut String, total: usize) {
    if total > MAX_LISTED {
        let _ = writeln!(s, "\n… and {} more (see the JSON diff).", total - MAX_LISTED);
    }
}

/// Render the diff as Markdown.
pub fn render(d: &Diff) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# fwassure diff\n");
    let _ = writeln!(s, "| | image | sha256 | fwassure |\n|---|---|---|---|");
    for (label, i) in [("old", &d.old), ("new", &d.new)] {
        let _ = writeln!(s, "| {label} | {} | `{}` | {} |", md(&i.path), md(&i.sha256), md(&i.tool_version));
    }
    let _ = writeln!(s);
    for l in summary_lines(d) {
        let _ = writeln!(s, "- {l}");
    }
    for n in &d.notes {
        let _ = writeln!(s, "\n> **Note:** {}", md(n));
    }

    let c = &d.components;
    if !(c.added.is_empty() && c.removed.is_empty() && c.changed.is_empty()) {
        let _ = writeln!(s, "\n## Components\n\n| change | component | old | new |\n|---|---|---|---|");
        for x in c.changed.iter().take(MAX_LISTED) {
            let _ = writeln!(s, "| changed | {} | {} | {} |", md(&x.name), md(&x.old), md(&x.new));
        }
        for x in c.added.iter().take(MAX_LISTED) {
            let _ = writeln!(s, "| added | {} | — | {} |", md(&x.name), md(&x.version));
        }
        for x in c.removed.iter().take(MAX_LISTED) {
            let _ = writeln!(s, "| removed | {} | {} | — |", md(&x.name), md(&x.version));
        }
        more(&mut s, c.changed.len().max(c.added.len()).max(c.removed.len()));
    }

    let v = &d.vulnerabilities;
    for (title, list) in [("introduced", &v.introduced), ("fixed", &v.fixed), ("still open", &v.still_open)] {
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(
            s,
            "\n## Vulnerabilities {title} ({})\n\n| severity | id | component | old | new | known exploited |\n|---|---|---|---|---|---|",
            list.len()
        );
        for x in list.iter().take(MAX_LISTED) {
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} | {} | {} |",
                x.severity.as_str(),
                md(&x.id),
                md(&x.component),
                md(opt(&x.old_version)),
                md(opt(&x.new_version)),
                if x.kev { "yes" } else { "" }
            );
        }
        more(&mut s, list.len());
    }

    let f = &d.findings;
    for (title, list) in [("new", &f.new), ("resolved", &f.resolved)] {
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(
            s,
            "\n## Findings {title} ({})\n\n| severity | rule | path | finding |\n|---|---|---|---|",
            list.len()
        );
        for x in list.iter().take(MAX_LISTED) {
            let _ = writeln!(s, "| {} | {} | {} | {} |", x.severity.as_str(), md(&x.rule), md(&x.path), md(&x.message));
        }
        more(&mut s, list.len());
    }

    if !d.verdicts.is_empty() {
        let _ = writeln!(
            s,
            "\n## Verdicts ({})\n\n| change | standard | requirement | old | new | summary |\n|---|---|---|---|---|---|",
            d.verdicts.len()
        );
        for x in d.verdicts.iter().take(MAX_LISTED) {
            let dir = match x.direction {
                crate::VerdictDirection::Regression => "**regression**",
                crate::VerdictDirection::Improvement => "improvement",
                crate::VerdictDirection::Changed => "changed",
            };
            let _ = writeln!(
                s,
                "| {dir} | {} | {} | {} | {} | {} |",
                md(&x.standard),
                md(&x.requirement),
                verdict(x.old),
                verdict(x.new),
                md(&x.title)
            );
        }
        more(&mut s, d.verdicts.len());
    }

    if let Some(files) = &d.files {
        let _ = writeln!(s, "\n## Files\n\n| old layer | new layer | added | removed | changed | unchanged |\n|---|---|---:|---:|---:|---:|");
        let name = |r: &Option<crate::LayerRef>| {
            r.as_ref().map(|r| md(&format!("{} {}", r.id, r.format))).unwrap_or("—".into())
        };
        for l in files {
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} | {} | {} |",
                name(&l.old),
                name(&l.new),
                l.added.len(),
                l.removed.len(),
                l.changed.len(),
                l.unchanged
            );
        }
        for l in files {
            for (title, list) in [("changed", &l.changed), ("added", &l.added), ("removed", &l.removed)] {
                if list.is_empty() {
                    continue;
                }
                let _ = writeln!(
                    s,
                    "\n<details><summary>{} {title} in layer {}</summary>\n",
                    list.len(),
                    name(if l.new.is_some() { &l.new } else { &l.old })
                );
                for p in list.iter().take(MAX_LISTED) {
                    let _ = writeln!(s, "- {}", md(p));
                }
                more(&mut s, list.len());
                let _ = writeln!(s, "\n</details>");
            }
        }
    }
    s
}
