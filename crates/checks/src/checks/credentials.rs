//! Password hashes in account databases: default, common and username-derived passwords, empty passwords,
//! weak hash schemes.

use crate::rule::{reqs, RuleMeta};
use fwassure_model::{FindingKind, Severity};

/// A password hash cracks with a known default, botnet, username-derived or common password.
pub const DEFAULT_PASSWORD: RuleMeta = RuleMeta {
    id: "cred.default-password",
    kind: FindingKind::DefaultCredential,
    severity: Severity::Critical,
    cwe: "CWE-1392",
    title: "Account password is a known default or common password",
    remediation:
        "Remove the fixed password; give each device a unique password or force the user to set one at first use.",
    requirements: reqs::DEFAULT_CREDENTIAL,
};

/// An account with an empty password field.
pub const EMPTY_PASSWORD: RuleMeta = RuleMeta {
    id: "cred.empty-password",
    kind: FindingKind::EmptyPassword,
    severity: Severity::Critical,
    cwe: "CWE-258",
    title: "Account can log in without a password",
    remediation: "Lock the account (`*` or `!` in the password field) or require a per-device password.",
    requirements: reqs::EMPTY_PASSWORD,
};

/// A stored password hash uses a weak scheme (DES crypt, md5-crypt).
pub const WEAK_HASH: RuleMeta = RuleMeta {
    id: "crypto.weak-password-hash",
    kind: FindingKind::WeakCrypto,
    severity: Severity::Medium,
    cwe: "CWE-916",
    title: "Password hash uses a weak scheme (DES crypt or md5-crypt)",
    remediation: "Store passwords with yescrypt, bcrypt or sha512-crypt with a high round count.",
    requirements: reqs::WEAK_PASSWORD_HASH,
};

/// Rules of this check.
pub const RULES: &[RuleMeta] = &[DEFAULT_PASSWORD, EMPTY_PASSWORD, WEAK_HASH];
