//! The report: the stable `fwassure.report/v1` JSON contract. Renderers only render it.

use serde::{Deserialize, Serialize};

use crate::{Assessment, Component, Finding, Problem, Vulnerability};

/// Schema id of the JSON report.
pub const REPORT_SCHEMA: &str = "fwassure.report/v1";

/// The tool that wrote the report.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ToolInfo {
    /// Always `fwassure`.
    pub name: String,
    /// Crate version.
    pub version: String,
}

/// The scanned image.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImageInfo {
    /// Path as given on the command line.
    pub path: String,
    /// Size in bytes.
    pub size: u64,
    /// sha256, lowercase hex.
    pub sha256: String,
}

/// One layer as the report shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LayerSummary {
    /// Layer id.
    pub id: String,
    /// Parent layer id.
    pub parent: Option<String>,
    /// Format name.
    pub format: String,
    /// Offset in the parent.
    pub offset: u64,
    /// Size in the parent.
    pub size: u64,
    /// Path of the parent's file it came from.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub path: Option<String>,
    /// What was read.
    #[serde(skip_serializing_if = "String::is_empty", default)]
    pub description: String,
    /// Number of regular files.
    pub files: u64,
    /// Problems of this layer (messages).
    pub problems: Vec<String>,
    /// Header fields the layer's container states (vendor, version, target, `signature` …), sorted by key.
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty", default)]
    pub attributes: std::collections::BTreeMap<String, String>,
    /// Regions of the layer's bytes no format claimed (container layers only).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub unclaimed: Vec<crate::Unclaimed>,
    /// Share of the layer's bytes claimed by a format or padding (0–1, four decimals); absent for layers
    /// that are one format from start to end.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub coverage: Option<f64>,
}

/// Run statistics.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stats {
    /// Number of layers.
    pub layers: u64,
    /// Number of regular files in all trees.
    pub files: u64,
    /// Bytes of file data in all trees.
    pub unpacked_bytes: u64,
    /// Wall time of the scan in milliseconds (0 when the report must be byte-reproducible).
    pub elapsed_ms: u64,
}

/// The whole report.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Always [`REPORT_SCHEMA`].
    pub schema: String,
    /// Tool info.
    pub tool: ToolInfo,
    /// Image info.
    pub image: ImageInfo,
    /// Layers in id order.
    pub layers: Vec<LayerSummary>,
    /// Components, sorted by name then version.
    pub components: Vec<Component>,
    /// Findings, sorted.
    pub findings: Vec<Finding>,
    /// Vulnerabilities, sorted.
    pub vulnerabilities: Vec<Vulnerability>,
    /// Requirement verdicts.
    pub assessments: Vec<Assessment>,
    /// Problems: what could not be read or checked.
    pub problems: Vec<Problem>,
    /// Stage-specific extra sections (certificates, hardening summary, credential audit, vulnerability
    /// database notes …), keyed by section name; sorted because it is a `BTreeMap`.
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty", default)]
    pub extra: std::collections::BTreeMap<String, serde_json::Value>,
    /// Statistics.
    pub stats: Stats,
}

impl Report {
    /// Problems a reader must see before anything else, as every rendering shows them first: no root
    /// filesystem was found, nothing in the image was recognised, or a large region is encrypted or of an
    /// unknown format. An image with these is not a clean one, whatever the findings say.
    pub fn headline_problems(&self) -> Vec<&str> {
        // `problems` holds every layer's problems too; the same message from two layers is said once
        let mut out: Vec<&str> = Vec::new();
        for p in self.problems.iter().filter(|p| p.is_headline()) {
            if !out.contains(&p.message.as_str()) {
                out.push(&p.message);
            }
        }
        out
    }
}
