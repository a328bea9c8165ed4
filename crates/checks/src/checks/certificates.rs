//! X.509 certificate inventory; expired and self-signed device certificates.

use crate::rule::{reqs, RuleMeta};
use fwassure_model::{FindingKind, Severity};

/// A certificate past its notAfter date.
pub const EXPIRED: RuleMeta = RuleMeta {
    id: "crypto.expired-certificate",
    kind: FindingKind::WeakCrypto,
    severity: Severity::Low,
    cwe: "CWE-298",
    title: "Certificate has expired",
    remediation: "Renew the certificate and provide a way to update it in the field.",
    requirements: reqs::WEAK_KEY_OR_CERT,
};

/// A self-signed device certificate (informational).
pub const SELF_SIGNED: RuleMeta = RuleMeta {
    id: "crypto.self-signed-certificate",
    kind: FindingKind::WeakCrypto,
    severity: Severity::Info,
    cwe: "CWE-295",
    title: "Self-signed device certificate (clients cannot authenticate the device)",
    remediation: "Issue device certificates from a CA the clients trust, unique per device.",
    requirements: reqs::WEAK_KEY_OR_CERT,
};

/// Rules of this check.
pub const RULES: &[RuleMeta] = &[EXPIRED, SELF_SIGNED];
