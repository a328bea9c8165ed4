//! SSH server settings (OpenSSH sshd_config, dropbear options) that weaken authentication.

use crate::rule::{reqs, RuleMeta};
use fwassure_model::{FindingKind, Severity};

/// The SSH server accepts empty passwords.
pub const EMPTY_PASSWORDS: RuleMeta = RuleMeta {
    id: "config.ssh-permit-empty-passwords",
    kind: FindingKind::InsecureConfig,
    severity: Severity::High,
    cwe: "CWE-258",
    title: "SSH server accepts empty passwords",
    remediation: "Set `PermitEmptyPasswords no` (OpenSSH); do not pass `-B` to dropbear.",
    requirements: reqs::SSH_EMPTY_PASSWORDS,
};

/// The SSH server lets root log in with a password.
pub const ROOT_PASSWORD_LOGIN: RuleMeta = RuleMeta {
    id: "config.ssh-root-password-login",
    kind: FindingKind::InsecureConfig,
    severity: Severity::Medium,
    cwe: "CWE-250",
    title: "SSH server allows root login with a password",
    remediation: "Set `PermitRootLogin prohibit-password` (OpenSSH) or pass `-g`/`-w` to dropbear; use keys.",
    requirements: reqs::SSH_ROOT_PASSWORD_LOGIN,
};

/// Rules of this check.
pub const RULES: &[RuleMeta] = &[EMPTY_PASSWORDS, ROOT_PASSWORD_LOGIN];

use crate::rule::At;
use crate::startup::launches;
use crate::text::{active_lines, shell_words, text_data};
use crate::{checks::Check, ChecksOutput, Ctx};

/// The SSH-configuration check.
pub struct SshConfig;

impl Check for SshConfig {
    fn id(&self) -> &'static str {
        "ssh_config"
    }
    fn rules(&self) -> &'static [RuleMeta] {
        RULES
    }
    fn run(&self, ctx: &Ctx<'_>) -> ChecksOutput {
        let mut out = ChecksOutput::default();
        for f in ctx.vfs.files() {
            if f.name() != "sshd_config" && f.path != "/etc/config/dropbear" {
                continue;
            }
            let Some(data) = text_data(f.data) else { continue };
            let text = String::from_utf8_lossy(&data);
            if f.name() == "sshd_config" {
                let mut empty = None;
                let mut root = None;
                let mut password_auth = true;
                for (ln, l) in active_lines(&text) {
                    let mut w = l.split_whitespace();
                    let (k, v) =
                        (w.next().unwrap_or("").to_ascii_lowercase(), w.next().unwrap_or("").to_ascii_lowercase());
                    match (k.as_str(), v.as_str()) {
                        ("match", _) => break, // conditional blocks follow
                        ("permitemptypasswords", "yes") => empty = Some((ln, l.to_string())),
                        ("permitrootlogin", "yes") => root = Some((ln, l.to_string())),
                        ("passwordauthentication", "no") => password_auth = false,
                        _ => {}
                    }
                }
                if let Some((ln, l)) = empty.filter(|_| password_auth) {
                    out.findings.push(EMPTY_PASSWORDS.finding(
                        At::new(&f.layer.id, f.path).line(ln),
                        "ssh-permit-empty-passwords",
                        "sshd accepts accounts with empty passwords.".into(),
                        format!("{}:{ln}: {l}", f.path),
                    ));
                }
                if let Some((ln, l)) = root.filter(|_| password_auth) {
                    out.findings.push(ROOT_PASSWORD_LOGIN.finding(
                        At::new(&f.layer.id, f.path).line(ln),
                        "ssh-root-password-login",
                        "sshd lets root log in with a password.".into(),
                        format!("{}:{ln}: {l}", f.path),
                    ));
                }
            } else if f.path == "/etc/config/dropbear" {
                for (ln, l) in active_lines(&text) {
                    let w = shell_words(l);
                    if w.len() >= 3
                        && w[0] == "option"
                        && w[1] == "RootPasswordAuth"
                        && matches!(w[2].as_str(), "on" | "1")
                    {
                        out.findings.push(ROOT_PASSWORD_LOGIN.finding(
                            At::new(&f.layer.id, f.path).line(ln),
                            "ssh-root-password-login",
                            "dropbear is configured to let root log in with a password.".into(),
                            format!("{}:{ln}: {l}", f.path),
                        ));
                    }
                }
            }
        }
        for l in launches(ctx.vfs) {
            if l.program() == "dropbear"
                && l.words.iter().skip(1).any(|w| w.starts_with('-') && !w.starts_with("--") && w.contains('B'))
            {
                out.findings.push(EMPTY_PASSWORDS.finding(
                    At::new(&l.layer, &l.path).line(l.line),
                    "ssh-permit-empty-passwords",
                    "dropbear is started with -B (allow blank passwords).".into(),
                    format!("{}:{}: {}", l.path, l.line, l.words.join(" ")),
                ));
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

    #[test]
    fn sshd_and_dropbear() {
        let mut t = Tree::new();
        t.insert(
            "etc/ssh/sshd_config",
            Node::file(&b"#PermitEmptyPasswords yes\nPermitRootLogin yes\nPermitEmptyPasswords yes\n"[..]),
        )
        .unwrap();
        t.insert("etc/init.d/S50dropbear", Node::file(&b"dropbear -R -B\n# dropbear -B\n"[..])).unwrap();
        t.insert("etc/config/dropbear", Node::file(&b"config dropbear\n\toption RootPasswordAuth 'on'\n"[..])).unwrap();
        t.insert("srv/ssh/sshd_config", Node::file(&b"PermitRootLogin yes\nPasswordAuthentication no\n"[..])).unwrap();
        let vfs = Vfs::from_tree("squashfs", t);
        let o = SshConfig.run(&Ctx::new(&vfs, &[], &CheckOptions::default()));
        let mut v: Vec<_> = o.findings.iter().map(|f| (f.path.as_str(), f.subject.as_str(), f.line)).collect();
        v.sort();
        assert_eq!(
            v,
            vec![
                ("/etc/config/dropbear", "ssh-root-password-login", Some(2)),
                ("/etc/init.d/S50dropbear", "ssh-permit-empty-passwords", Some(1)),
                ("/etc/ssh/sshd_config", "ssh-permit-empty-passwords", Some(3)),
                ("/etc/ssh/sshd_config", "ssh-root-password-login", Some(2)),
            ]
        );
    }
}
