//! One job: one image, where it is and what the fleet calls it.

use fwassure_fleet::{FailureKind, FleetOptions, Outcome, Target};
use fwassure_store::Store;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// The payload of a queued job: one image.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImageJob {
    /// Absolute path of the image on the file system every worker mounts (the same path on each), or the
    /// object's `s3://bucket/key` in the object store every worker reaches.
    pub path: String,
    /// The image's fleet name, `vendor/product/file.bin` (see [`fwassure_store::split_fleet_path`]).
    pub rel: String,
}

impl ImageJob {
    /// The job of a fleet target; a file's path made absolute against the current folder.
    pub fn for_target(target: &Target) -> Result<ImageJob, crate::Error> {
        if let Some(url) = &target.object {
            return Ok(ImageJob { path: url.clone(), rel: target.rel.clone() });
        }
        let abs = std::path::absolute(&target.path)
            .map_err(|e| crate::Error::Path { path: target.path.display().to_string(), source: e })?;
        Ok(ImageJob { path: abs.to_string_lossy().into_owned(), rel: target.rel.clone() })
    }

    /// The fleet target this job names.
    pub fn target(&self) -> Target {
        let object = fwassure_fleet::objects::is_object_url(&self.path).then(|| self.path.clone());
        Target { path: PathBuf::from(&self.path), rel: self.rel.clone(), object }
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
        Outcome::Failed { error, kind: FailureKind::Recorded, .. } => Ok(JobOutcome::Failed { error }),
        Outcome::Failed { error, kind: FailureKind::Unreadable, .. } => {
            Err(JobError::Unreadable(format!("{}: {error}", job.path)))
        }
        Outcome::Failed { error, kind: FailureKind::Transient, .. } => {
            Err(JobError::Infrastructure(format!("{}: not stored: {error}", job.rel)))
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
        let rel = Target::file("x/y.bin", "y.bin");
        let abs = ImageJob::for_target(&rel).unwrap();
        assert!(abs.path.starts_with('/') && abs.path.ends_with("/x/y.bin"), "{}", abs.path);
        let s3 = ImageJob { path: "s3://fw/acme/cam/c.bin".into(), rel: "acme/cam/c.bin".into() };
        assert_eq!(s3.target().object.as_deref(), Some("s3://fw/acme/cam/c.bin"));
        assert_eq!(ImageJob::for_target(&s3.target()).unwrap(), s3, "an object's URL is kept as it is");
        assert_eq!(job.target().object, None);
        let done = serde_json::to_value(JobOutcome::Skipped { sha256: "ab".into() }).unwrap();
        assert_eq!(done, serde_json::json!({"outcome": "skipped", "sha256": "ab"}));
    }
}
