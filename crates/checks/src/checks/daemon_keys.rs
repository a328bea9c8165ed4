//! Shared secrets that daemons read from a file of their own: the key that authenticates a control channel or a
//! peer is the same on every device that ships the image.
//!
//! | file | daemon | what the secret guards |
//! |---|---|---|
//! | `dhcp6cctlkey`, `dhcp6sctlkey`, `dhcp6relayctlkey` | WIDE-DHCPv6 client, server, relay | the HMAC-MD5 key of the `dhcp6ctl` control channel (base64) |
//! | `rndc.key`, `*.key` with a `key { algorithm hmac-…; secret "…"; }` clause | BIND `rndc` / TSIG | remote control of the name server, zone transfers and updates |
//! | `ipsec.secrets` | strongSwan, Openswan, Libreswan | an IPsec pre-shared key (`: PSK "…"`) |
//! | `chap-secrets`, `pap-secrets` | pppd | a PPP peer secret that is neither empty nor `*` |
//!
//! Templates are not secrets: an empty value, `*`, a value that names its own setting (`secret`, `psk`,
//! `password`), or one of placeholder words (`changeme`, `your_secret`, `xxxx`). Files under documentation
//! folders are not read.

use crate::rule::{reqs, RuleMeta};
use fwassure_model::{FindingKind, Severity};

/// A daemon's shared key or secret shipped in the image.
pub const DAEMON_KEY: RuleMeta = RuleMeta {
    id: "secret.daemon-shared-key",
    kind: FindingKind::HardcodedSecret,
    severity: Severity::High,
    cwe: "CWE-321",
    title: "Daemon's shared key is the same on every device",
    remediation:
        "Generate the key on the device at first boot (or provision it per device); never ship it in the image.",
    requirements: reqs::DAEMON_SHARED_KEY_RULE,
};

/// Rules of this check.
pub const RULES: &[RuleMeta] = &[DAEMON_KEY];

use crate::rule::At;
use crate::text::{active_lines, redact, text_data};
use crate::{checks::Check, ChecksOutput, Ctx};
use base64::Engine as _;

/// The daemon-keys check.
pub struct DaemonKeys;

/// Largest file read.
const MAX_FILE: u64 = 64 << 10;

/// One secret found: subject, line, what it is, the secret.
type Hit = (&'static str, usize, &'static str, String);

fn is_template(v: &str) -> bool {
    let l = v.trim().to_ascii_lowercase();
    let norm = l.replace(['-', ' '], "_");
    let norm = norm.trim_matches('_');
    l.is_empty()
        || l == "*"
        || l.chars().all(|c| c == 'x' || c == '*' || c == '.')
        || ["secret", "psk", "password", "passphrase", "changeme", "key", "yoursecret", "your_secret", "mysecret"]
            .contains(&norm)
        || l.starts_with('<') && l.ends_with('>')
        || l.starts_with("your")
}

/// The base64 text of a WIDE-DHCPv6 control key file: one line that decodes to 16 bytes or more.
fn dhcp6_key(text: &str) -> Option<(usize, String)> {
    let (ln, line) = active_lines(text).next()?;
    let k = line.trim();
    let raw = base64::engine::general_purpose::STANDARD.decode(k).ok()?;
    (raw.len() >= 16).then(|| (ln, k.to_string()))
}

/// `secret "…";` inside a `key` clause with an `algorithm hmac-…`.
fn bind_keys(text: &str) -> Vec<(usize, String)> {
    if !text.contains("algorithm") || !text.contains("hmac-") {
        return Vec::new();
    }
    active_lines(text)
        .filter_map(|(ln, l)| {
            let rest = l[l.find("secret")? + "secret".len()..].trim_start();
            let v = rest.strip_prefix('"')?.split('"').next()?;
            (!is_template(v) && base64::engine::general_purpose::STANDARD.decode(v).is_ok()).then(|| (ln, v.into()))
        })
        .collect()
}

/// `[selectors] : PSK "secret"` lines.
fn ipsec_psks(text: &str) -> Vec<(usize, String)> {
    active_lines(text)
        .filter_map(|(ln, l)| {
            let (_, rest) = l.split_once(':')?;
            let rest = rest.trim_start();
            let v = rest.strip_prefix("PSK")?.trim();
            let v = v.trim_matches(['"', '\'']);
            (!is_template(v)).then(|| (ln, v.to_string()))
        })
        .collect()
}

/// `client server secret [addresses]` lines of pppd's secrets files with a literal secret.
fn ppp_secrets(text: &str) -> Vec<(usize, String)> {
    active_lines(text)
        .filter_map(|(ln, l)| {
            let w = crate::text::shell_words(l);
            let v = w.get(2)?;
            // a secret read from a file at run time (`@/path`) is not in the image
            (!is_template(v) && !v.starts_with('@') && !w[0].eq_ignore_ascii_case("client")).then(|| (ln, v.clone()))
        })
        .collect()
}

/// The secrets of one file, by its name.
fn secrets_of(path: &str, text: &str) -> Vec<Hit> {
    let name = path.rsplit('/').next().unwrap_or(path);
    let tag = |kind: &'static str, what: &'static str, v: Vec<(usize, String)>| {
        v.into_iter().map(|(ln, s)| (kind, ln, what, s)).collect::<Vec<Hit>>()
    };
    match name {
        "dhcp6cctlkey" | "dhcp6sctlkey" | "dhcp6relayctlkey" => tag(
            "wide-dhcpv6-control-key",
            "WIDE-DHCPv6 control-channel HMAC key",
            dhcp6_key(text).into_iter().collect(),
        ),
        "ipsec.secrets" => tag("ipsec-psk", "IPsec pre-shared key", ipsec_psks(text)),
        "chap-secrets" | "pap-secrets" => tag("ppp-secret", "PPP peer secret", ppp_secrets(text)),
        _ if name == "rndc.key" || name.ends_with(".key") || name == "named.conf" || name == "rndc.conf" => {
            tag("bind-tsig-key", "BIND rndc/TSIG key", bind_keys(text))
        }
        _ => Vec::new(),
    }
}

impl Check for DaemonKeys {
    fn id(&self) -> &'static str {
        "daemon_keys"
    }
    fn rules(&self) -> &'static [RuleMeta] {
        RULES
    }
    fn run(&self, ctx: &Ctx<'_>) -> ChecksOutput {
        let mut out = ChecksOutput::default();
        for f in ctx.vfs.files() {
            if f.data.len() > MAX_FILE || f.path.starts_with("/usr/share/doc/") {
                continue;
            }
            let name = f.name();
            let candidate = matches!(
                name,
                "dhcp6cctlkey" | "dhcp6sctlkey" | "dhcp6relayctlkey" | "ipsec.secrets" | "chap-secrets" | "pap-secrets"
            ) || name.ends_with(".key")
                || name == "named.conf"
                || name == "rndc.conf";
            if !candidate {
                continue;
            }
            let Some(data) = text_data(f.data) else { continue };
            let text = String::from_utf8_lossy(&data);
            for (subject, ln, what, secret) in secrets_of(f.path, &text) {
                out.findings.push(
                    DAEMON_KEY
                        .finding(
                            At::new(&f.layer.id, f.path).line(ln),
                            subject,
                            format!("The {what} in {} is shipped in the image: every device has the same one.", f.path),
                            format!("{}:{ln}: {what} {}", f.path, redact(&secret, 2)),
                        )
                        .with_fingerprint(crate::keys::secret_fingerprint("shared-key", secret.as_bytes())),
                );
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
    fn shared_keys_found() {
        let got = path_subjects(
            &DaemonKeys,
            &[
                ("etc/dhcp6cctlkey", "SU0mVUg+cgn63YWZOq+p6g==\n"),
                (
                    "etc/bind/rndc.key",
                    "key \"rndc-key\" {\n\talgorithm hmac-md5;\n\tsecret \"c3Ryb25nLXNlY3JldA==\";\n};\n",
                ),
                ("etc/ipsec.secrets", "# PSK for the tunnel\n: PSK \"Tunnel-Key-2014\"\n"),
                ("etc/ppp/chap-secrets", "# client server secret IP\nisp * s3cr3tW0rd *\n"),
            ],
        );
        assert_eq!(
            got,
            vec![
                ("/etc/bind/rndc.key".to_string(), "bind-tsig-key".to_string()),
                ("/etc/dhcp6cctlkey".into(), "wide-dhcpv6-control-key".into()),
                ("/etc/ipsec.secrets".into(), "ipsec-psk".into()),
                ("/etc/ppp/chap-secrets".into(), "ppp-secret".into()),
            ]
        );
    }

    #[test]
    fn templates_and_decoys_are_not_secrets() {
        let got = path_subjects(
            &DaemonKeys,
            &[
                // a key file that is not base64, a comment-only key file
                ("etc/dhcp6sctlkey", "# generate with: dd if=/dev/urandom bs=16 count=1 | base64\n"),
                ("etc/dhcp6cctlkey", "not base64!\n"),
                // the header line and run-time secrets of pppd, a placeholder PSK
                ("etc/ppp/chap-secrets", "# Secrets for authentication using CHAP\n# client\tserver\tsecret\t\tIP addresses\n\"user\" * @/var/ppp/secret *\nclient server secret IP\n"),
                ("etc/ppp/pap-secrets", "guest * \"\" *\n"),
                ("etc/ipsec.secrets", ": PSK \"<your pre-shared key>\"\n# : PSK \"old\"\n"),
                // a TLS private key file is another check's business; a key clause without a secret
                ("etc/ssl/server.key", "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n"),
                ("etc/bind/named.conf", "options { directory \"/var/named\"; };\n"),
                ("usr/share/doc/bind/rndc.key", "key x { algorithm hmac-md5; secret \"c3Ryb25nLXNlY3JldA==\"; };\n"),
            ],
        );
        assert!(got.is_empty(), "{got:?}");
    }
}
