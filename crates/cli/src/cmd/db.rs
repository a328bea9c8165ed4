//! `fwassure db import PATH… | status | update [--source URL]…` — the local vulnerability store.

use std::path::PathBuf;

use anyhow::Context;

/// Arguments of `db`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Store file (default: $XDG_DATA_HOME/fwassure/vulns.db or ~/.local/share/fwassure/vulns.db).
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    #[command(subcommand)]
    pub action: Action,
}

/// What to do with the store.
#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// Import NVD CVE API 2.0 JSON (records, API pages, yearly feeds) or OSV JSON (files, directories, zip
    /// dumps), plain or gz/xz/zip.
    Import {
        /// Files or directories.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Say what is loaded, from where, and how old it is.
    Status,
    /// Download feeds over HTTP(S) and import them.
    Update {
        /// Feed URL (repeatable; default: the NVD 2.0 bulk feed).
        #[arg(long = "source", value_name = "URL")]
        sources: Vec<String>,
    },
}

fn store_path(a: &Option<PathBuf>) -> anyhow::Result<PathBuf> {
    match a {
        Some(p) => Ok(p.clone()),
        None => fwassure_vulns::store::default_path().context("no --db and no HOME/XDG_DATA_HOME to place the store"),
    }
}

/// Run `db`.
pub fn run(a: Args) -> anyhow::Result<i32> {
    let path = store_path(&a.db)?;
    match a.action {
        Action::Import { paths } => {
            for p in &paths {
                let mut parsed = fwassure_vulns::import::Parsed::default();
                fwassure_vulns::import::read_path(p, &mut parsed)?;
                let kinds = parsed.kinds.join("+");
                let sum = fwassure_vulns::store::import(&path, parsed, &p.display().to_string())?;
                println!(
                    "{}: {} records ({}), {} new, {} replaced; store {} now holds {} records",
                    p.display(),
                    sum.read,
                    if kinds.is_empty() { "none recognised" } else { &kinds },
                    sum.added,
                    sum.replaced,
                    path.display(),
                    sum.total
                );
                for s in sum.skipped.iter().take(20) {
                    eprintln!("  skipped {s}");
                }
                if sum.skipped.len() > 20 {
                    eprintln!("  … {} more skipped", sum.skipped.len() - 20);
                }
            }
            Ok(0)
        }
        Action::Status => {
            print!("{}", status_text(&path)?);
            Ok(0)
        }
        Action::Update { sources } => {
            let sources = if sources.is_empty() {
                fwassure_vulns::update::DEFAULT_SOURCES.iter().map(|s| s.to_string()).collect()
            } else {
                sources
            };
            for (url, sum) in fwassure_vulns::update::update(&path, &sources)? {
                println!(
                    "{url}: {} records, {} new, {} replaced; store holds {}",
                    sum.read, sum.added, sum.replaced, sum.total
                );
            }
            Ok(0)
        }
    }
}

fn age(ts: &str) -> String {
    match fwassure_vulns::time::parse(ts) {
        Some(t) => {
            let days = (fwassure_vulns::time::now_secs() - t).max(0) / 86_400;
            format!("{days} days old")
        }
        None => "age unknown".into(),
    }
}

fn status_text(path: &std::path::Path) -> anyhow::Result<String> {
    use std::fmt::Write;
    let mut out = String::new();
    let s = fwassure_vulns::starter::starter();
    writeln!(
        out,
        "bundled starter database: {} records, facts checked {} ({}); PARTIAL: {}",
        s.records.len(),
        s.meta.date,
        age(&s.meta.date),
        s.meta.sources.join(", ")
    )?;
    if !path.exists() {
        writeln!(
            out,
            "local store {}: not present (run `fwassure db import` or `fwassure db update`)",
            path.display()
        )?;
        return Ok(out);
    }
    let st = fwassure_vulns::Store::open(path)?;
    writeln!(
        out,
        "local store {}: {} records, {} products, updated {} ({})",
        path.display(),
        st.meta.records,
        st.keys().count(),
        st.meta.updated,
        age(&st.meta.updated)
    )?;
    for src in &st.meta.sources {
        writeln!(
            out,
            "  {} [{}]: {} records, imported {}{}",
            src.location,
            src.kinds.join("+"),
            src.records,
            src.imported,
            src.newest.as_deref().map(|n| format!(", newest record {n} ({})", age(n))).unwrap_or_default()
        )?;
    }
    Ok(out)
}
