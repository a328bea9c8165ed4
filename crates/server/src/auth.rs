//! Authentication: a bearer token for the API, a login form and a session cookie for the browser.

use crate::page;
use crate::AppState;
use axum::extract::{Form, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use sha2::{Digest, Sha256};

/// The session cookie's name.
pub(crate) const COOKIE: &str = "fwassure_session";

pub(crate) fn digest(b: &[u8]) -> [u8; 32] {
    Sha256::digest(b).into()
}

/// Constant-time equality of two digests.
fn same(a: &[u8; 32], b: &[u8; 32]) -> bool {
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Whether `token` is one of the accepted ones: every accepted token is compared, each in constant time, so
/// the time taken tells nothing about which one or how much of it matched.
fn token_ok(state: &AppState, token: &str) -> bool {
    let d = digest(token.as_bytes());
    state.inner.token_hashes.iter().fold(false, |ok, t| ok | same(t, &d))
}

fn cookie_session(headers: &HeaderMap) -> Option<String> {
    headers.get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(';')).find_map(|kv| {
        let (k, v) = kv.trim().split_once('=')?;
        (k == COOKIE).then(|| v.to_string())
    })
}

fn session_ok(state: &AppState, id: &str) -> bool {
    let sessions = state.inner.sessions.lock().expect("sessions lock");
    let d = digest(id.as_bytes());
    sessions.iter().fold(false, |ok, s| ok | same(&digest(s.as_bytes()), &d))
}

/// Lets a request through when authentication is off, or it carries a right bearer token or session cookie;
/// else 401 for the API and a redirect to the login page for the pages.
pub(crate) async fn require(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if state.inner.token_hashes.is_empty() {
        return next.run(req).await;
    }
    let headers = req.headers();
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(|t| token_ok(&state, t.trim()));
    let ok = match bearer {
        Some(ok) => ok,
        None => cookie_session(headers).is_some_and(|s| session_ok(&state, &s)),
    };
    if ok {
        return next.run(req).await;
    }
    if req.uri().path().starts_with("/api/") {
        let mut r = (
            StatusCode::UNAUTHORIZED,
            axum::Json(serde_json::json!({"error": "a valid token is required: Authorization: Bearer <token>"})),
        )
            .into_response();
        r.headers_mut().insert(header::WWW_AUTHENTICATE, header::HeaderValue::from_static("Bearer"));
        r
    } else {
        Redirect::to("/login").into_response()
    }
}

/// The routes open to everyone: the login form, and the API description.
pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/login", get(login_page).post(login))
        .route("/logout", axum::routing::post(logout))
        .route("/api/v1/openapi.yaml", get(openapi))
        .route("/api/v1/health", get(health))
}

async fn openapi() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/yaml; charset=utf-8")], crate::OPENAPI_YAML)
}

async fn health() -> impl IntoResponse {
    axum::Json(serde_json::json!({"status": "ok", "version": env!("CARGO_PKG_VERSION")}))
}

fn login_form(message: &str) -> String {
    let body = format!(
        "<h1>Log in</h1>{message}<form method=\"post\" action=\"/login\" class=\"card\">\
         <label>Token <input type=\"password\" name=\"token\" id=\"token\" autocomplete=\"current-password\" \
         autofocus></label> <button type=\"submit\" id=\"login\">Log in</button></form>\
         <p class=\"muted\">The token is the one the server was started with (<code>--token-file</code> or \
         <code>FWASSURE_TOKEN</code>).</p>"
    );
    page::layout("Log in", &body, false)
}

async fn login_page() -> Html<String> {
    Html(login_form(""))
}

#[derive(serde::Deserialize)]
struct LoginForm {
    token: String,
}

async fn login(State(state): State<AppState>, Form(f): Form<LoginForm>) -> Response {
    if state.inner.token_hashes.is_empty() {
        return Redirect::to("/").into_response();
    }
    if !token_ok(&state, f.token.trim()) {
        let html = login_form("<p class=\"error\">That token is not right.</p>");
        return (StatusCode::UNAUTHORIZED, Html(html)).into_response();
    }
    let mut raw = [0u8; 32];
    if getrandom::fill(&mut raw).is_err() {
        return (StatusCode::INTERNAL_SERVER_ERROR, "no randomness for a session").into_response();
    }
    let id = hex::encode(raw);
    state.inner.sessions.lock().expect("sessions lock").insert(id.clone());
    let cookie = format!("{COOKIE}={id}; Path=/; HttpOnly; SameSite=Strict");
    ([(header::SET_COOKIE, cookie)], Redirect::to("/")).into_response()
}

async fn logout(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if let Some(s) = cookie_session(&headers) {
        state.inner.sessions.lock().expect("sessions lock").remove(&s);
    }
    let cookie = format!("{COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    ([(header::SET_COOKIE, cookie)], Redirect::to("/login")).into_response()
}
