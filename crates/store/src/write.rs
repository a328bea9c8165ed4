//! Writing an image's results: one transaction per image, replacing whatever the store held for it, so a
//! rescan (a newer fwassure, a newer vulnerability database) never leaves stale rows behind.

use crate::{Error, ImageMeta, Store};
use fwassure_model::{Report, Severity, Verdict, VulnStatus};
use serde::Serialize;
use std::io::Write;

/// The serialised name of an enum value (`high`, `needs-evidence`, `private-key`), as the report writes it.
pub(crate) fn wire_name<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

/// Severity as a number for ordering: critical 4 … info 0.
pub(crate) fn rank(s: Severity) -> i64 {
    match s {
        Severity::Info => 0,
        Severity::Low => 1,
        Severity::Medium => 2,
        Severity::High => 3,
        Severity::Critical => 4,
    }
}

fn i(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// Summary counts of a report, as the `images` table keeps them.
struct Counts {
    vulnerabilities: u64,
    kev: u64,
    critical: u64,
    high: u64,
    failed: u64,
    risk: u64,
}

fn counts(report: &Report) -> Counts {
    let open: Vec<_> = report
        .vulnerabilities
        .iter()
        .filter(|v| matches!(v.status, VulnStatus::Affected | VulnStatus::UnderInvestigation))
        .collect();
    let kev = open.iter().filter(|v| v.kev).count() as u64;
    let sev = |s: Severity| {
        (open.iter().filter(|v| v.severity == s).count() + report.findings.iter().filter(|f| f.severity == s).count())
            as u64
    };
    let critical = sev(Severity::Critical);
    let high = sev(Severity::High);
    let failed = report.assessments.iter().filter(|a| a.verdict == Verdict::Fail).count() as u64;
    Counts {
        vulnerabilities: open.len() as u64,
        kev,
        critical,
        high,
        failed,
        risk: kev * 1000 + critical * 100 + high * 10 + failed,
    }
}

fn compress(report: &Report) -> Result<Vec<u8>, Error> {
    let json = serde_json::to_vec(report)
        .map_err(|e| Error::Report { image: report.image.sha256.clone(), message: e.to_string() })?;
    let mut z = flate2::write::ZlibEncoder::new(Vec::with_capacity(json.len() / 4), flate2::Compression::new(6));
    z.write_all(&json)
        .and_then(|_| z.finish())
        .map_err(|e| Error::Report { image: report.image.sha256.clone(), message: e.to_string() })
}

/// The tables indexed per image.
const CHILD_TABLES: [&str; 5] = ["components", "vulnerabilities", "findings", "verdicts", "secrets"];

impl Store {
    /// Whether the store already holds a result (scanned or failed) for this image.
    pub async fn has_image(&self, sha256: &str) -> Result<bool, Error> {
        let row: Option<(String,)> = sqlx::query_as("SELECT status FROM images WHERE sha256 = $1")
            .bind(sha256)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.is_some())
    }

    /// Whether the store holds a successful scan of this image.
    pub async fn has_scanned(&self, sha256: &str) -> Result<bool, Error> {
        let row: Option<(String,)> = sqlx::query_as("SELECT status FROM images WHERE sha256 = $1")
            .bind(sha256)
            .fetch_optional(&self.pool)
            .await?;
        Ok(matches!(row, Some((s,)) if s == "scanned"))
    }

    /// Stores an image's report and indexes it, replacing what the store held for the image. Two writers
    /// storing the same image at once (the same bytes at two paths, scanned by two workers) both succeed:
    /// the loser of the race retries and replaces the winner's rows with the same content.
    pub async fn put_report(&self, meta: &ImageMeta, report: &Report) -> Result<(), Error> {
        let blob = compress(report)?;
        let mut attempt = 0;
        loop {
            match self.put_report_once(meta, report, &blob).await {
                Err(Error::Db(e)) if attempt < 3 && is_conflict(&e) => attempt += 1,
                other => return other,
            }
        }
    }

    async fn put_report_once(&self, meta: &ImageMeta, report: &Report, blob: &[u8]) -> Result<(), Error> {
        let c = counts(report);
        let mut tx = self.pool.begin().await?;
        // the image row first, as an upsert: it takes the row's lock (SQLite: the write lock) before any
        // other write, so writers of the same image queue behind each other instead of deadlocking
        sqlx::query(
            "INSERT INTO images (sha256, name, path, size, vendor, product, release, status, error, tool_version, \
             scanned_at, scan_ms, files, components, findings, vulnerabilities, kev, critical, high, \
             failed_requirements, problems, risk, report) VALUES ($1, $2, $3, $4, $5, $6, $7, 'scanned', NULL, $8, \
             $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21) \
             ON CONFLICT (sha256) DO UPDATE SET name = excluded.name, path = excluded.path, size = excluded.size, \
             vendor = excluded.vendor, product = excluded.product, release = excluded.release, status = 'scanned', \
             error = NULL, tool_version = excluded.tool_version, scanned_at = excluded.scanned_at, \
             scan_ms = excluded.scan_ms, files = excluded.files, components = excluded.components, \
             findings = excluded.findings, vulnerabilities = excluded.vulnerabilities, kev = excluded.kev, \
             critical = excluded.critical, high = excluded.high, failed_requirements = excluded.failed_requirements, \
             problems = excluded.problems, risk = excluded.risk, report = excluded.report",
        )
        .bind(&meta.sha256)
        .bind(&meta.name)
        .bind(&meta.path)
        .bind(i(meta.size))
        .bind(&meta.vendor)
        .bind(&meta.product)
        .bind(&meta.release)
        .bind(&report.tool.version)
        .bind(&meta.scanned_at)
        .bind(i(meta.scan_ms))
        .bind(i(report.stats.files))
        .bind(report.components.len() as i64)
        .bind(report.findings.len() as i64)
        .bind(i(c.vulnerabilities))
        .bind(i(c.kev))
        .bind(i(c.critical))
        .bind(i(c.high))
        .bind(i(c.failed))
        .bind(report.problems.len() as i64)
        .bind(i(c.risk))
        .bind(blob.to_vec())
        .execute(&mut *tx)
        .await?;
        for t in CHILD_TABLES {
            sqlx::query(sqlx::AssertSqlSafe(format!("DELETE FROM {t} WHERE image = $1")))
                .bind(&meta.sha256)
                .execute(&mut *tx)
                .await?;
        }
        insert_path(&mut tx, meta).await?;

        let mut seen = std::collections::BTreeSet::new();
        for comp in &report.components {
            if !seen.insert((comp.name.as_str(), comp.version.as_str())) {
                continue;
            }
            sqlx::query("INSERT INTO components (image, name, version, purl, cpe) VALUES ($1, $2, $3, $4, $5)")
                .bind(&meta.sha256)
                .bind(&comp.name)
                .bind(&comp.version)
                .bind(comp.purl.clone())
                .bind(comp.cpe.clone())
                .execute(&mut *tx)
                .await?;
        }
        let mut seen = std::collections::BTreeSet::new();
        for v in &report.vulnerabilities {
            if !seen.insert((v.id.as_str(), v.component.name.as_str(), v.component.version.as_str())) {
                continue;
            }
            sqlx::query(
                "INSERT INTO vulnerabilities (image, id, component, version, severity, rank, score, kev, status) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            )
            .bind(&meta.sha256)
            .bind(&v.id)
            .bind(&v.component.name)
            .bind(&v.component.version)
            .bind(v.severity.as_str())
            .bind(rank(v.severity))
            .bind(v.score)
            .bind(v.kev as i64)
            .bind(wire_name(&v.status))
            .execute(&mut *tx)
            .await?;
        }
        for (seq, f) in report.findings.iter().enumerate() {
            sqlx::query(
                "INSERT INTO findings (image, seq, rule, kind, severity, rank, layer, path, subject, message, \
                 fingerprint) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
            )
            .bind(&meta.sha256)
            .bind(seq as i64)
            .bind(&f.rule)
            .bind(wire_name(&f.kind))
            .bind(f.severity.as_str())
            .bind(rank(f.severity))
            .bind(&f.layer)
            .bind(&f.path)
            .bind(&f.subject)
            .bind(&f.message)
            .bind(f.fingerprint.clone())
            .execute(&mut *tx)
            .await?;
        }
        for ((fp, layer, path), x) in secrets(report) {
            sqlx::query(
                "INSERT INTO secrets (image, fingerprint, kind, rule, subject, rank, layer, path) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(&meta.sha256)
            .bind(fp)
            .bind(x.kind)
            .bind(x.rule)
            .bind(x.subject)
            .bind(x.rank)
            .bind(layer)
            .bind(path)
            .execute(&mut *tx)
            .await?;
        }
        let mut seen = std::collections::BTreeSet::new();
        for a in &report.assessments {
            if !seen.insert((a.standard.as_str(), a.requirement.as_str())) {
                continue;
            }
            sqlx::query("INSERT INTO verdicts (image, standard, requirement, verdict) VALUES ($1, $2, $3, $4)")
                .bind(&meta.sha256)
                .bind(&a.standard)
                .bind(&a.requirement)
                .bind(wire_name(&a.verdict))
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Records that an image could not be scanned, and why, unless a successful scan is already stored.
    pub async fn put_failure(&self, meta: &ImageMeta, error: &str) -> Result<(), Error> {
        let mut tx = self.pool.begin().await?;
        // the write comes first, so that the transaction holds SQLite's write lock from its start (a
        // transaction that reads first may not be able to upgrade once another writer has committed)
        sqlx::query("DELETE FROM images WHERE sha256 = $1 AND status <> 'scanned'")
            .bind(&meta.sha256)
            .execute(&mut *tx)
            .await?;
        let row: Option<(String,)> = sqlx::query_as("SELECT status FROM images WHERE sha256 = $1")
            .bind(&meta.sha256)
            .fetch_optional(&mut *tx)
            .await?;
        if row.is_some() {
            // a successful scan is held: keep it
            tx.commit().await?;
            return Ok(());
        }
        sqlx::query(
            "INSERT INTO images (sha256, name, path, size, vendor, product, release, status, error, tool_version, \
             scanned_at, scan_ms, files, components, findings, vulnerabilities, kev, critical, high, \
             failed_requirements, problems, risk, report) VALUES ($1, $2, $3, $4, $5, $6, $7, 'failed', $8, $9, \
             $10, $11, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, NULL) ON CONFLICT (sha256) DO NOTHING",
        )
        .bind(&meta.sha256)
        .bind(&meta.name)
        .bind(&meta.path)
        .bind(i(meta.size))
        .bind(&meta.vendor)
        .bind(&meta.product)
        .bind(&meta.release)
        .bind(error)
        .bind(env!("CARGO_PKG_VERSION"))
        .bind(&meta.scanned_at)
        .bind(i(meta.scan_ms))
        .execute(&mut *tx)
        .await?;
        insert_path(&mut tx, meta).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Records another path the same image was seen at.
    pub async fn add_path(&self, sha256: &str, path: &str) -> Result<(), Error> {
        sqlx::query("INSERT INTO image_paths (image, path) VALUES ($1, $2) ON CONFLICT DO NOTHING")
            .bind(sha256)
            .bind(path)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Removes an image and everything indexed for it. Returns whether it was there.
    pub async fn delete_image(&self, sha256: &str) -> Result<bool, Error> {
        let mut tx = self.pool.begin().await?;
        for t in ["components", "vulnerabilities", "findings", "verdicts", "secrets", "image_paths"] {
            sqlx::query(sqlx::AssertSqlSafe(format!("DELETE FROM {t} WHERE image = $1")))
                .bind(sha256)
                .execute(&mut *tx)
                .await?;
        }
        let n = sqlx::query("DELETE FROM images WHERE sha256 = $1").bind(sha256).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(n.rows_affected() > 0)
    }
}

/// What the store keeps of one secret at one place.
struct SecretRow {
    kind: String,
    rule: String,
    subject: String,
    rank: i64,
}

/// Rank of a password hash seen by the credential audit but reported by no finding: high when it is in
/// several images (a universal password, however strong), which is the only way the fleet report shows it.
const AUDIT_HASH_RANK: i64 = 3;

/// Every fingerprinted secret of a report by (fingerprint, layer, path): the findings' fingerprints, every
/// audited password hash (the credential audit fingerprints strong ones too), and every certificate of the
/// inventory. Where several sources name the same place, the finding wins (it has the severity).
fn secrets(report: &Report) -> std::collections::BTreeMap<(String, String, String), SecretRow> {
    use std::collections::btree_map::Entry;
    let mut out = std::collections::BTreeMap::new();
    let mut put = |key: (String, String, String), row: SecretRow| match out.entry(key) {
        Entry::Vacant(v) => {
            v.insert(row);
        }
        Entry::Occupied(mut o) => {
            if row.rank > o.get().rank {
                o.insert(row);
            }
        }
    };
    for f in &report.findings {
        if let Some(fp) = &f.fingerprint {
            let row = SecretRow {
                kind: wire_name(&f.kind),
                rule: f.rule.clone(),
                subject: f.subject.clone(),
                rank: rank(f.severity),
            };
            put((fp.clone(), f.layer.clone(), f.path.clone()), row);
        }
    }
    let text = |v: &serde_json::Value, k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string();
    let list = |section: &str, key: &str| -> Vec<serde_json::Value> {
        report.extra.get(section).and_then(|s| s.get(key)).and_then(|a| a.as_array()).cloned().unwrap_or_default()
    };
    for acc in list("credential_audit", "accounts") {
        let fp = text(&acc, "fingerprint");
        if !fp.is_empty() {
            let row = SecretRow {
                kind: "password-hash".into(),
                rule: "credential-audit".into(),
                subject: text(&acc, "user"),
                rank: AUDIT_HASH_RANK,
            };
            put((fp, text(&acc, "layer"), text(&acc, "path")), row);
        }
    }
    for cert in list("certificates", "certificates") {
        let sha = text(&cert, "sha256");
        if !sha.is_empty() {
            let row = SecretRow {
                kind: "certificate".into(),
                rule: "certificate-inventory".into(),
                subject: text(&cert, "subject"),
                rank: 0,
            };
            put((format!("sha256-certificate:{sha}"), text(&cert, "layer"), text(&cert, "path")), row);
        }
    }
    out
}

/// A unique-key conflict (a concurrent writer stored the same image first), a serialization failure or a
/// deadlock the server broke: worth another try.
fn is_conflict(e: &sqlx::Error) -> bool {
    e.as_database_error()
        .is_some_and(|d| d.is_unique_violation() || matches!(d.code().as_deref(), Some("40001" | "40P01")))
}

async fn insert_path(tx: &mut sqlx::Transaction<'_, sqlx::Any>, meta: &ImageMeta) -> Result<(), Error> {
    sqlx::query("INSERT INTO image_paths (image, path) VALUES ($1, $2) ON CONFLICT DO NOTHING")
        .bind(&meta.sha256)
        .bind(&meta.path)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
