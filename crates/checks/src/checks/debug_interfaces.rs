//! Open debug access: root shells on consoles without login, adbd, telnetd spawning a shell.

use crate::rule::{reqs, RuleMeta};
use fwassure_model::{FindingKind, Severity};

/// A root shell on a console without login.
pub const SERIAL_SHELL: RuleMeta = RuleMeta {
    id: "debug.console-root-shell",
    kind: FindingKind::DebugInterface,
    severity: Severity::High,
    cwe: "CWE-1191",
    title: "Console starts a root shell without login",
    remediation: "Start a login (getty/login) on consoles, or disable the console in production builds.",
    requirements: reqs::CONSOLE_ROOT_SHELL_RULE,
};

/// The Android debug bridge daemon is enabled.
pub const ADB: RuleMeta = RuleMeta {
    id: "debug.adb",
    kind: FindingKind::DebugInterface,
    severity: Severity::High,
    cwe: "CWE-1191",
    title: "Android debug bridge daemon (adbd) enabled",
    remediation: "Do not start adbd in production builds.",
    requirements: reqs::DEBUG_PORT,
};

/// telnetd configured to run a shell directly, without login.
pub const UNAUTH_TELNET: RuleMeta = RuleMeta {
    id: "debug.unauthenticated-telnet",
    kind: FindingKind::DebugInterface,
    severity: Severity::Critical,
    cwe: "CWE-306",
    title: "telnetd gives a shell without authentication",
    remediation: "Remove the telnet service; never run telnetd with a shell as its login program.",
    requirements: reqs::DEBUG_INTERFACE,
};

/// Rules of this check.
pub const RULES: &[RuleMeta] = &[SERIAL_SHELL, ADB, UNAUTH_TELNET];

use crate::rule::At;
use crate::startup::{is_shell, launches, Launch, Via};
use crate::text::{active_lines, basename, text_data};
use crate::{checks::Check, ChecksOutput, Ctx};

/// The debug-interfaces check.
pub struct DebugInterfaces;

/// An interactive shell: a shell program with no script operand and no `-c`.
fn interactive_shell(l: &Launch) -> bool {
    is_shell(&l.words[0]) && !l.words.iter().skip(1).any(|w| !w.starts_with('-') || w == "-c")
}

fn getty_shell(l: &Launch) -> Option<String> {
    if !basename(l.program()).ends_with("getty") {
        return None;
    }
    if let Some(p) = l.option("-l").or_else(|| l.option("--login-program")) {
        if is_shell(p) {
            return Some(format!("login program {p}"));
        }
    }
    match l.option("-a").or_else(|| l.option("--autologin")) {
        Some("root") => Some("autologin root".into()),
        _ => None,
    }
}

/// The file and line of a launch chain's first step (`/etc/inittab:58 myttyS0::respawn:…`).
fn chain_root(l: &Launch) -> Option<(&str, usize)> {
    let first = l.chain.first()?;
    let at = first.split(' ').next()?;
    let (path, line) = at.rsplit_once(':')?;
    Some((path, line.parse().ok()?))
}

fn console_of(l: &Launch) -> String {
    match &l.console {
        Some(tty) if !tty.is_empty() => tty.clone(),
        _ => "console".into(),
    }
}

impl Check for DebugInterfaces {
    fn id(&self) -> &'static str {
        "debug_interfaces"
    }
    fn rules(&self) -> &'static [RuleMeta] {
        RULES
    }
    fn run(&self, ctx: &Ctx<'_>) -> ChecksOutput {
        let mut out = ChecksOutput::default();
        for l in launches(ctx.vfs) {
            let at = At::new(&l.layer, &l.path).line(l.line);
            let ev = l.evidence();
            // a shell the console runs: an inittab/systemd entry itself, or a script such an entry runs (a
            // login wrapper such as OpenWrt's login.sh); under a condition it is reported as such, at medium
            let console_launch =
                matches!(l.via, Via::Inittab { .. } | Via::Systemd) || (l.console.is_some() && l.via == Via::Script);
            let before = out.findings.len();
            if console_launch && interactive_shell(&l) {
                // the console is opened by the chain's first step (the inittab entry or unit): the finding sits
                // there, and its chain shows the script line that starts the shell
                let at = match chain_root(&l) {
                    Some((path, line)) if l.via == Via::Script => At::new(&l.layer, path).line(line),
                    _ => at,
                };
                let mut f = SERIAL_SHELL.finding(
                    at,
                    "serial-root-shell",
                    if l.conditional {
                        format!(
                            "A root shell is started on {} without a login when a condition in the startup \
                             script holds (check its default).",
                            console_of(&l)
                        )
                    } else {
                        format!("A root shell is started on {} without a login.", console_of(&l))
                    },
                    ev,
                );
                if l.conditional {
                    f.severity = fwassure_model::Severity::Medium;
                }
                out.findings.push(f);
            } else if let Some(why) = getty_shell(&l) {
                out.findings.push(SERIAL_SHELL.finding(
                    at,
                    "serial-root-shell",
                    format!("getty on {} gives a root shell without a password ({why}).", console_of(&l)),
                    ev,
                ));
            } else if matches!(l.program(), "telnetd" | "utelnetd" | "in.telnetd")
                && l.option("-l").is_some_and(is_shell)
            {
                out.findings.push(UNAUTH_TELNET.finding(
                    at,
                    "unauthenticated-telnet",
                    "telnetd runs a shell directly instead of login: anyone on the network gets a root shell.".into(),
                    ev,
                ));
            } else if l.program() == "adbd" {
                out.findings.push(ADB.finding(at, "adb", "adbd (Android debug bridge) is started at boot.".into(), ev));
            }
            for f in &mut out.findings[before..] {
                f.chain = l.chain.clone();
            }
        }
        // Android properties that enable adb over USB
        for f in ctx.vfs.files() {
            let n = f.name();
            if !(n.ends_with(".prop") || n == "prop.default") {
                continue;
            }
            let Some(data) = text_data(f.data) else { continue };
            let text = String::from_utf8_lossy(&data);
            for (ln, l) in active_lines(&text) {
                if let Some(v) = l.strip_prefix("persist.sys.usb.config=").or_else(|| l.strip_prefix("sys.usb.config="))
                {
                    if v.split(',').any(|x| x.trim() == "adb") {
                        out.findings.push(ADB.finding(
                            At::new(&f.layer.id, f.path).line(ln),
                            "adb",
                            "The USB configuration enables adb at boot.".into(),
                            format!("{}:{ln}: {l}", f.path),
                        ));
                    }
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

    fn run(files: &[(&str, &str)]) -> Vec<(String, String)> {
        path_subjects(&DebugInterfaces, files)
    }

    #[test]
    fn shells_adb_telnet() {
        let got = run(&[
            ("etc/inittab", "::sysinit:/etc/init.d/rcS\nttyS0::respawn:/bin/sh\n::askfirst:-/bin/sh\n"),
            ("etc/init.d/rcS", "#!/bin/sh\n/usr/sbin/telnetd -l /bin/sh\n/sbin/adbd &\n"),
            ("default.prop", "persist.sys.usb.config=mtp,adb\n"),
        ]);
        assert_eq!(
            got,
            vec![
                ("/default.prop".to_string(), "adb".to_string()),
                ("/etc/init.d/rcS".into(), "adb".into()),
                ("/etc/init.d/rcS".into(), "unauthenticated-telnet".into()),
                ("/etc/inittab".into(), "serial-root-shell".into()),
                ("/etc/inittab".into(), "serial-root-shell".into()),
            ]
        );
    }

    #[test]
    fn a_login_wrapper_that_falls_back_to_a_shell() {
        let files = [
            ("etc/inittab", "::sysinit:/etc/init.d/rcS S boot\n::askconsole:/usr/libexec/login.sh\n"),
            (
                "usr/libexec/login.sh",
                "#!/bin/sh\n[ \"$(uci -q get system.@system[0].ttylogin)\" = 1 ] || exec /bin/ash --login\nexec /bin/login\n",
            ),
        ];
        let got = run(&files);
        assert_eq!(got, vec![("/etc/inittab".to_string(), "serial-root-shell".to_string())]);
        let vfs = crate::checks::test_util::text_vfs(&files);
        let out = DebugInterfaces.run(&Ctx::new(&vfs, &[], &crate::CheckOptions::default()));
        assert_eq!(out.findings[0].severity, fwassure_model::Severity::Medium);
        assert!(out.findings[0].message.contains("when a condition"));
        assert_eq!(out.findings[0].line, Some(2u32));
        assert!(out.findings[0].chain.last().is_some_and(|c| c.starts_with("/usr/libexec/login.sh:2")));
    }

    #[test]
    fn negatives() {
        let got = run(&[
            ("etc/inittab", "::sysinit:/bin/sh /etc/init.d/rcS\n#ttyS0::respawn:/bin/sh\nttyS0::respawn:/sbin/getty -L ttyS0 115200 vt100\n"),
            ("etc/init.d/rcS", "#!/bin/sh\n# /sbin/adbd\ntelnetd -l /bin/login\n"),
            ("etc/init.d/adbd", "/sbin/adbd\n"),
            ("default.prop", "#persist.sys.usb.config=adb\npersist.sys.usb.config=mtp\n"),
        ]);
        assert!(got.is_empty(), "{got:?}");
    }
}
