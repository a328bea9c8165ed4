//! Cut a snippet fixture for one classifier from a real file of a real package.
//!
//! ```text
//! cargo run -p fwassure-catalog --example cut_snippet -- --id ID --file LOCAL_FILE --inner /usr/sbin/x \
//!     --package PKG --package-version VER --arch ARCH [--expect VERSION] [--out crates/catalog/tests/snippets]
//! ```
//! The expected version is the upstream form of the package version unless `--expect` is given; the tool
//! refuses to write a snippet when the classifier does not report exactly that version. It keeps the bytes
//! around the match (and around one anchor and each guard match for whole-file classifiers), at most a few
//! hundred bytes, and writes `<out>/<id>/<package>_<version>_<arch>.bin` with a `.toml` provenance header.

use std::collections::BTreeMap;

use fwassure_catalog::classifier::Scope;
use fwassure_catalog::engine::Engine;
use fwassure_catalog::pkgdb::version::upstream;
use sha2::{Digest, Sha256};

const MARGIN: usize = 48;

fn main() {
    if let Err(e) = run() {
        eprintln!("cut_snippet: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    let mut a: BTreeMap<String, String> = BTreeMap::new();
    let args: Vec<String> = std::env::args().skip(1).collect();
    for pair in args.chunks(2) {
        if let [k, v] = pair {
            a.insert(k.trim_start_matches("--").to_string(), v.clone());
        }
    }
    let get = |k: &str| a.get(k).cloned().ok_or(format!("missing --{k}"));
    let (id, file, inner) = (get("id")?, get("file")?, get("inner")?);
    let (package, pver, arch) = (get("package")?, get("package-version")?, get("arch")?);
    let expect = a.get("expect").cloned().unwrap_or_else(|| upstream(&pver));
    let out = a.get("out").cloned().unwrap_or_else(|| "crates/catalog/tests/snippets".into());
    let data = std::fs::read(&file).map_err(|e| format!("{file}: {e}"))?;
    let engine = Engine::get();
    let hits: Vec<_> =
        engine.scan(Some(&inner), &data).into_iter().filter(|h| engine.classifier(h.classifier).id == id).collect();
    let versions: Vec<&str> = hits.iter().map(|h| h.version.as_str()).collect();
    let Some(hit) = hits.iter().find(|h| h.version == expect) else {
        return Err(format!("{id}: expected {expect} in {file}, classifier found {versions:?}"));
    };
    if hits.len() > 1 {
        return Err(format!("{id}: conflicting versions {versions:?} in {file}"));
    }
    let c = engine.classifier(hit.classifier);
    // the hit's text is truncated for reports: take the end of the full regex match
    let start = hit.offset as usize;
    let end = regex::bytes::Regex::new(c.pattern)
        .ok()
        .and_then(|r| r.find_at(&data, start).filter(|m| m.start() == start).map(|m| m.end()))
        .unwrap_or(start + hit.text.len());
    let mut ranges = vec![(start, end)];
    let first = |re: &str| regex::bytes::Regex::new(re).ok().and_then(|r| r.find(&data).map(|m| (m.start(), m.end())));
    if c.scope == Scope::File {
        let lit: Vec<String> = c.anchors.iter().map(|s| regex::escape(s)).collect();
        ranges.extend(first(&lit.join("|")));
    }
    for g in c.guards {
        ranges.extend(first(g));
    }
    let mut snippet = Vec::new();
    let mut segs = Vec::new();
    for (s, e) in ranges {
        let (lo, hi) = (s.saturating_sub(MARGIN), (e + MARGIN).min(data.len()));
        if !snippet.is_empty() {
            snippet.extend_from_slice(&[0u8; 4]);
        }
        snippet.extend_from_slice(&data[lo..hi]);
        segs.push(format!("[{lo}, {}]", hi - lo));
    }
    // the snippet alone must give the same answer
    let again: Vec<_> =
        engine.scan(Some(&inner), &snippet).into_iter().filter(|h| engine.classifier(h.classifier).id == id).collect();
    if again.len() != 1 || again[0].version != expect {
        return Err(format!(
            "{id}: snippet does not reproduce {expect}: {:?}",
            again.iter().map(|h| &h.version).collect::<Vec<_>>()
        ));
    }
    let dir = format!("{out}/{id}");
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let stem = format!("{package}_{}_{arch}", expect.replace('/', "_"));
    std::fs::write(format!("{dir}/{stem}.bin"), &snippet).map_err(|e| e.to_string())?;
    let toml = format!(
        "# Snippet cut by examples/cut_snippet.rs from a real package file.\nclassifier = \"{id}\"\nname = \"{}\"\nversion = \"{expect}\"\npackage = \"{package}\"\npackage_version = \"{pver}\"\narch = \"{arch}\"\nfile = \"{inner}\"\nsource_sha256 = \"{}\"\nsegments = [{}]\nmatch_offset = {}\nmatched = \"{}\"\n",
        c.name,
        hex::encode(Sha256::digest(&data)),
        segs.join(", "),
        hit.offset,
        hit.text.replace('\\', "\\\\").replace('"', "\\\""),
    );
    std::fs::write(format!("{dir}/{stem}.toml"), toml).map_err(|e| e.to_string())?;
    println!("{dir}/{stem}.bin {} bytes: {} {expect}", snippet.len(), c.name);
    Ok(())
}
