//! Fleet questions as queries over the indexed tables.

use crate::rows::*;
use crate::{Error, Store};
use fwassure_model::Report;
use sqlx::any::AnyRow;
use sqlx::Row;
use std::collections::BTreeMap;
use std::io::Read;

/// The `images` columns an [`ImageRow`] reads, as a literal so queries stay static strings.
macro_rules! image_columns {
    () => {
        "sha256, name, path, size, vendor, product, release, status, error, tool_version, scanned_at, scan_ms, \
         files, components, findings, vulnerabilities, kev, critical, high, failed_requirements, problems, risk"
    };
}

fn u(row: &AnyRow, col: &str) -> Result<u64, sqlx::Error> {
    Ok(row.try_get::<i64, _>(col)?.max(0) as u64)
}

fn image_row(row: &AnyRow) -> Result<ImageRow, sqlx::Error> {
    Ok(ImageRow {
        sha256: row.try_get("sha256")?,
        name: row.try_get("name")?,
        path: row.try_get("path")?,
        size: u(row, "size")?,
        vendor: row.try_get("vendor")?,
        product: row.try_get("product")?,
        release: row.try_get("release")?,
        status: row.try_get("status")?,
        error: row.try_get("error")?,
        tool_version: row.try_get("tool_version")?,
        scanned_at: row.try_get("scanned_at")?,
        scan_ms: u(row, "scan_ms")?,
        files: u(row, "files")?,
        components: u(row, "components")?,
        findings: u(row, "findings")?,
        vulnerabilities: u(row, "vulnerabilities")?,
        kev: u(row, "kev")?,
        critical: u(row, "critical")?,
        high: u(row, "high")?,
        failed_requirements: u(row, "failed_requirements")?,
        problems: u(row, "problems")?,
        risk: u(row, "risk")?,
    })
}

const SEVERITIES: [&str; 5] = ["info", "low", "medium", "high", "critical"];

fn severity_name(rank: i64) -> String {
    SEVERITIES.get(rank.clamp(0, 4) as usize).copied().unwrap_or("info").to_string()
}

impl Store {
    /// Every image, sorted by path then hash.
    pub async fn images(&self) -> Result<Vec<ImageRow>, Error> {
        let rows = sqlx::query(concat!("SELECT ", image_columns!(), " FROM images ORDER BY path, sha256"))
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.iter().map(image_row).collect::<Result<_, _>>()?)
    }

    /// Number of images, and how many of them failed.
    pub async fn count(&self) -> Result<(u64, u64), Error> {
        let row = sqlx::query(
            "SELECT COUNT(*) AS n, COALESCE(SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END), 0) AS failed FROM images",
        )
        .fetch_one(&self.pool)
        .await?;
        Ok((u(&row, "n")?, u(&row, "failed")?))
    }

    /// One image, by full sha256 or a unique prefix of at least 8 hex digits.
    pub async fn image(&self, sha256: &str) -> Result<Option<ImageRow>, Error> {
        let key = sha256.to_ascii_lowercase();
        if key.len() < 8 || !key.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Ok(None);
        }
        let rows = sqlx::query(concat!(
            "SELECT ",
            image_columns!(),
            " FROM images WHERE sha256 >= $1 AND sha256 < $2 ORDER BY sha256 LIMIT 2"
        ))
        .bind(&key)
        .bind(format!("{key}g"))
        .fetch_all(&self.pool)
        .await?;
        if rows.len() != 1 {
            return Ok(None);
        }
        Ok(Some(image_row(&rows[0])?))
    }

    /// Every path the image was seen at (fleet names, and the `s3://bucket/key` of objects), sorted.
    pub async fn paths(&self, sha256: &str) -> Result<Vec<String>, Error> {
        let rows: Vec<(String,)> = sqlx::query_as("SELECT path FROM image_paths WHERE image = $1 ORDER BY path")
            .bind(sha256)
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.into_iter().map(|(p,)| p).collect())
    }

    /// An image's whole report, as it was scanned.
    pub async fn report(&self, sha256: &str) -> Result<Option<Report>, Error> {
        let row: Option<(Option<Vec<u8>>,)> = sqlx::query_as("SELECT report FROM images WHERE sha256 = $1")
            .bind(sha256)
            .fetch_optional(&self.pool)
            .await?;
        let Some((Some(blob),)) = row else { return Ok(None) };
        let bad = |m: String| Error::Report { image: sha256.to_string(), message: m };
        let mut json = Vec::new();
        flate2::read::ZlibDecoder::new(blob.as_slice())
            .take(1 << 30)
            .read_to_end(&mut json)
            .map_err(|e| bad(e.to_string()))?;
        serde_json::from_slice(&json).map(Some).map_err(|e| bad(e.to_string()))
    }

    /// Images of one product, in path order (the order of its releases under the fleet's naming).
    pub async fn product_images(&self, vendor: &str, product: &str) -> Result<Vec<ImageRow>, Error> {
        let rows = sqlx::query(concat!(
            "SELECT ",
            image_columns!(),
            " FROM images WHERE vendor = $1 AND product = $2 ORDER BY path, sha256"
        ))
        .bind(vendor)
        .bind(product)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.iter().map(image_row).collect::<Result<_, _>>()?)
    }

    /// Keys, certificates, passwords, password hashes and secrets that at least `min_images` distinct images
    /// share, most widely shared first.
    pub async fn shared_secrets(&self, min_images: u64) -> Result<Vec<SharedSecret>, Error> {
        let rows = sqlx::query(
            "SELECT f.fingerprint, f.kind, f.rule, f.subject, f.rank, f.layer, f.path AS location, i.sha256, \
             i.path, i.vendor FROM secrets f JOIN images i ON i.sha256 = f.image \
             WHERE f.fingerprint IN (SELECT fingerprint FROM secrets \
             GROUP BY fingerprint HAVING COUNT(DISTINCT image) >= $1) \
             ORDER BY f.fingerprint, i.path, i.sha256, f.layer, f.path",
        )
        .bind(min_images.max(1) as i64)
        .fetch_all(&self.pool)
        .await?;
        let mut by_fp: BTreeMap<String, SharedSecret> = BTreeMap::new();
        let mut ranks: BTreeMap<String, i64> = BTreeMap::new();
        for row in &rows {
            let fp: String = row.try_get("fingerprint")?;
            let s = by_fp.entry(fp.clone()).or_insert_with(|| SharedSecret {
                fingerprint: fp.clone(),
                kinds: vec![],
                rules: vec![],
                subjects: vec![],
                severity: String::new(),
                vendors: vec![],
                images: vec![],
            });
            let r = ranks.entry(fp).or_insert(0);
            *r = (*r).max(row.try_get::<i64, _>("rank")?);
            push_unique(&mut s.kinds, row.try_get("kind")?);
            push_unique(&mut s.rules, row.try_get("rule")?);
            push_unique(&mut s.subjects, row.try_get("subject")?);
            push_unique(&mut s.vendors, row.try_get("vendor")?);
            let layer: String = row.try_get("layer")?;
            let location: String = row.try_get("location")?;
            let img = SharedSecretImage {
                sha256: row.try_get("sha256")?,
                image: row.try_get("path")?,
                vendor: row.try_get("vendor")?,
                location: format!("{layer}:{location}"),
            };
            if !s.images.contains(&img) {
                s.images.push(img);
            }
        }
        let mut out: Vec<SharedSecret> = by_fp
            .into_iter()
            .map(|(fp, mut s)| {
                s.severity = severity_name(ranks.get(&fp).copied().unwrap_or(0));
                for v in [&mut s.kinds, &mut s.rules, &mut s.subjects, &mut s.vendors] {
                    v.sort();
                }
                s
            })
            .collect();
        out.sort_by(|a, b| b.image_count().cmp(&a.image_count()).then_with(|| a.fingerprint.cmp(&b.fingerprint)));
        Ok(out)
    }

    /// Component versions by the number of images carrying them, most common first.
    pub async fn component_prevalence(&self) -> Result<Vec<ComponentCount>, Error> {
        let rows = sqlx::query(
            "SELECT name, version, COUNT(DISTINCT image) AS n FROM components GROUP BY name, version \
             ORDER BY n DESC, name, version",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(ComponentCount { name: r.try_get("name")?, version: r.try_get("version")?, images: u(r, "n")? })
            })
            .collect()
    }

    /// Open vulnerabilities (affected or under investigation) by the number of images they affect, most
    /// common first.
    pub async fn vulnerability_prevalence(&self) -> Result<Vec<VulnCount>, Error> {
        let rows = sqlx::query(
            "SELECT id, COUNT(DISTINCT image) AS n, MAX(rank) AS rank, MAX(score) AS score, MAX(kev) AS kev \
             FROM vulnerabilities WHERE status IN ('affected', 'under_investigation') GROUP BY id \
             ORDER BY n DESC, rank DESC, id",
        )
        .fetch_all(&self.pool)
        .await?;
        let comps = sqlx::query(
            "SELECT DISTINCT id, component, version FROM vulnerabilities \
             WHERE status IN ('affected', 'under_investigation') ORDER BY id, component, version",
        )
        .fetch_all(&self.pool)
        .await?;
        let mut by_id: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for c in &comps {
            let id: String = c.try_get("id")?;
            let name: String = c.try_get("component")?;
            let version: String = c.try_get("version")?;
            by_id.entry(id).or_default().push(format!("{name} {version}"));
        }
        rows.iter()
            .map(|r| {
                let id: String = r.try_get("id")?;
                Ok(VulnCount {
                    components: by_id.remove(&id).unwrap_or_default(),
                    severity: severity_name(r.try_get("rank")?),
                    score: r.try_get("score")?,
                    kev: r.try_get::<i64, _>("kev")? != 0,
                    images: u(r, "n")?,
                    id,
                })
            })
            .collect()
    }

    /// The images at the top of the risk ranking (see [`ImageRow::risk`]).
    pub async fn worst_images(&self, limit: u64) -> Result<Vec<ImageRow>, Error> {
        let rows = sqlx::query(concat!(
            "SELECT ",
            image_columns!(),
            " FROM images WHERE status = 'scanned' ORDER BY risk DESC, path, sha256 LIMIT $1"
        ))
        .bind(limit as i64)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.iter().map(image_row).collect::<Result<_, _>>()?)
    }

    /// Per requirement of every standard (or of one), how many images pass, fail, need evidence or are n/a.
    pub async fn verdict_matrix(&self, standard: Option<&str>) -> Result<Vec<VerdictCount>, Error> {
        let rows = sqlx::query(
            "SELECT standard, requirement, \
             SUM(CASE WHEN verdict = 'pass' THEN 1 ELSE 0 END) AS pass, \
             SUM(CASE WHEN verdict = 'fail' THEN 1 ELSE 0 END) AS fail, \
             SUM(CASE WHEN verdict = 'needs-evidence' THEN 1 ELSE 0 END) AS evidence, \
             SUM(CASE WHEN verdict = 'not-applicable' THEN 1 ELSE 0 END) AS na \
             FROM verdicts WHERE ($1 = '' OR standard = $1) GROUP BY standard, requirement \
             ORDER BY standard, requirement",
        )
        .bind(standard.unwrap_or(""))
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(VerdictCount {
                    standard: r.try_get("standard")?,
                    requirement: r.try_get("requirement")?,
                    pass: u(r, "pass")?,
                    fail: u(r, "fail")?,
                    needs_evidence: u(r, "evidence")?,
                    not_applicable: u(r, "na")?,
                })
            })
            .collect()
    }

    /// Images carrying a component (any version when `version` is `None`).
    pub async fn images_with_component(&self, name: &str, version: Option<&str>) -> Result<Vec<ImageRow>, Error> {
        let rows = sqlx::query(concat!(
            "SELECT ",
            image_columns!(),
            " FROM images WHERE sha256 IN (SELECT image FROM components WHERE name = $1 \
             AND ($2 = '' OR version = $2)) ORDER BY path, sha256"
        ))
        .bind(name)
        .bind(version.unwrap_or(""))
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.iter().map(image_row).collect::<Result<_, _>>()?)
    }

    /// Images affected by a vulnerability.
    pub async fn images_with_vulnerability(&self, id: &str) -> Result<Vec<ImageRow>, Error> {
        let rows = sqlx::query(concat!(
            "SELECT ",
            image_columns!(),
            " FROM images WHERE sha256 IN (SELECT image FROM vulnerabilities WHERE id = $1 \
             AND status IN ('affected', 'under_investigation')) ORDER BY path, sha256"
        ))
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.iter().map(image_row).collect::<Result<_, _>>()?)
    }

    /// Images holding a key, certificate, password, hash or secret with this fingerprint.
    pub async fn images_with_fingerprint(&self, fingerprint: &str) -> Result<Vec<ImageRow>, Error> {
        let rows = sqlx::query(concat!(
            "SELECT ",
            image_columns!(),
            " FROM images WHERE sha256 IN (SELECT image FROM secrets WHERE fingerprint = $1) \
             ORDER BY path, sha256"
        ))
        .bind(fingerprint)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.iter().map(image_row).collect::<Result<_, _>>()?)
    }
}

fn push_unique(v: &mut Vec<String>, s: String) {
    if !s.is_empty() && !v.contains(&s) {
        v.push(s);
    }
}
