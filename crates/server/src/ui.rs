//! The pages: images, one image, jobs with live progress, compare, fleet. Every string that came from an
//! image or a request is escaped ([`esc`]).

use crate::api::{self, ApiError, CompareQuery, ListQuery, UploadQuery};
use crate::page::{esc, layout, sev, JOB_SCRIPT};
use crate::{AppState, JobStatus, FORMATS};
use axum::extract::{DefaultBodyLimit, Form, Path, Query, Request, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use fwassure_store::ImageRow;
use serde::Deserialize;
use std::fmt::Write;

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(index))
        .route("/upload", post(upload).layer(DefaultBodyLimit::disable()))
        .route("/scan-folder", post(scan_folder))
        .route("/jobs", get(jobs))
        .route("/jobs/{id}", get(job))
        .route("/images/{sha256}", get(image))
        .route("/images/{sha256}/report", get(full_report))
        .route("/compare", get(compare))
        .route("/fleet", get(fleet))
}

/// An error as a page.
fn error_page(e: ApiError) -> Response {
    let body =
        format!("<h1>{}</h1><p class=\"error\">{}</p><p><a href=\"/\">Back to the images</a></p>", e.0, esc(&e.1));
    (e.0, Html(layout("Error", &body, true))).into_response()
}

fn page(title: &str, body: &str) -> Response {
    Html(layout(title, body, true)).into_response()
}

/// The serde name of an enum value (`critical`, `needs_evidence` …).
fn name_of<T: serde::Serialize>(t: &T) -> String {
    match serde_json::to_value(t) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(v) => v.to_string(),
        Err(_) => String::new(),
    }
}

fn short(sha: &str) -> &str {
    &sha[..sha.len().min(12)]
}

fn image_link(row: &ImageRow) -> String {
    format!("<a href=\"/images/{}\">{}</a>", esc(&row.sha256), esc(&row.path))
}

fn images_table(rows: &[ImageRow], sortable: bool) -> String {
    let th = |key: &str, label: &str| {
        if sortable {
            format!("<th><a href=\"/?sort={key}\">{label}</a></th>")
        } else {
            format!("<th>{label}</th>")
        }
    };
    let mut s = format!(
        "<table id=\"images\"><tr>{}<th>vendor</th><th>product</th><th>sha256</th><th>status</th>{}<th>critical</th>\
         <th>high</th><th>KEV</th>{}{}<th>failed requirements</th>{}</tr>",
        th("name", "image"),
        th("risk", "risk"),
        th("findings", "findings"),
        th("vulnerabilities", "vulnerabilities"),
        th("scanned", "scanned"),
    );
    for r in rows {
        let _ = write!(
            s,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>\
             <td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            image_link(r),
            esc(&r.vendor),
            esc(&r.product),
            esc(short(&r.sha256)),
            esc(&r.status),
            r.risk,
            r.critical,
            r.high,
            r.kev,
            r.findings,
            r.vulnerabilities,
            r.failed_requirements,
            esc(&r.scanned_at)
        );
    }
    s.push_str("</table>");
    s
}

async fn index(State(state): State<AppState>, Query(q): Query<ListQuery>) -> Response {
    let rows = match api::sorted_images(&state, q.sort.as_deref()).await {
        Ok(r) => r,
        Err(e) => return error_page(e),
    };
    let mut body = String::from(
        "<h1>Images</h1><form class=\"card\" method=\"post\" action=\"/upload\" enctype=\"multipart/form-data\">\
         <b>Upload an image</b> <input type=\"file\" name=\"file\" id=\"file\" required> \
         <label>name <input type=\"text\" name=\"name\" id=\"name\" placeholder=\"vendor/product/file.bin\"></label> \
         <button type=\"submit\" id=\"upload\">Upload and scan</button></form>",
    );
    if !state.inner.roots.is_empty() {
        let roots: Vec<String> = state.inner.roots.iter().map(|r| esc(&r.display().to_string())).collect();
        let _ = write!(
            body,
            "<form class=\"card\" method=\"post\" action=\"/scan-folder\"><b>Scan a folder</b> \
             <input type=\"text\" name=\"path\" size=\"50\" placeholder=\"a folder under {}\"> \
             <button type=\"submit\">Scan</button></form>",
            roots.join(" or ")
        );
    }
    let _ = write!(body, "<p class=\"muted\">{} images. Sort by the column titles.</p>", rows.len());
    body.push_str(&images_table(&rows, true));
    page("Images", &body)
}

async fn upload(State(state): State<AppState>, Query(q): Query<UploadQuery>, req: Request) -> Response {
    match api::receive_upload(&state, q.name, req).await {
        Ok(job) => Redirect::to(&format!("/jobs/{}", job.id)).into_response(),
        Err(e) => error_page(e),
    }
}

#[derive(Deserialize)]
struct FolderForm {
    path: String,
}

async fn scan_folder(State(state): State<AppState>, Form(f): Form<FolderForm>) -> Response {
    match api::submit_folder(&state, &f.path) {
        Ok(job) => Redirect::to(&format!("/jobs/{}", job.id)).into_response(),
        Err(e) => error_page(e),
    }
}

async fn jobs(State(state): State<AppState>) -> Response {
    let mut body = String::from(
        "<h1>Jobs</h1><table><tr><th>job</th><th>kind</th><th>name</th><th>status</th><th>images</th><th>created</th>\
         <th>finished</th></tr>",
    );
    for j in state.inner.job_list() {
        let _ = write!(
            body,
            "<tr><td><a href=\"/jobs/{0}\">#{0}</a></td><td>{1}</td><td>{2}</td><td><span class=\"status {3}\">{3}</span>\
             </td><td>{4} of {5}</td><td>{6}</td><td>{7}</td></tr>",
            j.id,
            j.kind,
            esc(&j.name),
            j.status.name(),
            j.completed,
            j.items.len(),
            esc(&j.created),
            esc(j.finished.as_deref().unwrap_or(""))
        );
    }
    body.push_str("</table>");
    page("Jobs", &body)
}

async fn job(State(state): State<AppState>, Path(id): Path<u64>) -> Response {
    let Some(j) = state.inner.job(id) else {
        return error_page(ApiError(StatusCode::NOT_FOUND, "no such job".into()));
    };
    let mut items = String::new();
    for it in &j.items {
        let open = match (&it.sha256, it.status) {
            (Some(s), JobStatus::Done) => format!("<a class=\"open\" href=\"/images/{}\">open the report</a>", esc(s)),
            _ => String::new(),
        };
        let note = it.error.clone().unwrap_or_else(|| {
            if it.already_stored {
                "already in the store".into()
            } else {
                String::new()
            }
        });
        let _ = write!(
            items,
            "<tr><td>{}</td><td class=\"status {1}\">{1}</td><td>{2}</td><td>{3}</td></tr>",
            esc(&it.name),
            it.status.name(),
            open,
            esc(&note)
        );
    }
    let pct = if j.items.is_empty() { 100 } else { 100 * j.completed / j.items.len() };
    let body = format!(
        "<h1>Job #{id}: {name}</h1><div class=\"card\" id=\"job\" data-job=\"{id}\"><p>Status: <span id=\"status\" \
         class=\"status {st}\">{st}</span> — <span id=\"completed\">{done} of {total}</span> images</p>\
         <div class=\"bar\"><div id=\"progress\" style=\"width:{pct}%\"></div></div>\
         <p class=\"muted\">created {created}, started <span id=\"started\">{started}</span>, finished \
         <span id=\"finished\">{finished}</span></p></div><table><thead><tr><th>image</th><th>status</th><th></th>\
         <th>note</th></tr></thead><tbody id=\"items\">{items}</tbody></table><script>{JOB_SCRIPT}</script>",
        name = esc(&j.name),
        st = j.status.name(),
        done = j.completed,
        total = j.items.len(),
        created = esc(&j.created),
        started = esc(j.started.as_deref().unwrap_or("")),
        finished = esc(j.finished.as_deref().unwrap_or("")),
    );
    page(&format!("Job #{id}"), &body)
}

async fn image(State(state): State<AppState>, Path(sha): Path<String>) -> Response {
    let (row, report) = match api::load(&state, &sha).await {
        Ok(x) => x,
        Err(e) => return error_page(e),
    };
    let mut b = format!("<h1>{}</h1>", esc(&row.path));
    let _ = write!(
        b,
        "<div class=\"card\"><p><code>{}</code> — {} bytes — scanned {} — status {}</p><p>Risk <b>{}</b>; {} components, \
         {} findings, {} vulnerabilities ({} critical, {} high, {} known exploited), {} failed requirements.</p>",
        esc(&row.sha256),
        row.size,
        esc(&row.scanned_at),
        esc(&row.status),
        row.risk,
        row.components,
        row.findings,
        row.vulnerabilities,
        row.critical,
        row.high,
        row.kev,
        row.failed_requirements
    );
    if let Some(e) = &row.error {
        let _ = write!(b, "<p class=\"error\">The scan failed: {}</p>", esc(e));
    }
    b.push_str("<p id=\"downloads\">Download: ");
    for f in FORMATS {
        let _ = write!(
            b,
            "<a href=\"/api/v1/images/{}/report/{}\" title=\"{}\">{}</a> ",
            esc(&row.sha256),
            f.name,
            f.title,
            f.name
        );
    }
    let _ =
        write!(b, "</p><p><a id=\"full\" href=\"/images/{}/report\">The full report</a></p></div>", esc(&row.sha256));
    let Some(r) = report else { return page(&row.path, &b) };
    let headline = r.headline_problems();
    if !headline.is_empty() {
        b.push_str("<div class=\"card error\" id=\"headline\"><b>Read this first:</b><ul>");
        for p in headline {
            let _ = write!(b, "<li>{}</li>", esc(p));
        }
        b.push_str("</ul></div>");
    }
    b.push_str("<h2>Verdicts per standard</h2><table id=\"verdicts\"><tr><th>standard</th><th>pass</th><th>fail</th><th>needs evidence</th><th>not applicable</th></tr>");
    for (s, c) in api::verdict_counts(&r) {
        let _ = write!(
            b,
            "<tr><td>{}</td><td class=\"pass\">{}</td><td class=\"fail\">{}</td><td class=\"needs_evidence\">{}</td><td>{}</td></tr>",
            esc(&s),
            c[0],
            c[1],
            c[2],
            c[3]
        );
    }
    b.push_str("</table>");
    let _ = write!(b, "<h2>Findings ({})</h2><table id=\"findings\"><tr><th>severity</th><th>rule</th><th>where</th><th>what</th></tr>", r.findings.len());
    for f in &r.findings {
        let _ = write!(
            b,
            "<tr><td>{}</td><td>{}</td><td><code>{}</code></td><td>{}</td></tr>",
            sev(&name_of(&f.severity)),
            esc(&f.rule),
            esc(&f.path),
            esc(&f.message)
        );
    }
    let _ = write!(b, "</table><h2>Vulnerabilities ({})</h2><table id=\"vulnerabilities\"><tr><th>id</th><th>severity</th><th>component</th><th>status</th></tr>", r.vulnerabilities.len());
    for v in &r.vulnerabilities {
        let _ = write!(
            b,
            "<tr><td>{}</td><td>{}</td><td>{} {}</td><td>{}</td></tr>",
            esc(&v.id),
            sev(&name_of(&v.severity)),
            esc(&v.component.name),
            esc(&v.component.version),
            esc(&name_of(&v.status))
        );
    }
    let _ = write!(b, "</table><h2>Components ({})</h2><table id=\"components\"><tr><th>name</th><th>version</th><th>license</th><th>purl</th></tr>", r.components.len());
    for c in &r.components {
        let _ = write!(
            b,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td><code>{}</code></td></tr>",
            esc(&c.name),
            esc(&c.version),
            esc(c.license.as_deref().unwrap_or("")),
            esc(c.purl.as_deref().unwrap_or(""))
        );
    }
    b.push_str("</table>");
    page(&row.path, &b)
}

async fn full_report(State(state): State<AppState>, Path(sha): Path<String>) -> Response {
    match api::load(&state, &sha).await {
        Ok((_, Some(r))) => match tokio::task::spawn_blocking(move || fwassure_report::html::render(&r)).await {
            Ok(html) => Html(html).into_response(),
            Err(e) => error_page(ApiError(StatusCode::INTERNAL_SERVER_ERROR, e.to_string())),
        },
        Ok((row, None)) => {
            error_page(ApiError(StatusCode::NOT_FOUND, format!("no report: {}", row.error.unwrap_or_default())))
        }
        Err(e) => error_page(e),
    }
}

#[derive(Deserialize)]
struct ComparePick {
    a: Option<String>,
    b: Option<String>,
}

fn select(name: &str, rows: &[ImageRow], chosen: Option<&str>) -> String {
    let mut s = format!("<select name=\"{name}\" id=\"{name}\">");
    for r in rows {
        let sel = if chosen == Some(r.sha256.as_str()) { " selected" } else { "" };
        let _ = write!(
            s,
            "<option value=\"{}\"{sel}>{} ({})</option>",
            esc(&r.sha256),
            esc(&r.path),
            esc(short(&r.sha256))
        );
    }
    s.push_str("</select>");
    s
}

async fn compare(State(state): State<AppState>, Query(q): Query<ComparePick>) -> Response {
    let rows = match api::sorted_images(&state, Some("name")).await {
        Ok(r) => r.into_iter().filter(|r| r.status != "failed").collect::<Vec<_>>(),
        Err(e) => return error_page(e),
    };
    let mut b = format!(
        "<h1>Compare two images</h1><form class=\"card\" method=\"get\" action=\"/compare\">old {} new {} \
         <button type=\"submit\" id=\"compare\">Compare</button></form>",
        select("a", &rows, q.a.as_deref()),
        select("b", &rows, q.b.as_deref())
    );
    let (Some(a), Some(bb)) = (q.a, q.b) else { return page("Compare", &b) };
    let q = CompareQuery { a, b: bb, format: None };
    let (ra, rb, d) = match api::diff(&state, &q.a, &q.b).await {
        Ok(x) => x,
        Err(e) => return error_page(e),
    };
    b.push_str("<h2>Side by side</h2><table id=\"side\"><tr><th></th><th>old</th><th>new</th></tr>");
    let line = |label: &str, x: String, y: String| format!("<tr><th>{label}</th><td>{x}</td><td>{y}</td></tr>");
    b.push_str(&line("image", image_link(&ra), image_link(&rb)));
    b.push_str(&line("sha256", esc(short(&ra.sha256)), esc(short(&rb.sha256))));
    let nums = |r: &ImageRow| {
        [r.risk, r.components, r.findings, r.vulnerabilities, r.critical, r.high, r.kev, r.failed_requirements]
    };
    let labels = [
        "risk",
        "components",
        "findings",
        "vulnerabilities",
        "critical",
        "high",
        "known exploited",
        "failed requirements",
    ];
    for (i, label) in labels.iter().enumerate() {
        b.push_str(&line(label, nums(&ra)[i].to_string(), nums(&rb)[i].to_string()));
    }
    b.push_str("</table>");
    let s = &d.summary;
    let _ = write!(
        b,
        "<h2>What changed</h2><table id=\"summary\"><tr><th>components</th><td>{} added, {} removed, {} changed</td></tr>\
         <tr><th>vulnerabilities</th><td>{} fixed, {} introduced, {} still open</td></tr>\
         <tr><th>findings</th><td>{} new, {} resolved</td></tr><tr><th>verdicts</th><td>{} regressions, {} improvements, \
         {} other changes</td></tr></table>",
        s.components_added,
        s.components_removed,
        s.components_changed,
        s.vulnerabilities_fixed,
        s.vulnerabilities_introduced,
        s.vulnerabilities_still_open,
        s.findings_new,
        s.findings_resolved,
        s.verdict_regressions,
        s.verdict_improvements,
        s.verdict_other_changes
    );
    if !d.verdicts.is_empty() {
        b.push_str(
            "<table id=\"verdict-changes\"><tr><th>standard</th><th>requirement</th><th>old</th><th>new</th></tr>",
        );
        for v in &d.verdicts {
            let o = v.old.as_ref().map(name_of).unwrap_or_default();
            let n = v.new.as_ref().map(name_of).unwrap_or_default();
            let _ = write!(
                b,
                "<tr><td>{}</td><td>{} {}</td><td class=\"{3}\">{3}</td><td class=\"{4}\">{4}</td></tr>",
                esc(&v.standard),
                esc(&v.requirement),
                esc(&v.title),
                esc(&o),
                esc(&n)
            );
        }
        b.push_str("</table>");
    }
    let (ea, eb) = (esc(&q.a), esc(&q.b));
    let _ = write!(
        b,
        "<p>The whole diff: <a href=\"/api/v1/compare?a={ea}&amp;b={eb}&amp;format=html\">HTML</a> · \
         <a href=\"/api/v1/compare?a={ea}&amp;b={eb}&amp;format=json\">JSON</a> · \
         <a href=\"/api/v1/compare?a={ea}&amp;b={eb}&amp;format=md\">Markdown</a></p><pre class=\"card\">{}</pre>",
        esc(&fwassure_diff::render::text::render(&d))
    );
    page("Compare", &b)
}

async fn fleet(State(state): State<AppState>) -> Response {
    let st = state.store();
    let (secrets, vulns, comps, worst, matrix) = match tokio::try_join!(
        st.shared_secrets(2),
        st.vulnerability_prevalence(),
        st.component_prevalence(),
        st.worst_images(10),
        st.verdict_matrix(None)
    ) {
        Ok(x) => x,
        Err(e) => return error_page(e.into()),
    };
    let mut b = String::from("<h1>Fleet</h1><h2>Secrets shared across images</h2>");
    if secrets.is_empty() {
        b.push_str("<p class=\"muted\">No secret is shared by two images or more.</p>");
    }
    b.push_str("<table id=\"shared\"><tr><th>fingerprint</th><th>what</th><th>severity</th><th>vendors</th><th>images</th></tr>");
    for s in &secrets {
        let imgs: Vec<String> = s
            .images
            .iter()
            .map(|i| {
                format!(
                    "<a href=\"/images/{}\">{}</a> <code>{}</code>",
                    esc(&i.sha256),
                    esc(&i.image),
                    esc(&i.location)
                )
            })
            .collect();
        let _ = write!(
            b,
            "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td><td>{} images:<br>{}</td></tr>",
            esc(&s.fingerprint),
            esc(&s.kinds.join(", ")),
            sev(&s.severity),
            esc(&s.vendors.join(", ")),
            s.image_count(),
            imgs.join("<br>")
        );
    }
    b.push_str("</table><h2>Vulnerabilities by prevalence</h2><table id=\"cves\"><tr><th>id</th><th>severity</th><th>KEV</th><th>components</th><th>images</th></tr>");
    for v in vulns.iter().take(200) {
        let _ = write!(
            b,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&v.id),
            sev(&v.severity),
            if v.kev { "yes" } else { "" },
            esc(&v.components.join(", ")),
            v.images
        );
    }
    b.push_str("</table><h2>Components by prevalence</h2><table id=\"components\"><tr><th>name</th><th>version</th><th>images</th></tr>");
    for c in comps.iter().take(200) {
        let _ = write!(b, "<tr><td>{}</td><td>{}</td><td>{}</td></tr>", esc(&c.name), esc(&c.version), c.images);
    }
    b.push_str("</table><h2>Worst images</h2>");
    b.push_str(&images_table(&worst, false));
    b.push_str("<h2>Verdict matrix</h2><table id=\"matrix\"><tr><th>standard</th><th>requirement</th><th>pass</th><th>fail</th><th>needs evidence</th><th>not applicable</th></tr>");
    for m in &matrix {
        let _ = write!(
            b,
            "<tr><td>{}</td><td>{}</td><td class=\"pass\">{}</td><td class=\"fail\">{}</td><td class=\"needs_evidence\">{}</td><td>{}</td></tr>",
            esc(&m.standard),
            esc(&m.requirement),
            m.pass,
            m.fail,
            m.needs_evidence,
            m.not_applicable
        );
    }
    b.push_str("</table>");
    page("Fleet", &b)
}
