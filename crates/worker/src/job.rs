//! One job: one image, where it is and what the fleet calls it.

use fwassure_fleet::{FleetOptions, Outcome, Target};
use fwassure_store::Store;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// The payload of a queued job: one image.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImageJob {
    /// Absolute path of the image on the file system every worker mounts (the same path on each).
    pub path: String,
    /// The image's fleet name, `vendor/product/file.bin` (see [`fwassure_store::split_fleet_path`]).
    pub rel: String,
}

impl ImageJob {
    /// The job of a fleet target; its path made absolute against the current folder.
    pub fn for_target(target: &Target) -> Result<ImageJob, crate::Error> {
        let abs = std::path::absolute(&target.path)
            .map_err(|e| crate::Error::Path { path: target.path.display().to_string(), source: e })?;
        Ok(ImageJob { path: abs.to_string_lossy().into_owned(), rel: target.rel.clone() })
    }

    /// The fleet target this job names.
    pub fn target(&self) -> Target {
        Target { path: PathBuf::from(&self.path), rel: self.rel.clone() }
    }
}

/// What a finished job left in the queue's result column (and in a worker's log).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "kebab-case")]
pub enum JobOutcome {
    /// Scanned and stored.
    Scanned {
        /// Image sha256.
        sha256: String,
        /// Findings stored.
        findings: usize,
    },
    /// The store already held the image.
    Skipped {
        /// Image sha256.
        sha256: String,
    },
    /// The scan failed and the store holds the failure.
    Failed {
        /// Why the scan failed.
        error: String,
    },
}

/// Why a job did not finish: the queue retries it later, or never.
#[derive(Debug)]
pub(crate) enum JobError {
    /// The store could not be reached or written: retry.
    Infrastructure(String),
    /// The image cannot be read on this file system: no retry can help.
    Unreadable(String),
}

/// Scans one image into the store and decides what became of the job.
pub(crate) async fn run_job(store: &Store, job: &ImageJob, opts: &FleetOptions) -> Result<JobOutcome, JobError> {
    let target = job.target();
    match fwassure_fleet::scan_into(store, &target, opts).await {
        Outcome::Scanned { meta, findings } => Ok(JobOutcome::Scanned { sha256: meta.sha256, findings }),
        Outcome::Skipped { meta } => Ok(JobOutcome::Skipped { sha256: meta.sha256 }),
        Outcome::Failed { error, .. } => {
            // A failed scan is recorded under the image's hash; anything else (the file unreadable, the store
            // unreachable or refusing the write) left no record, and the record decides.
            let path = target.path.clone();
            let identity = tokio::task::spawn_blocking(move || fwassure_fleet::identify(&path)).await;
            let sha256 = match identity {
                Ok(Ok((sha256, _))) => sha256,
                Ok(Err(e)) => return Err(JobError::Unreadable(format!("{}: cannot read: {e}", job.path))),
                Err(e) => return Err(JobError::Infrastructure(e.to_string())),
            };
            match store.has_image(&sha256).await {
                Ok(true) => Ok(JobOutcome::Failed { error }),
                Ok(false) => Err(JobError::Infrastructure(format!("{}: not stored: {error}", job.rel))),
                Err(e) => Err(JobError::Infrastructure(format!("{}: {error}; store: {e}", job.rel))),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn job_json_is_the_documented_payload() {
        let job = ImageJob { path: "/srv/fleet/acme/cam/c.bin".into(), rel: "acme/cam/c.bin".into() };
        let json = serde_json::to_value(&job).unwrap();
        assert_eq!(json, serde_json::json!({"path": "/srv/fleet/acme/cam/c.bin", "rel": "acme/cam/c.bin"}));
        assert_eq!(job.target().rel, "acme/cam/c.bin");
        let rel = Target { path: "x/y.bin".into(), rel: "y.bin".into() };
        let abs = ImageJob::for_target(&rel).unwrap();
        assert!(abs.path.starts_with('/') && abs.path.ends_with("/x/y.bin"), "{}", abs.path);
        let done = serde_json::to_value(JobOutcome::Skipped { sha256: "ab".into() }).unwrap();
        assert_eq!(done, serde_json::json!({"outcome": "skipped", "sha256": "ab"}));
    }
}
