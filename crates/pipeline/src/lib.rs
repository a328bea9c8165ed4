//! The scan pipeline as a library: unpack → catalog → checks → vulns → standards → report. Each stage is a
//! pure function of the previous stages' output; this crate only wires them and times the run, so that the
//! CLI, a server and fleet workers all produce the same report for the same image and options.
//!
//! ```no_run
//! use fwassure_pipeline::{scan, ScanOptions};
//!
//! let opts = ScanOptions { reproducible: true, now: Some(fwassure_pipeline::REPRODUCIBLE_EPOCH), ..Default::default() };
//! let (_vfs, report) = scan(std::path::Path::new("firmware.bin"), &opts)?;
//! println!("{} findings, {} problems", report.findings.len(), report.problems.len());
//! # Ok::<(), fwassure_pipeline::Error>(())
//! ```
//!
//! Bytes already in memory (an upload, an object-store download) go through [`scan_bytes`].
// one justified corner: `image_file` maps the image read-only (see its docs); everything else is safe code
#![deny(unsafe_code)]

pub mod image_file;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use bytes::Bytes;
use fwassure_model::{ImageInfo, LayerSummary, Report, Stats, ToolInfo, Vfs, REPORT_SCHEMA};
use sha2::{Digest, Sha256};

/// What can stop a scan before it has a report. A hostile or unsupported image never does: what could not be
/// unpacked or recognised becomes a problem in the report.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The image file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The image path.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// `SOURCE_DATE_EPOCH` is not a usable number of seconds.
    #[error("SOURCE_DATE_EPOCH `{0}` is not a number of seconds in range")]
    Epoch(String),
    /// The vulnerability database could not be opened.
    #[error("vulnerability database: {0}")]
    VulnDb(#[source] fwassure_vulns::Error),
    /// A VEX document could not be read.
    #[error("VEX document {path}: {source}")]
    Vex {
        /// The document's path.
        path: PathBuf,
        /// Why.
        source: fwassure_vulns::Error,
    },
}

/// A function told each stage's name and wall time as the scan goes (see [`ScanOptions::on_stage`]).
pub type StageHook = fn(&str, Duration);

/// Options of one scan.
#[derive(Debug, Clone, Default)]
pub struct ScanOptions {
    /// Unpack limits.
    pub limits: fwassure_unpack::Limits,
    /// Write `elapsed_ms: 0` so that the same input gives the same bytes.
    pub reproducible: bool,
    /// Fixed "now" in seconds since the Unix epoch: the assessment date and certificate expiry are judged
    /// at this instant. `None` reads the clock. Reproducible scans set it with [`reproducible_now`].
    pub now: Option<i64>,
    /// Vulnerability store (`--db`); default: the user's store when present. The starter set is always used.
    pub db: Option<PathBuf>,
    /// VEX documents (`--vex`) applied to the matches, in order.
    pub vex: Vec<PathBuf>,
    /// Match no vulnerabilities (`sbom --no-vulns`): the inventory only.
    pub no_vulns: bool,
    /// Password-audit effort per account in core-milliseconds at the reference hash cost (`--password-work`);
    /// `None` keeps the checks' default. The account's vendor defaults and username guesses are always tried.
    pub password_work_ms: Option<u64>,
    /// Called with each stage's name (`unpack`, `content`, `catalog`, `checks`, `vulns`, `standards`) and wall
    /// time as it ends (the CLI's `--timings` prints them).
    pub on_stage: Option<StageHook>,
}

/// Wall time of each pipeline stage, handed to [`ScanOptions::on_stage`].
struct StageClock {
    hook: Option<StageHook>,
    last: Instant,
}

impl StageClock {
    fn new(hook: Option<StageHook>) -> Self {
        StageClock { hook, last: Instant::now() }
    }
    /// End the stage `name`: report its time and start the next one.
    fn lap(&mut self, name: &str) {
        if let Some(hook) = self.hook {
            let now = Instant::now();
            hook(name, now - self.last);
            self.last = now;
        }
    }
}

/// The instant a reproducible scan uses when `SOURCE_DATE_EPOCH` is unset: 2025-01-01T00:00:00Z.
pub const REPRODUCIBLE_EPOCH: i64 = 1_735_689_600;

/// The fixed "now" of a reproducible scan: `SOURCE_DATE_EPOCH` (decimal seconds since the Unix epoch, as in
/// the reproducible-builds convention) when set and not empty, else [`REPRODUCIBLE_EPOCH`].
pub fn reproducible_now() -> Result<i64, Error> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) if !v.trim().is_empty() => parse_epoch(&v),
        _ => Ok(REPRODUCIBLE_EPOCH),
    }
}

/// The creation time of a generated document (SBOM, VEX) as RFC 3339 UTC: the fixed [`reproducible_now`]
/// when `reproducible`, else `SOURCE_DATE_EPOCH` when set (the reproducible-builds convention: setting it
/// asks for a fixed time), else the clock.
pub fn document_time(reproducible: bool) -> Result<String, Error> {
    let secs = if reproducible {
        reproducible_now()?
    } else {
        match std::env::var("SOURCE_DATE_EPOCH") {
            Ok(v) if !v.trim().is_empty() => parse_epoch(&v)?,
            _ => std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs() as i64)
                .unwrap_or(0),
        }
    };
    Ok(fwassure_report::time::rfc3339_utc(secs))
}

fn parse_epoch(v: &str) -> Result<i64, Error> {
    match v.trim().parse::<i64>() {
        Ok(secs) if fwassure_standards::utc_date(secs).is_some() => Ok(secs),
        _ => Err(Error::Epoch(v.to_string())),
    }
}

/// Unpack an image file into its VFS, for the analysis stages: container bytes that no later stage reads
/// are released as unpacking goes (see [`fwassure_unpack::unpack_for_analysis`]). Returns the image's
/// description too.
pub fn unpack(path: &Path, opts: &ScanOptions) -> Result<(ImageInfo, Vfs), Error> {
    unpack_image(path, opts, false)
}

/// [`unpack`], keeping the bytes of every layer, containers and decoded streams included (`extract`
/// writes them): more memory than the analysis needs.
pub fn unpack_keeping_data(path: &Path, opts: &ScanOptions) -> Result<(ImageInfo, Vfs), Error> {
    unpack_image(path, opts, true)
}

fn unpack_image(path: &Path, opts: &ScanOptions, keep_data: bool) -> Result<(ImageInfo, Vfs), Error> {
    let data = read_image(path)?;
    Ok(unpack_data(path.display().to_string(), data, opts, keep_data))
}

/// The bytes of the image file (see [`image_file::read`]).
fn read_image(path: &Path) -> Result<Bytes, Error> {
    image_file::read(path).map_err(|source| Error::Read { path: path.to_path_buf(), source })
}

/// Unpack image bytes; `name` is what the report calls the image (its path, or an upload's file name).
fn unpack_data(name: String, data: Bytes, opts: &ScanOptions, keep_data: bool) -> (ImageInfo, Vfs) {
    let size = data.len() as u64;
    // the image hash is taken on one core while unpacking starts on the others; unpacking gets the last
    // reference to the image, so that its bytes are given back once the layers inside are read
    let (sha256, vfs) = std::thread::scope(|s| {
        let for_hash = data.clone();
        let hash = s.spawn(move || hex::encode(Sha256::digest(&for_hash)));
        let vfs = if keep_data {
            fwassure_unpack::unpack_with(data, &opts.limits)
        } else {
            fwassure_unpack::unpack_for_analysis(data, &opts.limits)
        };
        (hash.join().expect("hashing does not panic"), vfs)
    });
    (ImageInfo { path: name, size, sha256 }, vfs)
}

/// Run the whole pipeline over an image file and build the report.
pub fn scan(path: &Path, opts: &ScanOptions) -> Result<(Vfs, Report), Error> {
    // the clock starts before the read: the unpack stage includes reading (or mapping) the file
    let (start, clock) = (Instant::now(), StageClock::new(opts.on_stage));
    let data = read_image(path)?;
    scan_data(path.display().to_string(), data, opts, start, clock)
}

/// Run the whole pipeline over image bytes already in memory; `name` is what the report calls the image.
/// Gives the same report as [`scan`] of a file with those bytes and that path.
pub fn scan_bytes(name: &str, data: Bytes, opts: &ScanOptions) -> Result<(Vfs, Report), Error> {
    scan_data(name.to_string(), data, opts, Instant::now(), StageClock::new(opts.on_stage))
}

/// [`scan`] and [`scan_bytes`] once the bytes are at hand: unpack for analysis, then the later stages.
fn scan_data(
    name: String,
    data: Bytes,
    opts: &ScanOptions,
    start: Instant,
    mut clock: StageClock,
) -> Result<(Vfs, Report), Error> {
    let (image, vfs) = unpack_data(name, data, opts, false);
    clock.lap("unpack");
    let report = analyze(&vfs, image, opts, &mut clock, start)?;
    Ok((vfs, report))
}

/// The stages after unpacking, over the image's VFS: the content pass, catalog, checks, vulnerabilities,
/// standards, and the report.
fn analyze(
    vfs: &Vfs,
    image: ImageInfo,
    opts: &ScanOptions,
    clock: &mut StageClock,
    start: Instant,
) -> Result<Report, Error> {
    // the content pass: every file is read once, on all cores, for the catalog and the checks together,
    // and let go before the next is read (a lazily read filesystem is never held decoded all at once)
    let scanned = vfs.scan_files(|f| (fwassure_catalog::scan_file(f), fwassure_checks::scan_file(f)));
    clock.lap("content");
    let mut hits = Vec::new();
    let mut content = fwassure_checks::Content { files: Vec::with_capacity(scanned.results.len()) };
    for (entry, (h, c)) in scanned.results {
        hits.extend(h);
        content.files.push((entry, c));
    }
    let components = fwassure_catalog::catalog_from(vfs, hits);
    clock.lap("catalog");
    let mut check_opts = fwassure_checks::CheckOptions { now: opts.now, ..Default::default() };
    if let Some(ms) = opts.password_work_ms {
        check_opts.crack_work_us = ms.saturating_mul(1000);
    }
    let checks = fwassure_checks::run_checks_with(vfs, &components, &check_opts, &content);
    drop(content);
    clock.lap("checks");
    let vulndb = fwassure_vulns::Database::open(opts.db.as_deref()).map_err(Error::VulnDb)?;
    let mut vulnerabilities =
        if opts.no_vulns { Vec::new() } else { fwassure_vulns::match_components(&vulndb, &components) };
    let mut vex_problems = Vec::new();
    for vex in &opts.vex {
        let statements = fwassure_vulns::vex::read(vex).map_err(|source| Error::Vex { path: vex.clone(), source })?;
        // a statement that applies to nothing is a mistake to show (a typo in an id, a product the image
        // does not have), never silently dropped
        for i in fwassure_vulns::vex::apply(&mut vulnerabilities, &components, &statements) {
            vex_problems.push(fwassure_model::Problem::global(format!(
                "VEX {}: statement {} ({}) matches no vulnerability of a component in the report; not applied",
                vex.display(),
                i + 1,
                statements[i].describe()
            )));
        }
    }
    clock.lap("vulns");
    let today = opts.now.and_then(fwassure_standards::utc_date).unwrap_or_else(fwassure_standards::today_utc);
    let assessments = fwassure_standards::assess_default_on(
        &fwassure_standards::AssessInput {
            vfs,
            components: &components,
            findings: &checks.findings,
            vulnerabilities: &vulnerabilities,
        },
        today,
    );
    clock.lap("standards");
    let mut problems = vfs.all_problems();
    problems.extend(scanned.problems);
    problems.extend(checks.problems.iter().cloned());
    problems.extend(vex_problems);
    problems.sort();
    problems.dedup();
    let layers: Vec<LayerSummary> = vfs
        .layers
        .iter()
        .map(|l| LayerSummary {
            id: l.id.clone(),
            parent: l.parent.clone(),
            format: l.format.clone(),
            offset: l.offset,
            size: l.size,
            path: l.source_path.clone(),
            description: l.description.clone(),
            files: l.file_count() as u64,
            problems: l.problems.iter().map(|p| p.message.clone()).collect(),
            attributes: l.attributes.clone(),
            unclaimed: l.unclaimed.clone(),
            coverage: l.coverage(),
        })
        .collect();
    let stats = Stats {
        layers: vfs.layers.len() as u64,
        files: vfs.files().count() as u64,
        unpacked_bytes: vfs.unpacked_bytes(),
        elapsed_ms: if opts.reproducible { 0 } else { start.elapsed().as_millis() as u64 },
    };
    let report = Report {
        schema: REPORT_SCHEMA.to_string(),
        tool: ToolInfo { name: "fwassure".into(), version: env!("CARGO_PKG_VERSION").into() },
        image,
        layers,
        components,
        findings: checks.findings,
        vulnerabilities,
        assessments,
        problems,
        extra: {
            let mut extra = checks.extra;
            extra.insert("vulnerability_database".into(), vulndb.describe());
            extra
        },
        stats,
    };
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use bytes::Bytes;
    use fwassure_model::{FileData, FileSource, Node, NodeKind, ReadError, Tree};
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    /// Files read on demand that count their whole reads.
    #[derive(Debug)]
    struct Counting {
        files: Vec<(&'static str, Bytes)>,
        reads: Vec<AtomicUsize>,
    }

    impl FileSource for Counting {
        fn read(&self, key: u64, _len: u64) -> Result<Bytes, ReadError> {
            self.reads[key as usize].fetch_add(1, Ordering::Relaxed);
            Ok(self.files[key as usize].1.clone())
        }
        fn read_head(&self, key: u64, len: u64, n: usize) -> Result<Bytes, ReadError> {
            if n as u64 >= len {
                return self.read(key, len);
            }
            Ok(self.files[key as usize].1.slice(..n))
        }
    }

    fn elf(marker: &str, len: usize) -> Bytes {
        let mut b = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x02\0\xb7\0\x01\0\0\0".to_vec();
        b.resize(4096, 0);
        b.extend_from_slice(marker.as_bytes());
        b.resize(len, 0);
        Bytes::from(b)
    }

    #[test]
    fn the_analysis_reads_each_file_read_on_demand_once() {
        let dpkg: String = (0..400)
            .map(|i| {
                format!("Package: pkg{i}\nStatus: install ok installed\nVersion: 1.{i}-1\nArchitecture: arm64\n\n")
            })
            .collect();
        let big_text: String = (0..2000).map(|i| format!("line {i} of a manual page\n")).collect();
        let source = Arc::new(Counting {
            files: vec![
                ("/bin/busybox", elf("BusyBox v1.36.1 (2024-01-01 00:00:00 UTC) multi-call binary.", 300_000)),
                ("/usr/sbin/dropbear", elf("Dropbear SSH multi-purpose v2022.83", 200_000)),
                ("/var/lib/dpkg/status", Bytes::from(dpkg)),
                ("/usr/share/doc/manual.txt", Bytes::from(big_text)),
            ],
            reads: (0..4).map(|_| AtomicUsize::new(0)).collect(),
        });
        let mut t = Tree::new();
        for (key, (path, data)) in source.files.iter().enumerate() {
            let head = data.slice(..FileData::HEAD);
            let f = FileData::lazy(source.clone(), key as u64, data.len() as u64, head);
            t.insert(path, Node::new(NodeKind::File(f), 0o755)).unwrap();
        }
        let small = [
            ("/etc/inittab", "::sysinit:/etc/init.d/rcS\n::respawn:/bin/busybox telnetd -l /bin/sh\n"),
            ("/etc/init.d/rcS", "#!/bin/sh\n/usr/sbin/dropbear -R\n/bin/busybox httpd -h /www\n"),
            ("/etc/passwd", "root:x:0:0:root:/root:/bin/sh\n"),
            ("/etc/shadow", "root::19000:0:99999:7:::\n"),
            ("/etc/os-release", "ID=debian\nVERSION_ID=12\n"),
        ];
        for (path, text) in small {
            t.insert(path, Node::file(text.as_bytes())).unwrap();
        }
        t.insert("/bin/sh", Node::symlink("busybox")).unwrap();
        t.insert("/sbin/init", Node::symlink("/bin/busybox")).unwrap();
        let vfs = Vfs::from_tree("squashfs", t);
        let image = ImageInfo { path: "test".into(), size: 0, sha256: String::new() };
        let opts = ScanOptions { password_work_ms: Some(0), now: Some(REPRODUCIBLE_EPOCH), ..Default::default() };
        let report = analyze(&vfs, image, &opts, &mut StageClock::new(None), Instant::now()).unwrap();
        // the scan saw the files: busybox, dropbear and the dpkg packages are components
        let names: Vec<&str> = report.components.iter().map(|c| c.name.as_str()).collect();
        assert!(names.contains(&"busybox") && names.contains(&"pkg7"), "{names:?}");
        for ((path, _), n) in source.files.iter().zip(&source.reads) {
            assert_eq!(n.load(Ordering::Relaxed), 1, "{path} is read once, by the content pass");
        }
    }

    #[test]
    fn bytes_in_memory_give_the_report_of_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("image.bin");
        let mut data = b"\x1f\x8b not really gzip; ".to_vec();
        data.extend((0..5000u32).flat_map(|i| i.to_le_bytes()));
        std::fs::write(&path, &data).unwrap();
        let opts = ScanOptions { reproducible: true, now: Some(REPRODUCIBLE_EPOCH), ..Default::default() };
        let (_, from_file) = scan(&path, &opts).unwrap();
        let (_, from_bytes) = scan_bytes(&path.display().to_string(), Bytes::from(data), &opts).unwrap();
        assert_eq!(
            serde_json::to_string(&from_file).unwrap(),
            serde_json::to_string(&from_bytes).unwrap(),
            "same bytes and name, same report"
        );
        assert_eq!(from_file.image.size, 5000 * 4 + 20);
    }

    #[test]
    fn stage_hook_hears_every_stage() {
        use std::sync::Mutex;
        static HEARD: Mutex<Vec<String>> = Mutex::new(Vec::new());
        fn hook(name: &str, _: Duration) {
            HEARD.lock().unwrap().push(name.to_string());
        }
        let opts = ScanOptions { on_stage: Some(hook), now: Some(REPRODUCIBLE_EPOCH), ..Default::default() };
        scan_bytes("x", Bytes::from_static(b"hello"), &opts).unwrap();
        assert_eq!(*HEARD.lock().unwrap(), ["unpack", "content", "catalog", "checks", "vulns", "standards"]);
    }

    #[test]
    fn epoch_parsing() {
        assert_eq!(parse_epoch("1700000000").unwrap(), 1_700_000_000);
        assert_eq!(parse_epoch(" 0\n").unwrap(), 0);
        assert!(parse_epoch("2024-01-01").is_err());
        assert!(parse_epoch("99999999999999999").is_err());
        let d = fwassure_standards::utc_date(REPRODUCIBLE_EPOCH).unwrap();
        assert_eq!(d.to_string(), "2025-01-01");
    }
}
