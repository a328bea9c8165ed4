//! The REST API under `/api/v1` (JSON), written down in `openapi.yaml`.

use crate::formats::ReportFormat;
use crate::jobs::{clean_name, Sink, UploadError};
use crate::{AppState, Job};
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, FromRequest, Multipart, Path, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put, MethodRouter};
use axum::{Json, Router};
use futures_util::StreamExt;
use fwassure_fleet::Target;
use fwassure_model::Report;
use fwassure_store::ImageRow;
use serde::Deserialize;
use serde_json::json;
use std::sync::Arc;

/// An API error: a status and a message, sent as `{"error": message}`.
#[derive(Debug)]
pub(crate) struct ApiError(pub StatusCode, pub String);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.0, Json(json!({"error": self.1}))).into_response()
    }
}

impl From<fwassure_store::Error> for ApiError {
    fn from(e: fwassure_store::Error) -> Self {
        ApiError(StatusCode::INTERNAL_SERVER_ERROR, e.to_string())
    }
}

impl From<UploadError> for ApiError {
    fn from(e: UploadError) -> Self {
        match e {
            UploadError::Empty => ApiError(StatusCode::BAD_REQUEST, "the upload is empty".into()),
            UploadError::TooLarge(n) => {
                ApiError(StatusCode::PAYLOAD_TOO_LARGE, format!("the upload is larger than the limit of {n} bytes"))
            }
            UploadError::Io(m) => ApiError(StatusCode::BAD_REQUEST, m),
        }
    }
}

pub(crate) type ApiResult<T> = Result<T, ApiError>;

/// Routes as they are added, so that the list the OpenAPI test reads is the router itself.
struct Routes {
    router: Router<AppState>,
    list: Vec<(&'static str, &'static str)>,
}

impl Routes {
    fn add(mut self, method: &'static str, path: &'static str, route: MethodRouter<AppState>) -> Routes {
        self.router = self.router.route(path, route);
        self.list.push((method, path));
        self
    }
}

/// The public API routes (outside authentication), served by the auth module.
const PUBLIC: &[(&str, &str)] = &[("get", "/api/v1/openapi.yaml"), ("get", "/api/v1/health")];

fn routes() -> Routes {
    let upload_post = post(upload).layer(DefaultBodyLimit::disable());
    let upload_put = put(upload).layer(DefaultBodyLimit::disable());
    Routes { router: Router::new(), list: Vec::new() }
        .add("get", "/api/v1/images", get(images))
        .add("post", "/api/v1/images", upload_post)
        .add("put", "/api/v1/images", upload_put)
        .add("get", "/api/v1/images/{sha256}", get(image))
        .add("get", "/api/v1/images/{sha256}/report/{format}", get(download))
        .add("get", "/api/v1/jobs", get(jobs))
        .add("get", "/api/v1/jobs/{id}", get(job))
        .add("post", "/api/v1/scan-folder", post(scan_folder))
        .add("get", "/api/v1/compare", get(compare))
        .add("get", "/api/v1/fleet/shared-secrets", get(shared_secrets))
        .add("get", "/api/v1/fleet/components", get(components))
        .add("get", "/api/v1/fleet/vulnerabilities", get(vulnerabilities))
        .add("get", "/api/v1/fleet/worst", get(worst))
        .add("get", "/api/v1/fleet/verdicts", get(verdicts))
}

pub(crate) fn router() -> Router<AppState> {
    routes().router
}

/// Every REST route the server answers, as (lower-case method, path with `{param}`s): the authenticated
/// ones and the public ones (`openapi.yaml`, `health`).
pub fn api_routes() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> =
        routes().list.into_iter().chain(PUBLIC.iter().copied()).map(|(m, p)| (m.to_string(), p.to_string())).collect();
    out.sort();
    out
}

#[derive(Deserialize, Default)]
pub(crate) struct ListQuery {
    /// `risk` (default, highest first), `name`, `scanned` (newest first), `findings`, `vulnerabilities`.
    pub sort: Option<String>,
}

/// The images in the order asked for.
pub(crate) async fn sorted_images(state: &AppState, sort: Option<&str>) -> ApiResult<Vec<ImageRow>> {
    let mut rows = state.store().images().await?;
    match sort.unwrap_or("risk") {
        "name" => rows.sort_by(|a, b| a.path.cmp(&b.path).then(a.sha256.cmp(&b.sha256))),
        "scanned" => rows.sort_by(|a, b| b.scanned_at.cmp(&a.scanned_at).then(a.path.cmp(&b.path))),
        "findings" => rows.sort_by(|a, b| b.findings.cmp(&a.findings).then(a.path.cmp(&b.path))),
        "vulnerabilities" => rows.sort_by(|a, b| b.vulnerabilities.cmp(&a.vulnerabilities).then(a.path.cmp(&b.path))),
        "risk" => rows.sort_by(|a, b| b.risk.cmp(&a.risk).then(a.path.cmp(&b.path))),
        other => return Err(ApiError(StatusCode::BAD_REQUEST, format!("unknown sort {other:?}"))),
    }
    Ok(rows)
}

async fn images(State(state): State<AppState>, Query(q): Query<ListQuery>) -> ApiResult<Json<Vec<ImageRow>>> {
    Ok(Json(sorted_images(&state, q.sort.as_deref()).await?))
}

/// An image and its report, by sha256 (or a unique prefix of 8+ hex digits); 404 when the store has none.
pub(crate) async fn load(state: &AppState, sha: &str) -> ApiResult<(ImageRow, Option<Report>)> {
    let Some(row) = state.store().image(sha).await? else {
        return Err(ApiError(StatusCode::NOT_FOUND, "no such image".into()));
    };
    let report = state.store().report(&row.sha256).await?;
    Ok((row, report))
}

async fn load_report(state: &AppState, sha: &str) -> ApiResult<(ImageRow, Report)> {
    match load(state, sha).await? {
        (row, Some(r)) => Ok((row, r)),
        (row, None) => Err(ApiError(
            StatusCode::NOT_FOUND,
            format!("the image has no report: {}", row.error.unwrap_or_else(|| "its scan failed".into())),
        )),
    }
}

/// Verdict counts per standard: (standard, pass, fail, needs evidence, not applicable).
pub(crate) fn verdict_counts(report: &Report) -> Vec<(String, [u64; 4])> {
    let mut m: std::collections::BTreeMap<String, [u64; 4]> = Default::default();
    for a in &report.assessments {
        let slot = match a.verdict {
            fwassure_model::Verdict::Pass => 0,
            fwassure_model::Verdict::Fail => 1,
            fwassure_model::Verdict::NeedsEvidence => 2,
            fwassure_model::Verdict::NotApplicable => 3,
        };
        m.entry(a.standard.clone()).or_default()[slot] += 1;
    }
    m.into_iter().collect()
}

async fn image(State(state): State<AppState>, Path(sha): Path<String>) -> ApiResult<Json<serde_json::Value>> {
    let (row, report) = load(&state, &sha).await?;
    let verdicts: Vec<_> = report
        .as_ref()
        .map(verdict_counts)
        .unwrap_or_default()
        .into_iter()
        .map(
            |(s, c)| json!({"standard": s, "pass": c[0], "fail": c[1], "needs_evidence": c[2], "not_applicable": c[3]}),
        )
        .collect();
    let downloads: serde_json::Map<String, serde_json::Value> = crate::FORMATS
        .iter()
        .map(|f| (f.name.to_string(), json!(format!("/api/v1/images/{}/report/{}", row.sha256, f.name))))
        .collect();
    let headline: Vec<&str> = report.as_ref().map(|r| r.headline_problems()).unwrap_or_default();
    Ok(Json(json!({"image": row, "headline_problems": headline, "verdicts": verdicts, "downloads": downloads})))
}

fn attachment(body: String, content_type: &str, filename: &str) -> Response {
    let mut r = body.into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(content_type).unwrap_or(HeaderValue::from_static("text/plain")),
    );
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    r
}

async fn download(State(state): State<AppState>, Path((sha, format)): Path<(String, String)>) -> ApiResult<Response> {
    let Some(f) = ReportFormat::find(&format) else {
        return Err(ApiError(StatusCode::NOT_FOUND, format!("unknown format {format:?}")));
    };
    let (row, report) = load_report(&state, &sha).await?;
    let body = tokio::task::spawn_blocking(move || f.render(&report, &row.scanned_at))
        .await
        .map_err(|e| ApiError(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    // the file name is made of the hash only: nothing from the image reaches the header
    Ok(attachment(body, f.content_type, &format!("fwassure-{}.{}", &sha_prefix(&sha), f.extension)))
}

fn sha_prefix(sha: &str) -> String {
    sha.chars().filter(|c| c.is_ascii_hexdigit()).take(16).collect()
}

async fn jobs(State(state): State<AppState>) -> Json<Vec<Job>> {
    Json(state.inner.job_list())
}

async fn job(State(state): State<AppState>, Path(id): Path<u64>) -> ApiResult<Json<Job>> {
    state.inner.job(id).map(Json).ok_or_else(|| ApiError(StatusCode::NOT_FOUND, "no such job".into()))
}

#[derive(Deserialize)]
pub(crate) struct UploadQuery {
    /// The image's name in the fleet (a label, never a path here).
    pub name: Option<String>,
}

/// Receives an upload (a raw body, or a multipart form whose `file` field holds the image and whose
/// optional `name` field names it), keeps it, and submits its scan.
pub(crate) async fn receive_upload(state: &AppState, name: Option<String>, req: Request) -> ApiResult<Job> {
    let limit = state.inner.config.max_upload_bytes;
    let headers: &HeaderMap = req.headers();
    let multipart = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().starts_with("multipart/form-data"));
    // a declared length over the limit (with room for a form's boundaries) is refused before any byte is read
    let declared =
        headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit.saturating_add(if multipart { 64 << 10 } else { 0 })) {
        return Err(UploadError::TooLarge(limit).into());
    }
    let mut sink = Sink::create(&state.inner).await?;
    let mut name = name;
    if multipart {
        let mut form = Multipart::from_request(req, state)
            .await
            .map_err(|e| ApiError(StatusCode::BAD_REQUEST, format!("not a multipart form: {e}")))?;
        let mut got_file = false;
        while let Some(mut field) =
            form.next_field().await.map_err(|e| ApiError(StatusCode::BAD_REQUEST, format!("bad form: {e}")))?
        {
            match field.name() {
                Some("file") if !got_file => {
                    got_file = true;
                    if name.as_deref().is_none_or(str::is_empty) {
                        name = field.file_name().map(str::to_string);
                    }
                    while let Some(chunk) =
                        field.chunk().await.map_err(|e| ApiError(StatusCode::BAD_REQUEST, format!("bad form: {e}")))?
                    {
                        sink.write(&chunk).await?;
                    }
                }
                Some("name") => {
                    let text = field.text().await.map_err(|e| ApiError(StatusCode::BAD_REQUEST, e.to_string()))?;
                    if !text.trim().is_empty() {
                        name = Some(text);
                    }
                }
                _ => {}
            }
        }
        if !got_file {
            return Err(ApiError(StatusCode::BAD_REQUEST, "the form has no `file` field".into()));
        }
    } else {
        let mut stream = req.into_body().into_data_stream();
        while let Some(chunk) = stream.next().await {
            let chunk = chunk.map_err(|e| ApiError(StatusCode::BAD_REQUEST, format!("the upload broke off: {e}")))?;
            sink.write(&chunk).await?;
        }
    }
    let (path, sha, _size) = sink.finish(&state.inner).await?;
    let rel = clean_name(name.as_deref(), &sha);
    let target = Target::file(path, rel.clone());
    Ok(state.inner.submit("upload", rel, vec![(target, Some(sha))]))
}

async fn upload(State(state): State<AppState>, Query(q): Query<UploadQuery>, req: Request) -> ApiResult<Response> {
    let job = receive_upload(&state, q.name, req).await?;
    let location = format!("/api/v1/jobs/{}", job.id);
    let mut r = (StatusCode::ACCEPTED, Json(job)).into_response();
    if let Ok(v) = HeaderValue::from_str(&location) {
        r.headers_mut().insert(header::LOCATION, v);
    }
    Ok(r)
}

#[derive(Deserialize)]
pub(crate) struct FolderRequest {
    /// The folder: absolute, or relative to the first import root.
    pub path: String,
}

/// Submits the scan of every image under a folder inside an import root.
pub(crate) fn submit_folder(state: &AppState, requested: &str) -> ApiResult<Job> {
    if state.inner.roots.is_empty() {
        return Err(ApiError(StatusCode::FORBIDDEN, "no import folder is configured (serve --import DIR)".into()));
    }
    let Some(dir) = state.inner.import_folder(requested) else {
        return Err(ApiError(StatusCode::FORBIDDEN, "the path is not a folder inside an import root".into()));
    };
    let root = state.inner.roots.iter().find(|r| dir.starts_with(r)).cloned().unwrap_or_default();
    let prefix: Vec<String> = dir
        .strip_prefix(&root)
        .unwrap_or(&dir)
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let targets = fwassure_fleet::collect(std::slice::from_ref(&dir))
        .map_err(|e| ApiError(StatusCode::BAD_REQUEST, format!("cannot read the folder: {e}")))?;
    let targets: Vec<(Target, Option<String>)> = targets
        .into_iter()
        .map(|t| {
            let rel = prefix.iter().cloned().chain(std::iter::once(t.rel)).collect::<Vec<_>>().join("/");
            (Target::file(t.path, rel), None)
        })
        .collect();
    let name = if prefix.is_empty() { "/".to_string() } else { prefix.join("/") };
    Ok(Arc::clone(&state.inner).submit("folder", name, targets))
}

async fn scan_folder(State(state): State<AppState>, Json(f): Json<FolderRequest>) -> ApiResult<Response> {
    let job = submit_folder(&state, &f.path)?;
    Ok((StatusCode::ACCEPTED, Json(job)).into_response())
}

#[derive(Deserialize)]
pub(crate) struct CompareQuery {
    /// The older image (sha256 or prefix).
    pub a: String,
    /// The newer image.
    pub b: String,
    /// `json` (default), `html`, `text` or `md`.
    pub format: Option<String>,
}

/// The diff of two stored images.
pub(crate) async fn diff(state: &AppState, a: &str, b: &str) -> ApiResult<(ImageRow, ImageRow, fwassure_diff::Diff)> {
    let (ra, a) = load_report(state, a).await?;
    let (rb, b) = load_report(state, b).await?;
    let d = fwassure_diff::Diff::generate(&fwassure_diff::Side::report(&a), &fwassure_diff::Side::report(&b));
    Ok((ra, rb, d))
}

async fn compare(State(state): State<AppState>, Query(q): Query<CompareQuery>) -> ApiResult<Response> {
    let (_, _, d) = diff(&state, &q.a, &q.b).await?;
    use fwassure_diff::render;
    let (body, ct) = match q.format.as_deref().unwrap_or("json") {
        "json" => (render::json::render(&d), "application/json"),
        "html" => (render::html::render(&d), "text/html; charset=utf-8"),
        "text" => (render::text::render(&d), "text/plain; charset=utf-8"),
        "md" => (render::markdown::render(&d), "text/markdown; charset=utf-8"),
        other => return Err(ApiError(StatusCode::BAD_REQUEST, format!("unknown format {other:?}"))),
    };
    Ok(([(header::CONTENT_TYPE, ct)], Body::from(body)).into_response())
}

#[derive(Deserialize)]
struct SharedQuery {
    min_images: Option<u64>,
}

async fn shared_secrets(
    State(state): State<AppState>,
    Query(q): Query<SharedQuery>,
) -> ApiResult<Json<Vec<fwassure_store::SharedSecret>>> {
    Ok(Json(state.store().shared_secrets(q.min_images.unwrap_or(2).max(1)).await?))
}

async fn components(State(state): State<AppState>) -> ApiResult<Json<Vec<fwassure_store::ComponentCount>>> {
    Ok(Json(state.store().component_prevalence().await?))
}

async fn vulnerabilities(State(state): State<AppState>) -> ApiResult<Json<Vec<fwassure_store::VulnCount>>> {
    Ok(Json(state.store().vulnerability_prevalence().await?))
}

#[derive(Deserialize)]
struct WorstQuery {
    limit: Option<u64>,
}

async fn worst(State(state): State<AppState>, Query(q): Query<WorstQuery>) -> ApiResult<Json<Vec<ImageRow>>> {
    Ok(Json(state.store().worst_images(q.limit.unwrap_or(10).clamp(1, 1000)).await?))
}

#[derive(Deserialize)]
struct VerdictQuery {
    standard: Option<String>,
}

async fn verdicts(
    State(state): State<AppState>,
    Query(q): Query<VerdictQuery>,
) -> ApiResult<Json<Vec<fwassure_store::VerdictCount>>> {
    Ok(Json(state.store().verdict_matrix(q.standard.as_deref()).await?))
}
