//! Uploads and scan jobs: bytes streamed to a content-addressed file, scanned in the background a bounded
//! number at a time, the job's state kept for the pages and the API.

use crate::{Error, ServerConfig};
use fwassure_fleet::{FleetOptions, Outcome, Target};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use tokio::io::AsyncWriteExt;
use tokio::sync::Semaphore;

/// Jobs kept in memory; the oldest finished ones are forgotten past this (their images stay in the store).
const MAX_JOBS: usize = 10_000;

/// Where a job is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum JobStatus {
    /// Waiting for a scan slot.
    Queued,
    /// Being scanned.
    Scanning,
    /// Every image scanned (or already in the store).
    Done,
    /// At least one image could not be scanned.
    Failed,
}

impl JobStatus {
    /// The status as its API name.
    pub fn name(self) -> &'static str {
        match self {
            JobStatus::Queued => "queued",
            JobStatus::Scanning => "scanning",
            JobStatus::Done => "done",
            JobStatus::Failed => "failed",
        }
    }
}

/// One image of a job.
#[derive(Debug, Clone, Serialize)]
pub struct JobItem {
    /// The image's name in the fleet (the upload's name, or its path under the folder).
    pub name: String,
    /// Its sha256, once known.
    pub sha256: Option<String>,
    /// Where its scan is.
    pub status: JobStatus,
    /// True when the store already held the image, so it was not scanned again.
    pub already_stored: bool,
    /// Why it failed.
    pub error: Option<String>,
    /// Findings, once scanned.
    pub findings: Option<usize>,
}

/// A scan job: one upload, or one folder.
#[derive(Debug, Clone, Serialize)]
pub struct Job {
    /// Its number.
    pub id: u64,
    /// `upload` or `folder`.
    pub kind: &'static str,
    /// The upload's name, or the folder.
    pub name: String,
    /// Where it is.
    pub status: JobStatus,
    /// When it was made (RFC 3339 UTC).
    pub created: String,
    /// When its first scan started.
    pub started: Option<String>,
    /// When it ended.
    pub finished: Option<String>,
    /// Images scanned so far (done or failed).
    pub completed: usize,
    /// Its images.
    pub items: Vec<JobItem>,
}

/// What the server holds.
pub(crate) struct Inner {
    pub config: ServerConfig,
    pub store: fwassure_store::Store,
    pub uploads: PathBuf,
    /// Canonical import roots.
    pub roots: Vec<PathBuf>,
    pub jobs: Mutex<BTreeMap<u64, Job>>,
    next_job: AtomicU64,
    next_tmp: AtomicU64,
    slots: Arc<Semaphore>,
    /// sha256 of each accepted token.
    pub token_hashes: Vec<[u8; 32]>,
    /// Browser sessions (random ids) made by logging in.
    pub sessions: Mutex<HashSet<String>>,
}

/// RFC 3339 UTC time now.
pub(crate) fn now() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    fwassure_report::time::rfc3339_utc(secs as i64)
}

fn io(what: impl Into<String>) -> impl FnOnce(std::io::Error) -> Error {
    let what = what.into();
    move |source| Error::Io { what, source }
}

impl Inner {
    pub async fn open(config: ServerConfig) -> Result<Inner, Error> {
        let uploads = config.data_dir.join("uploads");
        std::fs::create_dir_all(&uploads).map_err(io(format!("cannot create {}", uploads.display())))?;
        // partial uploads of an earlier run are garbage
        if let Ok(entries) = std::fs::read_dir(&uploads) {
            for e in entries.flatten() {
                if e.file_name().to_string_lossy().ends_with(".part") {
                    let _ = std::fs::remove_file(e.path());
                }
            }
        }
        let store_url = match &config.store_url {
            Some(u) => u.clone(),
            None => config.data_dir.join("fleet.db").to_string_lossy().into_owned(),
        };
        let store = fwassure_store::Store::open(&store_url).await?;
        let mut roots = Vec::new();
        for r in &config.import_roots {
            roots.push(std::fs::canonicalize(r).map_err(io(format!("import root {}", r.display())))?);
        }
        let jobs = if config.scan_jobs == 0 {
            std::thread::available_parallelism().map_or(1, |n| n.get())
        } else {
            config.scan_jobs
        };
        let token_hashes = config.tokens.iter().map(|t| crate::auth::digest(t.as_bytes())).collect();
        Ok(Inner {
            store,
            uploads,
            roots,
            jobs: Mutex::new(BTreeMap::new()),
            next_job: AtomicU64::new(1),
            next_tmp: AtomicU64::new(1),
            slots: Arc::new(Semaphore::new(jobs)),
            token_hashes,
            sessions: Mutex::new(HashSet::new()),
            config,
        })
    }

    pub fn job(&self, id: u64) -> Option<Job> {
        self.jobs.lock().expect("jobs lock").get(&id).cloned()
    }

    pub fn job_list(&self) -> Vec<Job> {
        self.jobs.lock().expect("jobs lock").values().rev().cloned().collect()
    }

    fn update(&self, id: u64, f: impl FnOnce(&mut Job)) {
        if let Some(j) = self.jobs.lock().expect("jobs lock").get_mut(&id) {
            f(j);
        }
    }

    /// Registers a job and scans its targets in the background; returns it as queued.
    pub fn submit(self: &Arc<Self>, kind: &'static str, name: String, targets: Vec<(Target, Option<String>)>) -> Job {
        let id = self.next_job.fetch_add(1, Ordering::Relaxed);
        let items = targets
            .iter()
            .map(|(t, sha)| JobItem {
                name: t.rel.clone(),
                sha256: sha.clone(),
                status: JobStatus::Queued,
                already_stored: false,
                error: None,
                findings: None,
            })
            .collect();
        let job = Job {
            id,
            kind,
            name,
            status: if targets.is_empty() { JobStatus::Done } else { JobStatus::Queued },
            created: now(),
            started: None,
            finished: if targets.is_empty() { Some(now()) } else { None },
            completed: 0,
            items,
        };
        {
            let mut jobs = self.jobs.lock().expect("jobs lock");
            jobs.insert(id, job.clone());
            while jobs.len() > MAX_JOBS {
                let oldest = jobs.iter().find(|(_, j)| j.finished.is_some()).map(|(k, _)| *k);
                match oldest {
                    Some(k) => jobs.remove(&k),
                    None => break,
                };
            }
        }
        for (index, (target, _)) in targets.into_iter().enumerate() {
            let inner = Arc::clone(self);
            tokio::spawn(async move { inner.scan_one(id, index, target).await });
        }
        job
    }

    async fn scan_one(self: Arc<Self>, id: u64, index: usize, target: Target) {
        let Ok(_permit) = Arc::clone(&self.slots).acquire_owned().await else { return };
        self.update(id, |j| {
            j.started.get_or_insert_with(now);
            j.status = JobStatus::Scanning;
            j.items[index].status = JobStatus::Scanning;
        });
        let outcome = fwassure_fleet::scan_into(&self.store, &target, &FleetOptions::default()).await;
        self.update(id, |j| {
            let item = &mut j.items[index];
            match outcome {
                Outcome::Scanned { meta, findings } => {
                    item.status = JobStatus::Done;
                    item.sha256 = Some(meta.sha256);
                    item.findings = Some(findings);
                }
                Outcome::Skipped { meta } => {
                    item.status = JobStatus::Done;
                    item.sha256 = Some(meta.sha256);
                    item.already_stored = true;
                }
                Outcome::Failed { error, .. } => {
                    item.status = JobStatus::Failed;
                    item.error = Some(error);
                }
            }
            j.completed += 1;
            if j.completed == j.items.len() {
                j.finished = Some(now());
                let failed = j.items.iter().any(|i| i.status == JobStatus::Failed);
                j.status = if failed { JobStatus::Failed } else { JobStatus::Done };
            }
        });
    }

    /// A fresh temporary file under `uploads/`, named by the server.
    pub fn temp_path(&self) -> PathBuf {
        let n = self.next_tmp.fetch_add(1, Ordering::Relaxed);
        self.uploads.join(format!("tmp-{}-{n}.part", std::process::id()))
    }

    /// The folder `requested`, when it resolves (symbolic links followed) inside an import root.
    pub fn import_folder(&self, requested: &str) -> Option<PathBuf> {
        if self.roots.is_empty() || requested.is_empty() || requested.contains('\0') {
            return None;
        }
        let p = Path::new(requested);
        // relative paths are read against the first root, never against the server's working folder
        let joined = if p.is_absolute() { p.to_path_buf() } else { self.roots[0].join(p) };
        let canon = std::fs::canonicalize(&joined).ok()?;
        (canon.is_dir() && self.roots.iter().any(|r| canon.starts_with(r))).then_some(canon)
    }
}

/// Why an upload was refused.
#[derive(Debug)]
pub(crate) enum UploadError {
    /// Nothing was sent.
    Empty,
    /// More than the limit was sent.
    TooLarge(u64),
    /// The body broke off or could not be written.
    Io(String),
}

/// An upload being written: a temporary file, its hash and size so far.
pub(crate) struct Sink {
    path: PathBuf,
    file: Option<tokio::fs::File>,
    hash: Sha256,
    size: u64,
    limit: u64,
}

impl Sink {
    pub async fn create(inner: &Inner) -> Result<Sink, UploadError> {
        let path = inner.temp_path();
        let file = tokio::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .await
            .map_err(|e| UploadError::Io(format!("cannot create the upload file: {e}")))?;
        Ok(Sink { path, file: Some(file), hash: Sha256::new(), size: 0, limit: inner.config.max_upload_bytes })
    }

    pub async fn write(&mut self, chunk: &[u8]) -> Result<(), UploadError> {
        self.size += chunk.len() as u64;
        if self.size > self.limit {
            return Err(UploadError::TooLarge(self.limit));
        }
        self.hash.update(chunk);
        let f = self.file.as_mut().ok_or_else(|| UploadError::Io("upload closed".into()))?;
        f.write_all(chunk).await.map_err(|e| UploadError::Io(format!("cannot write the upload: {e}")))
    }

    /// Keeps the upload as `uploads/<sha256>`; returns that path, the hash and the size.
    pub async fn finish(mut self, inner: &Inner) -> Result<(PathBuf, String, u64), UploadError> {
        if self.size == 0 {
            return Err(UploadError::Empty);
        }
        let mut f = self.file.take().ok_or_else(|| UploadError::Io("upload closed".into()))?;
        f.flush().await.map_err(|e| UploadError::Io(e.to_string()))?;
        f.sync_all().await.map_err(|e| UploadError::Io(e.to_string()))?;
        drop(f);
        let sha = hex::encode(std::mem::take(&mut self.hash).finalize());
        let dest = inner.uploads.join(&sha);
        tokio::fs::rename(&self.path, &dest)
            .await
            .map_err(|e| UploadError::Io(format!("cannot keep the upload: {e}")))?;
        Ok((dest, sha, self.size))
    }
}

impl Drop for Sink {
    fn drop(&mut self) {
        // an upload refused or broken off leaves nothing behind (after `finish` the file has moved)
        let _ = std::fs::remove_file(&self.path);
    }
}

/// The name an image is listed under: what the client called it, printable, at most 200 characters, no
/// leading `/` or `.` (it is a label in the store, never a path on this machine).
pub(crate) fn clean_name(raw: Option<&str>, sha: &str) -> String {
    let cleaned: String = raw
        .unwrap_or("")
        .chars()
        .filter(|c| !c.is_control())
        .take(200)
        .collect::<String>()
        .split('/')
        .filter(|s| !s.is_empty() && *s != "." && *s != "..")
        .collect::<Vec<_>>()
        .join("/");
    if cleaned.trim().is_empty() {
        format!("upload-{}", &sha[..12])
    } else {
        cleaned
    }
}
