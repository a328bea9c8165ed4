//! `fwassure serve [--data DIR] [--store URL] [--listen ADDR] [--token-file F] [--import DIR]… [--max-upload BYTES]
//! [--jobs N]`: the web app and REST API for labs over the results store.

use anyhow::Context;
use std::net::SocketAddr;
use std::path::PathBuf;

/// Arguments of `serve`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Data folder: uploads (kept as `uploads/<sha256>`) and the default store `fleet.db`.
    #[arg(long, value_name = "DIR", default_value = "fwassure-data")]
    pub data: PathBuf,
    /// Results store (a file, sqlite://PATH or postgres://…); default DATA/fleet.db.
    #[arg(long, value_name = "URL")]
    pub store: Option<String>,
    /// Address to listen on.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// File holding the access token(s), one a line (`#` comments allowed); else `FWASSURE_TOKEN`.
    #[arg(long, value_name = "FILE")]
    pub token_file: Option<PathBuf>,
    /// Serve without authentication (only on a loopback address).
    #[arg(long)]
    pub no_auth: bool,
    /// A folder the "scan a folder" action may read (repeatable; none by default).
    #[arg(long = "import", value_name = "DIR")]
    pub import: Vec<PathBuf>,
    /// Largest upload, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = fwassure_server::DEFAULT_MAX_UPLOAD)]
    pub max_upload: u64,
    /// Images scanned at once (0 = one per core).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub jobs: usize,
}

/// The tokens from `--token-file`, else from `FWASSURE_TOKEN`.
fn tokens(a: &Args) -> anyhow::Result<Vec<String>> {
    let text = match &a.token_file {
        Some(f) => std::fs::read_to_string(f).with_context(|| format!("cannot read the token file {}", f.display()))?,
        None => std::env::var("FWASSURE_TOKEN").unwrap_or_default(),
    };
    Ok(text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(str::to_string).collect())
}

/// Run `serve` until interrupted.
pub fn run(a: Args) -> anyhow::Result<i32> {
    let tokens = tokens(&a)?;
    if tokens.is_empty() && !a.no_auth {
        anyhow::bail!("no token: give --token-file FILE or FWASSURE_TOKEN (or --no-auth on a loopback address)");
    }
    if !tokens.is_empty() && a.no_auth {
        anyhow::bail!("--no-auth and a token together: choose one");
    }
    let mut config = fwassure_server::ServerConfig::new(&a.data);
    config.store_url = a.store.clone();
    config.tokens = tokens;
    config.max_upload_bytes = a.max_upload;
    config.scan_jobs = a.jobs;
    config.import_roots = a.import.clone();
    fwassure_server::check_bind(&config, a.listen)?;
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().context("cannot start the runtime")?;
    rt.block_on(async {
        let listener =
            tokio::net::TcpListener::bind(a.listen).await.with_context(|| format!("cannot listen on {}", a.listen))?;
        let addr = listener.local_addr()?;
        eprintln!("fwassure: serving http://{addr}/ (data in {})", a.data.display());
        fwassure_server::serve(config, listener).await?;
        anyhow::Ok(())
    })?;
    Ok(0)
}
