//! Password hashes in account databases: default, common and username-derived passwords, empty passwords,
//! weak hash schemes.

use crate::rule::{reqs, RuleMeta};
use fwassure_model::{Finding, FindingKind, Severity};

/// A password hash cracks with a known default, botnet, username-derived or common password.
pub const DEFAULT_PASSWORD: RuleMeta = RuleMeta {
    id: "cred.default-password",
    kind: FindingKind::DefaultCredential,
    severity: Severity::Critical,
    cwe: "CWE-1392",
    title: "Account password is a known default or common password",
    remediation:
        "Remove the fixed password; give each device a unique password or force the user to set one at first use.",
    requirements: reqs::DEFAULT_PASSWORD_RULE,
};

/// An account with an empty password field.
pub const EMPTY_PASSWORD: RuleMeta = RuleMeta {
    id: "cred.empty-password",
    kind: FindingKind::EmptyPassword,
    severity: Severity::Critical,
    cwe: "CWE-258",
    title: "Account can log in without a password",
    remediation: "Lock the account (`*` or `!` in the password field) or require a per-device password.",
    requirements: reqs::EMPTY_PASSWORD,
};

/// A stored password hash uses a weak scheme (DES crypt, md5-crypt, Apache apr1-md5 or unsalted {SHA}).
pub const WEAK_HASH: RuleMeta = RuleMeta {
    id: "crypto.weak-password-hash",
    kind: FindingKind::WeakCrypto,
    severity: Severity::Medium,
    cwe: "CWE-916",
    title: "Password hash uses a weak scheme (DES crypt, md5-crypt, apr1 or unsalted SHA-1)",
    remediation: "Store passwords with yescrypt, bcrypt or sha512-crypt with a high round count.",
    requirements: reqs::WEAK_PASSWORD_HASH,
};

/// Rules of this check.
pub const RULES: &[RuleMeta] = &[DEFAULT_PASSWORD, EMPTY_PASSWORD, WEAK_HASH];

use crate::crypt::{self, Field, Scheme};
use crate::rule::At;
use crate::text::{redact, text_data};
use crate::{checks::Check, ChecksOutput, Ctx};
use rayon::prelude::*;
use serde_json::json;
use std::time::{Duration, Instant};

const DEFAULTS: &str = include_str!("../../data/iot-default-credentials.txt");
const COMMON: &str = include_str!("../../data/common-passwords.txt");
const VENDOR: &str = include_str!("../../data/vendor-defaults.tsv");
const DEFAULTCREDS: &str = include_str!("../../data/defaultcreds/defaultcreds.tsv");

/// The credentials check.
pub struct Credentials;

/// Where an account record lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Store {
    /// shadow-style: `user:hash:…`.
    Shadow,
    /// passwd-style: `user:hash:uid:gid:gecos:home:shell` (hash usually `x`).
    Passwd,
    /// htpasswd: `user:hash`.
    Htpasswd,
}

fn store_of(name: &str) -> Option<Store> {
    let n = name.to_ascii_lowercase();
    if n.contains("htpasswd") {
        return Some(Store::Htpasswd);
    }
    let base = n.trim_end_matches('-').trim_end_matches(".bak").trim_end_matches(".orig").trim_end_matches(".old");
    match base {
        "shadow" | "gshadow_unused" => Some(Store::Shadow),
        "passwd" | "master.passwd" => Some(Store::Passwd),
        _ => None,
    }
}

/// One account record with a password field.
#[derive(Debug, Clone)]
struct Account {
    layer: String,
    path: String,
    line: usize,
    user: String,
    hash: String,
    field: Field,
}

fn valid_user(u: &str) -> bool {
    !u.is_empty() && u.len() <= 64 && u.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-$@".contains(&b))
}

fn parse_store(store: Store, layer: &str, path: &str, text: &str) -> Vec<Account> {
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim_end_matches('\r');
        if line.trim_start().starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split(':').collect();
        let ok = match store {
            Store::Shadow => fields.len() >= 8,
            Store::Passwd => fields.len() >= 7,
            Store::Htpasswd => fields.len() >= 2,
        };
        if !ok || !valid_user(fields[0]) {
            continue;
        }
        let hash = fields[1].trim().to_string();
        out.push(Account {
            layer: layer.to_string(),
            path: path.to_string(),
            line: i + 1,
            user: fields[0].to_string(),
            field: crypt::classify(&hash),
            hash,
        });
    }
    out
}

/// A candidate password, the list it comes from and where that list says it is published.
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    /// The password.
    pub(crate) password: String,
    /// The list (`vendor-defaults`, `iot-defaults`, `defaultcreds`, `username-derived`, `common-passwords`).
    pub(crate) source: &'static str,
    /// Who publishes it as a default (vendor or product, and the advisory's URL), empty for guesses.
    pub(crate) origin: &'static str,
}

fn username_guesses(user: &str) -> Vec<String> {
    let mut cap = user.to_string();
    if let Some(f) = cap.get(0..1) {
        cap = f.to_ascii_uppercase() + &user[1..];
    }
    let rev: String = user.chars().rev().collect();
    vec![
        user.to_string(),
        cap,
        user.to_ascii_uppercase(),
        format!("{user}123"),
        format!("{user}1"),
        format!("{user}{user}"),
        rev,
        format!("{user}!"),
    ]
}

/// A published default credential: `user` is `*` for "any account" (the dataset's blank user).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Published {
    /// Account name, or `*`.
    pub(crate) user: &'static str,
    /// Password (never empty: empty defaults are the empty-password rule's).
    pub(crate) password: &'static str,
    /// The list.
    pub(crate) list: &'static str,
    /// Vendor or product, with the source URL for vendor advisories.
    pub(crate) origin: &'static str,
}

/// Of the dataset's entries for the account's own user, this many (most widely published first) are always
/// tried; the rest join the capped common set.
const DATASET_PER_USER: usize = 64;
/// Passwords of the dataset tried for any account (most widely published first), after the account's own.
const DATASET_COMMON: usize = 300;

/// A value of the dataset that describes a password instead of being one (`(calculated)`, `<blank>`,
/// `serial number of …`).
fn descriptive(p: &str) -> bool {
    p.is_empty() || p.starts_with('(') || p.starts_with('<') || p.to_ascii_lowercase().contains("serial number")
}

/// Every published default: the vendor advisories (data/vendor-defaults.tsv), the Mirai/IoT list
/// (data/iot-default-credentials.txt) and the defaultcreds-cheat-sheet dataset (data/defaultcreds/), in
/// that order; the dataset's rows sorted by how many products publish the same pair, then by name.
pub(crate) fn published() -> &'static [Published] {
    static ALL: std::sync::LazyLock<Vec<Published>> = std::sync::LazyLock::new(|| {
        let mut v = Vec::new();
        for l in VENDOR.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            let f: Vec<&str> = l.split('\t').collect();
            if let [vendor, user, password, url] = f[..] {
                if !descriptive(password) {
                    // "vendor, url" as one static string: leak once per entry of a small static table
                    let origin: &'static str = Box::leak(format!("{vendor}, {url}").into_boxed_str());
                    v.push(Published { user, password, list: "vendor-defaults", origin });
                }
            }
        }
        for (user, password) in
            DEFAULTS.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).filter_map(|l| l.split_once(':'))
        {
            v.push(Published { user, password, list: "iot-defaults", origin: "Mirai botnet credential table" });
        }
        let mut count = std::collections::HashMap::<(&str, &str), (usize, &str)>::new();
        for l in DEFAULTCREDS.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            let f: Vec<&str> = l.split('\t').collect();
            let [product, user, password] = f[..] else { continue };
            if descriptive(password) {
                continue;
            }
            let user = if user == "<blank>" || user.starts_with('(') { "*" } else { user };
            let e = count.entry((user, password)).or_insert((0, product));
            e.0 += 1;
        }
        let mut ds: Vec<_> = count.into_iter().collect();
        ds.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(&b.0)));
        v.extend(ds.into_iter().map(|((user, password), (_, product))| Published {
            user,
            password,
            list: "defaultcreds",
            origin: product,
        }));
        v
    });
    &ALL
}

pub(crate) fn common(limit: usize) -> impl Iterator<Item = &'static str> {
    let it = COMMON.lines().filter(|l| !l.starts_with('#') && !l.is_empty());
    it.take(if limit == 0 { usize::MAX } else { limit })
}

/// Ordered, de-duplicated candidates for one account: the published defaults for that user (vendor
/// advisories, the IoT list, the most widely published of the dataset's), username-derived guesses, then a
/// capped common set (the other published defaults, the dataset's most widely published passwords, the
/// common-password list). Returns the candidates and how many of them are specific to the account (always
/// tried).
pub(crate) fn candidates(user: &str, common_limit: usize) -> (Vec<Candidate>, usize) {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    let mut push = |p: &str, source: &'static str, origin: &'static str, out: &mut Vec<Candidate>| {
        if !p.is_empty() && seen.insert(p.to_string()) {
            out.push(Candidate { password: p.to_string(), source, origin });
        }
    };
    let all = published();
    let mut dataset_own = 0;
    for p in all.iter().filter(|p| p.user.eq_ignore_ascii_case(user)) {
        if p.list == "defaultcreds" {
            if dataset_own >= DATASET_PER_USER {
                continue;
            }
            dataset_own += 1;
        }
        push(p.password, p.list, p.origin, &mut out);
    }
    for g in username_guesses(user) {
        push(&g, "username-derived", "", &mut out);
    }
    let specific = out.len();
    for p in all.iter().filter(|p| p.list != "defaultcreds") {
        push(p.password, p.list, p.origin, &mut out);
    }
    for p in all.iter().filter(|p| p.list == "defaultcreds").take(DATASET_COMMON) {
        push(p.password, p.list, p.origin, &mut out);
    }
    for p in common(common_limit) {
        push(p, "common-passwords", "", &mut out);
    }
    (out, specific)
}

/// Outcome of cracking one account.
pub(crate) struct Outcome {
    /// The candidate that matched.
    pub(crate) found: Option<Candidate>,
    /// How many were tried.
    pub(crate) tried: usize,
    /// How many there were.
    pub(crate) total: usize,
    /// Stopped by the deadline.
    pub(crate) exhausted: bool,
}

/// Try `cands` in list order, a batch at a time on all cores, and stop at the first hit or at `deadline`.
///
/// Candidates are ordered by likelihood (the account's vendor defaults first), so the hit is usually
/// early: a batch is one candidate per core to begin with and doubles while a batch takes under a
/// millisecond, so a cheap scheme is not slowed by scheduling and a costly one wastes at most one batch
/// past the hit. (One `position_any` over the whole list let the second core start in the middle of the
/// list while the first walked to a hit near the start: half the CPU was spent for no earlier hit.)
/// The outcome is deterministic: a hit's rank is its place in the list, whatever the number of cores.
pub(crate) fn crack(hash: &str, scheme: Scheme, cands: &[Candidate], deadline: Instant) -> Outcome {
    const MAX_BATCH: usize = 4096;
    let mut batch = rayon::current_num_threads().max(1);
    let mut start = 0;
    while start < cands.len() {
        if Instant::now() > deadline {
            return Outcome { found: None, tried: start, total: cands.len(), exhausted: true };
        }
        let end = start.saturating_add(batch).min(cands.len());
        let began = Instant::now();
        let hit =
            cands[start..end].par_iter().with_max_len(1).position_first(|c| crypt::verify(scheme, &c.password, hash));
        if let Some(i) = hit {
            return Outcome {
                found: cands.get(start + i).cloned(),
                tried: start + i + 1,
                total: cands.len(),
                exhausted: false,
            };
        }
        start = end;
        if began.elapsed() < Duration::from_millis(1) {
            batch = (batch * 2).min(MAX_BATCH);
        }
    }
    Outcome { found: None, tried: cands.len(), total: cands.len(), exhausted: false }
}

/// The lists candidates come from, in the order they are tried.
pub(crate) const LISTS: &[&str] =
    &["vendor-defaults", "iot-defaults", "defaultcreds", "username-derived", "common-passwords"];

/// The finding for a hash that cracked: the account, where the password is published, the redacted password.
pub(crate) fn cracked_finding(at: At, user: &str, scheme: Scheme, path: &str, line: usize, c: &Candidate) -> Finding {
    let what = match c.source {
        "vendor-defaults" => format!("a published vendor default ({})", c.origin),
        "iot-defaults" => format!("a known IoT default/botnet password ({})", c.origin),
        "defaultcreds" => format!("a published default password (defaultcreds-cheat-sheet: {})", c.origin),
        "username-derived" => "derived from the user name".to_string(),
        _ => "a common password".to_string(),
    };
    DEFAULT_PASSWORD
        .finding(
            at,
            user,
            format!("Password of account '{user}' is {what}."),
            format!(
                "{} hash at {path}:{line} matches a candidate from the {} list: {}",
                scheme.name(),
                c.source,
                redact(&c.password, 2)
            ),
        )
        .with_fingerprint(crate::keys::secret_fingerprint("password", c.password.as_bytes()))
}

impl Check for Credentials {
    fn id(&self) -> &'static str {
        "credentials"
    }
    fn rules(&self) -> &'static [RuleMeta] {
        RULES
    }
    fn run(&self, ctx: &Ctx<'_>) -> ChecksOutput {
        let mut out = ChecksOutput::default();
        let mut accounts = Vec::new();
        for f in ctx.vfs.files() {
            let Some(store) = store_of(f.name()) else { continue };
            let Some(data) = text_data(f.data) else { continue };
            let text = String::from_utf8_lossy(&data);
            accounts.extend(parse_store(store, &f.layer.id, f.path, &text));
        }
        // cheap schemes first, so that the budget is spent where it finds most
        accounts.sort_by_key(|a| {
            let cost = match a.field {
                Field::Hash(s) => s.cost(),
                _ => 0,
            };
            (cost, a.layer.clone(), a.path.clone(), a.line)
        });
        let deadline = Instant::now() + Duration::from_millis(ctx.opts.crack_budget_ms);
        let mut audit = Vec::new();
        for acc in &accounts {
            let at = At::new(&acc.layer, &acc.path).line(acc.line);
            let mut entry = json!({"layer": acc.layer, "path": acc.path, "line": acc.line, "user": acc.user});
            match &acc.field {
                Field::Locked => {
                    // `x` in passwd points at shadow; a locked account cannot log in with a password
                    if acc.hash != "x" {
                        entry["status"] = json!("locked");
                        audit.push(entry);
                    }
                }
                Field::Empty => {
                    entry["status"] = json!("empty");
                    audit.push(entry);
                    out.findings.push(EMPTY_PASSWORD.finding(
                        at,
                        &acc.user,
                        format!(
                            "Account '{}' has an empty password field and can log in without a password.",
                            acc.user
                        ),
                        format!("{}:{} has an empty password field", acc.path, acc.line),
                    ));
                }
                Field::Unsupported(id) => {
                    entry["status"] = json!("unsupported-scheme");
                    entry["scheme"] = json!(id);
                    // the same hash in two images is the same password there: fleet analysis indexes it
                    entry["fingerprint"] = json!(crate::keys::secret_fingerprint("password-hash", acc.hash.as_bytes()));
                    audit.push(entry);
                }
                Field::Hash(scheme) => {
                    let scheme = *scheme;
                    entry["scheme"] = json!(scheme.name());
                    entry["fingerprint"] = json!(crate::keys::secret_fingerprint("password-hash", acc.hash.as_bytes()));
                    if scheme.is_weak() {
                        let subject = match scheme {
                            Scheme::Md5 | Scheme::Apr1 => "md5-password-hash",
                            Scheme::Sha1 => "sha1-password-hash",
                            _ => "des-password-hash",
                        };
                        out.findings.push(
                            WEAK_HASH
                                .finding(
                                    at.clone(),
                                    subject,
                                    format!(
                                        "Password of account '{}' is stored with {}, which is fast to crack.",
                                        acc.user,
                                        scheme.name()
                                    ),
                                    format!("{}:{} {} hash for '{}'", acc.path, acc.line, scheme.name(), acc.user),
                                )
                                .with_fingerprint(crate::keys::secret_fingerprint(
                                    "password-hash",
                                    acc.hash.as_bytes(),
                                )),
                        );
                    }
                    if crypt::verifiable(scheme, &acc.hash).is_err() {
                        entry["status"] = json!("skipped-cost-parameters");
                        audit.push(entry);
                        continue;
                    }
                    let (mut cands, specific) = candidates(&acc.user, ctx.opts.common_passwords);
                    let available = cands.len();
                    let cost = crypt::verify_cost_us(scheme, &acc.hash);
                    let cap = usize::try_from(ctx.opts.crack_work_us / cost).unwrap_or(usize::MAX).max(specific);
                    cands.truncate(cap);
                    let o = crack(&acc.hash, scheme, &cands, deadline);
                    entry["tried"] = json!(o.tried);
                    entry["candidates"] = json!(o.total);
                    if cands.len() < available {
                        entry["work_cap"] = json!(format!(
                            "{} of {available} candidates within the work cap for {}",
                            cands.len(),
                            scheme.name()
                        ));
                    }
                    entry["lists"] = json!(LISTS);
                    match &o.found {
                        Some(c) => {
                            entry["status"] = json!("cracked");
                            entry["source"] = json!(c.source);
                            out.findings.push(cracked_finding(at, &acc.user, scheme, &acc.path, acc.line, c));
                        }
                        None if o.exhausted => {
                            entry["status"] = json!("budget-exhausted");
                            out.problems.push(fwassure_model::Problem::at(
                                acc.layer.clone(),
                                acc.path.clone(),
                                format!(
                                    "password audit of '{}' stopped by the time budget after {} of {} candidates",
                                    acc.user, o.tried, o.total
                                ),
                            ));
                        }
                        None => entry["status"] = json!("not-cracked"),
                    }
                    audit.push(entry);
                }
            }
        }
        if !accounts.is_empty() {
            out.extra.insert(
                "credential_audit".into(),
                json!({
                    "budget_ms": ctx.opts.crack_budget_ms,
                    "lists": {
                        "vendor-defaults": published().iter().filter(|p| p.list == "vendor-defaults").count(),
                        "iot-defaults": published().iter().filter(|p| p.list == "iot-defaults").count(),
                        "defaultcreds": published().iter().filter(|p| p.list == "defaultcreds").count(),
                        "common-passwords": common(ctx.opts.common_passwords).count(),
                        "username-derived": username_guesses("user").len(),
                    },
                    "accounts": audit,
                }),
            );
        }
        out
    }
}

#[cfg(test)]
#[allow(deprecated)] // the fixtures are deliberately weak hashes
mod tests {
    use super::*;
    use crate::CheckOptions;
    use fwassure_model::{Node, Tree, Vfs};

    fn run(files: &[(&str, String)]) -> ChecksOutput {
        let mut t = Tree::new();
        for (p, c) in files {
            t.insert(p, Node::file(c.clone().into_bytes())).unwrap();
        }
        let vfs = Vfs::from_tree("squashfs", t);
        let opts =
            CheckOptions { crack_budget_ms: 20_000, now: Some(0), common_passwords: 50, crack_work_us: u64::MAX };
        Credentials.run(&Ctx::new(&vfs, &[], &opts))
    }

    fn subjects(o: &ChecksOutput, kind: FindingKind) -> Vec<String> {
        o.findings.iter().filter(|f| f.kind == kind).map(|f| f.subject.clone()).collect()
    }

    /// (path, account) of every cracked default credential, sorted.
    fn cracked(o: &ChecksOutput) -> Vec<(String, String)> {
        let mut d: Vec<_> = o
            .findings
            .iter()
            .filter(|f| f.kind == FindingKind::DefaultCredential)
            .map(|f| (f.path.clone(), f.subject.clone()))
            .collect();
        d.sort();
        d
    }

    #[test]
    fn cracks_defaults_and_common_and_username() {
        let root = pwhash::sha256_crypt::hash_with("$5$abcdefgh$", "root").unwrap();
        let sup = pwhash::md5_crypt::hash_with("$1$abcdefgh$", "support").unwrap();
        let admin = pwhash::sha512_crypt::hash_with("$6$abcdefgh$", "Xq9!vT4#pL2@wZ8$").unwrap();
        let op = pwhash::sha512_crypt::hash_with("$6$abcdefgh$", "12345678").unwrap();
        let shadow = format!(
            "root:{root}:19000:0:99999:7:::\nsupport:{sup}:19000:0:99999:7:::\nadmin:{admin}:19000:0:99999:7:::\n\
             guest::19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\nnobody:!:19000::::::\nlp:!!:19000::::::\n\
             op:{op}:19000:0:99999:7:::\nlocked:!{root}:19000:0:99999:7:::\n"
        );
        let o = run(&[("etc/shadow", shadow)]);
        let mut d = subjects(&o, FindingKind::DefaultCredential);
        d.sort();
        assert_eq!(d, vec!["op", "root", "support"]);
        assert_eq!(subjects(&o, FindingKind::EmptyPassword), vec!["guest"]);
        assert_eq!(subjects(&o, FindingKind::WeakCrypto), vec!["md5-password-hash"]);
        let f = o.findings.iter().find(|f| f.subject == "root").unwrap();
        assert_eq!((f.path.as_str(), f.line), ("/etc/shadow", Some(1)));
        assert!(!f.evidence.contains("root") && f.evidence.contains("r… (4 chars)"), "{}", f.evidence);
        let audit = &o.extra["credential_audit"]["accounts"];
        let admin_entry = audit.as_array().unwrap().iter().find(|a| a["user"] == "admin").unwrap();
        assert_eq!(admin_entry["status"], "not-cracked");
        assert!(admin_entry["tried"].as_u64().unwrap() > 50);
        // every hash is fingerprinted for fleet analysis, cracked or not, and the hash itself is not written
        let fp = admin_entry["fingerprint"].as_str().unwrap();
        assert!(
            fp.starts_with("sha256-password-hash:") && !serde_json::to_string(&o.extra).unwrap().contains("$6$"),
            "{fp}"
        );
    }

    #[test]
    fn published_defaults_come_first_and_name_their_source() {
        let (c, specific) = candidates("root", 0);
        // the account's own published defaults, from every list, before the guesses and the common set
        let own: Vec<_> = c[..specific].iter().map(|c| c.source).collect();
        assert!(own.contains(&"vendor-defaults") && own.contains(&"defaultcreds") && own.contains(&"iot-defaults"));
        for g in username_guesses("root") {
            assert!(c[..specific].iter().any(|c| c.password == g), "{g}");
        }
        // bounded: the dataset adds a capped share per user and a capped common set
        assert!(specific <= 64 + 60 + 8, "{specific}");
        let n_dataset = c.iter().filter(|c| c.source == "defaultcreds").count();
        assert!(n_dataset <= DATASET_PER_USER + DATASET_COMMON, "{n_dataset}");
        // no descriptive values and no duplicates
        assert!(c.iter().all(|c| !descriptive(&c.password)));
        let mut pw: Vec<_> = c.iter().map(|c| c.password.as_str()).collect();
        pw.sort();
        let n = pw.len();
        pw.dedup();
        assert_eq!(n, pw.len());
        // an unusual account name still gets the common set, not the other users' specific entries first
        let (c2, s2) = candidates("zq", 0);
        assert_eq!(s2, username_guesses("zq").iter().collect::<std::collections::HashSet<_>>().len());
        assert!(c2.len() > 300);
    }

    #[test]
    fn vendor_default_cracks_with_its_source() {
        // a vendor default that no botnet list and no dataset row holds, for a root account
        let v = published().iter().find(|p| p.list == "vendor-defaults" && p.user == "root").unwrap();
        let h = pwhash::md5_crypt::hash_with("$1$saltsalt$", v.password).unwrap();
        let o = run(&[("etc/shadow", format!("root:{h}:1:0:99999:7:::\n"))]);
        let f = o.findings.iter().find(|f| f.kind == FindingKind::DefaultCredential).unwrap();
        assert_eq!(f.subject, "root");
        assert!(f.message.contains("published vendor default") && f.message.contains(v.origin), "{}", f.message);
        assert!(!f.evidence.contains(v.password), "{}", f.evidence);
    }

    #[test]
    fn passwd_htpasswd_and_negatives() {
        let des = pwhash::unix_crypt::hash_with("ab", "admin").unwrap();
        let o = run(&[
            ("etc/passwd", format!("root:x:0:0:root:/root:/bin/sh\nftp::14:50:FTP:/srv:/bin/false\nadm:{des}:3:4::/:/bin/sh\n# x::0:0::/:/bin/sh\n")),
            ("www/.htpasswd", format!("webadmin:{des}\n")),
            ("etc/motd", "root::0:0:root:/root:/bin/sh\n".into()),
        ]);
        let d = cracked(&o);
        assert_eq!(
            d,
            vec![("/etc/passwd".to_string(), "adm".to_string()), ("/www/.htpasswd".into(), "webadmin".into())]
        );
        assert_eq!(subjects(&o, FindingKind::EmptyPassword), vec!["ftp"]);
        assert_eq!(subjects(&o, FindingKind::WeakCrypto), vec!["des-password-hash", "des-password-hash"]);
    }

    #[test]
    fn apache_htpasswd_schemes_are_audited() {
        // `openssl passwd -apr1 -salt rOsaLt12 admin`; base64(sha1("password"))
        let o = run(&[
            ("etc/lighttpd/htpasswd", "admin:$apr1$rOsaLt12$yUjzsyylhxT6AAFe52EgQ1\n".into()),
            ("www/.htpasswd", "guest:{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=\n".into()),
        ]);
        let d = cracked(&o);
        assert_eq!(
            d,
            vec![
                ("/etc/lighttpd/htpasswd".to_string(), "admin".to_string()),
                ("/www/.htpasswd".into(), "guest".into())
            ]
        );
        assert_eq!(subjects(&o, FindingKind::WeakCrypto), vec!["md5-password-hash", "sha1-password-hash"]);
        let audit = o.extra["credential_audit"]["accounts"].as_array().unwrap();
        assert!(audit.iter().all(|a| a["status"] != "unsupported-scheme"), "{audit:?}");
    }

    #[test]
    fn crack_reports_the_list_rank_of_the_first_hit_whatever_the_batching() {
        let hash = pwhash::md5_crypt::hash_with("$1$abcdefgh$", "pw-700").unwrap();
        let acc = Account {
            layer: "L0".into(),
            path: "/etc/shadow".into(),
            line: 1,
            user: "root".into(),
            hash,
            field: Field::Hash(Scheme::Md5),
        };
        // the password appears twice: the first place in list order is the one reported
        let mut cands: Vec<Candidate> = (0..2000)
            .map(|i| Candidate { password: format!("pw-{i}"), source: "common-passwords", origin: "" })
            .collect();
        cands[1500].password = "pw-700".into();
        let far = Instant::now() + Duration::from_secs(600);
        for _ in 0..3 {
            let o = crack(&acc.hash, Scheme::Md5, &cands, far);
            assert_eq!(o.found.as_ref().map(|c| c.password.as_str()), Some("pw-700"));
            assert_eq!((o.tried, o.total, o.exhausted), (701, 2000, false));
        }
        let miss = crack(&acc.hash, Scheme::Md5, &cands[..700], far);
        assert!(miss.found.is_none() && !miss.exhausted);
        assert_eq!(miss.tried, 700);
        let past = crack(&acc.hash, Scheme::Md5, &cands, Instant::now() - Duration::from_millis(1));
        assert!(past.found.is_none() && past.exhausted);
        assert_eq!(past.tried, 0);
    }

    #[test]
    fn budget_stops_and_is_reported() {
        let h = pwhash::sha512_crypt::hash_with("$6$rounds=50000$abcdefgh$", "not-in-any-list-9f8e").unwrap();
        let mut t = Tree::new();
        t.insert("etc/shadow", Node::file(format!("root:{h}:1:0:99999:7:::\n").into_bytes())).unwrap();
        let vfs = Vfs::from_tree("squashfs", t);
        let opts = CheckOptions { crack_budget_ms: 1, now: Some(0), common_passwords: 0, crack_work_us: u64::MAX };
        let o = Credentials.run(&Ctx::new(&vfs, &[], &opts));
        assert!(o.findings.is_empty());
        assert_eq!(o.extra["credential_audit"]["accounts"][0]["status"], "budget-exhausted");
        assert_eq!(o.problems.len(), 1);
    }

    #[test]
    fn work_cap_limits_costly_hashes_deterministically() {
        let h = pwhash::sha512_crypt::hash_with("$6$abcdefgh$", "not-in-any-list-9f8e").unwrap();
        let mut t = Tree::new();
        t.insert("etc/shadow", Node::file(format!("zq:{h}:1:0:99999:7:::\n").into_bytes())).unwrap();
        let vfs = Vfs::from_tree("squashfs", t);
        // room for 20 default-rounds sha512-crypt verifications
        let opts =
            CheckOptions { crack_budget_ms: 60_000, now: Some(0), common_passwords: 0, crack_work_us: 20 * 2600 };
        let o = Credentials.run(&Ctx::new(&vfs, &[], &opts));
        let acc = &o.extra["credential_audit"]["accounts"][0];
        assert_eq!(acc["status"], "not-cracked");
        assert_eq!(acc["candidates"], 20);
        assert_eq!(acc["tried"], 20);
        assert!(acc["work_cap"].as_str().unwrap().starts_with("20 of "));
        assert!(o.problems.is_empty());
    }
}
