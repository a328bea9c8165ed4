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
    requirements: reqs::WEAK_LOGIN_CONFIG,
};

/// The SSH server lets root log in with a password.
pub const ROOT_PASSWORD_LOGIN: RuleMeta = RuleMeta {
    id: "config.ssh-root-password-login",
    kind: FindingKind::InsecureConfig,
    severity: Severity::Medium,
    cwe: "CWE-250",
    title: "SSH server allows root login with a password",
    remediation: "Set `PermitRootLogin prohibit-password` (OpenSSH) or pass `-g`/`-w` to dropbear; use keys.",
    requirements: reqs::WEAK_LOGIN_CONFIG,
};

/// Rules of this check.
pub const RULES: &[RuleMeta] = &[EMPTY_PASSWORDS, ROOT_PASSWORD_LOGIN];
