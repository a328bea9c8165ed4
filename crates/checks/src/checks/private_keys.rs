//! Private keys in files and embedded in binaries (PEM, DER, OpenSSH, PuTTY).

use crate::rule::{reqs, RuleMeta};
use fwassure_model::{FindingKind, Severity};

/// An unencrypted private key.
pub const PRIVATE_KEY: RuleMeta = RuleMeta {
    id: "key.private-key",
    kind: FindingKind::PrivateKey,
    severity: Severity::High,
    cwe: "CWE-321",
    title: "Unencrypted private key in the image",
    remediation: "Generate keys on the device at first boot or provision them per device into secure storage; never ship them in the image.",
    requirements: reqs::PRIVATE_KEY,
};

/// A passphrase-encrypted private key (lower severity: the passphrase is often nearby).
pub const ENCRYPTED_PRIVATE_KEY: RuleMeta = RuleMeta {
    id: "key.encrypted-private-key",
    kind: FindingKind::PrivateKey,
    severity: Severity::Medium,
    cwe: "CWE-321",
    title: "Encrypted private key in the image",
    remediation: "Provision keys per device into secure storage; an image-wide key is shared by every device even when encrypted.",
    requirements: reqs::PRIVATE_KEY,
};

/// An RSA/DSA key or certificate key that is too small.
pub const WEAK_KEY: RuleMeta = RuleMeta {
    id: "crypto.weak-key",
    kind: FindingKind::WeakCrypto,
    severity: Severity::Medium,
    cwe: "CWE-326",
    title: "Key too small (RSA/DSA below 2048 bits, EC below 224 bits)",
    remediation: "Use RSA of at least 2048 bits, or P-256 / Ed25519.",
    requirements: reqs::WEAK_KEY_OR_CERT,
};

/// Rules of this check.
pub const RULES: &[RuleMeta] = &[PRIVATE_KEY, ENCRYPTED_PRIVATE_KEY, WEAK_KEY];
