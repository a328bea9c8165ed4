//! The pages' frame: one inline style sheet, the navigation, and the only script (the job page's poller),
//! allowed by its hash in the Content-Security-Policy.

use base64::Engine;
use sha2::{Digest, Sha256};

/// Escapes text from an image (or a request) for HTML text and attribute values.
pub(crate) fn esc(s: &str) -> String {
    fwassure_model::escape::html(s)
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:0;color:#1d2330;background:#f6f7f9}\
header{background:#1d2330;color:#fff;padding:.6em 1.2em;display:flex;gap:1.4em;align-items:center}\
header a{color:#dfe6f3;text-decoration:none}header b{margin-right:1em}main{padding:1em 1.4em}\
table{border-collapse:collapse;background:#fff;margin:.6em 0;font-size:.92em}\
td,th{border:1px solid #d5d9e0;padding:.25em .6em;text-align:left;vertical-align:top}th{background:#eceff4}\
.card{background:#fff;border:1px solid #d5d9e0;padding:.8em 1em;margin:.6em 0;border-radius:4px}\
.muted{color:#667}.error{color:#a40000}.critical{color:#fff;background:#8b0000}.high{color:#fff;background:#c0392b}\
.medium{background:#f0b429}.low{background:#c7e3f7}.info{background:#eee}.sev{padding:0 .4em;border-radius:3px}\
.pass{background:#d4edda}.fail{background:#f8d7da}.needs_evidence{background:#fff3cd}.not_applicable{background:#eee}\
.cols{display:grid;grid-template-columns:1fr 1fr;gap:1em}code{font-size:.9em;word-break:break-all}\
.bar{height:1.1em;background:#dde;border-radius:3px;overflow:hidden;width:24em}.bar div{height:100%;background:#2e7d32}\
.status{font-weight:bold;padding:.1em .5em;border-radius:3px}.status.done{background:#d4edda}\
.status.failed{background:#f8d7da}.status.scanning{background:#fff3cd}.status.queued{background:#eee}\
button,input[type=submit]{padding:.3em .9em}";

/// The job page's poller: reads `/api/v1/jobs/{id}` every 700 ms and updates the page until the job ends.
pub(crate) const JOB_SCRIPT: &str = r#"(function(){
var el=document.getElementById('job');if(!el)return;var id=el.getAttribute('data-job');
function put(sel,t){var n=document.getElementById(sel);if(n)n.textContent=t;}
function tick(){fetch('/api/v1/jobs/'+id,{credentials:'same-origin'}).then(function(r){return r.json();}).then(function(j){
var st=document.getElementById('status');st.textContent=j.status;st.className='status '+j.status;
put('completed',j.completed+' of '+j.items.length);put('started',j.started||'');put('finished',j.finished||'');
document.getElementById('progress').style.width=(j.items.length?100*j.completed/j.items.length:100)+'%';
var rows=document.getElementById('items');rows.textContent='';
j.items.forEach(function(it){var tr=document.createElement('tr');
function td(t){var c=document.createElement('td');c.textContent=t;tr.appendChild(c);return c;}
td(it.name);var s=td(it.status);s.className='status '+it.status;
var c=td('');if(it.sha256&&it.status==='done'){var a=document.createElement('a');a.href='/images/'+it.sha256;
a.textContent='open the report';a.className='open';c.appendChild(a);}
td(it.error||(it.already_stored?'already in the store':''));rows.appendChild(tr);});
if(j.status==='queued'||j.status==='scanning')setTimeout(tick,700);}).catch(function(){setTimeout(tick,2000);});}
tick();})();"#;

/// The CSP `script-src` sources: the hash of each script the pages carry.
pub(crate) fn script_hashes() -> String {
    let h = Sha256::digest(JOB_SCRIPT.as_bytes());
    format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(h))
}

/// A whole page: the title (escaped here) and a body already made of escaped parts.
pub(crate) fn layout(title: &str, body: &str, nav: bool) -> String {
    let nav = if nav {
        "<a href=\"/\">Images</a><a href=\"/jobs\">Jobs</a><a href=\"/compare\">Compare</a><a href=\"/fleet\">Fleet</a>\
         <a href=\"/api/v1/openapi.yaml\">API</a><form method=\"post\" action=\"/logout\" style=\"margin-left:auto\">\
         <button type=\"submit\">Log out</button></form>"
    } else {
        ""
    };
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{} — fwassure</title>\
         <meta name=\"viewport\" content=\"width=device-width\"><style>{STYLE}</style></head><body><header>\
         <b>fwassure</b>{nav}</header><main>{body}</main></body></html>",
        esc(title)
    )
}

/// A severity badge.
pub(crate) fn sev(s: &str) -> String {
    format!("<span class=\"sev {0}\">{0}</span>", esc(s))
}
