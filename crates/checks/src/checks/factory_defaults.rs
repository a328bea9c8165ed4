//! Device-login accounts in factory-default settings files (`/etc/nvram.default`, `*.nvram`, `default.cfg` as
//! `key=value` lines): an empty default password, or a default password that every device ships with.

use crate::rule::{reqs, RuleMeta};
use fwassure_model::{FindingKind, Severity};

/// A device-login account of the factory defaults has a fixed password (plain, or a hash that cracks).
pub const DEFAULT_SETTING_PASSWORD: RuleMeta = RuleMeta {
    id: "cred.factory-default-password",
    kind: FindingKind::DefaultCredential,
    severity: Severity::Critical,
    cwe: "CWE-1392",
    title: "Factory-default settings give a device-login account a fixed password",
    remediation:
        "Ship no fixed login password in the default settings: derive a unique one per device or force the user to set one at first use.",
    requirements: reqs::DEFAULT_CREDENTIAL,
};

/// A device-login account of the factory defaults has an empty password.
pub const DEFAULT_SETTING_EMPTY: RuleMeta = RuleMeta {
    id: "cred.factory-default-empty-password",
    kind: FindingKind::EmptyPassword,
    severity: Severity::Critical,
    cwe: "CWE-258",
    title: "Factory-default settings give a device-login account an empty password",
    remediation: "Require a password to be set before the management interface accepts logins.",
    requirements: reqs::EMPTY_PASSWORD,
};

/// Rules of this check.
pub const RULES: &[RuleMeta] = &[DEFAULT_SETTING_PASSWORD, DEFAULT_SETTING_EMPTY];

use crate::checks::credentials::{candidates, crack, Candidate};
use crate::crypt::{self, Field};
use crate::rule::At;
use crate::text::{redact, text_data};
use crate::{checks::Check, ChecksOutput, Ctx};
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

/// The factory-defaults check.
pub struct FactoryDefaults;

/// Largest settings file read.
const MAX_FILE: usize = 4 << 20;
/// Time budget for cracking the hashed default passwords of one image.
const CRACK_BUDGET_MS: u64 = 1000;

/// A file of factory-default `key=value` settings: an nvram defaults file or a `default.cfg`; or, with a
/// `.bin` name that says defaults or nvram, the binary form [`binary_nvram`] reads.
pub fn is_defaults_file(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
    name.ends_with(".nvram")
        || name.starts_with("nvram.default")
        || name.starts_with("nvram_default")
        || name == "default.cfg"
        || name == "defaults.cfg"
        || name == "nvram.txt"
        || (name.ends_with(".bin") && (name.contains("default") || name.contains("nvram")))
}

/// A binary nvram defaults table as DD-WRT ships it (`/etc/defaults.bin`): a little-endian `u32` entry count,
/// then per entry a one-byte key length, the key, a one-byte value length and the value. Read strictly: the
/// entries must end exactly at the end of the file and every key must be printable, or it is not this form.
/// Returns `key=value` lines (line N is entry N), so the text rules apply unchanged.
pub fn binary_nvram(data: &[u8]) -> Option<String> {
    let count = u32::from_le_bytes(data.get(..4)?.try_into().ok()?) as usize;
    if count == 0 || count > data.len() / 2 {
        return None;
    }
    let mut at = 4;
    let mut out = String::new();
    let field = |at: &mut usize| -> Option<&[u8]> {
        let n = *data.get(*at)? as usize;
        let v = data.get(*at + 1..*at + 1 + n)?;
        *at += 1 + n;
        Some(v)
    };
    for _ in 0..count {
        let k = field(&mut at)?;
        let v = field(&mut at)?;
        let printable = |b: &[u8]| b.iter().all(|&c| c.is_ascii_graphic() || c == b' ' || c == b'\t');
        if !printable(k) || k.contains(&b'=') || !printable(v) {
            return None;
        }
        out.push_str(&String::from_utf8_lossy(k));
        out.push('=');
        out.push_str(&String::from_utf8_lossy(v));
        out.push('\n');
    }
    (at == data.len()).then_some(out)
}

/// The `key=value` text of a defaults file: the file itself when it is text, else its binary nvram form.
pub fn defaults_text(data: &fwassure_model::FileData) -> Option<String> {
    if data.len() > MAX_FILE as u64 {
        return None;
    }
    match text_data(data) {
        Some(d) => Some(String::from_utf8_lossy(&d).into_owned()),
        None => binary_nvram(&data.read_lossy()),
    }
}

/// Distinct user names of the published default credentials, most widely published first: the candidates for
/// a user name stored as a hash (DD-WRT keeps the web login's user name as a DES crypt too).
fn published_users() -> Vec<Candidate> {
    let mut seen = std::collections::HashSet::new();
    crate::checks::credentials::published()
        .iter()
        .filter(|p| p.user != "*" && valid_user(p.user) && seen.insert(p.user))
        .map(|p| Candidate { password: p.user.to_string(), source: p.list, origin: p.origin })
        .collect()
}

/// The user name of an account: as written, or the published user name its hash is made of.
fn user_name(user: &str, deadline: Instant) -> Option<String> {
    if valid_user(user) && !matches!(crypt::classify(user), Field::Hash(_)) {
        return Some(user.to_string());
    }
    match crypt::classify(user) {
        Field::Hash(scheme) if crypt::verifiable(scheme, user).is_ok() => {
            crack(user, scheme, &published_users(), deadline).found.map(|c| c.password)
        }
        _ => valid_user(user).then(|| user.to_string()),
    }
}

/// The words a key prefix is made of when it names the device's own login (web UI, console, telnet), not the
/// credentials the device uses as a client of another service (PPPoE, DDNS, mail, Wi-Fi).
const LOGIN_WORDS: &[&str] = &[
    "admin",
    "user",
    "http",
    "https",
    "web",
    "www",
    "webui",
    "gui",
    "login",
    "sys",
    "system",
    "root",
    "super",
    "superuser",
    "telnet",
    "ssh",
    "console",
    "guest",
    "support",
    "mgmt",
    "manage",
    "management",
    "device",
    "router",
    "httpd",
    "local",
];

/// True when every word of `prefix` (split on `_`, `.`, `-`, digits dropped) is a device-login word.
fn login_prefix(prefix: &str) -> bool {
    let words: Vec<String> = prefix
        .split(['_', '.', '-'])
        .map(|w| w.trim_end_matches(|c: char| c.is_ascii_digit()).to_ascii_lowercase())
        .filter(|w| !w.is_empty())
        .collect();
    !words.is_empty() && words.iter().all(|w| LOGIN_WORDS.contains(&w.as_str()))
}

/// Split a key into (account prefix, role): role `u` for a user name, `p` for a password.
fn role(key: &str) -> Option<(&str, char)> {
    let k = key.to_ascii_lowercase();
    for (suffix, r) in [
        ("_username", 'u'),
        ("_user_name", 'u'),
        ("_login", 'u'),
        ("_user", 'u'),
        ("_name", 'u'),
        ("_password", 'p'),
        ("_passwd", 'p'),
        ("_pass", 'p'),
        ("_pwd", 'p'),
        ("_pw", 'p'),
    ] {
        if k.ends_with(suffix) {
            return Some((&key[..key.len() - suffix.len()], r));
        }
    }
    None
}

/// A value that stands for a password instead of being one: a variable, a reference, a format.
fn placeholder(v: &str) -> bool {
    v.starts_with(['$', '%', '{', '<', '`', '@', '&'])
        || v.contains("${")
        || v.contains("$(")
        || matches!(v.to_ascii_lowercase().as_str(), "password" | "passwd" | "none" | "null" | "changeme" | "pass")
}

fn valid_user(u: &str) -> bool {
    !u.is_empty() && u.len() <= 64 && u.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-@".contains(&b))
}

/// One device-login account of a defaults file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DefaultAccount {
    /// The key prefix (`admin`, `http`).
    pub prefix: String,
    /// The user name.
    pub user: String,
    /// The password value as written.
    pub password: String,
    /// 1-based line of the password key.
    pub line: usize,
    /// The password line as written.
    pub text: String,
}

/// The device-login accounts of a `key=value` defaults text: a login prefix with both a user-name key and a
/// password key. A user-name key with an empty value means no account; a placeholder password is skipped.
pub fn accounts(text: &str) -> Vec<DefaultAccount> {
    let mut users = BTreeMap::<String, String>::new();
    let mut passwords = BTreeMap::<String, (String, usize, String)>::new();
    for (i, raw) in text.lines().enumerate() {
        let l = raw.trim();
        if l.starts_with('#') || l.starts_with(';') {
            continue;
        }
        let Some((k, v)) = l.split_once('=') else { continue };
        let (k, v) = (k.trim(), v.trim().trim_matches(|c| c == '"' || c == '\''));
        let Some((prefix, r)) = role(k) else { continue };
        if !login_prefix(prefix) {
            continue;
        }
        let prefix = prefix.to_ascii_lowercase();
        if r == 'u' {
            users.entry(prefix).or_insert_with(|| v.to_string());
        } else {
            passwords.entry(prefix).or_insert_with(|| (v.to_string(), i + 1, l.to_string()));
        }
    }
    passwords
        .into_iter()
        .filter_map(|(prefix, (password, line, text))| {
            let user = users.get(&prefix)?.clone();
            let hashed = matches!(crypt::classify(&user), Field::Hash(_));
            ((valid_user(&user) || hashed) && !placeholder(&password)).then_some(DefaultAccount {
                prefix,
                user,
                password,
                line,
                text,
            })
        })
        .collect()
}

impl Check for FactoryDefaults {
    fn id(&self) -> &'static str {
        "factory_defaults"
    }
    fn rules(&self) -> &'static [RuleMeta] {
        RULES
    }
    fn run(&self, ctx: &Ctx<'_>) -> ChecksOutput {
        let mut out = ChecksOutput::default();
        let deadline = Instant::now() + Duration::from_millis(CRACK_BUDGET_MS);
        for f in ctx.vfs.files() {
            if !is_defaults_file(f.path) {
                continue;
            }
            let Some(text) = defaults_text(f.data) else { continue };
            for mut a in accounts(&text) {
                let at = At::new(&f.layer.id, f.path).line(a.line);
                let mut ev = format!("{}:{}: {}", f.path, a.line, a.text);
                let Some(user) = user_name(&a.user, deadline) else { continue };
                if user != a.user {
                    ev = format!("{ev} (user name {} = crypt({user}))", a.user);
                    a.user = user;
                }
                if a.password.is_empty() {
                    out.findings.push(DEFAULT_SETTING_EMPTY.finding(
                        at,
                        &a.user,
                        format!(
                            "Factory defaults give the '{}' login ({} settings) an empty password.",
                            a.user, a.prefix
                        ),
                        ev,
                    ));
                    continue;
                }
                // a fixed password: one a hash gives away, or one written in clear
                let fixed = match crypt::classify(&a.password) {
                    Field::Hash(scheme) if crypt::verifiable(scheme, &a.password).is_ok() => {
                        let (mut cands, specific) = candidates(&a.user, ctx.opts.common_passwords);
                        let cost = crypt::verify_cost_us(scheme, &a.password).max(1);
                        let cap = usize::try_from(ctx.opts.crack_work_us / cost).unwrap_or(usize::MAX).max(specific);
                        cands.truncate(cap);
                        crack(&a.password, scheme, &cands, deadline).found.map(|c| {
                            let message = format!(
                                "Factory defaults give the '{}' login a {} hash of a known password ({} list).",
                                a.user,
                                scheme.name(),
                                c.source
                            );
                            (message, format!("{ev} = crypt({})", redact(&c.password, 2)), c.password)
                        })
                    }
                    Field::Hash(_) | Field::Unsupported(_) | Field::Empty => None,
                    // a value that locks the login (`*`, `!`, `x`)
                    Field::Locked if a.password.starts_with(['!', '*']) || a.password == "x" => None,
                    Field::Locked => Some((
                        format!(
                            "Factory defaults give the '{}' login the fixed password {} on every device.",
                            a.user,
                            redact(&a.password, 2)
                        ),
                        format!("{}:{}: {}_… = {}", f.path, a.line, a.prefix, redact(&a.password, 2)),
                        a.password.clone(),
                    )),
                };
                if let Some((message, evidence, password)) = fixed {
                    let fingerprint = crate::keys::secret_fingerprint("password", password.as_bytes());
                    out.findings.push(
                        DEFAULT_SETTING_PASSWORD.finding(at, &a.user, message, evidence).with_fingerprint(fingerprint),
                    );
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::test_util::path_subjects;

    #[test]
    fn nvram_defaults_login_accounts_only() {
        // from a D-Link DIR-615 /etc/nvram.default: the web logins, and client credentials that are not logins
        let nvram = "admin_username=admin\nadmin_password=\nuser_username=user\nuser_password=\n\
                     wan_pppoe_username_00=\nwan_pppoe_password_00=\nlog_email_username=user\nlog_email_password=pass\n\
                     wlan0_psk_pass_phrase=1234567890\nddns_username=\nddns_password=\n";
        let v = path_subjects(&FactoryDefaults, &[("etc/nvram.default", nvram)]);
        assert_eq!(
            v,
            vec![("/etc/nvram.default".into(), "admin".into()), ("/etc/nvram.default".into(), "user".into())]
        );
    }

    #[test]
    fn plain_and_hashed_defaults_and_decoys() {
        #[allow(deprecated)] // DES crypt is what the firmware stores
        let des = pwhash::unix_crypt::hash_with("bJ", "admin").unwrap();
        let files = [
            ("etc/router.nvram", "http_username=root\nhttp_passwd=s3cr3tX\n".to_string()),
            ("etc/hashed.nvram", format!("http_username=root\nhttp_passwd={des}\n")),
            // placeholders, commented lines, a password without a user, and a file that is no defaults file
            ("etc/a.nvram", "http_username=root\nhttp_passwd=$HTTP_PW\n".to_string()),
            ("etc/b.nvram", "#admin_username=admin\n#admin_password=admin\nadmin_password=x1\n".to_string()),
            ("etc/settings.conf", "admin_username=admin\nadmin_password=\n".to_string()),
        ];
        let files: Vec<(&str, &str)> = files.iter().map(|(p, c)| (*p, c.as_str())).collect();
        let vfs = crate::checks::test_util::text_vfs(&files);
        let o = FactoryDefaults.run(&Ctx::new(&vfs, &[], &crate::CheckOptions::default()));
        let mut v: Vec<_> = o.findings.iter().map(|f| (f.path.as_str(), f.rule.as_str(), f.subject.as_str())).collect();
        v.sort();
        assert_eq!(
            v,
            vec![
                ("/etc/hashed.nvram", "cred.factory-default-password", "root"),
                ("/etc/router.nvram", "cred.factory-default-password", "root"),
            ]
        );
        assert!(o.findings.iter().all(|f| !f.evidence.contains("s3cr3tX")), "the password is redacted");
    }

    #[test]
    fn login_prefixes() {
        assert!(login_prefix("admin") && login_prefix("http") && login_prefix("web_admin2"));
        assert!(!login_prefix("wan_pppoe") && !login_prefix("log_email") && !login_prefix("ddns"));
    }

    #[test]
    fn binary_nvram_defaults_with_a_hashed_user_name() {
        // DD-WRT's /etc/defaults.bin keeps the web login's user name and password as DES crypt strings
        #[allow(deprecated)]
        let (user, pass) = (
            pwhash::unix_crypt::hash_with("bJ", "root").unwrap(),
            pwhash::unix_crypt::hash_with("bJ", "admin").unwrap(),
        );
        let mut bin = 3u32.to_le_bytes().to_vec();
        for (k, v) in [("http_username", user.as_str()), ("http_passwd", pass.as_str()), ("router_name", "DD-WRT")] {
            bin.push(k.len() as u8);
            bin.extend(k.as_bytes());
            bin.push(v.len() as u8);
            bin.extend(v.as_bytes());
        }
        assert!(binary_nvram(&bin).unwrap().starts_with("http_username="));
        // strict: a trailing byte, or a count that does not fit, is not this form
        let mut bad = bin.clone();
        bad.push(0);
        assert!(binary_nvram(&bad).is_none());
        assert!(binary_nvram(&[9, 0, 0, 0, 1, b'a']).is_none());
        let mut t = fwassure_model::Tree::new();
        t.insert("/etc/defaults.bin", fwassure_model::Node::file(bin)).unwrap();
        let vfs = fwassure_model::Vfs::from_tree("squashfs", t);
        let o = FactoryDefaults.run(&Ctx::new(&vfs, &[], &crate::CheckOptions::default()));
        let v: Vec<_> =
            o.findings.iter().map(|f| (f.path.as_str(), f.rule.as_str(), f.subject.as_str(), f.line)).collect();
        assert_eq!(v, vec![("/etc/defaults.bin", "cred.factory-default-password", "root", Some(2))]);
        assert!(o.findings[0].evidence.contains("= crypt(root)"), "{}", o.findings[0].evidence);
    }
}
