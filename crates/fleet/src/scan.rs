//! Scanning many images into the store: on all cores, resumable by image hash, one image's failure (an
//! unreadable file, a scan error, even a panic in a parser) recorded and never stopping the run.

use crate::{objects, ObjectOptions, Target};
use bytes::Bytes;
use fwassure_model::Report;
use fwassure_pipeline::ScanOptions;
use fwassure_store::{ImageMeta, Store};
use sha2::{Digest, Sha256};
use std::io::Read;
use std::panic::AssertUnwindSafe;
use std::time::{Duration, Instant};

/// Options of a fleet run.
#[derive(Debug, Clone, Default)]
pub struct FleetOptions {
    /// Options of each image's scan.
    pub scan: ScanOptions,
    /// Images scanned at once (each scan also uses every core for its own files); 0 = the number of cores.
    pub jobs: usize,
    /// Scan images the store already holds again (a newer fwassure, a newer vulnerability database).
    pub rescan: bool,
    /// Scan images whose earlier scan failed again.
    pub retry_failed: bool,
    /// Where `s3://` images are fetched from.
    pub objects: ObjectOptions,
}

/// Why an image has no result: whether the store holds the failure, and whether trying again may help.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FailureKind {
    /// The image was read and its scan failed: the store holds the failure under its hash.
    Recorded,
    /// The image cannot be read (missing, unreadable, larger than the limit): nothing recorded, and trying
    /// again cannot help.
    Unreadable,
    /// The results store or the object store could not be reached or refused a request: nothing recorded,
    /// and a later try may succeed.
    Transient,
}

/// What happened to one image.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Scanned and stored.
    Scanned {
        /// The image.
        meta: ImageMeta,
        /// Its findings.
        findings: usize,
    },
    /// Already in the store: not scanned again.
    Skipped {
        /// The image.
        meta: ImageMeta,
    },
    /// Could not be read, scanned or stored; recorded in the store when the image could be read.
    Failed {
        /// Fleet name of the image.
        rel: String,
        /// Why.
        error: String,
        /// Whether the store holds the failure, and whether a retry may help.
        kind: FailureKind,
    },
}

impl Outcome {
    /// The image's fleet name.
    pub fn rel(&self) -> &str {
        match self {
            Outcome::Scanned { meta, .. } | Outcome::Skipped { meta } => &meta.path,
            Outcome::Failed { rel, .. } => rel,
        }
    }
}

/// What a fleet run did.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct RunSummary {
    /// Images named by the inputs.
    pub total: usize,
    /// Scanned and stored this run.
    pub scanned: usize,
    /// Skipped: already in the store.
    pub skipped: usize,
    /// Failed, with the reasons (fleet name, error), sorted.
    pub failed: Vec<(String, String)>,
    /// Wall time of the run.
    pub elapsed_ms: u64,
    /// Sum of the single-image scan times.
    pub scan_ms: u64,
}

impl RunSummary {
    /// Images per second over the run's wall time (scanned ones only).
    pub fn images_per_second(&self) -> f64 {
        if self.elapsed_ms == 0 {
            return 0.0;
        }
        self.scanned as f64 * 1000.0 / self.elapsed_ms as f64
    }
}

/// sha256 and size of a file, read as a stream.
pub fn identify(path: &std::path::Path) -> std::io::Result<(String, u64)> {
    let mut f = std::fs::File::open(path)?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    let mut size = 0u64;
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
        size += n as u64;
    }
    Ok((hex::encode(h.finalize()), size))
}

/// Scans one image (CPU only, no store): the report names the image by its fleet name, so a report is the
/// same whichever machine or folder scanned it. A panic inside the scan is caught and returned as an error.
pub fn scan_target(target: &Target, opts: &ScanOptions) -> Result<(Report, Duration), String> {
    let start = Instant::now();
    let data = fwassure_pipeline::image_file::read(&target.path).map_err(|e| format!("cannot read: {e}"))?;
    scan_image_bytes(&target.rel, data, opts).map(|r| (r, start.elapsed()))
}

/// [`scan_target`] over bytes already in memory (an upload, an object from a store).
pub fn scan_image_bytes(rel: &str, data: bytes::Bytes, opts: &ScanOptions) -> Result<Report, String> {
    match std::panic::catch_unwind(AssertUnwindSafe(|| fwassure_pipeline::scan_bytes(rel, data, opts))) {
        Ok(Ok((_vfs, report))) => Ok(report),
        Ok(Err(e)) => Err(e.to_string()),
        Err(panic) => {
            let msg = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            Err(format!("the scan stopped on an internal error: {msg}"))
        }
    }
}

/// The scan time to record: the document time when the scan is reproducible, else now.
fn scanned_at(opts: &ScanOptions) -> String {
    fwassure_pipeline::document_time(opts.reproducible).unwrap_or_default()
}

/// One image end to end: identify, skip when the store holds it, scan, store. The queue workers and the
/// server call it, so every front end stores the same thing; the scan runs on tokio's blocking threads.
pub async fn scan_into(store: &Store, target: &Target, opts: &FleetOptions) -> Outcome {
    let (meta, data) = match lookup(store, target, opts).await {
        Ok(found) => found,
        Err(done) => return done,
    };
    let (t, o) = (target.clone(), opts.scan.clone());
    let scanned = match tokio::task::spawn_blocking(move || scan_fetched(&t, data, &o)).await {
        Ok(r) => r,
        Err(e) => Err(format!("the scan stopped on an internal error: {e}")),
    };
    finish(store, target, meta, scanned).await
}

/// The image's identity (and its bytes when they had to be fetched to be hashed: an object), or the outcome
/// when it needs no scan: skipped because the store holds it (its path is added), or failed because it
/// cannot be read or the store cannot be asked.
async fn lookup(store: &Store, target: &Target, opts: &FleetOptions) -> Result<(ImageMeta, Option<Bytes>), Outcome> {
    let fail = |error: String, kind| Outcome::Failed { rel: target.rel.clone(), error, kind };
    let (sha256, size, data) = match &target.object {
        Some(url) => {
            let limit = opts.objects.limit(opts.scan.limits.max_stream_bytes);
            match objects::fetch(url, &opts.objects, limit).await {
                Ok((data, sha256)) => (sha256, data.len() as u64, Some(data)),
                Err(e) => {
                    let kind = if e.is_transient() { FailureKind::Transient } else { FailureKind::Unreadable };
                    return Err(fail(format!("cannot read: {e}"), kind));
                }
            }
        }
        None => match identify(&target.path) {
            Ok((sha256, size)) => (sha256, size, None),
            Err(e) => return Err(fail(format!("cannot read: {e}"), FailureKind::Unreadable)),
        },
    };
    let meta = ImageMeta::new(&sha256, size, &target.rel, 0).at(&scanned_at(&opts.scan));
    if opts.rescan {
        return Ok((meta, data));
    }
    let held = if opts.retry_failed { store.has_scanned(&sha256).await } else { store.has_image(&sha256).await };
    match held {
        Ok(true) => {
            let _ = store.add_path(&sha256, &target.rel).await;
            if let Some(url) = &target.object {
                let _ = store.add_path(&sha256, url).await;
            }
            Err(Outcome::Skipped { meta })
        }
        Ok(false) => Ok((meta, data)),
        Err(e) => Err(fail(e.to_string(), FailureKind::Transient)),
    }
}

/// Scans the bytes fetched for `target`, or reads its file and scans that.
fn scan_fetched(target: &Target, data: Option<Bytes>, opts: &ScanOptions) -> Result<(Report, Duration), String> {
    match data {
        Some(data) => {
            let start = Instant::now();
            scan_image_bytes(&target.rel, data, opts).map(|r| (r, start.elapsed()))
        }
        None => scan_target(target, opts),
    }
}

/// [`record`], and the object's URL among the image's paths when it came from an object store.
async fn finish(
    store: &Store,
    target: &Target,
    meta: ImageMeta,
    scanned: Result<(Report, Duration), String>,
) -> Outcome {
    let sha256 = meta.sha256.clone();
    let outcome = record(store, meta, scanned).await;
    if let Some(url) = &target.object {
        let stored = match &outcome {
            Outcome::Scanned { meta, .. } => Some(meta.sha256.as_str()),
            Outcome::Failed { kind: FailureKind::Recorded, .. } => Some(sha256.as_str()),
            _ => None,
        };
        if let Some(sha256) = stored {
            let _ = store.add_path(sha256, url).await;
        }
    }
    outcome
}

/// Stores a scan's result: the report, or the failure.
pub async fn record(store: &Store, mut meta: ImageMeta, scanned: Result<(Report, Duration), String>) -> Outcome {
    match scanned {
        Ok((report, took)) => {
            meta.scan_ms = took.as_millis() as u64;
            if report.image.sha256 != meta.sha256 {
                // the file changed between hashing and scanning: keep what was scanned
                meta.sha256 = report.image.sha256.clone();
                meta.size = report.image.size;
            }
            match store.put_report(&meta, &report).await {
                Ok(()) => Outcome::Scanned { findings: report.findings.len(), meta },
                Err(e) => Outcome::Failed { rel: meta.path, error: e.to_string(), kind: FailureKind::Transient },
            }
        }
        Err(error) => match store.put_failure(&meta, &error).await {
            Ok(()) => Outcome::Failed { rel: meta.path, error, kind: FailureKind::Recorded },
            Err(e) => Outcome::Failed {
                rel: meta.path,
                error: format!("{error}; and not recorded: {e}"),
                kind: FailureKind::Transient,
            },
        },
    }
}

/// Scans every target into the store, `opts.jobs` at a time, calling `progress` after each image.
pub fn run(
    store: &Store,
    runtime: &tokio::runtime::Handle,
    targets: &[Target],
    opts: &FleetOptions,
    progress: &(dyn Fn(&Outcome) + Sync),
) -> RunSummary {
    let start = Instant::now();
    let jobs = if opts.jobs == 0 { std::thread::available_parallelism().map_or(1, |n| n.get()) } else { opts.jobs };
    let outcomes: Vec<Outcome> = match rayon::ThreadPoolBuilder::new().num_threads(jobs).build() {
        Ok(pool) => pool.install(|| {
            use rayon::prelude::*;
            targets
                .par_iter()
                .with_max_len(1)
                .map(|t| {
                    let o = runtime.block_on(scan_local(store, t, opts));
                    progress(&o);
                    o
                })
                .collect()
        }),
        Err(e) => targets
            .iter()
            .map(|t| Outcome::Failed { rel: t.rel.clone(), error: e.to_string(), kind: FailureKind::Transient })
            .collect(),
    };
    let mut s = RunSummary { total: targets.len(), ..Default::default() };
    for o in outcomes {
        match o {
            Outcome::Scanned { meta, .. } => {
                s.scanned += 1;
                s.scan_ms += meta.scan_ms;
            }
            Outcome::Skipped { .. } => s.skipped += 1,
            Outcome::Failed { rel, error, .. } => s.failed.push((rel, error)),
        }
    }
    s.failed.sort();
    s.elapsed_ms = start.elapsed().as_millis() as u64;
    s
}

/// [`scan_into`] for a local run: the scan runs on the calling rayon thread rather than tokio's blocking
/// pool, so that `jobs` bounds how many images are in memory at once.
async fn scan_local(store: &Store, target: &Target, opts: &FleetOptions) -> Outcome {
    match lookup(store, target, opts).await {
        Ok((meta, data)) => {
            let scanned = scan_fetched(target, data, &opts.scan);
            finish(store, target, meta, scanned).await
        }
        Err(done) => done,
    }
}
