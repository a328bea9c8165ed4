//! Reading vulnerability feeds from disk or memory: NVD CVE API 2.0 (single `cve` objects, API pages and the
//! yearly/bulk feed layout `{"vulnerabilities":[{"cve":…}]}`) and OSV records (single files, arrays,
//! directories, zip dumps), plain or compressed with gzip, xz or zip. Formats are recognised by content,
//! not by file name.

use std::io::Read;
use std::path::Path;

use serde::Deserialize;

use crate::error::Error;
use crate::record::Record;
use crate::{nvd, osv};

/// Largest decompressed document accepted (bounded memory on hostile input).
pub const MAX_DOCUMENT: u64 = 4 << 30;
/// Deepest nesting of archives (zip in zip).
const MAX_DEPTH: u32 = 3;

/// What an import read.
#[derive(Debug, Default, Clone)]
pub struct Parsed {
    /// Records, in input order.
    pub records: Vec<Record>,
    /// Documents (files or archive members) that held records.
    pub documents: usize,
    /// Documents that were not recognised, with the reason.
    pub skipped: Vec<String>,
    /// Kinds seen (`nvd`, `osv`).
    pub kinds: Vec<&'static str>,
}

impl Parsed {
    fn kind(&mut self, k: &'static str) {
        if !self.kinds.contains(&k) {
            self.kinds.push(k);
        }
    }
}

/// Read every file under `path` (a file or a directory, recursively, in name order).
pub fn read_path(path: &Path, out: &mut Parsed) -> Result<(), Error> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if meta.is_dir() {
        let mut entries: Vec<_> =
            std::fs::read_dir(path).map_err(|e| Error::io(path, e))?.filter_map(|e| e.ok().map(|e| e.path())).collect();
        entries.sort();
        for p in entries {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if name.starts_with('.') {
                continue;
            }
            read_path(&p, out)?;
        }
        return Ok(());
    }
    let data = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    read_bytes(&path.display().to_string(), &data, out, 0)
}

/// Read one document held in memory (any supported compression or archive).
pub fn read_bytes(name: &str, data: &[u8], out: &mut Parsed, depth: u32) -> Result<(), Error> {
    if depth > MAX_DEPTH {
        out.skipped.push(format!("{name}: archives nested too deep"));
        return Ok(());
    }
    if data.starts_with(&[0x1f, 0x8b]) {
        let inner = read_limited(flate2::read::MultiGzDecoder::new(data), name)?;
        return read_bytes(name, &inner, out, depth + 1);
    }
    if data.starts_with(&[0xfd, b'7', b'z', b'X', b'Z', 0]) {
        let inner = read_limited(lzma_rust2::XzReader::new(data, true), name)?;
        return read_bytes(name, &inner, out, depth + 1);
    }
    if data.starts_with(b"PK\x03\x04") || data.starts_with(b"PK\x05\x06") {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(data))
            .map_err(|e| Error::Format(format!("{name}: bad zip: {e}")))?;
        let mut names: Vec<(String, usize)> = (0..zip.len())
            .filter_map(|i| {
                zip.by_index(i)
                    .ok()
                    .filter(|f| f.is_file())
                    .map(|f| (String::from_utf8_lossy(f.name_raw()).into_owned(), i))
            })
            .collect();
        names.sort();
        for (member, i) in names {
            let f = zip.by_index(i).map_err(|e| Error::Format(format!("{name}!{member}: {e}")))?;
            let inner = read_limited(f, name)?;
            read_bytes(&format!("{name}!{member}"), &inner, out, depth + 1)?;
        }
        return Ok(());
    }
    read_json(name, data, out)
}

fn read_limited<R: Read>(r: R, name: &str) -> Result<Vec<u8>, Error> {
    let mut buf = Vec::new();
    r.take(MAX_DOCUMENT + 1).read_to_end(&mut buf).map_err(|e| Error::io(name, e))?;
    if buf.len() as u64 > MAX_DOCUMENT {
        return Err(Error::Format(format!("{name}: larger than {MAX_DOCUMENT} bytes decompressed")));
    }
    Ok(buf)
}

#[derive(Deserialize)]
struct NvdFeed {
    vulnerabilities: Vec<nvd::Item>,
}

/// Parse a JSON document of any supported kind.
pub fn read_json(name: &str, data: &[u8], out: &mut Parsed) -> Result<(), Error> {
    let start = data.iter().position(|b| !b.is_ascii_whitespace());
    let Some(start) = start else {
        out.skipped.push(format!("{name}: empty"));
        return Ok(());
    };
    if data[start] == b'{' {
        // Feeds are large: recognise them from the head and parse typed, in one pass.
        let head = &data[..data.len().min(1 << 16)];
        let looks_feed = memfind(head, b"\"vulnerabilities\"") && memfind(head, b"\"cve\"");
        if looks_feed {
            if let Ok(feed) = serde_json::from_slice::<NvdFeed>(data) {
                out.documents += 1;
                out.kind("nvd");
                out.records.extend(feed.vulnerabilities.into_iter().filter_map(|i| nvd::to_record(i.cve)));
                return Ok(());
            }
        }
    } else if data[start] != b'[' {
        out.skipped.push(format!("{name}: not JSON"));
        return Ok(());
    }
    let v: serde_json::Value = match serde_json::from_slice(data) {
        Ok(v) => v,
        Err(e) => {
            out.skipped.push(format!("{name}: {e}"));
            return Ok(());
        }
    };
    let items = match v {
        serde_json::Value::Array(a) => a,
        other => vec![other],
    };
    let before = out.records.len();
    for item in items {
        read_value(name, item, out)?;
    }
    if out.records.len() > before {
        out.documents += 1;
    }
    Ok(())
}

fn read_value(name: &str, v: serde_json::Value, out: &mut Parsed) -> Result<(), Error> {
    let Some(obj) = v.as_object() else {
        out.skipped.push(format!("{name}: not an object"));
        return Ok(());
    };
    if obj.get("vulnerabilities").is_some_and(|x| x.is_array()) {
        let feed: NvdFeed = serde_json::from_value(v).map_err(|e| Error::json(name, e))?;
        out.kind("nvd");
        out.records.extend(feed.vulnerabilities.into_iter().filter_map(|i| nvd::to_record(i.cve)));
    } else if obj.get("cve").is_some_and(|x| x.is_object()) {
        let item: nvd::Item = serde_json::from_value(v).map_err(|e| Error::json(name, e))?;
        out.kind("nvd");
        out.records.extend(nvd::to_record(item.cve));
    } else if obj.contains_key("configurations")
        || obj.contains_key("sourceIdentifier")
        || obj.contains_key("vulnStatus")
    {
        let cve: nvd::Cve = serde_json::from_value(v).map_err(|e| Error::json(name, e))?;
        out.kind("nvd");
        out.records.extend(nvd::to_record(cve));
    } else if obj.contains_key("affected") || obj.contains_key("schema_version") || obj.contains_key("modified") {
        let o: osv::Osv = serde_json::from_value(v).map_err(|e| Error::json(name, e))?;
        out.kind("osv");
        out.records.extend(osv::to_record(o));
    } else {
        out.skipped.push(format!("{name}: neither NVD 2.0 nor OSV"));
    }
    Ok(())
}

fn memfind(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}
