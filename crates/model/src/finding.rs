//! Findings: weaknesses in the image, each with evidence, remediation and requirement references.

use serde::{Deserialize, Serialize};

/// Severity, ordered from least to most severe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Informational.
    Info,
    /// Low.
    Low,
    /// Medium.
    Medium,
    /// High.
    High,
    /// Critical.
    Critical,
}

impl Severity {
    /// Lowercase name as serialised.
    pub fn as_str(&self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }
}

/// Kind of weakness; the serialised names are part of the report contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FindingKind {
    /// An account's password is a known default or common password.
    DefaultCredential,
    /// An account can log in with no password.
    EmptyPassword,
    /// A private key is present.
    PrivateKey,
    /// A credential for a cloud or service API is embedded.
    HardcodedSecret,
    /// A cleartext network service is enabled.
    CleartextService,
    /// A debug interface (root shell on console, adb …) is open.
    DebugInterface,
    /// An insecure setting.
    InsecureConfig,
    /// Weak cryptography (key sizes, password hash schemes, certificates).
    WeakCrypto,
    /// Missing exploit mitigations in a binary.
    BinaryHardening,
    /// A known-vulnerable component (used by assessments).
    VulnerableComponent,
}

impl Finding {
    /// The finding with this fingerprint (see [`Finding::fingerprint`]).
    pub fn with_fingerprint(mut self, fingerprint: String) -> Self {
        self.fingerprint = Some(fingerprint);
        self
    }
}

impl FindingKind {
    /// Kebab-case name as serialised.
    pub fn as_str(&self) -> &'static str {
        match self {
            FindingKind::DefaultCredential => "default-credential",
            FindingKind::EmptyPassword => "empty-password",
            FindingKind::PrivateKey => "private-key",
            FindingKind::HardcodedSecret => "hardcoded-secret",
            FindingKind::CleartextService => "cleartext-service",
            FindingKind::DebugInterface => "debug-interface",
            FindingKind::InsecureConfig => "insecure-config",
            FindingKind::WeakCrypto => "weak-crypto",
            FindingKind::BinaryHardening => "binary-hardening",
            FindingKind::VulnerableComponent => "vulnerable-component",
        }
    }
}

/// One weakness.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Finding {
    /// Stable rule id (e.g. `cred.default-password`).
    pub rule: String,
    /// Kind.
    pub kind: FindingKind,
    /// Severity.
    pub severity: Severity,
    /// Layer id.
    pub layer: String,
    /// Absolute path inside the layer.
    pub path: String,
    /// Subject: account name, key type, provider, protocol, setting … (see the kind).
    pub subject: String,
    /// One-sentence description.
    pub message: String,
    /// Evidence, secrets redacted (type and a short prefix only).
    pub evidence: String,
    /// What to do about it.
    pub remediation: String,
    /// CWE id, e.g. `CWE-798`.
    pub cwe: String,
    /// Requirement ids in the standards (`etsi-en-303-645:5.1-1`).
    pub requirements: Vec<String>,
    /// 1-based line in the file, for text evidence.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub line: Option<u32>,
    /// A stable fingerprint (e.g. of a private key) for fleet analysis.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub fingerprint: Option<String>,
    /// The startup chain that enables the finding, outermost first: one step per file that starts the next
    /// (`/etc/inittab:3 ::sysinit:/etc/init.d/rcS`, `/etc/init.d/rcS:12 /etc/init.d/S10system.sh start`, …),
    /// each as `path:line text`, the last step the line that starts the program. Empty (and not serialised)
    /// for findings that no startup chain enables.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub chain: Vec<String>,
}
