//! Dangerous file modes: world-writable startup scripts, setuid/setgid shells and interpreters.

use crate::rule::{reqs, RuleMeta};
use fwassure_model::{FindingKind, Severity};

/// A startup script anyone can modify.
pub const WORLD_WRITABLE_STARTUP: RuleMeta = RuleMeta {
    id: "config.world-writable-startup",
    kind: FindingKind::InsecureConfig,
    severity: Severity::High,
    cwe: "CWE-732",
    title: "World-writable startup script or unit",
    remediation: "Make startup scripts writable by root only (mode 0755 or stricter).",
    requirements: reqs::PRIVILEGE_CONFIG,
};

/// A shell or interpreter with the setuid/setgid bit.
pub const SETUID_SHELL: RuleMeta = RuleMeta {
    id: "config.setuid-shell",
    kind: FindingKind::InsecureConfig,
    severity: Severity::High,
    cwe: "CWE-250",
    title: "Shell or interpreter is setuid/setgid",
    remediation: "Remove the setuid/setgid bit from shells and interpreters.",
    requirements: reqs::PRIVILEGE_CONFIG,
};

/// Rules of this check.
pub const RULES: &[RuleMeta] = &[WORLD_WRITABLE_STARTUP, SETUID_SHELL];
