//! The fleet report as CSV, one table at a time (RFC 4180: comma-separated, CRLF line ends, quoted
//! where needed). Cells that a spreadsheet would read as a formula (`=`, `+`, `-`, `@` first) get a leading
//! `'`: image contents reach these cells.

use crate::FleetReport;
use std::fmt;
use std::str::FromStr;

/// The tables a fleet report exports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    /// One row per image.
    Images,
    /// One row per shared secret and image holding it.
    SharedSecrets,
    /// One row per vulnerability.
    Vulnerabilities,
    /// One row per component version.
    Components,
    /// One row per standard and requirement.
    Verdicts,
}

impl Table {
    /// Every table, in the order `--table all` writes them.
    pub const ALL: [Table; 5] =
        [Table::Images, Table::SharedSecrets, Table::Vulnerabilities, Table::Components, Table::Verdicts];

    /// The table's name on the command line and as a file stem.
    pub fn name(self) -> &'static str {
        match self {
            Table::Images => "images",
            Table::SharedSecrets => "shared-secrets",
            Table::Vulnerabilities => "vulnerabilities",
            Table::Components => "components",
            Table::Verdicts => "verdicts",
        }
    }
}

impl fmt::Display for Table {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Table {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Table::ALL.into_iter().find(|t| t.name() == s).ok_or_else(|| {
            format!("unknown table {s:?}: one of images, shared-secrets, vulnerabilities, components, verdicts")
        })
    }
}

fn cell(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{s}") } else { s.to_string() };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

fn row(out: &mut String, cells: &[String]) {
    let line: Vec<String> = cells.iter().map(|c| cell(c)).collect();
    out.push_str(&line.join(","));
    out.push_str("\r\n");
}

macro_rules! cells {
    ($($e:expr),* $(,)?) => { [$($e.to_string()),*] };
}

/// One table of the report as CSV with a header row.
pub fn render(r: &FleetReport, table: Table) -> String {
    let mut out = String::new();
    match table {
        Table::Images => {
            row(
                &mut out,
                &cells![
                    "path",
                    "sha256",
                    "size",
                    "vendor",
                    "product",
                    "release",
                    "status",
                    "error",
                    "components",
                    "findings",
                    "vulnerabilities",
                    "known_exploited",
                    "critical",
                    "high",
                    "failed_requirements",
                    "problems",
                    "risk",
                    "scan_ms"
                ],
            );
            for i in &r.images {
                row(
                    &mut out,
                    &cells![
                        i.path,
                        i.sha256,
                        i.size,
                        i.vendor,
                        i.product,
                        i.release,
                        i.status,
                        i.error.as_deref().unwrap_or(""),
                        i.components,
                        i.findings,
                        i.vulnerabilities,
                        i.kev,
                        i.critical,
                        i.high,
                        i.failed_requirements,
                        i.problems,
                        i.risk,
                        i.scan_ms
                    ],
                );
            }
        }
        Table::SharedSecrets => {
            row(
                &mut out,
                &cells![
                    "fingerprint",
                    "kinds",
                    "subjects",
                    "severity",
                    "images",
                    "vendors",
                    "image",
                    "image_sha256",
                    "location"
                ],
            );
            for s in &r.shared_secrets {
                for i in &s.images {
                    row(
                        &mut out,
                        &cells![
                            s.fingerprint,
                            s.kinds.join(" "),
                            s.subjects.join(" "),
                            s.severity,
                            s.image_count(),
                            s.vendors.join(" "),
                            i.image,
                            i.sha256,
                            i.location
                        ],
                    );
                }
            }
        }
        Table::Vulnerabilities => {
            row(&mut out, &cells!["id", "images", "severity", "score", "known_exploited", "components"]);
            for v in &r.vulnerabilities {
                let score = v.score.map(|s| format!("{s:.1}")).unwrap_or_default();
                row(&mut out, &cells![v.id, v.images, v.severity, score, v.kev, v.components.join("; ")]);
            }
        }
        Table::Components => {
            row(&mut out, &cells!["name", "version", "images"]);
            for c in &r.components {
                row(&mut out, &cells![c.name, c.version, c.images]);
            }
        }
        Table::Verdicts => {
            row(&mut out, &cells!["standard", "requirement", "pass", "fail", "needs_evidence", "not_applicable"]);
            for s in &r.standards {
                for v in &s.requirements {
                    row(
                        &mut out,
                        &cells![v.standard, v.requirement, v.pass, v.fail, v.needs_evidence, v.not_applicable],
                    );
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_and_defused() {
        assert_eq!(cell("plain"), "plain");
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("-1"), "'-1");
        assert_eq!("shared-secrets".parse::<Table>().unwrap(), Table::SharedSecrets);
        assert!("x".parse::<Table>().is_err());
    }
}
