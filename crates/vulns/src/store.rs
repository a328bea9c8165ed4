//! The local vulnerability store: a compact, indexed serde file.
//!
//! # Why not SQLite
//! The store is written rarely (import, update) and read on every scan, and a scan only needs the records
//! of the few dozen products found in an image. A single file with a JSON header (metadata plus an index
//! `product key → byte range`) followed by one JSON array of records per product key gives that directly:
//! a scan reads the file, parses the small header and only the arrays of its components' keys, so matching
//! cost does not grow with the size of the store. Import parses the feeds with typed serde structs and writes
//! the whole file once (to a temporary file, then renamed), which handles 50,000 NVD records in about a
//! second. It stays pure Rust (no C SQLite to build for every target), the format is readable with any JSON
//! tool, and writes are atomic. SQLite would add value for concurrent writers or ad-hoc queries, which this
//! tool does not need.
//!
//! # Layout
//! ```text
//! FWASSURE-VULNDB 1\n
//! {"meta":{…},"index":{"cpe:openssl:openssl":[offset,len],…}}\n
//! [records of key 1][records of key 2]…      (offsets relative to the start of this body)
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::record::Record;

const MAGIC: &[u8] = b"FWASSURE-VULNDB 1\n";

/// Metadata of a store.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    /// When the store was first written (RFC 3339 UTC).
    pub created: String,
    /// When it was last written.
    pub updated: String,
    /// Number of distinct records.
    pub records: usize,
    /// Imports, oldest first.
    pub sources: Vec<SourceEntry>,
}

/// One import into the store.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SourceEntry {
    /// A path or URL.
    pub location: String,
    /// Kinds of documents (`nvd`, `osv`).
    pub kinds: Vec<String>,
    /// Records read from it.
    pub records: usize,
    /// When it was imported (RFC 3339 UTC).
    pub imported: String,
    /// Newest `modified`/`published` date among its records, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub newest: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct Header {
    meta: Meta,
    index: BTreeMap<String, (u64, u64)>,
}

/// An opened store.
#[derive(Debug)]
pub struct Store {
    /// Where it was read from.
    pub path: PathBuf,
    /// Its metadata.
    pub meta: Meta,
    index: BTreeMap<String, (u64, u64)>,
    body: Vec<u8>,
}

/// The default store location: `$XDG_DATA_HOME/fwassure/vulns.db`, else `~/.local/share/fwassure/vulns.db`.
pub fn default_path() -> Option<PathBuf> {
    let base = match std::env::var_os("XDG_DATA_HOME").filter(|v| !v.is_empty()) {
        Some(x) => PathBuf::from(x),
        None => PathBuf::from(std::env::var_os("HOME").filter(|v| !v.is_empty())?).join(".local/share"),
    };
    Some(base.join("fwassure").join("vulns.db"))
}

impl Store {
    /// Open a store file.
    pub fn open(path: &Path) -> Result<Store, Error> {
        let data = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        Store::from_bytes(path, data)
    }

    /// Parse store bytes.
    pub fn from_bytes(path: &Path, mut data: Vec<u8>) -> Result<Store, Error> {
        if !data.starts_with(MAGIC) {
            return Err(Error::Format(format!("{}: not a fwassure vulnerability store", path.display())));
        }
        let rest = &data[MAGIC.len()..];
        let nl = rest
            .iter()
            .position(|&b| b == b'\n')
            .ok_or_else(|| Error::Format(format!("{}: truncated store header", path.display())))?;
        let header: Header =
            serde_json::from_slice(&rest[..nl]).map_err(|e| Error::json(path.display().to_string(), e))?;
        let body_start = MAGIC.len() + nl + 1;
        data.drain(..body_start);
        for &(off, len) in header.index.values() {
            if off.checked_add(len).is_none_or(|end| end > data.len() as u64) {
                return Err(Error::Format(format!("{}: index points outside the file", path.display())));
            }
        }
        Ok(Store { path: path.to_path_buf(), meta: header.meta, index: header.index, body: data })
    }

    /// Product keys held.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.index.keys().map(String::as_str)
    }

    /// The records listing `key` as an affected product.
    pub fn records_for(&self, key: &str) -> Result<Vec<Record>, Error> {
        let Some(&(off, len)) = self.index.get(key) else { return Ok(Vec::new()) };
        let slice = &self.body[off as usize..(off + len) as usize];
        serde_json::from_slice(slice).map_err(|e| Error::json(format!("{} [{key}]", self.path.display()), e))
    }

    /// Every record once, keyed by (source, id).
    pub fn all_records(&self) -> Result<BTreeMap<(String, String), Record>, Error> {
        let mut out = BTreeMap::new();
        for key in self.index.keys() {
            for r in self.records_for(key)? {
                out.entry((r.source.clone(), r.id.clone())).or_insert(r);
            }
        }
        Ok(out)
    }
}

/// Write a store file atomically (temporary file in the same directory, then rename).
pub fn write(path: &Path, meta: &Meta, records: &BTreeMap<(String, String), Record>) -> Result<(), Error> {
    let mut by_key: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let mut encoded = Vec::with_capacity(records.len());
    for (i, r) in records.values().enumerate() {
        encoded.push(serde_json::to_vec(r).map_err(|e| Error::json(&r.id, e))?);
        let mut keys: Vec<&str> = r.affected.iter().map(|a| a.product.as_str()).collect();
        keys.sort();
        keys.dedup();
        for k in keys {
            by_key.entry(k).or_default().push(i);
        }
    }
    let mut body = Vec::new();
    let mut index = BTreeMap::new();
    for (k, ids) in by_key {
        let start = body.len() as u64;
        body.push(b'[');
        for (n, i) in ids.iter().enumerate() {
            if n > 0 {
                body.push(b',');
            }
            body.extend_from_slice(&encoded[*i]);
        }
        body.push(b']');
        index.insert(k.to_string(), (start, body.len() as u64 - start));
    }
    let header = serde_json::to_vec(&Header { meta: meta.clone(), index }).map_err(|e| Error::json("header", e))?;
    let mut out = Vec::with_capacity(MAGIC.len() + header.len() + 1 + body.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&header);
    out.push(b'\n');
    out.extend_from_slice(&body);
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    let tmp = path.with_extension("db.tmp");
    std::fs::write(&tmp, &out).map_err(|e| Error::io(&tmp, e))?;
    std::fs::rename(&tmp, path).map_err(|e| Error::io(path, e))?;
    Ok(())
}

/// Summary of one import.
#[derive(Debug, Clone, Default)]
pub struct ImportSummary {
    /// Records read.
    pub read: usize,
    /// Records new to the store.
    pub added: usize,
    /// Records that replaced an older copy.
    pub replaced: usize,
    /// Distinct records in the store afterwards.
    pub total: usize,
    /// Documents not recognised.
    pub skipped: Vec<String>,
}

/// Merge parsed records into the store at `path` (created when missing), recording `location` as a source.
pub fn import(path: &Path, parsed: crate::import::Parsed, location: &str) -> Result<ImportSummary, Error> {
    let now = crate::time::rfc3339(crate::time::now_secs());
    let (mut meta, mut all) = if path.exists() {
        let s = Store::open(path)?;
        let all = s.all_records()?;
        (s.meta, all)
    } else {
        (Meta { created: now.clone(), ..Default::default() }, BTreeMap::new())
    };
    let mut sum = ImportSummary { read: parsed.records.len(), skipped: parsed.skipped, ..Default::default() };
    let mut newest: Option<String> = None;
    for r in parsed.records {
        if let Some(d) = r.modified.as_ref().or(r.published.as_ref()) {
            if newest.as_ref().is_none_or(|n| d > n) {
                newest = Some(d.clone());
            }
        }
        match all.insert((r.source.clone(), r.id.clone()), r) {
            Some(_) => sum.replaced += 1,
            None => sum.added += 1,
        }
    }
    meta.updated = now.clone();
    meta.records = all.len();
    meta.sources.push(SourceEntry {
        location: location.to_string(),
        kinds: parsed.kinds.iter().map(|k| k.to_string()).collect(),
        records: sum.read,
        imported: now,
        newest,
    });
    sum.total = all.len();
    write(path, &meta, &all)?;
    Ok(sum)
}
