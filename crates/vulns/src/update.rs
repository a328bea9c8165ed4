//! `fwassure db update`: download feeds over HTTP(S) (pure-Rust `ureq` with rustls) and import them.

use std::io::Read;
use std::path::Path;

use crate::error::Error;
use crate::import::{self, Parsed, MAX_DOCUMENT};
use crate::store::{self, ImportSummary};

/// Default feeds: the NVD CVE API 2.0 records as yearly-feed-layout files (`{"vulnerabilities":[…]}`, xz),
/// as published by the nvd-json-data-feeds project.
pub const DEFAULT_SOURCES: &[&str] =
    &["https://github.com/fkie-cad/nvd-json-data-feeds/releases/latest/download/CVE-all.json.xz"];

/// Download one URL into memory (bounded).
pub fn download(url: &str) -> Result<Vec<u8>, Error> {
    let http = |message: String| Error::Http { url: url.to_string(), message };
    let resp = ureq::get(url).header("User-Agent", concat!("fwassure/", env!("CARGO_PKG_VERSION"))).call();
    let resp = resp.map_err(|e| http(e.to_string()))?;
    let mut buf = Vec::new();
    resp.into_body().into_reader().take(MAX_DOCUMENT + 1).read_to_end(&mut buf).map_err(|e| http(e.to_string()))?;
    if buf.len() as u64 > MAX_DOCUMENT {
        return Err(http("too large".into()));
    }
    Ok(buf)
}

/// Download each source and import it into the store at `db`.
pub fn update(db: &Path, sources: &[String]) -> Result<Vec<(String, ImportSummary)>, Error> {
    let mut out = Vec::new();
    for url in sources {
        let data = download(url)?;
        let mut parsed = Parsed::default();
        import::read_bytes(url, &data, &mut parsed, 0)?;
        let sum = store::import(db, parsed, url)?;
        out.push((url.clone(), sum));
    }
    Ok(out)
}
