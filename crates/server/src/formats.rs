//! The report formats an image can be downloaded in: each one rendered from the stored report.

use fwassure_model::Report;

/// One downloadable format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportFormat {
    /// Its name in URLs (`/api/v1/images/{sha256}/report/{name}`).
    pub name: &'static str,
    /// What it is, for the page.
    pub title: &'static str,
    /// The file name's ending.
    pub extension: &'static str,
    /// Its media type.
    pub content_type: &'static str,
}

/// Every format, in the order the pages list them.
pub const FORMATS: &[ReportFormat] = &[
    ReportFormat { name: "json", title: "fwassure report (JSON)", extension: "json", content_type: "application/json" },
    ReportFormat { name: "html", title: "HTML report", extension: "html", content_type: "text/html; charset=utf-8" },
    ReportFormat { name: "text", title: "Text summary", extension: "txt", content_type: "text/plain; charset=utf-8" },
    ReportFormat { name: "sarif", title: "SARIF 2.1.0", extension: "sarif.json", content_type: "application/json" },
    ReportFormat {
        name: "cyclonedx",
        title: "CycloneDX 1.6 SBOM",
        extension: "cdx.json",
        content_type: "application/vnd.cyclonedx+json",
    },
    ReportFormat {
        name: "spdx",
        title: "SPDX 2.3 SBOM",
        extension: "spdx.json",
        content_type: "application/spdx+json",
    },
    ReportFormat {
        name: "cyclonedx-vex",
        title: "CycloneDX VEX",
        extension: "vex.cdx.json",
        content_type: "application/vnd.cyclonedx+json",
    },
    ReportFormat {
        name: "openvex",
        title: "OpenVEX 0.2.0",
        extension: "openvex.json",
        content_type: "application/json",
    },
];

impl ReportFormat {
    /// The format named `name`.
    pub fn find(name: &str) -> Option<ReportFormat> {
        FORMATS.iter().copied().find(|f| f.name == name)
    }

    /// Whether the format is JSON.
    pub fn is_json(&self) -> bool {
        self.extension.ends_with("json")
    }

    /// The report in this format. Document times are the scan's (`scanned_at` of the store), so the same
    /// stored report always downloads as the same bytes.
    pub fn render(&self, report: &Report, scanned_at: &str) -> String {
        let created = (!scanned_at.is_empty()).then(|| scanned_at.to_string());
        let sbom = fwassure_report::SbomOptions { created: created.clone(), supplier: None };
        let vex = fwassure_report::VexOptions { created, supplier: None };
        match self.name {
            "json" => fwassure_report::json::render(report),
            "html" => fwassure_report::html::render(report),
            "text" => fwassure_report::text::render(report),
            "sarif" => fwassure_report::sarif::render(report),
            "cyclonedx" => fwassure_report::cyclonedx::render_with(report, &sbom),
            "spdx" => fwassure_report::spdx::render_with(report, &sbom),
            "cyclonedx-vex" => fwassure_report::vex::render_cyclonedx(report, &vex),
            _ => fwassure_report::vex::render_openvex(report, &vex),
        }
    }
}
