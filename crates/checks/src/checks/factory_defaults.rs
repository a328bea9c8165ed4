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

use crate::checks::credentials::{candidates, crack};
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

/// A file of factory-default `key=value` settings: an nvram defaults file or a `default.cfg`.
pub fn is_defaults_file(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
    name.ends_with(".nvram")
        || name.starts_with("nvram.default")
        || name.starts_with("nvram_default")
        || name == "default.cfg"
        || name == "defaults.cfg"
        || name == "nvram.txt"
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
            (valid_user(&user) && !placeholder(&password)).then_some(DefaultAccount {
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
            if !is_defaults_file(f.path) || f.data.len() > MAX_FILE as u64 {
                continue;
            }
            let Some(data) = text_data(f.data) else { continue };
            let text = String::from_utf8_lossy(&data);
            for a in accounts(&text) {
                let at = At::new(&f.layer.id, f.path).line(a.line);
                let ev = format!("{}:{}: {}", f.path, a.line, a.text);
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
}
