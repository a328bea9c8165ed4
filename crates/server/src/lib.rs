//! `fwassure serve`: a web app and a REST API for labs, over the results store.
//!
//! - **Upload** an image (`POST`/`PUT /api/v1/images`, a raw body or a multipart form): the bytes stream to
//!   a temporary file under `DATA/uploads/` with the size limit enforced while they arrive, are kept
//!   content-addressed as `DATA/uploads/<sha256>` (never under a name the request chose) and are scanned in
//!   the background, a bounded number at a time, into the store through [`fwassure_fleet::scan_into`]. A job
//!   (queued → scanning → done/failed, with timestamps) tells how it goes.
//! - **Point at a folder** (`POST /api/v1/scan-folder`): accepted only when the path resolves inside one of
//!   the configured import roots; every image there is scanned ([`fwassure_fleet::collect`]).
//! - **Browse**: the images (sortable by risk), one image (components, findings, vulnerabilities, verdicts
//!   per standard, every report format to download), two images side by side ([`fwassure_diff`]), and the
//!   fleet views (secrets shared across images and vendors, vulnerability and component prevalence, worst
//!   images, the verdict matrix).
//! - **Auth**: `Authorization: Bearer <token>` for the API; the browser logs in once with the token and
//!   gets an HttpOnly SameSite=Strict cookie. Tokens are compared in constant time.
//!
//! Everything the pages need is served by the binary (no CDN, no remote source in the CSP), and every
//! string that came from an image is escaped. The REST API is written down in `openapi.yaml`, served at
//! `/api/v1/openapi.yaml`.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod api;
mod auth;
mod formats;
mod jobs;
mod page;
mod ui;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

pub use api::api_routes;
pub use formats::{ReportFormat, FORMATS};
pub use jobs::{Job, JobItem, JobStatus};

/// Default largest upload: 512 MiB.
pub const DEFAULT_MAX_UPLOAD: u64 = 512 << 20;

/// The OpenAPI 3.1 description of the REST API, as served at `/api/v1/openapi.yaml`.
pub const OPENAPI_YAML: &str = include_str!("../openapi.yaml");

/// How a server runs.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// The data folder: uploads (`uploads/<sha256>`) and, by default, the SQLite store (`fleet.db`).
    pub data_dir: PathBuf,
    /// The results store (a file, `sqlite://…` or `postgres://…`); `None` = `DATA/fleet.db`.
    pub store_url: Option<String>,
    /// Accepted tokens; empty = no authentication (only allowed on a loopback address, see [`check_bind`]).
    pub tokens: Vec<String>,
    /// Largest upload in bytes.
    pub max_upload_bytes: u64,
    /// Images scanned at once; 0 = the number of cores.
    pub scan_jobs: usize,
    /// Folders that `scan-folder` may read (none by default: the endpoint then refuses every path).
    pub import_roots: Vec<PathBuf>,
}

impl ServerConfig {
    /// A configuration with the defaults: the store in `data_dir`, 512 MiB uploads, one scan per core, no
    /// import roots, no tokens (add some, or serve on loopback only).
    pub fn new(data_dir: impl Into<PathBuf>) -> ServerConfig {
        ServerConfig {
            data_dir: data_dir.into(),
            store_url: None,
            tokens: Vec::new(),
            max_upload_bytes: DEFAULT_MAX_UPLOAD,
            scan_jobs: 0,
            import_roots: Vec::new(),
        }
    }
}

/// What can keep the server from starting or running.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The results store could not be opened.
    #[error(transparent)]
    Store(#[from] fwassure_store::Error),
    /// A file or socket operation failed.
    #[error("{what}: {source}")]
    Io {
        /// What was being done.
        what: String,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// No token was given and the address is not a loopback one.
    #[error(
        "refusing to serve {0} without a token: give --token-file FILE or FWASSURE_TOKEN (--no-auth is allowed on a \
         loopback address only)"
    )]
    NoToken(SocketAddr),
    /// A token is unusable.
    #[error("a token must be at least 16 characters of printable ASCII without spaces")]
    BadToken,
}

/// Refuses a configuration that would serve without authentication on an address others can reach, or with
/// a weak token.
pub fn check_bind(config: &ServerConfig, addr: SocketAddr) -> Result<(), Error> {
    if config.tokens.is_empty() && !addr.ip().is_loopback() {
        return Err(Error::NoToken(addr));
    }
    for t in &config.tokens {
        if t.len() < 16 || !t.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(Error::BadToken);
        }
    }
    Ok(())
}

/// The server's shared state: configuration, store, jobs, scan slots.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<jobs::Inner>,
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState").field("data_dir", &self.inner.config.data_dir).finish_non_exhaustive()
    }
}

impl AppState {
    /// Opens the store and prepares the data folder.
    pub async fn new(config: ServerConfig) -> Result<AppState, Error> {
        Ok(AppState { inner: Arc::new(jobs::Inner::open(config).await?) })
    }

    /// The results store.
    pub fn store(&self) -> &fwassure_store::Store {
        &self.inner.store
    }
}

/// The whole app: the pages, the REST API and the authentication in front of both.
pub fn router(state: AppState) -> axum::Router {
    use axum::http::{header, HeaderValue};
    use tower_http::set_header::SetResponseHeaderLayer;
    let csp = format!(
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; script-src {}; connect-src 'self'; \
         form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
        page::script_hashes()
    );
    let set = |name: header::HeaderName, value: &str| {
        SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_str(value).expect("static header value"))
    };
    axum::Router::new()
        .merge(api::router())
        .merge(ui::router())
        .layer(axum::middleware::from_fn_with_state(state.clone(), auth::require))
        .merge(auth::router())
        .layer(set(header::CONTENT_SECURITY_POLICY, &csp))
        .layer(set(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(set(header::X_FRAME_OPTIONS, "DENY"))
        .layer(set(header::REFERRER_POLICY, "no-referrer"))
        .layer(set(header::CACHE_CONTROL, "no-store"))
        .with_state(state)
}

/// Serves the app on `listener` until the process ends.
pub async fn serve(config: ServerConfig, listener: tokio::net::TcpListener) -> Result<(), Error> {
    let addr = listener.local_addr().map_err(|source| Error::Io { what: "listener".into(), source })?;
    check_bind(&config, addr)?;
    let state = AppState::new(config).await?;
    axum::serve(listener, router(state)).await.map_err(|source| Error::Io { what: "serve".into(), source })
}
