//! The Rust side of the classifier validation matrix (`scripts/classifier-matrix.py`).
//!
//! ```text
//! cargo run -p fwassure-catalog --example matrix -- table
//! cargo run -p fwassure-catalog --example matrix -- scan [--blobs] ROOT…
//! ```
//! `table` prints the classifier table as JSON (one object per classifier, table order: id, name, the Debian
//! packages of the product, globs, anywhere, confidence). `scan` walks each ROOT (regular files only, symlinks
//! not followed, in sorted order), runs the real engine over every file at its path inside ROOT and prints one
//! JSON line per file with hits: `{"root", "path", "hits": [{"id", "version", "text"}]}`. With `--blobs`, a
//! file that is not an ELF program is also searched as a raw payload (how the catalog reads a decoded kernel or
//! a carved stream that `fwassure extract` writes as a file). Expected versions are never computed here.

use std::io::Write;
use std::path::{Path, PathBuf};

use fwassure_catalog::classifiers;
use fwassure_catalog::engine::Engine;
use serde_json::json;

/// Files bigger than this are skipped (no package of the matrix ships one; bounds memory).
const MAX_FILE: u64 = 1 << 30;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let out = std::io::stdout();
    let mut out = out.lock();
    let res = match args.first().map(String::as_str) {
        Some("table") => table(&mut out),
        Some("scan") => {
            let blobs = args.iter().any(|a| a == "--blobs");
            args[1..].iter().filter(|a| !a.starts_with("--")).try_for_each(|r| scan(&mut out, Path::new(r), blobs))
        }
        _ => {
            eprintln!("usage: matrix table | matrix scan [--blobs] ROOT…");
            std::process::exit(2);
        }
    };
    if let Err(e) = res {
        eprintln!("matrix: {e}");
        std::process::exit(1);
    }
}

fn table(out: &mut impl Write) -> std::io::Result<()> {
    let rows: Vec<_> = classifiers::all()
        .iter()
        .map(|c| {
            json!({
                "id": c.id,
                "name": c.name,
                "debian": c.debian,
                "globs": c.globs,
                "anywhere": c.anywhere,
                "confidence": format!("{:?}", c.confidence).to_lowercase(),
                "text_asset": c.text_asset,
            })
        })
        .collect();
    writeln!(out, "{}", serde_json::to_string_pretty(&rows)?)
}

/// Regular files under `root`, sorted, symlinks not followed.
fn files(root: &Path) -> Vec<PathBuf> {
    let mut todo = vec![root.to_path_buf()];
    let mut found = Vec::new();
    while let Some(d) = todo.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else { continue };
        for e in rd.filter_map(Result::ok) {
            let Ok(ft) = e.file_type() else { continue };
            if ft.is_dir() {
                todo.push(e.path());
            } else if ft.is_file() {
                found.push(e.path());
            }
        }
    }
    found.sort();
    found
}

fn scan(out: &mut impl Write, root: &Path, blobs: bool) -> std::io::Result<()> {
    let engine = Engine::get();
    for f in files(root) {
        if f.metadata().map(|m| m.len() > MAX_FILE).unwrap_or(true) {
            continue;
        }
        let Ok(data) = std::fs::read(&f) else { continue };
        let inner = format!("/{}", f.strip_prefix(root).unwrap_or(&f).to_string_lossy());
        let mut hits = engine.scan(Some(&inner), &data);
        if blobs && !data.starts_with(b"\x7fELF") {
            hits.extend(engine.scan(None, &data));
        }
        let mut rows: Vec<_> =
            hits.iter().map(|h| (engine.classifier(h.classifier).id, h.version.clone(), h.text.clone())).collect();
        rows.sort();
        rows.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1);
        if rows.is_empty() {
            continue;
        }
        let hits: Vec<_> = rows.iter().map(|(id, v, t)| json!({"id": id, "version": v, "text": t})).collect();
        let line = json!({"root": root.to_string_lossy(), "path": inner, "hits": hits});
        writeln!(out, "{line}")?;
    }
    Ok(())
}
