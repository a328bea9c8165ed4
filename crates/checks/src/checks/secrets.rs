//! Hard-coded cloud and service credentials recognised by their provider formats, in text and binaries.

use crate::rule::{reqs, RuleMeta};
use fwassure_model::{content, FileRef, FindingKind, Severity};

/// A provider API credential (AWS, GCP, Azure, GitHub, GitLab, Slack, Stripe, Twilio, Google API key).
pub const API_CREDENTIAL: RuleMeta = RuleMeta {
    id: "secret.api-credential",
    kind: FindingKind::HardcodedSecret,
    severity: Severity::High,
    cwe: "CWE-798",
    title: "Hard-coded credential for a cloud or service API",
    remediation: "Revoke the credential; provision per-device credentials at runtime (e.g. from secure storage or a device certificate exchange).",
    requirements: reqs::API_CREDENTIAL,
};

/// A literal password in a service configuration (MQTT, generic `password=` settings).
pub const CONFIG_PASSWORD: RuleMeta = RuleMeta {
    id: "secret.config-password",
    kind: FindingKind::HardcodedSecret,
    severity: Severity::Medium,
    cwe: "CWE-260",
    title: "Literal password in a configuration file",
    remediation: "Do not ship a fixed password; generate it per device or set it during onboarding.",
    requirements: reqs::HARDCODED_SECRET,
};

/// Rules of this check.
pub const RULES: &[RuleMeta] = &[API_CREDENTIAL, CONFIG_PASSWORD];

use crate::rule::At;
use crate::text::{is_elf, is_text, redact, strings};
use crate::{checks::Check, ChecksOutput, Ctx, FileFacts};
use regex::Regex;
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// A hit and its 1-based line (None in a binary).
type LocatedHit = (Hit, Option<usize>);

/// The hard-coded secrets check.
pub struct Secrets;

/// Files bigger than this are not searched.
const MAX_FILE: usize = 32 << 20;

/// One detected secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Provider (`github`, `aws` …, `mqtt`, `generic-password`).
    pub provider: &'static str,
    /// What it is (`personal access token`, `webhook URL` …).
    pub what: &'static str,
    /// Byte offset in the searched text.
    pub offset: usize,
    /// Redacted value for evidence.
    pub redacted: String,
    /// True for a literal configuration password (lower-severity rule).
    pub config_password: bool,
    /// Fingerprint of the whole secret (see [`crate::keys::secret_fingerprint`]).
    pub fingerprint: String,
}

fn re(s: &str) -> Regex {
    Regex::new(s).expect("static regex")
}

static GITHUB: LazyLock<Regex> = LazyLock::new(|| re(r"\b(gh[pousr])_([A-Za-z0-9]{36})\b"));
static GITHUB_PAT: LazyLock<Regex> = LazyLock::new(|| re(r"\bgithub_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}\b"));
static GITLAB: LazyLock<Regex> = LazyLock::new(|| re(r"\bglpat-[A-Za-z0-9_\-]{20,64}"));
static SLACK_TOKEN: LazyLock<Regex> =
    LazyLock::new(|| re(r"\bxox[bpoas]-[0-9]{8,13}-[0-9]{8,13}(?:-[0-9]{8,13})?-[A-Za-z0-9]{24,34}\b"));
static SLACK_HOOK: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"https://hooks\.slack\.com/(?:services|workflows|triggers)/T[A-Z0-9]{6,12}/[AB][A-Z0-9]{6,12}/[A-Za-z0-9]{20,32}",
    )
});
static STRIPE: LazyLock<Regex> = LazyLock::new(|| re(r"\b[sr]k_live_[A-Za-z0-9]{24,99}\b"));
static GOOGLE_API: LazyLock<Regex> = LazyLock::new(|| re(r"\bAIza[0-9A-Za-z_\-]{35}(?:[^0-9A-Za-z_\-]|$)"));
static AWS_ID: LazyLock<Regex> = LazyLock::new(|| re(r"\b(?:AKIA|ASIA|AGPA|AIDA|AROA)[A-Z2-7]{16}\b"));
static AWS_SECRET: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:^|[^A-Za-z0-9/+])([A-Za-z0-9/+]{40})(?:[^A-Za-z0-9/+=]|$)"));
static TWILIO_SID: LazyLock<Regex> = LazyLock::new(|| re(r"\bAC[0-9a-f]{32}\b"));
static TWILIO_TOKEN: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)(?:auth_?token|twilio_?token|TWILIO_AUTH)\W{0,5}([0-9a-f]{32})\b"));
static GCP: LazyLock<Regex> = LazyLock::new(|| re(r#""type"\s*:\s*"service_account""#));
static GCP_KEY: LazyLock<Regex> = LazyLock::new(|| re(r#""private_key"\s*:\s*"-----BEGIN (?:RSA )?PRIVATE KEY-----"#));
static AZURE_CONN: LazyLock<Regex> =
    LazyLock::new(|| re(r"DefaultEndpointsProtocol=https?;AccountName=[a-z0-9]{3,24};AccountKey=[A-Za-z0-9+/]{86}=="));
static AZURE_SAS: LazyLock<Regex> =
    LazyLock::new(|| re(r"Endpoint=sb://[^;\s]+;SharedAccessKeyName=[^;\s]+;SharedAccessKey=[A-Za-z0-9+/]{42,43}="));
static MQTT_URL: LazyLock<Regex> =
    LazyLock::new(|| re(r"\bmqtts?://([^:/\s@]{1,64}):([^@/\s]{4,128})@[A-Za-z0-9.\-]+"));
static CONF_PASSWORD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r#"(?im)^\s*(?:option\s+|list\s+)?["']?([A-Za-z0-9_.\-]{0,40}?(?:password|passwd|passphrase|pwd))["']?\s*(?:[=:]\s*|\s+)["']?([^"'\s,;]{6,128})["']?\s*[,;]?\s*$"#,
    )
});

const BASE62: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// GitHub's token checksum: base62 of the CRC32 of the 30 random characters, left-padded to 6.
pub fn github_checksum_ok(body: &str) -> bool {
    if body.len() != 36 {
        return false;
    }
    let (rand, sum) = body.split_at(30);
    let mut c = crc32fast::hash(rand.as_bytes()) as u64;
    let mut s = [b'0'; 6];
    for i in (0..6).rev() {
        s[i] = BASE62[(c % 62) as usize];
        c /= 62;
    }
    s == sum.as_bytes()
}

fn is_example(v: &str) -> bool {
    let l = v.to_ascii_lowercase();
    ["example", "xxxx", "dummy", "sample", "placeholder", "your_", "yourpass", "changeme", "<", "1234567890abcdef"]
        .iter()
        .any(|p| l.contains(p))
}

/// Files whose grammar gives the words that follow a key a fixed meaning: (file name, the grammar's keywords).
/// A value that is one of them is the file's syntax, not a password (`passwd: compat` in nsswitch.conf names
/// the source of the account database).
const GRAMMARS: &[(&str, &[&str])] = &[
    (
        "nsswitch.conf",
        // nsswitch.conf(5): the services of glibc, musl and uClibc, and the status/action words
        &[
            "files",
            "compat",
            "db",
            "nis",
            "nisplus",
            "dns",
            "hesiod",
            "ldap",
            "systemd",
            "myhostname",
            "mymachines",
            "resolve",
            "sss",
            "winbind",
            "wins",
            "mdns",
            "mdns4",
            "mdns6",
            "mdns_minimal",
            "mdns4_minimal",
            "mdns6_minimal",
            "usrfiles",
            "altfiles",
            "extrausers",
            "cache",
            "nis+",
            "yp",
            "return",
            "continue",
            "merge",
            "success",
            "notfound",
            "unavail",
            "tryagain",
        ],
    ),
    ("host.conf", &["bind", "hosts", "nis", "on", "off", "multi", "order", "warn", "nospoof"]),
];

/// True when `value` is a keyword of the grammar of the file called `name` (see [`GRAMMARS`]).
pub fn grammar_keyword(name: &str, value: &str) -> bool {
    let v = value.to_ascii_lowercase();
    GRAMMARS.iter().any(|(file, words)| *file == name && words.iter().any(|w| v.split(['[', ' ']).next() == Some(*w)))
}

/// True for a template value: the setting's own name or a word of it (`wpa_passphrase=passphrase`,
/// `password=password`), or a generic word that stands for "put the password here".
fn template_value(key: &str, value: &str) -> bool {
    let (k, v) = (key.to_ascii_lowercase(), value.to_ascii_lowercase());
    let words: Vec<&str> = k.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect();
    k == v
        || words.contains(&v.as_str())
        || matches!(
            v.as_str(),
            "passphrase"
                | "pass"
                | "pwd"
                | "changeme"
                | "change_me"
                | "changeit"
                | "yourpassword"
                | "mypassword"
                | "your_password"
                | "secretkey"
                | "key"
                | "psk"
                | "unset"
                | "empty"
                | "blank"
                | "nopass"
                | "nopassword"
        )
}

fn placeholder_password(v: &str) -> bool {
    let l = v.to_ascii_lowercase();
    let first = v.as_bytes()[0];
    b"$%{<`/@&*(".contains(&first)
        || v.contains("$(")
        || v.contains("${")
        || v.contains("%s")
        || matches!(
            l.as_str(),
            "password"
                | "passwd"
                | "secret"
                | "none"
                | "null"
                | "true"
                | "false"
                | "required"
                | "optional"
                | "disabled"
                | "enabled"
                | "hidden"
                | "string"
                | "default"
        )
        || v.bytes().all(|b| b == v.as_bytes()[0])
        || is_example(v)
        || l.ends_with("_password")
        || l.ends_with("_file")
}

fn mixed_base64ish(s: &str) -> bool {
    s.bytes().any(|b| b.is_ascii_uppercase())
        && s.bytes().any(|b| b.is_ascii_lowercase())
        && s.bytes().any(|b| b.is_ascii_digit())
}

fn boundary(s: &str, mut i: usize, up: bool) -> usize {
    while i > 0 && i < s.len() && !s.is_char_boundary(i) {
        if up {
            i += 1;
        } else {
            i -= 1;
        }
    }
    i.min(s.len())
}

/// Detect secrets in a text (a text file, or the strings of a binary); `config_file` turns on the
/// literal-password detector.
pub fn detect(text: &str, config_file: bool) -> Vec<Hit> {
    detect_in(text, config_file.then_some(""))
}

/// Detect secrets in a text; `config` is the file name of a configuration file (its grammar's keywords are
/// not passwords), `None` for other text and the strings of binaries.
pub fn detect_in(text: &str, config: Option<&str>) -> Vec<Hit> {
    let mut v = Vec::new();
    let mut hit = |provider, what, offset, value: &str, keep| {
        if !is_example(value) {
            v.push(Hit {
                provider,
                what,
                offset,
                redacted: redact(value, keep),
                config_password: false,
                fingerprint: crate::keys::secret_fingerprint("secret", value.as_bytes()),
            });
        }
    };
    for c in GITHUB.captures_iter(text) {
        if github_checksum_ok(&c[2]) {
            hit("github", "token (checksum valid)", c.get(0).map_or(0, |m| m.start()), &c[0], 6);
        }
    }
    for m in GITHUB_PAT.find_iter(text) {
        hit("github", "fine-grained token", m.start(), m.as_str(), 14);
    }
    for m in GITLAB.find_iter(text) {
        hit("gitlab", "personal access token", m.start(), m.as_str(), 8);
    }
    for m in SLACK_TOKEN.find_iter(text) {
        hit("slack", "API token", m.start(), m.as_str(), 6);
    }
    for m in SLACK_HOOK.find_iter(text) {
        hit("slack", "incoming webhook URL", m.start(), m.as_str(), 34);
    }
    for m in STRIPE.find_iter(text) {
        hit("stripe", "live secret key", m.start(), m.as_str(), 10);
    }
    for m in GOOGLE_API.find_iter(text) {
        hit("google-api", "API key", m.start(), &m.as_str()[..39], 6);
    }
    // AWS: a key id counts only with a secret key near it (pairing)
    for m in AWS_ID.find_iter(text) {
        let lo = boundary(text, m.start().saturating_sub(400), false);
        let hi = boundary(text, (m.end() + 400).min(text.len()), true);
        let paired = AWS_SECRET.captures_iter(&text[lo..hi]).any(|c| mixed_base64ish(&c[1]) && !is_example(&c[1]));
        if paired {
            hit("aws", "access key id with secret access key", m.start(), m.as_str(), 8);
        }
    }
    if let Some(m) = TWILIO_SID.find(text) {
        if TWILIO_TOKEN.is_match(text) {
            hit("twilio", "account SID with auth token", m.start(), m.as_str(), 6);
        }
    }
    if let (Some(m), true) = (GCP.find(text), GCP_KEY.is_match(text)) {
        hit("gcp", "service-account key file", m.start(), "service_account private_key", 0);
    }
    for m in AZURE_CONN.find_iter(text).chain(AZURE_SAS.find_iter(text)) {
        hit("azure", "storage/service-bus key in a connection string", m.start(), m.as_str(), 30);
    }
    for c in MQTT_URL.captures_iter(text) {
        if !placeholder_password(&c[2]) {
            hit("mqtt", "broker URL with password", c.get(0).map_or(0, |m| m.start()), &c[0], 9);
        }
    }
    if let Some(name) = config {
        for c in CONF_PASSWORD.captures_iter(text) {
            let (key, val) = (&c[1], &c[2]);
            if placeholder_password(val) || template_value(key, val) || grammar_keyword(name, val) {
                continue;
            }
            let lk = key.to_ascii_lowercase();
            let provider =
                if lk.contains("mqtt") || lk.starts_with("remote_password") { "mqtt" } else { "generic-password" };
            v.push(Hit {
                provider,
                what: "literal password setting",
                offset: c.get(0).map_or(0, |m| m.start()),
                redacted: format!("{key} = {}", redact(val, 2)),
                config_password: true,
                fingerprint: crate::keys::secret_fingerprint("password", val.as_bytes()),
            });
        }
    }
    v
}

/// Files whose `key = value` lines are configuration (for the literal-password detector).
fn is_config(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let ext = name.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    path.starts_with("/etc/config/")
        || matches!(ext, "conf" | "cfg" | "ini" | "json" | "yaml" | "yml" | "env" | "properties" | "toml" | "cnf")
}

fn is_doc(path: &str) -> bool {
    ["/usr/share/doc/", "/usr/share/man/", "/usr/share/info/", "/usr/share/gtk-doc/"]
        .iter()
        .any(|d| path.starts_with(d))
}

impl Check for Secrets {
    fn id(&self) -> &'static str {
        "secrets"
    }
    fn rules(&self) -> &'static [RuleMeta] {
        RULES
    }
    fn scan_file(&self, f: &FileRef<'_>) -> Option<FileFacts> {
        if f.data.len() > MAX_FILE || is_doc(f.path) {
            return None;
        }
        let hits: Vec<LocatedHit> = if is_text(f.data) {
            let text = String::from_utf8_lossy(f.data);
            let name = f.path.rsplit('/').next().unwrap_or(f.path);
            let hits = detect_in(&text, is_config(f.path).then_some(name));
            hits.into_iter()
                .map(|h| {
                    let line = text.get(..h.offset).map(|p| p.matches('\n').count() + 1);
                    (h, line)
                })
                .collect()
        } else if is_elf(f.data) || f.data.len() >= 16 {
            // an ELF file's code sections hold no strings: only its data sections are read
            let joined: String = content::search_ranges(f.data)
                .into_iter()
                .flat_map(|r| strings(&f.data[r], 8))
                .map(|(_, s)| s)
                .collect::<Vec<_>>()
                .join("\n");
            detect(&joined, false).into_iter().map(|h| (h, None)).collect()
        } else {
            vec![]
        };
        (!hits.is_empty()).then(|| Box::new(hits) as FileFacts)
    }
    fn run(&self, ctx: &Ctx<'_>) -> ChecksOutput {
        let found = ctx.scanned::<Vec<LocatedHit>>(self);
        let mut out = ChecksOutput::default();
        for (f, hits) in found {
            let mut per: BTreeMap<&'static str, Vec<(Hit, Option<usize>)>> = BTreeMap::new();
            for h in hits {
                per.entry(h.0.provider).or_default().push(h);
            }
            for (provider, mut hs) in per {
                // a provider-format hit outranks a literal password setting of the same provider
                hs.sort_by_key(|(h, _)| h.config_password);
                let (h, line) = &hs[0];
                let rule = if h.config_password { &CONFIG_PASSWORD } else { &API_CREDENTIAL };
                let mut at = At::new(&f.layer.id, f.path);
                if let Some(l) = line {
                    at = at.line(*l);
                }
                let more = if hs.len() > 1 { format!(" ({} occurrences)", hs.len()) } else { String::new() };
                let place = if line.is_some() { "" } else { " (in the strings of a binary)" };
                out.findings.push(
                    rule.finding(
                        at,
                        provider,
                        format!("Hard-coded {provider} {}{place}{more}.", h.what),
                        format!("{provider} {}: {}", h.what, h.redacted),
                    )
                    .with_fingerprint(h.fingerprint.clone()),
                );
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::CheckOptions;
    use fwassure_model::{Node, Tree, Vfs};

    fn token() -> String {
        // build a checksum-valid classic token from 30 fixed characters
        let rand = "aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC2";
        let mut c = crc32fast::hash(rand.as_bytes()) as u64;
        let mut s = [b'0'; 6];
        for i in (0..6).rev() {
            s[i] = BASE62[(c % 62) as usize];
            c /= 62;
        }
        format!("ghp_{rand}{}", std::str::from_utf8(&s).unwrap())
    }

    fn run(files: &[(&str, Vec<u8>)]) -> Vec<(String, String, String)> {
        let mut t = Tree::new();
        for (p, c) in files {
            t.insert(p, Node::file(c.clone())).unwrap();
        }
        let vfs = Vfs::from_tree("squashfs", t);
        let o = Secrets.run(&Ctx::new(&vfs, &[], &CheckOptions::default()));
        for f in &o.findings {
            assert!(
                !f.evidence.contains(&token()) && !f.evidence.contains("Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2"),
                "{}",
                f.evidence
            );
        }
        let mut v: Vec<_> = o.findings.iter().map(|f| (f.path.clone(), f.subject.clone(), f.rule.clone())).collect();
        v.sort();
        v
    }

    /// The same token in two files (two images) has one fingerprint, which does not hold the token; another
    /// token has another.
    #[test]
    fn fingerprints_tie_one_secret_across_files_without_holding_it() {
        let tok = token();
        let mut t = Tree::new();
        for p in ["/etc/a.conf", "/usr/share/b.js"] {
            t.insert(p, Node::file(format!("token = \"{tok}\"\n").into_bytes())).unwrap();
        }
        let vfs = Vfs::from_tree("squashfs", t);
        let o = Secrets.run(&Ctx::new(&vfs, &[], &CheckOptions::default()));
        let fps: Vec<&str> = o.findings.iter().filter_map(|f| f.fingerprint.as_deref()).collect();
        assert_eq!(fps.len(), 2, "{:?}", o.findings);
        assert_eq!(fps[0], fps[1]);
        assert!(fps[0].starts_with("sha256-secret:") && !fps[0].contains(&tok[4..]));
        assert_ne!(fps[0], crate::keys::secret_fingerprint("secret", b"ghp_another"));
    }

    #[test]
    fn providers_found_and_redacted() {
        let tok = token();
        let mut bin = b"\x7fELF\x01\x02\x00\x00".to_vec();
        bin.extend(format!("Authorization: token {tok}\x00").as_bytes());
        let got = run(&[
            ("usr/bin/cloud-sync.sh", format!("#!/bin/sh\nTOKEN={tok}\ncurl -H \"Authorization: token $TOKEN\"\n").into_bytes()),
            ("etc/notify.conf", b"url=https://hooks.slack.com/services/T0ABCDEFGH/B0ABCDEFGH/Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2\n".to_vec()),
            ("usr/bin/agent", bin),
            ("etc/aws.json", br#"{"aws_access_key_id": "AKIAQWERTYUIOPASDFGH", "aws_secret_access_key": "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"}"#.to_vec()),
            ("etc/mqtt.conf", b"broker = mqtts://dev:S3cr3tPw@broker.acme-iot.net:8883\nmqtt_password = hunter2x\n".to_vec()),
            ("etc/app/db.ini", b"[db]\npassword = Tr0ub4dor&3\n".to_vec()),
        ]);
        assert_eq!(
            got,
            vec![
                ("/etc/app/db.ini".to_string(), "generic-password".to_string(), "secret.config-password".to_string()),
                ("/etc/aws.json".into(), "aws".into(), "secret.api-credential".into()),
                ("/etc/mqtt.conf".into(), "mqtt".into(), "secret.api-credential".into()),
                ("/etc/notify.conf".into(), "slack".into(), "secret.api-credential".into()),
                ("/usr/bin/agent".into(), "github".into(), "secret.api-credential".into()),
                ("/usr/bin/cloud-sync.sh".into(), "github".into(), "secret.api-credential".into()),
            ]
        );
    }

    #[test]
    fn grammar_keywords_and_templates_are_not_passwords() {
        // lines of real files: nsswitch.conf of a TP-Link and a D-Link image, the template hostapd config
        let got = run(&[
            ("etc/nsswitch.conf", b"# /etc/nsswitch.conf\npasswd: compat\ngroup: compat\nhosts: files dns\n".to_vec()),
            (
                "etc/ath/wpa2-psk.conf",
                b"interface=ath0\nwpa=2\nwpa_passphrase=passphrase\nwpa_pairwise=CCMP\n".to_vec(),
            ),
            ("etc/config/rpcd", b"config login\n\toption username 'root'\n\toption password '$p$root'\n".to_vec()),
            ("etc/app.conf", b"admin_password = admin_password\nuser_pwd = changeme\n".to_vec()),
            // decoy of the decoy: the same words in a file of another grammar are still checked
            ("etc/other.conf", b"passwd: compat7x\n".to_vec()),
            ("etc/real.conf", b"wpa_passphrase=Rt9#kq2LmZ\n".to_vec()),
        ]);
        assert_eq!(
            got,
            vec![
                ("/etc/other.conf".to_string(), "generic-password".to_string(), "secret.config-password".to_string()),
                ("/etc/real.conf".into(), "generic-password".into(), "secret.config-password".into()),
            ]
        );
        assert!(grammar_keyword("nsswitch.conf", "compat") && !grammar_keyword("app.conf", "compat"));
    }

    #[test]
    fn negatives() {
        let mut bad = token();
        bad.replace_range(4..5, if &bad[4..5] == "Q" { "R" } else { "Q" }); // checksum no longer valid
        let got = run(&[
            ("usr/bin/cloud-sync.sh", b"#!/bin/sh\n# the token (secret) is provisioned at runtime\nTOKEN=$(cat /etc/cloud/token)\n".to_vec()),
            ("www/login.html", b"<form><input type=\"password\" name=\"password\"></form>\n".to_vec()),
            ("etc/app.conf", b"# password = hunter22\npassword = ${PASSWORD}\npassword_file = /etc/pw\npassword=\n".to_vec()),
            ("etc/aws.conf", b"aws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n".to_vec()),
            ("etc/lonely.conf", b"key_id = AKIAQWERTYUIOPASDFGH\n".to_vec()),
            ("etc/bad.sh", format!("T={bad}\n").into_bytes()),
            ("usr/share/doc/app/README", b"export SLACK=https://hooks.slack.com/services/T0ABCDEFGH/B0ABCDEFGH/Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2\n".to_vec()),
        ]);
        assert!(got.is_empty(), "{got:?}");
    }
}
