//! Credentials on the command line of a daemon the image starts: `telnetd -u user:password`, a daemon's
//! `--password VALUE`, with the values the startup walk resolved (a `$(cat FILE)` of a file in the image).
//! Only commands the startup chain reaches count ([`crate::startup`]); a script nobody runs starts nothing.

use crate::rule::{reqs, At, RuleMeta};
use crate::startup::{launches, Launch};
use crate::text::redact;
use crate::{checks::Check, ChecksOutput, Ctx};
use fwassure_model::{FindingKind, Severity};
use std::collections::BTreeSet;

/// A fixed account and password given to a network daemon on its command line.
pub const CMDLINE_CREDENTIAL: RuleMeta = RuleMeta {
    id: "cred.cmdline-credential",
    kind: FindingKind::DefaultCredential,
    severity: Severity::Critical,
    cwe: "CWE-798",
    title: "Fixed credential on a started daemon's command line",
    remediation: "Do not start daemons with a built-in account; require a per-device password set by the user.",
    requirements: reqs::DEFAULT_CREDENTIAL,
};

/// Rules of this check.
pub const RULES: &[RuleMeta] = &[CMDLINE_CREDENTIAL];

/// The cmdline-credentials check.
pub struct CmdlineCredentials;

/// Options whose value is `USER:PASSWORD` (telnetd's `-u`, curl-style `--user`).
const PAIR_OPTIONS: &[&str] = &["-u", "-U", "--user", "--auth", "--credentials", "--login"];
/// Options whose value is a password on its own.
const PASSWORD_OPTIONS: &[&str] = &["--password", "--passwd", "--pass"];

/// A plausible account name: letters, digits, `_.-`, not starting with a digit or `-`, at most 32 bytes.
fn account_name(u: &str) -> bool {
    !u.is_empty()
        && u.len() <= 32
        && u.bytes().all(|c| c.is_ascii_alphanumeric() || b"_.-".contains(&c))
        && u.as_bytes()[0].is_ascii_alphabetic()
}

/// A value that stands for a password rather than being one: a template word, a variable or a command
/// substitution the walk did not resolve, a path, a format string.
fn placeholder(v: &str) -> bool {
    let l = v.to_ascii_lowercase();
    v.is_empty()
        || v.starts_with(['/', '<', '{', '%', '@'])
        || v.contains("%s")
        || l.contains("xxxx")
        || l.contains("example")
        || matches!(l.as_str(), "password" | "passwd" | "pass" | "pwd" | "secret" | "none" | "null" | "*" | "***")
}

/// What a launch's words give away: `(user, password)`; the password is `None` when the walk could not
/// resolve it (a run-time value: the account is still fixed).
fn credentials(l: &Launch) -> Vec<(String, Option<String>)> {
    let mut out = Vec::new();
    let words = &l.words;
    for (i, w) in words.iter().enumerate().skip(1) {
        let (opt, val) = match w.split_once('=') {
            Some((o, v)) if o.starts_with("--") => (o, Some(v.to_string())),
            _ => (w.as_str(), words.get(i + 1).cloned()),
        };
        let Some(val) = val else { continue };
        if PAIR_OPTIONS.contains(&opt) {
            let Some((user, pass)) = val.split_once(':') else { continue };
            // `host:port` and `uid:gid` are not credentials
            if !account_name(user) || pass.bytes().all(|c| c.is_ascii_digit()) || placeholder(user) {
                continue;
            }
            if pass.contains('$') {
                out.push((user.to_string(), None));
            } else if !placeholder(pass) {
                out.push((user.to_string(), Some(pass.to_string())));
            }
        } else if PASSWORD_OPTIONS.contains(&opt) && !val.contains('$') && !placeholder(&val) {
            let user = l.option("--user").or_else(|| l.option("--username")).unwrap_or("");
            let user = if account_name(user) { user.to_string() } else { l.program().to_string() };
            out.push((user, Some(val)));
        }
    }
    out
}

impl Check for CmdlineCredentials {
    fn id(&self) -> &'static str {
        "cmdline_credentials"
    }
    fn rules(&self) -> &'static [RuleMeta] {
        RULES
    }
    fn run(&self, ctx: &Ctx<'_>) -> ChecksOutput {
        let mut out = ChecksOutput::default();
        let mut seen = BTreeSet::new();
        for l in launches(ctx.vfs) {
            for (user, pass) in credentials(&l) {
                if !seen.insert((l.layer.clone(), l.path.clone(), l.line, user.clone())) {
                    continue;
                }
                let (message, shown) = match &pass {
                    Some(p) => (
                        format!(
                            "{} is started with the fixed account {user} and its password on the command line{}.",
                            l.program(),
                            if l.values.is_empty() { String::new() } else { format!(" ({})", l.values.join("; ")) }
                        ),
                        redact(p, 2),
                    ),
                    None => (
                        format!(
                            "{} is started with the fixed account {user}; its password is computed at run time.",
                            l.program()
                        ),
                        "unresolved".into(),
                    ),
                };
                let evidence = format!("{}: {} {user}:{shown}", l.evidence_at(), l.program());
                let mut f =
                    CMDLINE_CREDENTIAL.finding(At::new(&l.layer, &l.path).line(l.line), &user, message, evidence);
                f.chain = l.chain.clone();
                if let Some(p) = &pass {
                    f.fingerprint = Some(crate::keys::secret_fingerprint("password", p.as_bytes()));
                }
                out.findings.push(f);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::test_util::path_subjects;

    fn run(files: &[(&str, &str)]) -> Vec<(String, String)> {
        path_subjects(&CmdlineCredentials, files)
    }

    #[test]
    fn telnetd_account_through_the_chain() {
        let got = run(&[
            ("bin/busybox", "ELF"),
            ("sbin/init", "->/bin/busybox"),
            ("etc/init.d/rcS", "#!/bin/sh\nfor i in /etc/init.d/S??* ; do\n\t[ ! -f \"$i\" ] && continue\n\t$i\ndone\n"),
            ("etc/init.d/S10system.sh", "#!/bin/sh\n/etc/scripts/misc/telnetd.sh\n"),
            ("etc/config/defines", "SIGN_FILE=/etc/config/image_sign\n"),
            ("etc/config/image_sign", "wrgg19_dlwbr_dir300\n"),
            (
                "etc/scripts/misc/telnetd.sh",
                "#!/bin/sh\n. /etc/config/defines\nimage_sign=`cat $SIGN_FILE`\nif [ \"$(rgdb -g /sys/telnetd)\" = \"true\" ]; then\n\ttelnetd -l /usr/sbin/login -u Alphanetworks:$image_sign -i br0 &\nfi\n",
            ),
        ]);
        assert_eq!(got, vec![("/etc/scripts/misc/telnetd.sh".to_string(), "Alphanetworks".to_string())]);
        let vfs = crate::checks::test_util::text_vfs(&[
            ("etc/inittab", "::sysinit:/etc/init.d/rcS\n"),
            ("etc/init.d/rcS", "#!/bin/sh\n/etc/t.sh\n"),
            ("etc/pw", "s3cr3t\n"),
            ("etc/t.sh", "#!/bin/sh\nP=$(cat /etc/pw)\ntelnetd -u admin:$P\n"),
        ]);
        let o = CmdlineCredentials.run(&Ctx::new(&vfs, &[], &crate::CheckOptions::default()));
        assert_eq!(o.findings.len(), 1);
        let f = &o.findings[0];
        assert!(f.message.contains("first line of /etc/pw"), "{}", f.message);
        assert_eq!(f.chain.len(), 3, "{:?}", f.chain);
        assert!(f.chain[0].starts_with("/etc/inittab:1") && f.chain[2].starts_with("/etc/t.sh:3"), "{:?}", f.chain);
        assert!(!f.evidence.contains("s3cr3t"));
    }

    #[test]
    fn decoys() {
        let got = run(&[
            ("etc/inittab", "::sysinit:/etc/init.d/rcS\n"),
            (
                "etc/init.d/rcS",
                "#!/bin/sh\n# telnetd -u root:root\ntelnetd -u user:password\nchown -u 0:0 /x\nsocat -u tcp:8080 x\ndropbear -P /var/run/dropbear.pid\n",
            ),
            // a script no entry point runs
            ("etc/init.d/telnet", "#!/bin/sh\ntelnetd -u root:admin\n"),
        ]);
        assert!(got.is_empty(), "{got:?}");
    }
}
