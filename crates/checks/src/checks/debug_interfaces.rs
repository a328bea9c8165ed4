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
    requirements: reqs::DEBUG_INTERFACE,
};

/// The Android debug bridge daemon is enabled.
pub const ADB: RuleMeta = RuleMeta {
    id: "debug.adb",
    kind: FindingKind::DebugInterface,
    severity: Severity::High,
    cwe: "CWE-1191",
    title: "Android debug bridge daemon (adbd) enabled",
    remediation: "Do not start adbd in production builds.",
    requirements: reqs::DEBUG_INTERFACE,
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
