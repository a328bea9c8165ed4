//! The fleet report for a terminal: the headline counts and the top of each list.

use crate::FleetReport;
use fwassure_model::escape::terminal as t;
use std::fmt::Write;

/// Rows shown per list.
const TOP: usize = 15;

/// The report as plain text.
pub fn render(r: &FleetReport) -> String {
    let s = &r.summary;
    let mut o = String::new();
    let _ = writeln!(
        o,
        "Fleet: {} images ({} scanned, {} failed), {} vendors, {} products",
        s.images, s.scanned, s.failed, s.vendors, s.products
    );
    let _ = writeln!(
        o,
        "Shared secrets: {} ({} across vendors) in {} images; {} component versions; {} open vulnerabilities ({} known exploited)",
        s.shared_secrets, s.cross_vendor_secrets, s.images_with_shared_secrets, s.component_versions, s.vulnerabilities, s.known_exploited
    );
    if !r.shared_secrets.is_empty() {
        let _ = writeln!(o, "\nSecrets shared across images:");
        for x in r.shared_secrets.iter().take(TOP) {
            let _ = writeln!(
                o,
                "  {:>4} images  {:<8} {}  {}  [{}]",
                x.image_count(),
                x.severity,
                t(&x.kinds.join(",")),
                t(&x.subjects.join(",")),
                t(&x.fingerprint)
            );
            let vendors = x.vendors.iter().map(|v| t(v)).collect::<Vec<_>>().join(", ");
            let _ = writeln!(o, "        vendors: {vendors}");
        }
        more(&mut o, r.shared_secrets.len());
    }
    if !r.vulnerabilities.is_empty() {
        let _ = writeln!(o, "\nVulnerabilities by prevalence:");
        for v in r.vulnerabilities.iter().take(TOP) {
            let kev = if v.kev { " KEV" } else { "" };
            let _ = writeln!(
                o,
                "  {:>4} images  {:<16} {:<8}{kev}  {}",
                v.images,
                t(&v.id),
                v.severity,
                t(&v.components.join("; "))
            );
        }
        more(&mut o, r.vulnerabilities.len());
    }
    if !r.components.is_empty() {
        let _ = writeln!(o, "\nComponents by prevalence:");
        for c in r.components.iter().take(TOP) {
            let _ = writeln!(o, "  {:>4} images  {} {}", c.images, t(&c.name), t(&c.version));
        }
        more(&mut o, r.components.len());
    }
    if !r.worst_images.is_empty() {
        let _ = writeln!(o, "\nWorst images (risk = 1000×KEV + 100×critical + 10×high + failed requirements):");
        for i in &r.worst_images {
            let _ = writeln!(
                o,
                "  {:>6}  {}  ({} KEV, {} critical, {} high, {} failed requirements)",
                i.risk,
                t(&i.path),
                i.kev,
                i.critical,
                i.high,
                i.failed_requirements
            );
        }
    }
    if !r.standards.is_empty() {
        let _ = writeln!(o, "\nStandards (requirements failed by at least one image):");
        for st in &r.standards {
            let worst = st.requirements.iter().filter(|v| v.fail > 0).max_by_key(|v| v.fail);
            let w =
                worst.map(|v| format!("; most failed: {} by {} images", t(&v.requirement), v.fail)).unwrap_or_default();
            let _ = writeln!(
                o,
                "  {:<22} {:>4} of {} requirements{w}",
                t(&st.standard),
                st.failing_requirements,
                st.requirements.len()
            );
        }
    }
    if !r.failures.is_empty() {
        let _ = writeln!(o, "\nImages that could not be scanned:");
        for f in &r.failures {
            let _ = writeln!(o, "  {}: {}", t(&f.path), t(&f.error));
        }
    }
    o
}

fn more(o: &mut String, n: usize) {
    if n > TOP {
        let _ = writeln!(o, "  … {} more (JSON, CSV and HTML hold them all)", n - TOP);
    }
}
