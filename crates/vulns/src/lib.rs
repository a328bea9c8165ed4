//! Stage 4: match components to known vulnerabilities, offline, with firmware-grade version logic and VEX.
//!
//! * [`version`]: the firmware version comparator (OpenSSL letters, OpenSSH `p`, dates, distro revisions).
//! * [`store`]: the local store (`fwassure db import/update/status`), [`import`] reads NVD 2.0 and OSV feeds.
//! * [`starter`]: the partial starter database shipped in the binary.
//! * [`matcher`]: components × records → [`Vulnerability`]; [`vex`]: OpenVEX / CycloneDX VEX in and out.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod error;
pub mod import;
pub mod keys;
pub mod matcher;
pub mod nvd;
pub mod osv;
pub mod record;
pub mod severity;
pub mod starter;
pub mod store;
pub mod time;
pub mod update;
pub mod version;
pub mod vex;

use std::path::Path;

pub use error::Error;
use fwassure_model::{Component, Vulnerability};
pub use matcher::match_components;
pub use store::Store;

/// The vulnerability sources used by a scan: the bundled starter set plus zero or more local stores.
#[derive(Debug)]
pub struct Database {
    /// Local stores, searched first.
    pub stores: Vec<Store>,
    /// Whether the bundled starter set is used.
    pub use_starter: bool,
}

impl Database {
    /// Only the bundled starter set.
    pub fn starter_only() -> Database {
        Database { stores: Vec::new(), use_starter: true }
    }

    /// The starter set plus the store at `db`, or, without `db`, plus the user's default store when it exists.
    /// A store named by `db` must exist.
    pub fn open(db: Option<&Path>) -> Result<Database, Error> {
        let mut d = Database::starter_only();
        match db {
            Some(p) => d.stores.push(Store::open(p)?),
            None => {
                if let Some(p) = store::default_path().filter(|p| p.is_file()) {
                    d.stores.push(Store::open(&p)?);
                }
            }
        }
        Ok(d)
    }

    /// The `extra["vulnerability_database"]` section of a report: what was used, from where, how old, and that
    /// the starter set is partial.
    pub fn describe(&self) -> serde_json::Value {
        let s = starter::starter();
        let stores: Vec<serde_json::Value> = self
            .stores
            .iter()
            .map(|st| {
                serde_json::json!({
                    "path": st.path.display().to_string(),
                    "records": st.meta.records,
                    "updated": st.meta.updated,
                    "sources": st.meta.sources.iter().map(|x| x.location.clone()).collect::<Vec<_>>(),
                })
            })
            .collect();
        let mut v = serde_json::json!({
            "stores": stores,
            "partial": self.stores.is_empty(),
        });
        if self.use_starter {
            v["starter"] = serde_json::json!({
                "name": s.meta.name,
                "date": s.meta.date,
                "records": s.records.len(),
                "sources": s.meta.sources,
                "note": s.meta.note,
            });
        }
        v["note"] = serde_json::Value::String(if self.stores.is_empty() {
            format!(
                "Only the bundled starter database ({} notable CVEs, checked {}) was used: it is PARTIAL, and the \
                 absence of a match does not mean the absence of known vulnerabilities. Import NVD/OSV feeds with \
                 `fwassure db import` or `fwassure db update` for full coverage.",
                s.records.len(),
                s.meta.date
            )
        } else {
            "Local store(s) plus the bundled starter database were used; coverage is as complete as the imported \
             feeds and their date."
                .to_string()
        });
        v
    }
}

/// Match components against the bundled starter database only.
pub fn match_bundled(components: &[Component]) -> Vec<Vulnerability> {
    match_components(&Database::starter_only(), components)
}
