//! The fleet report: what a fleet owner asks of the store, answered in one document (`fwassure.fleet/v1`).
//! Built by queries only ([`FleetReport::generate`]); the renderers only render.

use fwassure_store::{ComponentCount, ImageRow, SharedSecret, Store, VerdictCount, VulnCount};
use serde::Serialize;
use std::collections::BTreeSet;

/// The schema name of the fleet report's JSON.
pub const FLEET_SCHEMA: &str = "fwassure.fleet/v1";

/// Options of a fleet report.
#[derive(Debug, Clone)]
pub struct FleetReportOptions {
    /// Images in the worst-images list.
    pub worst: u64,
    /// Only this standard in the verdict matrix (all when `None`).
    pub standard: Option<String>,
    /// Smallest number of images a secret must be in to count as shared.
    pub min_shared: u64,
    /// Document time (RFC 3339) written in the report.
    pub generated: String,
}

impl Default for FleetReportOptions {
    fn default() -> Self {
        FleetReportOptions { worst: 20, standard: None, min_shared: 2, generated: String::new() }
    }
}

/// Headline counts of a fleet.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FleetSummary {
    /// Images in the store.
    pub images: u64,
    /// Scanned successfully.
    pub scanned: u64,
    /// Failed to scan.
    pub failed: u64,
    /// Distinct vendors (first folder of the fleet path).
    pub vendors: u64,
    /// Distinct products (vendor and second folder).
    pub products: u64,
    /// Distinct component versions.
    pub component_versions: u64,
    /// Distinct open vulnerabilities.
    pub vulnerabilities: u64,
    /// Distinct open known-exploited vulnerabilities.
    pub known_exploited: u64,
    /// Secrets (keys, certificates, passwords, hashes, tokens) in more than one image.
    pub shared_secrets: u64,
    /// Images holding at least one shared secret.
    pub images_with_shared_secrets: u64,
    /// Shared secrets that cross vendors.
    pub cross_vendor_secrets: u64,
}

/// The verdicts of one standard across the fleet.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StandardMatrix {
    /// Standard id.
    pub standard: String,
    /// Requirements failed by at least one image.
    pub failing_requirements: u64,
    /// Per requirement, how many images pass, fail, need evidence or are n/a.
    pub requirements: Vec<VerdictCount>,
}

/// A scan that failed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FleetFailure {
    /// Fleet path.
    pub path: String,
    /// sha256.
    pub sha256: String,
    /// Why.
    pub error: String,
}

/// The fleet report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FleetReport {
    /// Always [`FLEET_SCHEMA`].
    pub schema: String,
    /// fwassure version that wrote the report.
    pub tool_version: String,
    /// Document time.
    pub generated: String,
    /// Headline counts.
    pub summary: FleetSummary,
    /// Secrets found in several images, most widely shared first.
    pub shared_secrets: Vec<SharedSecret>,
    /// Open vulnerabilities by prevalence.
    pub vulnerabilities: Vec<VulnCount>,
    /// Component versions by prevalence.
    pub components: Vec<ComponentCount>,
    /// The images at the top of the risk ranking.
    pub worst_images: Vec<ImageRow>,
    /// Verdict matrix per standard.
    pub standards: Vec<StandardMatrix>,
    /// Every image, by path.
    pub images: Vec<ImageRow>,
    /// Scans that failed: said, never silently dropped.
    pub failures: Vec<FleetFailure>,
}

impl FleetReport {
    /// Asks the store everything the report holds.
    pub async fn generate(store: &Store, opts: &FleetReportOptions) -> Result<FleetReport, fwassure_store::Error> {
        let images = store.images().await?;
        let shared_secrets = store.shared_secrets(opts.min_shared.max(2)).await?;
        let vulnerabilities = store.vulnerability_prevalence().await?;
        let components = store.component_prevalence().await?;
        let worst_images = store.worst_images(opts.worst).await?;
        let verdicts = store.verdict_matrix(opts.standard.as_deref()).await?;

        let mut standards: Vec<StandardMatrix> = Vec::new();
        for v in verdicts {
            if standards.last().is_none_or(|s| s.standard != v.standard) {
                standards.push(StandardMatrix {
                    standard: v.standard.clone(),
                    failing_requirements: 0,
                    requirements: vec![],
                });
            }
            let s = standards.last_mut().expect("pushed above");
            s.failing_requirements += u64::from(v.fail > 0);
            s.requirements.push(v);
        }
        let failures = images
            .iter()
            .filter(|i| i.status == "failed")
            .map(|i| FleetFailure {
                path: i.path.clone(),
                sha256: i.sha256.clone(),
                error: i.error.clone().unwrap_or_default(),
            })
            .collect();
        let vendors: BTreeSet<&str> = images.iter().map(|i| i.vendor.as_str()).collect();
        let products: BTreeSet<(&str, &str)> = images.iter().map(|i| (i.vendor.as_str(), i.product.as_str())).collect();
        let holders: BTreeSet<&str> =
            shared_secrets.iter().flat_map(|s| s.images.iter().map(|i| i.sha256.as_str())).collect();
        let failed = images.iter().filter(|i| i.status == "failed").count() as u64;
        let summary = FleetSummary {
            images: images.len() as u64,
            scanned: images.len() as u64 - failed,
            failed,
            vendors: vendors.len() as u64,
            products: products.len() as u64,
            component_versions: components.len() as u64,
            vulnerabilities: vulnerabilities.len() as u64,
            known_exploited: vulnerabilities.iter().filter(|v| v.kev).count() as u64,
            shared_secrets: shared_secrets.len() as u64,
            images_with_shared_secrets: holders.len() as u64,
            cross_vendor_secrets: shared_secrets.iter().filter(|s| s.vendors.len() > 1).count() as u64,
        };
        Ok(FleetReport {
            schema: FLEET_SCHEMA.to_string(),
            tool_version: env!("CARGO_PKG_VERSION").to_string(),
            generated: opts.generated.clone(),
            summary,
            shared_secrets,
            vulnerabilities,
            components,
            worst_images,
            standards,
            images,
            failures,
        })
    }
}
